package mlkata.cli;

/** A mistake of the user's (an unknown kata, a missing file): printed as one message, exit code 2. */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}

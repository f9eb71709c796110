package mlkata.grader.support;

import static org.quicktheories.QuickTheory.qt;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.opentest4j.AssertionFailedError;
import org.quicktheories.core.Gen;

/**
 * Runs a property with QuickTheories and turns its report into a grader failure message: the property's
 * name, the smallest falsifying input (QuickTheories shrinks it), the assertion that failed with
 * expected and actual, and the seed with the flag that replays it ({@code -DQT_SEED=...}).
 *
 * <p>An untouched stub is not shrunk: the first stub exception ends the property as "not started".
 */
public final class Props {
  /** Examples per property unless a spec says otherwise. */
  public static final int DEFAULT_EXAMPLES = 200;

  /** Shrinking attempts after a failure: enough to reach a handful of elements on our generators. */
  private static final int SHRINK_CYCLES = 2000;

  private Props() {}

  /** Checks {@code body} on {@value #DEFAULT_EXAMPLES} inputs drawn from {@code gen}. */
  public static <T> void check(String property, Gen<T> gen, Consumer<T> body) {
    check(property, DEFAULT_EXAMPLES, gen, body);
  }

  /** Checks {@code body} on {@code examples} inputs drawn from {@code gen}. */
  public static <T> void check(String property, int examples, Gen<T> gen, Consumer<T> body) {
    AtomicReference<RuntimeException> stub = new AtomicReference<>();
    // For kata show (Counterexamples): the last value that falsified the property; after shrinking, the smallest.
    AtomicReference<T> lastFailing = new AtomicReference<>();
    try {
      qt().withExamples(examples).withShrinkCycles(SHRINK_CYCLES).forAll(gen).checkAssert(value -> {
        if (stub.get() != null) {
          return;
        }
        try {
          body.accept(value);
        } catch (AssertionError e) {
          lastFailing.set(value);
          throw e;
        } catch (RuntimeException | StackOverflowError e) {
          if (e instanceof RuntimeException && NotStarted.isStub(e)) {
            stub.set((RuntimeException) e);
            return;
          }
          lastFailing.set(value);
          // QuickTheories keeps the message of what was thrown, not its stack: keep the learner's lines.
          String type = e.getClass().getName();
          throw new AssertionError(LearnerFrames.append(type.substring(type.lastIndexOf('.') + 1)
              + (e.getMessage() == null ? "" : ": " + e.getMessage()), e), e);
        }
      });
    } catch (AssertionError e) {
      String message = report(property, e.getMessage());
      if (Counterexamples.collecting()) {
        Counterexamples.record(property, lastFailing.get(), seed(e.getMessage()), message);
      }
      AssertionFailedError failure = new AssertionFailedError(message);
      failure.setStackTrace(new StackTraceElement[0]);
      throw failure;
    }
    if (stub.get() != null) {
      throw stub.get();
    }
  }

  /** The seed in a QuickTheories report ("Seed was ..."), or null. */
  static String seed(String qtMessage) {
    if (qtMessage != null) {
      for (String line : qtMessage.split("\n")) {
        if (line.strip().startsWith("Seed was")) {
          return line.strip().substring("Seed was".length()).strip();
        }
      }
    }
    return null;
  }

  /** Keeps what a learner needs from a QuickTheories report and adds the replay flag. */
  static String report(String property, String qtMessage) {
    StringBuilder out = new StringBuilder("Property '").append(property).append("' does not hold.\n");
    if (qtMessage == null) {
      return out.toString();
    }
    String seed = seed(qtMessage);
    boolean skipping = false;
    for (String line : qtMessage.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("Seed was")) {
        continue;
      }
      if (trimmed.startsWith("Other found falsifying value")) {
        skipping = true;
      }
      boolean learnerLine = trimmed.startsWith("at ") && (trimmed.contains("(exercises/") || trimmed.contains("(solutions/"));
      if (skipping || (trimmed.startsWith("at ") && !learnerLine) || trimmed.startsWith("...")) {
        continue;
      }
      if (trimmed.startsWith("Smallest found falsifying value")) {
        out.append("Smallest failing input:\n");
        continue;
      }
      if (trimmed.startsWith("Cause was")) {
        out.append("What went wrong:\n");
        continue;
      }
      if (!trimmed.isEmpty() && !trimmed.equals("-")) {
        out.append("  ").append(line.startsWith("Property falsified") ? trimmed : line.stripTrailing()).append('\n');
      }
    }
    if (seed != null) {
      out.append("Seed ").append(seed).append(": replay with -DQT_SEED=").append(seed)
          .append(" (Maven) or --seed ").append(seed).append(" (kata check)\n");
    }
    return out.toString();
  }
}

package mlkata.exercises.optimizers;

/**
 * <h2>Kata: one step of SGD with momentum, dampening, Nesterov momentum and weight decay</h2>
 *
 * <p>Plain stochastic gradient descent moves every parameter against its gradient:
 * {@code p' = p - lr * g}. Momentum keeps a running "velocity" buffer per parameter so that directions
 * the gradient keeps pointing in build up speed while oscillating directions cancel out. Here the
 * optimizer is a pure function: you receive the parameters, their gradients, the state left by the
 * previous step and the hyperparameters, and you return the new parameters and the new state.
 *
 * <p>The semantics are PyTorch 1.13's {@code torch.optim.SGD} (the single-tensor code path,
 * {@code maximize=False}). Every coordinate {@code i} is updated independently of the others, with
 * {@code mu = momentum}. The returned state holds the new buffer and {@code step = state.step() + 1}.
 * The conventions this kata pins:
 * <ul>
 *   <li><b>Weight decay</b> is an L2 penalty: {@code weightDecay * p} is added to the gradient first,
 *       and everything else (buffer, Nesterov, plain step) sees that decayed gradient, so the decay
 *       accumulates in the momentum like any gradient.
 *   <li><b>Without momentum</b> ({@code mu == 0}) the step is plain SGD with the decayed gradient and
 *       the buffer is carried through unchanged.
 *   <li><b>The first step.</b> torch creates the buffer as a copy of the (decayed) gradient, so the
 *       first step is a plain SGD step whatever the dampening. The buffer after step 1 is <i>not</i>
 *       {@code (1 - dampening)} times the gradient, as a zero-initialised buffer would give: the two
 *       differ as soon as dampening is not 0. The buffer held by {@link State#initial(int)} is never
 *       read. Which step is "first" is decided by {@code state.step() == 0}, not by the buffer's
 *       contents. (torch decides by whether a buffer exists yet; the two differ only if you switch
 *       momentum on in the middle of a run, which this kata does not need.)
 *   <li><b>Momentum and dampening.</b> From the second step on, the old buffer is weighted by
 *       {@code mu} and the new (decayed) gradient by {@code 1 - dampening}. With
 *       {@code dampening == 1} the buffer stops listening to new gradients after step 1 and just
 *       decays. Classical momentum moves the parameter by {@code lr} times the new buffer.
 *   <li><b>Nesterov</b> follows torch's "look-ahead" form: the move combines the current (decayed)
 *       gradient with {@code mu} times the buffer <i>just updated on this step</i>, not the old one.
 *       torch refuses Nesterov without momentum or with nonzero dampening; so does this kata.
 *   <li>{@code lr} may be 0 (nothing moves, the buffer still updates). {@code momentum} may exceed 1, as in
 *       torch (the iteration then diverges, but it is well defined). torch does not check
 *       {@code dampening}; this kata requires it in {@code [0, 1]}.
 *   <li>Empty vectors are allowed: the result is empty and the step counter still advances.
 * </ul>
 *
 * <p><b>Immutability.</b> Never modify {@code params}, {@code grads} or the buffer inside {@code state}:
 * return new arrays (the buffer may be passed through as is when momentum is 0).
 *
 * <p><b>Non-finite values.</b> Parameters, gradients and buffer entries must be finite, otherwise
 * {@link IllegalArgumentException}. Hyperparameters must be finite and in range (see {@link #step}); NaN
 * anywhere is rejected. An update may still overflow to infinity (momentum above 1, huge learning rates);
 * that is returned, not rejected.
 *
 * <p><b>Complexity.</b> O(n) time and O(n) extra memory per step for n parameters. The state costs one
 * double per parameter.
 *
 * <p>Example, lr 0.1, momentum 0.9, no dampening, params {@code [1.0]}, gradient {@code [1.0]} on every
 * step from {@link State#initial(int) State.initial(1)}: step 1 sets {@code buf' = 1} and
 * {@code p' = 0.9}; step 2 has {@code buf' = 0.9 * 1 + 1 = 1.9} and {@code p' = 0.9 - 0.19 = 0.71}. With
 * Nesterov instead, step 1 moves by {@code 1 + 0.9 * 1 = 1.9} ({@code p' = 0.81}) and step 2 by
 * {@code 1 + 0.9 * 1.9 = 2.71} ({@code p' = 0.539}). With dampening 0.5 (and no Nesterov), step 1 is
 * unchanged and step 2 has {@code buf' = 0.9 + 0.5 = 1.4}, {@code p' = 0.76}.
 */
public final class SgdMomentum {
  private SgdMomentum() {}

  /**
   * Hyperparameters of one step.
   *
   * @param lr learning rate, finite and {@code >= 0}
   * @param momentum momentum factor {@code mu}, finite and {@code >= 0}; 0 turns momentum off
   * @param dampening how much of each new gradient the buffer ignores from step 2 on, in {@code [0, 1]}
   * @param weightDecay L2 coefficient added to the gradient as {@code weightDecay * p}, finite and
   *     {@code >= 0}; 0 turns it off
   * @param nesterov true for Nesterov momentum; needs {@code momentum > 0} and {@code dampening == 0}
   */
  public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {

    /**
     * torch.optim.SGD's defaults for everything but the learning rate, which torch requires.
     *
     * @param lr the learning rate (not validated here; {@link SgdMomentum#step} validates it)
     * @return the given lr, momentum 0, dampening 0, weight decay 0, no Nesterov
     */
    public static Config defaults(double lr) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement SgdMomentum.Config.defaults");
    }
  }

  /**
   * The optimizer state between steps.
   *
   * @param buffer the momentum buffer, one entry per parameter (unused before the first step and when
   *     momentum is 0)
   * @param step the number of steps taken so far (0 before the first step)
   */
  public record State(double[] buffer, int step) {

    /**
     * The state before the first step.
     *
     * @param size number of parameters
     * @return a zero buffer of length {@code size} and {@code step == 0}
     * @throws IllegalArgumentException with a message naming {@code size} if it is negative
     */
    public static State initial(int size) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement SgdMomentum.State.initial");
    }
  }

  /**
   * The result of one step.
   *
   * @param params the updated parameters (a new array)
   * @param state the state to pass to the next step, with {@code step} one higher
   */
  public record Step(double[] params, State state) {}

  /**
   * Takes one SGD step.
   *
   * @param params current parameter values
   * @param grads gradient of the loss at {@code params}, same length
   * @param state the state returned by the previous step, or {@link State#initial(int)}
   * @param config hyperparameters
   * @return the new parameters and the new state; the inputs are left untouched
   * @throws NullPointerException if an argument or the buffer inside {@code state} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code grads} when
   *     its length differs from {@code params}'s or an entry is not finite; {@code params} when an entry
   *     is not finite; {@code state} when the buffer's length differs from {@code params}'s, an entry of
   *     it is not finite, or {@code step} is negative or {@code Integer.MAX_VALUE}; {@code lr},
   *     {@code momentum} or {@code weightDecay} when negative, infinite or NaN; {@code dampening} when
   *     outside {@code [0, 1]} or NaN; {@code nesterov} when it is set with {@code momentum == 0} or
   *     {@code dampening != 0}
   */
  public static Step step(double[] params, double[] grads, State state, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SgdMomentum.step");
  }
}

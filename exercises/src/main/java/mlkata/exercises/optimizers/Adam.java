package mlkata.exercises.optimizers;

/**
 * <h2>Kata: one step of the Adam optimizer, with AdamW's decoupled weight decay and AMSGrad</h2>
 *
 * <p>Adam keeps two exponential moving averages per parameter: {@code m}, of the gradient, and
 * {@code v}, of the squared gradient. Each step moves every parameter by roughly the learning rate,
 * in the direction of {@code -m}, scaled down where the gradient has been large or noisy. Here the
 * optimizer is a pure function: you receive the parameters, their gradients, the state left by the
 * previous step and the hyperparameters, and you return the new parameters and the new state.
 *
 * <p>The semantics are PyTorch 1.13's {@code torch.optim.Adam} and {@code torch.optim.AdamW} (the
 * single-tensor code path, {@code maximize=False}). Every coordinate {@code i} is updated
 * independently of the others. The conventions this kata pins:
 * <ul>
 *   <li><b>The step counter.</b> This step is number {@code t = state.step() + 1}: the first step has
 *       {@code t = 1}. The returned state has {@code step = t}.
 *   <li><b>The moments.</b> {@code m} is an exponential moving average of the gradient and {@code v}
 *       of its element-wise square, starting from zero; {@code beta1} (for {@code m}) and {@code beta2}
 *       (for {@code v}) are the weights of the <i>old</i> average. The gradient they see is the one
 *       after weight decay has been applied as described below. The returned state holds the averages
 *       after this step, <i>not</i> bias-corrected.
 *   <li><b>Bias correction</b> is always on: the first moment is divided by {@code 1 - beta1^t} and
 *       the second by {@code 1 - beta2^t}, with the {@code t} of this step. On the very first step it
 *       makes every coordinate with a nonzero gradient move by almost exactly {@code lr} against the
 *       sign of its gradient.
 *   <li><b>Where eps goes.</b> {@code eps} is added to {@code sqrt(vHat)}, the square root of the
 *       bias-corrected second moment: <i>outside</i> the square root, never inside it.
 *   <li><b>Weight decay, two ways.</b> With {@code decoupled == false} (torch's
 *       {@code Adam(weight_decay=...)}) it is an L2 penalty: {@code weightDecay * p} is added to the
 *       gradient before the moments see it. With {@code decoupled == true} (torch's {@code AdamW}) the
 *       parameter is first multiplied by {@code 1 - lr * weightDecay} (the plain {@code lr}, not a
 *       bias-corrected step size), then the Adam step is taken from that shrunk value with the
 *       <i>raw</i> gradient feeding the moments.
 *   <li><b>AMSGrad.</b> {@code vMax} is the running maximum of the raw (not bias-corrected) second
 *       moment {@code v} after this step's update, and it stands in for {@code v} in the step, divided by
 *       the current {@code 1 - beta2^t}. (torch's documentation writes the maximum over the
 *       bias-corrected values; its code, which this kata follows, does not.) With AMSGrad off,
 *       {@code vMax} is carried through unchanged.
 *   <li>{@code beta1} or {@code beta2} may be 0 ({@code 0^t} is 0 for {@code t >= 1}); {@code lr} may be 0.
 *   <li>Empty vectors are allowed: the result is empty and the step counter still advances.
 * </ul>
 *
 * <p><b>Immutability.</b> Never modify {@code params}, {@code grads} or the arrays inside
 * {@code state}: return new arrays ({@code vMax} may be passed through as is when AMSGrad is off).
 *
 * <p><b>Non-finite values.</b> Parameters, gradients and state entries must be finite (and {@code v},
 * {@code vMax} non-negative), otherwise {@link IllegalArgumentException}. Hyperparameters must be finite
 * and in range (see {@link #step}); NaN anywhere is rejected. With {@code eps == 0} a coordinate whose
 * second moment is exactly zero gives {@code 0 / 0 = NaN}, as in torch; that is returned, not rejected.
 *
 * <p><b>Complexity.</b> O(n) time and O(n) extra memory per step for n parameters. The state costs two
 * doubles per parameter (three with AMSGrad).
 *
 * <p>Example, {@link Config#defaults()} (lr 1e-3, betas 0.9/0.999, eps 1e-8), params {@code [1.0]},
 * gradient {@code [0.5]} on two consecutive steps from {@link State#initial(int) State.initial(1)}:
 * step 1 has {@code m' = 0.05}, {@code v' = 0.00025}, {@code mHat = 0.5}, {@code vHat = 0.25}, so
 * {@code p' = 1 - 1e-3 * 0.5 / (0.5 + 1e-8) = 0.99900000002} and {@code step = 1}. Step 2 has
 * {@code m' = 0.095}, {@code v' = 0.00049975}, again {@code mHat = 0.5} and {@code vHat = 0.25}, so
 * {@code p'} is about {@code 0.998}. With {@link Config#adamW()} and a zero gradient, {@code [1.0]}
 * becomes {@code [1 - 1e-3 * 1e-2] = [0.99999]}.
 */
public final class Adam {
  private Adam() {}

  /**
   * Hyperparameters of one step.
   *
   * @param lr learning rate, finite and {@code >= 0}
   * @param beta1 decay of the first-moment average, in {@code [0, 1)}
   * @param beta2 decay of the second-moment average, in {@code [0, 1)}
   * @param eps added to the denominator after the square root, finite and {@code >= 0}
   * @param weightDecay decay coefficient, finite and {@code >= 0}; 0 turns it off
   * @param decoupled true for AdamW's decoupled decay, false for Adam's L2 penalty in the gradient
   * @param amsgrad true to divide by the running maximum of the second moment
   */
  public record Config(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled, boolean amsgrad) {

    /**
     * torch.optim.Adam's defaults.
     *
     * @return lr 1e-3, betas 0.9 and 0.999, eps 1e-8, weight decay 0, not decoupled, no AMSGrad
     */
    public static Config defaults() {
      throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adam.Config.defaults");
    }

    /**
     * torch.optim.AdamW's defaults.
     *
     * @return lr 1e-3, betas 0.9 and 0.999, eps 1e-8, weight decay 1e-2, decoupled, no AMSGrad
     */
    public static Config adamW() {
      throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adam.Config.adamW");
    }
  }

  /**
   * The optimizer state between steps: one entry per parameter in each array.
   *
   * @param m first-moment average (of the gradient)
   * @param v second-moment average (of the squared gradient)
   * @param vMax running maximum of {@code v}; only updated and used when AMSGrad is on
   * @param step the number of steps taken so far (0 before the first step)
   */
  public record State(double[] m, double[] v, double[] vMax, int step) {

    /**
     * The state before the first step.
     *
     * @param size number of parameters
     * @return zero arrays of length {@code size} and {@code step == 0}
     * @throws IllegalArgumentException with a message naming {@code size} if it is negative
     */
    public static State initial(int size) {
      throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adam.State.initial");
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
   * Takes one Adam (or AdamW) step.
   *
   * @param params current parameter values
   * @param grads gradient of the loss at {@code params}, same length
   * @param state the state returned by the previous step, or {@link State#initial(int)}
   * @param config hyperparameters
   * @return the new parameters and the new state; the inputs are left untouched
   * @throws NullPointerException if an argument or an array inside {@code state} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code grads} when
   *     its length differs from {@code params}'s or an entry is not finite; {@code params} when an entry
   *     is not finite; {@code state} when an array's length differs from {@code params}'s, an entry of
   *     {@code m} is not finite, an entry of {@code v} or {@code vMax} is negative or not finite, or
   *     {@code step} is negative or {@code Integer.MAX_VALUE}; {@code lr}, {@code eps} or
   *     {@code weightDecay} when negative, infinite or NaN; {@code beta1} or {@code beta2} when outside
   *     {@code [0, 1)} or NaN
   */
  public static Step step(double[] params, double[] grads, State state, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Adam.step");
  }
}

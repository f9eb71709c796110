package mlkata.exercises.optimizers;

/**
 * <h2>Kata: one step of Adagrad and one step of RMSprop</h2>
 *
 * <p>Both optimizers give every parameter its own step size by dividing the gradient by the root of a
 * statistic of its past squared gradients. Adagrad uses the running <em>sum</em>, so the steps only ever
 * shrink; RMSprop uses an exponential moving <em>average</em>, so old gradients are forgotten and the step
 * size can recover. Here each optimizer is a pure function: you receive the parameters, their gradients,
 * the state left by the previous step and the hyperparameters, and you return the new parameters and the
 * new state.
 *
 * <p>The semantics are PyTorch 1.13's {@code torch.optim.Adagrad} and {@code torch.optim.RMSprop} (the
 * single-tensor code paths, dense gradients, {@code maximize=False}). Every coordinate {@code i} is
 * updated independently of the others. Both return the updated arrays and
 * {@code step = state.step() + 1}. The conventions this kata pins:
 * <ul>
 *   <li><b>Weight decay</b>, in both, is an L2 penalty folded into the gradient first:
 *       {@code weightDecay * params[i]} is added to {@code grads[i]}, and the statistics, the buffer
 *       and the step all see that decayed gradient.
 *   <li><b>Where eps goes</b>, in both: it is added to the square root of the statistic, outside the
 *       root, never inside it.
 *   <li><b>Adagrad's statistic</b> is the running sum of squared (decayed) gradients, this step's
 *       included; the returned {@code sum} is that new sum.
 *   <li><b>Adagrad's learning-rate decay</b> is torch's {@code lr / (1 + (t - 1) * lr_decay)} for the
 *       {@code t}-th step: it counts the steps taken <em>before</em> this one ({@code state.step()}), so
 *       the first step uses the full {@code lr} and the second {@code lr / (1 + lrDecay)}.
 *   <li><b>Adagrad's accumulator</b> starts at {@code initialAccumulatorValue} (0 by default), chosen when
 *       the state is created, exactly like torch's constructor argument. A positive start damps the first
 *       steps.
 *   <li><b>RMSprop's statistic</b> {@code squareAvg} is an exponential moving average of the squared
 *       (decayed) gradient, {@code alpha} weighting the old value.
 *   <li><b>No bias correction in RMSprop.</b> Unlike Adam, the averages start at zero and are used as they
 *       are, so with {@code alpha = 0.99} the first step moves by about ten times {@code lr}. The step
 *       counter is bookkeeping only.
 *   <li><b>Centered RMSprop</b> also keeps {@code gradAvg}, a moving average of the (decayed) gradient
 *       with the same {@code alpha}, and divides by an estimate of the gradient's standard deviation
 *       instead of its root mean square: the square of the new {@code gradAvg} is subtracted from the
 *       new {@code squareAvg} <i>inside</i> the root, and {@code eps} is added after the root.
 *   <li><b>RMSprop's momentum</b> (when {@code momentum > 0}) follows torch: the buffer starts at zero
 *       and accumulates the already normalised step (gradient over denominator), decayed by
 *       {@code momentum}; the learning rate is applied outside the buffer.
 *   <li>Arrays a configuration does not use (RMSprop's {@code gradAvg} when not centered, {@code buffer}
 *       when momentum is 0) are returned unchanged. {@code lr} may be 0.
 *   <li>torch accepts any {@code alpha >= 0}; this kata requires {@code alpha} in {@code [0, 1]}.
 *   <li>Empty vectors are allowed: the result is empty and the step counter still advances.
 * </ul>
 *
 * <p><b>Immutability.</b> Never modify {@code params}, {@code grads} or the arrays inside a state: return
 * new arrays (arrays a configuration does not use may be passed through as they are).
 *
 * <p><b>Non-finite values.</b> Parameters, gradients and state entries must be finite ({@code sum} and
 * {@code squareAvg} also non-negative), otherwise {@link IllegalArgumentException}. Hyperparameters must be
 * finite and in range (see the methods); NaN anywhere is rejected. With {@code eps == 0} a coordinate whose
 * statistic is exactly zero (a zero gradient from a zero state) gives {@code 0 / 0 = NaN}, as in torch;
 * likewise a centered state whose new {@code gradAvg} squared exceeds the new {@code squareAvg} (possible
 * only from a hand-made state) gives the square root of a negative number. Those NaNs are returned, not rejected.
 *
 * <p><b>Complexity.</b> O(n) time and O(n) extra memory per step for n parameters. Adagrad's state is one
 * double per parameter; RMSprop's up to three.
 *
 * <p>Example. Adagrad, lr 0.1, eps 0, params {@code [1.0]}, gradient {@code [3.0]} then {@code [4.0]}
 * from {@code AdagradState.initial(1, 0)}: step 1 has {@code sum' = 9} and
 * {@code p' = 1 - 0.1 * 3 / 3 = 0.9}; step 2 has {@code sum' = 25} and {@code p' = 0.9 - 0.1 * 4 / 5 = 0.82}.
 * With {@code lrDecay = 1} step 2 uses the decayed learning rate {@code 0.05} and gives {@code 0.86}.
 * RMSprop, lr 0.01, alpha 0.75, eps 0, gradient {@code [2.0]} from {@code RmspropState.initial(1)}: the
 * new {@code squareAvg} is {@code 0.25 * 4 = 1}, so {@code p' = 1 - 0.01 * 2 / 1 = 0.98}; centered, the
 * new {@code gradAvg} is {@code 0.5} and the denominator {@code sqrt(1 - 0.25)}, so {@code p'} is about
 * {@code 0.976906}.
 */
public final class AdagradRmsprop {
  private AdagradRmsprop() {}

  /**
   * Hyperparameters of one Adagrad step.
   *
   * @param lr base learning rate, finite and {@code >= 0}
   * @param lrDecay learning-rate decay per earlier step, finite and {@code >= 0}; 0 turns it off
   * @param weightDecay L2 coefficient added to the gradient as {@code weightDecay * p}, finite and
   *     {@code >= 0}
   * @param eps added to the denominator after the square root, finite and {@code >= 0}
   */
  public record AdagradConfig(double lr, double lrDecay, double weightDecay, double eps) {

    /**
     * torch.optim.Adagrad's defaults.
     *
     * @return lr 1e-2, lr decay 0, weight decay 0, eps 1e-10
     */
    public static AdagradConfig defaults() {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement AdagradRmsprop.AdagradConfig.defaults");
    }
  }

  /**
   * Adagrad's state between steps.
   *
   * @param sum running sum of squared (decayed) gradients, one entry per parameter
   * @param step the number of steps taken so far (0 before the first step)
   */
  public record AdagradState(double[] sum, int step) {

    /**
     * The state before the first step.
     *
     * @param size number of parameters
     * @param initialAccumulatorValue the starting value of every sum (torch's
     *     {@code initial_accumulator_value}, default 0)
     * @return {@code sum} filled with {@code initialAccumulatorValue} and {@code step == 0}
     * @throws IllegalArgumentException with a message naming {@code size} if it is negative, or naming
     *     {@code initialAccumulatorValue} if it is negative, infinite or NaN
     */
    public static AdagradState initial(int size, double initialAccumulatorValue) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement AdagradRmsprop.AdagradState.initial");
    }
  }

  /**
   * The result of one Adagrad step.
   *
   * @param params the updated parameters (a new array)
   * @param state the state to pass to the next step, with {@code step} one higher
   */
  public record AdagradStep(double[] params, AdagradState state) {}

  /**
   * Hyperparameters of one RMSprop step.
   *
   * @param lr learning rate, finite and {@code >= 0}
   * @param alpha decay of the moving averages, in {@code [0, 1]}
   * @param eps added to the denominator after the square root, finite and {@code >= 0}
   * @param weightDecay L2 coefficient added to the gradient as {@code weightDecay * p}, finite and
   *     {@code >= 0}
   * @param momentum momentum factor, finite and {@code >= 0}; 0 turns momentum off
   * @param centered true to divide by the centered second moment (an estimate of the variance)
   */
  public record RmspropConfig(
      double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {

    /**
     * torch.optim.RMSprop's defaults.
     *
     * @return lr 1e-2, alpha 0.99, eps 1e-8, weight decay 0, momentum 0, not centered
     */
    public static RmspropConfig defaults() {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement AdagradRmsprop.RmspropConfig.defaults");
    }
  }

  /**
   * RMSprop's state between steps: one entry per parameter in each array.
   *
   * @param squareAvg moving average of the squared (decayed) gradient
   * @param gradAvg moving average of the (decayed) gradient; only updated and used when centered
   * @param buffer momentum buffer; only updated and used when momentum is positive
   * @param step the number of steps taken so far (0 before the first step); not used by the arithmetic
   */
  public record RmspropState(double[] squareAvg, double[] gradAvg, double[] buffer, int step) {

    /**
     * The state before the first step.
     *
     * @param size number of parameters
     * @return zero arrays of length {@code size} and {@code step == 0}
     * @throws IllegalArgumentException with a message naming {@code size} if it is negative
     */
    public static RmspropState initial(int size) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement AdagradRmsprop.RmspropState.initial");
    }
  }

  /**
   * The result of one RMSprop step.
   *
   * @param params the updated parameters (a new array)
   * @param state the state to pass to the next step, with {@code step} one higher
   */
  public record RmspropStep(double[] params, RmspropState state) {}

  /**
   * Takes one Adagrad step.
   *
   * @param params current parameter values
   * @param grads gradient of the loss at {@code params}, same length
   * @param state the state returned by the previous step, or {@link AdagradState#initial}
   * @param config hyperparameters
   * @return the new parameters and the new state; the inputs are left untouched
   * @throws NullPointerException if an argument or the array inside {@code state} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code grads} when its
   *     length differs from {@code params}'s or an entry is not finite; {@code params} when an entry is not
   *     finite; {@code state} when {@code sum}'s length differs from {@code params}'s, an entry of it is
   *     negative or not finite, or {@code step} is negative or {@code Integer.MAX_VALUE}; {@code lr},
   *     {@code lrDecay}, {@code weightDecay} or {@code eps} when negative, infinite or NaN
   */
  public static AdagradStep adagrad(double[] params, double[] grads, AdagradState state, AdagradConfig config) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement AdagradRmsprop.adagrad");
  }

  /**
   * Takes one RMSprop step.
   *
   * @param params current parameter values
   * @param grads gradient of the loss at {@code params}, same length
   * @param state the state returned by the previous step, or {@link RmspropState#initial(int)}
   * @param config hyperparameters
   * @return the new parameters and the new state; the inputs are left untouched
   * @throws NullPointerException if an argument or an array inside {@code state} is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code grads} when its
   *     length differs from {@code params}'s or an entry is not finite; {@code params} when an entry is not
   *     finite; {@code state} when an array's length differs from {@code params}'s, an entry of
   *     {@code squareAvg} is negative or not finite, an entry of {@code gradAvg} or {@code buffer} is not
   *     finite, or {@code step} is negative or {@code Integer.MAX_VALUE}; {@code lr}, {@code eps},
   *     {@code weightDecay} or {@code momentum} when negative, infinite or NaN; {@code alpha} when outside
   *     {@code [0, 1]} or NaN
   */
  public static RmspropStep rmsprop(double[] params, double[] grads, RmspropState state, RmspropConfig config) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement AdagradRmsprop.rmsprop");
  }
}

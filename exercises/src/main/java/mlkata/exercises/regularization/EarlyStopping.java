package mlkata.exercises.regularization;

import java.util.OptionalDouble;

/**
 * <h2>Kata: early stopping with patience</h2>
 *
 * <p>Early stopping watches a validation metric after every epoch and ends training once the metric
 * has stopped improving for a while; optionally the model then goes back to the weights of its best
 * epoch. Here it is a pure function: given the metric of every epoch that <em>would</em> be run,
 * decide at which epoch training stops, which epoch was the best, and whose weights the model ends up
 * with. Epochs are numbered from 0, as Keras passes them to its callbacks (its log messages add 1).
 *
 * <p>The semantics are those of Keras 3's {@code keras.callbacks.EarlyStopping} (read in
 * {@code keras/src/callbacks/early_stopping.py} and {@code monitor_callback.py}, Keras 3.15) with
 * {@code mode} "min" or "max" and {@code start_from_epoch = 0}. The values are read in epoch order,
 * {@code v = values[e]} for {@code e = 0, 1, ...}, and the rule is defined by:
 * <ul>
 *   <li><b>Improvement.</b> A value {@code v} improves on a reference {@code ref} when
 *       {@code v + minDelta < ref} in mode MIN (lower is better, e.g. a loss) and when
 *       {@code v - minDelta > ref} in mode MAX (higher is better, e.g. an accuracy).
 *   <li><b>The best epoch.</b> Epoch 0 always counts as improving. Any later epoch improves when its
 *       value improves on the best value so far, and then it becomes the new best epoch.
 *   <li><b>The wait counter.</b> Every epoch adds one to a counter {@code wait} that starts at 0.
 *       An improving epoch then sets it back to 0 if there is no baseline or if its value also
 *       improves on the baseline; otherwise the count stands.
 *   <li><b>The stop rule.</b> An improving epoch never stops training. A non-improving epoch stops it
 *       when {@code wait}, counted with that epoch, has reached {@code patience}; that epoch is then
 *       the last one trained.
 * </ul>
 * Things that are easy to get wrong:
 * <ul>
 *   <li>Improvement is strict and must exceed {@code minDelta}: an equal value, or a gain of exactly
 *       {@code minDelta}, is not an improvement. So the best epoch is the last epoch that improved on
 *       the best so far by more than {@code minDelta}; with {@code minDelta > 0} that is not
 *       necessarily the epoch with the lowest (highest) value.
 *   <li>{@code patience} counts epochs without improvement: with patience {@code k} training stops
 *       at the {@code k}-th epoch in a row that does not improve; with patience 0 it stops at the first
 *       one.
 *   <li><b>Baseline.</b> An epoch that beats the best so far but not the baseline still becomes the
 *       best epoch, but does not reset {@code wait}; it does not stop training either. Once
 *       {@code wait} has reached {@code patience}, the next non-improving epoch stops training.
 *   <li>The stop rule can fire on the last value: {@code stoppedEarly} is then true even though every
 *       epoch ran.
 *   <li><b>Restoring.</b> With {@code restoreBestWeights} the model ends up with the weights of
 *       {@code bestEpoch} (Keras 3 restores them at the end of training, whether it stopped early or
 *       not); without it, with the weights of the last epoch trained.
 * </ul>
 *
 * <p>Deliberate differences from Keras: a negative {@code minDelta} is rejected (Keras takes its absolute
 * value), and so is an empty sequence. Mode "auto" and {@code start_from_epoch} are not part of the
 * kata. (scikit-learn's {@code n_iter_no_change} / {@code tol} in its SGD and MLP estimators is a
 * different rule: it stops when the count exceeds, not reaches, the limit and compares against
 * {@code best + tol} while updating the best on any gain. Do not mix the two up.)
 *
 * <p><b>Non-finite values.</b> A NaN or infinite value, {@code minDelta} or baseline is rejected with
 * {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> O(n) time in the worst case, stopping as soon as the rule fires (values after
 * the stop are not read, except to validate them); O(1) extra memory. The input is not modified.
 *
 * <p>Example: values {@code [1.0, 0.9, 0.95, 0.8, 0.85, 0.9]}, mode MIN, minDelta 0, patience 1, with
 * restoring: epochs 0 and 1 improve; epoch 2 does not and {@code wait} reaches 1, so training stops
 * there: {@code lastEpoch = 2}, {@code stoppedEarly = true}, {@code bestEpoch = 1},
 * {@code restoredEpoch = 1}. With patience 2 epoch 3 improves again and training stops at epoch 5:
 * {@code (5, true, 3, 3)}, or {@code (5, true, 3, 5)} without restoring.
 */
public final class EarlyStopping {
  private EarlyStopping() {}

  /** Whether lower (MIN, a loss) or higher (MAX, an accuracy) values are better. */
  public enum Mode {
    MIN,
    MAX
  }

  /**
   * The settings of the callback.
   *
   * @param mode whether lower or higher is better
   * @param minDelta the margin an improvement must exceed, finite and {@code >= 0}
   * @param patience epochs without improvement that stop training, {@code >= 0}
   * @param baseline a value to beat before the wait is reset, or empty for none; finite if present
   * @param restoreBestWeights whether the model goes back to the best epoch's weights at the end
   */
  public record Config(Mode mode, double minDelta, int patience, OptionalDouble baseline, boolean restoreBestWeights) {}

  /**
   * What happened.
   *
   * @param lastEpoch the last epoch trained (0-based): the stop epoch, or {@code values.length - 1}
   * @param stoppedEarly whether the stop rule fired (possibly on the last value)
   * @param bestEpoch the epoch of the best value under the improvement rule
   * @param restoredEpoch the epoch whose weights the model ends up with: {@code bestEpoch} when
   *     restoring, else {@code lastEpoch}
   */
  public record Result(int lastEpoch, boolean stoppedEarly, int bestEpoch, int restoredEpoch) {}

  /**
   * Runs the early-stopping rule over a sequence of per-epoch validation values.
   *
   * @param values the monitored value after each epoch, at least one, all finite; not modified
   * @param config the settings
   * @return when training stops, the best epoch and the epoch whose weights are kept
   * @throws NullPointerException if an argument, {@code config.mode()} or {@code config.baseline()} is
   *     null
   * @throws IllegalArgumentException with a message naming {@code values} when it is empty or holds a
   *     non-finite value, {@code minDelta} when it is negative or not finite, {@code patience} when it
   *     is negative, or {@code baseline} when it is present and not finite
   */
  public static Result simulate(double[] values, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement EarlyStopping.simulate");
  }
}

package mlkata.exercises.losses;

/**
 * <h2>Kata: binary cross-entropy with logits and the sigmoid focal loss</h2>
 *
 * <p>A binary classifier outputs one raw score ("logit") {@code x[i]} per example; its predicted
 * probability of the positive class is {@code p = sigmoid(x) = 1 / (1 + exp(-x))}. Targets
 * {@code y[i]} are in {@code [0, 1]}: usually 0 or 1, but soft targets in between are allowed.
 * Both losses below are elementwise.
 *
 * <p><b>Binary cross-entropy with logits</b>, with a weight {@code pw} on the positive term:
 * <pre>
 *   bce_i = -( pw * y * log(p) + (1 - y) * log(1 - p) )
 * </pre>
 * {@code pw = 1} is
 * the plain loss; {@code pw > 1} makes missed positives cost more (typically {@code pw = negatives /
 * positives}). Only the positive term is weighted. Semantics: PyTorch 1.13's
 * {@code F.binary_cross_entropy_with_logits(x, y, pos_weight=tensor([pw]))} (one weight for every
 * element; no per-element {@code weight}).
 *
 * <p><b>Sigmoid focal loss</b> (Lin et al., 2017, "Focal Loss for Dense Object Detection"):
 * <pre>
 *   p_t     = p * y + (1 - p) * (1 - y)                  (the probability given to the target)
 *   alpha_t = alpha * y + (1 - alpha) * (1 - y)          (when alpha &gt;= 0; otherwise alpha_t = 1)
 *   focal_i = alpha_t * (1 - p_t)^gamma * bce_i          (bce_i with pw = 1)
 * </pre>
 * Easy examples ({@code p_t} near 1) are down-weighted by {@code (1 - p_t)^gamma}; {@code alpha}
 * weights the positives and {@code 1 - alpha} the negatives. {@code gamma = 0} and {@code alpha < 0}
 * give back the plain BCE ({@code 0^0 = 1}). Semantics: torchvision 0.14's
 * {@code torchvision.ops.sigmoid_focal_loss(x, y, alpha, gamma)}, whose defaults are
 * {@link #DEFAULT_ALPHA} and {@link #DEFAULT_GAMMA}.
 *
 * <p><b>Reductions and gradients.</b> The one-argument-shorter overloads return the {@code N}
 * elementwise losses ({@code reduction='none'}); the others reduce them with {@link Reduction#SUM}
 * (their sum) or {@link Reduction#MEAN} (their sum divided by {@code N}). The {@code ...Gradient}
 * methods return {@code dL/dx} for the reduced loss {@code L}; as each loss depends only on its own
 * logit, the {@code SUM} gradient is also the elementwise derivative of each loss. Deriving the
 * gradients is part of the kata; the grader checks them against finite differences of the losses.
 *
 * <p><b>Numerical stability.</b> Logits of magnitude up to {@code 1e3} (and beyond) are legal and must
 * give finite, accurate results, as PyTorch's do. Note that {@code exp(1000)} overflows and
 * {@code sigmoid(-1000)} rounds to 0, so {@code log(sigmoid(x))} evaluated literally is
 * {@code log(0) = -infinity}: the definition above cannot be transcribed as it is written.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code N = 0} is legal: the elementwise losses and the gradients are empty, {@code SUM} is 0
 *       and {@code MEAN} is NaN (0/0, as in PyTorch).
 *   <li>The focal gradient where {@code 1 - p_t} rounds to 0 (a saturated, correct prediction): the
 *       gradient of the {@code (1 - p_t)^gamma} factor is taken as its limit, 0. Deliberate
 *       difference: for {@code 0 < gamma < 1} torchvision's autograd returns NaN there.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite logit, a target outside {@code [0, 1]} (or NaN), a
 * {@code posWeight} that is negative or not finite, an {@code alpha} above 1 or not finite, and a
 * {@code gamma} that is negative or not finite are rejected with {@link IllegalArgumentException}.
 * (PyTorch checks none of these.) The only non-finite result is the NaN {@code MEAN} of an empty input.
 *
 * <p><b>Complexity.</b> O(N) time, O(1) extra memory besides the result. Inputs are never modified;
 * every returned array is new.
 *
 * <p>Example: {@code x = [0, ln 3]}, {@code y = [1, 0]}: {@code p = [1/2, 3/4]}, so with {@code pw = 1}
 * {@code bce = [ln 2, ln 4] = [0.6931472, 1.3862944]}, {@code MEAN = 1.0397208}, and the {@code SUM}
 * gradient is {@code [-1/2, 3/4]}. With {@code pw = 3}: {@code bce = [3 ln 2, ln 4]} and the
 * first gradient entry is {@code -3/2}. Focal with the defaults ({@code alpha = 0.25},
 * {@code gamma = 2}): {@code p_t = [1/2, 1/4]}, {@code focal = [0.25 * 1/4 * ln 2, 0.75 * 9/16 * ln 4]
 * = [0.0433217, 0.5848429]}.
 */
public final class BinaryLosses {
  /** torchvision's default {@code alpha}: 0.25. */
  public static final double DEFAULT_ALPHA = 0.25;

  /** torchvision's default {@code gamma}: 2. */
  public static final double DEFAULT_GAMMA = 2.0;

  private BinaryLosses() {}

  /** How the reduced overloads combine the elementwise losses. */
  public enum Reduction {
    /** The sum divided by the number of elements. */
    MEAN,
    /** The plain sum. */
    SUM
  }

  /**
   * The elementwise binary cross-entropy with logits ({@code reduction='none'}).
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param posWeight the weight {@code pw} of the positive term, finite and ≥ 0 (1 for none)
   * @return a new array of the N losses, each ≥ 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming the argument: {@code logits} when a value is
   *     not finite; {@code targets} when its length differs from {@code logits}' or a value is outside
   *     {@code [0, 1]}; {@code posWeight} when it is negative or not finite
   */
  public static double[] bceWithLogits(double[] logits, double[] targets, double posWeight) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.bceWithLogits");
  }

  /**
   * The reduced binary cross-entropy with logits.
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param posWeight the weight {@code pw} of the positive term, finite and ≥ 0 (1 for none)
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return the sum or the mean of the elementwise losses; NaN for {@code MEAN} when N = 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #bceWithLogits(double[], double[], double)}
   */
  public static double bceWithLogits(double[] logits, double[] targets, double posWeight, Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.bceWithLogits");
  }

  /**
   * The gradient of the reduced binary cross-entropy with respect to the logits.
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param posWeight the weight {@code pw} of the positive term, finite and ≥ 0 (1 for none)
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return a new array of N values {@code dL/dx[i]}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #bceWithLogits(double[], double[], double)}
   */
  public static double[] bceWithLogitsGradient(double[] logits, double[] targets, double posWeight,
      Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.bceWithLogitsGradient");
  }

  /**
   * The elementwise sigmoid focal loss ({@code reduction='none'}, torchvision's default).
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param alpha the weight of the positives, at most 1; any negative value turns the weighting off
   * @param gamma the focusing exponent, finite and ≥ 0
   * @return a new array of the N losses, each ≥ 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming the argument: {@code logits} when a value is
   *     not finite; {@code targets} when its length differs from {@code logits}' or a value is outside
   *     {@code [0, 1]}; {@code alpha} when it is above 1 or not finite; {@code gamma} when it is negative
   *     or not finite
   */
  public static double[] focalLoss(double[] logits, double[] targets, double alpha, double gamma) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.focalLoss");
  }

  /**
   * The reduced sigmoid focal loss.
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param alpha the weight of the positives, at most 1; any negative value turns the weighting off
   * @param gamma the focusing exponent, finite and ≥ 0
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return the sum or the mean of the elementwise losses; NaN for {@code MEAN} when N = 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #focalLoss(double[], double[], double, double)}
   */
  public static double focalLoss(double[] logits, double[] targets, double alpha, double gamma, Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.focalLoss");
  }

  /**
   * The gradient of the reduced sigmoid focal loss with respect to the logits.
   *
   * @param logits N finite logits (N may be 0); not modified
   * @param targets N targets in {@code [0, 1]}; not modified
   * @param alpha the weight of the positives, at most 1; any negative value turns the weighting off
   * @param gamma the focusing exponent, finite and ≥ 0
   * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
   * @return a new array of N values {@code dL/dx[i]}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #focalLoss(double[], double[], double, double)}
   */
  public static double[] focalLossGradient(double[] logits, double[] targets, double alpha, double gamma,
      Reduction reduction) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BinaryLosses.focalLossGradient");
  }
}

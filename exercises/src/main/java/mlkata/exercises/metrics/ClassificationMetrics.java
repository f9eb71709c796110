package mlkata.exercises.metrics;

/**
 * <h2>Kata: confusion matrix, precision, recall, F1 and F-beta, per class and averaged</h2>
 *
 * <p>A classifier predicted one class {@code yPred[i]} for every example whose true class is
 * {@code yTrue[i]}. The classes are the integers {@code 0 .. numClasses - 1}, all of them, whether or
 * not they occur in the data (as scikit-learn's {@code labels=range(numClasses)}).
 *
 * <p>For one class {@code c}, counting {@code c} as "positive" and every other class as "negative":
 * <ul>
 *   <li>{@code TP} = examples with true class {@code c} predicted {@code c};
 *       {@code predicted} = examples predicted {@code c}; {@code support} = examples whose true class is
 *       {@code c}.
 *   <li>precision {@code P = TP / predicted}, recall {@code R = TP / support},
 *       {@code F_beta = (1 + beta^2) * P * R / (beta^2 * P + R)}; F1 is {@code beta = 1}.
 * </ul>
 *
 * <p>The conventions are scikit-learn 1.2's {@code confusion_matrix} and
 * {@code precision_recall_fscore_support}:
 * <ul>
 *   <li><b>Confusion matrix:</b> row = true class, column = predicted class, so
 *       {@code matrix[t][p]} counts examples of true class {@code t} predicted {@code p}. Its diagonal
 *       is the TPs, its row sums the supports and its column sums the predicted counts.
 *   <li><b>Zero division:</b> a precision whose denominator {@code predicted} is 0, or a recall whose
 *       {@code support} is 0, is set to {@code zeroDivision}, which must be 0 or 1. (scikit-learn's
 *       default {@code zero_division="warn"} warns and then behaves exactly as 0.)
 *   <li>The F-score is computed from P and R <em>after</em> that substitution, and is 0 whenever
 *       {@code beta^2 * P + R == 0}. So with {@code zeroDivision = 1} a class that is neither present
 *       nor predicted gets P = R = F = 1, while a class that is present but never predicted gets
 *       P = 1, R = 0 and F = 0.
 *   <li><b>Averages</b> ({@link Average}):
 *       <ul>
 *         <li>{@code BINARY}: the scores of class 1 (scikit-learn's {@code pos_label=1}); only for
 *             {@code numClasses == 2}.
 *         <li>{@code MACRO}: the plain mean over <em>all</em> {@code numClasses} classes of the
 *             per-class P, of R and of F, including classes absent from both arrays (they contribute
 *             {@code zeroDivision}, so they pull a macro average down when it is 0). Macro F is the mean
 *             of the per-class F-scores, not the F-score of macro P and macro R.
 *         <li>{@code MICRO}: TP, predicted and support summed over the classes first, then divided:
 *             for single-label data this makes micro P = micro R = micro F = accuracy.
 *         <li>{@code WEIGHTED}: the mean of the per-class values weighted by support (the number of
 *             true examples of each class); classes with support 0 weigh nothing.
 *       </ul>
 * </ul>
 *
 * <p><b>Non-finite values.</b> {@code beta} must be finite and {@code >= 0} ({@code beta = 0} gives
 * the precision; scikit-learn's {@code beta = inf}, which gives the recall, is rejected here). The
 * labels are integers, so no other value can be non-finite.
 *
 * <p><b>Complexity.</b> O(n + numClasses^2) time for the matrix, O(n + numClasses) for the scores.
 * Do not modify the input arrays.
 *
 * <p>Example: {@code yTrue = [0, 1, 2, 2, 1]}, {@code yPred = [0, 2, 2, 2, 1]}, 3 classes. The
 * confusion matrix is {@code [[1, 0, 0], [0, 1, 1], [0, 0, 2]]}; per class P = {@code [1, 1, 2/3]},
 * R = {@code [1, 1/2, 1]}, F1 = {@code [1, 2/3, 4/5]}, support {@code [1, 2, 2]}. Macro F1 =
 * {@code (1 + 2/3 + 4/5) / 3 = 37/45}; micro F1 = accuracy = 4/5; weighted F1 =
 * {@code (1 * 1 + 2 * 2/3 + 2 * 4/5) / 5 = 59/75}.
 */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /** How {@link #averaged} combines the per-class scores. */
  public enum Average {
    /** The scores of class 1; needs exactly two classes. */
    BINARY,
    /** Counts summed over the classes, then divided (equals accuracy for single-label data). */
    MICRO,
    /** The unweighted mean of the per-class scores over every class. */
    MACRO,
    /** The mean of the per-class scores weighted by support. */
    WEIGHTED
  }

  /**
   * Per-class scores, four parallel arrays indexed by class: {@code precision[c]}, {@code recall[c]},
   * {@code fScore[c]} and {@code support[c]} (the number of examples whose true class is {@code c}).
   */
  public record PerClass(double[] precision, double[] recall, double[] fScore, int[] support) {}

  /** One averaged precision, recall and F-score. */
  public record Averaged(double precision, double recall, double fScore) {}

  /**
   * Counts every (true class, predicted class) pair.
   *
   * @param yTrue the true class of each example, each in {@code [0, numClasses)}
   * @param yPred the predicted class of each example, same length as {@code yTrue}
   * @param numClasses the number of classes {@code K}, at least 1
   * @return a new {@code K x K} matrix, {@code matrix[t][p]} = number of examples with true class
   *     {@code t} predicted as {@code p}
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException with a message naming {@code numClasses} when it is below 1,
   *     {@code yTrue} or {@code yPred} when the lengths differ or the arrays are empty, and the array
   *     holding a class outside {@code [0, numClasses)}
   */
  public static int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement ClassificationMetrics.confusionMatrix");
  }

  /**
   * Computes precision, recall, F-beta and support for every class.
   *
   * @param yTrue the true class of each example, each in {@code [0, numClasses)}
   * @param yPred the predicted class of each example, same length as {@code yTrue}
   * @param numClasses the number of classes {@code K}, at least 1
   * @param beta the weight of recall in the F-score, finite and {@code >= 0} (1 for F1)
   * @param zeroDivision the value of a precision or recall whose denominator is 0: 0 or 1
   * @return the per-class scores, each array of length {@code K}
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException as {@link #confusionMatrix}, and with a message naming
   *     {@code beta} when it is negative or not finite, or {@code zeroDivision} when it is not 0 or 1
   */
  public static PerClass perClass(int[] yTrue, int[] yPred, int numClasses, double beta, double zeroDivision) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement ClassificationMetrics.perClass");
  }

  /**
   * Computes precision, recall and F-beta averaged as {@code average} says.
   *
   * @param yTrue the true class of each example, each in {@code [0, numClasses)}
   * @param yPred the predicted class of each example, same length as {@code yTrue}
   * @param numClasses the number of classes {@code K}, at least 1 (exactly 2 for {@code BINARY})
   * @param beta the weight of recall in the F-score, finite and {@code >= 0} (1 for F1)
   * @param average how to combine the classes
   * @param zeroDivision the value of a precision or recall whose denominator is 0: 0 or 1
   * @return the averaged precision, recall and F-score
   * @throws NullPointerException if an array or {@code average} is null
   * @throws IllegalArgumentException as {@link #perClass}, and with a message naming {@code average}
   *     when it is {@code BINARY} and {@code numClasses != 2}
   */
  public static Averaged averaged(int[] yTrue, int[] yPred, int numClasses, double beta, Average average,
      double zeroDivision) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement ClassificationMetrics.averaged");
  }
}

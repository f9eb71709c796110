package mlkata.solutions.metrics;

import java.util.Objects;

/**
 * Reference solution: confusion matrix, per-class and averaged precision, recall and F-beta with
 * scikit-learn 1.2's semantics (labels {@code 0..K-1}, {@code zero_division} 0 or 1).
 *
 * <p>One pass counts TP, predicted and support per class; every score is a division of those counts.
 */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /** How {@link #averaged} combines the per-class scores. */
  public enum Average {
    BINARY,
    MICRO,
    MACRO,
    WEIGHTED
  }

  /** Per-class precision, recall, F-score and support, indexed by class. */
  public record PerClass(double[] precision, double[] recall, double[] fScore, int[] support) {}

  /** One averaged precision, recall and F-score. */
  public record Averaged(double precision, double recall, double fScore) {}

  public static int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
    validate(yTrue, yPred, numClasses);
    int[][] matrix = new int[numClasses][numClasses];
    for (int i = 0; i < yTrue.length; i++) {
      matrix[yTrue[i]][yPred[i]]++;
    }
    return matrix;
  }

  public static PerClass perClass(int[] yTrue, int[] yPred, int numClasses, double beta, double zeroDivision) {
    validate(yTrue, yPred, numClasses);
    validateScoring(beta, zeroDivision);
    Counts counts = Counts.of(yTrue, yPred, numClasses);
    double[] precision = new double[numClasses];
    double[] recall = new double[numClasses];
    double[] fScore = new double[numClasses];
    for (int c = 0; c < numClasses; c++) {
      precision[c] = divide(counts.tp[c], counts.predicted[c], zeroDivision);
      recall[c] = divide(counts.tp[c], counts.support[c], zeroDivision);
      fScore[c] = fBeta(precision[c], recall[c], beta);
    }
    return new PerClass(precision, recall, fScore, counts.support.clone());
  }

  public static Averaged averaged(int[] yTrue, int[] yPred, int numClasses, double beta, Average average,
      double zeroDivision) {
    Objects.requireNonNull(average, "average");
    PerClass scores = perClass(yTrue, yPred, numClasses, beta, zeroDivision);
    return switch (average) {
      case BINARY -> {
        if (numClasses != 2) {
          throw new IllegalArgumentException(
              "average BINARY needs numClasses == 2 (it reports class 1), got " + numClasses);
        }
        yield new Averaged(scores.precision()[1], scores.recall()[1], scores.fScore()[1]);
      }
      case MICRO -> {
        // Single-label: summed TP is the diagonal, summed predicted and summed support are both n.
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
          if (yTrue[i] == yPred[i]) {
            correct++;
          }
        }
        double accuracy = (double) correct / yTrue.length;
        yield new Averaged(accuracy, accuracy, fBeta(accuracy, accuracy, beta));
      }
      case MACRO -> new Averaged(mean(scores.precision(), null), mean(scores.recall(), null),
          mean(scores.fScore(), null));
      case WEIGHTED -> new Averaged(mean(scores.precision(), scores.support()),
          mean(scores.recall(), scores.support()), mean(scores.fScore(), scores.support()));
    };
  }

  private static double divide(long numerator, long denominator, double zeroDivision) {
    return denominator == 0 ? zeroDivision : (double) numerator / denominator;
  }

  private static double fBeta(double precision, double recall, double beta) {
    double beta2 = beta * beta;
    double denominator = beta2 * precision + recall;
    return denominator == 0 ? 0 : (1 + beta2) * precision * recall / denominator;
  }

  /** The mean of {@code values}, weighted by {@code weights} when given (their sum is positive). */
  private static double mean(double[] values, int[] weights) {
    double sum = 0;
    double total = 0;
    for (int c = 0; c < values.length; c++) {
      double w = weights == null ? 1 : weights[c];
      sum += w * values[c];
      total += w;
    }
    return sum / total;
  }

  private static void validate(int[] yTrue, int[] yPred, int numClasses) {
    Objects.requireNonNull(yTrue, "yTrue");
    Objects.requireNonNull(yPred, "yPred");
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
    }
    if (yTrue.length != yPred.length) {
      throw new IllegalArgumentException(
          "yTrue and yPred differ in length: " + yTrue.length + " vs " + yPred.length);
    }
    if (yTrue.length == 0) {
      throw new IllegalArgumentException("yTrue and yPred are empty");
    }
    checkRange("yTrue", yTrue, numClasses);
    checkRange("yPred", yPred, numClasses);
  }

  private static void checkRange(String name, int[] classes, int numClasses) {
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] < 0 || classes[i] >= numClasses) {
        throw new IllegalArgumentException(
            name + "[" + i + "] is " + classes[i] + "; classes must lie in [0, " + numClasses + ")");
      }
    }
  }

  private static void validateScoring(double beta, double zeroDivision) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
    }
    if (zeroDivision != 0 && zeroDivision != 1) {
      throw new IllegalArgumentException("zeroDivision must be 0 or 1, got " + zeroDivision);
    }
  }

  /** TP, predicted and support per class. */
  private static final class Counts {
    final int[] tp;
    final int[] predicted;
    final int[] support;

    private Counts(int[] tp, int[] predicted, int[] support) {
      this.tp = tp;
      this.predicted = predicted;
      this.support = support;
    }

    static Counts of(int[] yTrue, int[] yPred, int numClasses) {
      int[] tp = new int[numClasses];
      int[] predicted = new int[numClasses];
      int[] support = new int[numClasses];
      for (int i = 0; i < yTrue.length; i++) {
        support[yTrue[i]]++;
        predicted[yPred[i]]++;
        if (yTrue[i] == yPred[i]) {
          tp[yTrue[i]]++;
        }
      }
      return new Counts(tp, predicted, support);
    }
  }
}

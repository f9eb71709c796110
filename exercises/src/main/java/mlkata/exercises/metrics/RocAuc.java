package mlkata.exercises.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: the ROC curve and the area under it, with scikit-learn's semantics.
 *
 * <p>Positives and negatives are sorted apart (two primitive sorts) and walked from the top score down,
 * one tied group at a time, so ties form a single diagonal step and the whole thing is O(n log n).
 */
public final class RocAuc {
  private RocAuc() {}

  /** The ROC curve as three parallel arrays, one entry per point, starting at (0, 0). */
  public record Curve(double[] fpr, double[] tpr, double[] thresholds) {}

  public static Curve rocCurve(double[] scores, int[] labels) {
    Split split = Split.of(scores, labels);
    int capacity = scores.length + 1;
    double[] fpr = new double[capacity];
    double[] tpr = new double[capacity];
    double[] thresholds = new double[capacity];
    thresholds[0] = Double.POSITIVE_INFINITY;
    int points = 1;
    double[] pos = split.positives;
    double[] neg = split.negatives;
    int i = pos.length - 1;
    int j = neg.length - 1;
    int tp = 0;
    int fp = 0;
    while (i >= 0 || j >= 0) {
      double t = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
      while (i >= 0 && pos[i] == t) {
        tp++;
        i--;
      }
      while (j >= 0 && neg[j] == t) {
        fp++;
        j--;
      }
      fpr[points] = (double) fp / neg.length;
      tpr[points] = (double) tp / pos.length;
      thresholds[points] = t;
      points++;
    }
    return new Curve(
        Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), Arrays.copyOf(thresholds, points));
  }

  public static double auc(double[] scores, int[] labels) {
    Split split = Split.of(scores, labels);
    double[] pos = split.positives;
    double[] neg = split.negatives;
    int i = pos.length - 1;
    int j = neg.length - 1;
    long tp = 0;
    double twiceArea = 0;
    while (j >= 0) {
      double t = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, neg[j]);
      long tpBefore = tp;
      while (i >= 0 && pos[i] == t) {
        tp++;
        i--;
      }
      long negativesHere = 0;
      while (j >= 0 && neg[j] == t) {
        negativesHere++;
        j--;
      }
      // Each negative in this group beats tpBefore positives outright and ties with the rest.
      twiceArea += (double) negativesHere * (tpBefore + tp);
    }
    return twiceArea / (2.0 * pos.length * neg.length);
  }

  /** Scores of the positives and of the negatives, each sorted ascending, after validation. */
  private static final class Split {
    final double[] positives;
    final double[] negatives;

    private Split(double[] positives, double[] negatives) {
      this.positives = positives;
      this.negatives = negatives;
    }

    static Split of(double[] scores, int[] labels) {
      Objects.requireNonNull(scores, "scores");
      Objects.requireNonNull(labels, "labels");
      if (scores.length != labels.length) {
        throw new IllegalArgumentException(
            "scores and labels differ in length: " + scores.length + " vs " + labels.length);
      }
      int positives = 0;
      for (int k = 0; k < scores.length; k++) {
        if (!Double.isFinite(scores[k])) {
          throw new IllegalArgumentException("scores[" + k + "] is " + scores[k] + "; scores must be finite");
        }
        if (labels[k] != 0 && labels[k] != 1) {
          throw new IllegalArgumentException("labels[" + k + "] is " + labels[k] + "; labels must be 0 or 1");
        }
        positives += labels[k];
      }
      if (positives == 0 || positives == labels.length) {
        throw new IllegalArgumentException(
            "labels hold only one class (" + positives + " positives of " + labels.length
                + "); ROC needs both");
      }
      double[] pos = new double[positives];
      double[] neg = new double[labels.length - positives];
      int p = 0;
      int n = 0;
      for (int k = 0; k < scores.length; k++) {
        if (labels[k] == 1) {
          pos[p++] = scores[k];
        } else {
          neg[n++] = scores[k];
        }
      }
      Arrays.sort(pos);
      Arrays.sort(neg);
      return new Split(pos, neg);
    }
  }
}

package mlkata.solutions.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: average precision with scikit-learn's step-sum semantics.
 *
 * <p>The positives' and the negatives' scores are sorted apart (two primitive sorts) and merged from
 * the top, one tied group at a time. Each group adds {@code (positives in the group) * precision after
 * the group}; one division by the number of positives at the end turns that into recall steps.
 */
public final class AveragePrecision {
  private AveragePrecision() {}

  public static double averagePrecision(double[] scores, int[] labels) {
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
    if (positives == 0) {
      throw new IllegalArgumentException(
          "labels hold no positive (of " + labels.length + " examples); average precision needs one");
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
    int i = pos.length - 1;
    int j = neg.length - 1;
    long tp = 0;
    long fp = 0;
    double sum = 0;
    while (i >= 0) {
      double t = Math.max(pos[i], j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
      long tpBefore = tp;
      while (i >= 0 && pos[i] == t) {
        tp++;
        i--;
      }
      while (j >= 0 && neg[j] == t) {
        fp++;
        j--;
      }
      // Groups below the last positive add no recall, so the loop stops with the positives.
      sum += (tp - tpBefore) * ((double) tp / (tp + fp));
    }
    return sum / positives;
  }
}

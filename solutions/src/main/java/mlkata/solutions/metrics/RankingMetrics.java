package mlkata.solutions.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: DCG@k and NDCG@k with tied scores averaged (scikit-learn 1.2's {@code dcg_score}
 * and {@code ndcg_score}), and MRR, recall@k and hit rate@k with ties broken by input order.
 *
 * <p>Each query is sorted once (a primitive sort of a copy of its scores); every item then finds its
 * tied group by binary search, so a query of n items costs O(n log n).
 */
public final class RankingMetrics {
  private static final double LN2 = Math.log(2);

  private RankingMetrics() {}

  public static double dcg(double[][] relevance, double[][] scores, int k) {
    validate(relevance, scores, k);
    double sum = 0;
    for (int q = 0; q < relevance.length; q++) {
      sum += Groups.of(scores[q]).dcg(relevance[q], k);
    }
    return sum / relevance.length;
  }

  public static double ndcg(double[][] relevance, double[][] scores, int k) {
    validate(relevance, scores, k);
    double sum = 0;
    for (int q = 0; q < relevance.length; q++) {
      double ideal = idealDcg(relevance[q], k);
      if (ideal > 0) {
        sum += Groups.of(scores[q]).dcg(relevance[q], k) / ideal;
      }
    }
    return sum / relevance.length;
  }

  public static double meanReciprocalRank(double[][] relevance, double[][] scores) {
    validate(relevance, scores, 1);
    double sum = 0;
    for (int q = 0; q < relevance.length; q++) {
      int first = firstRelevantPosition(relevance[q], Groups.of(scores[q]).positions());
      if (first >= 0) {
        sum += 1.0 / (first + 1);
      }
    }
    return sum / relevance.length;
  }

  public static double recallAtK(double[][] relevance, double[][] scores, int k) {
    validate(relevance, scores, k);
    double sum = 0;
    for (int q = 0; q < relevance.length; q++) {
      int[] positions = Groups.of(scores[q]).positions();
      int relevant = 0;
      int found = 0;
      for (int i = 0; i < positions.length; i++) {
        if (relevance[q][i] > 0) {
          relevant++;
          if (positions[i] < k) {
            found++;
          }
        }
      }
      if (relevant > 0) {
        sum += (double) found / relevant;
      }
    }
    return sum / relevance.length;
  }

  public static double hitRate(double[][] relevance, double[][] scores, int k) {
    validate(relevance, scores, k);
    int hits = 0;
    for (int q = 0; q < relevance.length; q++) {
      int first = firstRelevantPosition(relevance[q], Groups.of(scores[q]).positions());
      if (first >= 0 && first < k) {
        hits++;
      }
    }
    return (double) hits / relevance.length;
  }

  /** The 0-based position of the best-placed relevant item, or -1 when there is none. */
  private static int firstRelevantPosition(double[] relevance, int[] positions) {
    int best = -1;
    for (int i = 0; i < positions.length; i++) {
      if (relevance[i] > 0 && (best < 0 || positions[i] < best)) {
        best = positions[i];
      }
    }
    return best;
  }

  /** The discount of 0-based position {@code p}, computed as scikit-learn does: 1 / (ln(p + 2) / ln 2). */
  private static double discount(int p) {
    return 1 / (Math.log(p + 2) / LN2);
  }

  private static double idealDcg(double[] relevance, int k) {
    double[] sorted = relevance.clone();
    Arrays.sort(sorted);
    double sum = 0;
    int n = sorted.length;
    for (int p = 0; p < Math.min(k, n); p++) {
      sum += sorted[n - 1 - p] * discount(p);
    }
    return sum;
  }

  /** The items of one query grouped by equal score, groups in decreasing score order. */
  private static final class Groups {
    final double[] values; // the distinct scores, decreasing
    final int[] start; // the first 0-based position of each group
    final int[] count;
    final int[] groupOf; // the group of each item

    private Groups(double[] values, int[] start, int[] count, int[] groupOf) {
      this.values = values;
      this.start = start;
      this.count = count;
      this.groupOf = groupOf;
    }

    static Groups of(double[] scores) {
      int n = scores.length;
      double[] sorted = scores.clone();
      Arrays.sort(sorted);
      double[] values = new double[n];
      int groups = 0;
      for (int i = n - 1; i >= 0; i--) {
        if (groups == 0 || sorted[i] != values[groups - 1]) { // -0.0 == 0.0: one group
          values[groups++] = sorted[i];
        }
      }
      values = Arrays.copyOf(values, groups);
      int[] count = new int[groups];
      int[] groupOf = new int[n];
      for (int i = 0; i < n; i++) {
        groupOf[i] = find(values, scores[i]);
        count[groupOf[i]]++;
      }
      int[] start = new int[groups];
      for (int g = 1; g < groups; g++) {
        start[g] = start[g - 1] + count[g - 1];
      }
      return new Groups(values, start, count, groupOf);
    }

    /** The index of {@code x} in the decreasing array {@code values}, comparing with {@code <} and {@code >}. */
    private static int find(double[] values, double x) {
      int lo = 0;
      int hi = values.length - 1;
      while (true) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] > x) {
          lo = mid + 1;
        } else if (values[mid] < x) {
          hi = mid - 1;
        } else {
          return mid;
        }
      }
    }

    /** DCG@k, every position of a tied group receiving the group's mean relevance. */
    double dcg(double[] relevance, int k) {
      double[] gain = new double[values.length];
      for (int i = 0; i < relevance.length; i++) {
        gain[groupOf[i]] += relevance[i];
      }
      double sum = 0;
      for (int g = 0; g < values.length && start[g] < k; g++) {
        double discounts = 0;
        int end = Math.min(start[g] + count[g], k);
        for (int p = start[g]; p < end; p++) {
          discounts += discount(p);
        }
        sum += gain[g] / count[g] * discounts;
      }
      return sum;
    }

    /** The 0-based position of each item, ties broken by input order. */
    int[] positions() {
      int[] seen = new int[values.length];
      int[] positions = new int[groupOf.length];
      for (int i = 0; i < groupOf.length; i++) {
        int g = groupOf[i];
        positions[i] = start[g] + seen[g]++;
      }
      return positions;
    }
  }

  private static void validate(double[][] relevance, double[][] scores, int k) {
    Objects.requireNonNull(relevance, "relevance");
    Objects.requireNonNull(scores, "scores");
    if (relevance.length != scores.length) {
      throw new IllegalArgumentException(
          "relevance and scores hold different numbers of queries: " + relevance.length + " vs " + scores.length);
    }
    if (relevance.length == 0) {
      throw new IllegalArgumentException("relevance and scores hold no query");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    for (int q = 0; q < relevance.length; q++) {
      double[] rel = Objects.requireNonNull(relevance[q], "relevance row");
      double[] s = Objects.requireNonNull(scores[q], "scores row");
      if (rel.length != s.length) {
        throw new IllegalArgumentException(
            "relevance[" + q + "] and scores[" + q + "] differ in length: " + rel.length + " vs " + s.length);
      }
      if (rel.length == 0) {
        throw new IllegalArgumentException("relevance[" + q + "] and scores[" + q + "] are empty");
      }
      for (int i = 0; i < rel.length; i++) {
        if (!(rel[i] >= 0) || rel[i] == Double.POSITIVE_INFINITY) {
          throw new IllegalArgumentException(
              "relevance[" + q + "][" + i + "] is " + rel[i] + "; relevance must be finite and >= 0");
        }
        if (!Double.isFinite(s[i])) {
          throw new IllegalArgumentException("scores[" + q + "][" + i + "] is " + s[i] + "; scores must be finite");
        }
      }
    }
  }
}

package mlkata.solutions.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: Brier score, log loss, reliability curve and expected calibration error with
 * scikit-learn 1.2's semantics (numpy's {@code linspace}, {@code percentile} and {@code searchsorted}
 * reproduced operation by operation, so edges and bin assignments agree to the last bit).
 */
public final class Calibration {
  /** The float64 machine epsilon scikit-learn 1.2's {@code log_loss} clips with. */
  private static final double EPS = Math.ulp(1.0);

  private Calibration() {}

  /** How the reliability curve places its bin edges. */
  public enum Strategy {
    UNIFORM,
    QUANTILE
  }

  /** One entry per non-empty bin, in bin order. */
  public record Reliability(double[] fractionPositive, double[] meanPredicted, int[] counts) {}

  public static double brierScore(double[] probs, int[] labels) {
    validate(probs, labels);
    double sum = 0;
    for (int i = 0; i < probs.length; i++) {
      double d = probs[i] - labels[i];
      sum += d * d;
    }
    return sum / probs.length;
  }

  public static double logLoss(double[] probs, int[] labels) {
    validate(probs, labels);
    double sum = 0;
    for (int i = 0; i < probs.length; i++) {
      double p = Math.min(Math.max(probs[i], EPS), 1 - EPS);
      sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / probs.length;
  }

  public static Reliability calibrationCurve(double[] probs, int[] labels, int nBins, Strategy strategy) {
    Bins bins = Bins.of(probs, labels, nBins, strategy);
    int nonEmpty = 0;
    for (int b = 0; b < nBins; b++) {
      if (bins.counts[b] > 0) {
        nonEmpty++;
      }
    }
    double[] fraction = new double[nonEmpty];
    double[] mean = new double[nonEmpty];
    int[] counts = new int[nonEmpty];
    int j = 0;
    for (int b = 0; b < nBins; b++) {
      if (bins.counts[b] > 0) {
        fraction[j] = bins.positives[b] / bins.counts[b];
        mean[j] = bins.probSums[b] / bins.counts[b];
        counts[j] = bins.counts[b];
        j++;
      }
    }
    return new Reliability(fraction, mean, counts);
  }

  public static double expectedCalibrationError(double[] probs, int[] labels, int nBins, Strategy strategy) {
    Bins bins = Bins.of(probs, labels, nBins, strategy);
    // count_b / N * |positives_b / count_b - probSum_b / count_b| = |positives_b - probSum_b| / N
    double sum = 0;
    for (int b = 0; b < nBins; b++) {
      sum += Math.abs(bins.positives[b] - bins.probSums[b]);
    }
    return sum / probs.length;
  }

  /** Per bin (empty ones included): number of examples, number of positives, sum of probabilities. */
  private static final class Bins {
    final int[] counts;
    final double[] positives;
    final double[] probSums;

    private Bins(int nBins) {
      counts = new int[nBins];
      positives = new double[nBins];
      probSums = new double[nBins];
    }

    static Bins of(double[] probs, int[] labels, int nBins, Strategy strategy) {
      validate(probs, labels);
      Objects.requireNonNull(strategy, "strategy");
      if (nBins < 1) {
        throw new IllegalArgumentException("nBins must be at least 1, got " + nBins);
      }
      double[] interior = strategy == Strategy.UNIFORM ? uniformInterior(nBins) : quantileInterior(probs, nBins);
      Bins bins = new Bins(nBins);
      for (int i = 0; i < probs.length; i++) {
        int b = countBelow(interior, probs[i]);
        bins.counts[b]++;
        bins.positives[b] += labels[i];
        bins.probSums[b] += probs[i];
      }
      return bins;
    }
  }

  /** numpy's {@code linspace(0, 1, n + 1)[1:-1]}: {@code i * (1/n)}. */
  private static double[] uniformInterior(int nBins) {
    double step = 1.0 / nBins;
    double[] edges = new double[nBins - 1];
    for (int i = 1; i < nBins; i++) {
      edges[i - 1] = i * step;
    }
    return edges;
  }

  /** numpy's {@code percentile(probs, linspace(0, 1, n + 1) * 100)[1:-1]}, linear interpolation. */
  private static double[] quantileInterior(double[] probs, int nBins) {
    double[] sorted = probs.clone();
    Arrays.sort(sorted);
    int last = sorted.length - 1;
    double step = 1.0 / nBins;
    double[] edges = new double[nBins - 1];
    for (int i = 1; i < nBins; i++) {
      double h = last * (i * step * 100 / 100);
      double lo = Math.floor(h);
      if (h >= last) {
        edges[i - 1] = sorted[last];
        continue;
      }
      double t = h - lo;
      double a = sorted[(int) lo];
      double b = sorted[(int) lo + 1];
      double diff = b - a;
      edges[i - 1] = t < 0.5 ? a + diff * t : b - diff * (1 - t);
    }
    return edges;
  }

  /** numpy's {@code searchsorted(edges, p)} (side "left"): the number of edges strictly below {@code p}. */
  private static int countBelow(double[] edges, double p) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void validate(double[] probs, int[] labels) {
    Objects.requireNonNull(probs, "probs");
    Objects.requireNonNull(labels, "labels");
    if (probs.length != labels.length) {
      throw new IllegalArgumentException(
          "probs and labels differ in length: " + probs.length + " vs " + labels.length);
    }
    if (probs.length == 0) {
      throw new IllegalArgumentException("probs and labels are empty");
    }
    for (int i = 0; i < probs.length; i++) {
      if (!(probs[i] >= 0 && probs[i] <= 1)) {
        throw new IllegalArgumentException("probs[" + i + "] is " + probs[i] + "; probabilities must lie in [0, 1]");
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + "; labels must be 0 or 1");
      }
    }
  }
}

package mlkata.solutions.ensembles;

import java.util.Objects;

/**
 * Reference solution: XGBoost's exact split finding on one feature.
 *
 * <p>The samples are ordered by feature value once (a primitive merge sort of an index array), then
 * scanned from the largest value down, accumulating the right child's gradient and hessian sums; the
 * left child is the node total minus the right. A candidate replaces the best only when its gain is
 * strictly larger, so among equal gains the first seen, the largest threshold, wins, as in XGBoost's
 * backward enumeration. O(n log n) time, O(n) memory.
 */
public final class SplitGain {
  private SplitGain() {}

  /** XGBoost's kRtEps: a best split whose loss change is not above this is not made. */
  static final double MIN_SPLIT_GAIN = 1e-6;

  /** XGBoost's floor on the logistic hessian (binary:logistic uses max(p(1-p), 1e-16)). */
  static final double MIN_LOGISTIC_HESSIAN = 1e-16;

  /** The two built-in losses. */
  public enum Loss {
    SQUARED_ERROR,
    LOGISTIC
  }

  /** Regularization and split constraints, with XGBoost's names lambda, alpha, gamma, min_child_weight. */
  public record Params(double lambda, double alpha, double gamma, double minChildWeight) {}

  /** Per-sample first and second derivatives of the loss with respect to the margin. */
  public record GradHess(double[] grad, double[] hess) {}

  /** The best split of one node, or {@code found == false} with both weights the node's own weight. */
  public record Split(boolean found, double threshold, double gain, double leftWeight, double rightWeight) {}

  public static GradHess gradients(Loss loss, double[] margin, double[] labels) {
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(labels, "labels");
    if (margin.length != labels.length) {
      throw new IllegalArgumentException(
          "margin and labels differ in length: " + margin.length + " vs " + labels.length);
    }
    int n = margin.length;
    double[] grad = new double[n];
    double[] hess = new double[n];
    for (int i = 0; i < n; i++) {
      double m = margin[i];
      double y = labels[i];
      if (!Double.isFinite(m)) {
        throw new IllegalArgumentException("margin[" + i + "] is " + m + "; margins must be finite");
      }
      if (!Double.isFinite(y)) {
        throw new IllegalArgumentException("labels[" + i + "] is " + y + "; labels must be finite");
      }
      if (loss == Loss.SQUARED_ERROR) {
        grad[i] = m - y;
        hess[i] = 1.0;
      } else {
        if (y < 0 || y > 1) {
          throw new IllegalArgumentException("labels[" + i + "] is " + y + "; logistic labels must be in [0, 1]");
        }
        double p = 1.0 / (1.0 + Math.exp(-m));
        grad[i] = p - y;
        hess[i] = Math.max(p * (1.0 - p), MIN_LOGISTIC_HESSIAN);
      }
    }
    return new GradHess(grad, hess);
  }

  public static double leafWeight(double sumGrad, double sumHess, Params params) {
    checkParams(params);
    checkSums(sumGrad, sumHess, "sumGrad", "sumHess");
    if (sumHess == 0) {
      return 0.0;
    }
    return -softThreshold(sumGrad, params.alpha()) / (sumHess + params.lambda());
  }

  public static double gain(double gradLeft, double hessLeft, double gradRight, double hessRight, Params params) {
    checkParams(params);
    checkSums(gradLeft, hessLeft, "gradLeft", "hessLeft");
    checkSums(gradRight, hessRight, "gradRight", "hessRight");
    return lossChange(gradLeft, hessLeft, gradRight, hessRight, params);
  }

  public static Split bestSplit(double[] feature, double[] grad, double[] hess, Params params) {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(grad, "grad");
    Objects.requireNonNull(hess, "hess");
    checkParams(params);
    int n = feature.length;
    if (grad.length != n) {
      throw new IllegalArgumentException("grad has " + grad.length + " entries but feature has " + n);
    }
    if (hess.length != n) {
      throw new IllegalArgumentException("hess has " + hess.length + " entries but feature has " + n);
    }
    double totalGrad = 0;
    double totalHess = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(feature[i])) {
        throw new IllegalArgumentException("feature[" + i + "] is " + feature[i] + "; values must be finite");
      }
      if (!Double.isFinite(grad[i])) {
        throw new IllegalArgumentException("grad[" + i + "] is " + grad[i] + "; gradients must be finite");
      }
      if (!Double.isFinite(hess[i]) || hess[i] < 0) {
        throw new IllegalArgumentException("hess[" + i + "] is " + hess[i] + "; hessians must be finite and >= 0");
      }
      totalGrad += grad[i];
      totalHess += hess[i];
    }
    int[] order = sortedIndices(feature);
    double mcw = params.minChildWeight();
    boolean found = false;
    double bestGain = 0;
    double bestThreshold = Double.NaN;
    double bestGradRight = 0;
    double bestHessRight = 0;
    double gradRight = 0;
    double hessRight = 0;
    for (int k = n - 1; k > 0; k--) {
      int i = order[k];
      gradRight += grad[i];
      hessRight += hess[i];
      double upper = feature[i];
      double lower = feature[order[k - 1]];
      if (lower == upper) {
        continue;
      }
      double gradLeft = totalGrad - gradRight;
      double hessLeft = totalHess - hessRight;
      if (hessLeft < mcw || hessRight < mcw) {
        continue;
      }
      double g = lossChange(gradLeft, hessLeft, gradRight, hessRight, params);
      if (!found || g > bestGain) {
        found = true;
        bestGain = g;
        bestThreshold = midpoint(lower, upper);
        bestGradRight = gradRight;
        bestHessRight = hessRight;
      }
    }
    if (!found || !(bestGain > MIN_SPLIT_GAIN) || bestGain < params.gamma()) {
      double w = weight(totalGrad, totalHess, params);
      return new Split(false, Double.NaN, 0.0, w, w);
    }
    return new Split(true, bestThreshold, bestGain,
        weight(totalGrad - bestGradRight, totalHess - bestHessRight, params),
        weight(bestGradRight, bestHessRight, params));
  }

  public static double[] predict(Split split, double[] feature) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(feature, "feature");
    double[] out = new double[feature.length];
    for (int i = 0; i < feature.length; i++) {
      if (!Double.isFinite(feature[i])) {
        throw new IllegalArgumentException("feature[" + i + "] is " + feature[i] + "; values must be finite");
      }
      out[i] = feature[i] < split.threshold() ? split.leftWeight() : split.rightWeight();
    }
    return out;
  }

  /** The midpoint, or the upper value when the two are adjacent doubles and the midpoint rounds down. */
  static double midpoint(double lower, double upper) {
    double mid = (lower + upper) * 0.5;
    return mid == lower ? upper : mid;
  }

  private static double lossChange(double gl, double hl, double gr, double hr, Params params) {
    return term(gl, hl, params) + term(gr, hr, params) - term(gl + gr, hl + hr, params);
  }

  /** G'^2 / (H + lambda) with G' the soft-thresholded gradient sum; a node without hessian scores 0. */
  private static double term(double g, double h, Params params) {
    if (h <= 0) {
      return 0.0;
    }
    double t = softThreshold(g, params.alpha());
    return t * t / (h + params.lambda());
  }

  private static double weight(double g, double h, Params params) {
    return h <= 0 ? 0.0 : -softThreshold(g, params.alpha()) / (h + params.lambda());
  }

  private static double softThreshold(double g, double alpha) {
    if (g > alpha) {
      return g - alpha;
    }
    if (g < -alpha) {
      return g + alpha;
    }
    return 0.0;
  }

  private static void checkSums(double g, double h, String gName, String hName) {
    if (!Double.isFinite(g)) {
      throw new IllegalArgumentException(gName + " is " + g + "; it must be finite");
    }
    if (!Double.isFinite(h) || h < 0) {
      throw new IllegalArgumentException(hName + " is " + h + "; it must be finite and >= 0");
    }
  }

  private static void checkParams(Params params) {
    Objects.requireNonNull(params, "params");
    check(params.lambda(), "lambda");
    check(params.alpha(), "alpha");
    check(params.gamma(), "gamma");
    check(params.minChildWeight(), "minChildWeight");
  }

  private static void check(double value, String name) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("params." + name + " is " + value + "; it must be finite and >= 0");
    }
  }

  /** Indices ordered by feature value (ties by index), by a bottom-up merge sort on primitives. */
  static int[] sortedIndices(double[] x) {
    int n = x.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          b[k++] = x[a[j]] < x[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[k++] = a[i++];
        }
        while (j < hi) {
          b[k++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }
}

package mlkata.solutions.normalization;

import java.util.Objects;

/**
 * Reference solution: batch normalization with PyTorch's semantics ({@code F.batch_norm}), on
 * activations laid out as {@code [N][C][S]}.
 *
 * <p>The training forward takes two passes per channel (mean, then the sum of squared deviations),
 * normalizes with the biased variance and feeds the unbiased one to the running estimate. The
 * backward uses the compact form {@code dx = gamma * invStd / m * (m dy - sum dy - xhat sum(dy xhat))}.
 */
public final class BatchNorm {
  private BatchNorm() {}

  /** Kept by the training forward for the backward: normalized input, 1/sqrt(var + eps), gamma. */
  public record Cache(double[][][] xhat, double[] invStd, double[] gamma) {}

  /** Output, cache and the updated running statistics of a training-mode forward. */
  public record ForwardResult(double[][][] y, Cache cache, double[] newRunningMean, double[] newRunningVar) {}

  /** Gradients with respect to x, gamma and beta. */
  public record Gradients(double[][][] dx, double[] dgamma, double[] dbeta) {}

  public static ForwardResult trainForward(double[][][] x, double[] gamma, double[] beta,
      double[] runningMean, double[] runningVar, double momentum, double eps) {
    Shape shape = Shape.of(x, "x");
    checkParameters(shape, gamma, beta, runningMean, runningVar, eps);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("momentum is " + momentum + "; it must be in [0, 1]");
    }
    int m = shape.n * shape.s;
    if (m < 2) {
      throw new IllegalArgumentException(
          "x holds a single value per channel (N * S = 1); training needs at least 2");
    }
    double[][][] y = new double[shape.n][shape.c][shape.s];
    double[][][] xhat = new double[shape.n][shape.c][shape.s];
    double[] invStd = new double[shape.c];
    double[] newMean = new double[shape.c];
    double[] newVar = new double[shape.c];
    for (int c = 0; c < shape.c; c++) {
      double sum = 0;
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          sum += x[n][c][s];
        }
      }
      double mean = sum / m;
      double squares = 0;
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          double d = x[n][c][s] - mean;
          squares += d * d;
        }
      }
      double inv = 1 / Math.sqrt(squares / m + eps);
      invStd[c] = inv;
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          double h = (x[n][c][s] - mean) * inv;
          xhat[n][c][s] = h;
          y[n][c][s] = gamma[c] * h + beta[c];
        }
      }
      newMean[c] = (1 - momentum) * runningMean[c] + momentum * mean;
      newVar[c] = (1 - momentum) * runningVar[c] + momentum * (squares / (m - 1));
    }
    return new ForwardResult(y, new Cache(xhat, invStd, gamma.clone()), newMean, newVar);
  }

  public static double[][][] evalForward(double[][][] x, double[] gamma, double[] beta,
      double[] runningMean, double[] runningVar, double eps) {
    Shape shape = Shape.of(x, "x");
    checkParameters(shape, gamma, beta, runningMean, runningVar, eps);
    double[][][] y = new double[shape.n][shape.c][shape.s];
    for (int c = 0; c < shape.c; c++) {
      double scale = gamma[c] / Math.sqrt(runningVar[c] + eps);
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          y[n][c][s] = scale * (x[n][c][s] - runningMean[c]) + beta[c];
        }
      }
    }
    return y;
  }

  public static Gradients backward(double[][][] dy, Cache cache) {
    Objects.requireNonNull(cache, "cache");
    Shape shape = Shape.of(dy, "dy");
    double[][][] xhat = cache.xhat();
    if (shape.n != xhat.length || shape.c != xhat[0].length || shape.s != xhat[0][0].length) {
      throw new IllegalArgumentException("dy has shape [" + shape.n + "][" + shape.c + "][" + shape.s
          + "] but the forward input had [" + xhat.length + "][" + xhat[0].length + "][" + xhat[0][0].length + "]");
    }
    int m = shape.n * shape.s;
    double[][][] dx = new double[shape.n][shape.c][shape.s];
    double[] dgamma = new double[shape.c];
    double[] dbeta = new double[shape.c];
    for (int c = 0; c < shape.c; c++) {
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          sumDy += dy[n][c][s];
          sumDyXhat += dy[n][c][s] * xhat[n][c][s];
        }
      }
      dbeta[c] = sumDy;
      dgamma[c] = sumDyXhat;
      double k = cache.gamma()[c] * cache.invStd()[c] / m;
      for (int n = 0; n < shape.n; n++) {
        for (int s = 0; s < shape.s; s++) {
          dx[n][c][s] = k * (m * dy[n][c][s] - sumDy - xhat[n][c][s] * sumDyXhat);
        }
      }
    }
    return new Gradients(dx, dgamma, dbeta);
  }

  private static void checkParameters(Shape shape, double[] gamma, double[] beta, double[] runningMean,
      double[] runningVar, double eps) {
    checkChannels(gamma, "gamma", shape.c);
    checkChannels(beta, "beta", shape.c);
    checkChannels(runningMean, "runningMean", shape.c);
    checkChannels(runningVar, "runningVar", shape.c);
    for (int c = 0; c < shape.c; c++) {
      if (runningVar[c] < 0) {
        throw new IllegalArgumentException("runningVar[" + c + "] is " + runningVar[c] + "; a variance is >= 0");
      }
    }
    if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("eps is " + eps + "; it must be finite and > 0");
    }
  }

  private static void checkChannels(double[] values, String name, int channels) {
    Objects.requireNonNull(values, name);
    if (values.length != channels) {
      throw new IllegalArgumentException(name + " has length " + values.length + " but x has " + channels + " channels");
    }
    for (int c = 0; c < channels; c++) {
      if (!Double.isFinite(values[c])) {
        throw new IllegalArgumentException(name + "[" + c + "] is " + values[c] + "; values must be finite");
      }
    }
  }

  /** The validated dimensions of an [N][C][S] array: non-empty, rectangular, finite. */
  private static final class Shape {
    final int n;
    final int c;
    final int s;

    private Shape(int n, int c, int s) {
      this.n = n;
      this.c = c;
      this.s = s;
    }

    static Shape of(double[][][] a, String name) {
      Objects.requireNonNull(a, name);
      if (a.length == 0) {
        throw new IllegalArgumentException(name + " is empty: it needs at least one sample");
      }
      int c = Objects.requireNonNull(a[0], name + "[0]").length;
      if (c == 0) {
        throw new IllegalArgumentException(name + " has no channels");
      }
      int s = Objects.requireNonNull(a[0][0], name + "[0][0]").length;
      if (s == 0) {
        throw new IllegalArgumentException(name + " has no spatial positions");
      }
      for (int i = 0; i < a.length; i++) {
        Objects.requireNonNull(a[i], name + "[" + i + "]");
        if (a[i].length != c) {
          throw new IllegalArgumentException(name + " is ragged: " + name + "[" + i + "] has " + a[i].length
              + " channels, " + name + "[0] has " + c);
        }
        for (int j = 0; j < c; j++) {
          double[] row = Objects.requireNonNull(a[i][j], name + "[" + i + "][" + j + "]");
          if (row.length != s) {
            throw new IllegalArgumentException(name + " is ragged: " + name + "[" + i + "][" + j + "] has "
                + row.length + " positions, " + name + "[0][0] has " + s);
          }
          for (int k = 0; k < s; k++) {
            if (!Double.isFinite(row[k])) {
              throw new IllegalArgumentException(
                  name + "[" + i + "][" + j + "][" + k + "] is " + row[k] + "; values must be finite");
            }
          }
        }
      }
      return new Shape(a.length, c, s);
    }
  }
}

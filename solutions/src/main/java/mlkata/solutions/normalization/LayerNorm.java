package mlkata.solutions.normalization;

import java.util.Objects;

/**
 * Reference solution: layer normalization over the last axis of an (N, D) batch, PyTorch's semantics.
 *
 * <p>Each row takes two passes (the mean, then the squared deviations from it), so rows with a large
 * mean and a small spread keep their precision. The backward pass uses the compact per-row form
 * {@code dx = rstd/D * (D*g - sum(g) - xhat*sum(g*xhat))} with {@code g = dy*gamma}.
 */
public final class LayerNorm {
  /** PyTorch's default {@code eps}. */
  public static final double DEFAULT_EPS = 1e-5;

  private LayerNorm() {}

  /** The normalized input, each row's {@code 1/sqrt(var + eps)}, and a copy of {@code gamma}. */
  public record Cache(double[][] xhat, double[] rstd, double[] gamma) {}

  /** The output and the cache for {@link #backward}. */
  public record Forward(double[][] y, Cache cache) {}

  /** The gradients with respect to {@code x}, {@code gamma} and {@code beta}. */
  public record Gradients(double[][] dx, double[] dgamma, double[] dbeta) {}

  public static Forward forward(double[][] x, double[] gamma, double[] beta, double eps) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(gamma, "gamma");
    Objects.requireNonNull(beta, "beta");
    int d = gamma.length;
    if (d == 0) {
      throw new IllegalArgumentException("gamma is empty; it needs one value per feature (D >= 1)");
    }
    requireFinite(gamma, "gamma");
    if (beta.length != d) {
      throw new IllegalArgumentException("beta has length " + beta.length + " but gamma has " + d);
    }
    requireFinite(beta, "beta");
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("eps is " + eps + "; it must be finite and positive");
    }
    int n = x.length;
    for (int i = 0; i < n; i++) {
      Objects.requireNonNull(x[i], "x[" + i + "]");
      if (x[i].length != d) {
        throw new IllegalArgumentException(
            "x[" + i + "] has length " + x[i].length + " but gamma has " + d);
      }
      requireFinite(x[i], "x[" + i + "]");
    }
    double[][] y = new double[n][d];
    double[][] xhat = new double[n][d];
    double[] rstd = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = x[i];
      double sum = 0;
      for (double v : row) {
        sum += v;
      }
      double mean = sum / d;
      double squares = 0;
      for (double v : row) {
        double dev = v - mean;
        squares += dev * dev;
      }
      double r = 1.0 / Math.sqrt(squares / d + eps);
      rstd[i] = r;
      for (int j = 0; j < d; j++) {
        double h = (row[j] - mean) * r;
        xhat[i][j] = h;
        y[i][j] = gamma[j] * h + beta[j];
      }
    }
    return new Forward(y, new Cache(xhat, rstd, gamma.clone()));
  }

  public static Forward forward(double[][] x, double[] gamma, double[] beta) {
    return forward(x, gamma, beta, DEFAULT_EPS);
  }

  public static Gradients backward(double[][] dy, Cache cache) {
    Objects.requireNonNull(dy, "dy");
    Objects.requireNonNull(cache, "cache");
    double[][] xhat = cache.xhat();
    double[] gamma = cache.gamma();
    int n = xhat.length;
    int d = gamma.length;
    if (dy.length != n) {
      throw new IllegalArgumentException("dy has " + dy.length + " rows but the forward pass had " + n);
    }
    for (int i = 0; i < n; i++) {
      Objects.requireNonNull(dy[i], "dy[" + i + "]");
      if (dy[i].length != d) {
        throw new IllegalArgumentException("dy[" + i + "] has length " + dy[i].length + " but D is " + d);
      }
      requireFinite(dy[i], "dy[" + i + "]");
    }
    double[][] dx = new double[n][d];
    double[] dgamma = new double[d];
    double[] dbeta = new double[d];
    double[] g = new double[d];
    for (int i = 0; i < n; i++) {
      double[] up = dy[i];
      double[] h = xhat[i];
      double sumG = 0;
      double sumGH = 0;
      for (int j = 0; j < d; j++) {
        g[j] = up[j] * gamma[j];
        sumG += g[j];
        sumGH += g[j] * h[j];
        dgamma[j] += up[j] * h[j];
        dbeta[j] += up[j];
      }
      double scale = cache.rstd()[i] / d;
      for (int j = 0; j < d; j++) {
        dx[i][j] = scale * (d * g[j] - sumG - h[j] * sumGH);
      }
    }
    return new Gradients(dx, dgamma, dbeta);
  }

  private static void requireFinite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(name + "[" + j + "] is " + values[j] + "; values must be finite");
      }
    }
  }
}

package mlkata.solutions.models;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reference solution: least squares by the normal equation (with scikit-learn's ridge convention) and
 * by gradient descent on the mean squared error.
 *
 * <p>The normal equation is solved on centred data, so the intercept is never penalised, by a Cholesky
 * factorisation of {@code Xc^T Xc + alpha I}; a pivot at most {@link #SINGULAR} times the largest
 * diagonal entry means the system is singular.
 */
public final class LinearRegression {
  /** Relative size of a Cholesky pivot below which the system counts as singular. */
  static final double SINGULAR = 1e-10;

  private LinearRegression() {}

  /** Fitted parameters: one weight per feature and the intercept. */
  public record Fit(double[] weights, double intercept) {}

  /** The gradient of the loss with respect to the weights and to the intercept. */
  public record Gradient(double[] weights, double intercept) {}

  /** Parameters after training and the full-data MSE after each epoch. */
  public record Training(double[] weights, double intercept, double[] losses) {}

  public static Fit fitNormalEquation(double[][] x, double[] y, double alpha) {
    int d = checkData(x, y);
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
    }
    int n = x.length;
    double[] xMean = new double[d];
    double yMean = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xMean[j] += x[i][j];
      }
      yMean += y[i];
    }
    for (int j = 0; j < d; j++) {
      xMean[j] /= n;
    }
    yMean /= n;
    double[][] a = new double[d][d];
    double[] rhs = new double[d];
    double[] row = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        row[j] = x[i][j] - xMean[j];
      }
      double yc = y[i] - yMean;
      for (int j = 0; j < d; j++) {
        rhs[j] += row[j] * yc;
        for (int k = 0; k <= j; k++) {
          a[j][k] += row[j] * row[k];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      a[j][j] += alpha;
      for (int k = 0; k < j; k++) {
        a[k][j] = a[j][k];
      }
    }
    double[] w = solveSymmetric(a, rhs);
    double intercept = yMean;
    for (int j = 0; j < d; j++) {
      intercept -= xMean[j] * w[j];
    }
    return new Fit(w, intercept);
  }

  /** Solves {@code a w = b} for a symmetric positive definite {@code a} by Cholesky ({@code a = L L^T}). */
  static double[] solveSymmetric(double[][] a, double[] b) {
    int d = b.length;
    double largest = 0;
    for (int j = 0; j < d; j++) {
      largest = Math.max(largest, a[j][j]);
    }
    double[][] l = new double[d][d];
    for (int j = 0; j < d; j++) {
      double pivot = a[j][j];
      for (int k = 0; k < j; k++) {
        pivot -= l[j][k] * l[j][k];
      }
      if (!(pivot > SINGULAR * largest)) {
        throw new IllegalArgumentException("x: the normal equations are singular (pivot " + pivot + " at column "
            + j + "): a constant or repeated feature, or fewer samples than features; use alpha > 0");
      }
      l[j][j] = Math.sqrt(pivot);
      for (int i = j + 1; i < d; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    double[] z = new double[d];
    for (int i = 0; i < d; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    double[] w = new double[d];
    for (int i = d - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < d; k++) {
        s -= l[k][i] * w[k];
      }
      w[i] = s / l[i][i];
    }
    return w;
  }

  public static double[] predict(double[][] x, double[] weights, double intercept) {
    checkModel(x, weights, intercept);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = dot(x[i], weights) + intercept;
    }
    return out;
  }

  public static double mseLoss(double[][] x, double[] y, double[] weights, double intercept) {
    checkData(x, y);
    checkModel(x, weights, intercept);
    return mse(x, y, weights, intercept);
  }

  /** The MSE without validation: a diverging run may hold infinite parameters. */
  private static double mse(double[][] x, double[] y, double[] weights, double intercept) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double r = dot(x[i], weights) + intercept - y[i];
      sum += r * r;
    }
    return sum / x.length;
  }

  public static Gradient mseGradient(double[][] x, double[] y, double[] weights, double intercept) {
    checkData(x, y);
    checkModel(x, weights, intercept);
    int[] all = new int[x.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return batchGradient(x, y, weights, intercept, all, 0, all.length);
  }

  /** The MSE gradient over {@code order[from .. to)}: {@code 2/m X_B^T r} and {@code 2/m sum r}. */
  private static Gradient batchGradient(double[][] x, double[] y, double[] w, double b, int[] order, int from,
      int to) {
    double[] gw = new double[w.length];
    double gb = 0;
    int m = to - from;
    for (int t = from; t < to; t++) {
      int i = order[t];
      double r = dot(x[i], w) + b - y[i];
      for (int j = 0; j < w.length; j++) {
        gw[j] += x[i][j] * r;
      }
      gb += r;
    }
    for (int j = 0; j < w.length; j++) {
      gw[j] = 2 * gw[j] / m;
    }
    return new Gradient(gw, 2 * gb / m);
  }

  public static Training gradientDescent(double[][] x, double[] y, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    int d = checkData(x, y);
    Objects.requireNonNull(rng, "rng");
    int n = x.length;
    if (batchSize < 1 || batchSize > n) {
      throw new IllegalArgumentException("batchSize must be in 1.." + n + ", got " + batchSize);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
    }
    double[] w = new double[d];
    double b = 0;
    double[] losses = new double[epochs];
    int[] order = new int[n];
    for (int e = 0; e < epochs; e++) {
      shuffledOrder(order, rng);
      for (int from = 0; from < n; from += batchSize) {
        Gradient g = batchGradient(x, y, w, b, order, from, Math.min(n, from + batchSize));
        for (int j = 0; j < d; j++) {
          w[j] -= learningRate * g.weights()[j];
        }
        b -= learningRate * g.intercept();
      }
      losses[e] = mse(x, y, w, b);
    }
    return new Training(w, b, losses);
  }

  /** Fills {@code order} with 0..n-1, then Fisher-Yates from the end: swap i with nextInt(i + 1). */
  static void shuffledOrder(int[] order, RandomGenerator rng) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** Validates a design matrix and its targets; returns the number of features. */
  private static int checkData(double[][] x, double[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length == 0) {
      throw new IllegalArgumentException("x has no rows");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " values");
    }
    int d = checkMatrix(x);
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException("y[" + i + "] is " + y[i] + "; targets must be finite");
      }
    }
    return d;
  }

  private static int checkMatrix(double[][] x) {
    int d = -1;
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], "x[" + i + "]");
      if (d < 0) {
        d = x[i].length;
        if (d == 0) {
          throw new IllegalArgumentException("x has no columns");
        }
      } else if (x[i].length != d) {
        throw new IllegalArgumentException("x is ragged: row " + i + " has " + x[i].length + " values, not " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException("x[" + i + "][" + j + "] is " + x[i][j] + "; features must be finite");
        }
      }
    }
    return d;
  }

  private static void checkModel(double[][] x, double[] weights, double intercept) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(weights, "weights");
    int d = checkMatrix(x);
    if (x.length > 0 && d != weights.length) {
      throw new IllegalArgumentException("weights has " + weights.length + " values but x has " + d + " columns");
    }
    for (int j = 0; j < weights.length; j++) {
      if (!Double.isFinite(weights[j])) {
        throw new IllegalArgumentException("weights[" + j + "] is " + weights[j] + "; weights must be finite");
      }
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept is " + intercept + "; it must be finite");
    }
  }
}

package mlkata.solutions.models;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reference solution: binary logistic regression with an L2 penalty on the weights (not the bias),
 * computed from logits so that no exponential overflows and no logarithm sees 0.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** The gradient of the penalised loss with respect to the weights and to the bias. */
  public record Gradient(double[] weights, double bias) {}

  /** Parameters after training and the full-data penalised loss after each epoch. */
  public record Training(double[] weights, double bias, double[] losses) {}

  public static double sigmoid(double z) {
    if (Double.isNaN(z)) {
      throw new IllegalArgumentException("z is NaN");
    }
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /** {@code log(1 + exp(z))} without overflow: {@code max(z, 0) + log1p(exp(-|z|))}. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  public static double[] predictProba(double[][] x, double[] weights, double bias) {
    checkModel(x, weights, bias);
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = sigmoid(logit(x[i], weights, bias));
    }
    return p;
  }

  public static int[] predict(double[][] x, double[] weights, double bias) {
    checkModel(x, weights, bias);
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = logit(x[i], weights, bias) > 0 ? 1 : 0;
    }
    return out;
  }

  public static double logLoss(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    checkData(x, y);
    checkModel(x, weights, bias);
    checkLambda(lambda);
    return loss(x, y, weights, bias, lambda);
  }

  /** The penalised loss without validation: a diverging run may hold infinite parameters. */
  private static double loss(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double z = logit(x[i], weights, bias);
      sum += softplus(z) - y[i] * z;
    }
    return sum / x.length + lambda / 2 * dot(weights, weights);
  }

  public static Gradient logLossGradient(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    checkData(x, y);
    checkModel(x, weights, bias);
    checkLambda(lambda);
    int[] all = new int[x.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return batchGradient(x, y, weights, bias, lambda, all, 0, all.length);
  }

  private static Gradient batchGradient(double[][] x, int[] y, double[] w, double b, double lambda, int[] order,
      int from, int to) {
    double[] gw = new double[w.length];
    double gb = 0;
    int m = to - from;
    for (int t = from; t < to; t++) {
      int i = order[t];
      double r = sigmoid(logit(x[i], w, b)) - y[i];
      for (int j = 0; j < w.length; j++) {
        gw[j] += x[i][j] * r;
      }
      gb += r;
    }
    for (int j = 0; j < w.length; j++) {
      gw[j] = gw[j] / m + lambda * w[j];
    }
    return new Gradient(gw, gb / m);
  }

  public static Training train(double[][] x, int[] y, double lambda, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    int d = checkData(x, y);
    checkLambda(lambda);
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
        Gradient g = batchGradient(x, y, w, b, lambda, order, from, Math.min(n, from + batchSize));
        for (int j = 0; j < d; j++) {
          w[j] -= learningRate * g.weights()[j];
        }
        b -= learningRate * g.bias();
      }
      losses[e] = loss(x, y, w, b, lambda);
    }
    return new Training(w, b, losses);
  }

  /** Fills {@code order} with 0..n-1, then Fisher-Yates from the end: swap i with nextInt(i + 1). */
  private static void shuffledOrder(int[] order, RandomGenerator rng) {
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

  private static double logit(double[] row, double[] w, double b) {
    return dot(row, w) + b;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  private static void checkLambda(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
  }

  private static int checkData(double[][] x, int[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    if (x.length == 0) {
      throw new IllegalArgumentException("x has no rows");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length + " labels");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("y[" + i + "] is " + y[i] + "; labels must be 0 or 1");
      }
    }
    return checkMatrix(x);
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

  private static void checkModel(double[][] x, double[] weights, double bias) {
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
    if (!Double.isFinite(bias)) {
      throw new IllegalArgumentException("bias is " + bias + "; it must be finite");
    }
  }
}

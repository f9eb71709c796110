package mlkata.solutions.layers;

import java.util.Objects;

/**
 * Reference solution: a two-layer perceptron (linear, ReLU, linear) with a mean softmax cross-entropy
 * loss, in PyTorch's {@code nn.Linear} layout ({@code y = x W^T + b}).
 *
 * <p>The forward subtracts each row's largest logit before exponentiating (log-sum-exp), keeps the
 * pre-activations, the hidden activations and the probabilities, and the backward applies the chain
 * rule layer by layer: {@code dlogits = (p - onehot) / N}, then the second linear layer, the ReLU mask
 * (strictly positive pre-activations only, as torch), and the first linear layer.
 */
public final class MlpBackprop {
  private MlpBackprop() {}

  /** What the forward keeps for the backward. */
  public record Cache(double[][] x, int[] targets, double[][] w1, double[][] w2, double[][] preActivation,
      double[][] hidden, double[][] probabilities) {}

  /** The loss, the intermediate activations and the cache. */
  public record Forward(double loss, double[][] preActivation, double[][] hidden, double[][] logits, Cache cache) {}

  /** The gradients of the mean loss. */
  public record Gradients(double[][] dW1, double[] db1, double[][] dW2, double[] db2, double[][] dx) {}

  public static Forward forward(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2,
      double[] b2) {
    int d = columns(x, "x", -1);
    int n = x.length;
    columns(w1, "w1", d);
    columns(w2, "w2", w1.length);
    vector(b1, "b1", w1.length);
    vector(b2, "b2", w2.length);
    Objects.requireNonNull(targets, "targets");
    if (targets.length != n) {
      throw new IllegalArgumentException("targets has " + targets.length + " entries but x has " + n + " rows");
    }
    int classes = w2.length;
    for (int i = 0; i < n; i++) {
      if (targets[i] < 0 || targets[i] >= classes) {
        throw new IllegalArgumentException("targets[" + i + "] is " + targets[i] + "; classes are 0.." + (classes - 1));
      }
    }
    int hidden = w1.length;
    double[][] z1 = linear(x, w1, b1);
    double[][] a1 = new double[n][hidden];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < hidden; j++) {
        a1[i][j] = Math.max(z1[i][j], 0);
      }
    }
    double[][] logits = linear(a1, w2, b2);
    double[][] p = new double[n][classes];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, logits[i][k]);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(logits[i][k] - max);
      }
      double logSum = max + Math.log(sum);
      for (int k = 0; k < classes; k++) {
        p[i][k] = Math.exp(logits[i][k] - logSum);
      }
      total += logSum - logits[i][targets[i]];
    }
    Cache cache = new Cache(x, targets.clone(), w1, w2, z1, a1, p);
    return new Forward(total / n, copy(z1), copy(a1), logits, cache);
  }

  public static Gradients backward(Cache cache) {
    Objects.requireNonNull(cache, "cache");
    double[][] x = cache.x();
    double[][] p = cache.probabilities();
    int n = x.length;
    int d = x[0].length;
    int hidden = cache.w1().length;
    int classes = cache.w2().length;
    double[][] dLogits = new double[n][classes];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < classes; k++) {
        dLogits[i][k] = (p[i][k] - (k == cache.targets()[i] ? 1 : 0)) / n;
      }
    }
    double[][] dW2 = new double[classes][hidden];
    double[] db2 = new double[classes];
    double[][] dz1 = new double[n][hidden];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < classes; k++) {
        double g = dLogits[i][k];
        db2[k] += g;
        for (int j = 0; j < hidden; j++) {
          dW2[k][j] += g * cache.hidden()[i][j];
          dz1[i][j] += g * cache.w2()[k][j];
        }
      }
      for (int j = 0; j < hidden; j++) {
        if (!(cache.preActivation()[i][j] > 0)) {
          dz1[i][j] = 0;
        }
      }
    }
    double[][] dW1 = new double[hidden][d];
    double[] db1 = new double[hidden];
    double[][] dx = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < hidden; j++) {
        double g = dz1[i][j];
        db1[j] += g;
        for (int m = 0; m < d; m++) {
          dW1[j][m] += g * x[i][m];
          dx[i][m] += g * cache.w1()[j][m];
        }
      }
    }
    return new Gradients(dW1, db1, dW2, db2, dx);
  }

  /** {@code in W^T + b}: one output column per row of {@code w}. */
  private static double[][] linear(double[][] in, double[][] w, double[] b) {
    double[][] out = new double[in.length][w.length];
    for (int i = 0; i < in.length; i++) {
      for (int j = 0; j < w.length; j++) {
        double s = b[j];
        for (int m = 0; m < w[j].length; m++) {
          s += in[i][m] * w[j][m];
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  /**
   * Checks a non-empty, rectangular, finite matrix and returns its number of columns, which must be
   * {@code expectedColumns} unless that is negative.
   */
  private static int columns(double[][] m, String name, int expectedColumns) {
    Objects.requireNonNull(m, name);
    if (m.length == 0) {
      throw new IllegalArgumentException(name + " has no rows");
    }
    int cols = Objects.requireNonNull(m[0], name + "[0]").length;
    if (cols == 0) {
      throw new IllegalArgumentException(name + " has no columns");
    }
    if (expectedColumns >= 0 && cols != expectedColumns) {
      throw new IllegalArgumentException(name + " has " + cols + " columns but needs " + expectedColumns
          + " (one per input feature of its layer)");
    }
    for (int i = 0; i < m.length; i++) {
      double[] row = Objects.requireNonNull(m[i], name + "[" + i + "]");
      if (row.length != cols) {
        throw new IllegalArgumentException(name + " is ragged: row " + i + " has " + row.length + " columns, row 0 has " + cols);
      }
      for (int k = 0; k < cols; k++) {
        if (!Double.isFinite(row[k])) {
          throw new IllegalArgumentException(name + "[" + i + "][" + k + "] is " + row[k] + "; values must be finite");
        }
      }
    }
    return cols;
  }

  private static void vector(double[] v, String name, int length) {
    Objects.requireNonNull(v, name);
    if (v.length != length) {
      throw new IllegalArgumentException(name + " has length " + v.length + " but needs " + length);
    }
    for (int k = 0; k < length; k++) {
      if (!Double.isFinite(v[k])) {
        throw new IllegalArgumentException(name + "[" + k + "] is " + v[k] + "; values must be finite");
      }
    }
  }
}

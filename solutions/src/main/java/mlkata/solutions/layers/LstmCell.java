package mlkata.solutions.layers;

import java.util.Objects;

/**
 * Reference solution of {@code layers/lstm-cell}: one step of PyTorch's {@code LSTMCell} (gates i, f, g,
 * o) and {@code GRUCell} (gates r, z, n, with r applied to {@code W_hn h + b_hn}), forward and backward.
 * The problem statement is the stub's Javadoc.
 */
public final class LstmCell {
  private LstmCell() {}

  /** The parameters of one cell, gates stacked in PyTorch's order. */
  public record Weights(double[][] weightIh, double[][] weightHh, double[] biasIh, double[] biasHh) {}

  /** The LSTM's next state. */
  public record LstmState(double[][] h, double[][] c) {}

  /** Gradients of one LSTM step. */
  public record LstmGradients(double[][] dx, double[][] dh, double[][] dc, Weights dWeights) {}

  /** Gradients of one GRU step. */
  public record GruGradients(double[][] dx, double[][] dh, Weights dWeights) {}

  /** One LSTM step. */
  public static LstmState lstmForward(double[][] x, double[][] h, double[][] c, Weights weights) {
    Shape s = check(x, h, weights, 4);
    checkMatrix(c, "c", s.batch, s.hidden);
    Lstm f = lstm(x, h, c, weights, s);
    return new LstmState(f.hNext, f.cNext);
  }

  /** The LSTM step's gradients with respect to x, h, c and the parameters. */
  public static LstmGradients lstmBackward(double[][] x, double[][] h, double[][] c, Weights weights,
      double[][] dhNext, double[][] dcNext) {
    Shape s = check(x, h, weights, 4);
    checkMatrix(c, "c", s.batch, s.hidden);
    checkMatrix(dhNext, "dhNext", s.batch, s.hidden);
    checkMatrix(dcNext, "dcNext", s.batch, s.hidden);
    int hid = s.hidden;
    Lstm f = lstm(x, h, c, weights, s);
    double[][] da = new double[s.batch][4 * hid];
    double[][] dc = new double[s.batch][hid];
    for (int b = 0; b < s.batch; b++) {
      for (int j = 0; j < hid; j++) {
        double i = f.gates[b][j];
        double fg = f.gates[b][hid + j];
        double g = f.gates[b][2 * hid + j];
        double o = f.gates[b][3 * hid + j];
        double tc = Math.tanh(f.cNext[b][j]);
        double dcTotal = dcNext[b][j] + dhNext[b][j] * o * (1 - tc * tc);
        da[b][j] = dcTotal * g * i * (1 - i);
        da[b][hid + j] = dcTotal * c[b][j] * fg * (1 - fg);
        da[b][2 * hid + j] = dcTotal * i * (1 - g * g);
        da[b][3 * hid + j] = dhNext[b][j] * tc * o * (1 - o);
        dc[b][j] = dcTotal * fg;
      }
    }
    double[] db = columnSums(da);
    Weights dw = new Weights(transposeTimes(da, x), transposeTimes(da, h), db, db.clone());
    return new LstmGradients(times(da, weights.weightIh()), times(da, weights.weightHh()), dc, dw);
  }

  /** One GRU step. */
  public static double[][] gruForward(double[][] x, double[][] h, Weights weights) {
    Shape s = check(x, h, weights, 3);
    return gru(x, h, weights, s).hNext;
  }

  /** The GRU step's gradients with respect to x, h and the parameters. */
  public static GruGradients gruBackward(double[][] x, double[][] h, Weights weights, double[][] dhNext) {
    Shape s = check(x, h, weights, 3);
    checkMatrix(dhNext, "dhNext", s.batch, s.hidden);
    int hid = s.hidden;
    Gru f = gru(x, h, weights, s);
    double[][] dInput = new double[s.batch][3 * hid];
    double[][] dHidden = new double[s.batch][3 * hid];
    double[][] dhDirect = new double[s.batch][hid];
    for (int b = 0; b < s.batch; b++) {
      for (int j = 0; j < hid; j++) {
        double r = f.r[b][j];
        double z = f.z[b][j];
        double n = f.n[b][j];
        double dy = dhNext[b][j];
        double dan = dy * (1 - z) * (1 - n * n);
        double dar = dan * f.hiddenN[b][j] * r * (1 - r);
        double daz = dy * (h[b][j] - n) * z * (1 - z);
        dInput[b][j] = dar;
        dInput[b][hid + j] = daz;
        dInput[b][2 * hid + j] = dan;
        dHidden[b][j] = dar;
        dHidden[b][hid + j] = daz;
        dHidden[b][2 * hid + j] = dan * r;
        dhDirect[b][j] = dy * z;
      }
    }
    double[][] dh = times(dHidden, weights.weightHh());
    for (int b = 0; b < s.batch; b++) {
      for (int j = 0; j < hid; j++) {
        dh[b][j] += dhDirect[b][j];
      }
    }
    Weights dw = new Weights(transposeTimes(dInput, x), transposeTimes(dHidden, h), columnSums(dInput),
        columnSums(dHidden));
    return new GruGradients(times(dInput, weights.weightIh()), dh, dw);
  }

  // ---------------------------------------------------------------------------------------------

  private record Shape(int batch, int input, int hidden) {}

  private record Lstm(double[][] gates, double[][] cNext, double[][] hNext) {}

  private record Gru(double[][] r, double[][] z, double[][] n, double[][] hiddenN, double[][] hNext) {}

  private static Lstm lstm(double[][] x, double[][] h, double[][] c, Weights w, Shape s) {
    int hid = s.hidden;
    double[][] pre = add(linear(x, w.weightIh(), w.biasIh()), linear(h, w.weightHh(), w.biasHh()));
    double[][] cNext = new double[s.batch][hid];
    double[][] hNext = new double[s.batch][hid];
    for (int b = 0; b < s.batch; b++) {
      for (int j = 0; j < hid; j++) {
        pre[b][j] = sigmoid(pre[b][j]);
        pre[b][hid + j] = sigmoid(pre[b][hid + j]);
        pre[b][2 * hid + j] = Math.tanh(pre[b][2 * hid + j]);
        pre[b][3 * hid + j] = sigmoid(pre[b][3 * hid + j]);
        cNext[b][j] = pre[b][hid + j] * c[b][j] + pre[b][j] * pre[b][2 * hid + j];
        hNext[b][j] = pre[b][3 * hid + j] * Math.tanh(cNext[b][j]);
      }
    }
    return new Lstm(pre, cNext, hNext);
  }

  private static Gru gru(double[][] x, double[][] h, Weights w, Shape s) {
    int hid = s.hidden;
    double[][] in = linear(x, w.weightIh(), w.biasIh());
    double[][] hd = linear(h, w.weightHh(), w.biasHh());
    double[][] r = new double[s.batch][hid];
    double[][] z = new double[s.batch][hid];
    double[][] n = new double[s.batch][hid];
    double[][] hiddenN = new double[s.batch][hid];
    double[][] hNext = new double[s.batch][hid];
    for (int b = 0; b < s.batch; b++) {
      for (int j = 0; j < hid; j++) {
        r[b][j] = sigmoid(in[b][j] + hd[b][j]);
        z[b][j] = sigmoid(in[b][hid + j] + hd[b][hid + j]);
        hiddenN[b][j] = hd[b][2 * hid + j];
        n[b][j] = Math.tanh(in[b][2 * hid + j] + r[b][j] * hiddenN[b][j]);
        hNext[b][j] = (1 - z[b][j]) * n[b][j] + z[b][j] * h[b][j];
      }
    }
    return new Gru(r, z, n, hiddenN, hNext);
  }

  /** A numerically safe logistic function: exp of a non-positive number only. */
  private static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  /** in W^T + bias, one row per sample. */
  private static double[][] linear(double[][] in, double[][] w, double[] bias) {
    double[][] out = new double[in.length][w.length];
    for (int b = 0; b < in.length; b++) {
      for (int k = 0; k < w.length; k++) {
        double sum = bias[k];
        for (int j = 0; j < in[b].length; j++) {
          sum += in[b][j] * w[k][j];
        }
        out[b][k] = sum;
      }
    }
    return out;
  }

  private static double[][] add(double[][] a, double[][] b) {
    for (int r = 0; r < a.length; r++) {
      for (int k = 0; k < a[r].length; k++) {
        a[r][k] += b[r][k];
      }
    }
    return a;
  }

  /** d W, the gradient of the layer input: (B x G) times (G x n). */
  private static double[][] times(double[][] d, double[][] w) {
    int cols = w[0].length;
    double[][] out = new double[d.length][cols];
    for (int b = 0; b < d.length; b++) {
      for (int k = 0; k < w.length; k++) {
        double g = d[b][k];
        for (int j = 0; j < cols; j++) {
          out[b][j] += g * w[k][j];
        }
      }
    }
    return out;
  }

  /** d^T in, the gradient of a weight: (G x B) times (B x n). */
  private static double[][] transposeTimes(double[][] d, double[][] in) {
    int cols = in[0].length;
    double[][] out = new double[d[0].length][cols];
    for (int b = 0; b < d.length; b++) {
      for (int k = 0; k < d[b].length; k++) {
        for (int j = 0; j < cols; j++) {
          out[k][j] += d[b][k] * in[b][j];
        }
      }
    }
    return out;
  }

  private static double[] columnSums(double[][] d) {
    double[] out = new double[d[0].length];
    for (double[] row : d) {
      for (int k = 0; k < row.length; k++) {
        out[k] += row[k];
      }
    }
    return out;
  }

  private static Shape check(double[][] x, double[][] h, Weights w, int gates) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(h, "h");
    Objects.requireNonNull(w, "weights");
    Objects.requireNonNull(w.weightIh(), "weightIh");
    Objects.requireNonNull(w.weightHh(), "weightHh");
    Objects.requireNonNull(w.biasIh(), "biasIh");
    Objects.requireNonNull(w.biasHh(), "biasHh");
    if (w.weightHh().length == 0 || Objects.requireNonNull(w.weightHh()[0], "weightHh[0]").length == 0) {
      throw new IllegalArgumentException("weightHh must have at least one row and one column");
    }
    int hidden = w.weightHh()[0].length;
    if (x.length == 0 || Objects.requireNonNull(x[0], "x[0]").length == 0) {
      throw new IllegalArgumentException("x must have at least one row and one column");
    }
    int batch = x.length;
    int input = x[0].length;
    checkMatrix(x, "x", batch, input);
    checkMatrix(w.weightHh(), "weightHh", gates * hidden, hidden);
    checkMatrix(w.weightIh(), "weightIh", gates * hidden, input);
    checkVector(w.biasIh(), "biasIh", gates * hidden);
    checkVector(w.biasHh(), "biasHh", gates * hidden);
    checkMatrix(h, "h", batch, hidden);
    return new Shape(batch, input, hidden);
  }

  private static void checkMatrix(double[][] m, String name, int rows, int cols) {
    Objects.requireNonNull(m, name);
    if (m.length != rows) {
      throw new IllegalArgumentException(name + " has " + m.length + " rows, expected " + rows);
    }
    for (int r = 0; r < rows; r++) {
      Objects.requireNonNull(m[r], name + "[" + r + "]");
      if (m[r].length != cols) {
        throw new IllegalArgumentException(name + "[" + r + "] has " + m[r].length + " columns, expected " + cols);
      }
      for (int k = 0; k < cols; k++) {
        if (!Double.isFinite(m[r][k])) {
          throw new IllegalArgumentException(name + "[" + r + "][" + k + "] is " + m[r][k] + "; it must be finite");
        }
      }
    }
  }

  private static void checkVector(double[] v, String name, int length) {
    if (v.length != length) {
      throw new IllegalArgumentException(name + " has " + v.length + " entries, expected " + length);
    }
    for (int k = 0; k < length; k++) {
      if (!Double.isFinite(v[k])) {
        throw new IllegalArgumentException(name + "[" + k + "] is " + v[k] + "; it must be finite");
      }
    }
  }
}

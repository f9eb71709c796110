package mlkata.solutions.transformer;

import java.util.Objects;

/**
 * Reference solution: multi-head self-attention with the parameter layout of torch's
 * {@code nn.MultiheadAttention} (packed {@code in_proj_weight}, {@code out_proj}), one sequence, the
 * kata's mask convention (true = may attend) and head-averaged weights.
 *
 * <p>Project once into the packed (L x 3E) q|k|v matrix, run scaled dot-product attention per head on
 * that head's column blocks (scale 1/sqrt(E/heads)), write each head's output back into its column
 * block, then apply the output projection. Self-contained (JDK only), so it can replace the stub as is.
 */
public final class MultiHeadAttention {
  private MultiHeadAttention() {}

  /** For {@link #columns}: accept any positive number of columns. */
  private static final int ANY_WIDTH = -1;

  /**
   * torch's parameter layout: {@code inProjWeight} (3E x E) stacks Wq, Wk, Wv by rows,
   * {@code inProjBias} (3E) stacks bq, bk, bv, {@code outProjWeight} is E x E, {@code outProjBias} E.
   */
  public record Parameters(double[][] inProjWeight, double[] inProjBias, double[][] outProjWeight, double[] outProjBias) {}

  /** The output ({@code L x E}) and the attention weights averaged over the heads ({@code L x L}). */
  public record Result(double[][] output, double[][] weights) {}

  public static Result selfAttention(double[][] x, int numHeads, Parameters params, boolean[][] mask, boolean causal) {
    int e = columns(x, "x", ANY_WIDTH);
    Objects.requireNonNull(params, "params");
    if (numHeads < 1 || e % numHeads != 0) {
      throw new IllegalArgumentException("numHeads is " + numHeads + "; it must be positive and divide E = " + e);
    }
    checkMatrix(params.inProjWeight(), "inProjWeight", 3 * e, e);
    checkVector(params.inProjBias(), "inProjBias", 3 * e);
    checkMatrix(params.outProjWeight(), "outProjWeight", e, e);
    checkVector(params.outProjBias(), "outProjBias", e);
    int len = x.length;
    checkMask(mask, len);
    int headDim = e / numHeads;
    double scale = 1.0 / Math.sqrt(headDim);
    double[][] qkv = linear(x, params.inProjWeight(), params.inProjBias());
    double[][] concat = new double[len][e];
    double[][] averaged = new double[len][len];
    double[] logits = new double[len];
    for (int h = 0; h < numHeads; h++) {
      int q0 = h * headDim;
      int k0 = e + h * headDim;
      int v0 = 2 * e + h * headDim;
      for (int i = 0; i < len; i++) {
        for (int j = 0; j < len; j++) {
          boolean allowed = (mask == null || mask[i][j]) && (!causal || j <= i);
          logits[j] = allowed ? scale * dot(qkv[i], q0, qkv[j], k0, headDim) : Double.NEGATIVE_INFINITY;
        }
        double[] w = softmax(logits);
        for (int j = 0; j < len; j++) {
          averaged[i][j] += w[j] / numHeads;
          for (int c = 0; c < headDim; c++) {
            concat[i][q0 + c] += w[j] * qkv[j][v0 + c];
          }
        }
      }
    }
    return new Result(linear(concat, params.outProjWeight(), params.outProjBias()), averaged);
  }

  /** Softmax after subtracting the maximum; all zeros when every entry is -Infinity (masked). */
  private static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) {
      max = Math.max(max, z);
    }
    double[] out = new double[logits.length];
    if (max == Double.NEGATIVE_INFINITY) {
      return out;
    }
    double sum = 0;
    for (int j = 0; j < logits.length; j++) {
      out[j] = Math.exp(logits[j] - max);
      sum += out[j];
    }
    for (int j = 0; j < logits.length; j++) {
      out[j] /= sum;
    }
    return out;
  }

  /** The dot product of {@code a[aFrom, aFrom + n)} and {@code b[bFrom, bFrom + n)}. */
  private static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
    double s = 0;
    for (int c = 0; c < n; c++) {
      s += a[aFrom + c] * b[bFrom + c];
    }
    return s;
  }

  /** y = x W^T + b, row by row. */
  private static double[][] linear(double[][] x, double[][] w, double[] b) {
    double[][] y = new double[x.length][w.length];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < w.length; o++) {
        double s = b[o];
        for (int c = 0; c < x[i].length; c++) {
          s += x[i][c] * w[o][c];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private static void checkMatrix(double[][] m, String name, int rows, int cols) {
    columns(m, name, cols);
    if (m.length != rows) {
      throw new IllegalArgumentException(name + " has " + m.length + " rows; expected " + rows);
    }
  }

  private static void checkVector(double[] b, String name, int length) {
    Objects.requireNonNull(b, name);
    if (b.length != length) {
      throw new IllegalArgumentException(name + " has length " + b.length + "; expected " + length);
    }
    for (int k = 0; k < length; k++) {
      if (!Double.isFinite(b[k])) {
        throw new IllegalArgumentException(name + "[" + k + "] is " + b[k] + "; values must be finite");
      }
    }
  }

  private static void checkMask(boolean[][] mask, int len) {
    if (mask == null) {
      return;
    }
    if (mask.length != len) {
      throw new IllegalArgumentException("mask has " + mask.length + " rows; expected L = " + len);
    }
    for (int i = 0; i < len; i++) {
      Objects.requireNonNull(mask[i], "mask row");
      if (mask[i].length != len) {
        throw new IllegalArgumentException("mask[" + i + "] has " + mask[i].length + " entries; expected L = " + len);
      }
    }
  }

  /**
   * Checks that {@code m} is a non-empty rectangular matrix of finite values with {@code expected}
   * columns (any positive number when it is {@link #ANY_WIDTH}) and returns its number of columns.
   */
  private static int columns(double[][] m, String name, int expected) {
    Objects.requireNonNull(m, name);
    if (m.length == 0) {
      throw new IllegalArgumentException(name + " has no rows");
    }
    int cols = Objects.requireNonNull(m[0], name + " row").length;
    if (cols == 0) {
      throw new IllegalArgumentException(name + " has rows of length 0");
    }
    if (expected != ANY_WIDTH && cols != expected) {
      throw new IllegalArgumentException(name + " has " + cols + " columns; expected " + expected);
    }
    for (int r = 0; r < m.length; r++) {
      Objects.requireNonNull(m[r], name + " row");
      if (m[r].length != cols) {
        throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + m[r].length
            + " entries, row 0 has " + cols);
      }
      for (int c = 0; c < cols; c++) {
        if (!Double.isFinite(m[r][c])) {
          throw new IllegalArgumentException(name + "[" + r + "][" + c + "] is " + m[r][c] + "; values must be finite");
        }
      }
    }
    return cols;
  }
}

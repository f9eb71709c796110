package mlkata.solutions.transformer;

import java.util.Objects;

/**
 * Reference solution: multi-head self-attention with the parameter layout of torch's
 * {@code nn.MultiheadAttention} (packed {@code in_proj_weight}, {@code out_proj}), one sequence, the
 * kata's mask convention (true = may attend) and head-averaged weights.
 *
 * <p>Project once into the packed (L x 3E) q|k|v matrix, slice each head's columns, run
 * {@link Attention#attend} per head (scale 1/sqrt(E/heads)), write each head's output back into its
 * column block, then apply the output projection.
 */
public final class MultiHeadAttention {
  private MultiHeadAttention() {}

  /**
   * torch's parameter layout: {@code inProjWeight} (3E x E) stacks Wq, Wk, Wv by rows,
   * {@code inProjBias} (3E) stacks bq, bk, bv, {@code outProjWeight} is E x E, {@code outProjBias} E.
   */
  public record Parameters(double[][] inProjWeight, double[] inProjBias, double[][] outProjWeight, double[] outProjBias) {}

  /** The output ({@code L x E}) and the attention weights averaged over the heads ({@code L x L}). */
  public record Result(double[][] output, double[][] weights) {}

  public static Result selfAttention(double[][] x, int numHeads, Parameters params, boolean[][] mask, boolean causal) {
    int e = Attention.columns(x, "x", Attention.ANY_WIDTH);
    Objects.requireNonNull(params, "params");
    if (numHeads < 1 || e % numHeads != 0) {
      throw new IllegalArgumentException("numHeads is " + numHeads + "; it must be positive and divide E = " + e);
    }
    checkMatrix(params.inProjWeight(), "inProjWeight", 3 * e, e);
    checkVector(params.inProjBias(), "inProjBias", 3 * e);
    checkMatrix(params.outProjWeight(), "outProjWeight", e, e);
    checkVector(params.outProjBias(), "outProjBias", e);
    int len = x.length;
    if (mask != null && mask.length != len) {
      throw new IllegalArgumentException("mask has " + mask.length + " rows; expected L = " + len);
    }
    int headDim = e / numHeads;
    double[][] qkv = linear(x, params.inProjWeight(), params.inProjBias());
    double[][] concat = new double[len][e];
    double[][] averaged = new double[len][len];
    for (int h = 0; h < numHeads; h++) {
      double[][] qh = slice(qkv, h * headDim, headDim);
      double[][] kh = slice(qkv, e + h * headDim, headDim);
      double[][] vh = slice(qkv, 2 * e + h * headDim, headDim);
      Attention.Result r = Attention.attend(qh, kh, vh, mask, causal);
      for (int i = 0; i < len; i++) {
        System.arraycopy(r.output()[i], 0, concat[i], h * headDim, headDim);
        for (int j = 0; j < len; j++) {
          averaged[i][j] += r.weights()[i][j];
        }
      }
    }
    for (int i = 0; i < len; i++) {
      for (int j = 0; j < len; j++) {
        averaged[i][j] /= numHeads;
      }
    }
    return new Result(linear(concat, params.outProjWeight(), params.outProjBias()), averaged);
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

  private static double[][] slice(double[][] m, int from, int width) {
    double[][] out = new double[m.length][width];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], from, out[i], 0, width);
    }
    return out;
  }

  private static void checkMatrix(double[][] m, String name, int rows, int cols) {
    Attention.columns(m, name, cols);
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
}

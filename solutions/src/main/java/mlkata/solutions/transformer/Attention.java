package mlkata.solutions.transformer;

import java.util.Objects;

/**
 * Reference solution: scaled dot-product attention with torch SDPA's conventions (boolean mask, true =
 * may attend; causal aligned top-left) and zeros for a row with nothing to attend to.
 *
 * <p>One query row at a time: its scores, a max-subtracted softmax over the allowed keys, then the
 * weighted sum of the value rows. O(Lq * Lk * (d + dv)) time, O(Lq * Lk) memory for the weights.
 */
public final class Attention {
  private Attention() {}

  /** For {@link #columns}: accept any positive number of columns. */
  static final int ANY_WIDTH = -1;

  /** The attention output ({@code Lq x dv}) and the attention weights ({@code Lq x Lk}). */
  public record Result(double[][] output, double[][] weights) {}

  public static double[] softmax(double[] logits) {
    Objects.requireNonNull(logits, "logits");
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < logits.length; j++) {
      double x = logits[j];
      if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "logits[" + j + "] is " + x + "; logits must be finite or -Infinity (masked)");
      }
      max = Math.max(max, x);
    }
    double[] out = new double[logits.length];
    if (max == Double.NEGATIVE_INFINITY) {
      return out; // empty, or every entry masked: all zeros by this kata's convention
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

  public static Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal) {
    int d = columns(q, "q", ANY_WIDTH);
    return attend(q, k, v, mask, causal, 1.0 / Math.sqrt(d));
  }

  public static Result attend(
      double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal, double scale) {
    int d = columns(q, "q", ANY_WIDTH);
    columns(k, "k", d);
    int dv = columns(v, "v", ANY_WIDTH);
    int lq = q.length;
    int lk = k.length;
    if (v.length != lk) {
      throw new IllegalArgumentException("v has " + v.length + " rows but k has " + lk + "; they must match");
    }
    if (mask != null) {
      if (mask.length != lq) {
        throw new IllegalArgumentException("mask has " + mask.length + " rows; expected Lq = " + lq);
      }
      for (int i = 0; i < lq; i++) {
        Objects.requireNonNull(mask[i], "mask row");
        if (mask[i].length != lk) {
          throw new IllegalArgumentException(
              "mask[" + i + "] has " + mask[i].length + " entries; expected Lk = " + lk);
        }
      }
    }
    if (!Double.isFinite(scale) || scale <= 0) {
      throw new IllegalArgumentException("scale is " + scale + "; it must be finite and positive");
    }
    double[][] weights = new double[lq][];
    double[][] output = new double[lq][dv];
    double[] logits = new double[lk];
    for (int i = 0; i < lq; i++) {
      for (int j = 0; j < lk; j++) {
        boolean allowed = (mask == null || mask[i][j]) && (!causal || j <= i);
        logits[j] = allowed ? scale * dot(q[i], k[j]) : Double.NEGATIVE_INFINITY;
      }
      double[] w = softmax(logits);
      weights[i] = w;
      for (int j = 0; j < lk; j++) {
        if (w[j] != 0) {
          for (int c = 0; c < dv; c++) {
            output[i][c] += w[j] * v[j][c];
          }
        }
      }
    }
    return new Result(output, weights);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      s += a[c] * b[c];
    }
    return s;
  }

  /**
   * Checks that {@code m} is a non-empty rectangular matrix of finite values with at least one column
   * ({@code expected} columns unless it is {@link #ANY_WIDTH}) and returns its number of columns.
   */
  static int columns(double[][] m, String name, int expected) {
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

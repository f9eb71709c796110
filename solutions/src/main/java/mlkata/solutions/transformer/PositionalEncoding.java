package mlkata.solutions.transformer;

import java.util.Objects;

/**
 * Reference solution: the sinusoidal position table of "Attention Is All You Need" and rotary position
 * embeddings (RoPE) in the two pairings in use, with the backward pass of RoPE (the inverse rotation).
 */
public final class PositionalEncoding {
  private PositionalEncoding() {}

  /** Which coordinates RoPE rotates together. */
  public enum Pairing {
    /** Pairs {@code (x[2i], x[2i+1])}, as in the RoFormer paper and Meta's original LLaMA code. */
    INTERLEAVED,
    /** Pairs {@code (x[i], x[i + d/2])}, the {@code rotate_half} layout of Hugging Face's LLaMA and GPT-NeoX. */
    HALVES
  }

  /** The base of the sinusoidal table. */
  public static final double SINUSOID_BASE = 10000;

  public static double[][] sinusoidal(int length, int d) {
    if (length < 0) {
      throw new IllegalArgumentException("length is " + length + "; it must be >= 0");
    }
    if (d < 1) {
      throw new IllegalArgumentException("d is " + d + "; it must be >= 1");
    }
    double[] freq = new double[(d + 1) / 2];
    for (int i = 0; i < freq.length; i++) {
      freq[i] = 1.0 / Math.pow(SINUSOID_BASE, 2.0 * i / d);
    }
    double[][] pe = new double[length][d];
    for (int pos = 0; pos < length; pos++) {
      for (int c = 0; c < d; c++) {
        double angle = pos * freq[c / 2];
        pe[pos][c] = c % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
      }
    }
    return pe;
  }

  public static double[][] rotate(double[][] x, int[] positions, double base, Pairing pairing) {
    return apply(x, "x", positions, base, pairing, 1);
  }

  public static double[][] rotateBackward(double[][] gradOutput, int[] positions, double base, Pairing pairing) {
    return apply(gradOutput, "gradOutput", positions, base, pairing, -1);
  }

  /** Rotates every pair of every row by {@code sign * position * base^(-2i/d)}. */
  private static double[][] apply(double[][] x, String name, int[] positions, double base, Pairing pairing, int sign) {
    Objects.requireNonNull(x, name);
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(pairing, "pairing");
    if (!Double.isFinite(base) || base <= 0) {
      throw new IllegalArgumentException("base is " + base + "; it must be finite and positive");
    }
    if (positions.length != x.length) {
      throw new IllegalArgumentException("positions has " + positions.length + " entries but " + name + " has "
          + x.length + " rows; they must match");
    }
    int d = x.length == 0 ? 0 : Objects.requireNonNull(x[0], name + " row").length;
    if (x.length > 0 && (d == 0 || d % 2 != 0)) {
      throw new IllegalArgumentException(name + " has " + d + " columns; RoPE needs an even, positive width");
    }
    int half = d / 2;
    double[] invFreq = new double[half];
    for (int i = 0; i < half; i++) {
      invFreq[i] = 1.0 / Math.pow(base, 2.0 * i / d);
    }
    double[][] out = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      double[] row = Objects.requireNonNull(x[r], name + " row");
      if (row.length != d) {
        throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + row.length + " entries, row 0 has " + d);
      }
      for (int c = 0; c < d; c++) {
        if (!Double.isFinite(row[c])) {
          throw new IllegalArgumentException(name + "[" + r + "][" + c + "] is " + row[c] + "; values must be finite");
        }
      }
      if (positions[r] < 0) {
        throw new IllegalArgumentException("positions[" + r + "] is " + positions[r] + "; positions must be >= 0");
      }
      double[] o = new double[d];
      for (int i = 0; i < half; i++) {
        int a = pairing == Pairing.INTERLEAVED ? 2 * i : i;
        int b = pairing == Pairing.INTERLEAVED ? 2 * i + 1 : i + half;
        double angle = positions[r] * invFreq[i];
        double cos = Math.cos(angle);
        double sin = sign * Math.sin(angle);
        o[a] = row[a] * cos - row[b] * sin;
        o[b] = row[a] * sin + row[b] * cos;
      }
      out[r] = o;
    }
    return out;
  }
}

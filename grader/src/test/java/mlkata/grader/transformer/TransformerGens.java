package mlkata.grader.transformer;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators for the transformer katas. Shapes are drawn by QuickTheories (so a failure shrinks to a
 * small shape); the entries are filled from a drawn seed: a mix of a coarse grid (ties between scores)
 * and continuous values, masks mostly true with an occasional fully masked row.
 */
final class TransformerGens {
  private TransformerGens() {}

  /** Whether generated inputs carry a mask and a causal flag. */
  enum Masking {
    /** No mask, not causal. */
    NONE,
    /** A random mask (or none) and a random causal flag. */
    ANY,
    /** Causal always, a random mask or none. */
    CAUSAL
  }

  /** One input of scaled dot-product attention. */
  record AttentionInput(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal, long seed) {
    int lq() {
      return q.length;
    }

    int lk() {
      return k.length;
    }

    @Override
    public String toString() {
      return "q=" + Arrays.deepToString(q) + ", k=" + Arrays.deepToString(k) + ", v=" + Arrays.deepToString(v)
          + ", mask=" + Arrays.deepToString(mask) + ", causal=" + causal;
    }
  }

  /** One input of multi-head self-attention. */
  record MhaInput(double[][] x, int numHeads, MultiHeadAttentionApi.Parameters params, boolean[][] mask,
      boolean causal, long seed) {
    int length() {
      return x.length;
    }

    int embed() {
      return x[0].length;
    }

    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", numHeads=" + numHeads
          + ", inProjWeight=" + Arrays.deepToString(params.inProjWeight())
          + ", inProjBias=" + Arrays.toString(params.inProjBias())
          + ", outProjWeight=" + Arrays.deepToString(params.outProjWeight())
          + ", outProjBias=" + Arrays.toString(params.outProjBias())
          + ", mask=" + Arrays.deepToString(mask) + ", causal=" + causal;
    }
  }

  /** Attention inputs with {@code 1..maxLen} queries and keys, {@code d, dv} in {@code 1..maxDim}. */
  static Gen<AttentionInput> attention(int maxLen, int maxDim, Masking masking) {
    return integers().between(1, maxLen).zip(integers().between(1, maxLen), integers().between(1, maxDim),
        integers().between(1, maxDim), longs().all(), (lq, lk, d, dv, seed) -> {
          Random random = new Random(seed);
          double[][] q = matrix(random, lq, d, 3);
          double[][] k = matrix(random, lk, d, 3);
          double[][] v = matrix(random, lk, dv, 3);
          boolean causal = masking == Masking.CAUSAL || (masking == Masking.ANY && random.nextBoolean());
          boolean[][] mask = masking != Masking.NONE && random.nextBoolean() ? mask(random, lq, lk) : null;
          return new AttentionInput(q, k, v, mask, causal, seed);
        });
  }

  /** Self-attention inputs: {@code 1..maxLen} tokens, {@code 1..maxHeads} heads of width {@code 1..maxHeadDim}. */
  static Gen<MhaInput> selfAttention(int maxLen, int maxHeads, int maxHeadDim, Masking masking) {
    return integers().between(1, maxLen).zip(integers().between(1, maxHeads), integers().between(1, maxHeadDim),
        longs().all(), (len, heads, headDim, seed) -> {
          Random random = new Random(seed);
          int e = heads * headDim;
          double[][] x = matrix(random, len, e, 2);
          MultiHeadAttentionApi.Parameters params = new MultiHeadAttentionApi.Parameters(
              matrix(random, 3 * e, e, 1), matrix(random, 1, 3 * e, 1)[0], matrix(random, e, e, 1),
              matrix(random, 1, e, 1)[0]);
          boolean causal = masking == Masking.CAUSAL || (masking == Masking.ANY && random.nextBoolean());
          boolean[][] mask = masking != Masking.NONE && random.nextBoolean() ? mask(random, len, len) : null;
          return new MhaInput(x, heads, params, mask, causal, seed);
        });
  }

  /** Entries: a third on the grid {-1, -0.5, 0, 0.5, 1} times {@code scale}/3, the rest uniform in +-scale. */
  static double[][] matrix(Random random, int rows, int cols, double scale) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = random.nextInt(3) == 0 ? (random.nextInt(5) - 2) * 0.5 * scale / 3
            : (2 * random.nextDouble() - 1) * scale;
      }
    }
    return m;
  }

  /** Each entry true with probability 3/4; one row in five is switched off entirely. */
  static boolean[][] mask(Random random, int rows, int cols) {
    boolean[][] m = new boolean[rows][cols];
    for (boolean[] row : m) {
      boolean off = random.nextInt(5) == 0;
      for (int c = 0; c < cols; c++) {
        row[c] = !off && random.nextInt(4) != 0;
      }
    }
    return m;
  }
}

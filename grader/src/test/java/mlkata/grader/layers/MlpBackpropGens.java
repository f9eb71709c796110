package mlkata.grader.layers;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link MlpBackpropSpec}: whole two-layer-network problems (input, targets, weights in
 * {@code nn.Linear}'s {@code out x in} layout). Named for the kata so that it cannot clash with other
 * {@code layers} katas' helpers.
 */
final class MlpBackpropGens {
  private MlpBackpropGens() {}

  /** One problem: the forward's arguments. */
  record Problem(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    int n() {
      return x.length;
    }

    int d() {
      return x[0].length;
    }

    int h() {
      return w1.length;
    }

    int c() {
      return w2.length;
    }

    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", targets=" + Arrays.toString(targets) + ", w1="
          + Arrays.deepToString(w1) + ", b1=" + Arrays.toString(b1) + ", w2=" + Arrays.deepToString(w2) + ", b2="
          + Arrays.toString(b2);
    }
  }

  /**
   * General problems: N up to 5, D up to 4, H up to 5, C up to 4; values in [-2, 2], a quarter of them
   * on the integer grid -2..2 so that pre-activations of exactly 0 and tied logits occur.
   */
  static Gen<Problem> problems() {
    Gen<Double> value = doubles().between(-2, 2).mix(integers().between(-2, 2).map(i -> (double) i), 25);
    return problems(value, false);
  }

  /**
   * Problems for finite differences: continuous values and every pre-activation at least 0.05 away
   * from ReLU's kink at 0 (redrawn until so), so the loss is smooth at the scale of the step.
   */
  static Gen<Problem> smoothProblems() {
    return problems(doubles().between(-2, 2), true);
  }

  private static Gen<Problem> problems(Gen<Double> value, boolean smooth) {
    Gen<Integer> ns = integers().between(1, 5);
    Gen<Integer> ds = integers().between(1, 4);
    Gen<Integer> hs = integers().between(1, 5);
    Gen<Integer> cs = integers().between(1, 4);
    return rs -> {
      int n = ns.generate(rs);
      int d = ds.generate(rs);
      int h = hs.generate(rs);
      int c = cs.generate(rs);
      Problem p = null;
      for (int attempt = 0; attempt < 100 && (p == null || (smooth && nearKink(p))); attempt++) {
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
          targets[i] = integers().between(0, c - 1).generate(rs);
        }
        p = new Problem(matrix(value, n, d, rs), targets, matrix(value, h, d, rs), matrix(value, 1, h, rs)[0],
            matrix(value, c, h, rs), matrix(value, 1, c, rs)[0]);
      }
      return p;
    };
  }

  private static double[][] matrix(Gen<Double> value, int rows, int cols, org.quicktheories.core.RandomnessSource rs) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int k = 0; k < cols; k++) {
        row[k] = value.generate(rs);
      }
    }
    return m;
  }

  /** Whether a pre-activation lies within 0.05 of 0. */
  static boolean nearKink(Problem p) {
    for (double[] row : p.x()) {
      for (int j = 0; j < p.h(); j++) {
        double z = p.b1()[j];
        for (int m = 0; m < p.d(); m++) {
          z += row[m] * p.w1()[j][m];
        }
        if (Math.abs(z) < 0.05) {
          return true;
        }
      }
    }
    return false;
  }
}

package mlkata.grader.normalization;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators for {@link BatchNormSpec}: whole batch-norm problems in the kata's {@code [N][C][S]}
 * layout. Each channel gets its own offset and spread so that per-channel bugs (statistics over the
 * wrong axis, one channel's gamma applied to another) show up. Named for batch norm so it cannot clash
 * with other normalization katas' helpers.
 */
final class BatchNormGens {
  private BatchNormGens() {}

  /** One batch-norm problem: the forward's arguments and an upstream gradient {@code dy} of x's shape. */
  record Problem(double[][][] x, double[] gamma, double[] beta, double[] runningMean, double[] runningVar,
      double momentum, double eps, double[][][] dy) {
    int n() {
      return x.length;
    }

    int c() {
      return gamma.length;
    }

    int s() {
      return x[0][0].length;
    }

    /** Values per channel, {@code N * S}. */
    int m() {
      return n() * s();
    }

    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", gamma=" + Arrays.toString(gamma) + ", beta="
          + Arrays.toString(beta) + ", runningMean=" + Arrays.toString(runningMean) + ", runningVar="
          + Arrays.toString(runningVar) + ", momentum=" + momentum + ", eps=" + eps + ", dy="
          + Arrays.deepToString(dy);
    }
  }

  /**
   * General problems: shapes up to {@code 6 x 3 x 6} with {@code N * S >= 2}; channel offsets in
   * [-50, 50] and spreads from 0.01 to 10, values partly on a coarse grid so ties and even constant
   * channels occur; eps from 1e-5 to 1; any momentum in [0, 1].
   */
  static Gen<Problem> problems() {
    Gen<Double> unit = doubles().between(-2, 2).mix(integers().between(-2, 2).map(i -> (double) i), 25);
    Gen<Double> spread = Generate.pick(List.of(0.01, 0.1, 1.0, 10.0));
    return problems(6, 3, 6, unit, spread, doubles().between(-50, 50), false);
  }

  /**
   * Problems for finite differences: every channel is well spread (its variance far above eps), so
   * the loss is smooth at the scale of the difference step. Values are {@code +-1} alternating within
   * a channel, plus noise in [-0.4, 0.4], times a spread of 0.3, 1 or 3, plus an offset in [-5, 5].
   */
  static Gen<Problem> smoothProblems() {
    Gen<Double> noise = doubles().between(-0.4, 0.4);
    Gen<Double> spread = Generate.pick(List.of(0.3, 1.0, 3.0));
    return problems(5, 3, 4, noise, spread, doubles().between(-5, 5), true);
  }

  private static Gen<Problem> problems(int maxN, int maxC, int maxS, Gen<Double> unit, Gen<Double> spread,
      Gen<Double> offset, boolean alternate) {
    Gen<Integer> ns = integers().between(1, maxN);
    Gen<Integer> cs = integers().between(1, maxC);
    Gen<Integer> ss = integers().between(1, maxS);
    Gen<Double> gammas = doubles().between(-3, 3).mix(Generate.pick(List.of(1.0, 0.0, -1.0)), 20);
    Gen<Double> betas = doubles().between(-3, 3);
    Gen<Double> means = doubles().between(-5, 5);
    Gen<Double> vars = doubles().between(0, 4);
    Gen<Double> momenta = doubles().between(0, 1).mix(Generate.pick(List.of(0.1, 0.0, 1.0)), 30);
    Gen<Double> epses = Generate.pick(List.of(1e-5, 1e-3, 0.1, 1.0));
    Gen<Double> upstream = doubles().between(-2, 2);
    return rs -> {
      int n = ns.generate(rs);
      int c = cs.generate(rs);
      int s = ss.generate(rs);
      if (n * s < 2) {
        n = 2;
      }
      double[][][] x = new double[n][c][s];
      double[][][] dy = new double[n][c][s];
      double[] gamma = new double[c];
      double[] beta = new double[c];
      double[] runningMean = new double[c];
      double[] runningVar = new double[c];
      for (int j = 0; j < c; j++) {
        double o = offset.generate(rs);
        double w = spread.generate(rs);
        int k = 0;
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < s; p++, k++) {
            double base = alternate ? (k % 2 == 0 ? 1 : -1) : 0;
            x[i][j][p] = o + w * (base + unit.generate(rs));
            dy[i][j][p] = upstream.generate(rs);
          }
        }
        gamma[j] = gammas.generate(rs);
        beta[j] = betas.generate(rs);
        runningMean[j] = means.generate(rs);
        runningVar[j] = vars.generate(rs);
      }
      return new Problem(x, gamma, beta, runningMean, runningVar, momenta.generate(rs), epses.generate(rs), dy);
    };
  }
}

package mlkata.grader.optimizers;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * Generators for the optimizer specs: hyperparameters drawn from the values people actually use (and the
 * edges 0 and large), and multi-step trajectories whose gradients vary per step and are sometimes zero.
 */
final class OptimizersGens {
  private OptimizersGens() {}

  /** Starting parameters, one gradient vector per step, and the hyperparameters for every step. */
  record Trajectory(double[] params, double[][] grads, AdamApi.Config config) {
    int size() {
      return params.length;
    }

    int steps() {
      return grads.length;
    }

    Trajectory with(AdamApi.Config other) {
      return new Trajectory(params, grads, other);
    }

    @Override
    public String toString() {
      return "params=" + Arrays.toString(params) + ", grads per step=" + Arrays.deepToString(grads)
          + ", " + config;
    }
  }

  /** A gradient entry: exactly zero about 1 time in 7, else a coarse grid or a continuous value. */
  static Gen<Double> gradient() {
    Gen<Double> grid = integers().between(-4, 4).map(i -> i * 0.5);
    return doubles().between(-3, 3).mix(grid, 50).mix(arbitrary().constant(0.0), 15);
  }

  /** A gradient entry far from zero: magnitude in [1e-3, 10], either sign. */
  static Gen<Double> nonzeroGradient() {
    return doubles().between(-3, 1).zip(booleans().all(), (e, negative) -> (negative ? -1 : 1) * Math.pow(10, e));
  }

  /** Hyperparameters: any combination of the usual and the edge values. */
  static Gen<AdamApi.Config> configs() {
    Gen<Double> lr = doubles().between(1e-4, 0.3).mix(arbitrary().pick(1e-3, 1e-2, 0.1, 0.5), 70);
    Gen<Double> beta1 = arbitrary().pick(0.0, 0.5, 0.8, 0.9, 0.99);
    Gen<Double> beta2 = arbitrary().pick(0.0, 0.5, 0.9, 0.99, 0.999);
    Gen<Double> eps = arbitrary().pick(1e-8, 1e-3, 0.1);
    Gen<Double> wd = arbitrary().pick(0.0, 1e-2, 0.3);
    Gen<double[]> numbers = lr.zip(beta1, beta2, eps, wd, (a, b, c, d, e) -> new double[] {a, b, c, d, e});
    return numbers.zip(booleans().all(), booleans().all(),
        (x, decoupled, amsgrad) -> new AdamApi.Config(x[0], x[1], x[2], x[3], x[4], decoupled, amsgrad));
  }

  /** {@link #configs()} without weight decay and with {@code eps} replaced. */
  static Gen<AdamApi.Config> configsWithoutDecay(double eps) {
    return configs().map(c -> new AdamApi.Config(c.lr(), c.beta1(), c.beta2(), eps, 0, c.decoupled(), c.amsgrad()));
  }

  /** Trajectories of {@code 1..maxSize} parameters over {@code 1..maxSteps} steps. */
  static Gen<Trajectory> trajectories(int maxSize, int maxSteps, Gen<Double> gradient, Gen<AdamApi.Config> configs) {
    Gen<int[]> shape = integers().between(1, maxSize).zip(integers().between(1, maxSteps), (n, t) -> new int[] {n, t});
    return shape.flatMap(s -> lists().of(doubles().between(-5, 5)).ofSize(s[0])
        .zip(lists().of(gradient).ofSize(s[0] * s[1]), configs, (p, g, c) -> toTrajectory(s[0], s[1], p, g, c)));
  }

  private static Trajectory toTrajectory(int n, int steps, List<Double> params, List<Double> grads,
      AdamApi.Config config) {
    double[] p = params.stream().mapToDouble(Double::doubleValue).toArray();
    double[][] g = new double[steps][n];
    for (int k = 0; k < steps * n; k++) {
      g[k / n][k % n] = grads.get(k);
    }
    return new Trajectory(p, g, config);
  }
}

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
 * Generators for the dense optimizer specs ({@code sgd-momentum}, and reused by {@code adagrad-rmsprop}):
 * multi-step trajectories with any hyperparameter record, and SGD hyperparameters drawn from the values
 * people use plus the edges (momentum 0 and above 1, dampening 0 and 1).
 */
final class SgdMomentumGens {
  private SgdMomentumGens() {}

  /** Starting parameters, one gradient vector per step, and the hyperparameters for every step. */
  record Trajectory<C>(double[] params, double[][] grads, C config) {
    int size() {
      return params.length;
    }

    int steps() {
      return grads.length;
    }

    <D> Trajectory<D> with(D other) {
      return new Trajectory<>(params, grads, other);
    }

    @Override
    public String toString() {
      return "params=" + Arrays.toString(params) + ", grads per step=" + Arrays.deepToString(grads) + ", " + config;
    }
  }

  /** SGD hyperparameters: any combination of the usual and the edge values; Nesterov only where torch allows it. */
  static Gen<SgdMomentumApi.Config> configs() {
    Gen<Double> lr = doubles().between(1e-4, 0.3).mix(arbitrary().pick(1e-3, 1e-2, 0.1, 0.5), 70);
    Gen<Double> momentum = doubles().between(0, 1).mix(arbitrary().pick(0.0, 0.5, 0.9, 0.99, 1.2), 70);
    Gen<Double> dampening = arbitrary().pick(0.0, 0.0, 0.1, 0.5, 1.0);
    Gen<Double> wd = arbitrary().pick(0.0, 1e-2, 0.3);
    Gen<double[]> numbers = lr.zip(momentum, dampening, wd, (a, b, c, d) -> new double[] {a, b, c, d});
    return numbers.zip(booleans().all(), (x, nesterov) ->
        new SgdMomentumApi.Config(x[0], x[1], x[2], x[3], nesterov && x[1] > 0 && x[2] == 0));
  }

  /** {@link #configs()} with momentum on, and Nesterov on or off as asked (which forces dampening 0). */
  static Gen<SgdMomentumApi.Config> momentumConfigs(boolean nesterov) {
    return configs().zip(doubles().between(0.01, 1.2).mix(arbitrary().pick(0.5, 0.9, 0.99), 50), (c, mu) ->
        new SgdMomentumApi.Config(c.lr(), mu, nesterov ? 0 : c.dampening(), c.weightDecay(), nesterov));
  }

  /** Trajectories of {@code 1..maxSize} parameters over {@code 1..maxSteps} steps. */
  static <C> Gen<Trajectory<C>> trajectories(int maxSize, int maxSteps, Gen<Double> gradient, Gen<C> configs) {
    Gen<int[]> shape = integers().between(1, maxSize).zip(integers().between(1, maxSteps), (n, t) -> new int[] {n, t});
    return shape.flatMap(s -> lists().of(doubles().between(-5, 5)).ofSize(s[0])
        .zip(lists().of(gradient).ofSize(s[0] * s[1]), configs, (p, g, c) -> toTrajectory(s[0], s[1], p, g, c)));
  }

  private static <C> Trajectory<C> toTrajectory(int n, int steps, List<Double> params, List<Double> grads, C config) {
    double[] p = params.stream().mapToDouble(Double::doubleValue).toArray();
    double[][] g = new double[steps][n];
    for (int k = 0; k < steps * n; k++) {
      g[k / n][k % n] = grads.get(k);
    }
    return new Trajectory<>(p, g, config);
  }
}

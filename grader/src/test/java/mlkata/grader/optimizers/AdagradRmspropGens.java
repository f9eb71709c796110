package mlkata.grader.optimizers;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;

import mlkata.grader.optimizers.AdagradRmspropApi.AdagradConfig;
import mlkata.grader.optimizers.AdagradRmspropApi.RmspropConfig;
import org.quicktheories.core.Gen;

/**
 * Hyperparameter generators for {@link AdagradRmspropSpec}: the values people use plus the edges. RMSprop's
 * alpha stays at 0.3 or above so that the centered variance {@code sq - ga^2} is never a catastrophic
 * cancellation over the few steps a trajectory takes (with alpha near 0 it is a difference of two nearly
 * equal numbers and rounding alone would decide the result).
 */
final class AdagradRmspropGens {
  private AdagradRmspropGens() {}

  /** Adagrad's hyperparameters together with the accumulator's starting value. */
  record AdagradSetup(AdagradConfig config, double initial) {
    @Override
    public String toString() {
      return config + ", initialAccumulatorValue=" + initial;
    }
  }

  static Gen<Double> lr() {
    return doubles().between(1e-4, 0.3).mix(arbitrary().pick(1e-3, 1e-2, 0.1, 0.5), 70);
  }

  static Gen<AdagradSetup> adagradSetups() {
    Gen<Double> lrDecay = arbitrary().pick(0.0, 0.0, 0.01, 0.5, 2.0);
    Gen<Double> wd = arbitrary().pick(0.0, 1e-2, 0.3);
    Gen<Double> eps = arbitrary().pick(1e-10, 1e-10, 1e-3, 0.1);
    Gen<Double> initial = arbitrary().pick(0.0, 0.0, 0.1, 1.0);
    return lr().zip(lrDecay, wd, eps, (a, b, c, d) -> new AdagradConfig(a, b, c, d))
        .zip(initial, AdagradSetup::new);
  }

  static Gen<RmspropConfig> rmspropConfigs() {
    Gen<Double> alpha = doubles().between(0.3, 0.999).mix(arbitrary().pick(0.5, 0.9, 0.99), 70);
    Gen<Double> eps = arbitrary().pick(1e-8, 1e-8, 1e-3, 0.1);
    Gen<Double> wd = arbitrary().pick(0.0, 1e-2, 0.3);
    Gen<Double> momentum = arbitrary().pick(0.0, 0.0, 0.5, 0.9);
    Gen<double[]> numbers = lr().zip(alpha, eps, wd, (a, b, c, d) -> new double[] {a, b, c, d});
    return numbers.zip(momentum, booleans().all(), (x, mu, centered) ->
        new RmspropConfig(x[0], x[1], x[2], x[3], mu, centered));
  }
}

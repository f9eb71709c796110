// Generated from WeightInitOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.training;

import java.util.random.RandomGenerator;
import mlkata.solutions.training.WeightInit;

/** Binds {@link WeightInitSpec} to the learner's {@code WeightInit}; the build writes the twin for the solution. */
final class WeightInitOfSolutions implements WeightInitApi {
  @Override
  public Fans fans(int[] shape) {
    WeightInit.Fans f = WeightInit.fans(shape);
    return f == null ? null : new Fans(f.fanIn(), f.fanOut());
  }

  @Override
  public double gain(Nonlinearity nonlinearity, double negativeSlope) {
    return WeightInit.gain(convert(nonlinearity), negativeSlope);
  }

  @Override
  public double xavierStd(int[] shape, double gain) {
    return WeightInit.xavierStd(shape, gain);
  }

  @Override
  public double xavierBound(int[] shape, double gain) {
    return WeightInit.xavierBound(shape, gain);
  }

  @Override
  public double kaimingStd(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity) {
    return WeightInit.kaimingStd(shape, negativeSlope, convert(mode), convert(nonlinearity));
  }

  @Override
  public double kaimingBound(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity) {
    return WeightInit.kaimingBound(shape, negativeSlope, convert(mode), convert(nonlinearity));
  }

  @Override
  public double[] xavierUniform(int[] shape, double gain, RandomGenerator random) {
    return WeightInit.xavierUniform(shape, gain, random);
  }

  @Override
  public double[] xavierNormal(int[] shape, double gain, RandomGenerator random) {
    return WeightInit.xavierNormal(shape, gain, random);
  }

  @Override
  public double[] kaimingUniform(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity,
      RandomGenerator random) {
    return WeightInit.kaimingUniform(shape, negativeSlope, convert(mode), convert(nonlinearity), random);
  }

  @Override
  public double[] kaimingNormal(int[] shape, double negativeSlope, Mode mode, Nonlinearity nonlinearity,
      RandomGenerator random) {
    return WeightInit.kaimingNormal(shape, negativeSlope, convert(mode), convert(nonlinearity), random);
  }

  private static WeightInit.Nonlinearity convert(Nonlinearity n) {
    return n == null ? null : WeightInit.Nonlinearity.valueOf(n.name());
  }

  private static WeightInit.Mode convert(Mode m) {
    return m == null ? null : WeightInit.Mode.valueOf(m.name());
  }
}

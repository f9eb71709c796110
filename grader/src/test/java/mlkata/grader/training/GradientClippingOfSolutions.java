// Generated from GradientClippingOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.training;

import mlkata.solutions.training.GradientClipping;

/** Binds {@link GradientClippingSpec} to the learner's {@code GradientClipping}; the build writes the twin for the solution. */
final class GradientClippingOfSolutions implements GradientClippingApi {
  @Override
  public Clipped clipGradNorm(double[][] gradients, double maxNorm, double normType, boolean errorIfNonfinite) {
    return convert(GradientClipping.clipGradNorm(gradients, maxNorm, normType, errorIfNonfinite));
  }

  @Override
  public Clipped clipGradNorm(double[][] gradients, double maxNorm) {
    return convert(GradientClipping.clipGradNorm(gradients, maxNorm));
  }

  @Override
  public double[][] clipGradValue(double[][] gradients, double clipValue) {
    return GradientClipping.clipGradValue(gradients, clipValue);
  }

  private static Clipped convert(GradientClipping.Clipped c) {
    return c == null ? null : new Clipped(c.gradients(), c.totalNorm());
  }
}

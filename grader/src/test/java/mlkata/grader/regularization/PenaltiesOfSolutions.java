// Generated from PenaltiesOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.regularization;

import mlkata.solutions.regularization.Penalties;

/** Binds {@link PenaltiesSpec} to the learner's {@code Penalties}; the build writes the twin for the solution. */
final class PenaltiesOfSolutions implements PenaltiesApi {
  @Override
  public double elasticNet(double[] w, double alpha, double l1Ratio) {
    return Penalties.elasticNet(w, alpha, l1Ratio);
  }

  @Override
  public double[] elasticNetGradient(double[] w, double alpha, double l1Ratio) {
    return Penalties.elasticNetGradient(w, alpha, l1Ratio);
  }

  @Override
  public double[] softThreshold(double[] v, double threshold) {
    return Penalties.softThreshold(v, threshold);
  }

  @Override
  public double[] sgdStep(double[] params, double[] grads, double lr, double weightDecay, boolean decoupled) {
    return Penalties.sgdStep(params, grads, lr, weightDecay, decoupled);
  }
}

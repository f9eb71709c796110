// Generated from RobustLossesOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.losses;

import mlkata.solutions.losses.RobustLosses;

/** Binds {@link RobustLossesSpec} to the learner's {@code RobustLosses}; the build writes the twin for the solution. */
final class RobustLossesOfSolutions implements RobustLossesApi {
  @Override
  public LossAndGradient hinge(double[] scores, int[] labels) {
    return convert(RobustLosses.hinge(scores, labels));
  }

  @Override
  public LossAndGradient huber(double[] predictions, double[] targets, double delta) {
    return convert(RobustLosses.huber(predictions, targets, delta));
  }

  @Override
  public LossAndGradient smoothL1(double[] predictions, double[] targets, double beta) {
    return convert(RobustLosses.smoothL1(predictions, targets, beta));
  }

  private static LossAndGradient convert(RobustLosses.LossAndGradient r) {
    return r == null ? null : new LossAndGradient(r.loss(), r.gradient());
  }
}

// Generated from BinaryLossesOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.losses;

import mlkata.solutions.losses.BinaryLosses;

/** Binds {@link BinaryLossesSpec} to the learner's {@code BinaryLosses}; the build writes the twin for the solution. */
final class BinaryLossesOfSolutions implements BinaryLossesApi {
  @Override
  public double[] bceWithLogits(double[] logits, double[] targets, double posWeight) {
    return BinaryLosses.bceWithLogits(logits, targets, posWeight);
  }

  @Override
  public double bceWithLogits(double[] logits, double[] targets, double posWeight, Reduction reduction) {
    return BinaryLosses.bceWithLogits(logits, targets, posWeight, convert(reduction));
  }

  @Override
  public double[] bceWithLogitsGradient(double[] logits, double[] targets, double posWeight, Reduction reduction) {
    return BinaryLosses.bceWithLogitsGradient(logits, targets, posWeight, convert(reduction));
  }

  @Override
  public double[] focalLoss(double[] logits, double[] targets, double alpha, double gamma) {
    return BinaryLosses.focalLoss(logits, targets, alpha, gamma);
  }

  @Override
  public double focalLoss(double[] logits, double[] targets, double alpha, double gamma, Reduction reduction) {
    return BinaryLosses.focalLoss(logits, targets, alpha, gamma, convert(reduction));
  }

  @Override
  public double[] focalLossGradient(double[] logits, double[] targets, double alpha, double gamma, Reduction reduction) {
    return BinaryLosses.focalLossGradient(logits, targets, alpha, gamma, convert(reduction));
  }

  @Override
  public double defaultAlpha() {
    return BinaryLosses.DEFAULT_ALPHA;
  }

  @Override
  public double defaultGamma() {
    return BinaryLosses.DEFAULT_GAMMA;
  }

  private static BinaryLosses.Reduction convert(Reduction reduction) {
    return reduction == null ? null : BinaryLosses.Reduction.valueOf(reduction.name());
  }
}

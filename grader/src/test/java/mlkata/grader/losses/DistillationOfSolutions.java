// Generated from DistillationOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.losses;

import mlkata.solutions.losses.Distillation;

/** Binds {@link DistillationSpec} to the learner's {@code Distillation}; the build writes the twin for the solution. */
final class DistillationOfSolutions implements DistillationApi {
  @Override
  public LossAndGradient soft(double[][] student, double[][] teacher, double temperature) {
    return convert(Distillation.soft(student, teacher, temperature));
  }

  @Override
  public LossAndGradient combined(double[][] student, double[][] teacher, int[] labels, double temperature, double alpha) {
    return convert(Distillation.combined(student, teacher, labels, temperature, alpha));
  }

  private static LossAndGradient convert(Distillation.LossAndGradient r) {
    return r == null ? null : new LossAndGradient(r.loss(), r.gradient());
  }
}

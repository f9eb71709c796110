// Generated from RocAucOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.metrics;

import mlkata.solutions.metrics.RocAuc;

/** Binds {@link RocAucSpec} to the learner's {@code RocAuc}; the build writes the twin for the solution. */
final class RocAucOfSolutions implements RocAucApi {
  @Override
  public Curve rocCurve(double[] scores, int[] labels) {
    RocAuc.Curve c = RocAuc.rocCurve(scores, labels);
    return c == null ? null : new Curve(c.fpr(), c.tpr(), c.thresholds());
  }

  @Override
  public double auc(double[] scores, int[] labels) {
    return RocAuc.auc(scores, labels);
  }
}

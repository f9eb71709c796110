// Generated from AveragePrecisionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.metrics;

import mlkata.solutions.metrics.AveragePrecision;

/** Binds {@link AveragePrecisionSpec} to the learner's {@code AveragePrecision}; the build writes the twin. */
final class AveragePrecisionOfSolutions implements AveragePrecisionApi {
  @Override
  public double averagePrecision(double[] scores, int[] labels) {
    return AveragePrecision.averagePrecision(scores, labels);
  }
}

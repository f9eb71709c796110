package mlkata.grader.metrics;

import mlkata.exercises.metrics.AveragePrecision;

/** Binds {@link AveragePrecisionSpec} to the learner's {@code AveragePrecision}; the build writes the twin. */
final class AveragePrecisionOfExercises implements AveragePrecisionApi {
  @Override
  public double averagePrecision(double[] scores, int[] labels) {
    return AveragePrecision.averagePrecision(scores, labels);
  }
}

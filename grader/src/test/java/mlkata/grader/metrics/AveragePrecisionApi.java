package mlkata.grader.metrics;

/** What {@link AveragePrecisionSpec} needs of the code under test. */
interface AveragePrecisionApi {
  double averagePrecision(double[] scores, int[] labels);
}

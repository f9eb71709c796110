package mlkata.grader.detection;

/** What {@link BoxCoderSpec} needs of the code under test. */
interface BoxCoderApi {
  double[][] encode(double[][] targets, double[][] proposals);

  double[][] encode(double[][] targets, double[][] proposals, double[] weights);

  double[][] decode(double[][] deltas, double[][] proposals);

  double[][] decode(double[][] deltas, double[][] proposals, double[] weights);
}

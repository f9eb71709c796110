package mlkata.grader.metrics;

/** What {@link CalibrationSpec} needs of the code under test, in the grader's own types. */
interface CalibrationApi {
  /** The grader's copy of the kata's bin strategies. */
  enum Strategy {
    UNIFORM,
    QUANTILE
  }

  /** The grader's copy of the kata's reliability-curve record. */
  record Reliability(double[] fractionPositive, double[] meanPredicted, int[] counts) {}

  double brierScore(double[] probs, int[] labels);

  double logLoss(double[] probs, int[] labels);

  Reliability calibrationCurve(double[] probs, int[] labels, int nBins, Strategy strategy);

  double expectedCalibrationError(double[] probs, int[] labels, int nBins, Strategy strategy);
}

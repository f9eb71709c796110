package mlkata.grader.models;

/** What {@link PcaSpec} needs of the code under test, in the grader's own types. */
interface PcaApi {
  /** The grader's copy of the kata's eigenpair record. */
  record Eigenpair(double value, double[] vector) {}

  /** The grader's copy of the kata's fit record. */
  record Fit(double[] mean, double[][] components, double[] explainedVariance, double[] explainedVarianceRatio) {}

  double[][] covariance(double[][] x);

  Eigenpair dominantEigenpair(double[][] matrix);

  Fit fit(double[][] x, int k);

  double[][] transform(Fit fit, double[][] x);
}

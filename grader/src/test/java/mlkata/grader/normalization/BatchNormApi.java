package mlkata.grader.normalization;

/**
 * What {@link BatchNormSpec} needs of the code under test, in the grader's own types. The kata's
 * {@code Cache} is the learner's own record: the grader carries it as an opaque {@code Object} and only
 * hands it back to {@link #backward}.
 */
interface BatchNormApi {
  /** The grader's copy of the kata's forward result, the cache kept opaque. */
  record Forward(double[][][] y, Object cache, double[] newRunningMean, double[] newRunningVar) {}

  /** The grader's copy of the kata's gradients record. */
  record Gradients(double[][][] dx, double[] dgamma, double[] dbeta) {}

  Forward trainForward(double[][][] x, double[] gamma, double[] beta, double[] runningMean,
      double[] runningVar, double momentum, double eps);

  double[][][] evalForward(double[][][] x, double[] gamma, double[] beta, double[] runningMean,
      double[] runningVar, double eps);

  /** {@code cache} must come from this same binding's {@link #trainForward} (or be null). */
  Gradients backward(double[][][] dy, Object cache);
}

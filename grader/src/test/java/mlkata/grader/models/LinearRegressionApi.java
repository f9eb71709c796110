package mlkata.grader.models;

import java.util.random.RandomGenerator;

/** What {@link LinearRegressionSpec} needs of the code under test, in the grader's own types. */
interface LinearRegressionApi {
  record Fit(double[] weights, double intercept) {}

  record Gradient(double[] weights, double intercept) {}

  record Training(double[] weights, double intercept, double[] losses) {}

  Fit fitNormalEquation(double[][] x, double[] y, double alpha);

  double[] predict(double[][] x, double[] weights, double intercept);

  double mseLoss(double[][] x, double[] y, double[] weights, double intercept);

  Gradient mseGradient(double[][] x, double[] y, double[] weights, double intercept);

  Training gradientDescent(double[][] x, double[] y, int batchSize, int epochs, double learningRate,
      RandomGenerator rng);
}

package mlkata.grader.models;

import java.util.random.RandomGenerator;

/** What {@link LogisticRegressionSpec} needs of the code under test, in the grader's own types. */
interface LogisticRegressionApi {
  record Gradient(double[] weights, double bias) {}

  record Training(double[] weights, double bias, double[] losses) {}

  double sigmoid(double z);

  double[] predictProba(double[][] x, double[] weights, double bias);

  int[] predict(double[][] x, double[] weights, double bias);

  double logLoss(double[][] x, int[] y, double[] weights, double bias, double lambda);

  Gradient logLossGradient(double[][] x, int[] y, double[] weights, double bias, double lambda);

  Training train(double[][] x, int[] y, double lambda, int batchSize, int epochs, double learningRate,
      RandomGenerator rng);
}

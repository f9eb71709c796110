// Generated from LogisticRegressionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.models;

import java.util.random.RandomGenerator;
import mlkata.solutions.models.LogisticRegression;

/** Binds {@link LogisticRegressionSpec} to the learner's {@code LogisticRegression}; the build writes the twin. */
final class LogisticRegressionOfSolutions implements LogisticRegressionApi {
  @Override
  public double sigmoid(double z) {
    return LogisticRegression.sigmoid(z);
  }

  @Override
  public double[] predictProba(double[][] x, double[] weights, double bias) {
    return LogisticRegression.predictProba(x, weights, bias);
  }

  @Override
  public int[] predict(double[][] x, double[] weights, double bias) {
    return LogisticRegression.predict(x, weights, bias);
  }

  @Override
  public double logLoss(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    return LogisticRegression.logLoss(x, y, weights, bias, lambda);
  }

  @Override
  public Gradient logLossGradient(double[][] x, int[] y, double[] weights, double bias, double lambda) {
    LogisticRegression.Gradient g = LogisticRegression.logLossGradient(x, y, weights, bias, lambda);
    return g == null ? null : new Gradient(g.weights(), g.bias());
  }

  @Override
  public Training train(double[][] x, int[] y, double lambda, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    LogisticRegression.Training t = LogisticRegression.train(x, y, lambda, batchSize, epochs, learningRate, rng);
    return t == null ? null : new Training(t.weights(), t.bias(), t.losses());
  }
}

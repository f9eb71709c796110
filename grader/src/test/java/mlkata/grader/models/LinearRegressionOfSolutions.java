// Generated from LinearRegressionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.models;

import java.util.random.RandomGenerator;
import mlkata.solutions.models.LinearRegression;

/** Binds {@link LinearRegressionSpec} to the learner's {@code LinearRegression}; the build writes the twin. */
final class LinearRegressionOfSolutions implements LinearRegressionApi {
  @Override
  public Fit fitNormalEquation(double[][] x, double[] y, double alpha) {
    LinearRegression.Fit f = LinearRegression.fitNormalEquation(x, y, alpha);
    return f == null ? null : new Fit(f.weights(), f.intercept());
  }

  @Override
  public double[] predict(double[][] x, double[] weights, double intercept) {
    return LinearRegression.predict(x, weights, intercept);
  }

  @Override
  public double mseLoss(double[][] x, double[] y, double[] weights, double intercept) {
    return LinearRegression.mseLoss(x, y, weights, intercept);
  }

  @Override
  public Gradient mseGradient(double[][] x, double[] y, double[] weights, double intercept) {
    LinearRegression.Gradient g = LinearRegression.mseGradient(x, y, weights, intercept);
    return g == null ? null : new Gradient(g.weights(), g.intercept());
  }

  @Override
  public Training gradientDescent(double[][] x, double[] y, int batchSize, int epochs, double learningRate,
      RandomGenerator rng) {
    LinearRegression.Training t = LinearRegression.gradientDescent(x, y, batchSize, epochs, learningRate, rng);
    return t == null ? null : new Training(t.weights(), t.intercept(), t.losses());
  }
}

// Generated from ActivationsOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.training;

import mlkata.solutions.training.Activations;

/** Binds {@link ActivationsSpec} to the learner's {@code Activations}; the build writes the twin for the solution. */
final class ActivationsOfSolutions implements ActivationsApi {
  @Override
  public double sigmoid(double x) {
    return Activations.sigmoid(x);
  }

  @Override
  public double sigmoidDerivative(double x) {
    return Activations.sigmoidDerivative(x);
  }

  @Override
  public double tanh(double x) {
    return Activations.tanh(x);
  }

  @Override
  public double tanhDerivative(double x) {
    return Activations.tanhDerivative(x);
  }

  @Override
  public double relu(double x) {
    return Activations.relu(x);
  }

  @Override
  public double reluDerivative(double x) {
    return Activations.reluDerivative(x);
  }

  @Override
  public double leakyRelu(double x, double slope) {
    return Activations.leakyRelu(x, slope);
  }

  @Override
  public double leakyReluDerivative(double x, double slope) {
    return Activations.leakyReluDerivative(x, slope);
  }

  @Override
  public double elu(double x, double alpha) {
    return Activations.elu(x, alpha);
  }

  @Override
  public double eluDerivative(double x, double alpha) {
    return Activations.eluDerivative(x, alpha);
  }

  @Override
  public double softplus(double x, double beta, double threshold) {
    return Activations.softplus(x, beta, threshold);
  }

  @Override
  public double softplusDerivative(double x, double beta, double threshold) {
    return Activations.softplusDerivative(x, beta, threshold);
  }

  @Override
  public double gelu(double x) {
    return Activations.gelu(x);
  }

  @Override
  public double geluDerivative(double x) {
    return Activations.geluDerivative(x);
  }

  @Override
  public double silu(double x) {
    return Activations.silu(x);
  }

  @Override
  public double siluDerivative(double x) {
    return Activations.siluDerivative(x);
  }
}

// Generated from DropoutOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.regularization;

import java.util.random.RandomGenerator;
import mlkata.solutions.regularization.Dropout;

/** Binds {@link DropoutSpec} to the learner's {@code Dropout}; the build writes the twin for the solution. */
final class DropoutOfSolutions implements DropoutApi {
  @Override
  public boolean[] keepMask(int n, double p, RandomGenerator rng) {
    return Dropout.keepMask(n, p, rng);
  }

  @Override
  public double[] forwardTrain(double[] x, boolean[] keep, double p) {
    return Dropout.forwardTrain(x, keep, p);
  }

  @Override
  public double[] forwardEval(double[] x, double p) {
    return Dropout.forwardEval(x, p);
  }

  @Override
  public double[] backward(double[] dy, boolean[] keep, double p) {
    return Dropout.backward(dy, keep, p);
  }
}

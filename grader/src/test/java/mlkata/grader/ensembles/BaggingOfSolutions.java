// Generated from BaggingOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.ensembles;

import java.util.random.RandomGenerator;
import mlkata.solutions.ensembles.Bagging;

/** Binds {@link BaggingSpec} to the learner's {@code Bagging}; the build writes the twin for the solution. */
final class BaggingOfSolutions implements BaggingApi {
  @Override
  public int[] bootstrapSample(int n, RandomGenerator rng) {
    return Bagging.bootstrapSample(n, rng);
  }

  @Override
  public int[] outOfBagIndices(int[] sample, int n) {
    return Bagging.outOfBagIndices(sample, n);
  }

  @Override
  public int[] hardVote(int[][] predictions, int numClasses) {
    return Bagging.hardVote(predictions, numClasses);
  }

  @Override
  public SoftVote softVote(double[][][] probabilities, double[] weights) {
    Bagging.SoftVote v = Bagging.softVote(probabilities, weights);
    return v == null ? null : new SoftVote(v.probabilities(), v.predictions());
  }

  @Override
  public OutOfBag outOfBag(int[][] samples, double[][][] probabilities, int[] labels) {
    Bagging.OutOfBag o = Bagging.outOfBag(samples, probabilities, labels);
    return o == null ? null : new OutOfBag(o.decision(), o.predictions(), o.score());
  }
}

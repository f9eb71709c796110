// Generated from AdaboostOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.ensembles;

import mlkata.solutions.ensembles.Adaboost;

/** Binds {@link AdaboostSpec} to the learner's {@code Adaboost}; the build writes the twin for the solution. */
final class AdaboostOfSolutions implements AdaboostApi {
  @Override
  public double weightedError(double[] weights, int[] labels, int[] predictions) {
    return Adaboost.weightedError(weights, labels, predictions);
  }

  @Override
  public Round boost(double[] weights, int[] labels, int[] predictions, int numClasses, double learningRate) {
    Adaboost.Round r = Adaboost.boost(weights, labels, predictions, numClasses, learningRate);
    return r == null ? null
        : new Round(r.outcome() == null ? null : Outcome.valueOf(r.outcome().name()), r.error(), r.alpha(), r.weights());
  }

  @Override
  public int[] predict(int[][] predictions, double[] alphas, int numClasses) {
    return Adaboost.predict(predictions, alphas, numClasses);
  }
}

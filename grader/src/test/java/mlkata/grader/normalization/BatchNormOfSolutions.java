// Generated from BatchNormOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.normalization;

import mlkata.solutions.normalization.BatchNorm;

/** Binds {@link BatchNormSpec} to the learner's {@code BatchNorm}; the build writes the twin for the solution. */
final class BatchNormOfSolutions implements BatchNormApi {
  @Override
  public Forward trainForward(double[][][] x, double[] gamma, double[] beta, double[] runningMean,
      double[] runningVar, double momentum, double eps) {
    BatchNorm.ForwardResult r = BatchNorm.trainForward(x, gamma, beta, runningMean, runningVar, momentum, eps);
    return r == null ? null : new Forward(r.y(), r.cache(), r.newRunningMean(), r.newRunningVar());
  }

  @Override
  public double[][][] evalForward(double[][][] x, double[] gamma, double[] beta, double[] runningMean,
      double[] runningVar, double eps) {
    return BatchNorm.evalForward(x, gamma, beta, runningMean, runningVar, eps);
  }

  @Override
  public Gradients backward(double[][][] dy, Object cache) {
    BatchNorm.Gradients g = BatchNorm.backward(dy, (BatchNorm.Cache) cache);
    return g == null ? null : new Gradients(g.dx(), g.dgamma(), g.dbeta());
  }
}

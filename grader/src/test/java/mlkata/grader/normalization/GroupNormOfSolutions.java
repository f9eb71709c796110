// Generated from GroupNormOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.normalization;

import mlkata.solutions.normalization.GroupNorm;

/** Binds {@link GroupNormSpec} to the learner's {@code GroupNorm}; the build writes the twin for the solution. */
final class GroupNormOfSolutions implements GroupNormApi {
  @Override
  public Forward forward(double[][][] x, int groups, double[] gamma, double[] beta, double eps) {
    return convert(GroupNorm.forward(x, groups, gamma, beta, eps));
  }

  @Override
  public Forward forward(double[][][] x, int groups, double[] gamma, double[] beta) {
    return convert(GroupNorm.forward(x, groups, gamma, beta));
  }

  @Override
  public Gradients backward(double[][][] dy, Object cache) {
    GroupNorm.Gradients g = GroupNorm.backward(dy, (GroupNorm.Cache) cache);
    return g == null ? null : new Gradients(g.dx(), g.dgamma(), g.dbeta());
  }

  private static Forward convert(GroupNorm.Forward f) {
    return f == null ? null : new Forward(f.y(), f.cache());
  }
}

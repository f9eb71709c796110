// Generated from LayerNormOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.normalization;

import mlkata.solutions.normalization.LayerNorm;

/** Binds {@link LayerNormSpec} to the learner's {@code LayerNorm}; the build writes the twin for the solution. */
final class LayerNormOfSolutions implements LayerNormApi {
  @Override
  public Forward forward(double[][] x, double[] gamma, double[] beta, double eps) {
    return convert(LayerNorm.forward(x, gamma, beta, eps));
  }

  @Override
  public Forward forward(double[][] x, double[] gamma, double[] beta) {
    return convert(LayerNorm.forward(x, gamma, beta));
  }

  @Override
  public Gradients backward(double[][] dy, Object cache) {
    LayerNorm.Gradients g = LayerNorm.backward(dy, (LayerNorm.Cache) cache);
    return g == null ? null : new Gradients(g.dx(), g.dgamma(), g.dbeta());
  }

  private static Forward convert(LayerNorm.Forward f) {
    return f == null ? null : new Forward(f.y(), f.cache());
  }
}

package mlkata.grader.layers;

import mlkata.exercises.layers.MlpBackprop;

/** Binds {@link MlpBackpropSpec} to the learner's {@code MlpBackprop}; the tool writes the twin for the solution. */
final class MlpBackpropOfExercises implements MlpBackpropApi {
  @Override
  public Forward forward(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    MlpBackprop.Forward f = MlpBackprop.forward(x, targets, w1, b1, w2, b2);
    return f == null ? null : new Forward(f.loss(), f.preActivation(), f.hidden(), f.logits(), f.cache());
  }

  @Override
  public Gradients backward(Object cache) {
    MlpBackprop.Gradients g = MlpBackprop.backward((MlpBackprop.Cache) cache);
    return g == null ? null : new Gradients(g.dW1(), g.db1(), g.dW2(), g.db2(), g.dx());
  }
}

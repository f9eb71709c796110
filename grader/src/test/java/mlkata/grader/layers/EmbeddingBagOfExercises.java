package mlkata.grader.layers;

import java.util.OptionalInt;
import mlkata.exercises.layers.EmbeddingBag;

/** Binds {@link EmbeddingBagSpec} to the learner's {@code EmbeddingBag}; the build writes the twin for the solution. */
final class EmbeddingBagOfExercises implements EmbeddingBagApi {
  @Override
  public double[][] forward(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx) {
    return EmbeddingBag.forward(weight, indices, offsets, toKata(mode), perSampleWeights, paddingIdx);
  }

  @Override
  public Gradients backward(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx, double[][] dOutput) {
    EmbeddingBag.Gradients g = EmbeddingBag.backward(weight, indices, offsets, toKata(mode), perSampleWeights,
        paddingIdx, dOutput);
    return g == null ? null : new Gradients(g.rows(), g.values(), g.dPerSampleWeights());
  }

  private static EmbeddingBag.Mode toKata(Mode mode) {
    return mode == null ? null : EmbeddingBag.Mode.valueOf(mode.name());
  }
}

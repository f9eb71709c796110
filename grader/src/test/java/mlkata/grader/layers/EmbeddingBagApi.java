package mlkata.grader.layers;

import java.util.OptionalInt;

/** What {@link EmbeddingBagSpec} needs of the code under test, in the grader's own types. */
interface EmbeddingBagApi {
  /** The grader's copy of the kata's modes. */
  enum Mode {
    SUM,
    MEAN,
    MAX
  }

  /** The grader's copy of the gradient record. */
  record Gradients(int[] rows, double[][] values, double[] dPerSampleWeights) {}

  double[][] forward(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx);

  Gradients backward(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx, double[][] dOutput);
}

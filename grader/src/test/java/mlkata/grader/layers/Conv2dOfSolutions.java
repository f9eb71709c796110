// Generated from Conv2dOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.layers;

import mlkata.solutions.layers.Conv2d;

/** Binds {@link Conv2dSpec} to the learner's {@code Conv2d}; the tool writes the twin for the solution. */
final class Conv2dOfSolutions implements Conv2dApi {
  @Override
  public int outputSize(int size, int kernel, int stride, int padding, int dilation) {
    return Conv2d.outputSize(size, kernel, stride, padding, dilation);
  }

  @Override
  public double[][][][] forward(double[][][][] input, double[][][][] weight, double[] bias, int[] stride,
      int[] padding, int[] dilation, int groups) {
    return Conv2d.forward(input, weight, bias, stride, padding, dilation, groups);
  }

  @Override
  public Gradients backward(double[][][][] dOutput, double[][][][] input, double[][][][] weight, int[] stride,
      int[] padding, int[] dilation, int groups) {
    Conv2d.Gradients g = Conv2d.backward(dOutput, input, weight, stride, padding, dilation, groups);
    return g == null ? null : new Gradients(g.dInput(), g.dWeight(), g.dBias());
  }
}

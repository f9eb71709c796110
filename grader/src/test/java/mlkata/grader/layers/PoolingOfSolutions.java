// Generated from PoolingOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.layers;

import mlkata.solutions.layers.Pooling;

/** Binds {@link PoolingSpec} to the learner's {@code Pooling}; the tool writes the twin for the solution. */
final class PoolingOfSolutions implements PoolingApi {
  @Override
  public double[][][][] maxPool(double[][][][] input, int[] kernel, int[] stride, int[] padding) {
    return Pooling.maxPool(input, kernel, stride, padding);
  }

  @Override
  public double[][][][] maxPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel, int[] stride,
      int[] padding) {
    return Pooling.maxPoolBackward(dOutput, input, kernel, stride, padding);
  }

  @Override
  public double[][][][] avgPool(double[][][][] input, int[] kernel, int[] stride, int[] padding,
      boolean countIncludePad) {
    return Pooling.avgPool(input, kernel, stride, padding, countIncludePad);
  }

  @Override
  public double[][][][] avgPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel, int[] stride,
      int[] padding, boolean countIncludePad) {
    return Pooling.avgPoolBackward(dOutput, input, kernel, stride, padding, countIncludePad);
  }
}

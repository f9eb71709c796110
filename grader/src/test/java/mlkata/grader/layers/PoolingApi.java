package mlkata.grader.layers;

/** What {@link PoolingSpec} needs of the code under test, in the grader's own types. */
interface PoolingApi {
  double[][][][] maxPool(double[][][][] input, int[] kernel, int[] stride, int[] padding);

  double[][][][] maxPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel, int[] stride,
      int[] padding);

  double[][][][] avgPool(double[][][][] input, int[] kernel, int[] stride, int[] padding, boolean countIncludePad);

  double[][][][] avgPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel, int[] stride,
      int[] padding, boolean countIncludePad);
}

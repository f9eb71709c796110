package mlkata.grader.layers;

/** What {@link Conv2dSpec} needs of the code under test, in the grader's own types. */
interface Conv2dApi {
  /** The grader's copy of the kata's gradients record. */
  record Gradients(double[][][][] dInput, double[][][][] dWeight, double[] dBias) {}

  int outputSize(int size, int kernel, int stride, int padding, int dilation);

  double[][][][] forward(double[][][][] input, double[][][][] weight, double[] bias, int[] stride, int[] padding,
      int[] dilation, int groups);

  Gradients backward(double[][][][] dOutput, double[][][][] input, double[][][][] weight, int[] stride,
      int[] padding, int[] dilation, int groups);
}

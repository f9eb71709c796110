package mlkata.grader.quantization;

/** What {@link Int8QuantizerSpec} needs of the code under test, in the grader's own types. */
interface Int8QuantizerApi {
  /** The grader's copy of the kata's integer types. */
  enum Dtype {
    INT8(-128, 127),
    UINT8(0, 255);

    final int qmin;
    final int qmax;

    Dtype(int qmin, int qmax) {
      this.qmin = qmin;
      this.qmax = qmax;
    }
  }

  /** The grader's copy of the kata's parameter record. */
  record QParams(double scale, int zeroPoint) {}

  QParams affineParams(double min, double max, Dtype dtype);

  QParams symmetricParams(double min, double max, Dtype dtype);

  int[] quantize(double[] x, QParams params, Dtype dtype);

  double[] dequantize(int[] q, QParams params, Dtype dtype);

  QParams[] affineParamsPerChannel(double[][] x, int axis, Dtype dtype);

  QParams[] symmetricParamsPerChannel(double[][] x, int axis, Dtype dtype);

  int[][] quantizePerChannel(double[][] x, QParams[] params, int axis, Dtype dtype);

  double[][] dequantizePerChannel(int[][] q, QParams[] params, int axis, Dtype dtype);
}

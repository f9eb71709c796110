package mlkata.grader.quantization;

/** What {@link FakeQuantSpec} needs of the code under test, in the grader's own types. */
interface FakeQuantApi {
  /** The grader's copy of the kata's integer types. */
  enum Dtype {
    QINT8(-128, 127),
    QUINT8(0, 255);

    final int qmin;
    final int qmax;

    Dtype(int qmin, int qmax) {
      this.qmin = qmin;
      this.qmax = qmax;
    }
  }

  /** The grader's copy of the kata's schemes. */
  enum QScheme {
    PER_TENSOR_AFFINE,
    PER_TENSOR_SYMMETRIC
  }

  /** The grader's copy of an observer's state. */
  record Range(double min, double max) {}

  /** The grader's copy of the parameter record. */
  record QParams(double scale, int zeroPoint) {}

  /** A fresh observer's state. */
  Range EMPTY = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  double[] fakeQuantize(double[] x, double scale, int zeroPoint, int quantMin, int quantMax);

  double[] fakeQuantizeBackward(double[] x, double[] dy, double scale, int zeroPoint, int quantMin, int quantMax);

  Range observeMinMax(Range range, double[] x);

  Range observeMovingAverage(Range range, double[] x, double averagingConstant);

  QParams calculateQParams(Range range, Dtype dtype, QScheme qscheme);
}

package mlkata.solutions.quantization;

import java.util.Objects;

/**
 * Reference solution of {@code quantization/fake-quant}: PyTorch 1.13's
 * {@code fake_quantize_per_tensor_affine}, its straight-through gradient, MinMaxObserver,
 * MovingAverageMinMaxObserver and their {@code calculate_qparams}, in float64. The problem statement
 * is the stub's Javadoc.
 */
public final class FakeQuant {
  /** The float32 machine epsilon, 2^-23: the smallest scale an observer returns. */
  public static final double EPS = 0x1.0p-23;

  /** PyTorch's default averaging constant of MovingAverageMinMaxObserver. */
  public static final double DEFAULT_AVERAGING_CONSTANT = 0.01;

  /** The state of an observer that has seen nothing: {@code (+Infinity, -Infinity)}. */
  public static final Range EMPTY_RANGE = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

  private FakeQuant() {}

  /** The observers' integer types and their default ranges. */
  public enum Dtype {
    /** torch.qint8, levels [-128, 127]. */
    QINT8(-128, 127),
    /** torch.quint8, levels [0, 255]. */
    QUINT8(0, 255);

    private final int qmin;
    private final int qmax;

    Dtype(int qmin, int qmax) {
      this.qmin = qmin;
      this.qmax = qmax;
    }

    /** The smallest level. */
    public int qmin() {
      return qmin;
    }

    /** The largest level. */
    public int qmax() {
      return qmax;
    }
  }

  /** How an observer turns its range into parameters. */
  public enum QScheme {
    /** torch.per_tensor_affine. */
    PER_TENSOR_AFFINE,
    /** torch.per_tensor_symmetric. */
    PER_TENSOR_SYMMETRIC
  }

  /** An observer's state: the range of the values it has seen. */
  public record Range(double min, double max) {}

  /** Quantization parameters. */
  public record QParams(double scale, int zeroPoint) {}

  /** Forward: quantize, clamp, dequantize. */
  public static double[] fakeQuantize(double[] x, double scale, int zeroPoint, int quantMin, int quantMax) {
    Objects.requireNonNull(x, "x");
    checkGrid(scale, zeroPoint, quantMin, quantMax);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double q = level(x, i, scale, zeroPoint);
      y[i] = (Math.min(Math.max(q, quantMin), quantMax) - zeroPoint) * scale;
    }
    return y;
  }

  /** Backward: the gradient passes where the unclamped level lies in [quantMin, quantMax]. */
  public static double[] fakeQuantizeBackward(double[] x, double[] dy, double scale, int zeroPoint, int quantMin,
      int quantMax) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(dy, "dy");
    checkGrid(scale, zeroPoint, quantMin, quantMax);
    if (dy.length != x.length) {
      throw new IllegalArgumentException("dy has " + dy.length + " values but x has " + x.length);
    }
    double[] dx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(dy[i])) {
        throw new IllegalArgumentException("dy[" + i + "] is " + dy[i] + "; dy must be finite");
      }
      double q = level(x, i, scale, zeroPoint);
      dx[i] = q >= quantMin && q <= quantMax ? dy[i] : 0.0;
    }
    return dx;
  }

  /** MinMaxObserver: the running minimum and maximum. */
  public static Range observeMinMax(Range range, double[] x) {
    checkRange(range);
    Objects.requireNonNull(x, "x");
    if (x.length == 0) {
      return range;
    }
    double[] batch = batchRange(x);
    return new Range(Math.min(range.min(), batch[0]), Math.max(range.max(), batch[1]));
  }

  /** MovingAverageMinMaxObserver: the first batch initialises, later ones move each end by c of the way. */
  public static Range observeMovingAverage(Range range, double[] x, double averagingConstant) {
    checkRange(range);
    Objects.requireNonNull(x, "x");
    if (!(averagingConstant > 0 && averagingConstant <= 1)) {
      throw new IllegalArgumentException("averagingConstant is " + averagingConstant + "; it must lie in (0, 1]");
    }
    if (x.length == 0) {
      return range;
    }
    double[] batch = batchRange(x);
    if (isEmpty(range)) {
      return new Range(batch[0], batch[1]);
    }
    return new Range(range.min() + averagingConstant * (batch[0] - range.min()),
        range.max() + averagingConstant * (batch[1] - range.max()));
  }

  /** calculate_qparams for a per-tensor affine or symmetric observer. */
  public static QParams calculateQParams(Range range, Dtype dtype, QScheme qscheme) {
    checkRange(range);
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(qscheme, "qscheme");
    if (isEmpty(range)) {
      return new QParams(1.0, 0);
    }
    double lo = Math.min(range.min(), 0.0);
    double hi = Math.max(range.max(), 0.0);
    int levels = dtype.qmax() - dtype.qmin();
    if (qscheme == QScheme.PER_TENSOR_SYMMETRIC) {
      double scale = Math.max(Math.max(-lo, hi) / (levels / 2.0), EPS);
      return new QParams(scale, dtype == Dtype.QUINT8 ? 128 : 0);
    }
    double width = hi - lo;
    if (width == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("range " + range + " is too wide: max - min overflows");
    }
    double scale = Math.max(width / levels, EPS);
    double zeroPoint = dtype.qmin() - Math.rint(lo / scale);
    return new QParams(scale, (int) Math.min(Math.max(zeroPoint, dtype.qmin()), dtype.qmax()));
  }

  /** The unclamped level rint(x / scale) + zeroPoint, as a double (infinities stay infinite). */
  private static double level(double[] x, int i, double scale, int zeroPoint) {
    if (Double.isNaN(x[i])) {
      throw new IllegalArgumentException("x[" + i + "] is NaN");
    }
    return Math.rint(x[i] / scale) + zeroPoint;
  }

  private static void checkGrid(double scale, int zeroPoint, int quantMin, int quantMax) {
    if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("scale is " + scale + "; it must be positive and finite");
    }
    if (quantMin > quantMax) {
      throw new IllegalArgumentException("quantMin " + quantMin + " is greater than quantMax " + quantMax);
    }
    if (zeroPoint < quantMin || zeroPoint > quantMax) {
      throw new IllegalArgumentException("zeroPoint " + zeroPoint + " lies outside [" + quantMin + ", " + quantMax + "]");
    }
  }

  private static boolean isEmpty(Range range) {
    return range.min() == Double.POSITIVE_INFINITY && range.max() == Double.NEGATIVE_INFINITY;
  }

  private static void checkRange(Range range) {
    Objects.requireNonNull(range, "range");
    if (isEmpty(range)) {
      return;
    }
    if (!Double.isFinite(range.min()) || !Double.isFinite(range.max())) {
      throw new IllegalArgumentException("range " + range + " must be EMPTY_RANGE or have finite ends");
    }
  }

  /** {min(x), max(x)} of a non-empty batch, rejecting non-finite values. */
  private static double[] batchRange(double[] x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException("x[" + i + "] is " + x[i] + "; observed values must be finite");
      }
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    return new double[] {lo, hi};
  }
}

package mlkata.solutions.quantization;

import java.util.Objects;

/**
 * Reference solution: 8-bit affine and symmetric quantization with PyTorch's MinMaxObserver
 * parameters, computed in float64 and dividing by the scale.
 *
 * <p>Rounding is {@link Math#rint} (half to even). The clamp happens in double before the cast to int, so
 * huge quotients and infinities saturate instead of overflowing.
 */
public final class Int8Quantizer {
  /** float32 machine epsilon, 2^-23: PyTorch observers' default lower bound on the scale. */
  static final double EPS = 0x1.0p-23;

  private Int8Quantizer() {}

  /** The two 8-bit integer types and their ranges. */
  public enum Dtype {
    /** Signed 8-bit, [-128, 127] (torch.qint8). */
    INT8(-128, 127),
    /** Unsigned 8-bit, [0, 255] (torch.quint8). */
    UINT8(0, 255);

    private final int qmin;
    private final int qmax;

    Dtype(int qmin, int qmax) {
      this.qmin = qmin;
      this.qmax = qmax;
    }

    /** The smallest representable integer. */
    public int qmin() {
      return qmin;
    }

    /** The largest representable integer. */
    public int qmax() {
      return qmax;
    }
  }

  /** A scale and the integer that represents real zero. */
  public record QParams(double scale, int zeroPoint) {}

  public static QParams affineParams(double min, double max, Dtype dtype) {
    Objects.requireNonNull(dtype, "dtype");
    checkRange(min, max);
    double lo = Math.min(min, 0.0);
    double hi = Math.max(max, 0.0);
    double width = hi - lo;
    if (Double.isInfinite(width)) {
      throw new IllegalArgumentException("max - min overflows: min " + min + ", max " + max);
    }
    double scale = Math.max(width / (dtype.qmax() - dtype.qmin()), EPS);
    double zeroPoint = dtype.qmin() - Math.rint(lo / scale);
    return new QParams(scale, (int) Math.min(Math.max(zeroPoint, dtype.qmin()), dtype.qmax()));
  }

  public static QParams symmetricParams(double min, double max, Dtype dtype) {
    Objects.requireNonNull(dtype, "dtype");
    checkRange(min, max);
    double bound = Math.max(-Math.min(min, 0.0), Math.max(max, 0.0));
    double scale = Math.max(bound / ((dtype.qmax() - dtype.qmin()) / 2.0), EPS);
    return new QParams(scale, dtype == Dtype.UINT8 ? 128 : 0);
  }

  public static int[] quantize(double[] x, QParams params, Dtype dtype) {
    Objects.requireNonNull(x, "x");
    checkParams(params, dtype, "params");
    int[] q = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        throw new IllegalArgumentException("x[" + i + "] is NaN");
      }
      q[i] = quantizeOne(x[i], params, dtype);
    }
    return q;
  }

  public static double[] dequantize(int[] q, QParams params, Dtype dtype) {
    Objects.requireNonNull(q, "q");
    checkParams(params, dtype, "params");
    double[] x = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      checkLevel(q[i], dtype, "q[" + i + "]");
      x[i] = (q[i] - params.zeroPoint()) * params.scale();
    }
    return x;
  }

  public static QParams[] affineParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    return perChannelParams(x, axis, dtype, false);
  }

  public static QParams[] symmetricParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    return perChannelParams(x, axis, dtype, true);
  }

  public static int[][] quantizePerChannel(double[][] x, QParams[] params, int axis, Dtype dtype) {
    int[] shape = shape(x, "x");
    Objects.requireNonNull(dtype, "dtype");
    checkChannelParams(params, shape, axis, dtype);
    int[][] q = new int[shape[0]][shape[1]];
    for (int r = 0; r < shape[0]; r++) {
      for (int c = 0; c < shape[1]; c++) {
        if (Double.isNaN(x[r][c])) {
          throw new IllegalArgumentException("x[" + r + "][" + c + "] is NaN");
        }
        q[r][c] = quantizeOne(x[r][c], params[axis == 0 ? r : c], dtype);
      }
    }
    return q;
  }

  public static double[][] dequantizePerChannel(int[][] q, QParams[] params, int axis, Dtype dtype) {
    Objects.requireNonNull(q, "q");
    int rows = q.length;
    if (rows == 0 || q[0] == null || q[0].length == 0) {
      throw new IllegalArgumentException("q must have at least one row and one column");
    }
    int cols = q[0].length;
    for (int r = 0; r < rows; r++) {
      Objects.requireNonNull(q[r], "q[" + r + "]");
      if (q[r].length != cols) {
        throw new IllegalArgumentException("q is ragged: row " + r + " has " + q[r].length + " columns, not " + cols);
      }
    }
    Objects.requireNonNull(dtype, "dtype");
    checkChannelParams(params, new int[] {rows, cols}, axis, dtype);
    double[][] x = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        checkLevel(q[r][c], dtype, "q[" + r + "][" + c + "]");
        QParams p = params[axis == 0 ? r : c];
        x[r][c] = (q[r][c] - p.zeroPoint()) * p.scale();
      }
    }
    return x;
  }

  /** clamp(rint(x / scale) + zp, qmin, qmax), clamped in double so nothing overflows. */
  private static int quantizeOne(double x, QParams p, Dtype dtype) {
    double level = Math.rint(x / p.scale()) + p.zeroPoint();
    return (int) Math.min(Math.max(level, dtype.qmin()), dtype.qmax());
  }

  private static QParams[] perChannelParams(double[][] x, int axis, Dtype dtype, boolean symmetric) {
    int[] shape = shape(x, "x");
    Objects.requireNonNull(dtype, "dtype");
    checkAxis(axis);
    int channels = shape[axis];
    QParams[] out = new QParams[channels];
    for (int ch = 0; ch < channels; ch++) {
      double[] slice = slice(x, axis, ch);
      double min = slice[0];
      double max = slice[0];
      for (int k = 0; k < slice.length; k++) {
        if (!Double.isFinite(slice[k])) {
          throw new IllegalArgumentException("x holds " + slice[k] + " in channel " + ch + "; x must be finite");
        }
        min = Math.min(min, slice[k]);
        max = Math.max(max, slice[k]);
      }
      out[ch] = symmetric ? symmetricParams(min, max, dtype) : affineParams(min, max, dtype);
    }
    return out;
  }

  /** Channel {@code ch} of a rectangular matrix: row {@code ch} (axis 0) or column {@code ch} (axis 1). */
  private static double[] slice(double[][] x, int axis, int ch) {
    if (axis == 0) {
      return x[ch];
    }
    double[] column = new double[x.length];
    for (int r = 0; r < x.length; r++) {
      column[r] = x[r][ch];
    }
    return column;
  }

  private static void checkRange(double min, double max) {
    if (!Double.isFinite(min)) {
      throw new IllegalArgumentException("min is " + min + "; min must be finite");
    }
    if (!Double.isFinite(max)) {
      throw new IllegalArgumentException("max is " + max + "; max must be finite");
    }
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is greater than max " + max);
    }
  }

  private static void checkParams(QParams p, Dtype dtype, String name) {
    Objects.requireNonNull(p, name);
    Objects.requireNonNull(dtype, "dtype");
    if (!(p.scale() > 0) || Double.isInfinite(p.scale())) {
      throw new IllegalArgumentException(name + " has scale " + p.scale() + "; scale must be positive and finite");
    }
    if (p.zeroPoint() < dtype.qmin() || p.zeroPoint() > dtype.qmax()) {
      throw new IllegalArgumentException(name + " has zeroPoint " + p.zeroPoint() + " outside [" + dtype.qmin()
          + ", " + dtype.qmax() + "] of " + dtype);
    }
  }

  private static void checkLevel(int q, Dtype dtype, String name) {
    if (q < dtype.qmin() || q > dtype.qmax()) {
      throw new IllegalArgumentException(name + " is " + q + ", outside [" + dtype.qmin() + ", " + dtype.qmax()
          + "] of " + dtype);
    }
  }

  private static void checkAxis(int axis) {
    if (axis != 0 && axis != 1) {
      throw new IllegalArgumentException("axis is " + axis + "; axis must be 0 (rows) or 1 (columns)");
    }
  }

  private static void checkChannelParams(QParams[] params, int[] shape, int axis, Dtype dtype) {
    Objects.requireNonNull(params, "params");
    checkAxis(axis);
    if (params.length != shape[axis]) {
      throw new IllegalArgumentException("params has " + params.length + " entries but axis " + axis + " has "
          + shape[axis] + " channels");
    }
    for (int ch = 0; ch < params.length; ch++) {
      checkParams(params[ch], dtype, "params[" + ch + "]");
    }
  }

  /** {rows, cols} of a rectangular matrix with at least one row and one column. */
  private static int[] shape(double[][] x, String name) {
    Objects.requireNonNull(x, name);
    if (x.length == 0 || x[0] == null || x[0].length == 0) {
      throw new IllegalArgumentException(name + " must have at least one row and one column");
    }
    int cols = x[0].length;
    for (int r = 0; r < x.length; r++) {
      Objects.requireNonNull(x[r], name + "[" + r + "]");
      if (x[r].length != cols) {
        throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + x[r].length
            + " columns, not " + cols);
      }
    }
    return new int[] {x.length, cols};
  }
}

package mlkata.exercises.quantization;

/**
 * <h2>Kata: 8-bit quantization, quantize and dequantize, per tensor and per channel</h2>
 *
 * <p>Quantization stores real numbers as small integers: a real {@code x} is represented by an integer
 * level {@code q} in {@code [qmin, qmax]}, and {@code q} stands for {@code (q - zeroPoint) * scale}.
 * Two integer types are used ({@link Dtype}): {@code INT8} with levels {@code [-128, 127]} and
 * {@code UINT8} with levels {@code [0, 255]}.
 *
 * <p><b>Quantize and dequantize</b> (PyTorch's {@code quantize_per_tensor} and {@code dequantize}):
 * <pre>
 *   q = clamp(roundHalfEven(x / scale) + zeroPoint, qmin, qmax)
 *   x' = (q - zeroPoint) * scale
 * </pre>
 * Rounding is <em>half to even</em> (banker's rounding, IEEE's default): 2.5 becomes 2, 3.5 becomes 4,
 * -2.5 becomes -2, -3.5 becomes -4. Rounding half up (as {@code Math.round} does) or truncating toward
 * zero is wrong. Values beyond the representable range saturate at {@code qmin} or {@code qmax}; they never
 * wrap around.
 *
 * <p><b>Choosing scale and zero point</b> from an observed range {@code [min, max]}, as PyTorch's
 * {@code MinMaxObserver} does ({@code torch/ao/quantization/observer.py}, {@code _calculate_qparams}):
 * first widen the range so that it contains zero, {@code min' = min(min, 0)} and
 * {@code max' = max(max, 0)}, so that real zero (padding, ReLU outputs) is represented exactly. Then
 * <ul>
 *   <li><b>affine</b>: {@code scale = max((max' - min') / (qmax - qmin), EPS)} and
 *       {@code zeroPoint = clamp(qmin - roundHalfEven(min' / scale), qmin, qmax)};
 *   <li><b>symmetric</b>: {@code scale = max(max(-min', max') / ((qmax - qmin) / 2), EPS)}, that is the
 *       larger magnitude divided by 127.5, and {@code zeroPoint} 0 for {@code INT8}, 128 for {@code UINT8}.
 * </ul>
 * {@code EPS} is the float32 machine epsilon {@code 2^-23 = 1.1920928955078125E-7}
 * ({@code torch.finfo(torch.float32).eps}, the observer's default); it keeps the scale positive when the
 * range is a single point such as {@code [0, 0]}.
 *
 * <p><b>Per channel</b> (PyTorch's {@code PerChannelMinMaxObserver} and {@code quantize_per_channel}):
 * a weight matrix often has rows (or columns) of very different magnitudes, so each slice gets its own
 * scale and zero point. For {@code axis = 0} channel {@code c} is row {@code x[c]}; for {@code axis = 1}
 * it is column {@code c}, the values {@code x[r][c]} for every {@code r}. A channel's parameters are
 * computed exactly as above from that slice's minimum and maximum, and its values are quantized with its
 * own parameters: per-channel quantization is per-tensor quantization applied slice by slice.
 *
 * <p><b>Deliberate difference from PyTorch: float64.</b> PyTorch's observer works in float32 and its
 * quantize kernel multiplies by the float32 reciprocal {@code 1 / scale}. This kata works in float64
 * throughout and divides by the scale. The results agree with PyTorch except for values whose quotient
 * {@code x / scale} lies within float32 rounding of a half-way point, scales agree to float32 precision,
 * and a zero point can differ by one only where {@code min' / scale} sits that close to a half-way
 * point. Use {@code double} arithmetic exactly as written above: compute the scale first, then divide
 * {@code min'} by that computed scale (an algebraically equal rewrite such as
 * {@code min' * (qmax - qmin) / (max' - min')} can round differently at exact half-way ranges).
 *
 * <p><b>Non-finite values.</b> {@code min} and {@code max} must be finite (and {@code max - min} must not
 * overflow), otherwise {@link IllegalArgumentException}. In {@link #quantize} a NaN value is rejected,
 * while {@code +Infinity} and {@code -Infinity} saturate to {@code qmax} and {@code qmin} like any value
 * out of range (beware: casting a huge quotient to {@code int} before clamping overflows). Per-channel
 * parameter methods reject any non-finite entry of {@code x}. A scale must be positive and finite.
 *
 * <p><b>Validation.</b> Null arguments throw {@link NullPointerException}. Invalid values throw
 * {@link IllegalArgumentException} whose message names the offending argument: {@code min} or
 * {@code max}, {@code x}, {@code q}, {@code params} (with {@code scale} or {@code zeroPoint}), {@code axis}.
 * Inputs are never modified.
 *
 * <p><b>Complexity.</b> O(n) time for n values, O(n) memory for the output.
 *
 * <p>Example: {@code affineParams(-1.0, 3.0, UINT8)} gives {@code scale = 4/255} and
 * {@code zeroPoint = 0 - roundHalfEven(-63.75) = 64}. Then {@code quantize([-1, 0, 0.5, 3, 10])} gives
 * {@code [0, 64, 96, 255, 255]} (0.5 / scale = 31.875 rounds to 32; 3 / scale = 191.25 rounds to 191;
 * 10 saturates), and {@code dequantize} of those levels gives
 * {@code [-256/255, 0, 128/255, 764/255, 764/255]}, about {@code [-1.004, 0, 0.502, 2.996, 2.996]}.
 * {@code symmetricParams(-1.0, 3.0, INT8)} gives {@code scale = 3 / 127.5} and {@code zeroPoint = 0}.
 */
public final class Int8Quantizer {
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

  /**
   * Quantization parameters: level {@code q} stands for the real {@code (q - zeroPoint) * scale}.
   *
   * @param scale the real distance between adjacent levels, positive
   * @param zeroPoint the level that represents real zero exactly, inside the dtype's range
   */
  public record QParams(double scale, int zeroPoint) {}

  /**
   * Affine parameters for values observed in {@code [min, max]}, as MinMaxObserver with
   * {@code per_tensor_affine} computes them.
   *
   * @param min the smallest observed value, finite
   * @param max the largest observed value, finite, at least {@code min}
   * @param dtype the integer type
   * @return {@code scale = max((max' - min') / (qmax - qmin), EPS)} and
   *     {@code zeroPoint = clamp(qmin - roundHalfEven(min' / scale), qmin, qmax)}, where
   *     {@code min' = min(min, 0)}, {@code max' = max(max, 0)}
   * @throws NullPointerException if {@code dtype} is null
   * @throws IllegalArgumentException naming {@code min} or {@code max} if either is NaN or infinite, if
   *     {@code min > max}, or if {@code max' - min'} overflows to infinity
   */
  public static QParams affineParams(double min, double max, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.affineParams");
  }

  /**
   * Symmetric parameters for values observed in {@code [min, max]}, as MinMaxObserver with
   * {@code per_tensor_symmetric} computes them.
   *
   * @param min the smallest observed value, finite
   * @param max the largest observed value, finite, at least {@code min}
   * @param dtype the integer type
   * @return {@code scale = max(max(-min', max') / ((qmax - qmin) / 2), EPS)}; {@code zeroPoint} 0 for
   *     {@code INT8} and 128 for {@code UINT8}
   * @throws NullPointerException if {@code dtype} is null
   * @throws IllegalArgumentException naming {@code min} or {@code max} if either is NaN or infinite, or if
   *     {@code min > max}
   */
  public static QParams symmetricParams(double min, double max, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.symmetricParams");
  }

  /**
   * Quantizes every value with one scale and zero point.
   *
   * @param x the real values, possibly empty; infinities saturate
   * @param params the scale and zero point
   * @param dtype the integer type, which fixes {@code qmin} and {@code qmax}
   * @return {@code clamp(roundHalfEven(x[i] / scale) + zeroPoint, qmin, qmax)} for each {@code i}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code x} if a value is NaN; naming {@code scale} if the
   *     scale is not positive and finite (NaN, zero, negative, infinite); naming {@code zeroPoint} if the
   *     zero point is outside {@code [qmin, qmax]}
   */
  public static int[] quantize(double[] x, QParams params, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.quantize");
  }

  /**
   * Maps levels back to reals.
   *
   * @param q the levels, each inside the dtype's range; possibly empty
   * @param params the scale and zero point they were quantized with
   * @param dtype the integer type
   * @return {@code (q[i] - zeroPoint) * scale} for each {@code i}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code q} if a level is outside {@code [qmin, qmax]};
   *     naming {@code scale} or {@code zeroPoint} as in {@link #quantize}
   */
  public static double[] dequantize(int[] q, QParams params, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.dequantize");
  }

  /**
   * Affine parameters per channel, from each channel's own minimum and maximum (PerChannelMinMaxObserver
   * with {@code per_channel_affine}).
   *
   * @param x a rectangular matrix with at least one row and one column, finite values
   * @param axis 0 for one channel per row, 1 for one channel per column
   * @param dtype the integer type
   * @return one {@link #affineParams} result per channel, in channel order
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException naming {@code x} if it is empty, ragged or holds a NaN or infinite
   *     value; naming {@code axis} if it is not 0 or 1
   */
  public static QParams[] affineParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.affineParamsPerChannel");
  }

  /**
   * Symmetric parameters per channel, from each channel's own minimum and maximum
   * (PerChannelMinMaxObserver with {@code per_channel_symmetric}).
   *
   * @param x a rectangular matrix with at least one row and one column, finite values
   * @param axis 0 for one channel per row, 1 for one channel per column
   * @param dtype the integer type
   * @return one {@link #symmetricParams} result per channel, in channel order
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException as {@link #affineParamsPerChannel}
   */
  public static QParams[] symmetricParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.symmetricParamsPerChannel");
  }

  /**
   * Quantizes each channel with its own parameters ({@code torch.quantize_per_channel}).
   *
   * @param x a rectangular matrix with at least one row and one column; infinities saturate
   * @param params one entry per channel along {@code axis}
   * @param axis 0 for one channel per row, 1 for one channel per column
   * @param dtype the integer type
   * @return a matrix of the same shape: {@code x[r][c]} quantized with {@code params[axis == 0 ? r : c]}
   * @throws NullPointerException if an argument, a row or an entry of {@code params} is null
   * @throws IllegalArgumentException naming {@code x} if it is empty, ragged or holds a NaN; naming
   *     {@code axis} if it is not 0 or 1; naming {@code params} if its length is not the number of
   *     channels; naming {@code scale} or {@code zeroPoint} for an invalid entry, as in {@link #quantize}
   */
  public static int[][] quantizePerChannel(double[][] x, QParams[] params, int axis, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.quantizePerChannel");
  }

  /**
   * Dequantizes each channel with its own parameters.
   *
   * @param q a rectangular matrix of levels with at least one row and one column
   * @param params one entry per channel along {@code axis}
   * @param axis 0 for one channel per row, 1 for one channel per column
   * @param dtype the integer type
   * @return a matrix of the same shape: {@code (q[r][c] - zeroPoint) * scale} with the channel's params
   * @throws NullPointerException if an argument, a row or an entry of {@code params} is null
   * @throws IllegalArgumentException naming {@code q} if it is empty, ragged or holds a level outside
   *     {@code [qmin, qmax]}; otherwise as {@link #quantizePerChannel}
   */
  public static double[][] dequantizePerChannel(int[][] q, QParams[] params, int axis, Dtype dtype) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Int8Quantizer.dequantizePerChannel");
  }
}

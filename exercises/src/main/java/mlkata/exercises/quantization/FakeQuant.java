package mlkata.exercises.quantization;

/**
 * <h2>Kata: fake quantization, the straight-through estimator and min/max observers</h2>
 *
 * <p>Quantization-aware training simulates int8 arithmetic inside a float network: each tensor is
 * snapped to the grid of values an integer type can represent and then used as a float again. That
 * round trip is <em>fake quantization</em>. Its forward pass is a staircase, whose true derivative is
 * zero almost everywhere, so training replaces that derivative with the <em>straight-through
 * estimator</em> (STE): the gradient passes unchanged wherever the value was not clamped. The grid
 * itself (a scale and a zero point) comes from <em>observers</em> that track the range of the values
 * seen so far. Everything here follows PyTorch 1.13.
 *
 * <p><b>Forward</b> ({@code torch.fake_quantize_per_tensor_affine(x, scale, zero_point, quant_min,
 * quant_max)}), element by element:
 * <pre>
 *   q = roundHalfEven(x / scale) + zeroPoint          (an unclamped level)
 *   y = (clamp(q, quantMin, quantMax) - zeroPoint) * scale
 * </pre>
 * Rounding is half to even, as C's {@code nearbyint} in the default rounding mode: 2.5 goes to 2,
 * 3.5 to 4, -2.5 to -2. The zero point is added <em>after</em> rounding.
 *
 * <p><b>Backward, the straight-through estimator.</b> Given the upstream gradient {@code dy},
 * <pre>
 *   dx = dy   where quantMin &lt;= q &lt;= quantMax   (q the unclamped level above)
 *   dx = 0    elsewhere
 * </pre>
 * The condition is PyTorch's exactly: it tests the <em>rounded</em> level, not the real value against
 * {@code (quantMin - zeroPoint) * scale}. With scale 1, zero point 0 and range [-128, 127], the value
 * 127.4 rounds to 127 and passes its gradient, 127.5 rounds to 128 and gets zero, and -128.5 rounds
 * to -128 and passes. Both ends are inclusive.
 *
 * <p><b>Observers.</b> An observer's state is a {@link Range} {@code (min, max)}. A fresh observer
 * holds {@code (+Infinity, -Infinity)} ({@link #EMPTY_RANGE}), as PyTorch's buffers do. Observing a
 * batch {@code x} returns the new range:
 * <ul>
 *   <li><b>MinMaxObserver</b>: {@code min = min(min, min(x))}, {@code max = max(max, max(x))}.
 *   <li><b>MovingAverageMinMaxObserver</b> with averaging constant {@code c} (PyTorch's default 0.01,
 *       {@link #DEFAULT_AVERAGING_CONSTANT}): the first batch (state still empty) sets
 *       {@code min = min(x)} and {@code max = max(x)}; every later batch moves each end towards the
 *       batch's: {@code min = min + c * (min(x) - min)}, {@code max = max + c * (max(x) - max)}.
 *       Evaluate it in exactly this form.
 * </ul>
 * An empty batch leaves the state unchanged (PyTorch returns early on a tensor with no elements).
 *
 * <p><b>Parameters from a range</b> ({@code calculate_qparams}), with {@code [qmin, qmax]} the
 * dtype's range ({@link Dtype}), {@code min' = min(min, 0)} and {@code max' = max(max, 0)} so that
 * real zero is always representable, and {@code EPS = 2^-23} (the float32 machine epsilon):
 * <ul>
 *   <li>{@code PER_TENSOR_AFFINE}: {@code scale = max((max' - min') / (qmax - qmin), EPS)},
 *       {@code zeroPoint = clamp(qmin - roundHalfEven(min' / scale), qmin, qmax)}.
 *   <li>{@code PER_TENSOR_SYMMETRIC}: {@code scale = max(max(-min', max') / ((qmax - qmin) / 2), EPS)},
 *       and the zero point is fixed: 0 for {@code QINT8}, 128 for {@code QUINT8}.
 *   <li>The empty range (nothing observed yet) gives {@code scale = 1.0}, {@code zeroPoint = 0} for
 *       either scheme and dtype: PyTorch warns and returns those defaults.
 * </ul>
 *
 * <p><b>Deliberate differences from PyTorch: float64.</b> PyTorch keeps a tensor's scale in float32
 * and its observers in float32. This kata uses every number as the {@code double} it is given and
 * divides by the scale. The goldens use scales that float32 represents exactly, where the two agree.
 *
 * <p><b>Non-finite values.</b> In {@link #fakeQuantize} and {@link #fakeQuantizeBackward} a NaN in
 * {@code x} is rejected, while {@code +Infinity} and {@code -Infinity} saturate at the ends of the grid
 * and get a zero gradient (their level is out of range); a non-finite {@code dy} is rejected. Observers
 * reject any non-finite value of {@code x}. A {@link Range} is valid when it is {@link #EMPTY_RANGE} or
 * has two finite ends. Do not insist on {@code min <= max}: a moving average of a batch that is a single
 * point can leave {@code min} an ulp above {@code max} after rounding.
 *
 * <p><b>Validation.</b> Null arguments throw {@link NullPointerException}. Invalid values throw
 * {@link IllegalArgumentException} whose message names the argument: {@code x}, {@code dy},
 * {@code scale} (positive and finite), {@code quantMin} / {@code quantMax} ({@code quantMin <=
 * quantMax}), {@code zeroPoint} (inside {@code [quantMin, quantMax]}), {@code range},
 * {@code averagingConstant} (in {@code (0, 1]}). Inputs are never modified; returned arrays are new.
 *
 * <p><b>Complexity.</b> O(n) time for n values; O(n) memory for the outputs, O(1) for the observers.
 *
 * <p>Example: scale 0.5, zero point 0, range [-4, 3] (a 3-bit signed grid). For
 * {@code x = [0.3, 0.75, 1.25, 1.6, 1.75, -2.2]} the quotients are 0.6, 1.5, 2.5, 3.2, 3.5, -4.4, the
 * levels 1, 2, 2, 3, 4, -4, so {@code y = [0.5, 1.0, 1.0, 1.5, 1.5, -2.0]} (the level 4 clamps to 3),
 * and with {@code dy} all ones {@code dx = [1, 1, 1, 1, 0, 1]}. Observing {@code [-1, 3]} with a fresh
 * MinMaxObserver gives the range {@code (-1, 3)}; {@code PER_TENSOR_AFFINE} and {@code QUINT8} give
 * {@code scale = 4/255} and {@code zeroPoint = 64}. A moving-average observer that then sees
 * {@code [-2, 1]} moves to {@code (-1.01, 2.98)}.
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
    /** torch.per_tensor_affine: the grid spans [min', max']. */
    PER_TENSOR_AFFINE,
    /** torch.per_tensor_symmetric: the grid is centred on zero. */
    PER_TENSOR_SYMMETRIC
  }

  /**
   * An observer's state: the range of the values it has seen.
   *
   * @param min the smallest value seen (or its moving average); {@code +Infinity} before any value
   * @param max the largest value seen (or its moving average); {@code -Infinity} before any value
   */
  public record Range(double min, double max) {}

  /**
   * Quantization parameters.
   *
   * @param scale the distance between adjacent levels, positive
   * @param zeroPoint the level that stands for real zero
   */
  public record QParams(double scale, int zeroPoint) {}

  /**
   * Fake-quantizes every value: quantize, clamp, dequantize.
   *
   * @param x the values, possibly empty; infinities saturate
   * @param scale the grid step, positive and finite
   * @param zeroPoint the level of real zero, in {@code [quantMin, quantMax]}
   * @param quantMin the smallest level
   * @param quantMax the largest level, at least {@code quantMin}
   * @return {@code (clamp(roundHalfEven(x[i] / scale) + zeroPoint, quantMin, quantMax) - zeroPoint) * scale}
   * @throws NullPointerException if {@code x} is null
   * @throws IllegalArgumentException naming {@code x} if a value is NaN; naming {@code scale},
   *     {@code quantMin} or {@code quantMax}, or {@code zeroPoint} if that argument is invalid
   */
  public static double[] fakeQuantize(double[] x, double scale, int zeroPoint, int quantMin, int quantMax) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FakeQuant.fakeQuantize");
  }

  /**
   * The straight-through estimator: the gradient of {@link #fakeQuantize} as PyTorch's autograd defines it.
   *
   * @param x the forward input, possibly empty; infinities get a zero gradient
   * @param dy the upstream gradient, same length as {@code x}, finite
   * @param scale as in {@link #fakeQuantize}
   * @param zeroPoint as in {@link #fakeQuantize}
   * @param quantMin as in {@link #fakeQuantize}
   * @param quantMax as in {@link #fakeQuantize}
   * @return {@code dy[i]} where {@code quantMin <= roundHalfEven(x[i] / scale) + zeroPoint <= quantMax},
   *     else 0
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException naming {@code x} if a value is NaN; naming {@code dy} if its length
   *     differs from {@code x}'s or a value is not finite; otherwise as {@link #fakeQuantize}
   */
  public static double[] fakeQuantizeBackward(double[] x, double[] dy, double scale, int zeroPoint, int quantMin,
      int quantMax) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FakeQuant.fakeQuantizeBackward");
  }

  /**
   * One step of MinMaxObserver.
   *
   * @param range the state so far, {@link #EMPTY_RANGE} for a fresh observer
   * @param x the batch, possibly empty (then the state is returned unchanged), finite values
   * @return the running minimum and maximum including {@code x}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code range} if it is not valid; naming {@code x} if a value
   *     is not finite
   */
  public static Range observeMinMax(Range range, double[] x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FakeQuant.observeMinMax");
  }

  /**
   * One step of MovingAverageMinMaxObserver.
   *
   * @param range the state so far, {@link #EMPTY_RANGE} for a fresh observer
   * @param x the batch, possibly empty (then the state is returned unchanged), finite values
   * @param averagingConstant the weight of the new batch, in {@code (0, 1]}
   * @return the batch's range if {@code range} is empty, else each end moved by
   *     {@code averagingConstant} of the way towards the batch's
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code range} if it is not valid; naming {@code x} if a value
   *     is not finite; naming {@code averagingConstant} if it is outside {@code (0, 1]} or NaN
   */
  public static Range observeMovingAverage(Range range, double[] x, double averagingConstant) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FakeQuant.observeMovingAverage");
  }

  /**
   * The observer's scale and zero point for its range.
   *
   * @param range an observer's state, possibly {@link #EMPTY_RANGE}
   * @param dtype the integer type, which fixes {@code qmin} and {@code qmax}
   * @param qscheme affine or symmetric
   * @return the parameters by the rules in the class comment; {@code (1.0, 0)} for the empty range
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code range} if it is not valid, or if {@code max' - min'}
   *     overflows to infinity
   */
  public static QParams calculateQParams(Range range, Dtype dtype, QScheme qscheme) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement FakeQuant.calculateQParams");
  }
}

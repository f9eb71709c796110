package mlkata.exercises.layers;

/**
 * <h2>Kata: max and average pooling, forward and backward, from scratch</h2>
 *
 * <p>Pooling slides a {@code kH x kW} window over every channel of an NCHW batch and keeps one number
 * per window: the largest value (max pooling) or the mean (average pooling). The semantics are
 * PyTorch 1.13's {@code torch.nn.functional.max_pool2d(input, kernel, stride, padding)} and
 * {@code avg_pool2d(input, kernel, stride, padding, count_include_pad=...)} with
 * {@code ceil_mode=False}; dilation and {@code divisor_override} are not part of the kata.
 *
 * <p><b>Layout and windows.</b> {@code input[n][c][h][w]} has shape {@code (N, C, H, W)}; channels
 * and samples are pooled independently. {@code kernel}, {@code stride} and {@code padding} are pairs
 * {@code {height, width}}. {@code stride} may be {@code null}, meaning "equal to the kernel", PyTorch's
 * default. Window {@code (oh, ow)} covers the rows {@code oh*sH - pH} to {@code oh*sH - pH + kH - 1}
 * and the columns {@code ow*sW - pW} to {@code ow*sW - pW + kW - 1}; the output size per axis is
 * {@code H_out = floor((H + 2*pH - kH) / sH) + 1}. Windows overlap when the stride is smaller than the
 * kernel. As in PyTorch, the padding must be at most half the kernel ({@code p <= k / 2}, integer
 * division), so every window holds at least one real input value.
 *
 * <p><b>Max pooling.</b> Padded positions count as {@code -infinity}: they never win, so a window
 * whose real values are all negative still returns its largest real value (not 0). The backward gives
 * each window's whole upstream gradient to one input position, its maximum. Pinned tie rule, as PyTorch
 * on the CPU: when several positions of a window hold the maximum, the <i>first</i> one in a row-major
 * scan of the window (top row first, left to right) receives the whole gradient, the others nothing.
 * An input position that is the chosen maximum of several overlapping windows accumulates the gradients
 * of all of them.
 *
 * <p><b>Average pooling.</b> The window's real values are summed (padded positions add 0) and divided
 * by {@code kH * kW} when {@code countIncludePad} is true (PyTorch's default), or by the number of
 * real positions in the window when it is false. The backward spreads each window's upstream
 * gradient over the window's real positions, divided by that same divisor, accumulating where windows
 * overlap. Positions no window covers get gradient 0.
 *
 * <p><b>Immutability.</b> Inputs are never modified; every returned array is new.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code input} or {@code dOutput} is rejected
 * with {@link IllegalArgumentException} naming the argument (PyTorch propagates a NaN, and its max
 * pooling even prefers it; this kata validates instead).
 *
 * <p><b>Complexity.</b> O(N * C * H_out * W_out * kH * kW) time for each method.
 *
 * <p>Example: one 3x3 channel {@code [[1, 3, 3], [3, 2, 3], [0, 3, 1]]}, kernel 2x2, stride 1, no
 * padding. The windows' maxima are all 3, so max pooling gives {@code [[3, 3], [3, 3]]}. With an
 * upstream gradient of ones the four windows pick, by the first-maximum rule, positions (0, 1),
 * (0, 1), (1, 0) and (1, 2), so the input gradient is {@code [[0, 2, 0], [1, 0, 1], [0, 0, 0]]}.
 * Average pooling of the same input gives {@code [[9/4, 11/4], [8/4, 9/4]]}; with padding 1,
 * kernel 3x3, stride 2 and {@code countIncludePad} true, the top-left window holds the real values
 * {@code 1, 3, 3, 2} and returns {@code 9/9 = 1}, with false {@code 9/4}.
 */
public final class Pooling {
  private Pooling() {}

  /**
   * Max pooling: the largest value of each window.
   *
   * @param input {@code (N, C, H, W)}, every dimension {@code >= 1}, rectangular, finite; not modified
   * @param kernel {@code {kH, kW}}, each {@code >= 1}
   * @param stride {@code {sH, sW}}, each {@code >= 1}; or {@code null} for the kernel
   * @param padding {@code {pH, pW}}, each in {@code [0, k / 2]}
   * @return {@code (N, C, H_out, W_out)}, a new array
   * @throws NullPointerException if {@code input}, {@code kernel}, {@code padding} or a sub-array is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code input} when
   *     empty in a dimension, ragged or not finite, or when an output size would be below 1 (the padded
   *     input is smaller than the kernel); {@code kernel}, {@code stride} or {@code padding} when not of
   *     length 2 or out of range ({@code padding} also when above half the kernel)
   */
  public static double[][][][] maxPool(double[][][][] input, int[] kernel, int[] stride, int[] padding) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pooling.maxPool");
  }

  /**
   * The backward of {@link #maxPool}: each window's upstream gradient goes to the first maximum of the
   * window.
   *
   * @param dOutput {@code dL/dout}, the shape of {@code maxPool}'s output, finite; not modified
   * @param input the forward's input; not modified
   * @param kernel the forward's kernel
   * @param stride the forward's stride, or {@code null} for the kernel
   * @param padding the forward's padding
   * @return {@code dL/dinput}, the shape of {@code input}, a new array
   * @throws NullPointerException if an argument other than {@code stride}, or a sub-array, is null
   * @throws IllegalArgumentException as {@link #maxPool}; naming {@code dOutput} when its shape is not
   *     the forward output's or a value is not finite
   */
  public static double[][][][] maxPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel,
      int[] stride, int[] padding) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pooling.maxPoolBackward");
  }

  /**
   * Average pooling: the mean of each window.
   *
   * @param input {@code (N, C, H, W)}, every dimension {@code >= 1}, rectangular, finite; not modified
   * @param kernel {@code {kH, kW}}, each {@code >= 1}
   * @param stride {@code {sH, sW}}, each {@code >= 1}; or {@code null} for the kernel
   * @param padding {@code {pH, pW}}, each in {@code [0, k / 2]}
   * @param countIncludePad divide by {@code kH * kW} (true) or by the window's number of real positions
   *     (false)
   * @return {@code (N, C, H_out, W_out)}, a new array
   * @throws NullPointerException if {@code input}, {@code kernel}, {@code padding} or a sub-array is null
   * @throws IllegalArgumentException as {@link #maxPool}
   */
  public static double[][][][] avgPool(double[][][][] input, int[] kernel, int[] stride, int[] padding,
      boolean countIncludePad) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pooling.avgPool");
  }

  /**
   * The backward of {@link #avgPool}.
   *
   * @param dOutput {@code dL/dout}, the shape of {@code avgPool}'s output, finite; not modified
   * @param input the forward's input (only its shape matters); not modified
   * @param kernel the forward's kernel
   * @param stride the forward's stride, or {@code null} for the kernel
   * @param padding the forward's padding
   * @param countIncludePad the forward's choice of divisor
   * @return {@code dL/dinput}, the shape of {@code input}, a new array
   * @throws NullPointerException if an argument other than {@code stride}, or a sub-array, is null
   * @throws IllegalArgumentException as {@link #maxPoolBackward}
   */
  public static double[][][][] avgPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel,
      int[] stride, int[] padding, boolean countIncludePad) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pooling.avgPoolBackward");
  }
}

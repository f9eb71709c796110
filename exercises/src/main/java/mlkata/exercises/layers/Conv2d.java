package mlkata.exercises.layers;

/**
 * <h2>Kata: 2-D convolution, forward and backward, from scratch</h2>
 *
 * <p>The layer of every convolutional network, with PyTorch's semantics
 * ({@code torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)}), on
 * plain arrays.
 *
 * <p><b>Layout (NCHW).</b> {@code input[n][c][h][w]}: {@code N} samples, {@code C_in} channels,
 * height {@code H}, width {@code W}. {@code weight[oc][ic][kh][kw]} has shape
 * {@code (C_out, C_in / groups, kH, kW)}; {@code bias} has length {@code C_out} or is {@code null}
 * (no bias, PyTorch's {@code bias=None}). Stride, padding and dilation are pairs
 * {@code {height, width}}, so each axis has its own.
 *
 * <p><b>Forward.</b> A cross-correlation, as PyTorch computes it: the kernel is <i>not</i> flipped
 * (the textbook "convolution" flips it; deep-learning libraries do not). With {@code g} the group of
 * output channel {@code oc} (groups split the input and the output channels into {@code groups}
 * equal, consecutive blocks; block {@code g} of the outputs sees only block {@code g} of the inputs):
 * <pre>
 *   out[n][oc][oh][ow] = bias[oc] + sum over ic in [0, C_in/groups), kh, kw of
 *       input[n][g * C_in/groups + ic][oh*sH - pH + kh*dH][ow*sW - pW + kw*dW] * weight[oc][ic][kh][kw]
 * </pre>
 * where an input index outside {@code [0, H) x [0, W)} reads zero (zero padding, {@code pH} rows on
 * the top and on the bottom, {@code pW} columns on the left and on the right). The output size per
 * axis is PyTorch's
 * <pre>
 *   H_out = floor((H + 2*pH - dH*(kH - 1) - 1) / sH) + 1
 * </pre>
 * and likewise for the width: the last rows or columns that do not fill a whole stride are dropped.
 * {@code groups = C_in = C_out} is a depthwise convolution.
 *
 * <p><b>Backward.</b> Given {@code dOutput = dL/dout} of the output's shape, return
 * {@code dL/dinput}, {@code dL/dweight} and {@code dL/dbias}. Every input value contributes to every
 * output it is read by, so its gradient is the sum over those outputs; inputs never read (cut off by
 * the stride) get 0. {@code dBias} is returned even for a forward without bias (what a bias would
 * receive). The grader checks the three against PyTorch's autograd and against central finite
 * differences of your {@link #forward}.
 *
 * <p><b>Immutability.</b> Inputs are never modified; every returned array is new.
 *
 * <p><b>Non-finite values.</b> A NaN or infinite entry in {@code input}, {@code weight},
 * {@code bias} or {@code dOutput} is rejected with {@link IllegalArgumentException} naming the argument
 * (PyTorch propagates it; this kata validates).
 *
 * <p><b>Complexity.</b> O(N * C_out * H_out * W_out * (C_in / groups) * kH * kW) time for the forward
 * and for the backward, the direct loops; no im2col or FFT is expected.
 *
 * <p>Example: one 1-channel 3x3 input {@code [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}, one 2x2 kernel
 * {@code [[1, 0], [0, -1]]}, bias {@code [10]}, stride 1, no padding, dilation 1, one group. The
 * output is 2x2: {@code out[0][0] = 10 + 1*1 + 5*(-1) = 6}, and every entry is {@code 10 - 4}, so
 * {@code [[6, 6], [6, 6]]}. (Flipping the kernel would give {@code 14} everywhere.) With
 * {@code dOutput = [[1, 0], [0, 0]]}: {@code dBias = [1]}, {@code dWeight = [[1, 2], [4, 5]]} (the
 * input window of {@code out[0][0]}), and {@code dInput} holds the kernel at the window's place:
 * {@code [[1, 0, 0], [0, -1, 0], [0, 0, 0]]}.
 */
public final class Conv2d {
  private Conv2d() {}

  /**
   * The gradients of a loss with respect to the forward's arguments.
   *
   * @param dInput {@code dL/dinput}, the shape of {@code input}
   * @param dWeight {@code dL/dweight}, the shape of {@code weight}
   * @param dBias {@code dL/dbias}, length {@code C_out}
   */
  public record Gradients(double[][][][] dInput, double[][][][] dWeight, double[] dBias) {}

  /**
   * The output length of one axis: {@code floor((size + 2*padding - dilation*(kernel - 1) - 1) / stride) + 1}.
   *
   * @param size the input length along the axis, {@code >= 1}
   * @param kernel the kernel length along the axis, {@code >= 1}
   * @param stride the step between windows, {@code >= 1}
   * @param padding the zeros added on each side, {@code >= 0}
   * @param dilation the spacing between kernel taps, {@code >= 1}
   * @return the output length, at least 1
   * @throws IllegalArgumentException with a message naming the offending argument ({@code size},
   *     {@code kernel}, {@code stride}, {@code padding} or {@code dilation}) when it is out of range;
   *     naming {@code size} when the padded input is shorter than the dilated kernel
   *     {@code dilation*(kernel - 1) + 1} (an empty output)
   */
  public static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Conv2d.outputSize");
  }

  /**
   * The convolution's output.
   *
   * @param input {@code (N, C_in, H, W)}, every dimension {@code >= 1}, rectangular, finite; not modified
   * @param weight {@code (C_out, C_in / groups, kH, kW)}, every dimension {@code >= 1}, finite; not modified
   * @param bias length {@code C_out}, finite; or {@code null} for no bias
   * @param stride {@code {sH, sW}}, each {@code >= 1}
   * @param padding {@code {pH, pW}}, each {@code >= 0}
   * @param dilation {@code {dH, dW}}, each {@code >= 1}
   * @param groups {@code >= 1}, dividing both {@code C_in} and {@code C_out}
   * @return {@code (N, C_out, H_out, W_out)}, a new array
   * @throws NullPointerException if {@code input}, {@code weight}, {@code stride}, {@code padding},
   *     {@code dilation} or a sub-array is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code input} or
   *     {@code weight} when empty in a dimension, ragged or not finite; {@code stride}, {@code padding}
   *     or {@code dilation} when not of length 2 or out of range; {@code groups} when below 1 or not
   *     dividing {@code C_in} or {@code C_out}; {@code weight} when its second dimension is not
   *     {@code C_in / groups}; {@code bias} when its length is not {@code C_out} or a value is not
   *     finite; {@code input} when an output size would be below 1 (input smaller than the dilated
   *     kernel, even with padding)
   */
  public static double[][][][] forward(double[][][][] input, double[][][][] weight, double[] bias, int[] stride,
      int[] padding, int[] dilation, int groups) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Conv2d.forward");
  }

  /**
   * The gradients of a loss {@code L} given {@code dOutput = dL/dout} of {@link #forward}'s output.
   *
   * @param dOutput {@code (N, C_out, H_out, W_out)}, the forward output's shape, finite; not modified
   * @param input the forward's input; not modified
   * @param weight the forward's weight; not modified
   * @param stride the forward's stride
   * @param padding the forward's padding
   * @param dilation the forward's dilation
   * @param groups the forward's groups
   * @return {@code dInput}, {@code dWeight} and {@code dBias}, new arrays
   * @throws NullPointerException if an argument or a sub-array is null
   * @throws IllegalArgumentException as {@link #forward} for the shared arguments; naming
   *     {@code dOutput} when its shape is not the forward output's or a value is not finite
   */
  public static Gradients backward(double[][][][] dOutput, double[][][][] input, double[][][][] weight,
      int[] stride, int[] padding, int[] dilation, int groups) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Conv2d.backward");
  }
}

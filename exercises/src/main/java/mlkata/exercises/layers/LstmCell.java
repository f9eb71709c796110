package mlkata.exercises.layers;

/**
 * <h2>Kata: one LSTM step and one GRU step, forward and backward, in PyTorch's layout</h2>
 *
 * <p>A recurrent cell reads one time step of a batch and the previous state and returns the next
 * state. This kata is one step of {@code torch.nn.LSTMCell} and one of {@code torch.nn.GRUCell}, with
 * their parameter layout and gate order exactly, and the backward pass of each. Rows are samples
 * (batch first): {@code x} is {@code B x I} (batch, input size), {@code h} and {@code c} are
 * {@code B x H} (hidden size). Below, {@code W[k]} is the block of rows {@code k*H .. (k+1)*H - 1} of a
 * weight matrix and {@code b[k]} the same block of a bias, and {@code x W^T} multiplies each sample by
 * the transposed weight, as {@code torch.nn.functional.linear} does.
 *
 * <p><b>LSTM</b> ({@link Weights} with {@code 4H} rows: {@code weightIh} is {@code 4H x I},
 * {@code weightHh} is {@code 4H x H}, {@code biasIh} and {@code biasHh} have {@code 4H} entries). The
 * four blocks are the gates in the order <b>i, f, g, o</b> (input, forget, cell candidate, output):
 * <pre>
 *   a_k = x W_ih[k]^T + b_ih[k] + h W_hh[k]^T + b_hh[k]      for k = 0 (i), 1 (f), 2 (g), 3 (o)
 *   i = sigmoid(a_0)   f = sigmoid(a_1)   g = tanh(a_2)   o = sigmoid(a_3)
 *   c' = f * c + i * g
 *   h' = o * tanh(c')
 * </pre>
 * (Keras stacks i, f, c, o with the same meaning; TensorFlow's old {@code LSTMCell} used i, j, f, o. The
 * order is a layout choice: use PyTorch's.) Both biases are added; their sum is what matters in the
 * forward pass, but each gets its own gradient.
 *
 * <p><b>GRU</b> ({@link Weights} with {@code 3H} rows), blocks in the order <b>r, z, n</b> (reset,
 * update, new):
 * <pre>
 *   r = sigmoid(x W_ih[0]^T + b_ih[0] + h W_hh[0]^T + b_hh[0])
 *   z = sigmoid(x W_ih[1]^T + b_ih[1] + h W_hh[1]^T + b_hh[1])
 *   n = tanh(x W_ih[2]^T + b_ih[2] + r * (h W_hh[2]^T + b_hh[2]))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Two details are PyTorch's and differ from other write-ups: the reset gate multiplies the hidden
 * term <em>after</em> the hidden weights and <em>including</em> its bias {@code b_hh[2]} (the original
 * paper of Cho et al. resets {@code h} before multiplying by the weights), and {@code z} weights the
 * <em>old</em> state (some texts write {@code h' = z * n + (1 - z) * h}).
 *
 * <p><b>Backward.</b> Given the upstream gradients of the outputs, {@code dhNext = dL/dh'} (and for the
 * LSTM {@code dcNext = dL/dc'}; pass zeros when {@code c'} feeds nothing), return the gradients of the
 * loss with respect to {@code x}, {@code h}, {@code c} (LSTM) and every parameter. The weight and bias
 * gradients sum over the batch. The backward methods take the forward inputs and recompute what they
 * need; nothing is cached between calls.
 *
 * <p><b>Shapes.</b> {@code B}, {@code I} and {@code H} are at least 1. {@code H} is the number of
 * columns of {@code weightHh}; the weight matrices must have exactly {@code 4H} (LSTM) or {@code 3H}
 * (GRU) rows, {@code weightIh} must have {@code I} columns, every matrix must be rectangular, and
 * {@code x}, {@code h}, {@code c}, {@code dhNext}, {@code dcNext} must all have {@code B} rows. Sigmoid
 * must not overflow for pre-activations of {@code -1000} or {@code +1000}: the grader saturates gates.
 *
 * <p><b>Non-finite values.</b> Every input must be finite; a NaN or an infinity anywhere is rejected
 * with {@link IllegalArgumentException}.
 *
 * <p><b>Validation.</b> Null arguments, null rows and null components of {@link Weights} throw
 * {@link NullPointerException}. Invalid values throw {@link IllegalArgumentException} whose message
 * names the offending argument or component: {@code x}, {@code h}, {@code c}, {@code weightIh},
 * {@code weightHh}, {@code biasIh}, {@code biasHh}, {@code dhNext}, {@code dcNext}. Inputs are never
 * modified; every returned array is new.
 *
 * <p><b>Complexity.</b> O(B * H * (I + H)) time for each pass, dominated by the two matrix products
 * (forward) and their four transposed products (backward); O(B * H + H * (I + H)) memory.
 *
 * <p>Example (B = I = H = 1): {@code x = [[1]]}, {@code h = [[0.5]]}, {@code c = [[2]]},
 * {@code weightIh = [[1], [0], [2], [0]]}, {@code weightHh = [[0], [1], [0], [-1]]},
 * {@code biasIh = [0, 0, 0, 0]}, {@code biasHh = [0, 0, 0, 0.5]}. Then
 * {@code a = [1, 0.5, 2, 0]}, {@code i = sigmoid(1) = 0.731059}, {@code f = sigmoid(0.5) = 0.622459},
 * {@code g = tanh(2) = 0.964028}, {@code o = 0.5}, {@code c' = 0.622459 * 2 + 0.731059 * 0.964028 =
 * 1.949679} and {@code h' = 0.5 * tanh(1.949679) = 0.480147}. A GRU step with {@code x = [[1]]},
 * {@code h = [[2]]}, {@code weightIh = [[0], [0], [1]]}, {@code weightHh = [[0], [0], [1]]}, zero
 * {@code biasIh} and {@code biasHh = [0, 0, 1]} has {@code r = z = 0.5},
 * {@code n = tanh(1 + 0.5 * (2 + 1)) = tanh(2.5) = 0.986614} and
 * {@code h' = 0.5 * 0.986614 + 0.5 * 2 = 1.493307}.
 */
public final class LstmCell {
  private LstmCell() {}

  /**
   * The parameters of one cell, gates stacked in PyTorch's order.
   *
   * @param weightIh input-to-hidden weights, {@code 4H x I} (LSTM) or {@code 3H x I} (GRU)
   * @param weightHh hidden-to-hidden weights, {@code 4H x H} or {@code 3H x H}
   * @param biasIh input-side bias, {@code 4H} or {@code 3H} entries
   * @param biasHh hidden-side bias, {@code 4H} or {@code 3H} entries
   */
  public record Weights(double[][] weightIh, double[][] weightHh, double[] biasIh, double[] biasHh) {}

  /**
   * The LSTM's next state.
   *
   * @param h the new hidden state {@code h'}, {@code B x H}
   * @param c the new cell state {@code c'}, {@code B x H}
   */
  public record LstmState(double[][] h, double[][] c) {}

  /**
   * Gradients of one LSTM step.
   *
   * @param dx {@code dL/dx}, {@code B x I}
   * @param dh {@code dL/dh} (the previous hidden state), {@code B x H}
   * @param dc {@code dL/dc} (the previous cell state), {@code B x H}
   * @param dWeights the parameter gradients, in the layout of {@link Weights}
   */
  public record LstmGradients(double[][] dx, double[][] dh, double[][] dc, Weights dWeights) {}

  /**
   * Gradients of one GRU step.
   *
   * @param dx {@code dL/dx}, {@code B x I}
   * @param dh {@code dL/dh} (the previous hidden state), {@code B x H}
   * @param dWeights the parameter gradients, in the layout of {@link Weights}
   */
  public record GruGradients(double[][] dx, double[][] dh, Weights dWeights) {}

  /**
   * One step of {@code torch.nn.LSTMCell}.
   *
   * @param x the input, {@code B x I}
   * @param h the previous hidden state, {@code B x H}
   * @param c the previous cell state, {@code B x H}
   * @param weights the parameters, {@code 4H} rows, gates i, f, g, o
   * @return {@code h'} and {@code c'}
   * @throws NullPointerException if an argument, a row or a component of {@code weights} is null
   * @throws IllegalArgumentException naming the argument or component whose shape is wrong or which holds
   *     a non-finite value
   */
  public static LstmState lstmForward(double[][] x, double[][] h, double[][] c, Weights weights) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LstmCell.lstmForward");
  }

  /**
   * The backward pass of {@link #lstmForward}.
   *
   * @param x the forward input, {@code B x I}
   * @param h the forward's previous hidden state, {@code B x H}
   * @param c the forward's previous cell state, {@code B x H}
   * @param weights the forward's parameters
   * @param dhNext {@code dL/dh'}, {@code B x H}
   * @param dcNext {@code dL/dc'}, {@code B x H}
   * @return the gradients with respect to {@code x}, {@code h}, {@code c} and the parameters
   * @throws NullPointerException if an argument, a row or a component of {@code weights} is null
   * @throws IllegalArgumentException as {@link #lstmForward}, and naming {@code dhNext} or {@code dcNext}
   *     if its shape is not {@code B x H} or it holds a non-finite value
   */
  public static LstmGradients lstmBackward(double[][] x, double[][] h, double[][] c, Weights weights,
      double[][] dhNext, double[][] dcNext) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LstmCell.lstmBackward");
  }

  /**
   * One step of {@code torch.nn.GRUCell}.
   *
   * @param x the input, {@code B x I}
   * @param h the previous hidden state, {@code B x H}
   * @param weights the parameters, {@code 3H} rows, gates r, z, n
   * @return {@code h'}, {@code B x H}
   * @throws NullPointerException if an argument, a row or a component of {@code weights} is null
   * @throws IllegalArgumentException naming the argument or component whose shape is wrong or which holds
   *     a non-finite value
   */
  public static double[][] gruForward(double[][] x, double[][] h, Weights weights) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LstmCell.gruForward");
  }

  /**
   * The backward pass of {@link #gruForward}.
   *
   * @param x the forward input, {@code B x I}
   * @param h the forward's previous hidden state, {@code B x H}
   * @param weights the forward's parameters
   * @param dhNext {@code dL/dh'}, {@code B x H}
   * @return the gradients with respect to {@code x}, {@code h} and the parameters
   * @throws NullPointerException if an argument, a row or a component of {@code weights} is null
   * @throws IllegalArgumentException as {@link #gruForward}, and naming {@code dhNext} if its shape is not
   *     {@code B x H} or it holds a non-finite value
   */
  public static GruGradients gruBackward(double[][] x, double[][] h, Weights weights, double[][] dhNext) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement LstmCell.gruBackward");
  }
}

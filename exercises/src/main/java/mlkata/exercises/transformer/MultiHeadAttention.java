package mlkata.exercises.transformer;

/**
 * <h2>Kata: multi-head self-attention, from scratch</h2>
 *
 * <p>One sequence {@code x} of {@code L} tokens, each an embedding of width {@code E}, attends to
 * itself through {@code numHeads} heads. The parameter layout is PyTorch's
 * {@code nn.MultiheadAttention} (see {@code multi_head_attention_forward} in
 * {@code torch/nn/functional.py}), so weights trained there can be loaded here unchanged. Every
 * linear map follows torch's convention {@code y = x W^T + b}. The layout and conventions:
 *
 * <ul>
 *   <li><b>Input projection.</b> {@code inProjWeight} is {@code 3E x E}: rows {@code [0, E)} are
 *       {@code Wq}, rows {@code [E, 2E)} are {@code Wk}, rows {@code [2E, 3E)} are {@code Wv};
 *       {@code inProjBias} ({@code 3E}) stacks {@code bq, bk, bv} the same way. Self-attention means
 *       query = key = value = {@code x}: {@code Q = x Wq^T + bq}, {@code K = x Wk^T + bk},
 *       {@code V = x Wv^T + bv}, each {@code L x E}.
 *   <li><b>Split into heads.</b> {@code headDim = E / numHeads} ({@code E} must be divisible). Head
 *       {@code h} owns the <em>contiguous</em> column block {@code [h * headDim, (h + 1) * headDim)}
 *       of {@code Q}, {@code K} and {@code V} (torch views {@code L x E} as
 *       {@code L x numHeads x headDim}).
 *   <li><b>Attend per head.</b> Each head runs scaled dot-product attention on its blocks with
 *       {@code scale = 1 / sqrt(headDim)} (not {@code 1 / sqrt(E)}) and the same mask and causal flag,
 *       exactly as in the {@code transformer/attention} kata (you may call your {@code Attention}).
 *   <li><b>Concatenate and project.</b> Head {@code h}'s {@code L x headDim} output goes back into
 *       column block {@code h} of an {@code L x E} matrix, then
 *       {@code output = concat outProjWeight^T + outProjBias}.
 *   <li><b>Weights.</b> The returned weights are the heads' {@code L x L} attention weights averaged
 *       over the heads (torch's {@code need_weights=True, average_attn_weights=True}).
 * </ul>
 *
 * <p><b>Masks.</b> This kata keeps the attention kata's convention: {@code mask[i][j] == true} means
 * token {@code i} <em>may attend</em> to token {@code j}. torch's {@code nn.MultiheadAttention} reads a
 * boolean {@code attn_mask} the other way round (true = ignore), so pass {@code ~mask} to torch to get
 * the same result. {@code causal} allows {@code j <= i} only; mask and causal combine with AND. A token
 * left with nothing to attend to gets all-zero weights in every head, so its concatenated head output is
 * zero and its output row equals {@code outProjBias} (torch 1.13 returns NaN there).
 *
 * <p><b>Non-finite values.</b> Every value in {@code x} and in the parameters must be finite; a NaN or
 * infinity is rejected with {@link IllegalArgumentException}. Large scores must still give finite,
 * accurate weights, as in the attention kata.
 *
 * <p><b>Complexity.</b> O(L * E^2) for the projections plus O(L^2 * E) for the heads together; O(L^2)
 * memory per head for the weights. Do not modify the inputs.
 *
 * <p>Example: {@code x = [[1, 0], [0, 1]]}, one head, {@code Wq = Wk = Wv = I}, zero in-projection
 * bias, {@code outProjWeight = I}, {@code outProjBias = [1, -1]}. The scores are
 * {@code x x^T / sqrt(2)}, the weights {@code [[0.6698, 0.3302], [0.3302, 0.6698]]}, the concatenated
 * head output equals the weights, and the output is {@code [[1.6698, -0.6698], [1.3302, -0.3302]]}.
 */
public final class MultiHeadAttention {
  private MultiHeadAttention() {}

  /**
   * The parameters in torch's layout: {@code inProjWeight} ({@code 3E x E}, Wq over Wk over Wv),
   * {@code inProjBias} ({@code 3E}), {@code outProjWeight} ({@code E x E}) and {@code outProjBias}
   * ({@code E}).
   */
  public record Parameters(double[][] inProjWeight, double[] inProjBias, double[][] outProjWeight, double[] outProjBias) {}

  /**
   * What {@link #selfAttention} returns: {@code output} ({@code L x E}) and {@code weights}
   * ({@code L x L}, the attention weights averaged over the heads).
   */
  public record Result(double[][] output, double[][] weights) {}

  /**
   * Multi-head self-attention of one sequence.
   *
   * @param x the sequence, {@code L x E}, {@code L >= 1}, {@code E >= 1}
   * @param numHeads the number of heads; positive and dividing {@code E}
   * @param params the projection weights and biases in torch's layout (none may be null)
   * @param mask {@code L x L}, true where token {@code i} may attend to token {@code j}; {@code null}
   *     for no mask
   * @param causal when true, token {@code i} may only attend to tokens {@code j <= i}
   * @return the output and the head-averaged attention weights
   * @throws NullPointerException if {@code x}, {@code params}, one of the parameter arrays or a row of
   *     any matrix is null
   * @throws IllegalArgumentException with a message naming the argument: {@code x} empty, ragged, with
   *     zero columns or non-finite values; {@code numHeads} not positive or not dividing {@code E};
   *     {@code inProjWeight}, {@code inProjBias}, {@code outProjWeight} or {@code outProjBias} of the
   *     wrong shape or holding a non-finite value; {@code mask} not {@code L x L}
   */
  public static Result selfAttention(double[][] x, int numHeads, Parameters params, boolean[][] mask, boolean causal) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement MultiHeadAttention.selfAttention");
  }
}

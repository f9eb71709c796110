package mlkata.exercises.transformer;

/**
 * <h2>Kata: scaled dot-product attention, from scratch</h2>
 *
 * <p>Every query row looks at every key row, turns the similarities into a probability distribution
 * and returns the matching mixture of value rows:
 *
 * <pre>
 *   scores  = Q K^T * scale + maskBias          (Lq x Lk)
 *   weights = softmax(scores), row by row        (Lq x Lk)
 *   output  = weights V                          (Lq x dv)
 * </pre>
 *
 * with {@code Q} of shape {@code Lq x d}, {@code K} of shape {@code Lk x d}, {@code V} of shape
 * {@code Lk x dv} and, unless given explicitly, {@code scale = 1 / sqrt(d)}. Matrices are
 * {@code double[row][column]}.
 *
 * <p>The conventions are those of PyTorch's {@code torch.nn.functional.scaled_dot_product_attention}:
 * <ul>
 *   <li><b>Boolean mask</b> ({@code Lq x Lk}, may be {@code null} for "no mask"): {@code mask[i][j] ==
 *       true} means query {@code i} <em>may attend</em> to key {@code j}; {@code false} removes that key
 *       from the softmax (its score becomes minus infinity, its weight exactly 0). Careful:
 *       {@code nn.MultiheadAttention} uses the opposite meaning (true = ignore).
 *   <li><b>Causal</b>: when {@code causal} is true, query {@code i} may attend to key {@code j} only if
 *       {@code j <= i} (a lower-triangular mask aligned to the top-left corner, as torch's
 *       {@code is_causal}; the diagonal is allowed). With {@code Lq > Lk} the rows below the square
 *       see every key. A mask and {@code causal} may be given together: a key is allowed only when
 *       both allow it.
 *   <li><b>Rows with nothing to attend to.</b> When the mask (with causal) leaves a query row no key at
 *       all, plain softmax divides 0 by 0 (torch 1.13 returns NaN). This kata pins the behaviour of newer
 *       torch SDPA: that row's weights are all 0 and its output row is all 0.
 * </ul>
 *
 * <p><b>Numerical stability.</b> Scores of size 1e4 occur (large activations, a tiny temperature) and
 * must still give finite, accurate weights, as torch's do. Note that {@code Math.exp(1e4)} is
 * infinity, so evaluating the softmax literally turns such a row into NaN.
 *
 * <p><b>Non-finite values.</b> {@code Q}, {@code K}, {@code V} must hold finite values (an
 * {@link IllegalArgumentException} otherwise). {@link #softmax(double[])} accepts
 * {@code -Infinity} (a masked entry, probability 0) but rejects NaN and {@code +Infinity}. Finite
 * inputs whose dot products overflow a double are outside this kata.
 *
 * <p><b>Complexity.</b> O(Lq * Lk * (d + dv)) time and O(Lq * Lk) memory for the weights, which are
 * returned. Do not modify the inputs.
 *
 * <p>Example: {@code Q = [[1, 0]]}, {@code K = [[1, 0], [0, 1]]}, {@code V = [[10], [20]]}, no mask.
 * The scores are {@code [1, 0] / sqrt(2) = [0.7071, 0]}, the weights
 * {@code softmax = [0.6698, 0.3302]} and the output {@code [[13.302]]}.
 */
public final class Attention {
  private Attention() {}

  /**
   * What {@link #attend} returns: {@code output} ({@code Lq x dv}) and {@code weights}
   * ({@code Lq x Lk}, each row a probability distribution over the keys, or all zeros for a row with
   * no key allowed).
   */
  public record Result(double[][] output, double[][] weights) {}

  /**
   * The softmax of one vector, {@code exp(x_j) / sum_k exp(x_k)}, finite and accurate even for entries
   * of size 1e4 whose exponential overflows.
   *
   * @param logits any finite values; {@code -Infinity} marks a masked entry, which gets probability 0
   * @return a new array of the same length, the softmax probabilities (summing to 1); all zeros
   *     when every entry is {@code -Infinity} (the kata's convention for a fully masked row), and an
   *     empty array for empty input
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} if an entry is NaN or {@code +Infinity}
   */
  public static double[] softmax(double[] logits) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Attention.softmax");
  }

  /**
   * Scaled dot-product attention with {@code scale = 1 / sqrt(d)}, {@code d} the width of {@code q}.
   *
   * @param q queries, {@code Lq x d}, {@code Lq >= 1}, {@code d >= 1}
   * @param k keys, {@code Lk x d}, {@code Lk >= 1}
   * @param v values, {@code Lk x dv}, {@code dv >= 1}
   * @param mask {@code Lq x Lk}, true where the query may attend to the key; {@code null} for no mask
   * @param causal when true, query {@code i} may only attend to keys {@code j <= i}
   * @return the output and the attention weights
   * @throws NullPointerException if {@code q}, {@code k}, {@code v} or one of their rows (or a row of a
   *     non-null {@code mask}) is null
   * @throws IllegalArgumentException with a message naming the argument ({@code q}, {@code k},
   *     {@code v} or {@code mask}): a matrix is empty, ragged, has zero columns or holds a non-finite
   *     value; {@code k}'s width is not {@code d}; {@code v} has not {@code Lk} rows; {@code mask} is not
   *     {@code Lq x Lk}
   */
  public static Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Attention.attend");
  }

  /**
   * Scaled dot-product attention with an explicit scale (torch's {@code scale=} argument).
   *
   * @param q queries, {@code Lq x d}, {@code Lq >= 1}, {@code d >= 1}
   * @param k keys, {@code Lk x d}, {@code Lk >= 1}
   * @param v values, {@code Lk x dv}, {@code dv >= 1}
   * @param mask {@code Lq x Lk}, true where the query may attend to the key; {@code null} for no mask
   * @param causal when true, query {@code i} may only attend to keys {@code j <= i}
   * @param scale the factor applied to every dot product; finite and positive
   * @return the output and the attention weights
   * @throws NullPointerException as {@link #attend(double[][], double[][], double[][], boolean[][], boolean)}
   * @throws IllegalArgumentException as
   *     {@link #attend(double[][], double[][], double[][], boolean[][], boolean)}, and naming
   *     {@code scale} when it is NaN, infinite, zero or negative
   */
  public static Result attend(
      double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal, double scale) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Attention.attend");
  }
}

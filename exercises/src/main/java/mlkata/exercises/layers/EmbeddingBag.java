package mlkata.exercises.layers;

import java.util.OptionalInt;

/**
 * <h2>Kata: EmbeddingBag, sum, mean and max bags, with the sparse gradient</h2>
 *
 * <p>An embedding bag looks up a variable number of rows of an embedding table for each example and
 * reduces them to one vector, without ever building the {@code (examples x rows x dim)} tensor of the
 * lookups. Recommendation and text models use it for multi-hot features (the tags of an item, the
 * n-grams of a sentence). This kata is {@code torch.nn.functional.embedding_bag} of PyTorch 1.13 in its
 * 1-D input form, forward and backward.
 *
 * <p><b>Input layout.</b> {@code weight} is the table, {@code numEmbeddings x dim}. {@code indices}
 * holds the looked-up row numbers of all bags one after another, and {@code offsets[b]} is where bag
 * {@code b} starts in {@code indices}: bag {@code b} is {@code indices[offsets[b] .. offsets[b+1] - 1]},
 * and the last bag runs to the end of {@code indices}. So there are {@code B = offsets.length} bags
 * (PyTorch's {@code include_last_offset=False}); {@code offsets[0]} must be 0, offsets never decrease,
 * and two equal offsets make an empty bag. The output has one row of length {@code dim} per bag.
 *
 * <p><b>Modes</b> ({@link Mode}), for a bag's entries {@code k} (positions in {@code indices}):
 * <ul>
 *   <li>{@code SUM}: {@code out[b] = sum_k w_k * weight[indices[k]]}, where {@code w_k} is
 *       {@code perSampleWeights[k]}, or 1 when {@code perSampleWeights} is null.
 *   <li>{@code MEAN}: the sum divided by the number of entries of the bag.
 *   <li>{@code MAX}: per dimension {@code d}, {@code out[b][d] = max_k weight[indices[k]][d]}. The
 *       maximum of one column can come from a different row than that of another.
 * </ul>
 * A bag with no entries gives a row of zeros in every mode (not NaN, not {@code -Infinity}).
 * {@code perSampleWeights} is allowed only in {@code SUM} mode, as in PyTorch.
 *
 * <p><b>Padding index.</b> When {@code paddingIdx} is present, entries equal to it are skipped as if
 * they were not in the bag: they add nothing, are not counted by {@code MEAN}, never win a {@code MAX},
 * and get no gradient. A bag holding only padding gives zeros. (Deliberate difference: PyTorch also
 * accepts a negative {@code padding_idx}, counted from the end of the table; this kata wants an index in
 * {@code [0, numEmbeddings)}.)
 *
 * <p><b>Backward.</b> Given {@code dOutput = dL/dout} ({@code B x dim}), the gradient with respect to
 * {@code weight} touches only the rows that were looked up, so it is returned sparse, in the coalesced
 * form of PyTorch's sparse gradient ({@code sparse=True}, then {@code .coalesce()}):
 * <ul>
 *   <li>{@code rows}: every distinct index that appears in {@code indices} (padding excluded), in
 *       ascending order, each once, even when its gradient is zero (a row that lost every {@code MAX});
 *   <li>{@code values[j]}: the gradient of row {@code rows[j]}, the <em>sum</em> of the contributions of
 *       all of its entries, in every bag.
 * </ul>
 * An entry {@code k} of bag {@code b} contributes {@code w_k * dOutput[b]} in {@code SUM} mode and
 * {@code dOutput[b] / count_b} in {@code MEAN} mode. In {@code MAX} mode, for each dimension {@code d}
 * the whole {@code dOutput[b][d]} goes to the entry that produced the maximum; when several entries tie,
 * PyTorch's CPU kernel keeps the <em>first</em> of them in the bag's order (a strict comparison), so that
 * one gets it. An entry that repeats the winning row later in the bag gets nothing. (PyTorch refuses
 * {@code sparse=True} with {@code MAX}; its dense gradient restricted to the looked-up rows is what this
 * kata returns.) With {@code perSampleWeights}, the gradient with respect to them is
 * {@code dPerSampleWeights[k] = dOutput[b] . weight[indices[k]]} (0 for a padding entry); it is null
 * when {@code perSampleWeights} is null.
 *
 * <p><b>Non-finite values.</b> Only the rows that are looked up are read: a NaN or infinite value in
 * such a row is rejected, other rows are never read (their length must still be {@code dim}). NaN or
 * infinite entries of {@code perSampleWeights} or {@code dOutput} are rejected.
 *
 * <p><b>Validation.</b> Null arguments throw {@link NullPointerException}, except
 * {@code perSampleWeights}, where null means "no weights". Invalid values throw
 * {@link IllegalArgumentException} whose message names the argument: {@code weight} (no rows, a row of
 * length 0, ragged, or a non-finite value in a looked-up row), {@code indices} (an index outside
 * {@code [0, numEmbeddings)}), {@code offsets} (empty, {@code offsets[0] != 0}, decreasing, or beyond
 * {@code indices.length}), {@code perSampleWeights} (with {@code MEAN} or {@code MAX}, a length other
 * than {@code indices.length}, a non-finite value), {@code paddingIdx} (outside
 * {@code [0, numEmbeddings)}), {@code dOutput} (not {@code B x dim}, non-finite). Inputs are never
 * modified; every returned array is new.
 *
 * <p><b>Complexity.</b> With {@code L = indices.length}: O(numEmbeddings + (L + B) * dim) time for the
 * forward pass and O(numEmbeddings + (L + B) * dim + L log L) for the backward pass; memory
 * O((L + B) * dim), never {@code numEmbeddings * dim}.
 *
 * <p>Example: {@code weight = [[1, 5], [1, 2], [3, 5], [0, 0]]}, {@code indices = [0, 1, 2, 1, 3]},
 * {@code offsets = [0, 2, 2, 5]}: the bags are {@code [0, 1]}, {@code []}, {@code [2, 1, 3]} and
 * {@code []}. {@code SUM} gives {@code [[2, 7], [0, 0], [4, 7], [0, 0]]}, {@code MEAN}
 * {@code [[1, 3.5], [0, 0], [4/3, 7/3], [0, 0]]} and {@code MAX} {@code [[1, 5], [0, 0], [3, 5], [0, 0]]}.
 * With {@code dOutput = [[1, 2], [3, 4], [5, 6], [7, 8]]} the {@code SUM} gradient has
 * {@code rows = [0, 1, 2, 3]} and {@code values = [[1, 2], [6, 8], [5, 6], [5, 6]]} (row 1 appears in
 * bags 0 and 2); the {@code MAX} gradient has the same rows and
 * {@code values = [[1, 2], [0, 0], [5, 6], [0, 0]]} (in bag 0 rows 0 and 1 tie at 1 in column 0, and
 * row 0 comes first).
 */
public final class EmbeddingBag {
  private EmbeddingBag() {}

  /** How a bag's rows are reduced. */
  public enum Mode {
    /** The (optionally weighted) sum of the rows. */
    SUM,
    /** The average of the rows. */
    MEAN,
    /** The maximum of each column over the rows. */
    MAX
  }

  /**
   * The gradients of one backward pass.
   *
   * @param rows the distinct looked-up row indices, ascending (padding excluded)
   * @param values {@code values[j]} is the gradient of {@code weight[rows[j]]}, of length {@code dim}
   * @param dPerSampleWeights the gradient with respect to {@code perSampleWeights}, one per entry of
   *     {@code indices}; null when no per-sample weights were given
   */
  public record Gradients(int[] rows, double[][] values, double[] dPerSampleWeights) {}

  /**
   * The bags' reduced embeddings.
   *
   * @param weight the table, {@code numEmbeddings x dim}, at least one row and one column
   * @param indices the looked-up rows of all bags, each in {@code [0, numEmbeddings)}; possibly empty
   * @param offsets where each bag starts in {@code indices}; {@code offsets[0] = 0}, non-decreasing
   * @param mode sum, mean or max
   * @param perSampleWeights one weight per entry of {@code indices}, only with {@code SUM}; or null
   * @param paddingIdx a row index whose entries are skipped, or empty
   * @return {@code B x dim}, one row per bag, zeros for a bag without (non-padding) entries
   * @throws NullPointerException if an argument other than {@code perSampleWeights}, or a row, is null
   * @throws IllegalArgumentException naming the invalid argument, as listed in the class comment
   */
  public static double[][] forward(double[][] weight, int[] indices, int[] offsets, Mode mode,
      double[] perSampleWeights, OptionalInt paddingIdx) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement EmbeddingBag.forward");
  }

  /**
   * The gradients of {@link #forward} given the upstream gradient.
   *
   * @param weight the forward's table
   * @param indices the forward's indices
   * @param offsets the forward's offsets
   * @param mode the forward's mode
   * @param perSampleWeights the forward's per-sample weights, or null
   * @param paddingIdx the forward's padding index, or empty
   * @param dOutput {@code dL/dout}, {@code B x dim}
   * @return the coalesced sparse gradient of {@code weight} and, with per-sample weights, their gradient
   * @throws NullPointerException if an argument other than {@code perSampleWeights}, or a row, is null
   * @throws IllegalArgumentException as {@link #forward}, and naming {@code dOutput} if it is not
   *     {@code B x dim} or holds a non-finite value
   */
  public static Gradients backward(double[][] weight, int[] indices, int[] offsets, Mode mode,
      double[] perSampleWeights, OptionalInt paddingIdx, double[][] dOutput) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement EmbeddingBag.backward");
  }
}

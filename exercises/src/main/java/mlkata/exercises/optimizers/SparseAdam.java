package mlkata.exercises.optimizers;

/**
 * <h2>Kata: one step of SparseAdam (lazy Adam) on an embedding table</h2>
 *
 * <p>An embedding table has one row of {@code dim} numbers per token, user or item, often millions of
 * rows. A mini-batch only looks up a handful of them, so the gradient is sparse: a list of row
 * indices, each with one gradient row. Lazy Adam updates the moments and the parameters of those rows
 * only and leaves every other row exactly as it was, so a step costs time in proportion to the rows in
 * the batch, not to the size of the table.
 *
 * <p>Here the optimizer is a pure function. You receive the table, the sparse gradient, the state left
 * by the previous step (the moment tables {@code m} and {@code v}, as large as the table, and the step
 * counter) and the hyperparameters. You return an {@link Update}: the indices of the rows that changed,
 * in ascending order, with their new parameter, {@code m} and {@code v} rows, and the new step counter.
 * The caller writes those rows back into its tables (a scatter), which is what keeps the step
 * independent of the table size.
 *
 * <p>The semantics are PyTorch 1.13's {@code torch.optim.SparseAdam} ({@code maximize=False}), whose
 * arithmetic lives in {@code torch/optim/_functional.py}, function {@code sparse_adam}. The conventions
 * this kata pins:
 * <ul>
 *   <li><b>Coalesce.</b> {@code indices} may be unsorted and may repeat an index. The gradient of a
 *       row is the SUM of all the gradient rows given for it. A row is present if its index appears
 *       at least once, even when its gradient rows add up to exactly zero.
 *   <li><b>One counter per table.</b> {@code t = state.step() + 1}, the same {@code t} for every row,
 *       whether or not the row has been present before. A row seen for the first time at step 50 is
 *       bias-corrected with {@code t = 50}, not 1.
 *   <li><b>Update each present row</b>, coordinate by coordinate, with its summed gradient: its
 *       {@code m} and {@code v} are exponential moving averages of the gradient and of its square, as
 *       in dense Adam ({@code beta1} and {@code beta2} weighting the old value), and the returned rows
 *       hold those averages as they are, not bias-corrected.
 *   <li><b>Where the bias correction and eps go</b> (the point where SparseAdam differs from dense
 *       {@code Adam}): torch folds both bias corrections into the step size, which is {@code lr}
 *       multiplied by {@code sqrt(1 - beta2^t)} and divided by {@code 1 - beta1^t}, and adds
 *       {@code eps} to the square root of the <i>raw</i> new {@code v}, outside the root. Dense
 *       {@code Adam} adds {@code eps} to the square root of the bias-corrected {@code v} instead, so
 *       SparseAdam's {@code eps} is effectively {@code sqrt(1 - beta2^t)} times larger; the two agree
 *       exactly only when {@code eps} is zero.
 *   <li><b>Absent rows are untouched:</b> their parameters do not move and their {@code m} and
 *       {@code v} are not decayed (dense Adam would decay both and keep moving the row on its old
 *       momentum). They do not appear in the {@link Update}.
 * </ul>
 *
 * <p>Details that matter:
 * <ul>
 *   <li>{@code beta1} or {@code beta2} may be 0 ({@code 0^t} is 0 for {@code t >= 1}). As in torch,
 *       {@code lr} and {@code eps} must be strictly positive.
 *   <li>An empty gradient ({@code indices} of length 0) changes no row, and the counter still advances:
 *       the table had a gradient, it just had no rows. (torch 1.13 raises an error from inside
 *       {@code sparse_mask} on such a gradient; this kata defines the case instead.)
 *   <li>Only the rows named in {@code indices} are read, so only they are validated (length and
 *       finiteness of their table, {@code m} and {@code v} rows). Checking every row would cost
 *       O(rows * dim) and defeat the point. The other rows are never read.
 *   <li>{@code dim} is the length of the gradient rows; every gradient row and every table,
 *       {@code m} and {@code v} row that is read must have that length. A table with zero rows is
 *       allowed (then {@code indices} must be empty).
 * </ul>
 *
 * <p><b>Immutability.</b> Never modify {@code table}, {@code indices}, {@code values} or the arrays of
 * {@code state}: the rows of the {@link Update} are new arrays.
 *
 * <p><b>Non-finite values.</b> Gradient values, the table rows that are read and their {@code m} rows
 * must be finite, and their {@code v} rows finite and non-negative, otherwise
 * {@link IllegalArgumentException}. Hyperparameters must be finite and in range (see {@link #step});
 * NaN anywhere is rejected. A sum of duplicates or a square that overflows gives infinities or NaN
 * that are returned as computed, not rejected (no realistic gradient comes near 1e154).
 *
 * <p><b>Complexity.</b> O(k log k + k * dim) time and O(k * dim) extra memory for {@code k} gradient
 * rows, independent of the number of rows in the table. The grader times steps on a 200 000-row table
 * against the reference solution: anything that walks every entry of the table fails.
 *
 * <p>Example, lr 0.1, betas 0.9/0.999, eps 1e-8, table {@code [[1.0], [2.0], [3.0]]} (3 rows,
 * {@code dim = 1}) from {@link State#initial(int, int) State.initial(3, 1)}. Step 1 gets
 * {@code indices = [2, 0, 2]}, {@code values = [[0.5], [1.0], [-0.25]]}: row 0 has {@code g = 1.0},
 * row 2 has {@code g = 0.5 - 0.25 = 0.25}, row 1 is absent. With {@code t = 1},
 * the step size is {@code 0.1 * sqrt(0.001) / 0.1}, so row 0 gets {@code m' = 0.1}, {@code v' = 0.001} and
 * {@code p' = 1 - stepSize * 0.1 / (sqrt(0.001) + 1e-8) = 0.90000003162...}; row 2 gets
 * {@code m' = 0.025}, {@code v' = 6.25e-5}, {@code p' = 2.90000012649...}. The update has
 * {@code rows = [0, 2]} and {@code step = 1}. Step 2 gets {@code indices = [1]},
 * {@code values = [[1.0]]}: row 1 is new but {@code t = 2}, so {@code m' = 0.1}, {@code v' = 0.001},
 * the step size is {@code 0.1 * sqrt(1 - 0.999^2) / (1 - 0.9^2)} and {@code p' = 1.92558634117...}, a move of
 * about 0.0744 where a fresh dense Adam row would move by about 0.1. Rows 0 and 2 stay as they were.
 */
public final class SparseAdam {
  private SparseAdam() {}

  /**
   * Hyperparameters of one step.
   *
   * @param lr learning rate, finite and {@code > 0}
   * @param beta1 decay of the first-moment average, in {@code [0, 1)}
   * @param beta2 decay of the second-moment average, in {@code [0, 1)}
   * @param eps added to {@code sqrt(v')} in the denominator, finite and {@code > 0}
   */
  public record Config(double lr, double beta1, double beta2, double eps) {

    /**
     * torch.optim.SparseAdam's defaults.
     *
     * @return lr 1e-3, betas 0.9 and 0.999, eps 1e-8
     */
    public static Config defaults() {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement SparseAdam.Config.defaults");
    }
  }

  /**
   * The optimizer state between steps.
   *
   * @param m first-moment table, one row per table row
   * @param v second-moment table, one row per table row
   * @param step the number of steps taken so far on this table (0 before the first step)
   */
  public record State(double[][] m, double[][] v, int step) {

    /**
     * The state before the first step.
     *
     * @param rows number of rows of the table
     * @param dim length of each row
     * @return zero tables of {@code rows x dim} and {@code step == 0}
     * @throws IllegalArgumentException with a message naming {@code rows} or {@code dim} if it is negative
     */
    public static State initial(int rows, int dim) {
      throw new UnsupportedOperationException(
          "Not implemented yet: delete this line and implement SparseAdam.State.initial");
    }
  }

  /**
   * The rows changed by one step; every row not listed is unchanged.
   *
   * @param rows the distinct row indices present in the gradient, in ascending order
   * @param params {@code params[j]} is the new table row {@code rows[j]} (a new array)
   * @param m {@code m[j]} is the new first-moment row {@code rows[j]} (a new array)
   * @param v {@code v[j]} is the new second-moment row {@code rows[j]} (a new array)
   * @param step the new step counter, {@code state.step() + 1}
   */
  public record Update(int[] rows, double[][] params, double[][] m, double[][] v, int step) {}

  /**
   * Takes one SparseAdam step.
   *
   * @param table the embedding table, {@code rows x dim}; only the rows named in {@code indices} are read
   * @param indices row index of each gradient row, in {@code [0, table.length)}, any order, repeats allowed
   * @param values the gradient rows, {@code values[j]} belonging to row {@code indices[j]}; all of length
   *     {@code dim}
   * @param state the state returned by the previous steps (rows written back), or
   *     {@link State#initial(int, int)}
   * @param config hyperparameters
   * @return the present rows in ascending order with their new parameters and moments, and the new
   *     counter; the inputs are left untouched
   * @throws NullPointerException if an argument, an array inside {@code state}, or a row that is read
   *     (of {@code values}, {@code table}, {@code state.m} or {@code state.v}) is null
   * @throws IllegalArgumentException with a message naming the offending argument: {@code values} when
   *     its length differs from {@code indices}'s, its rows differ in length, or an entry is not finite;
   *     {@code indices} when an index is outside {@code [0, table.length)}; {@code table} when a row
   *     that is read has a length other than {@code dim} or an entry that is not finite; {@code state}
   *     when {@code m} or {@code v} has a number of rows other than {@code table.length}, a row that is
   *     read has a length other than {@code dim}, an entry read from {@code m} is not finite, an entry
   *     read from {@code v} is negative or not finite, or {@code step} is negative or
   *     {@code Integer.MAX_VALUE}; {@code lr} or {@code eps} when not finite or not {@code > 0};
   *     {@code beta1} or {@code beta2} when outside {@code [0, 1)} or NaN
   */
  public static Update step(double[][] table, int[] indices, double[][] values, State state, Config config) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement SparseAdam.step");
  }
}

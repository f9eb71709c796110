package mlkata.exercises.losses;

/**
 * <h2>Kata: knowledge-distillation loss and its gradient</h2>
 *
 * <p>Knowledge distillation (Hinton, Vinyals and Dean, 2015) trains a small student network to match
 * a large teacher's softened predictions. Both give logits for the same batch: {@code student[i][j]}
 * and {@code teacher[i][j]}, row {@code i} of {@code N}, class {@code j} of {@code C}. With a
 * temperature {@code T > 0}, per row,
 * <pre>
 *   p_i = softmax(teacher[i] / T)          the teacher's softened distribution (the target)
 *   q_i = softmax(student[i] / T)          the student's softened distribution
 *   KL_i = sum_j p_ij * (log p_ij - log q_ij)      KL(p_i || q_i): the teacher's distribution first
 *   soft = T^2 * (1/N) * sum_i KL_i
 * </pre>
 * The temperature divides both the teacher's and the student's logits. The factor {@code T^2} is part
 * of the loss (Hinton et al. include it so that the size of the gradient stays roughly independent of
 * {@code T}). The average is over the N rows, not over the N * C entries.
 *
 * <p>{@link #combined} mixes in the ordinary cross-entropy of the student's unsoftened logits with
 * the true labels {@code y_i} (class indices in {@code [0, C)}):
 * <pre>
 *   hard = (1/N) * sum_i -log softmax(student[i])[y_i]
 *   loss = alpha * soft + (1 - alpha) * hard
 * </pre>
 * Both methods also return the gradient of their loss with respect to every student logit (N by C).
 *
 * <p>The semantics are PyTorch's: {@code soft} is
 * {@code T*T * F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(t / T, dim=1), reduction='batchmean')}
 * and {@code hard} is {@code F.cross_entropy(s, y)} (mean reduction). Note that PyTorch's
 * {@code reduction='mean'} for {@code kl_div} divides by N * C and is not the KL divergence;
 * {@code 'batchmean'} is. The soft cross-entropy {@code -sum_j p_ij log q_ij} is a different value
 * (larger by the teacher's entropy, times {@code T^2} over N); this kata wants the KL value, which is
 * 0 when the student matches the teacher. The gradients are the true derivatives of the returned
 * losses with respect to the student logits; deriving them is part of the kata.
 *
 * <p><b>Stability.</b> Logits may be large (thousands, or a teacher almost certain of one class) and
 * must still give finite, accurate losses and gradients, as in PyTorch; {@code exp} of such logits
 * overflows a double. A teacher probability that underflows to 0 contributes 0 to {@code KL}, as in
 * PyTorch.
 *
 * <p><b>Edge cases.</b>
 * <ul>
 *   <li>{@code C = 1}: every softmax is 1, so both losses and the gradient are 0.
 *   <li>When the student equals the teacher, {@code soft} is 0 and its gradient is 0.
 *   <li>{@code alpha = 1} in {@link #combined} is {@link #soft} (the labels are still validated);
 *       {@code alpha = 0} is the plain cross-entropy, whatever the teacher and temperature.
 *   <li>An empty batch is rejected (the batch mean of no rows is undefined), and so is a row of no
 *       classes.
 * </ul>
 *
 * <p><b>Non-finite values.</b> A NaN or infinite logit, or a temperature that is NaN, infinite,
 * zero or negative, or an {@code alpha} outside {@code [0, 1]} (NaN included), is rejected with
 * {@link IllegalArgumentException}. Logits divided by the temperature beyond about 1e300 are outside
 * the contract.
 *
 * <p><b>Complexity.</b> O(N * C) time, a constant number of passes over each row; O(N * C) memory for
 * the gradient and O(C) extra. Inputs are never modified; every returned array is new.
 *
 * <p>Example: {@code student = [[0, 2], [1, 1]]}, {@code teacher = [[2, 0], [0, 4]]}, {@code T = 2}.
 * Row 0: {@code p = softmax([1, 0]) = [0.7311, 0.2689]}, {@code q = softmax([0, 1]) = [0.2689,
 * 0.7311]}, {@code KL = 0.4621}. Row 1: {@code p = softmax([0, 2]) = [0.1192, 0.8808]},
 * {@code q = [0.5, 0.5]}, {@code KL = 0.3278}. So {@code soft = 4 * (0.4621 + 0.3278) / 2 = 1.57986},
 * with gradient {@code [[-0.4621, 0.4621], [0.3808, -0.3808]]}. With labels
 * {@code [0, 1]} and {@code alpha = 0.5}: {@code hard = (2.1269 + 0.6931) / 2 = 1.41002} and
 * {@code loss = 1.49494}.
 */
public final class Distillation {
  private Distillation() {}

  /** The loss (a mean over the batch) and its gradient with respect to the student logits (N by C). */
  public record LossAndGradient(double loss, double[][] gradient) {}

  /**
   * The distillation term alone: {@code T^2} times the batch-mean KL divergence from the teacher's to
   * the student's softened distribution.
   *
   * @param student the student's logits, N ≥ 1 rows of C ≥ 1 finite values; not modified
   * @param teacher the teacher's logits, the same shape; not modified
   * @param temperature the softening temperature T; finite and positive
   * @return the loss and its gradient with respect to {@code student} (N by C, new arrays)
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming the argument: {@code student} when it has
   *     no rows, an empty row, rows of different lengths or a non-finite value, {@code teacher} when
   *     its shape differs from {@code student}'s or it holds a non-finite value, {@code temperature}
   *     when it is not finite and positive
   */
  public static LossAndGradient soft(double[][] student, double[][] teacher, double temperature) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Distillation.soft");
  }

  /**
   * {@code alpha} times the distillation term plus {@code 1 - alpha} times the cross-entropy of the
   * student's logits (at temperature 1) with the true labels.
   *
   * @param student the student's logits, N ≥ 1 rows of C ≥ 1 finite values; not modified
   * @param teacher the teacher's logits, the same shape; not modified
   * @param labels the true class of each row, in {@code [0, C)}, length N; not modified
   * @param temperature the softening temperature T; finite and positive
   * @param alpha the weight of the distillation term, in {@code [0, 1]}
   * @return the loss and its gradient with respect to {@code student} (N by C, new arrays)
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming the argument: as {@link #soft} for
   *     {@code student}, {@code teacher} and {@code temperature}; {@code labels} when its length is
   *     not N or a label is outside {@code [0, C)}; {@code alpha} when it is outside {@code [0, 1]}
   *     or NaN
   */
  public static LossAndGradient combined(double[][] student, double[][] teacher, int[] labels, double temperature,
      double alpha) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Distillation.combined");
  }
}

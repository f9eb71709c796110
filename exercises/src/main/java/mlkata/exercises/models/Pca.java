package mlkata.exercises.models;

/**
 * <h2>Kata: principal component analysis by power iteration</h2>
 *
 * <p>PCA finds the orthogonal directions along which centred data varies most. Given {@code x} with n
 * rows (samples) and d columns (features), the result matches scikit-learn 1.2's
 * {@code PCA(n_components=k, svd_solver="full")} ({@code mean_}, {@code components_},
 * {@code explained_variance_}, {@code explained_variance_ratio_}, {@code transform}), but you compute it
 * without an SVD, from the covariance matrix:
 * <ul>
 *   <li><b>Covariance</b> ({@link #covariance}): subtract each column's mean, then
 *       {@code C[i][j] = sum_s c_si c_sj / (n - 1)}, the unbiased estimate ({@code numpy.cov}'s default,
 *       and what scikit-learn's {@code explained_variance_} uses). Dividing by n is the classic mistake.
 *   <li><b>Power iteration</b> ({@link #dominantEigenpair}) on a symmetric positive semi-definite
 *       matrix A. Start from {@code u = (1, 2, ..., d) / |(1, 2, ..., d)|}. Repeat {@code u' = A u / |A u|};
 *       stop as soon as no entry of u' differs from the same entry of u by more than {@code 1e-12}, or
 *       after 10,000 steps; the result is the last u'. The eigenvalue is the Rayleigh quotient
 *       {@code u^T A u} of that vector. If {@code A u} is the zero vector the eigenvalue is 0 and the
 *       vector is the current u (this is what happens for the zero matrix).
 *   <li><b>Deflation</b> ({@link #fit}): the first component is the dominant eigenvector of C; then
 *       {@code C <- C - lambda v v^T} and the next component is the dominant eigenvector of what is left,
 *       and so on for k components. The explained variance of a component is its eigenvalue; the
 *       explained variance ratio divides it by the total variance, the trace of C (the sum of all d
 *       eigenvalues, not only of the k kept).
 *   <li><b>Sign</b> (scikit-learn 1.2's {@code svd_flip}, "based on U"): an eigenvector is only
 *       defined up to sign. Flip each component so that, among the centred training samples, the one
 *       with the largest absolute projection on it (the first such sample if several tie exactly) has a
 *       <em>positive</em> projection. This is a rule about the data's scores, not about the component's
 *       own entries (scikit-learn 1.5 and later switched to making the largest |entry| of the component
 *       positive; that is not the rule here).
 *   <li><b>Transform</b> ({@link #transform}): {@code (x - mean) . components^T}, one row per sample,
 *       one column per component; no whitening.
 * </ul>
 *
 * <p><b>Accuracy.</b> The grader compares with scikit-learn's SVD only on data whose leading
 * eigenvalues are well separated (each at most 0.8 times the one before), where the stop rule above
 * leaves the components within about 1e-11 of the exact eigenvectors. Equal eigenvalues make the
 * components undefined; such data is not graded beyond the properties every answer must have.
 *
 * <p><b>Rank.</b> If a requested component would have variance at most {@code 1e-12} times the total
 * variance (the centred data has rank below k, or all samples are equal), {@link #fit} throws
 * {@link IllegalArgumentException} naming {@code k}. scikit-learn instead returns an arbitrary direction
 * with variance about 0.
 *
 * <p><b>Non-finite values.</b> NaN or infinite inputs are rejected with {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> The covariance is O(n d^2), each power step O(d^2), the transform O(m d k) for m
 * rows. Do not modify the inputs.
 *
 * <p>Example: {@code x = [[-3, 0], [1, 0], [2, 0], [0, -2], [0, 1], [0, 1]]} has mean {@code (0, 0)} and
 * covariance {@code [[14/5, 0], [0, 6/5]]}. The eigenvectors are the axes, eigenvalues 2.8 and 1.2,
 * ratios 0.7 and 0.3. Signs: on the first axis the largest |projection| is sample 0's, -3, so the
 * component is {@code (-1, 0)}; on the second it is sample 3's, -2, so {@code (0, -1)}. The point
 * {@code (1, 1)} transforms to {@code (-1, -1)}.
 */
public final class Pca {
  private Pca() {}

  /** An eigenvalue and a unit eigenvector of a symmetric matrix. */
  public record Eigenpair(double value, double[] vector) {}

  /**
   * A fitted PCA: the column means of the training data, the k components (unit vectors, one per row,
   * by decreasing variance, signs as in the class documentation), their variances and their shares of
   * the total variance.
   */
  public record Fit(double[] mean, double[][] components, double[] explainedVariance,
      double[] explainedVarianceRatio) {}

  /**
   * The sample covariance matrix of the columns of {@code x}, divided by {@code n - 1}.
   *
   * @param x n >= 2 rows of d >= 1 finite values
   * @return a new symmetric d x d matrix
   * @throws NullPointerException if {@code x} or a row is null
   * @throws IllegalArgumentException naming {@code x} when it has fewer than 2 rows, rows without
   *     values, rows of different lengths or a non-finite value
   */
  public static double[][] covariance(double[][] x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pca.covariance");
  }

  /**
   * The dominant eigenvalue and a unit eigenvector of a symmetric positive semi-definite matrix, by power
   * iteration with the start vector and stop rule of the class documentation. Symmetry is checked
   * (exactly); positive semi-definiteness is not, and the result for an indefinite matrix is not
   * specified.
   *
   * @param matrix a d x d symmetric matrix, d >= 1
   * @return the Rayleigh quotient of the final iterate and that iterate (unit length)
   * @throws NullPointerException if {@code matrix} or a row is null
   * @throws IllegalArgumentException naming {@code matrix} when it is empty, not square, not symmetric or
   *     holds a non-finite value
   */
  public static Eigenpair dominantEigenpair(double[][] matrix) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pca.dominantEigenpair");
  }

  /**
   * Fits PCA with k components by power iteration and deflation on the covariance.
   *
   * @param x n >= 2 rows of d >= 1 finite values
   * @param k the number of components, in [1, min(n, d)]
   * @return the fit
   * @throws NullPointerException if {@code x} or a row is null
   * @throws IllegalArgumentException naming {@code x} as {@link #covariance} does; naming {@code k} when
   *     it is outside [1, min(n, d)] or a requested component has no variance left (see "Rank")
   */
  public static Fit fit(double[][] x, int k) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pca.fit");
  }

  /**
   * Projects rows onto the fitted components: {@code (x - mean) . components^T}.
   *
   * @param fit a fit (as returned by {@link #fit}, or built by hand with components as long as the mean)
   * @param x rows with as many finite values as {@code fit.mean()} (may be empty)
   * @return a new matrix, one row per row of {@code x}, one column per component
   * @throws NullPointerException if an argument, a row or a part of {@code fit} is null
   * @throws IllegalArgumentException naming {@code fit} when a component's length differs from the
   *     mean's; naming {@code x} when a row's length differs from the mean's or it holds a non-finite
   *     value
   */
  public static double[][] transform(Fit fit, double[][] x) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Pca.transform");
  }
}

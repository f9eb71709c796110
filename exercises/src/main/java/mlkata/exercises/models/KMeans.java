package mlkata.exercises.models;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: k-means: k-means++ seeding and Lloyd's iterations</h2>
 *
 * <p>k-means splits {@code n} points ({@code x}, {@code n x d}) into {@code k} clusters, each with a
 * centroid, so as to minimise the <em>inertia</em>: the sum over the points of the squared Euclidean
 * distance to their own cluster's centroid.
 *
 * <p><b>Assignment</b> ({@link #assign}). Each point goes to the centroid at the smallest squared
 * Euclidean distance. A tie goes to the <em>lowest</em> centroid index.
 *
 * <p><b>Lloyd's iterations</b> ({@link #lloyd}), with scikit-learn 1.2's semantics for
 * {@code KMeans(init=centroids, n_init=1, algorithm="lloyd", tol=0, max_iter=maxIter)}. One iteration
 * assigns every point to its nearest current centroid, then moves every centroid to the mean of the
 * points assigned to it. Iterate until one of these happens, after the update:
 * <ul>
 *   <li>the assignment is the same as the previous iteration's (converged), or
 *   <li>no centroid moved at all (every coordinate of every new centroid equals the old one exactly), or
 *   <li>{@code maxIter} iterations have run.
 * </ul>
 * The result holds the final centroids, the labels and inertia <em>of those final centroids</em> (so
 * after stopping at {@code maxIter}, assign once more), and the number of iterations run
 * (scikit-learn's {@code n_iter_}): at least 1, and at least 2 for convergence by labels, since the
 * first iteration has no previous assignment to compare with.
 *
 * <p><b>Empty clusters.</b> A centroid that gets no point keeps its previous position (it does not
 * become NaN, and it is not dropped). This is where the kata differs from scikit-learn, which moves an
 * empty cluster's centroid to a far-away point; the golden cases have no empty cluster.
 *
 * <p><b>k-means++ seeding</b> ({@link #kMeansPlusPlus}, Arthur and Vassilvitskii 2007). The first
 * centre is the point {@code x[rng.nextInt(n)]}. Each further centre is drawn with probability
 * proportional to {@code D(x_i)^2}, the squared distance from point {@code i} to the nearest centre
 * already chosen. The draw is pinned so a grader can replay it: let {@code c_i = D(x_0)^2 + ... +
 * D(x_i)^2} (summed in index order) and {@code S = c_{n-1}}; draw {@code u = rng.nextDouble() * S} and
 * take the <em>first</em> index with {@code c_i > u}. (If rounding leaves no such index, take the last
 * index with {@code D^2 > 0}.) So {@code rng} sees one {@code nextInt(n)} and then {@code k - 1}
 * {@code nextDouble()} calls, nothing else. A point at distance 0 (already a centre, or a duplicate of
 * one) can never be drawn. If {@code S = 0} before all {@code k} centres are chosen, there are fewer
 * than {@code k} distinct points: reject. (scikit-learn's {@code kmeans_plusplus} also tries several
 * candidates per step and keeps the best, "greedy k-means++"; this kata is the plain algorithm.)
 *
 * <p><b>Non-finite values.</b> Points and centroids must be finite; otherwise
 * {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> {@code assign} O(n k d); one Lloyd iteration O(n k d); {@code kMeansPlusPlus}
 * O(n k d): keep each point's distance to its nearest chosen centre and update it with each new centre,
 * rather than recomputing against every chosen centre. Memory O(n + k d). Do not modify the inputs.
 *
 * <p>Example: points {@code [0], [1], [10], [11]}, initial centroids {@code [0], [1]}. Iteration 1
 * assigns {@code [0, 1, 1, 1]} and moves the centroids to {@code [0]} and {@code [22/3]}. Iteration 2
 * assigns {@code [0, 0, 1, 1]}, centroids {@code [0.5]}, {@code [10.5]}. Iteration 3 assigns the same
 * labels: converged after 3 iterations, inertia {@code 4 * 0.25 = 1}.
 */
public final class KMeans {
  private KMeans() {}

  /**
   * The outcome of Lloyd's iterations: {@code k x d} centroids, one label per point (the index of its
   * nearest final centroid), the inertia of that assignment and the number of iterations run.
   */
  public record Result(double[][] centroids, int[] labels, double inertia, int iterations) {}

  /**
   * Chooses {@code k} initial centres among the points by k-means++, drawing from {@code rng} exactly
   * as the class documentation pins.
   *
   * @param x the points, {@code n x d} with {@code n >= 1}, {@code d >= 1}, finite
   * @param k the number of centres, {@code 1 .. n}
   * @param rng one {@code nextInt(n)} call, then {@code k - 1} {@code nextDouble()} calls
   * @return {@code k} new arrays, copies of the chosen points in the order they were chosen
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} (empty, ragged, no columns,
   *     non-finite) or {@code k} (outside {@code 1 .. n}, or more than the number of distinct points)
   */
  public static double[][] kMeansPlusPlus(double[][] x, int k, RandomGenerator rng) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement KMeans.kMeansPlusPlus");
  }

  /**
   * Assigns every point to its nearest centroid, the lowest index on ties.
   *
   * @param x the points, {@code n x d}, {@code n >= 1}, finite
   * @param centroids {@code k >= 1} centroids of {@code d} coordinates, finite
   * @return a new array of {@code n} centroid indices
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} or {@code centroids} (empty,
   *     ragged, non-finite, or a different number of features)
   */
  public static int[] assign(double[][] x, double[][] centroids) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement KMeans.assign");
  }

  /**
   * The inertia of a labelling: {@code sum_i ||x_i - centroids[labels[i]]||^2}.
   *
   * @param x the points, {@code n x d}, {@code n >= 1}, finite
   * @param centroids {@code k >= 1} centroids of {@code d} coordinates, finite
   * @param labels one centroid index in {@code 0 .. k-1} per point (any labelling, not only the nearest)
   * @return the inertia, {@code >= 0}
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} or {@code centroids} (as
   *     {@link #assign}) or {@code labels} (wrong length, an index outside {@code 0 .. k-1})
   */
  public static double inertia(double[][] x, double[][] centroids, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement KMeans.inertia");
  }

  /**
   * Runs Lloyd's iterations from the given centroids with scikit-learn's stopping rule.
   *
   * @param x the points, {@code n x d}, {@code n >= 1}, finite
   * @param centroids the {@code k >= 1} starting centroids of {@code d} coordinates, finite (not
   *     modified)
   * @param maxIter the most iterations to run, {@code >= 1}
   * @return the final centroids (new arrays), labels, inertia and number of iterations
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code x} or {@code centroids} (as
   *     {@link #assign}) or {@code maxIter} (below 1)
   */
  public static Result lloyd(double[][] x, double[][] centroids, int maxIter) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement KMeans.lloyd");
  }
}

package mlkata.exercises.models;

/**
 * <h2>Kata: k nearest neighbours, classification and regression</h2>
 *
 * <p>A k-nearest-neighbours model stores its training points {@code train[i]} (n rows of d features)
 * with a class label or a numeric target each. To predict for a query point it finds the k training
 * points closest to the query and lets them vote (classification) or averages their targets
 * (regression). The semantics are scikit-learn's {@code KNeighborsClassifier} and
 * {@code KNeighborsRegressor} with {@code algorithm="brute"}:
 * <ul>
 *   <li><b>Distances.</b> {@link Metric#EUCLIDEAN}: {@code sqrt(sum_j (a_j - b_j)^2)};
 *       {@link Metric#MANHATTAN}: {@code sum_j |a_j - b_j|}.
 *   <li><b>The k nearest</b> ({@link #kNeighbours}) are listed nearest first. <em>Ties are pinned</em>:
 *       training points at equal distance are ordered by their index in {@code train}, lower first, and
 *       when several points tie for the last of the k places the lower indices are taken. (scikit-learn
 *       picks among equally distant points in an order of its own; this kata makes it stable.)
 *   <li><b>Uniform weighting</b> ({@link Weighting#UNIFORM}): each of the k neighbours counts 1.
 *       Classification returns the label with the most votes; regression the mean of the k targets.
 *   <li><b>Distance weighting</b> ({@link Weighting#DISTANCE}): a neighbour at distance {@code dist}
 *       weighs {@code 1 / dist}. Classification returns the label with the largest total weight;
 *       regression returns {@code sum(w_i y_i) / sum(w_i)}. <em>Exact matches:</em> if any of the k
 *       neighbours is at distance exactly 0 from the query, those neighbours get weight 1 each and
 *       every other neighbour weight 0 (scikit-learn's rule; {@code 1 / 0} is never used).
 *   <li><b>Tied votes</b> go to the <em>smallest</em> label among the tied ones (scikit-learn takes the
 *       mode, which is the smallest of equally frequent values, or the first maximum of the weights over
 *       its sorted classes).
 * </ul>
 * Labels may be any ints (negative too); only the labels of the k neighbours take part in a vote.
 *
 * <p><b>Non-finite values.</b> NaN or infinite coordinates, queries or targets are rejected with
 * {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> For n training points, d features and q queries, computing the distances is
 * O(q n d); selecting the k nearest of n should cost O(n log k) per query (a bounded heap) or O(n)
 * (quickselect). A full sort per query, O(n log n), also passes. The grader fails an answer that spends
 * O(n^2) per query (for example, ranking every point by counting the points closer than it). Do not
 * modify the inputs.
 *
 * <p>Example: train {@code [[0, 0], [1, 0], [0, 1.5], [3, 3], [0, 0]]}, labels {@code [0, 1, 1, 2, 2]},
 * query {@code [0, 0]}, k = 3, Euclidean. Distances {@code [0, 1, 1.5, 4.24.., 0]}, so the neighbours
 * are indices {@code [0, 4, 1]} (the two exact matches, lower index first, then index 1). Uniform
 * votes: one each for labels 0, 2 and 1, a three-way tie, so the prediction is 0. Distance weighting:
 * only the exact matches count, labels 0 and 2 with weight 1 each, again a tie: 0. With targets
 * {@code [1, 2, 3, 4, 5]} the uniform regression is {@code (1 + 5 + 2) / 3} and the distance-weighted
 * one {@code (1 + 5) / 2 = 3}.
 */
public final class Knn {
  private Knn() {}

  /** The distance between two points. */
  public enum Metric {
    /** The square root of the sum of squared coordinate differences. */
    EUCLIDEAN,
    /** The sum of absolute coordinate differences. */
    MANHATTAN
  }

  /** How the k neighbours' votes (or targets) are weighted. */
  public enum Weighting {
    /** Every neighbour counts 1. */
    UNIFORM,
    /** A neighbour counts 1 / distance; exact matches, if any, take all the weight. */
    DISTANCE
  }

  /**
   * The k nearest training points of one query: {@code indices[j]} is a row of {@code train} and
   * {@code distances[j]} its distance to the query, sorted by (distance, index) ascending.
   */
  public record Neighbours(int[] indices, double[] distances) {}

  /**
   * The distance between two points.
   *
   * @param a a point
   * @param b another point, as long as {@code a}
   * @param metric which distance
   * @return the distance, {@code >= 0}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming {@code a} or {@code b} when their lengths differ or a
   *     coordinate is not finite
   */
  public static double distance(double[] a, double[] b, Metric metric) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Knn.distance");
  }

  /**
   * The k training points nearest to {@code query}, nearest first, ties by lower index.
   *
   * @param train n training points, each with the same number d >= 1 of finite features
   * @param query one point with d finite features
   * @param k how many neighbours, in [1, n]
   * @param metric which distance
   * @return the k neighbours' indices and distances, sorted by (distance, index)
   * @throws NullPointerException if an argument (or a row) is null
   * @throws IllegalArgumentException naming {@code train} when it is empty, ragged, has rows without
   *     features or holds a non-finite value; naming {@code query} when its length is not d or it holds
   *     a non-finite value; naming {@code k} when it is outside [1, n]
   */
  public static Neighbours kNeighbours(double[][] train, double[] query, int k, Metric metric) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Knn.kNeighbours");
  }

  /**
   * Predicts a label for every query by a (weighted) vote of its k nearest training points.
   *
   * @param train n training points, as in {@link #kNeighbours}
   * @param labels one label per training point
   * @param queries the points to classify, each with d features (may be empty)
   * @param k how many neighbours vote, in [1, n]
   * @param metric which distance
   * @param weighting uniform or distance weights
   * @return one label per query; a tied vote goes to the smallest tied label
   * @throws NullPointerException if an argument (or a row) is null
   * @throws IllegalArgumentException as {@link #kNeighbours} for {@code train} and {@code k}; naming
   *     {@code labels} when its length is not n; naming {@code queries} when a row's length is not d or
   *     it holds a non-finite value
   */
  public static int[] classify(double[][] train, int[] labels, double[][] queries, int k, Metric metric,
      Weighting weighting) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Knn.classify");
  }

  /**
   * Predicts a value for every query: the (weighted) mean of its k nearest training targets.
   *
   * @param train n training points, as in {@link #kNeighbours}
   * @param targets one finite target per training point
   * @param queries the points to predict, each with d features (may be empty)
   * @param k how many neighbours, in [1, n]
   * @param metric which distance
   * @param weighting uniform or distance weights
   * @return one prediction per query
   * @throws NullPointerException if an argument (or a row) is null
   * @throws IllegalArgumentException as {@link #kNeighbours} for {@code train} and {@code k}; naming
   *     {@code targets} when its length is not n or it holds a non-finite value; naming {@code queries}
   *     when a row's length is not d or it holds a non-finite value
   */
  public static double[] regress(double[][] train, double[] targets, double[][] queries, int k, Metric metric,
      Weighting weighting) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Knn.regress");
  }
}

package mlkata.exercises.metrics;

/**
 * <h2>Kata: ranking metrics, DCG and NDCG@k, MRR, recall@k and hit rate</h2>
 *
 * <p>A search or recommendation system scores the candidate items of each query; the items are shown
 * in decreasing score order. Each method takes one row per query: {@code relevance[q][i]} is the true
 * graded relevance of item {@code i} for query {@code q} (0 = irrelevant; any value {@code > 0} counts
 * as relevant for MRR, recall and hit rate) and {@code scores[q][i]} is the model's score for it. Rows
 * may have different lengths (each at least 1), but {@code relevance[q]} and {@code scores[q]} must
 * match. Every method returns the <b>mean over the queries</b> of a per-query value. Positions are
 * 1-based: the top item is at position 1.
 *
 * <p><b>DCG@k and NDCG@k</b> are scikit-learn 1.2's {@code dcg_score} and {@code ndcg_score}
 * (default {@code log_base=2}, {@code ignore_ties=False}):
 * <ul>
 *   <li>The gain of an item is its relevance itself (<em>not</em> {@code 2^rel - 1}), and the item at
 *       position {@code r} is discounted by {@code 1 / log2(r + 1)}; positions after {@code k} count 0.
 *       A {@code k} larger than the query's length means the whole list.
 *   <li><b>Tied scores</b> are averaged: items with equal scores form a group occupying consecutive
 *       positions, and each of those positions receives the <em>mean</em> relevance of the group. So a
 *       group contributes {@code mean relevance x (sum of the discounts of its positions up to k)} and
 *       the result does not depend on the order of the input (it equals the average DCG over every
 *       order of the ties). {@code -0.0} and {@code 0.0} are the same score.
 *   <li>{@code NDCG@k = DCG@k / IDCG@k}, the ideal DCG@k of the same relevances sorted decreasingly.
 *       A query whose IDCG is 0 (no relevant item) gets NDCG 0.
 * </ul>
 *
 * <p><b>MRR, recall@k and hit rate@k</b> rank the items of a query by score, descending, and break
 * <b>ties by input order</b> (the item with the lower index is ranked first). This is the kata's
 * choice, not averaging as for DCG: pin it exactly, because ties decide what is "in the top k".
 * <ul>
 *   <li><b>Reciprocal rank</b>: {@code 1 / (position of the first relevant item)}, 0 when the query
 *       has no relevant item. MRR is its mean over the queries.
 *   <li><b>Recall@k</b>: the number of relevant items among the first {@code k} positions divided by
 *       the number of relevant items of the query; 0 when the query has none.
 *   <li><b>Hit rate@k</b>: 1 when at least one relevant item is among the first {@code k}, else 0.
 * </ul>
 *
 * <p><b>Edge cases.</b> A query with a single item is allowed (scikit-learn's input checks refuse one
 * column; here the formulas apply as they are). There must be at least one query.
 *
 * <p><b>Non-finite values.</b> Scores must be finite and relevances finite and {@code >= 0}; anything
 * else is rejected with {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> O(n log n) per query of n items: the tie averaging must not compare every pair
 * of items. The grader times NDCG on a query of 250,000 items with many ties against the reference.
 * Do not modify the input arrays.
 *
 * <p>Example: one query, relevance {@code [3, 2, 0, 1]}, scores {@code [0.9, 0.5, 0.5, 0.1]}. Item 0
 * is at position 1; items 1 and 2 tie for positions 2 and 3, so each position gets their mean gain
 * {@code 1}; item 3 is at position 4. DCG = {@code 3 + 1 * (1/log2 3 + 1/log2 4) + 1/log2 5 = 4.5616}.
 * DCG@2 = {@code 3 + 1/log2 3 = 3.6309}; the ideal order {@code 3, 2} gives IDCG@2 =
 * {@code 3 + 2/log2 3 = 4.2619}, so NDCG@2 = 0.8520. MRR = 1 (item 0 is relevant). By input order
 * the ranking is items 0, 1, 2, 3, so recall@2 = 2/3 (items 0 and 1 of the three relevant ones), and
 * hit rate@1 = 1.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * Computes DCG@k with tied scores averaged, as scikit-learn's {@code dcg_score}.
   *
   * @param relevance one row per query: the relevance of each item, finite and {@code >= 0}
   * @param scores one row per query, the same shape: the score of each item, finite
   * @param k the number of positions counted, at least 1
   * @return the mean DCG@k over the queries
   * @throws NullPointerException if an array or a row is null
   * @throws IllegalArgumentException with a message naming {@code relevance} or {@code scores} when
   *     there is no query, the numbers of rows or the lengths of two rows differ, a row is empty, a
   *     relevance is negative or not finite ({@code relevance}) or a score is not finite
   *     ({@code scores}); naming {@code k} when it is below 1
   */
  public static double dcg(double[][] relevance, double[][] scores, int k) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RankingMetrics.dcg");
  }

  /**
   * Computes NDCG@k with tied scores averaged, as scikit-learn's {@code ndcg_score}.
   *
   * @param relevance one row per query: the relevance of each item, finite and {@code >= 0}
   * @param scores one row per query, the same shape: the score of each item, finite
   * @param k the number of positions counted, at least 1
   * @return the mean NDCG@k over the queries, in [0, 1]; a query without relevant items counts 0
   * @throws NullPointerException if an array or a row is null
   * @throws IllegalArgumentException exactly as {@link #dcg}
   */
  public static double ndcg(double[][] relevance, double[][] scores, int k) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RankingMetrics.ndcg");
  }

  /**
   * Computes the mean reciprocal rank, ties broken by input order.
   *
   * @param relevance one row per query: the relevance of each item, finite and {@code >= 0}
   * @param scores one row per query, the same shape: the score of each item, finite
   * @return the mean over queries of 1 / (position of the first relevant item), 0 for a query without one
   * @throws NullPointerException if an array or a row is null
   * @throws IllegalArgumentException as {@link #dcg} for {@code relevance} and {@code scores}
   */
  public static double meanReciprocalRank(double[][] relevance, double[][] scores) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement RankingMetrics.meanReciprocalRank");
  }

  /**
   * Computes recall@k, ties broken by input order.
   *
   * @param relevance one row per query: the relevance of each item, finite and {@code >= 0}
   * @param scores one row per query, the same shape: the score of each item, finite
   * @param k the number of positions counted, at least 1
   * @return the mean over queries of the share of relevant items in the first k positions (0 for a
   *     query without relevant items)
   * @throws NullPointerException if an array or a row is null
   * @throws IllegalArgumentException exactly as {@link #dcg}
   */
  public static double recallAtK(double[][] relevance, double[][] scores, int k) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement RankingMetrics.recallAtK");
  }

  /**
   * Computes the hit rate@k, ties broken by input order.
   *
   * @param relevance one row per query: the relevance of each item, finite and {@code >= 0}
   * @param scores one row per query, the same shape: the score of each item, finite
   * @param k the number of positions counted, at least 1
   * @return the share of queries with at least one relevant item in the first k positions
   * @throws NullPointerException if an array or a row is null
   * @throws IllegalArgumentException exactly as {@link #dcg}
   */
  public static double hitRate(double[][] relevance, double[][] scores, int k) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement RankingMetrics.hitRate");
  }
}

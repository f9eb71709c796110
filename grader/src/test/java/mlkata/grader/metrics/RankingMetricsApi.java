package mlkata.grader.metrics;

/** What {@link RankingMetricsSpec} needs of the code under test. */
interface RankingMetricsApi {
  double dcg(double[][] relevance, double[][] scores, int k);

  double ndcg(double[][] relevance, double[][] scores, int k);

  double meanReciprocalRank(double[][] relevance, double[][] scores);

  double recallAtK(double[][] relevance, double[][] scores, int k);

  double hitRate(double[][] relevance, double[][] scores, int k);
}

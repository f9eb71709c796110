package mlkata.grader.metrics;

import mlkata.exercises.metrics.RankingMetrics;

/** Binds {@link RankingMetricsSpec} to the learner's {@code RankingMetrics}; the build writes the twin for the solution. */
final class RankingMetricsOfExercises implements RankingMetricsApi {
  @Override
  public double dcg(double[][] relevance, double[][] scores, int k) {
    return RankingMetrics.dcg(relevance, scores, k);
  }

  @Override
  public double ndcg(double[][] relevance, double[][] scores, int k) {
    return RankingMetrics.ndcg(relevance, scores, k);
  }

  @Override
  public double meanReciprocalRank(double[][] relevance, double[][] scores) {
    return RankingMetrics.meanReciprocalRank(relevance, scores);
  }

  @Override
  public double recallAtK(double[][] relevance, double[][] scores, int k) {
    return RankingMetrics.recallAtK(relevance, scores, k);
  }

  @Override
  public double hitRate(double[][] relevance, double[][] scores, int k) {
    return RankingMetrics.hitRate(relevance, scores, k);
  }
}

package mlkata.grader.models;

import mlkata.exercises.models.Knn;

/** Binds {@link KnnSpec} to the learner's {@code Knn}; the build writes the twin for the solution. */
final class KnnOfExercises implements KnnApi {
  @Override
  public double distance(double[] a, double[] b, Metric metric) {
    return Knn.distance(a, b, metric(metric));
  }

  @Override
  public Neighbours kNeighbours(double[][] train, double[] query, int k, Metric metric) {
    Knn.Neighbours n = Knn.kNeighbours(train, query, k, metric(metric));
    return n == null ? null : new Neighbours(n.indices(), n.distances());
  }

  @Override
  public int[] classify(double[][] train, int[] labels, double[][] queries, int k, Metric metric, Weighting weighting) {
    return Knn.classify(train, labels, queries, k, metric(metric), weighting(weighting));
  }

  @Override
  public double[] regress(double[][] train, double[] targets, double[][] queries, int k, Metric metric,
      Weighting weighting) {
    return Knn.regress(train, targets, queries, k, metric(metric), weighting(weighting));
  }

  private static Knn.Metric metric(Metric m) {
    return m == null ? null : Knn.Metric.valueOf(m.name());
  }

  private static Knn.Weighting weighting(Weighting w) {
    return w == null ? null : Knn.Weighting.valueOf(w.name());
  }
}

package mlkata.grader.models;

/** What {@link KnnSpec} needs of the code under test, in the grader's own types. */
interface KnnApi {
  enum Metric {
    EUCLIDEAN,
    MANHATTAN
  }

  enum Weighting {
    UNIFORM,
    DISTANCE
  }

  /** The grader's copy of the kata's neighbours record. */
  record Neighbours(int[] indices, double[] distances) {}

  double distance(double[] a, double[] b, Metric metric);

  Neighbours kNeighbours(double[][] train, double[] query, int k, Metric metric);

  int[] classify(double[][] train, int[] labels, double[][] queries, int k, Metric metric, Weighting weighting);

  double[] regress(double[][] train, double[] targets, double[][] queries, int k, Metric metric, Weighting weighting);
}

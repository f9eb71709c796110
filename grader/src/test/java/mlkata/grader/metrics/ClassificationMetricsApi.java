package mlkata.grader.metrics;

/** What {@link ClassificationMetricsSpec} needs of the code under test, in the grader's own types. */
interface ClassificationMetricsApi {
  /** The grader's copy of the kata's averaging modes. */
  enum Average {
    BINARY,
    MICRO,
    MACRO,
    WEIGHTED
  }

  /** The grader's copy of the kata's per-class record. */
  record PerClass(double[] precision, double[] recall, double[] fScore, int[] support) {}

  /** The grader's copy of the kata's averaged record. */
  record Averaged(double precision, double recall, double fScore) {}

  int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses);

  PerClass perClass(int[] yTrue, int[] yPred, int numClasses, double beta, double zeroDivision);

  Averaged averaged(int[] yTrue, int[] yPred, int numClasses, double beta, Average average, double zeroDivision);
}

package mlkata.grader.metrics;

/** What {@link RocAucSpec} needs of the code under test, in the grader's own types. */
interface RocAucApi {
  /** The grader's copy of the kata's curve record. */
  record Curve(double[] fpr, double[] tpr, double[] thresholds) {}

  Curve rocCurve(double[] scores, int[] labels);

  double auc(double[] scores, int[] labels);
}

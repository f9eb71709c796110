package mlkata.grader.transformer;

/** What {@link AttentionSpec} needs of the code under test, in the grader's own types. */
interface AttentionApi {
  /** The grader's copy of the kata's result record. */
  record Result(double[][] output, double[][] weights) {}

  double[] softmax(double[] logits);

  Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal);

  Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal, double scale);
}

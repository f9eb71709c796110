package mlkata.grader.transformer;

/** What {@link MultiHeadAttentionSpec} needs of the code under test, in the grader's own types. */
interface MultiHeadAttentionApi {
  /** The grader's copy of the kata's parameter record. */
  record Parameters(double[][] inProjWeight, double[] inProjBias, double[][] outProjWeight, double[] outProjBias) {}

  /** The grader's copy of the kata's result record. */
  record Result(double[][] output, double[][] weights) {}

  Result selfAttention(double[][] x, int numHeads, Parameters params, boolean[][] mask, boolean causal);
}

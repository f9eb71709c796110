// Generated from MultiHeadAttentionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.transformer;

import mlkata.solutions.transformer.MultiHeadAttention;

/** Binds {@link MultiHeadAttentionSpec} to the learner's {@code MultiHeadAttention}; the build writes the twin. */
final class MultiHeadAttentionOfSolutions implements MultiHeadAttentionApi {
  @Override
  public Result selfAttention(double[][] x, int numHeads, Parameters p, boolean[][] mask, boolean causal) {
    MultiHeadAttention.Parameters params = p == null ? null
        : new MultiHeadAttention.Parameters(p.inProjWeight(), p.inProjBias(), p.outProjWeight(), p.outProjBias());
    MultiHeadAttention.Result r = MultiHeadAttention.selfAttention(x, numHeads, params, mask, causal);
    return r == null ? null : new Result(r.output(), r.weights());
  }
}

// Generated from AttentionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.transformer;

import mlkata.solutions.transformer.Attention;

/** Binds {@link AttentionSpec} to the learner's {@code Attention}; the build writes the twin for the solution. */
final class AttentionOfSolutions implements AttentionApi {
  @Override
  public double[] softmax(double[] logits) {
    return Attention.softmax(logits);
  }

  @Override
  public Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal) {
    return convert(Attention.attend(q, k, v, mask, causal));
  }

  @Override
  public Result attend(double[][] q, double[][] k, double[][] v, boolean[][] mask, boolean causal, double scale) {
    return convert(Attention.attend(q, k, v, mask, causal, scale));
  }

  private static Result convert(Attention.Result r) {
    return r == null ? null : new Result(r.output(), r.weights());
  }
}

// Generated from ChiSquareOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.drift;

import mlkata.solutions.drift.ChiSquare;

/** Binds {@link ChiSquareSpec} to the learner's {@code ChiSquare}; the build writes the twin for the solution. */
final class ChiSquareOfSolutions implements ChiSquareApi {
  @Override
  public Result test(long[][] observed, boolean correction) {
    ChiSquare.Result r = ChiSquare.test(observed, correction);
    return r == null ? null : new Result(r.statistic(), r.dof(), r.expected());
  }
}

// Generated from BoxCoderOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.detection;

import mlkata.solutions.detection.BoxCoder;

/** Binds {@link BoxCoderSpec} to the learner's {@code BoxCoder}; the build writes the twin for the solution. */
final class BoxCoderOfSolutions implements BoxCoderApi {
  @Override
  public double[][] encode(double[][] targets, double[][] proposals) {
    return BoxCoder.encode(targets, proposals);
  }

  @Override
  public double[][] encode(double[][] targets, double[][] proposals, double[] weights) {
    return BoxCoder.encode(targets, proposals, weights);
  }

  @Override
  public double[][] decode(double[][] deltas, double[][] proposals) {
    return BoxCoder.decode(deltas, proposals);
  }

  @Override
  public double[][] decode(double[][] deltas, double[][] proposals, double[] weights) {
    return BoxCoder.decode(deltas, proposals, weights);
  }
}

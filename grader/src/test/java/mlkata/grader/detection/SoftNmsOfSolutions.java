// Generated from SoftNmsOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.detection;

import mlkata.solutions.detection.SoftNms;

/** Binds {@link SoftNmsSpec} to the learner's {@code SoftNms}; the build writes the twin. */
final class SoftNmsOfSolutions implements SoftNmsApi {
  @Override
  public Result softNms(double[][] boxes, double[] scores, String method, double iouThreshold, double sigma,
      double scoreThreshold) {
    SoftNms.Config config = new SoftNms.Config(method == null ? null : SoftNms.Method.valueOf(method), iouThreshold,
        sigma, scoreThreshold);
    SoftNms.Result r = SoftNms.softNms(boxes, scores, config);
    return r == null ? null : new Result(r.indices(), r.scores());
  }
}

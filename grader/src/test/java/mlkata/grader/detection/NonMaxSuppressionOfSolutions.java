// Generated from NonMaxSuppressionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.detection;

import mlkata.solutions.detection.NonMaxSuppression;

/** Binds {@link NonMaxSuppressionSpec} to the learner's {@code NonMaxSuppression}; the build writes the twin. */
final class NonMaxSuppressionOfSolutions implements NonMaxSuppressionApi {
  @Override
  public double iou(double[] box1, double[] box2) {
    return NonMaxSuppression.iou(box1, box2);
  }

  @Override
  public double[][] pairwiseIou(double[][] boxes1, double[][] boxes2) {
    return NonMaxSuppression.pairwiseIou(boxes1, boxes2);
  }

  @Override
  public int[] nms(double[][] boxes, double[] scores, double iouThreshold) {
    return NonMaxSuppression.nms(boxes, scores, iouThreshold);
  }
}

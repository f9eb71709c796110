package mlkata.grader.detection;

/** What {@link NonMaxSuppressionSpec} needs of the code under test. */
interface NonMaxSuppressionApi {
  double iou(double[] box1, double[] box2);

  double[][] pairwiseIou(double[][] boxes1, double[][] boxes2);

  int[] nms(double[][] boxes, double[] scores, double iouThreshold);
}

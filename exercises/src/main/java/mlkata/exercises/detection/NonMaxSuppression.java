package mlkata.exercises.detection;

/**
 * <h2>Kata: intersection over union and greedy non-maximum suppression</h2>
 *
 * <p>An object detector proposes many overlapping boxes for one object, each with a confidence score.
 * Non-maximum suppression (NMS) keeps the best box of each cluster: take the highest-scoring box that
 * is still available, keep it, and discard every remaining box that overlaps it too much; repeat.
 * Overlap is measured by the intersection over union (IoU, the Jaccard index) of two boxes.
 *
 * <p>The conventions are torchvision's ({@code torchvision.ops.box_iou}, {@code torchvision.ops.nms}):
 * <ul>
 *   <li>A box is {@code {x1, y1, x2, y2}}: its left, top, right and bottom edges, with
 *       {@code x1 <= x2} and {@code y1 <= y2}. Its area is {@code (x2 - x1) * (y2 - y1)}, with no
 *       {@code +1} (coordinates are continuous, not pixel indices as in some older code).
 *   <li>{@code IoU(a, b) = area(a ∩ b) / (area(a) + area(b) - area(a ∩ b))}. Boxes that only touch
 *       along an edge, or do not meet, have IoU 0.
 *   <li>NMS visits the boxes by descending score and discards a box when its IoU with an already kept
 *       box is <b>strictly greater</b> than {@code iouThreshold}: an IoU equal to the threshold keeps
 *       both boxes. A discarded box never discards anything.
 *   <li>The result is the indices of the kept boxes into the input arrays, in the order they were
 *       kept (descending score).
 * </ul>
 *
 * <p><b>Pinned differences from torchvision.</b>
 * <ul>
 *   <li>Ties: torchvision sorts the scores with an unstable sort, so among equal scores the winner is
 *       unspecified (and differs between CPU and GPU). This kata pins it: among equal scores the lower
 *       input index comes first, both for who is visited first and in the output. Scores compare by
 *       value, so {@code -0.0} and {@code 0.0} are equal.
 *   <li>Empty union: two boxes of zero area have no union, and torchvision's IoU is {@code 0/0 = NaN}.
 *       This kata returns {@code 0} for them (they share no area), so a zero-area box never suppresses
 *       an identical one. (torchvision's NMS reaches the same outcome for thresholds {@code >= 0}
 *       because {@code NaN > t} is false.)
 * </ul>
 *
 * <p>Consequences worth knowing: a threshold of 1 or more keeps every box; a negative threshold keeps
 * only the single top box (every IoU, even 0, exceeds it).
 *
 * <p><b>Non-finite values.</b> A NaN or infinite coordinate or score is rejected with
 * {@link IllegalArgumentException}, as is a NaN threshold. An infinite threshold is allowed.
 *
 * <p><b>Complexity.</b> IoU is O(1) and {@code pairwiseIou} O(n·m). NMS is O(n log n) for the sort
 * plus O(n·k) IoU computations for k kept boxes, O(n^2) in the worst case; O(n) extra memory.
 * Inputs are never modified.
 *
 * <p>Example: boxes {@code [0,0,10,10]}, {@code [1,1,11,11]}, {@code [20,20,30,30]},
 * {@code [0,0,10,9]} with scores {@code 0.9, 0.8, 0.7, 0.95} and threshold 0.5. Box 3 (0.95) is kept
 * first; box 0 overlaps it with IoU 90/100 = 0.9 and is discarded; box 1 overlaps box 3 with IoU
 * 72/(90 + 100 - 72) ≈ 0.61 and is discarded; box 2 overlaps nothing and is kept. Result {@code [3, 2]}.
 */
public final class NonMaxSuppression {
  private NonMaxSuppression() {}

  /**
   * Computes the intersection over union of two boxes.
   *
   * @param box1 a box {@code {x1, y1, x2, y2}} with {@code x1 <= x2} and {@code y1 <= y2}
   * @param box2 another box in the same format
   * @return the IoU, in [0, 1]; 1 for two equal boxes of positive area; 0 when the boxes do not
   *     share any area, including when both have zero area
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException with a message naming {@code box1} or {@code box2}: when it does
   *     not have 4 coordinates, a coordinate is NaN or infinite, or {@code x2 < x1} or {@code y2 < y1}
   */
  public static double iou(double[] box1, double[] box2) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement NonMaxSuppression.iou");
  }

  /**
   * Computes the IoU of every box of one set with every box of another, like
   * {@code torchvision.ops.box_iou}.
   *
   * @param boxes1 n boxes, each {@code {x1, y1, x2, y2}}; may be empty
   * @param boxes2 m boxes in the same format; may be empty
   * @return an n×m matrix whose entry {@code [i][j]} is {@code iou(boxes1[i], boxes2[j])}
   * @throws NullPointerException if an argument or one of its boxes is null
   * @throws IllegalArgumentException with a message naming {@code boxes1} or {@code boxes2} when one of
   *     their boxes is invalid as described in {@link #iou(double[], double[])}
   */
  public static double[][] pairwiseIou(double[][] boxes1, double[][] boxes2) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement NonMaxSuppression.pairwiseIou");
  }

  /**
   * Greedy non-maximum suppression.
   *
   * @param boxes n boxes, each {@code {x1, y1, x2, y2}}; may be empty
   * @param scores n finite scores, higher meaning more confident
   * @param iouThreshold a box is discarded when its IoU with a kept box is strictly greater than this
   * @return the indices of the kept boxes, by descending score, equal scores by ascending index
   * @throws NullPointerException if an argument or one of the boxes is null
   * @throws IllegalArgumentException with a message naming the offending argument ({@code boxes},
   *     {@code scores} or {@code iouThreshold}): when {@code boxes} and {@code scores} differ in
   *     length, a box is invalid as described in {@link #iou(double[], double[])}, a score is NaN or
   *     infinite, or the threshold is NaN
   */
  public static int[] nms(double[][] boxes, double[] scores, double iouThreshold) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement NonMaxSuppression.nms");
  }
}

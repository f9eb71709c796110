package mlkata.exercises.detection;

/**
 * <h2>Kata: mean average precision for object detection (COCO style)</h2>
 *
 * <p>A detector outputs, for each image, boxes with a class label and a confidence score. The ground
 * truth lists the real objects: image, label and box. Mean average precision (mAP) summarises how well
 * the detections find the objects: per class, detections are matched to objects by IoU, the matches
 * trace a precision-recall curve as the confidence threshold falls, and the area under that curve is
 * the class's average precision (AP). mAP is the mean AP over classes (and, COCO's headline number,
 * over IoU thresholds 0.50, 0.55, ..., 0.95).
 *
 * <p>The semantics are those of {@code pycocotools} 2.0 ({@code COCOeval} for boxes: {@code evaluateImg}
 * then {@code accumulate}) without its extras: no crowd or ignored objects, no area ranges, no cap on
 * detections per image. For one class {@code c} and one IoU threshold {@code t}:
 * <ol>
 *   <li><b>Matching, image by image.</b> Take the image's detections of class {@code c} by descending
 *       score (equal scores: input order) and its objects of class {@code c} in input order. Each
 *       detection in turn is matched to the not-yet-matched object with the largest IoU, provided that
 *       IoU is at least {@code min(t, 1 - 1e-10)}; among objects with the same largest IoU the one that
 *       comes <i>later</i> in the input wins (pycocotools replaces its candidate when an IoU is
 *       {@code >=} the best so far). A matched detection is a true positive (TP) and its object is
 *       used up; an unmatched one is a false positive (FP). Objects already used are out of the
 *       running, so a detection whose best object is taken may still match another one. (Pascal VOC's
 *       evaluation differs here: it takes the best object overall and counts a FP when it is taken.)
 *   <li><b>The curve.</b> Put all detections of class {@code c}, from every image, in one list by
 *       descending score; equal scores go by ascending image id, then input order. After the first
 *       {@code i} detections, {@code recall_i = TP_i / P} (P = number of objects of class {@code c}) and
 *       {@code precision_i = TP_i / i}. (pycocotools adds {@code 2.2e-16} to the divisor; ignore it.)
 *   <li><b>The envelope.</b> Replace each precision by the largest precision at the same or any later
 *       position of the list.
 *   <li><b>101-point interpolation.</b> For each recall level {@code r_k = k * 0.01}, {@code k = 0..100}
 *       (computed exactly so, as the double product {@code k * 0.01}, like numpy's {@code linspace}:
 *       {@code k / 100.0} differs in the last bit for ten values of k, and a recall such as 7/10 that
 *       lands exactly on a level compares differently), find the first position {@code i} with
 *       {@code recall_i >= r_k}; the level's precision is the envelope there, or 0 if no position
 *       reaches {@code r_k}.
 *   <li><b>AP</b> is the mean of the 101 level precisions.
 * </ol>
 * {@link #meanAveragePrecision} averages AP over every class that has at least one object, and over
 * the given thresholds (each class and threshold weighs the same). A class with detections but no
 * object is left out entirely, as in pycocotools, although its detections are all false positives.
 *
 * <p>Boxes are {@code {x1, y1, x2, y2}} with IoU as in the {@code detection/non-max-suppression} kata:
 * no {@code +1}, and 0 when the union is empty. Image ids and labels are any ints.
 *
 * <p><b>Non-finite values.</b> Coordinates and scores must be finite, and thresholds in {@code [0, 1]};
 * otherwise {@link IllegalArgumentException}.
 *
 * <p><b>Complexity.</b> Expected O(D log D + sum over images of D_img * G_img) per class and threshold for
 * D detections and G objects. An answer that compares every detection with every object of every image
 * is O(D * G), and the grader runs 10^5 detections over 10^4 images to catch that.
 * Inputs are never modified.
 *
 * <p>Example, one class, threshold 0.5, two images. Image 0 has objects A {@code [0,0,10,10]} and
 * B {@code [20,0,30,10]}; image 1 has object C {@code [0,0,10,10]}. Detections (image, score, box):
 * d1 (0, 0.9, {@code [0,0,10,10]}) matches A; d2 (1, 0.8, {@code [50,50,60,60]}) overlaps nothing, FP;
 * d3 (0, 0.7, {@code [20,0,30,9]}) has IoU 0.9 with B, TP. The curve after 1, 2, 3 detections: recall
 * 1/3, 1/3, 2/3; precision 1, 1/2, 2/3; envelope 1, 2/3, 2/3. Levels 0..33 (up to recall 0.33) get 1,
 * levels 34..66 get 2/3, levels 67..100 get 0 (C is never found). AP = (34 * 1 + 33 * 2/3) / 101 =
 * 56/101 ≈ 0.5545.
 */
public final class MeanAveragePrecision {
  private MeanAveragePrecision() {}

  /**
   * One detection.
   *
   * @param image the image id
   * @param label the class label
   * @param score the confidence, finite; higher ranks first
   * @param box {@code {x1, y1, x2, y2}}
   */
  public record Detection(int image, int label, double score, double[] box) {}

  /**
   * One ground-truth object.
   *
   * @param image the image id
   * @param label the class label
   * @param box {@code {x1, y1, x2, y2}}
   */
  public record Truth(int image, int label, double[] box) {}

  /**
   * The COCO-style average precision of one class at one IoU threshold.
   *
   * @param detections every detection, of any class; may be empty
   * @param truths every ground-truth object, of any class
   * @param label the class to evaluate; it must have at least one object in {@code truths}
   * @param iouThreshold the IoU a match needs, in {@code [0, 1]}
   * @return the AP, in [0, 1]
   * @throws NullPointerException if an argument, an element or a box is null
   * @throws IllegalArgumentException with a message naming the offending argument: a box without 4
   *     finite coordinates or with {@code x2 < x1} or {@code y2 < y1} ({@code detections} or
   *     {@code truths}), a non-finite score ({@code detections}), no object of {@code label}
   *     ({@code truths}), a threshold outside [0, 1] or NaN ({@code iouThreshold})
   */
  public static double averagePrecision(Detection[] detections, Truth[] truths, int label, double iouThreshold) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement MeanAveragePrecision.averagePrecision");
  }

  /**
   * The mean of {@link #averagePrecision} over every class with at least one object and over the
   * thresholds. COCO's mAP uses the ten thresholds 0.50, 0.55, ..., 0.95; "mAP@0.5" uses {@code {0.5}}.
   *
   * @param detections every detection; may be empty
   * @param truths every ground-truth object; at least one
   * @param iouThresholds one or more thresholds, each in {@code [0, 1]}
   * @return the mean AP, in [0, 1]
   * @throws NullPointerException if an argument, an element or a box is null
   * @throws IllegalArgumentException with a message naming the offending argument: invalid boxes or
   *     scores as in {@link #averagePrecision}, no objects at all ({@code truths}), no thresholds or a
   *     threshold outside [0, 1] ({@code iouThresholds})
   */
  public static double meanAveragePrecision(Detection[] detections, Truth[] truths, double[] iouThresholds) {
    throw new UnsupportedOperationException(
        "Not implemented yet: delete this line and implement MeanAveragePrecision.meanAveragePrecision");
  }
}

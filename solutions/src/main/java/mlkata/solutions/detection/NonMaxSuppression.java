package mlkata.solutions.detection;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: IoU and greedy non-maximum suppression with torchvision's semantics, ties broken
 * by ascending index and an empty union giving IoU 0.
 *
 * <p>NMS sorts the indices once (score descending, index ascending), then walks them; each box still
 * standing is kept and marks every later box that overlaps it by more than the threshold.
 */
public final class NonMaxSuppression {
  private NonMaxSuppression() {}

  public static double iou(double[] box1, double[] box2) {
    check(box1, "box1");
    check(box2, "box2");
    return overlap(box1, box2, area(box1), area(box2));
  }

  public static double[][] pairwiseIou(double[][] boxes1, double[][] boxes2) {
    double[] areas1 = areas(boxes1, "boxes1");
    double[] areas2 = areas(boxes2, "boxes2");
    double[][] out = new double[boxes1.length][boxes2.length];
    for (int i = 0; i < boxes1.length; i++) {
      for (int j = 0; j < boxes2.length; j++) {
        out[i][j] = overlap(boxes1[i], boxes2[j], areas1[i], areas2[j]);
      }
    }
    return out;
  }

  public static int[] nms(double[][] boxes, double[] scores, double iouThreshold) {
    double[] areas = areas(boxes, "boxes");
    Objects.requireNonNull(scores, "scores");
    if (boxes.length != scores.length) {
      throw new IllegalArgumentException(
          "boxes and scores differ in length: " + boxes.length + " vs " + scores.length);
    }
    for (int k = 0; k < scores.length; k++) {
      if (!Double.isFinite(scores[k])) {
        throw new IllegalArgumentException("scores[" + k + "] is " + scores[k] + "; scores must be finite");
      }
    }
    if (Double.isNaN(iouThreshold)) {
      throw new IllegalArgumentException("iouThreshold is NaN");
    }
    int n = boxes.length;
    Integer[] boxed = new Integer[n];
    for (int k = 0; k < n; k++) {
      boxed[k] = k;
    }
    // By value (so -0.0 equals 0.0), higher first; Arrays.sort on objects is stable: ties keep index order.
    Arrays.sort(boxed, (a, b) -> scores[a] > scores[b] ? -1 : scores[a] < scores[b] ? 1 : 0);
    boolean[] suppressed = new boolean[n];
    int[] keep = new int[n];
    int kept = 0;
    for (int p = 0; p < n; p++) {
      int i = boxed[p];
      if (suppressed[i]) {
        continue;
      }
      keep[kept++] = i;
      for (int q = p + 1; q < n; q++) {
        int j = boxed[q];
        if (!suppressed[j] && overlap(boxes[i], boxes[j], areas[i], areas[j]) > iouThreshold) {
          suppressed[j] = true;
        }
      }
    }
    return Arrays.copyOf(keep, kept);
  }

  private static double overlap(double[] a, double[] b, double areaA, double areaB) {
    double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
    double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
    double inter = w * h;
    double union = areaA + areaB - inter;
    return union > 0 ? inter / union : 0;
  }

  private static double area(double[] box) {
    return (box[2] - box[0]) * (box[3] - box[1]);
  }

  private static double[] areas(double[][] boxes, String name) {
    Objects.requireNonNull(boxes, name);
    double[] out = new double[boxes.length];
    for (int k = 0; k < boxes.length; k++) {
      check(boxes[k], name + "[" + k + "]");
      out[k] = area(boxes[k]);
    }
    return out;
  }

  private static void check(double[] box, String name) {
    Objects.requireNonNull(box, name);
    if (box.length != 4) {
      throw new IllegalArgumentException(name + " has " + box.length + " values; a box is {x1, y1, x2, y2}");
    }
    for (double v : box) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + " " + Arrays.toString(box) + " has a non-finite coordinate");
      }
    }
    if (box[2] < box[0] || box[3] < box[1]) {
      throw new IllegalArgumentException(
          name + " " + Arrays.toString(box) + " has x2 < x1 or y2 < y1; a box is {x1, y1, x2, y2}");
    }
  }
}

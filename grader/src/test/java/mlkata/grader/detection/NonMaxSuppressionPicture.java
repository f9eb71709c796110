package mlkata.grader.detection;

import java.util.Arrays;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show non-max-suppression}: eight boxes on a canvas, kept ones solid and suppressed ones
 * dashed, the learner's choice beside the reference's; hovering a box shows its IoU with the others.
 */
public final class NonMaxSuppressionPicture implements KataPicture {
  static final double[][] BOXES = {
      {10, 10, 50, 50}, {14, 12, 54, 52}, {30, 30, 70, 70}, {60, 10, 95, 40},
      {62, 14, 96, 44}, {12, 60, 40, 95}, {20, 66, 44, 92}, {50, 55, 90, 90}};
  static final double[] SCORES = {0.9, 0.85, 0.7, 0.8, 0.8, 0.6, 0.75, 0.5};
  static final double THRESHOLD = 0.5;

  @Override
  public Figure draw() {
    return draw("8 boxes [x1, y1, x2, y2] on a 100 x 100 image, scores " + Arrays.toString(SCORES)
        + " (boxes 3 and 4 tie at 0.8); IoU threshold " + THRESHOLD, BOXES, SCORES, THRESHOLD, 100);
  }

  /**
   * Draws the NMS input of a failing property ({@code Detections}: boxes, scores, threshold), or, for the
   * IoU properties, the two boxes of a {@code BoxPair} with both IoUs.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (input instanceof DetectionGens.Detections d && d.size() > 0) {
      return draw(d.toString(), d.boxes(), d.scores(), d.threshold(), canvas(d.boxes()));
    }
    if (input instanceof DetectionGens.BoxPair pair) {
      return iou(pair);
    }
    if (input instanceof DetectionGens.Box box) {
      return iou(new DetectionGens.BoxPair(box, box));
    }
    return null;
  }

  private static Figure draw(String input, double[][] boxes, double[] scores, double threshold, double canvas) {
    NonMaxSuppressionApi kata = Target.pick(new NonMaxSuppressionOfExercises(), new NonMaxSuppressionOfSolutions());
    NonMaxSuppressionApi ref = new NonMaxSuppressionOfSolutions();
    Figure f = new Figure("Non-max suppression", input);
    int[] r = ref.nms(boxes, scores, threshold);
    int[] m = f.learner("nms", () -> kata.nms(copy(boxes), scores.clone(), threshold));
    String[] tips = tips(ref, boxes, scores);
    Figure.Panel p = f.boxes("Kept and suppressed boxes", canvas, canvas);
    p.boxSet("reference keeps " + Arrays.toString(r), Figure.REFERENCE, boxes, scores, states(r, boxes.length), tips);
    if (m != null) {
      p.boxSet("yours keeps " + Arrays.toString(m), Figure.LEARNER, boxes, scores, states(m, boxes.length), tips);
      if (!Arrays.equals(m, r)) {
        f.error("nms: keeps " + Arrays.toString(m) + " where the reference keeps " + Arrays.toString(r)
            + " (in order of score)");
      }
    }
    p.note("A box is suppressed when its IoU with a box kept before it is above the threshold (strictly)."
        + " Of two equal scores the lower index goes first.");
    return f;
  }

  /** Two boxes side by side with the reference's IoU and the learner's. */
  private static Figure iou(DetectionGens.BoxPair pair) {
    NonMaxSuppressionApi kata = Target.pick(new NonMaxSuppressionOfExercises(), new NonMaxSuppressionOfSolutions());
    NonMaxSuppressionApi ref = new NonMaxSuppressionOfSolutions();
    double[][] boxes = {pair.a().toArray(), pair.b().toArray()};
    Figure f = new Figure("IoU of two boxes", pair.toString());
    double r = ref.iou(boxes[0], boxes[1]);
    Double m = f.learner("iou", () -> kata.iou(boxes[0].clone(), boxes[1].clone()));
    String[] tips = {String.format("box 0, reference IoU %.4f", r), String.format("box 1, reference IoU %.4f", r)};
    Figure.Panel p = f.boxes("The two boxes", canvas(boxes), canvas(boxes));
    p.boxSet(String.format("reference: IoU %.4f", r), Figure.REFERENCE, boxes, new double[] {1, 1},
        new String[] {"kept", "kept"}, tips);
    if (m != null) {
      p.boxSet(String.format("yours: IoU %.4f", m), Figure.LEARNER, boxes, new double[] {1, 1},
          new String[] {"kept", "kept"}, tips);
      if (!(Math.abs(m - r) <= 1e-9)) {
        f.error(String.format("iou: %.6f where the reference gives %.6f", m, r));
      }
    }
    p.note("IoU is the area of the intersection over the area of the union; a box of zero area, or two boxes"
        + " that only share an edge, have an empty intersection.");
    return f;
  }

  /**
   * A square canvas holding every box, its side a little past the largest coordinate: a whole number from
   * 1 up, a tenth more below 1 (boxes within [0, 0.5] fill most of the canvas).
   */
  static double canvas(double[][] boxes) {
    double max = 0;
    for (double[] b : boxes) {
      for (double v : b) {
        max = Double.isFinite(v) ? Math.max(max, v) : max;
      }
    }
    return max >= 1 ? Math.ceil(max * 1.1) : max > 0 ? max * 1.1 : 1;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static String[] states(int[] kept, int n) {
    String[] s = new String[n];
    Arrays.fill(s, "suppressed");
    for (int k : kept) {
      if (k >= 0 && k < n) {
        s[k] = "kept";
      }
    }
    return s;
  }

  /** Per box: its index, score, and IoU with every box it overlaps (the reference's IoU). */
  static String[] tips(NonMaxSuppressionApi ref, double[][] boxes, double[] scores) {
    String[] tips = new String[boxes.length];
    for (int i = 0; i < boxes.length; i++) {
      StringBuilder t = new StringBuilder(String.format("box %d, score %.2f", i, scores[i]));
      for (int j = 0; j < boxes.length; j++) {
        double iou = ref.iou(boxes[i], boxes[j]);
        if (j != i && iou > 0) {
          t.append(String.format("; IoU with %d: %.3f", j, iou));
        }
      }
      tips[i] = t.toString();
    }
    return tips;
  }
}

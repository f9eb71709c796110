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
    NonMaxSuppressionApi kata = Target.pick(new NonMaxSuppressionOfExercises(), new NonMaxSuppressionOfSolutions());
    NonMaxSuppressionApi ref = new NonMaxSuppressionOfSolutions();
    Figure f = new Figure("Non-max suppression", "8 boxes [x1, y1, x2, y2] on a 100 x 100 image, scores "
        + Arrays.toString(SCORES) + " (boxes 3 and 4 tie at 0.8); IoU threshold " + THRESHOLD);
    int[] r = ref.nms(BOXES, SCORES, THRESHOLD);
    int[] m = f.learner("nms", () -> kata.nms(BOXES, SCORES, THRESHOLD));
    String[] tips = tips(ref, BOXES, SCORES);
    Figure.Panel p = f.boxes("Kept and suppressed boxes", 100, 100);
    p.boxSet("reference keeps " + Arrays.toString(r), Figure.REFERENCE, BOXES, SCORES, states(r, BOXES.length), tips);
    if (m != null) {
      p.boxSet("yours keeps " + Arrays.toString(m), Figure.LEARNER, BOXES, SCORES, states(m, BOXES.length), tips);
      if (!Arrays.equals(m, r)) {
        f.error("nms: keeps " + Arrays.toString(m) + " where the reference keeps " + Arrays.toString(r)
            + " (in order of score)");
      }
    }
    p.note("A box is suppressed when its IoU with a box kept before it is above the threshold (strictly)."
        + " Of two equal scores the lower index goes first.");
    return f;
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

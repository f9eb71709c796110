package mlkata.grader.detection;

import java.util.Arrays;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show soft-nms}: the boxes of {@link NonMaxSuppressionPicture} after linear and Gaussian
 * Soft-NMS, each box's final score as its opacity (kept, decayed, dropped), the learner's beside the reference's.
 */
public final class SoftNmsPicture implements KataPicture {
  @Override
  public Figure draw() {
    double[][] boxes = NonMaxSuppressionPicture.BOXES;
    double[] scores = NonMaxSuppressionPicture.SCORES;
    Figure f = new Figure("Soft-NMS", "the 8 boxes of kata show non-max-suppression, scores " + Arrays.toString(scores)
        + "; linear: IoU threshold 0.3; Gaussian: sigma 0.5; score threshold 0.3 for both");
    for (String method : new String[] {"LINEAR", "GAUSSIAN"}) {
      panel(f, boxes, scores, method, 0.3, 0.5, 0.3, 100);
    }
    return f;
  }

  /** Draws the Soft-NMS problem of a failing property ({@code SoftDetections}) with its own method and thresholds. */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof DetectionGens.SoftDetections d) || d.scores().length == 0) {
      return null;
    }
    Figure f = new Figure("Soft-NMS", d.toString());
    panel(f, d.boxes(), d.scores(), d.method(), d.iouThreshold(), d.sigma(), d.scoreThreshold(),
        NonMaxSuppressionPicture.canvas(d.boxes()));
    return f;
  }

  private static void panel(Figure f, double[][] boxes, double[] scores, String method, double iouThreshold, double sigma,
      double scoreThreshold, double canvas) {
    SoftNmsApi kata = Target.pick(new SoftNmsOfExercises(), new SoftNmsOfSolutions());
    SoftNmsApi ref = new SoftNmsOfSolutions();
    String[] tips = NonMaxSuppressionPicture.tips(new NonMaxSuppressionOfSolutions(), boxes, scores);
    SoftNmsApi.Result r = ref.softNms(boxes, scores, method, iouThreshold, sigma, scoreThreshold);
    SoftNmsApi.Result m = f.learner("softNms " + method, () -> kata.softNms(NonMaxSuppressionPicture.copy(boxes),
        scores.clone(), method, iouThreshold, sigma, scoreThreshold));
    Figure.Panel p = f.boxes(method.charAt(0) + method.substring(1).toLowerCase() + " Soft-NMS", canvas, canvas);
    set(p, "reference", Figure.REFERENCE, boxes, scores, r, tips);
    if (m != null) {
      set(p, "yours", Figure.LEARNER, boxes, scores, m, tips);
      boolean same = Arrays.equals(m.indices(), r.indices()) && m.scores().length == r.scores().length;
      for (int k = 0; same && k < r.scores().length; k++) {
        same = Math.abs(m.scores()[k] - r.scores()[k]) <= 1e-9;
      }
      if (!same) {
        f.error("softNms " + method + ": " + Arrays.toString(m.indices()) + " with scores " + rounded(m.scores())
            + " where the reference gives " + Arrays.toString(r.indices()) + " with " + rounded(r.scores()));
      }
    }
    p.note(method.equals("LINEAR") ? "Linear: a box overlapping a selected one by IoU > " + iouThreshold + " has its"
        + " score multiplied by (1 - IoU); below the score threshold (" + scoreThreshold + ") it is dropped."
        : "Gaussian: every overlapping box's score is multiplied by exp(-IoU^2 / sigma) (sigma " + sigma + "), however"
        + " small the overlap; below the score threshold (" + scoreThreshold + ") it is dropped.");
  }

  private static void set(Figure.Panel p, String who, String side, double[][] boxes, double[] scores, SoftNmsApi.Result r,
      String[] tips) {
    double[] finalScores = scores.clone();
    String[] state = new String[boxes.length];
    Arrays.fill(state, "suppressed");
    String[] tip = tips.clone();
    for (int k = 0; k < r.indices().length; k++) {
      int i = r.indices()[k];
      if (i < 0 || i >= boxes.length || k >= r.scores().length) {
        continue;
      }
      finalScores[i] = r.scores()[k];
      state[i] = r.scores()[k] < scores[i] - 1e-12 ? "decayed" : "kept";
      tip[i] = tips[i] + String.format("; selected %s with score %.3f", ordinal(k + 1), r.scores()[k]);
    }
    for (int i = 0; i < boxes.length; i++) {
      if (state[i].equals("suppressed")) {
        // a dropped box keeps its input score on the canvas (as in the NMS picture), not a made-up one
        tip[i] = tips[i] + "; dropped";
      }
    }
    p.boxSet(who + ": " + Arrays.toString(r.indices()), side, boxes, finalScores, state, tip);
  }

  private static String ordinal(int k) {
    return k + (k == 1 ? "st" : k == 2 ? "nd" : k == 3 ? "rd" : "th");
  }

  private static String rounded(double[] s) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : ", ").append(String.format("%.3f", s[i]));
    }
    return b.append(']').toString();
  }
}

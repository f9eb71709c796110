package mlkata.grader.metrics;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Target;

/**
 * {@code kata show roc-auc}: the learner's ROC curve over the reference's, on twelve scores with two
 * tied groups (a tie of a positive and negatives is one diagonal step, the classic miss), AUC in the legend.
 */
public final class RocAucPicture implements KataPicture {
  static final double[] SCORES = {0.95, 0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.2, 0.1};
  static final int[] LABELS = {1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0};

  @Override
  public Figure draw() {
    return draw("12 scores, 6 positives: 0.95+ 0.9+ 0.8- 0.8+ 0.7+ 0.6- 0.6+ 0.6- 0.4- 0.3+ 0.2- 0.1-"
        + " (two tied groups: 0.8 and 0.6)", SCORES, LABELS);
  }

  /** Draws the scores and labels of a failing property or differential check ({@code Gens.Scored}). */
  @Override
  public Figure drawFailing(String property, Object input) {
    return input instanceof Gens.Scored s ? draw(s.toString(), s.scores(), s.labels()) : null;
  }

  private static Figure draw(String input, double[] scores, int[] labels) {
    RocAucApi kata = Target.pick(new RocAucOfExercises(), new RocAucOfSolutions());
    RocAucApi reference = new RocAucOfSolutions();
    Figure f = new Figure("ROC curve", input);
    RocAucApi.Curve ref = reference.rocCurve(scores, labels);
    double refAuc = reference.auc(scores, labels);
    RocAucApi.Curve mine = f.learner("rocCurve", () -> kata.rocCurve(scores.clone(), labels.clone()));
    Double myAuc = f.learner("auc", () -> kata.auc(scores.clone(), labels.clone()));
    Figure.Panel p = f.xy("ROC curve: true positive rate against false positive rate", "false positive rate",
        "true positive rate", true);
    p.line("chance (AUC 0.5)", Figure.GUIDE, new double[] {0, 1}, new double[] {0, 1});
    p.line(String.format("reference, AUC %.4f", refAuc), Figure.REFERENCE, ref.fpr(), ref.tpr());
    if (mine != null) {
      p.line(myAuc == null ? "yours" : String.format("yours, AUC %.4f", myAuc), Figure.LEARNER, mine.fpr(), mine.tpr());
    }
    p.note("Each tied group of scores is one diagonal step: the curve moves right and up at once. A staircase"
        + " there means the ties were split; a curve below the reference's at a tie ranks positives last.");
    if (mine != null && !(java.util.Arrays.equals(mine.fpr(), ref.fpr()) && java.util.Arrays.equals(mine.tpr(), ref.tpr()))) {
      f.error("rocCurve: " + mine.fpr().length + " points, (fpr, tpr) = " + points(mine) + " where the reference has "
          + ref.fpr().length + ": " + points(ref));
    }
    if (myAuc != null && Math.abs(myAuc - refAuc) > 1e-9) {
      f.error(String.format("auc: %.6f where the reference gives %.6f", myAuc, refAuc));
    }
    return f;
  }

  private static String points(RocAucApi.Curve c) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(c.fpr().length, c.tpr().length); i++) {
      b.append(i == 0 ? "" : " ").append(String.format("(%.3f, %.3f)", c.fpr()[i], c.tpr()[i]));
    }
    return b.toString();
  }
}

package mlkata.grader.metrics;

import java.util.ArrayList;
import java.util.List;
import mlkata.grader.runner.Figure;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Target;
import mlkata.grader.runner.KataPicture;

/**
 * {@code kata show average-precision}: the precision-recall steps whose area is AP, and the learner's AP
 * against the reference's as one positive slides down the ranking (ties included).
 */
public final class AveragePrecisionPicture implements KataPicture {
  static final double[] SCORES = {0.95, 0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.2, 0.1};
  static final int[] LABELS = {1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0};

  @Override
  public Figure draw() {
    AveragePrecisionApi kata = Target.pick(new AveragePrecisionOfExercises(), new AveragePrecisionOfSolutions());
    AveragePrecisionApi reference = new AveragePrecisionOfSolutions();
    Figure f = new Figure("Precision-recall curve and average precision",
        "12 scores, 6 positives: 0.95+ 0.9+ 0.8- 0.8+ 0.7+ 0.6- 0.6+ 0.6- 0.4- 0.3+ 0.2- 0.1- (ties at 0.8 and 0.6)");
    Double myAp = steps(f, SCORES, LABELS);
    double refAp = reference.averagePrecision(SCORES, LABELS);
    // Nine items scored 0.9 down to 0.1; the top one is positive, and a second positive sits at rank k,
    // sharing its score with the item above it.
    int n = 8;
    double[] ranks = new double[n];
    double[] ref = new double[n];
    double[] mine = new double[n];
    boolean learnerOk = myAp != null;
    for (int i = 0; i < n; i++) {
      int k = i + 2;
      double[] s = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
      int[] labels = new int[s.length];
      labels[0] = 1;
      labels[k - 1] = 1;
      s[k - 1] = s[k - 2];
      ranks[i] = k;
      ref[i] = reference.averagePrecision(s, labels);
      if (learnerOk) {
        Double v = f.learner("averagePrecision", () -> kata.averagePrecision(s, labels));
        learnerOk = v != null;
        mine[i] = learnerOk ? v : Double.NaN;
        if (learnerOk && Math.abs(v - ref[i]) > 1e-9) {
          f.error(String.format("averagePrecision with the second positive at rank %d (tied): %.6f where the reference"
              + " gives %.6f", k, v, ref[i]));
        }
      }
    }
    Figure.Panel q = f.xy("AP as the second of two positives moves down a ranking of nine, tied with the item above it",
        "rank of the second positive", "average precision", false);
    q.line("reference", Figure.REFERENCE, ranks, ref);
    if (learnerOk) {
      q.line("yours", Figure.LEARNER, ranks, mine);
    }
    q.note("A tie is one threshold: the positive and the negative above it are counted together, so AP drops"
        + " as if the positive came second of the pair.");
    return f;
  }

  /** Draws the scores and labels of a failing property or differential check ({@code Gens.Scored}): the steps panel. */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof Gens.Scored s)) {
      return null;
    }
    Figure f = new Figure("Precision-recall curve and average precision", s.toString());
    steps(f, s.scores(), s.labels());
    return f;
  }

  /** The precision-recall steps panel of one input, the learner's AP beside them; returns the learner's AP or null. */
  private static Double steps(Figure f, double[] scores, int[] labels) {
    AveragePrecisionApi kata = Target.pick(new AveragePrecisionOfExercises(), new AveragePrecisionOfSolutions());
    AveragePrecisionApi reference = new AveragePrecisionOfSolutions();
    double refAp = reference.averagePrecision(scores, labels);
    Double myAp = f.learner("averagePrecision", () -> kata.averagePrecision(scores.clone(), labels.clone()));
    double[][] steps = steps(scores, labels);
    Figure.Panel p = f.xy("Precision against recall, one point per distinct threshold", "recall", "precision", true);
    p.line(String.format("reference steps, AP %.4f", refAp), Figure.REFERENCE, steps[0], steps[1]);
    if (myAp != null) {
      // the learner's AP drawn as the height of a rectangle of the same area, to compare with the steps
      p.line(String.format("yours: AP %.4f (as a flat line of that area)", myAp), Figure.LEARNER,
          new double[] {0, 1}, new double[] {myAp, myAp});
    }
    p.note("AP is the area under these steps: each rise in recall times the precision reached there (no"
        + " interpolation, no trapezoids). A tied group counts as one threshold.");
    if (myAp != null && Math.abs(myAp - refAp) > 1e-9) {
      f.error(String.format("averagePrecision: %.6f where the reference gives %.6f", myAp, refAp));
    }
    return myAp;
  }

  /** The precision-recall steps, as (recall, precision) corners, one step per distinct score. */
  static double[][] steps(double[] scores, int[] labels) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int positives = 0;
    for (int l : labels) {
      positives += l;
    }
    List<Double> r = new ArrayList<>(List.of(0.0));
    List<Double> p = new ArrayList<>(List.of(1.0));
    int tp = 0;
    int seen = 0;
    for (int i = 0; i < order.length; i++) {
      tp += labels[order[i]];
      seen++;
      if (i + 1 < order.length && scores[order[i + 1]] == scores[order[i]]) {
        continue;
      }
      double precision = (double) tp / seen;
      double recall = (double) tp / positives;
      r.add(r.get(r.size() - 1));
      p.add(precision);
      r.add(recall);
      p.add(precision);
    }
    double[][] out = new double[2][r.size()];
    for (int i = 0; i < r.size(); i++) {
      out[0][i] = r.get(i);
      out[1][i] = p.get(i);
    }
    return out;
  }
}

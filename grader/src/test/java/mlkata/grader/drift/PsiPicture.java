package mlkata.grader.drift;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show psi}: the binned proportions of a baseline and a shifted sample (the learner's
 * {@code proportions} beside the reference's), and each bin's PSI term with the totals.
 */
public final class PsiPicture implements KataPicture {
  static final double[] CUTS = {-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28};
  static final double EPSILON = 1e-4;

  @Override
  public Figure draw() {
    java.util.Random random = new java.util.Random(20240611L);
    double[] expected = new double[400];
    double[] actual = new double[400];
    for (int i = 0; i < 400; i++) {
      expected[i] = random.nextGaussian();
      actual[i] = 0.4 + 1.3 * random.nextGaussian();
    }
    return draw("expected: 400 draws of N(0, 1); actual: 400 draws of N(0.4, 1.3^2) (java.util.Random, seed 20240611);"
        + " cuts at the standard normal's deciles; epsilon " + EPSILON, expected, actual, CUTS);
  }

  /**
   * Draws the samples and cuts of a failing property or differential check ({@code Binned}), with this
   * picture's epsilon ({@value #EPSILON}).
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (input instanceof DriftGens.Binned b) {
      return draw(b + " (epsilon " + EPSILON + ")", b.expected(), b.actual(), b.cuts());
    }
    if (input instanceof DriftGens.Weights w) {
      return divergences(w.toString(), new double[][] {w.p(), w.q()});
    }
    if (input instanceof DriftGens.Triple t) {
      return divergences(t.toString(), new double[][] {t.p(), t.q(), t.r()});
    }
    return null;
  }

  /**
   * Weights of the KL and Jensen-Shannon properties ({@code Weights}, {@code Triple}; the weights are in
   * the input line): KL both ways and the JS distance of each pair, the learner's beside the reference's
   * (an infinite KL drawn as a zero bar, named in its category).
   */
  private static Figure divergences(String input, double[][] weights) {
    PsiApi kata = Target.pick(new PsiOfExercises(), new PsiOfSolutions());
    PsiApi ref = new PsiOfSolutions();
    Figure f = new Figure("KL divergence and Jensen-Shannon distance", input);
    String[] names = {"p", "q", "r"};
    java.util.List<String> categories = new java.util.ArrayList<>();
    java.util.List<Double> r = new java.util.ArrayList<>();
    java.util.List<Double> m = new java.util.ArrayList<>();
    boolean ok = true;
    for (int a = 0; a < weights.length; a++) {
      for (int b = a + 1; b < weights.length; b++) {
        double[] p = weights[a];
        double[] q = weights[b];
        String pq = names[a] + ", " + names[b];
        for (int k2 = 0; k2 < 3; k2++) {
          final int kind = k2;
          String what = kind == 0 ? "klDivergence(" + pq + ")" : kind == 1 ? "klDivergence(" + names[b] + ", " + names[a] + ")"
              : "jensenShannonDistance(" + pq + ")";
          double rv = kind == 0 ? ref.klDivergence(p, q) : kind == 1 ? ref.klDivergence(q, p) : ref.jensenShannonDistance(p, q);
          Double mv = !ok ? null : f.learner(kind == 2 ? "jensenShannonDistance" : "klDivergence",
              () -> kind == 0 ? kata.klDivergence(p.clone(), q.clone()) : kind == 1 ? kata.klDivergence(q.clone(), p.clone())
                  : kata.jensenShannonDistance(p.clone(), q.clone()));
          ok = mv != null;
          categories.add(what.replace("klDivergence", "KL").replace("jensenShannonDistance", "JS")
              + (Double.isInfinite(rv) ? " (infinite)" : ""));
          r.add(Double.isFinite(rv) ? rv : 0);
          if (ok) {
            m.add(Double.isFinite(mv) ? mv : 0);
            if (!(Math.abs(mv - rv) <= 1e-9 * Math.max(1, Math.abs(rv))) && !(mv.equals(rv))) {
              f.error(String.format("%s: %s where the reference gives %s", what, mv, rv));
            }
          }
        }
      }
    }
    Figure.Panel p = f.bars("KL both ways and the JS distance", "nats (KL), distance (JS)", categories.toArray(new String[0]));
    p.series("reference", Figure.REFERENCE, r.stream().mapToDouble(Double::doubleValue).toArray());
    if (ok) {
      p.series("yours", Figure.LEARNER, m.stream().mapToDouble(Double::doubleValue).toArray());
    }
    p.note("KL is not symmetric and is infinite where q is 0 and p is not; JS is symmetric, finite, and the square root"
        + " of the JS divergence (natural log), so it obeys the triangle inequality.");
    return f;
  }

  private static Figure draw(String input, double[] expected, double[] actual, double[] cuts) {
    PsiApi kata = Target.pick(new PsiOfExercises(), new PsiOfSolutions());
    PsiApi ref = new PsiOfSolutions();
    Figure f = new Figure("Population stability index", input);
    String[] bins = new String[cuts.length + 1];
    for (int b = 0; b < bins.length; b++) {
      bins[b] = cuts.length == 0 ? "every value" : b == 0 ? "< " + cuts[0] : b == cuts.length ? ">= " + cuts[b - 1]
          : "[" + cuts[b - 1] + ", " + cuts[b] + ")";
    }
    double[] re = ref.proportions(expected, cuts);
    double[] ra = ref.proportions(actual, cuts);
    double[] me = f.learner("proportions", () -> kata.proportions(expected.clone(), cuts.clone()));
    double[] ma = f.learner("proportions", () -> kata.proportions(actual.clone(), cuts.clone()));
    Figure.Panel p = f.bars("Share of each sample per bin", "share of the sample", bins);
    p.series("expected, reference", Figure.REFERENCE, re).series("actual, reference", Figure.REFERENCE, ra);
    p.series("expected, yours", Figure.LEARNER, me).series("actual, yours", Figure.LEARNER, ma);
    p.note("Bins are half-open, [c_i, c_i+1): a value equal to a cut goes to the bin on its right, as np.digitize puts it.");
    double[] terms = new double[bins.length];
    for (int b = 0; b < bins.length; b++) {
      double e = Math.max(re[b], EPSILON);
      double a = Math.max(ra[b], EPSILON);
      terms[b] = (a - e) * Math.log(a / e);
    }
    double total = ref.psi(expected, actual, cuts, EPSILON);
    Double mine = f.learner("psi", () -> kata.psi(expected.clone(), actual.clone(), cuts.clone(), EPSILON));
    Figure.Panel q = f.bars(String.format("Each bin's PSI term (a - e) ln(a / e); reference total %.4f%s", total,
        mine == null ? "" : String.format(", yours %.4f", mine)), "PSI term", bins);
    q.series("reference terms", Figure.REFERENCE, terms);
    if (me != null && ma != null && me.length == terms.length && ma.length == terms.length) {
      double[] mineTerms = new double[terms.length];
      for (int b = 0; b < terms.length; b++) {
        double e = Math.max(me[b], EPSILON);
        double a = Math.max(ma[b], EPSILON);
        mineTerms[b] = (a - e) * Math.log(a / e);
      }
      q.series("the same terms from your proportions", Figure.LEARNER, mineTerms);
    }
    q.note("Every term is >= 0: a bin that loses share counts as much as one that gains it. Rules of thumb:"
        + " under 0.1 stable, 0.1 to 0.25 a shift worth a look, over 0.25 a major shift.");
    if (mine != null && Math.abs(mine - total) > 1e-9) {
      f.error(String.format("psi: %.6f where the reference gives %.6f", mine, total));
    }
    for (double[][] pair : new double[][][] {{me, re}, {ma, ra}}) {
      if (pair[0] != null) {
        for (int b = 0; b < Math.min(pair[0].length, pair[1].length); b++) {
          if (Math.abs(pair[0][b] - pair[1][b]) > 1e-12) {
            f.error(String.format("proportions: bin %s holds %.4f where the reference gives %.4f", bins[b], pair[0][b],
                pair[1][b]));
            break;
          }
        }
        if (pair[0].length != pair[1].length) {
          f.error("proportions: " + pair[0].length + " bins where the reference has " + pair[1].length);
        }
      }
    }
    return f;
  }
}

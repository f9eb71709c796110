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
    if (!(input instanceof DriftGens.Binned b)) {
      return null;
    }
    return draw(b + " (epsilon " + EPSILON + ")", b.expected(), b.actual(), b.cuts());
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

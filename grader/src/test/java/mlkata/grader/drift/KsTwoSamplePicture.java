package mlkata.grader.drift;

import java.util.Arrays;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show ks-two-sample}: the two empirical CDFs, and the KS gap where the learner's code and
 * the reference's take it (a vertical segment of length D at the statistic's location).
 */
public final class KsTwoSamplePicture implements KataPicture {
  static final double[] A = {0.2, 0.5, 0.9, 1.1, 1.4, 1.4, 1.8, 2.1, 2.5, 3.0, 3.2, 4.0};
  static final double[] B = {1.0, 1.4, 1.9, 2.2, 2.6, 2.8, 3.1, 3.3, 3.5, 3.9, 4.2, 4.4, 4.8, 5.1, 5.5};

  @Override
  public Figure draw() {
    return draw("a: " + Arrays.toString(A) + " (12 values, 1.4 twice); b: " + Arrays.toString(B)
        + " (15 values; 1.4 is in both)", A, B, -0.3, 6);
  }

  /** Draws the two samples of a failing property or differential check ({@code Samples}). */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof DriftGens.Samples s) || s.a().length == 0 || s.b().length == 0) {
      return null;
    }
    double lo = Math.min(Arrays.stream(s.a()).min().getAsDouble(), Arrays.stream(s.b()).min().getAsDouble());
    double hi = Math.max(Arrays.stream(s.a()).max().getAsDouble(), Arrays.stream(s.b()).max().getAsDouble());
    double margin = Math.max(0.1, 0.1 * (hi - lo));
    return draw(s.toString(), s.a(), s.b(), lo - margin, hi + margin);
  }

  private static Figure draw(String input, double[] a, double[] b, double lo, double hi) {
    KsTwoSampleApi kata = Target.pick(new KsTwoSampleOfExercises(), new KsTwoSampleOfSolutions());
    KsTwoSampleApi ref = new KsTwoSampleOfSolutions();
    Figure f = new Figure("Two-sample Kolmogorov-Smirnov", input);
    KsTwoSampleApi.Result r = ref.test(a, b);
    KsTwoSampleApi.Result m = f.learner("test", () -> kata.test(a.clone(), b.clone()));
    Figure.Panel p = f.xy("Empirical CDFs and the largest gap between them", "value", "fraction of the sample <= value", false);
    double[][] ca = ecdf(a, lo, hi);
    double[][] cb = ecdf(b, lo, hi);
    p.line("a: F_a", Figure.DATA, ca[0], ca[1]);
    p.line("b: F_b", Figure.DATA, cb[0], cb[1]);
    p.line(String.format("reference: D = %.4f at %.2f, p = %.4g", r.statistic(), r.location(), r.pValue()),
        Figure.REFERENCE, new double[] {r.location(), r.location()}, new double[] {cdf(b, r.location()),
            cdf(b, r.location()) + r.sign() * r.statistic()});
    if (m != null) {
      double base = cdf(b, m.location());
      p.line(String.format("yours: D = %.4f at %.2f, sign %+d, p = %.4g", m.statistic(), m.location(), m.sign(), m.pValue()),
          Figure.LEARNER, new double[] {m.location(), m.location()}, new double[] {base, base + m.sign() * m.statistic()});
      if (Math.abs(m.statistic() - r.statistic()) > 1e-12 || m.location() != r.location() || m.sign() != r.sign()) {
        f.error(String.format("test: D = %.6f at %s, sign %+d where the reference gives D = %.6f at %s, sign %+d",
            m.statistic(), m.location(), m.sign(), r.statistic(), r.location(), r.sign()));
      }
    }
    p.note("The gap is taken at a sample value, where both CDFs have already jumped: F(v) counts the values <= v."
        + " A gap measured between jumps, or before a tied value is counted, comes out too small.");
    return f;
  }

  /** The fraction of {@code sample} at or below {@code v}. */
  static double cdf(double[] sample, double v) {
    int n = 0;
    for (double s : sample) {
      n += s <= v ? 1 : 0;
    }
    return (double) n / sample.length;
  }

  /** The empirical CDF as the corners of its steps, from {@code lo} to {@code hi}. */
  static double[][] ecdf(double[] sample, double lo, double hi) {
    double[] s = sample.clone();
    Arrays.sort(s);
    double[] x = new double[2 * s.length + 2];
    double[] y = new double[x.length];
    int k = 0;
    x[k] = lo;
    y[k++] = 0;
    for (int i = 0; i < s.length; i++) {
      if (i + 1 < s.length && s[i + 1] == s[i]) {
        continue;
      }
      x[k] = s[i];
      y[k] = y[k - 1];
      k++;
      x[k] = s[i];
      y[k] = cdf(sample, s[i]);
      k++;
    }
    x[k] = hi;
    y[k] = 1;
    k++;
    return new double[][] {Arrays.copyOf(x, k), Arrays.copyOf(y, k)};
  }
}

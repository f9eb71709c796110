package mlkata.grader.training;

import java.util.Random;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show weight-init}: histograms of the sampled weights, the learner's over the reference's
 * (same seed), with the expected bound or density as a guide.
 */
public final class WeightInitPicture implements KataPicture {
  static final int[] SHAPE = {256, 128};
  static final long SEED = 42;
  static final int BINS = 40;

  @Override
  public Figure draw() {
    WeightInitApi ref = new WeightInitOfSolutions();
    return draw("a weight of shape [256, 128] (fan_in 128, fan_out 256); java.util.Random seeded " + SEED + " for both sides",
        SHAPE, 1, 0, WeightInitApi.Mode.FAN_IN, WeightInitApi.Nonlinearity.RELU, SEED,
        String.format("xavierUniform, gain 1: bound sqrt(6 / (fan_in + fan_out)) = %.4f", ref.xavierBound(SHAPE, 1)),
        String.format("kaimingNormal, ReLU, fan_in: std sqrt(2 / fan_in) = %.4f",
            ref.kaimingStd(SHAPE, 0, WeightInitApi.Mode.FAN_IN, WeightInitApi.Nonlinearity.RELU)));
  }

  /**
   * Draws the setting of a failing property or differential check ({@code Setting}: shape, gains, mode,
   * nonlinearity, seed) as the same two histograms (for a shape of at most five million weights: every
   * shape the generator makes).
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof WeightInitGens.Setting s)) {
      return null;
    }
    long n = 1;
    for (int d : s.shape()) {
      n *= d;
    }
    if (n < 1 || n > 5_000_000) {
      return null;
    }
    WeightInitApi ref = new WeightInitOfSolutions();
    return draw(s.toString(), s.shape(), s.gain(), s.negativeSlope(), s.mode(), s.nonlinearity(), s.seed(),
        String.format("xavierUniform, gain %s: bound = %.4g", s.gain(), ref.xavierBound(s.shape(), s.gain())),
        String.format("kaimingNormal, %s, %s, slope %s: std = %.4g", s.nonlinearity(), s.mode(), s.negativeSlope(),
            ref.kaimingStd(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity())));
  }

  private static Figure draw(String input, int[] shape, double gain, double slope, WeightInitApi.Mode mode,
      WeightInitApi.Nonlinearity nonlinearity, long seed, String xavierTitle, String kaimingTitle) {
    WeightInitApi kata = Target.pick(new WeightInitOfExercises(), new WeightInitOfSolutions());
    WeightInitApi ref = new WeightInitOfSolutions();
    Figure f = new Figure("Xavier and He initialization", input);
    double bound = ref.xavierBound(shape, gain);
    double[] r = ref.xavierUniform(shape, gain, new Random(seed));
    double[] m = f.learner("xavierUniform", () -> kata.xavierUniform(shape.clone(), gain, new Random(seed)));
    Figure.Panel p = f.xy(xavierTitle, "weight", "density", false).half();
    double shown = bound > 0 && Double.isFinite(bound) ? bound : 1; // a zero bound still gets axes
    double lo = -1.25 * shown;
    double hi = 1.25 * shown;
    double flat = 1 / (2 * bound);
    p.line("expected: uniform on [-bound, bound]", Figure.GUIDE, new double[] {lo, -bound, -bound, bound, bound, hi},
        new double[] {0, 0, flat, flat, 0, 0});
    p.line("reference", Figure.REFERENCE, edges(lo, hi), density(r, lo, hi));
    if (m != null) {
      p.line("yours", Figure.LEARNER, edges(lo, hi), density(m, lo, hi));
      compare(f, "xavierUniform", m, r);
    }
    p.note("Nothing may fall outside +-bound; a bound computed from fan_in alone, or without the 6, moves the walls.");
    double std = ref.kaimingStd(shape, slope, mode, nonlinearity);
    double[] rn = ref.kaimingNormal(shape, slope, mode, nonlinearity, new Random(seed));
    double[] mn = f.learner("kaimingNormal", () -> kata.kaimingNormal(shape.clone(), slope, mode, nonlinearity,
        new Random(seed)));
    double shownStd = std > 0 && Double.isFinite(std) ? std : 1;
    double lo2 = -4 * shownStd;
    double hi2 = 4 * shownStd;
    Figure.Panel q = f.xy(kaimingTitle, "weight", "density", false).half();
    double[] gx = new double[161];
    double[] gy = new double[161];
    for (int i = 0; i < gx.length; i++) {
      gx[i] = lo2 + (hi2 - lo2) * i / (gx.length - 1);
      gy[i] = Math.exp(-gx[i] * gx[i] / (2 * std * std)) / (std * Math.sqrt(2 * Math.PI));
    }
    q.line("expected: N(0, std^2)", Figure.GUIDE, gx, gy);
    q.line("reference", Figure.REFERENCE, edges(lo2, hi2), density(rn, lo2, hi2));
    if (mn != null) {
      q.line("yours", Figure.LEARNER, edges(lo2, hi2), density(mn, lo2, hi2));
      compare(f, "kaimingNormal", mn, rn);
    }
    q.note("The gain of ReLU is sqrt(2); fan_out instead of fan_in, or the variance used as the std, changes the width.");
    return f;
  }

  /** The histogram's outline: x at each bin's two edges. */
  static double[] edges(double lo, double hi) {
    double[] x = new double[2 * BINS];
    double w = (hi - lo) / BINS;
    for (int b = 0; b < BINS; b++) {
      x[2 * b] = lo + b * w;
      x[2 * b + 1] = lo + (b + 1) * w;
    }
    return x;
  }

  /** Each bin's density (count / (n * width)), twice, to match {@link #edges}. */
  static double[] density(double[] values, double lo, double hi) {
    double w = (hi - lo) / BINS;
    double[] counts = new double[BINS];
    for (double v : values) {
      int b = (int) Math.floor((v - lo) / w);
      if (b >= 0 && b < BINS) {
        counts[b]++;
      }
    }
    double[] y = new double[2 * BINS];
    for (int b = 0; b < BINS; b++) {
      y[2 * b] = counts[b] / (values.length * w);
      y[2 * b + 1] = y[2 * b];
    }
    return y;
  }

  private static void compare(Figure f, String what, double[] mine, double[] ref) {
    if (mine.length != ref.length) {
      f.error(what + ": " + mine.length + " weights where the reference draws " + ref.length);
      return;
    }
    for (int i = 0; i < ref.length; i++) {
      if (Math.abs(mine[i] - ref[i]) > 1e-12) {
        f.error(String.format("%s: weight %d is %.6g where the reference draws %.6g from the same seed", what, i, mine[i],
            ref[i]));
        return;
      }
    }
  }
}

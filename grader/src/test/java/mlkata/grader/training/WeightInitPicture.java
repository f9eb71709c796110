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
    WeightInitApi kata = Target.pick(new WeightInitOfExercises(), new WeightInitOfSolutions());
    WeightInitApi ref = new WeightInitOfSolutions();
    Figure f = new Figure("Xavier and He initialization", "a weight of shape [256, 128] (fan_in 128, fan_out 256);"
        + " java.util.Random seeded " + SEED + " for both sides");
    double bound = ref.xavierBound(SHAPE, 1);
    double[] r = ref.xavierUniform(SHAPE, 1, new Random(SEED));
    double[] m = f.learner("xavierUniform", () -> kata.xavierUniform(SHAPE, 1, new Random(SEED)));
    Figure.Panel p = f.xy(String.format("xavierUniform, gain 1: bound sqrt(6 / (fan_in + fan_out)) = %.4f", bound),
        "weight", "density", false).half();
    double lo = -1.25 * bound;
    double hi = 1.25 * bound;
    double flat = 1 / (2 * bound);
    p.line("expected: uniform on [-bound, bound]", Figure.GUIDE, new double[] {lo, -bound, -bound, bound, bound, hi},
        new double[] {0, 0, flat, flat, 0, 0});
    p.line("reference", Figure.REFERENCE, edges(lo, hi), density(r, lo, hi));
    if (m != null) {
      p.line("yours", Figure.LEARNER, edges(lo, hi), density(m, lo, hi));
      compare(f, "xavierUniform", m, r);
    }
    p.note("Nothing may fall outside +-bound; a bound computed from fan_in alone, or without the 6, moves the walls.");
    double std = ref.kaimingStd(SHAPE, 0, WeightInitApi.Mode.FAN_IN, WeightInitApi.Nonlinearity.RELU);
    double[] rn = ref.kaimingNormal(SHAPE, 0, WeightInitApi.Mode.FAN_IN, WeightInitApi.Nonlinearity.RELU, new Random(SEED));
    double[] mn = f.learner("kaimingNormal", () -> kata.kaimingNormal(SHAPE, 0, WeightInitApi.Mode.FAN_IN,
        WeightInitApi.Nonlinearity.RELU, new Random(SEED)));
    double lo2 = -4 * std;
    double hi2 = 4 * std;
    Figure.Panel q = f.xy(String.format("kaimingNormal, ReLU, fan_in: std sqrt(2 / fan_in) = %.4f", std), "weight",
        "density", false).half();
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

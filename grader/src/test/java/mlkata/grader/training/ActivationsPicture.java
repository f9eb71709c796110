package mlkata.grader.training;

import java.util.function.DoubleUnaryOperator;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/** {@code kata show activations}: each activation and its derivative on [-4, 4], the learner's over the reference's. */
public final class ActivationsPicture implements KataPicture {
  static final int POINTS = 161;

  @Override
  public Figure draw() {
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = i == 80 ? 0 : -4 + 0.05 * i; // 0 exactly, not 1e-16
    }
    Figure f = new Figure("Activations and their derivatives", "x from -4 to 4 in steps of 0.05 (x = 0 included);"
        + " leaky ReLU slope 0.1, ELU alpha 1, softplus beta 1 and threshold 20");
    for (String name : ActivationsGens.FUNCTIONS) {
      pair(f, name, defaults(name), x, Double.NaN);
    }
    return f;
  }

  /**
   * Draws the input of a failing property or differential check: a {@code Point} (one activation, its
   * parameters, an x) as that activation around x; a bare x (the identities between activations) as every
   * activation around x, with the usual parameters. A vertical guide marks x.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (input instanceof ActivationsGens.Point p && Double.isFinite(p.x())) {
      Figure f = new Figure("Activations and their derivatives", p.toString());
      pair(f, p.function(), p.params(), around(p.x()), p.x());
      return f;
    }
    if (input instanceof Double x && Double.isFinite(x)) {
      Figure f = new Figure("Activations and their derivatives", "x = " + x + "; leaky ReLU slope 0.1, ELU alpha 1,"
          + " softplus beta 1 and threshold 20");
      double[] xs = around(x);
      for (String name : ActivationsGens.FUNCTIONS) {
        pair(f, name, defaults(name), xs, x);
      }
      return f;
    }
    return null;
  }

  /** {@value #POINTS} points centred on {@code x} (which is one of them), 2 or |x| / 2 either side. */
  private static double[] around(double x) {
    double half = Math.max(2, Math.abs(x) / 2);
    double[] xs = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      xs[i] = i == POINTS / 2 ? x : x - half + 2 * half * i / (POINTS - 1);
    }
    return xs;
  }

  /** The parameters the fixed picture uses: slope 0.1; alpha 1; beta 1 and threshold 20. */
  private static double[] defaults(String function) {
    switch (function) {
      case "leakyRelu":
        return new double[] {0.1};
      case "elu":
        return new double[] {1};
      case "softplus":
        return new double[] {1, 20};
      default:
        return new double[0];
    }
  }

  /** The activation {@code name} with {@code params}, and its derivative, of {@code api}. */
  private static DoubleUnaryOperator[] function(ActivationsApi api, String name, double[] params) {
    switch (name) {
      case "sigmoid":
        return new DoubleUnaryOperator[] {api::sigmoid, api::sigmoidDerivative};
      case "tanh":
        return new DoubleUnaryOperator[] {api::tanh, api::tanhDerivative};
      case "relu":
        return new DoubleUnaryOperator[] {api::relu, api::reluDerivative};
      case "leakyRelu":
        return new DoubleUnaryOperator[] {x -> api.leakyRelu(x, params[0]), x -> api.leakyReluDerivative(x, params[0])};
      case "elu":
        return new DoubleUnaryOperator[] {x -> api.elu(x, params[0]), x -> api.eluDerivative(x, params[0])};
      case "softplus":
        return new DoubleUnaryOperator[] {x -> api.softplus(x, params[0], params[1]),
            x -> api.softplusDerivative(x, params[0], params[1])};
      case "gelu":
        return new DoubleUnaryOperator[] {api::gelu, api::geluDerivative};
      case "silu":
        return new DoubleUnaryOperator[] {api::silu, api::siluDerivative};
      default:
        throw new IllegalArgumentException("no activation " + name);
    }
  }

  private static String note(String name, double[] params) {
    switch (name) {
      case "sigmoid":
        return "The derivative peaks at 0.25 at x = 0: sigma(x) (1 - sigma(x)).";
      case "tanh":
        return "1 - tanh^2: it peaks at 1.";
      case "relu":
        return "The derivative at exactly 0 is a convention (torch: 0).";
      case "leakyRelu":
        return "Slope " + params[0] + " on the left.";
      case "elu":
        return "alpha (e^x - 1) on the left; with alpha 1 the derivative is continuous at 0.";
      case "softplus":
        return params[0] == 1 && params[1] == 20 ? "log(1 + e^x): its derivative is the sigmoid."
            : "log(1 + e^(beta x)) / beta, and x itself once beta x passes the threshold: its derivative is the sigmoid"
            + " of beta x below it.";
      case "gelu":
        return "x Phi(x): dips below 0 near x = -0.75; the derivative overshoots 1.";
      default:
        return "x sigma(x): like GELU, a small dip and an overshoot.";
    }
  }

  /** One panel: the activation and its derivative on {@code x}, the learner's over the reference's; a guide at {@code mark} unless NaN. */
  private static void pair(Figure f, String name, double[] params, double[] x, double mark) {
    ActivationsApi kata = Target.pick(new ActivationsOfExercises(), new ActivationsOfSolutions());
    DoubleUnaryOperator[] ref = function(new ActivationsOfSolutions(), name, params);
    DoubleUnaryOperator[] mine = function(kata, name, params);
    double[] rf = apply(ref[0], x);
    double[] rd = apply(ref[1], x);
    double[] mf = f.learner(name, () -> apply(mine[0], x));
    double[] md = f.learner(name + "Derivative", () -> apply(mine[1], x));
    Figure.Panel p = f.xy(name + (params.length == 0 ? "" : " " + java.util.Arrays.toString(params)), "x", "value", false)
        .half();
    if (!Double.isNaN(mark)) {
      double lo = Math.min(min(rf), min(rd));
      double hi = Math.max(max(rf), max(rd));
      p.line("x = " + mark, Figure.GUIDE, new double[] {mark, mark}, new double[] {lo, hi});
    }
    p.line(name, Figure.REFERENCE, x, rf);
    p.line(name + "'", Figure.REFERENCE, x, rd);
    if (mf != null) {
      p.line(name + ", yours", Figure.LEARNER, x, mf);
      firstDifference(f, name, x, mf, rf);
    }
    if (md != null) {
      p.line(name + "', yours", Figure.LEARNER, x, md);
      firstDifference(f, name + "Derivative", x, md, rd);
    }
    p.note(note(name, params));
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Double.isFinite(d) ? Math.min(m, d) : m;
    }
    return Double.isFinite(m) ? m : 0;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Double.isFinite(d) ? Math.max(m, d) : m;
    }
    return Double.isFinite(m) ? m : 1;
  }

  private static double[] apply(DoubleUnaryOperator g, double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = g.applyAsDouble(x[i]);
    }
    return out;
  }

  private static void firstDifference(Figure f, String what, double[] x, double[] mine, double[] ref) {
    for (int i = 0; i < x.length; i++) {
      if (!(Math.abs(mine[i] - ref[i]) <= 1e-9 * Math.max(1, Math.abs(ref[i])))) {
        f.error(String.format("%s(%.4g) = %.6g where the reference gives %.6g", what, x[i], mine[i], ref[i]));
        return;
      }
    }
  }
}

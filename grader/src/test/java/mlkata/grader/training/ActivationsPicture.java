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
    ActivationsApi kata = Target.pick(new ActivationsOfExercises(), new ActivationsOfSolutions());
    ActivationsApi ref = new ActivationsOfSolutions();
    Figure f = new Figure("Activations and their derivatives", "x from -4 to 4 in steps of 0.05 (x = 0 included);"
        + " leaky ReLU slope 0.1, ELU alpha 1, softplus beta 1 and threshold 20");
    pair(f, "sigmoid", ref::sigmoid, ref::sigmoidDerivative, kata::sigmoid, kata::sigmoidDerivative,
        "The derivative peaks at 0.25 at x = 0: sigma(x) (1 - sigma(x)).");
    pair(f, "tanh", ref::tanh, ref::tanhDerivative, kata::tanh, kata::tanhDerivative,
        "1 - tanh^2: it peaks at 1.");
    pair(f, "relu", ref::relu, ref::reluDerivative, kata::relu, kata::reluDerivative,
        "The derivative at exactly 0 is a convention (torch: 0).");
    pair(f, "leakyRelu", x -> ref.leakyRelu(x, 0.1), x -> ref.leakyReluDerivative(x, 0.1), x -> kata.leakyRelu(x, 0.1),
        x -> kata.leakyReluDerivative(x, 0.1), "Slope 0.1 on the left.");
    pair(f, "elu", x -> ref.elu(x, 1), x -> ref.eluDerivative(x, 1), x -> kata.elu(x, 1), x -> kata.eluDerivative(x, 1),
        "alpha (e^x - 1) on the left; with alpha 1 the derivative is continuous at 0.");
    pair(f, "softplus", x -> ref.softplus(x, 1, 20), x -> ref.softplusDerivative(x, 1, 20), x -> kata.softplus(x, 1, 20),
        x -> kata.softplusDerivative(x, 1, 20), "log(1 + e^x): its derivative is the sigmoid.");
    pair(f, "gelu", ref::gelu, ref::geluDerivative, kata::gelu, kata::geluDerivative,
        "x Phi(x): dips below 0 near x = -0.75; the derivative overshoots 1.");
    pair(f, "silu", ref::silu, ref::siluDerivative, kata::silu, kata::siluDerivative,
        "x sigma(x): like GELU, a small dip and an overshoot.");
    return f;
  }

  private static void pair(Figure f, String name, DoubleUnaryOperator refF, DoubleUnaryOperator refD,
      DoubleUnaryOperator myF, DoubleUnaryOperator myD, String note) {
    double[] x = new double[POINTS];
    double[] rf = new double[POINTS];
    double[] rd = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = -4 + 0.05 * i;
      if (i == 80) {
        x[i] = 0; // exactly, not 1e-16
      }
      rf[i] = refF.applyAsDouble(x[i]);
      rd[i] = refD.applyAsDouble(x[i]);
    }
    double[] mf = f.learner(name, () -> apply(myF, x));
    double[] md = f.learner(name + "Derivative", () -> apply(myD, x));
    Figure.Panel p = f.xy(name, "x", "value", false).half();
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
    p.note(note);
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
        f.error(String.format("%s(%.2f) = %.6g where the reference gives %.6g", what, x[i], mine[i], ref[i]));
        return;
      }
    }
  }
}

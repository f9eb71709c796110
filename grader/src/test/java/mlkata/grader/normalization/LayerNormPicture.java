package mlkata.grader.normalization;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/** {@code kata show layer-norm}: which cells share their statistics, read off the outputs (see {@link BatchNormPicture}). */
public final class LayerNormPicture implements KataPicture {
  @Override
  public Figure draw() {
    LayerNormApi kata = Target.pick(new LayerNormOfExercises(), new LayerNormOfSolutions());
    LayerNormApi ref = new LayerNormOfSolutions();
    double[] gamma = new double[12];
    java.util.Arrays.fill(gamma, 1);
    double[] beta = new double[12];
    Figure f = new Figure("Layer norm: which cells are averaged together", "x of shape [N=3, D=12],"
        + " x[n][d] = sin(1 + n + 2.3 (d / 3) + 0.7 (d mod 3)); the cell x[1][7] is nudged by 0.5");
    Figure.Panel p = f.grids("Output cells that move when x[1][7] moves (1 = moves)", "d (feature)", "n (sample)", 0, 1);
    BatchNormPicture.groups(f, p, "forward", x -> wrap(ref.forward(flat(x), gamma, beta, 1e-5).y()),
        x -> wrap(kata.forward(flat(x), gamma, beta, 1e-5).y()), 1, 2, 1);
    p.note("Layer norm averages each sample over its features: the nudge moves the whole of row 1 and nothing else."
        + " A lit column instead means a mean over the batch (batch norm's axis).");
    return f;
  }

  /**
   * Draws the batch of a failing property, finite-difference or differential check ({@code Batch}): the
   * output y and the gradient dx of loss = sum(dy * y), the learner's beside the reference's.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof LayerNormGens.Batch b) || b.x().length == 0) {
      return null;
    }
    LayerNormApi kata = Target.pick(new LayerNormOfExercises(), new LayerNormOfSolutions());
    LayerNormApi ref = new LayerNormOfSolutions();
    Figure f = new Figure("Layer norm", b.toString());
    LayerNormApi.Forward r = ref.forward(b.x(), b.gamma(), b.beta(), b.eps());
    LayerNormApi.Gradients rg = ref.backward(b.dy(), r.cache());
    LayerNormApi.Forward m = f.learner("forward", () -> kata.forward(BatchNormPicture.copy(b.x()), b.gamma().clone(),
        b.beta().clone(), b.eps()));
    LayerNormApi.Gradients mg = m == null ? null : f.learner("backward",
        () -> kata.backward(BatchNormPicture.copy(b.dy()), m.cache()));
    BatchNormPicture.outputs(f, "d (feature)", "forward: y", r.y(), m == null ? null : m.y(), "backward: dx", rg.dx(),
        mg == null ? null : mg.dx());
    return f;
  }

  /** [N][C][L] to [N][C * L], channel-major. */
  static double[][] flat(double[][][] x) {
    double[][] out = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      out[n] = new double[x[n].length * x[n][0].length];
      for (int c = 0; c < x[n].length; c++) {
        System.arraycopy(x[n][c], 0, out[n], c * x[n][c].length, x[n][c].length);
      }
    }
    return out;
  }

  /** [N][D] as [N][1][D], for the shared drawing. */
  static double[][][] wrap(double[][] y) {
    double[][][] out = new double[y.length][1][];
    for (int n = 0; n < y.length; n++) {
      out[n][0] = y[n];
    }
    return out;
  }
}

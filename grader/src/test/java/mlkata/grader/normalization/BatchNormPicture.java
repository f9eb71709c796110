package mlkata.grader.normalization;

import java.util.function.Function;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show batch-norm}: which cells share their statistics. One input cell is nudged; every
 * output cell that moves was normalized with it (the same mean and variance). The learner's grouping is
 * read off the learner's own outputs, so a mean over the wrong axes shows as the wrong cells lit.
 */
public final class BatchNormPicture implements KataPicture {
  static final int N = 3;
  static final int C = 4;
  static final int L = 3;

  @Override
  public Figure draw() {
    BatchNormApi kata = Target.pick(new BatchNormOfExercises(), new BatchNormOfSolutions());
    BatchNormApi ref = new BatchNormOfSolutions();
    double[] gamma = {1, 1, 1, 1};
    double[] beta = new double[C];
    Figure f = new Figure("Batch norm: which cells are averaged together", "x of shape [N=3, C=4, L=3],"
        + " x[n][c][l] = sin(1 + n + 2.3 c + 0.7 l); training mode; the cell x[1][2][1] is nudged by 0.5");
    Figure.Panel p = f.grids("Output cells that move when x[1][2][1] moves (1 = moves)", "c * L + l (channel-major)",
        "n (sample)", 0, 1);
    groups(f, p, "trainForward", x -> ref.trainForward(x, gamma, beta, new double[C], new double[C], 0.1, 1e-5).y(),
        x -> kata.trainForward(x, gamma, beta, new double[C], new double[C], 0.1, 1e-5).y(), 1, 2, 1);
    p.note("Batch norm averages each channel over the batch and the positions: the nudge moves one channel's column"
        + " block in every sample. Lit cells in one row only mean a per-sample mean (that is layer or instance norm).");
    return f;
  }

  /**
   * Draws the problem of a failing property, gradient check or differential check ({@code Problem}): the
   * training-mode output y and the gradient dx of loss = sum(dy * y), the learner's beside the reference's.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof BatchNormGens.Problem pr) || pr.x().length == 0) {
      return null;
    }
    BatchNormApi kata = Target.pick(new BatchNormOfExercises(), new BatchNormOfSolutions());
    BatchNormApi ref = new BatchNormOfSolutions();
    Figure f = new Figure("Batch norm", pr.toString());
    BatchNormApi.Forward r = ref.trainForward(pr.x(), pr.gamma(), pr.beta(), pr.runningMean(), pr.runningVar(),
        pr.momentum(), pr.eps());
    BatchNormApi.Gradients rg = ref.backward(pr.dy(), r.cache());
    BatchNormApi.Forward m = f.learner("trainForward", () -> kata.trainForward(copy(pr.x()), pr.gamma().clone(),
        pr.beta().clone(), pr.runningMean().clone(), pr.runningVar().clone(), pr.momentum(), pr.eps()));
    BatchNormApi.Gradients mg = m == null ? null : f.learner("backward", () -> kata.backward(copy(pr.dy()), m.cache()));
    outputs(f, "c * L + l (channel-major)", "trainForward: y", LayerNormPicture.flat(r.y()),
        m == null ? null : LayerNormPicture.flat(m.y()), "backward: dx", LayerNormPicture.flat(rg.dx()),
        mg == null ? null : LayerNormPicture.flat(mg.dx()));
    return f;
  }

  /**
   * Two panels of heatmaps for a failing input: the output ({@code refY} beside {@code myY}) and the input
   * gradient ({@code refDx} beside {@code myDx}), rows = samples; a learner's null draws nothing.
   */
  static void outputs(Figure f, String columns, String yWhat, double[][] refY, double[][] myY, String dxWhat,
      double[][] refDx, double[][] myDx) {
    for (int k = 0; k < 2; k++) {
      double[][] r = k == 0 ? refY : refDx;
      double[][] m = k == 0 ? myY : myDx;
      String what = k == 0 ? yWhat : dxWhat;
      // One colour scale for both sides, over every finite value of either: a learner's outlier stays readable.
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[][] side : new double[][][] {r, m}) {
        for (double[] row : side == null ? new double[0][] : side) {
          for (double v : row) {
            lo = Double.isFinite(v) ? Math.min(lo, v) : lo;
            hi = Double.isFinite(v) ? Math.max(hi, v) : hi;
          }
        }
      }
      if (!(hi - lo > 1e-12)) {
        lo = Double.isFinite(lo) ? lo - 0.5 : 0;
        hi = lo + 1;
      }
      Figure.Panel p = f.grids(what + ": row = sample, column = " + columns, columns, "n (sample)", lo, hi);
      p.grid("reference", Figure.REFERENCE, r, null);
      if (m != null) {
        p.grid("yours", Figure.LEARNER, m, null);
        compare(f, what, m, r);
      }
    }
  }

  private static void compare(Figure f, String what, double[][] mine, double[][] ref) {
    for (int i = 0; i < ref.length; i++) {
      for (int j = 0; j < ref[i].length; j++) {
        if (i >= mine.length || j >= mine[i].length) {
          f.error(what + ": the shape differs from the reference's");
          return;
        }
        if (!(Math.abs(mine[i][j] - ref[i][j]) <= 1e-9 * Math.max(1, Math.abs(ref[i][j])))) {
          f.error(String.format("%s[%d][%d] = %.6g where the reference gives %.6g", what, i, j, mine[i][j], ref[i][j]));
          return;
        }
      }
    }
  }

  static double[][][] copy(double[][][] a) {
    double[][][] out = new double[a.length][][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length][];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = a[i][j].clone();
      }
    }
    return out;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static double[][][] input() {
    double[][][] x = new double[N][C][L];
    for (int n = 0; n < N; n++) {
      for (int c = 0; c < C; c++) {
        for (int l = 0; l < L; l++) {
          x[n][c][l] = Math.sin(1 + n + 2.3 * c + 0.7 * l);
        }
      }
    }
    return x;
  }

  /** Draws the cells of the output of {@code ref} and of {@code mine} that move with x[n0][c0][l0]. */
  static void groups(Figure f, Figure.Panel p, String what, Function<double[][][], double[][][]> ref,
      Function<double[][][], double[][][]> mine, int n0, int c0, int l0) {
    double[][][] x = input();
    double[][][] nudged = input();
    nudged[n0][c0][l0] += 0.5;
    boolean[][] marked = new boolean[N][C * L];
    marked[n0][c0 * L + l0] = true;
    double[][] r = moved(ref.apply(x), ref.apply(nudged));
    p.grid("reference", Figure.REFERENCE, r, marked);
    double[][][] a = f.learner(what, () -> mine.apply(x));
    double[][][] b = a == null ? null : f.learner(what, () -> mine.apply(nudged));
    if (b != null) {
      double[][] m = moved(a, b);
      p.grid("yours", Figure.LEARNER, m, marked);
      if (!java.util.Arrays.deepEquals(m, r)) {
        f.error(what + ": the cells that move with x[" + n0 + "][" + c0 + "][" + l0 + "] are not the reference's:"
            + " the mean and variance are taken over other axes");
      }
    }
  }

  static double[][] moved(double[][][] y, double[][][] y2) {
    double[][] out = new double[y.length][];
    for (int n = 0; n < y.length; n++) {
      int cl = 0;
      for (double[] row : y[n]) {
        cl += row.length;
      }
      out[n] = new double[cl];
      int k = 0;
      for (int c = 0; c < y[n].length; c++) {
        for (int l = 0; l < y[n][c].length; l++) {
          out[n][k++] = Math.abs(y2[n][c][l] - y[n][c][l]) > 1e-12 ? 1 : 0;
        }
      }
    }
    return out;
  }
}

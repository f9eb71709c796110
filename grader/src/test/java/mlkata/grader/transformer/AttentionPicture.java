package mlkata.grader.transformer;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show attention}: the attention weights as heatmaps, the learner's beside the reference's,
 * with a causal mask and a padded last key; the cells no query may attend to are crossed out.
 */
public final class AttentionPicture implements KataPicture {
  static final double[][] Q = {{1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 2}};
  static final double[][] K = {{1, 0}, {0, 1}, {1, 1}, {-1, 0}, {0, -1}};
  static final double[][] V = {{1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 2}};

  @Override
  public Figure draw() {
    AttentionApi kata = Target.pick(new AttentionOfExercises(), new AttentionOfSolutions());
    AttentionApi ref = new AttentionOfSolutions();
    int n = Q.length;
    boolean[][] mask = new boolean[n][n];
    boolean[][] blocked = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        mask[i][j] = j != n - 1; // the last key is padding
        blocked[i][j] = !mask[i][j] || j > i;
      }
    }
    Figure f = new Figure("Scaled dot-product attention", "5 queries and keys in 2 dimensions, Q = [[1,0],[0,1],[1,1],[2,0],[0,2]],"
        + " K = [[1,0],[0,1],[1,1],[-1,0],[0,-1]]; causal, and a mask that hides the last key (padding);"
        + " scale 1/sqrt(2)");
    AttentionApi.Result r = ref.attend(Q, K, V, mask, true);
    AttentionApi.Result m = f.learner("attend", () -> kata.attend(Q, K, V, mask, true));
    Figure.Panel p = f.grids("Attention weights: row = query, column = key (each row sums to 1)", "key", "query", 0, 1);
    p.grid("reference", Figure.REFERENCE, r.weights(), blocked);
    if (m != null) {
      p.grid("yours", Figure.LEARNER, m.weights(), blocked);
      compare(f, "attend: weights", m.weights(), r.weights());
    }
    p.note("Crossed cells must hold 0: the causal mask hides keys after the query, the padding mask hides the last"
        + " key. A row that is not a probability distribution, or a mask applied after the softmax, shows here.");
    AttentionApi.Result open = ref.attend(Q, K, V, null, false);
    AttentionApi.Result mineOpen = f.learner("attend (no mask)", () -> kata.attend(Q, K, V, null, false));
    Figure.Panel q = f.grids("The same without any mask", "key", "query", 0, 1);
    q.grid("reference", Figure.REFERENCE, open.weights(), null);
    if (mineOpen != null) {
      q.grid("yours", Figure.LEARNER, mineOpen.weights(), null);
      compare(f, "attend (no mask): weights", mineOpen.weights(), open.weights());
    }
    q.note("Forgetting the 1/sqrt(d) scale makes every row peakier than the reference's.");
    return f;
  }

  /**
   * Draws the attention input of a failing property or differential check ({@code AttentionInput}): its
   * weights and outputs, the learner's beside the reference's.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof TransformerGens.AttentionInput in)) {
      return null;
    }
    AttentionApi kata = Target.pick(new AttentionOfExercises(), new AttentionOfSolutions());
    AttentionApi ref = new AttentionOfSolutions();
    Figure f = new Figure("Scaled dot-product attention", in.toString());
    AttentionApi.Result r = ref.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
    AttentionApi.Result m = f.learner("attend", () -> kata.attend(copy(in.q()), copy(in.k()), copy(in.v()),
        in.mask() == null ? null : copy(in.mask()), in.causal()));
    boolean[][] blocked = new boolean[in.lq()][in.lk()];
    for (int i = 0; i < in.lq(); i++) {
      for (int j = 0; j < in.lk(); j++) {
        blocked[i][j] = (in.mask() != null && !in.mask()[i][j]) || (in.causal() && j > i);
      }
    }
    Figure.Panel p = f.grids("Attention weights: row = query, column = key", "key", "query", 0, 1);
    p.grid("reference", Figure.REFERENCE, r.weights(), blocked);
    if (m != null) {
      p.grid("yours", Figure.LEARNER, m.weights(), blocked);
      compare(f, "attend: weights", m.weights(), r.weights());
    }
    p.note("Crossed cells (masked, or after the query when causal) must hold 0.");
    double lo = 0;
    double hi = 0;
    for (double[] row : r.output()) {
      for (double v : row) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    Figure.Panel q = f.grids("Output = weights V: row = query, column = value dimension", "dimension", "query", lo,
        hi > lo ? hi : lo + 1);
    q.grid("reference", Figure.REFERENCE, r.output(), null);
    if (m != null) {
      q.grid("yours", Figure.LEARNER, m.output(), null);
      compare(f, "attend: output", m.output(), r.output());
    }
    return f;
  }

  static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static boolean[][] copy(boolean[][] a) {
    boolean[][] out = new boolean[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static void compare(Figure f, String what, double[][] mine, double[][] ref) {
    if (mine == null) {
      return;
    }
    if (mine.length != ref.length) {
      f.error(what + ": " + mine.length + " rows where the reference has " + ref.length);
      return;
    }
    for (int i = 0; i < ref.length; i++) {
      for (int j = 0; j < Math.min(mine[i].length, ref[i].length); j++) {
        if (!(Math.abs(mine[i][j] - ref[i][j]) <= 1e-9)) {
          f.error(String.format("%s[%d][%d] = %.4f where the reference gives %.4f", what, i, j, mine[i][j], ref[i][j]));
          return;
        }
      }
    }
  }
}

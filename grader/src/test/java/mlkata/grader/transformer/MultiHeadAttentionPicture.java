package mlkata.grader.transformer;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show multi-head-attention}: the head-averaged attention weights of causal self-attention,
 * as heatmaps, the learner's beside the reference's, for one head and for two heads.
 */
public final class MultiHeadAttentionPicture implements KataPicture {
  static final int L = 5;
  static final int E = 4;

  @Override
  public Figure draw() {
    MultiHeadAttentionApi kata = Target.pick(new MultiHeadAttentionOfExercises(), new MultiHeadAttentionOfSolutions());
    MultiHeadAttentionApi ref = new MultiHeadAttentionOfSolutions();
    double[][] x = new double[L][E];
    for (int i = 0; i < L; i++) {
      for (int e = 0; e < E; e++) {
        x[i][e] = Math.sin(1.3 * i + 0.7 * e) + 0.2 * e;
      }
    }
    double[][] w = new double[3 * E][E];
    double[] b = new double[3 * E];
    double[][] wo = new double[E][E];
    double[] bo = new double[E];
    for (int r = 0; r < 3 * E; r++) {
      for (int c = 0; c < E; c++) {
        w[r][c] = Math.cos(0.9 * r - 0.5 * c) * 0.8;
      }
      b[r] = 0.05 * (r % 3);
    }
    for (int r = 0; r < E; r++) {
      wo[r][r] = 1;
    }
    MultiHeadAttentionApi.Parameters params = new MultiHeadAttentionApi.Parameters(w, b, wo, bo);
    boolean[][] future = new boolean[L][L];
    for (int i = 0; i < L; i++) {
      for (int j = 0; j < L; j++) {
        future[i][j] = j > i;
      }
    }
    Figure f = new Figure("Multi-head self-attention", "5 tokens of width 4, x[i][e] = sin(1.3 i + 0.7 e) + 0.2 e;"
        + " in-projection weights cos(0.9 r - 0.5 c) * 0.8, biases 0, 0.05, 0.1 repeating; identity out-projection;"
        + " causal");
    for (int heads : new int[] {1, 2}) {
      MultiHeadAttentionApi.Result r = ref.selfAttention(x, heads, params, null, true);
      MultiHeadAttentionApi.Result m = f.learner("selfAttention with " + heads + (heads == 1 ? " head" : " heads"),
          () -> kata.selfAttention(x, heads, params, null, true));
      Figure.Panel p = f.grids("Weights averaged over " + heads + (heads == 1 ? " head" : " heads")
          + ": row = query token, column = key token", "key", "query", 0, 1);
      p.grid("reference", Figure.REFERENCE, r.weights(), future);
      if (m != null) {
        p.grid("yours", Figure.LEARNER, m.weights(), future);
        AttentionPicture.compare(f, "selfAttention (" + heads + " heads): weights", m.weights(), r.weights());
      }
      p.note(heads == 1 ? "One head: the plain attention of the projected queries and keys, scaled by 1/sqrt(4)."
          : "Two heads of width 2, each scaled by 1/sqrt(2), then averaged: splitting the width wrongly"
              + " (interleaved instead of contiguous slices) changes these.");
    }
    return f;
  }

  /** Draws the input of a failing property or differential check ({@code MhaInput}): its head-averaged weights. */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof TransformerGens.MhaInput in)) {
      return null;
    }
    MultiHeadAttentionApi kata = Target.pick(new MultiHeadAttentionOfExercises(), new MultiHeadAttentionOfSolutions());
    MultiHeadAttentionApi ref = new MultiHeadAttentionOfSolutions();
    Figure f = new Figure("Multi-head self-attention", in.toString());
    MultiHeadAttentionApi.Result r = ref.selfAttention(in.x(), in.numHeads(), in.params(), in.mask(), in.causal());
    MultiHeadAttentionApi.Result m = f.learner("selfAttention", () -> kata.selfAttention(AttentionPicture.copy(in.x()),
        in.numHeads(), in.params(), in.mask() == null ? null : AttentionPicture.copy(in.mask()), in.causal()));
    int n = in.length();
    boolean[][] blocked = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        blocked[i][j] = (in.mask() != null && !in.mask()[i][j]) || (in.causal() && j > i);
      }
    }
    Figure.Panel p = f.grids("Weights averaged over " + in.numHeads() + (in.numHeads() == 1 ? " head" : " heads")
        + ": row = query token, column = key token", "key", "query", 0, 1);
    p.grid("reference", Figure.REFERENCE, r.weights(), blocked);
    if (m != null) {
      p.grid("yours", Figure.LEARNER, m.weights(), blocked);
      AttentionPicture.compare(f, "selfAttention: weights", m.weights(), r.weights());
      AttentionPicture.compare(f, "selfAttention: output", m.output(), r.output());
    }
    p.note("Crossed cells (masked, or after the query when causal) must hold 0 in every head, so in the average too.");
    return f;
  }
}

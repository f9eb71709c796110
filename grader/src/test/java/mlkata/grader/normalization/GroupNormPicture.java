package mlkata.grader.normalization;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/** {@code kata show group-norm}: which cells share their statistics, read off the outputs (see {@link BatchNormPicture}). */
public final class GroupNormPicture implements KataPicture {
  @Override
  public Figure draw() {
    GroupNormApi kata = Target.pick(new GroupNormOfExercises(), new GroupNormOfSolutions());
    GroupNormApi ref = new GroupNormOfSolutions();
    double[] gamma = {1, 1, 1, 1};
    double[] beta = new double[4];
    Figure f = new Figure("Group norm: which cells are averaged together", "x of shape [N=3, C=4, L=3],"
        + " x[n][c][l] = sin(1 + n + 2.3 c + 0.7 l); 2 groups of 2 channels; the cell x[1][2][1] is nudged by 0.5");
    Figure.Panel p = f.grids("Output cells that move when x[1][2][1] moves (1 = moves)", "c * L + l (channel-major)",
        "n (sample)", 0, 1);
    BatchNormPicture.groups(f, p, "forward", x -> ref.forward(x, 2, gamma, beta).y(),
        x -> kata.forward(x, 2, gamma, beta).y(), 1, 2, 1);
    p.note("Group norm averages within one sample, over a group of consecutive channels and all their positions:"
        + " channels 2 and 3 of sample 1 here. Interleaved groups (c mod G) or the whole row are the classic slips.");
    return f;
  }

  /**
   * Draws the batch of a failing property, finite-difference or differential check ({@code Batch}): the
   * output y and the gradient dx of loss = sum(dy * y), the learner's beside the reference's.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof GroupNormGens.Batch b) || b.x().length == 0) {
      return null;
    }
    GroupNormApi kata = Target.pick(new GroupNormOfExercises(), new GroupNormOfSolutions());
    GroupNormApi ref = new GroupNormOfSolutions();
    Figure f = new Figure("Group norm", b.toString());
    GroupNormApi.Forward r = ref.forward(b.x(), b.groups(), b.gamma(), b.beta(), b.eps());
    GroupNormApi.Gradients rg = ref.backward(b.dy(), r.cache());
    GroupNormApi.Forward m = f.learner("forward", () -> kata.forward(BatchNormPicture.copy(b.x()), b.groups(),
        b.gamma().clone(), b.beta().clone(), b.eps()));
    GroupNormApi.Gradients mg = m == null ? null : f.learner("backward",
        () -> kata.backward(BatchNormPicture.copy(b.dy()), m.cache()));
    BatchNormPicture.outputs(f, "c * L + l (channel-major)", "forward: y", LayerNormPicture.flat(r.y()),
        m == null ? null : LayerNormPicture.flat(m.y()), "backward: dx", LayerNormPicture.flat(rg.dx()),
        mg == null ? null : LayerNormPicture.flat(mg.dx()));
    return f;
  }
}

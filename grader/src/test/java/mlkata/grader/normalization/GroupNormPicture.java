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
}

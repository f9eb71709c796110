// Generated from SparseAdamOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.SparseAdam;

/** Binds {@link SparseAdamSpec} to the learner's {@code SparseAdam}; the build writes the twin for the solution. */
final class SparseAdamOfSolutions implements SparseAdamApi {
  @Override
  public Update step(double[][] table, int[] indices, double[][] values, State state, Config config) {
    SparseAdam.State s = state == null ? null : new SparseAdam.State(state.m(), state.v(), state.step());
    SparseAdam.Config c = config == null ? null
        : new SparseAdam.Config(config.lr(), config.beta1(), config.beta2(), config.eps());
    SparseAdam.Update r = SparseAdam.step(table, indices, values, s, c);
    return r == null ? null : new Update(r.rows(), r.params(), r.m(), r.v(), r.step());
  }

  @Override
  public State initial(int rows, int dim) {
    SparseAdam.State s = SparseAdam.State.initial(rows, dim);
    return s == null ? null : new State(s.m(), s.v(), s.step());
  }

  @Override
  public Config defaults() {
    SparseAdam.Config c = SparseAdam.Config.defaults();
    return c == null ? null : new Config(c.lr(), c.beta1(), c.beta2(), c.eps());
  }
}

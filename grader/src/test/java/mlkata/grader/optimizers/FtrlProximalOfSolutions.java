// Generated from FtrlProximalOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.FtrlProximal;

/** Binds {@link FtrlProximalSpec} to the learner's {@code FtrlProximal}; the build writes the twin for the solution. */
final class FtrlProximalOfSolutions implements FtrlProximalApi {
  @Override
  public State initial(int size) {
    FtrlProximal.State s = FtrlProximal.State.initial(size);
    return s == null ? null : new State(s.z(), s.n());
  }

  @Override
  public double weight(double z, double n, Config config) {
    return FtrlProximal.weight(z, n, toConfig(config));
  }

  @Override
  public Step step(State state, int[] indices, double[] values, int label, Config config) {
    FtrlProximal.State s = state == null ? null : new FtrlProximal.State(state.z(), state.n());
    FtrlProximal.Step r = FtrlProximal.step(s, indices, values, label, toConfig(config));
    if (r == null) {
      return null;
    }
    return new Step(r.probability(), r.state() == null ? null : new State(r.state().z(), r.state().n()));
  }

  private static FtrlProximal.Config toConfig(Config c) {
    return c == null ? null : new FtrlProximal.Config(c.alpha(), c.beta(), c.l1(), c.l2());
  }
}

// Generated from SgdMomentumOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.SgdMomentum;

/** Binds {@link SgdMomentumSpec} to the learner's {@code SgdMomentum}; the build writes the twin for the solution. */
final class SgdMomentumOfSolutions implements SgdMomentumApi {
  @Override
  public Step step(double[] params, double[] grads, State state, Config config) {
    SgdMomentum.State s = state == null ? null : new SgdMomentum.State(state.buffer(), state.step());
    SgdMomentum.Config c = config == null ? null : new SgdMomentum.Config(config.lr(), config.momentum(),
        config.dampening(), config.weightDecay(), config.nesterov());
    SgdMomentum.Step r = SgdMomentum.step(params, grads, s, c);
    return r == null ? null : new Step(r.params(), toState(r.state()));
  }

  @Override
  public State initial(int size) {
    return toState(SgdMomentum.State.initial(size));
  }

  @Override
  public Config defaults(double lr) {
    SgdMomentum.Config c = SgdMomentum.Config.defaults(lr);
    return c == null ? null : new Config(c.lr(), c.momentum(), c.dampening(), c.weightDecay(), c.nesterov());
  }

  private static State toState(SgdMomentum.State s) {
    return s == null ? null : new State(s.buffer(), s.step());
  }
}

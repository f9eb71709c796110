// Generated from AdamOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.Adam;

/** Binds {@link AdamSpec} to the learner's {@code Adam}; the build writes the twin for the solution. */
final class AdamOfSolutions implements AdamApi {
  @Override
  public Step step(double[] params, double[] grads, State state, Config config) {
    Adam.State s = state == null ? null : new Adam.State(state.m(), state.v(), state.vMax(), state.step());
    Adam.Config c = config == null ? null : new Adam.Config(config.lr(), config.beta1(), config.beta2(),
        config.eps(), config.weightDecay(), config.decoupled(), config.amsgrad());
    Adam.Step r = Adam.step(params, grads, s, c);
    return r == null ? null : new Step(r.params(), toState(r.state()));
  }

  @Override
  public State initial(int size) {
    return toState(Adam.State.initial(size));
  }

  @Override
  public Config defaults() {
    return toConfig(Adam.Config.defaults());
  }

  @Override
  public Config adamW() {
    return toConfig(Adam.Config.adamW());
  }

  private static State toState(Adam.State s) {
    return s == null ? null : new State(s.m(), s.v(), s.vMax(), s.step());
  }

  private static Config toConfig(Adam.Config c) {
    return c == null ? null
        : new Config(c.lr(), c.beta1(), c.beta2(), c.eps(), c.weightDecay(), c.decoupled(), c.amsgrad());
  }
}

// Generated from AdagradRmspropOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.AdagradRmsprop;

/** Binds {@link AdagradRmspropSpec} to the learner's {@code AdagradRmsprop}; the build writes the twin for the solution. */
final class AdagradRmspropOfSolutions implements AdagradRmspropApi {
  @Override
  public AdagradStep adagrad(double[] params, double[] grads, AdagradState state, AdagradConfig config) {
    AdagradRmsprop.AdagradState s = state == null ? null : new AdagradRmsprop.AdagradState(state.sum(), state.step());
    AdagradRmsprop.AdagradConfig c = config == null ? null
        : new AdagradRmsprop.AdagradConfig(config.lr(), config.lrDecay(), config.weightDecay(), config.eps());
    AdagradRmsprop.AdagradStep r = AdagradRmsprop.adagrad(params, grads, s, c);
    return r == null ? null : new AdagradStep(r.params(), toState(r.state()));
  }

  @Override
  public AdagradState adagradInitial(int size, double initialAccumulatorValue) {
    return toState(AdagradRmsprop.AdagradState.initial(size, initialAccumulatorValue));
  }

  @Override
  public AdagradConfig adagradDefaults() {
    AdagradRmsprop.AdagradConfig c = AdagradRmsprop.AdagradConfig.defaults();
    return c == null ? null : new AdagradConfig(c.lr(), c.lrDecay(), c.weightDecay(), c.eps());
  }

  @Override
  public RmspropStep rmsprop(double[] params, double[] grads, RmspropState state, RmspropConfig config) {
    AdagradRmsprop.RmspropState s = state == null ? null
        : new AdagradRmsprop.RmspropState(state.squareAvg(), state.gradAvg(), state.buffer(), state.step());
    AdagradRmsprop.RmspropConfig c = config == null ? null : new AdagradRmsprop.RmspropConfig(config.lr(),
        config.alpha(), config.eps(), config.weightDecay(), config.momentum(), config.centered());
    AdagradRmsprop.RmspropStep r = AdagradRmsprop.rmsprop(params, grads, s, c);
    return r == null ? null : new RmspropStep(r.params(), toState(r.state()));
  }

  @Override
  public RmspropState rmspropInitial(int size) {
    return toState(AdagradRmsprop.RmspropState.initial(size));
  }

  @Override
  public RmspropConfig rmspropDefaults() {
    AdagradRmsprop.RmspropConfig c = AdagradRmsprop.RmspropConfig.defaults();
    return c == null ? null
        : new RmspropConfig(c.lr(), c.alpha(), c.eps(), c.weightDecay(), c.momentum(), c.centered());
  }

  private static AdagradState toState(AdagradRmsprop.AdagradState s) {
    return s == null ? null : new AdagradState(s.sum(), s.step());
  }

  private static RmspropState toState(AdagradRmsprop.RmspropState s) {
    return s == null ? null : new RmspropState(s.squareAvg(), s.gradAvg(), s.buffer(), s.step());
  }
}

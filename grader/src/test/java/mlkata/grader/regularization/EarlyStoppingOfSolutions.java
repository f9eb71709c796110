// Generated from EarlyStoppingOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.regularization;

import mlkata.solutions.regularization.EarlyStopping;

/** Binds {@link EarlyStoppingSpec} to the learner's {@code EarlyStopping}; the build writes the twin for the solution. */
final class EarlyStoppingOfSolutions implements EarlyStoppingApi {
  @Override
  public Result simulate(double[] values, Config config) {
    EarlyStopping.Config kataConfig = config == null ? null
        : new EarlyStopping.Config(config.mode() == null ? null : EarlyStopping.Mode.valueOf(config.mode().name()),
            config.minDelta(), config.patience(), config.baseline(), config.restoreBestWeights());
    EarlyStopping.Result r = EarlyStopping.simulate(values, kataConfig);
    return r == null ? null : new Result(r.lastEpoch(), r.stoppedEarly(), r.bestEpoch(), r.restoredEpoch());
  }
}

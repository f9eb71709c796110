// Generated from LrSchedulesOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.optimizers;

import mlkata.solutions.optimizers.LrSchedules;

/** Binds {@link LrSchedulesSpec} to the learner's {@code LrSchedules}; the build writes the twin for the solution. */
final class LrSchedulesOfSolutions implements LrSchedulesApi {
  @Override
  public double stepLr(double baseLr, int stepSize, double gamma, int epoch) {
    return LrSchedules.stepLr(baseLr, stepSize, gamma, epoch);
  }

  @Override
  public double multiStepLr(double baseLr, int[] milestones, double gamma, int epoch) {
    return LrSchedules.multiStepLr(baseLr, milestones, gamma, epoch);
  }

  @Override
  public double exponentialLr(double baseLr, double gamma, int epoch) {
    return LrSchedules.exponentialLr(baseLr, gamma, epoch);
  }

  @Override
  public double cosineAnnealingLr(double baseLr, int tMax, double etaMin, int epoch) {
    return LrSchedules.cosineAnnealingLr(baseLr, tMax, etaMin, epoch);
  }

  @Override
  public double warmupCosineLr(double baseLr, int warmupEpochs, double startFactor, int tMax, double etaMin,
      int epoch) {
    return LrSchedules.warmupCosineLr(baseLr, warmupEpochs, startFactor, tMax, etaMin, epoch);
  }
}

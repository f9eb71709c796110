package mlkata.grader.metrics;

import mlkata.exercises.metrics.Calibration;

/** Binds {@link CalibrationSpec} to the learner's {@code Calibration}; the build writes the twin for the solution. */
final class CalibrationOfExercises implements CalibrationApi {
  @Override
  public double brierScore(double[] probs, int[] labels) {
    return Calibration.brierScore(probs, labels);
  }

  @Override
  public double logLoss(double[] probs, int[] labels) {
    return Calibration.logLoss(probs, labels);
  }

  @Override
  public Reliability calibrationCurve(double[] probs, int[] labels, int nBins, Strategy strategy) {
    Calibration.Reliability r = Calibration.calibrationCurve(probs, labels, nBins, convert(strategy));
    return r == null ? null : new Reliability(r.fractionPositive(), r.meanPredicted(), r.counts());
  }

  @Override
  public double expectedCalibrationError(double[] probs, int[] labels, int nBins, Strategy strategy) {
    return Calibration.expectedCalibrationError(probs, labels, nBins, convert(strategy));
  }

  private static Calibration.Strategy convert(Strategy strategy) {
    return strategy == null ? null : Calibration.Strategy.valueOf(strategy.name());
  }
}

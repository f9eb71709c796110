// Generated from KsTwoSampleOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.drift;

import mlkata.solutions.drift.KsTwoSample;

/** Binds {@link KsTwoSampleSpec} to the learner's {@code KsTwoSample}; the build writes the twin for the solution. */
final class KsTwoSampleOfSolutions implements KsTwoSampleApi {
  @Override
  public Result test(double[] a, double[] b) {
    KsTwoSample.Result r = KsTwoSample.test(a, b);
    return r == null ? null : new Result(r.statistic(), r.location(), r.sign(), r.pValue());
  }

  @Override
  public double kolmogorovSurvival(double x) {
    return KsTwoSample.kolmogorovSurvival(x);
  }
}

// Generated from SplitGainOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.ensembles;

import mlkata.solutions.ensembles.SplitGain;

/** Binds {@link SplitGainSpec} to the learner's {@code SplitGain}; the build writes the twin for the solution. */
final class SplitGainOfSolutions implements SplitGainApi {
  @Override
  public GradHess gradients(Loss loss, double[] margin, double[] labels) {
    SplitGain.GradHess r = SplitGain.gradients(loss == null ? null : SplitGain.Loss.valueOf(loss.name()), margin, labels);
    return r == null ? null : new GradHess(r.grad(), r.hess());
  }

  @Override
  public double leafWeight(double sumGrad, double sumHess, Params params) {
    return SplitGain.leafWeight(sumGrad, sumHess, toKata(params));
  }

  @Override
  public double gain(double gradLeft, double hessLeft, double gradRight, double hessRight, Params params) {
    return SplitGain.gain(gradLeft, hessLeft, gradRight, hessRight, toKata(params));
  }

  @Override
  public Split bestSplit(double[] feature, double[] grad, double[] hess, Params params) {
    SplitGain.Split s = SplitGain.bestSplit(feature, grad, hess, toKata(params));
    return s == null ? null : new Split(s.found(), s.threshold(), s.gain(), s.leftWeight(), s.rightWeight());
  }

  @Override
  public double[] predict(Split split, double[] feature) {
    SplitGain.Split s = split == null ? null
        : new SplitGain.Split(split.found(), split.threshold(), split.gain(), split.leftWeight(), split.rightWeight());
    return SplitGain.predict(s, feature);
  }

  private static SplitGain.Params toKata(Params p) {
    return p == null ? null : new SplitGain.Params(p.lambda(), p.alpha(), p.gamma(), p.minChildWeight());
  }
}

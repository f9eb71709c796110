// Generated from FakeQuantOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.quantization;

import mlkata.solutions.quantization.FakeQuant;

/** Binds {@link FakeQuantSpec} to the learner's {@code FakeQuant}; the build writes the twin for the solution. */
final class FakeQuantOfSolutions implements FakeQuantApi {
  @Override
  public double[] fakeQuantize(double[] x, double scale, int zeroPoint, int quantMin, int quantMax) {
    return FakeQuant.fakeQuantize(x, scale, zeroPoint, quantMin, quantMax);
  }

  @Override
  public double[] fakeQuantizeBackward(double[] x, double[] dy, double scale, int zeroPoint, int quantMin,
      int quantMax) {
    return FakeQuant.fakeQuantizeBackward(x, dy, scale, zeroPoint, quantMin, quantMax);
  }

  @Override
  public Range observeMinMax(Range range, double[] x) {
    return fromKata(FakeQuant.observeMinMax(toKata(range), x));
  }

  @Override
  public Range observeMovingAverage(Range range, double[] x, double averagingConstant) {
    return fromKata(FakeQuant.observeMovingAverage(toKata(range), x, averagingConstant));
  }

  @Override
  public QParams calculateQParams(Range range, Dtype dtype, QScheme qscheme) {
    FakeQuant.QParams p = FakeQuant.calculateQParams(toKata(range),
        dtype == null ? null : FakeQuant.Dtype.valueOf(dtype.name()),
        qscheme == null ? null : FakeQuant.QScheme.valueOf(qscheme.name()));
    return p == null ? null : new QParams(p.scale(), p.zeroPoint());
  }

  private static FakeQuant.Range toKata(Range r) {
    return r == null ? null : new FakeQuant.Range(r.min(), r.max());
  }

  private static Range fromKata(FakeQuant.Range r) {
    return r == null ? null : new Range(r.min(), r.max());
  }
}

package mlkata.grader.quantization;

import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show int8-quantizer}: the round trip x -> q -> x' and its error over an input running past
 * the calibrated range, the learner's over the reference's, with the range and the zero point marked.
 */
public final class Int8QuantizerPicture implements KataPicture {
  static final double MIN = -1;
  static final double MAX = 3;
  static final int POINTS = 481;
  static final int ERROR_POINTS = 2001;

  @Override
  public Figure draw() {
    Int8QuantizerApi kata = Target.pick(new Int8QuantizerOfExercises(), new Int8QuantizerOfSolutions());
    Int8QuantizerApi ref = new Int8QuantizerOfSolutions();
    Figure f = new Figure("Int8 quantize and dequantize", "x from -2 to 4 in steps of 0.0125; parameters calibrated on"
        + " [" + MIN + ", " + MAX + "]: affine UINT8, and symmetric INT8");
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = -2 + 6.0 * i / (POINTS - 1);
    }
    for (Int8QuantizerApi.Dtype dtype : new Int8QuantizerApi.Dtype[] {Int8QuantizerApi.Dtype.UINT8, Int8QuantizerApi.Dtype.INT8}) {
      boolean affine = dtype == Int8QuantizerApi.Dtype.UINT8;
      String kind = affine ? "affine UINT8" : "symmetric INT8";
      Int8QuantizerApi.QParams rp = affine ? ref.affineParams(MIN, MAX, dtype) : ref.symmetricParams(MIN, MAX, dtype);
      double[] rx = ref.dequantize(ref.quantize(x, rp, dtype), rp, dtype);
      Int8QuantizerApi.QParams mp = f.learner(affine ? "affineParams" : "symmetricParams",
          () -> affine ? kata.affineParams(MIN, MAX, dtype) : kata.symmetricParams(MIN, MAX, dtype));
      double[] mx = mp == null ? null : f.learner("quantize and dequantize (" + kind + ")",
          () -> kata.dequantize(kata.quantize(x, mp, dtype), mp, dtype));
      if (mp != null && (Math.abs(mp.scale() - rp.scale()) > 1e-12 || mp.zeroPoint() != rp.zeroPoint())) {
        f.error(String.format("%s: scale %.6g, zero point %d where the reference gives scale %.6g, zero point %d",
            affine ? "affineParams" : "symmetricParams", mp.scale(), mp.zeroPoint(), rp.scale(), rp.zeroPoint()));
      }
      double lo = (dtype.qmin - rp.zeroPoint()) * rp.scale();
      double hi = (dtype.qmax - rp.zeroPoint()) * rp.scale();
      String range = String.format("range [%.3f, %.3f], zero point %d, scale %.5f", lo, hi, rp.zeroPoint(), rp.scale());
      // The error is drawn just past the range's ends, finely sampled: within the range a saw tooth of half a
      // step, past it the saturation error; the round trip over the whole input is drawn below.
      // Over the calibration interval and the grid's range both (the symmetric grid reaches further left).
      double from = Math.min(MIN, lo) - 0.05;
      double to = Math.max(MAX, hi) + 0.05;
      double[] xe = new double[ERROR_POINTS];
      for (int i = 0; i < ERROR_POINTS; i++) {
        xe[i] = from + (to - from) * i / (ERROR_POINTS - 1);
      }
      double[] re = ref.dequantize(ref.quantize(xe, rp, dtype), rp, dtype);
      double[] me = mp == null || mx == null ? null : f.learner("quantize and dequantize (" + kind + ")",
          () -> kata.dequantize(kata.quantize(xe, mp, dtype), mp, dtype));
      Figure.Panel p = f.xy(kind + ": the error x' - x (" + range + ")", "x", "x' - x", false).half();
      p.line("start of the range", Figure.GUIDE, new double[] {lo, lo}, new double[] {-0.05, 0.05});
      p.line("end of the range", Figure.GUIDE, new double[] {hi, hi}, new double[] {-0.05, 0.05});
      p.line("reference", Figure.REFERENCE, xe, minus(re, xe));
      if (me != null) {
        p.line("yours", Figure.LEARNER, xe, minus(me, xe));
      }
      if (mx != null) {
        for (int i = 0; i < POINTS; i++) {
          if (Math.abs(mx[i] - rx[i]) > 1e-12 && mp != null) {
            f.error(String.format("quantize and dequantize (%s): x = %.4f comes back as %.6g where the reference gives"
                + " %.6g", kind, x[i], mx[i], rx[i]));
            break;
          }
        }
      }
      p.note(affine ? "Inside the range the error is a saw tooth within half a step (scale / 2); past it the values"
          + " saturate and the error grows linearly. x = 0 comes back exactly: it maps to the zero point."
          : "Symmetric: the zero point is fixed and the step is the larger magnitude / 127.5, so the negative"
              + " side of this range wastes levels; the saw tooth is wider than the affine one.");
      Figure.Panel q = f.xy(kind + ": x' against x", "x", "x'", false).half();
      q.line("x' = x", Figure.GUIDE, new double[] {-2, 4}, new double[] {-2, 4});
      q.line("reference", Figure.REFERENCE, x, rx);
      if (mx != null) {
        q.line("yours", Figure.LEARNER, x, mx);
      }
      q.note("A staircase of " + (dtype.qmax - dtype.qmin + 1) + " levels, flat past the ends of the range (clamped,"
          + " never wrapped around).");
    }
    return f;
  }

  /**
   * Draws the input of a failing property or differential check: {@code Observed} (parameters calibrated
   * on the data's min and max, affine or symmetric) or {@code Explicit} (given parameters), as the round
   * trip x' against x over the data's span, the data's own values as points.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    Int8QuantizerApi kata = Target.pick(new Int8QuantizerOfExercises(), new Int8QuantizerOfSolutions());
    Int8QuantizerApi ref = new Int8QuantizerOfSolutions();
    if (input instanceof QuantizationGens.Observed o && o.x().length > 0) {
      Figure f = new Figure("Int8 quantize and dequantize", o.toString());
      String method = o.symmetric() ? "symmetricParams" : "affineParams";
      Int8QuantizerApi.QParams rp = o.symmetric() ? ref.symmetricParams(o.min(), o.max(), o.dtype())
          : ref.affineParams(o.min(), o.max(), o.dtype());
      Int8QuantizerApi.QParams mp = f.learner(method, () -> o.symmetric() ? kata.symmetricParams(o.min(), o.max(), o.dtype())
          : kata.affineParams(o.min(), o.max(), o.dtype()));
      if (mp != null && (Math.abs(mp.scale() - rp.scale()) > 1e-12 * Math.max(1, rp.scale())
          || mp.zeroPoint() != rp.zeroPoint())) {
        f.error(String.format("%s(%s, %s, %s): scale %.6g, zero point %d where the reference gives scale %.6g, zero"
            + " point %d", method, o.min(), o.max(), o.dtype(), mp.scale(), mp.zeroPoint(), rp.scale(), rp.zeroPoint()));
      }
      roundTrip(f, kata, ref, o.x(), rp, mp, o.dtype());
      return f;
    }
    if (input instanceof QuantizationGens.Channels ch && ch.x().length > 0 && ch.x()[0].length > 0) {
      return channels(ch, kata, ref);
    }
    if (input instanceof QuantizationGens.Explicit e) {
      Figure f = new Figure("Int8 quantize and dequantize", e.toString());
      roundTrip(f, kata, ref, e.x(), e.params(), e.params(), e.dtype());
      return f;
    }
    return null;
  }

  /** The most channels a failing per-channel input draws, one panel each. */
  static final int MAX_CHANNELS = 4;

  /**
   * A per-channel input ({@code Channels}): the per-channel parameters, the learner's against the
   * reference's, and each channel's round trip with its own parameters (the first {@value #MAX_CHANNELS}).
   */
  private static Figure channels(QuantizationGens.Channels ch, Int8QuantizerApi kata, Int8QuantizerApi ref) {
    Figure f = new Figure("Int8 quantize and dequantize, per channel", ch.toString());
    String method = ch.symmetric() ? "symmetricParamsPerChannel" : "affineParamsPerChannel";
    Int8QuantizerApi.QParams[] rp = ch.symmetric() ? ref.symmetricParamsPerChannel(ch.x(), ch.axis(), ch.dtype())
        : ref.affineParamsPerChannel(ch.x(), ch.axis(), ch.dtype());
    double[][] copy = new double[ch.x().length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = ch.x()[i].clone();
    }
    Int8QuantizerApi.QParams[] mp = f.learner(method, () -> ch.symmetric()
        ? kata.symmetricParamsPerChannel(copy, ch.axis(), ch.dtype()) : kata.affineParamsPerChannel(copy, ch.axis(), ch.dtype()));
    if (mp != null && mp.length != rp.length) {
      f.error(method + ": " + mp.length + " channels where the reference has " + rp.length);
      mp = null;
    }
    for (int c = 0; c < Math.min(rp.length, MAX_CHANNELS); c++) {
      double[] data = new double[ch.axis() == 0 ? ch.x()[c].length : ch.x().length];
      for (int i = 0; i < data.length; i++) {
        data[i] = ch.axis() == 0 ? ch.x()[c][i] : ch.x()[i][c];
      }
      Int8QuantizerApi.QParams m = mp == null ? null : mp[c];
      if (m != null && (Math.abs(m.scale() - rp[c].scale()) > 1e-12 * Math.max(1, rp[c].scale())
          || m.zeroPoint() != rp[c].zeroPoint())) {
        f.error(String.format("%s, channel %d: scale %.6g, zero point %d where the reference gives scale %.6g, zero"
            + " point %d", method, c, m.scale(), m.zeroPoint(), rp[c].scale(), rp[c].zeroPoint()));
      }
      roundTrip(f, kata, ref, data, rp[c], m, ch.dtype());
    }
    return f;
  }

  /** x' against x over the span of {@code data} and its range, finely, then at the data's own values. */
  private static void roundTrip(Figure f, Int8QuantizerApi kata, Int8QuantizerApi ref, double[] data,
      Int8QuantizerApi.QParams rp, Int8QuantizerApi.QParams mp, Int8QuantizerApi.Dtype dtype) {
    double rangeLo = (dtype.qmin - rp.zeroPoint()) * rp.scale();
    double rangeHi = (dtype.qmax - rp.zeroPoint()) * rp.scale();
    double lo = Math.min(rangeLo, java.util.Arrays.stream(data).min().orElse(rangeLo));
    double hi = Math.max(rangeHi, java.util.Arrays.stream(data).max().orElse(rangeHi));
    double margin = Math.max(1e-9, 0.1 * (hi - lo));
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = lo - margin + (hi - lo + 2 * margin) * i / (POINTS - 1);
    }
    double[] rx = ref.dequantize(ref.quantize(x, rp, dtype), rp, dtype);
    double[] mx = mp == null ? null : f.learner("quantize and dequantize",
        () -> kata.dequantize(kata.quantize(x.clone(), mp, dtype), mp, dtype));
    double[] sorted = data.clone();
    java.util.Arrays.sort(sorted);
    int[] rq = ref.quantize(sorted, rp, dtype);
    double[] rd = ref.dequantize(rq, rp, dtype);
    int[] mq = mp == null ? null : f.learner("quantize", () -> kata.quantize(sorted.clone(), mp, dtype));
    double[] md = mq == null ? null : f.learner("dequantize", () -> kata.dequantize(mq.clone(), mp, dtype));
    Figure.Panel q = f.xy(String.format("x' against x: range [%.4g, %.4g], zero point %d, scale %.4g", rangeLo, rangeHi,
        rp.zeroPoint(), rp.scale()), "x", "x'", false);
    q.line("x' = x", Figure.GUIDE, new double[] {x[0], x[POINTS - 1]}, new double[] {x[0], x[POINTS - 1]});
    q.line("reference", Figure.REFERENCE, x, rx);
    if (mx != null) {
      q.line("yours", Figure.LEARNER, x, mx);
    }
    if (md != null && sorted.length > 0 && sorted.length <= 60) {
      q.line("yours, at the input's values", Figure.LEARNER, sorted, md);
    }
    q.note("The reference's staircase with the reference's parameters; yours with yours. Past the range the values"
        + " saturate at qmin and qmax.");
    for (int i = 0; mq != null && i < sorted.length; i++) {
      if (i >= mq.length || mq[i] != rq[i]) {
        f.error(String.format("quantize: x = %s gives level %s where the reference gives %d", sorted[i],
            i < mq.length ? String.valueOf(mq[i]) : "nothing", rq[i]));
        break;
      }
    }
    for (int i = 0; md != null && i < sorted.length; i++) {
      if (i >= md.length || Math.abs(md[i] - rd[i]) > 1e-12 * Math.max(1, Math.abs(rd[i]))) {
        f.error(String.format("dequantize: level %d comes back as %s where the reference gives %.6g", rq[i],
            i < md.length ? String.format("%.6g", md[i]) : "nothing", rd[i]));
        break;
      }
    }
  }

  private static double[] minus(double[] a, double[] b) {
    double[] out = new double[Math.min(a.length, b.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }
}

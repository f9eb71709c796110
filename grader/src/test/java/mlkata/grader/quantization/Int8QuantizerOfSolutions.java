// Generated from Int8QuantizerOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.quantization;

import mlkata.solutions.quantization.Int8Quantizer;

/** Binds {@link Int8QuantizerSpec} to the learner's {@code Int8Quantizer}; the build writes the twin for the solution. */
final class Int8QuantizerOfSolutions implements Int8QuantizerApi {
  @Override
  public QParams affineParams(double min, double max, Dtype dtype) {
    return fromKata(Int8Quantizer.affineParams(min, max, toKata(dtype)));
  }

  @Override
  public QParams symmetricParams(double min, double max, Dtype dtype) {
    return fromKata(Int8Quantizer.symmetricParams(min, max, toKata(dtype)));
  }

  @Override
  public int[] quantize(double[] x, QParams params, Dtype dtype) {
    return Int8Quantizer.quantize(x, toKata(params), toKata(dtype));
  }

  @Override
  public double[] dequantize(int[] q, QParams params, Dtype dtype) {
    return Int8Quantizer.dequantize(q, toKata(params), toKata(dtype));
  }

  @Override
  public QParams[] affineParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    return fromKata(Int8Quantizer.affineParamsPerChannel(x, axis, toKata(dtype)));
  }

  @Override
  public QParams[] symmetricParamsPerChannel(double[][] x, int axis, Dtype dtype) {
    return fromKata(Int8Quantizer.symmetricParamsPerChannel(x, axis, toKata(dtype)));
  }

  @Override
  public int[][] quantizePerChannel(double[][] x, QParams[] params, int axis, Dtype dtype) {
    return Int8Quantizer.quantizePerChannel(x, toKata(params), axis, toKata(dtype));
  }

  @Override
  public double[][] dequantizePerChannel(int[][] q, QParams[] params, int axis, Dtype dtype) {
    return Int8Quantizer.dequantizePerChannel(q, toKata(params), axis, toKata(dtype));
  }

  private static Int8Quantizer.Dtype toKata(Dtype dtype) {
    return dtype == null ? null : Int8Quantizer.Dtype.valueOf(dtype.name());
  }

  private static Int8Quantizer.QParams toKata(QParams p) {
    return p == null ? null : new Int8Quantizer.QParams(p.scale(), p.zeroPoint());
  }

  private static Int8Quantizer.QParams[] toKata(QParams[] ps) {
    if (ps == null) {
      return null;
    }
    Int8Quantizer.QParams[] out = new Int8Quantizer.QParams[ps.length];
    for (int k = 0; k < ps.length; k++) {
      out[k] = toKata(ps[k]);
    }
    return out;
  }

  private static QParams fromKata(Int8Quantizer.QParams p) {
    return p == null ? null : new QParams(p.scale(), p.zeroPoint());
  }

  private static QParams[] fromKata(Int8Quantizer.QParams[] ps) {
    if (ps == null) {
      return null;
    }
    QParams[] out = new QParams[ps.length];
    for (int k = 0; k < ps.length; k++) {
      out[k] = fromKata(ps[k]);
    }
    return out;
  }
}

package mlkata.grader.quantization;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.quantization.Int8QuantizerApi.Dtype;
import mlkata.grader.quantization.Int8QuantizerApi.QParams;
import org.quicktheories.core.Gen;

/** Generators for {@link Int8QuantizerSpec}: observed data with a dtype and a scheme, and explicit params. */
final class QuantizationGens {
  private QuantizationGens() {}

  /** Data to observe and quantize, the integer type and whether the scheme is symmetric. */
  record Observed(double[] x, Dtype dtype, boolean symmetric) {
    double min() {
      return Arrays.stream(x).min().orElseThrow();
    }

    double max() {
      return Arrays.stream(x).max().orElseThrow();
    }

    @Override
    public String toString() {
      return (symmetric ? "symmetric " : "affine ") + dtype + ", x=" + Arrays.toString(x);
    }
  }

  /** Values to quantize with explicit parameters. */
  record Explicit(double[] x, QParams params, Dtype dtype) {
    @Override
    public String toString() {
      return dtype + " " + params + ", x=" + Arrays.toString(x);
    }
  }

  /** A matrix, a channel axis, the integer type and the scheme. */
  record Channels(double[][] x, int axis, Dtype dtype, boolean symmetric) {
    @Override
    public String toString() {
      return (symmetric ? "symmetric " : "affine ") + dtype + ", axis " + axis + ", x=" + Arrays.deepToString(x);
    }
  }

  static Gen<Dtype> dtypes() {
    return integers().between(0, 1).map(k -> Dtype.values()[k]);
  }

  /**
   * A value: a coarse grid (ties, exact zeros), a continuous range, or a magnitude from tiny to large,
   * so the observed range is sometimes one-sided, sometimes a point, sometimes spans orders of magnitude.
   */
  static Gen<Double> value() {
    Gen<Double> grid = integers().between(-16, 16).map(k -> k * 0.25);
    Gen<Double> continuous = doubles().between(-100, 100);
    Gen<Double> magnitudes = doubles().between(-1, 1).zip(integers().between(-9, 4), (m, e) -> m * Math.pow(10, e));
    // 42% grid, 28% continuous, 30% magnitudes; shrinking goes to the grid (the right side of mix).
    return magnitudes.mix(continuous, 48).mix(grid, 42);
  }

  /** 1 to 40 values, all of one sign a fifth of the time. */
  static Gen<double[]> data() {
    Gen<double[]> raw = lists().of(value()).ofSizeBetween(1, 40)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    return raw.zip(integers().between(0, 9), (x, mode) -> {
      if (mode == 0) {
        return Arrays.stream(x).map(Math::abs).toArray();
      }
      if (mode == 1) {
        return Arrays.stream(x).map(v -> -Math.abs(v)).toArray();
      }
      return x;
    });
  }

  static Gen<Observed> observed() {
    return data().zip(dtypes(), booleans().all(), Observed::new);
  }

  /** Values in [-300, 300] with a random valid scale and zero point. */
  static Gen<Explicit> explicit() {
    Gen<double[]> x = lists().of(doubles().between(-300, 300).mix(value(), 50)).ofSizeBetween(0, 30)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    Gen<Double> scale = doubles().between(1e-3, 4).mix(integers().between(-4, 2).map(e -> Math.pow(2, e)), 30);
    return dtypes().flatMap(dtype -> x.zip(scale, integers().between(dtype.qmin, dtype.qmax),
        (v, s, zp) -> new Explicit(v, new QParams(s, zp), dtype)));
  }

  /** A 1..5 by 1..6 matrix whose rows and columns get different magnitudes. */
  static Gen<Channels> channels() {
    Gen<double[][]> matrices = integers().between(1, 5).zip(integers().between(1, 6), (r, c) -> new int[] {r, c})
        .flatMap(shape -> lists().of(value()).ofSize(shape[0] * shape[1]).map(list -> toMatrix(list, shape)));
    return matrices.zip(integers().between(0, 1), dtypes(), booleans().all(), Channels::new);
  }

  private static double[][] toMatrix(List<Double> list, int[] shape) {
    double[][] m = new double[shape[0]][shape[1]];
    for (int k = 0; k < list.size(); k++) {
      int r = k / shape[1];
      m[r][k % shape[1]] = list.get(k) * (r + 1);
    }
    return m;
  }

}

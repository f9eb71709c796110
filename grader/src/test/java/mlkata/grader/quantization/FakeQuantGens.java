package mlkata.grader.quantization;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import mlkata.grader.quantization.FakeQuantApi.Dtype;
import mlkata.grader.quantization.FakeQuantApi.QScheme;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link FakeQuantSpec}. QuickTheories draws the shape of an input (its length, the grid,
 * the number of batches) and a seed from which the values are filled in, so a failure shrinks toward a
 * short input on a small grid; the records print every value.
 */
final class FakeQuantGens {
  private FakeQuantGens() {}

  /** Values, an upstream gradient and a grid (scale, zero point, [quantMin, quantMax]). */
  record Grid(double[] x, double[] dy, double scale, int zeroPoint, int quantMin, int quantMax) {
    @Override
    public String toString() {
      return "x=" + Arrays.toString(x) + ", dy=" + Arrays.toString(dy) + ", scale=" + scale + ", zeroPoint="
          + zeroPoint + ", quantMin=" + quantMin + ", quantMax=" + quantMax;
    }
  }

  /** A sequence of batches for an observer, with the settings of its qparams. */
  record Batches(List<double[]> batches, Dtype dtype, QScheme qscheme, double averagingConstant) {
    @Override
    public String toString() {
      return "batches=" + batches.stream().map(Arrays::toString).collect(Collectors.joining(", ", "[", "]"))
          + ", dtype=" + dtype + ", qscheme=" + qscheme + ", averagingConstant=" + averagingConstant;
    }
  }

  /** The scales the grids use: powers of two (exact ties) and a few awkward ones. */
  private static final double[] SCALES = {1.0, 0.5, 0.25, 0.125, 2.0, 0.1, 0.0371, 1 / 3.0, 1 / 127.5, 4 / 255.0};

  /**
   * Grids of 1 to 10 bits with a zero point anywhere in range, and 0 to {@code maxLength} values spread
   * over about twice the grid's real range, a third of them exact half steps.
   */
  static Gen<Grid> grids(int maxLength) {
    return integers().between(0, maxLength).zip(integers().between(1, 10), integers().between(0, SCALES.length - 1),
        longs().all(), (n, bits, s, seed) -> grid(n, bits, SCALES[s], new Random(seed)));
  }

  private static Grid grid(int n, int bits, double scale, Random random) {
    int levels = (1 << bits) - 1;
    int quantMin = random.nextBoolean() ? 0 : -(1 << (bits - 1));
    int quantMax = quantMin + levels;
    int zeroPoint = quantMin + random.nextInt(levels + 1);
    double lo = (quantMin - zeroPoint) * scale;
    double hi = (quantMax - zeroPoint) * scale;
    double[] x = new double[n];
    double[] dy = new double[n];
    for (int i = 0; i < n; i++) {
      double u = lo - (hi - lo) / 2 + random.nextDouble() * 2 * (hi - lo + scale);
      x[i] = random.nextInt(3) == 0 ? (Math.floor(u / scale) + 0.5) * scale : u;
      dy[i] = Math.round(random.nextGaussian() * 1000) / 1000.0;
    }
    return new Grid(x, dy, scale, zeroPoint, quantMin, quantMax);
  }

  /** 1 to 5 batches of 0 to 8 values each, on scales from 1e-3 to 1e3, sometimes all of one sign. */
  static Gen<Batches> batches() {
    return integers().between(1, 5).zip(integers().between(0, 3), integers().between(0, 4), longs().all(),
        (count, kind, c, seed) -> batches(count, kind, c, new Random(seed)));
  }

  private static Batches batches(int count, int kind, int c, Random random) {
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      double spread = Math.pow(10, random.nextInt(7) - 3);
      double[] x = new double[random.nextInt(9)];
      for (int i = 0; i < x.length; i++) {
        double v = Math.round(random.nextGaussian() * spread * 1e6) / 1e6;
        x[i] = kind == 1 ? Math.abs(v) : kind == 2 ? -Math.abs(v) : v;
      }
      out.add(x);
    }
    double[] constants = {0.01, 0.1, 0.5, 1.0, 0.001};
    return new Batches(out, Dtype.values()[random.nextInt(2)], QScheme.values()[random.nextInt(2)], constants[c]);
  }
}

package mlkata.grader.layers;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Random;
import mlkata.grader.layers.EmbeddingBagApi.Mode;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link EmbeddingBagSpec}. QuickTheories draws the shape (table rows, dim, number of
 * indices and bags), the mode, whether there are per-sample weights and a padding index, and a seed from
 * which the values are filled in; a failure shrinks toward a small table, few indices and SUM mode.
 */
final class EmbeddingBagGens {
  private EmbeddingBagGens() {}

  /** One embedding-bag call and an upstream gradient. */
  record Call(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx, double[][] dOutput) {
    int bags() {
      return offsets.length;
    }

    int dim() {
      return weight[0].length;
    }

    /** Where bag b ends in indices. */
    int end(int b) {
      return b + 1 < offsets.length ? offsets[b + 1] : indices.length;
    }

    String shape() {
      return mode + " over " + offsets.length + " bags of " + indices.length + " indices into a " + weight.length
          + " x " + dim() + " table (printed above)";
    }

    @Override
    public String toString() {
      return "weight=" + Arrays.deepToString(weight) + ", indices=" + Arrays.toString(indices) + ", offsets="
          + Arrays.toString(offsets) + ", mode=" + mode + ", perSampleWeights=" + Arrays.toString(perSampleWeights)
          + ", paddingIdx=" + paddingIdx + ", dOutput=" + Arrays.deepToString(dOutput);
    }
  }

  /** Calls of every mode; table values on a coarse grid half of the time, so MAX meets ties. */
  static Gen<Call> calls() {
    return calls(true, Mode.values());
  }

  /** Calls with continuous table values (no ties in MAX), for finite differences. */
  static Gen<Call> smoothCalls(Mode... modes) {
    return calls(false, modes);
  }

  private static Gen<Call> calls(boolean grids, Mode[] modes) {
    return integers().between(1, 6).zip(integers().between(1, 4), integers().between(0, 12), integers().between(1, 5),
        (n, dim, length, bags) -> new int[] {n, dim, length, bags})
        .zip(integers().between(0, modes.length - 1), longs().all(),
            (shape, mode, seed) -> call(shape, modes[mode], grids, new Random(seed)));
  }

  private static Call call(int[] shape, Mode mode, boolean grids, Random random) {
    int n = shape[0];
    int dim = shape[1];
    int length = shape[2];
    int bags = shape[3];
    boolean grid = grids && random.nextBoolean();
    // Four decimals print briefly; smooth calls keep nine so that two rows never tie in a column.
    double unit = grids ? 1e4 : 1e9;
    double[][] weight = new double[n][dim];
    for (double[] row : weight) {
      for (int d = 0; d < dim; d++) {
        row[d] = grid ? random.nextInt(5) - 2 : Math.round(random.nextGaussian() * unit) / unit;
      }
    }
    int[] indices = new int[length];
    for (int k = 0; k < length; k++) {
      indices[k] = random.nextInt(n);
    }
    int[] offsets = new int[bags];
    for (int b = 1; b < bags; b++) {
      offsets[b] = random.nextInt(length + 1);
    }
    Arrays.sort(offsets);
    double[] psw = null;
    if (mode == Mode.SUM && random.nextBoolean()) {
      psw = new double[length];
      for (int k = 0; k < length; k++) {
        psw[k] = Math.round(random.nextGaussian() * 1e3) / 1e3;
      }
    }
    OptionalInt padding = random.nextInt(3) == 0 ? OptionalInt.of(random.nextInt(n)) : OptionalInt.empty();
    double[][] dOutput = new double[bags][dim];
    for (double[] row : dOutput) {
      for (int d = 0; d < dim; d++) {
        row[d] = Math.round(random.nextGaussian() * 1e3) / 1e3;
      }
    }
    return new Call(weight, indices, offsets, mode, psw, padding, dOutput);
  }
}

package mlkata.grader.layers;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import mlkata.grader.layers.LstmCellApi.Weights;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link LstmCellSpec}. QuickTheories draws the shape (batch, input and hidden sizes, so
 * a failure shrinks toward a 1 x 1 cell), a weight scale and a seed from which the values are filled
 * in; the records print every value.
 */
final class LstmCellGens {
  private LstmCellGens() {}

  /** One step's inputs, parameters and upstream gradients; {@code c} and {@code dcNext} are unused by a GRU. */
  record Step(double[][] x, double[][] h, double[][] c, Weights weights, double[][] dhNext, double[][] dcNext) {
    String shape() {
      return "the step with B = " + x.length + ", I = " + x[0].length + ", H = " + h[0].length + " (printed above)";
    }

    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", h=" + Arrays.deepToString(h) + ", c=" + Arrays.deepToString(c)
          + ", weightIh=" + Arrays.deepToString(weights.weightIh()) + ", weightHh="
          + Arrays.deepToString(weights.weightHh()) + ", biasIh=" + Arrays.toString(weights.biasIh()) + ", biasHh="
          + Arrays.toString(weights.biasHh()) + ", dhNext=" + Arrays.deepToString(dhNext) + ", dcNext="
          + Arrays.deepToString(dcNext);
    }
  }

  /** LSTM steps ({@code 4H} rows). */
  static Gen<Step> lstmSteps(int maxBatch, int maxInput, int maxHidden) {
    return steps(4, maxBatch, maxInput, maxHidden);
  }

  /** GRU steps ({@code 3H} rows). */
  static Gen<Step> gruSteps(int maxBatch, int maxInput, int maxHidden) {
    return steps(3, maxBatch, maxInput, maxHidden);
  }

  /**
   * Steps of {@code 1..maxBatch} samples, {@code 1..maxInput} inputs and {@code 1..maxHidden} hidden
   * units. Weights are uniform in {@code +-s} with {@code s} one of 0.5, 1, 2 (wider weights saturate
   * some gates), values rounded to 4 decimals so a failing input prints briefly.
   */
  private static Gen<Step> steps(int gates, int maxBatch, int maxInput, int maxHidden) {
    return integers().between(1, maxBatch).zip(integers().between(1, maxInput), integers().between(1, maxHidden),
        integers().between(0, 2), (b, i, h, s) -> new int[] {b, i, h, s})
        .zip(longs().all(), (shape, seed) -> step(gates, shape[0], shape[1], shape[2], new double[] {0.5, 1, 2}[shape[3]],
            new Random(seed)));
  }

  private static Step step(int gates, int batch, int input, int hidden, double scale, Random random) {
    return new Step(fill(batch, input, 1.5, random), fill(batch, hidden, 1, random), fill(batch, hidden, 1.5, random),
        new Weights(fill(gates * hidden, input, scale, random), fill(gates * hidden, hidden, scale, random),
            fill(1, gates * hidden, scale, random)[0], fill(1, gates * hidden, scale, random)[0]),
        fill(batch, hidden, 1, random), fill(batch, hidden, 1, random));
  }

  private static double[][] fill(int rows, int cols, double scale, Random random) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int k = 0; k < cols; k++) {
        row[k] = Math.round((2 * random.nextDouble() - 1) * scale * 1e4) / 1e4;
      }
    }
    return m;
  }
}

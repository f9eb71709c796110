package mlkata.grader.layers;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link PoolingSpec}: pooling problems (input, kernel, stride or null for the default,
 * padding within half the kernel, and an upstream gradient of the output's shape). Named for the kata so
 * that it cannot clash with other {@code layers} katas' helpers.
 */
final class PoolingGens {
  private PoolingGens() {}

  /** One pooling problem; {@code stride} may be null (stride = kernel). */
  record Problem(double[][][][] input, int[] kernel, int[] stride, int[] padding, double[][][][] dOutput) {
    int[] inputShape() {
      return Nchw.shape(input);
    }

    int[] outputShape() {
      return Nchw.shape(dOutput);
    }

    @Override
    public String toString() {
      return "input=" + Nchw.show(input) + ", kernel=" + Arrays.toString(kernel) + ", stride="
          + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dOutput=" + Nchw.show(dOutput);
    }
  }

  /**
   * Problems with N and C up to 2, kernels up to 3x3, strides up to 3 (or null), padding up to half the
   * kernel, and heights and widths from the smallest that fits up to 4 more. Half the values are on the
   * grid 0, 1, 2, so ties inside a window are common; the rest are in [-3, 3].
   */
  static Gen<Problem> problems() {
    Gen<Double> value = doubles().between(-3, 3).mix(integers().between(0, 2).map(i -> (double) i), 50);
    return problems(value, false);
  }

  /**
   * Problems without ties: every channel holds distinct values at least 0.25 apart (a shuffled
   * arithmetic sequence), so max pooling is differentiable at the scale of a finite-difference step.
   */
  static Gen<Problem> distinctProblems() {
    return problems(doubles().between(-3, 3), true);
  }

  private static Gen<Problem> problems(Gen<Double> value, boolean distinct) {
    Gen<Integer> small = integers().between(1, 2);
    Gen<Integer> kernelGen = integers().between(1, 3);
    Gen<Integer> strideGen = integers().between(0, 3);
    Gen<Integer> extra = integers().between(0, 4);
    Gen<Long> seeds = org.quicktheories.generators.SourceDSL.longs().all();
    return rs -> {
      int n = small.generate(rs);
      int c = small.generate(rs);
      int[] k = {kernelGen.generate(rs), kernelGen.generate(rs)};
      int sh = strideGen.generate(rs);
      int[] s = sh == 0 ? null : new int[] {sh, Math.max(1, strideGen.generate(rs))};
      int[] p = {integers().between(0, k[0] / 2).generate(rs), integers().between(0, k[1] / 2).generate(rs)};
      int[] size = new int[2];
      int[] out = new int[2];
      for (int a = 0; a < 2; a++) {
        size[a] = Math.max(1, k[a] - 2 * p[a]) + extra.generate(rs);
        out[a] = (size[a] + 2 * p[a] - k[a]) / (s == null ? k[a] : s[a]) + 1;
      }
      double[][][][] input = Conv2dGens.tensor(value, new int[] {n, c, size[0], size[1]}, rs);
      if (distinct) {
        Random random = new Random(seeds.generate(rs));
        for (double[][][] sample : input) {
          for (double[][] plane : sample) {
            spread(plane, random);
          }
        }
      }
      double[][][][] dOutput = Conv2dGens.tensor(doubles().between(-2, 2), new int[] {n, c, out[0], out[1]}, rs);
      return new Problem(input, k, s, p, dOutput);
    };
  }

  /** Fills a plane with a shuffled sequence -3, -2.75, -2.5, ... (distinct, 0.25 apart). */
  private static void spread(double[][] plane, Random random) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < plane.length * plane[0].length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    int k = 0;
    for (double[] row : plane) {
      for (int i = 0; i < row.length; i++) {
        row[i] = -3 + 0.25 * order.get(k++);
      }
    }
  }
}

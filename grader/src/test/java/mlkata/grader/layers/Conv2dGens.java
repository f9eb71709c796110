package mlkata.grader.layers;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators for {@link Conv2dSpec}: whole convolution problems (input, weight, optional bias, per-axis
 * stride, padding and dilation, groups, and an upstream gradient of the output's shape) whose sizes
 * always give an output of at least one position. Named for the kata so that it cannot clash with other
 * {@code layers} katas' helpers.
 */
final class Conv2dGens {
  private Conv2dGens() {}

  /** One convolution problem; {@code bias} may be null (no bias). */
  record Problem(double[][][][] input, double[][][][] weight, double[] bias, int[] stride, int[] padding,
      int[] dilation, int groups, double[][][][] dOutput) {
    int[] inputShape() {
      return Nchw.shape(input);
    }

    int[] weightShape() {
      return Nchw.shape(weight);
    }

    int[] outputShape() {
      return Nchw.shape(dOutput);
    }

    @Override
    public String toString() {
      return "input=" + Nchw.show(input) + ", weight=" + Nchw.show(weight) + ", bias=" + Arrays.toString(bias)
          + ", stride=" + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dilation="
          + Arrays.toString(dilation) + ", groups=" + groups + ", dOutput=" + Nchw.show(dOutput);
    }
  }

  /**
   * Problems with N up to 2, groups 1 to 3 with 1 or 2 input and output channels per group, kernels up
   * to 3x3, strides up to 3, padding up to 2, dilation up to 2, and heights and widths from the smallest
   * that fits up to 4 more. Values are in [-2, 2], a quarter of them on the integer grid -2..2; a
   * quarter of the problems have no bias.
   */
  static Gen<Problem> problems() {
    return problems(3, 4);
  }

  /**
   * Smaller problems for finite differences, which run the forward twice per input and weight value:
   * groups up to 2 and at most 2 rows or columns beyond the smallest size that fits.
   */
  static Gen<Problem> smallProblems() {
    return problems(2, 2);
  }

  private static Gen<Problem> problems(int maxGroups, int maxExtra) {
    Gen<Double> value = doubles().between(-2, 2).mix(integers().between(-2, 2).map(i -> (double) i), 25);
    Gen<Integer> small = integers().between(1, 2);
    Gen<Integer> groupsGen = integers().between(1, maxGroups);
    Gen<Integer> kernel = integers().between(1, 3);
    Gen<Integer> stride = integers().between(1, 3);
    Gen<Integer> padding = integers().between(0, 2);
    Gen<Integer> extra = integers().between(0, maxExtra);
    Gen<Integer> noBias = integers().between(0, 3);
    return rs -> {
      int n = small.generate(rs);
      int groups = groupsGen.generate(rs);
      int inPer = small.generate(rs);
      int outPer = small.generate(rs);
      int[] k = {kernel.generate(rs), kernel.generate(rs)};
      int[] s = {stride.generate(rs), stride.generate(rs)};
      int[] p = {padding.generate(rs), padding.generate(rs)};
      int[] d = {small.generate(rs), small.generate(rs)};
      int[] size = new int[2];
      int[] out = new int[2];
      for (int a = 0; a < 2; a++) {
        size[a] = Math.max(1, d[a] * (k[a] - 1) + 1 - 2 * p[a]) + extra.generate(rs);
        out[a] = (size[a] + 2 * p[a] - d[a] * (k[a] - 1) - 1) / s[a] + 1;
      }
      double[][][][] input = tensor(value, new int[] {n, groups * inPer, size[0], size[1]}, rs);
      double[][][][] weight = tensor(value, new int[] {groups * outPer, inPer, k[0], k[1]}, rs);
      double[] bias = null;
      if (noBias.generate(rs) != 0) {
        bias = tensor(value, new int[] {1, 1, 1, groups * outPer}, rs)[0][0][0];
      }
      double[][][][] dOutput = tensor(value, new int[] {n, groups * outPer, out[0], out[1]}, rs);
      return new Problem(input, weight, bias, s, p, d, groups, dOutput);
    };
  }

  static double[][][][] tensor(Gen<Double> value, int[] shape, RandomnessSource rs) {
    double[][][][] t = Nchw.zeros(shape);
    for (double[][][] a : t) {
      for (double[][] b : a) {
        for (double[] row : b) {
          for (int i = 0; i < row.length; i++) {
            row[i] = value.generate(rs);
          }
        }
      }
    }
    return t;
  }
}

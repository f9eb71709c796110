package mlkata.grader.models;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import mlkata.grader.models.DecisionTreeApi.Criterion;
import mlkata.grader.models.DecisionTreeApi.Params;
import org.quicktheories.core.Gen;

/**
 * Generators for {@code models/decision-tree}: small training sets with a criterion and growth limits.
 * Features lie on the grid 0..5 (repeated values, so equal values that must not be separated are
 * common); class labels are 0..2, regression targets have three decimals. Sizes shrink towards one
 * sample and one feature, limits towards none (maxDepth unlimited, minSamplesSplit 2, minSamplesLeaf
 * 1); the contents come from a seed.
 */
final class DecisionTreeGens {
  private DecisionTreeGens() {}

  /** Training data and the parameters to grow a tree with. */
  record Problem(double[][] x, double[] y, Params params) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", y=" + Arrays.toString(y) + ", " + params;
    }
  }

  static Gen<Problem> problems() {
    return integers().between(1, 24).zip(integers().between(1, 3), integers().between(0, 2), longs().all(),
        (n, d, c, seed) -> draw(n, d, Criterion.values()[c], seed));
  }

  private static Problem draw(int n, int d, Criterion criterion, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = random.nextInt(6);
      }
      double signal = x[i][0] - (d > 1 ? x[i][1] / 2 : 0) + random.nextGaussian();
      y[i] = criterion == Criterion.SQUARED_ERROR ? Math.round(signal * 1000) / 1000.0
          : Math.max(0, Math.min(2, (int) Math.floor(signal / 2)));
    }
    int[] depths = {Integer.MAX_VALUE, Integer.MAX_VALUE, 1, 2, 3};
    int maxDepth = depths[random.nextInt(depths.length)];
    int minSplit = random.nextInt(3) == 0 ? 2 + random.nextInt(5) : 2;
    int minLeaf = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 1;
    return new Problem(x, y, new Params(criterion, maxDepth, minSplit, minLeaf));
  }
}

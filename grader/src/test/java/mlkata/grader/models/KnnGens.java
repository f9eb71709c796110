package mlkata.grader.models;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.quicktheories.core.Gen;

/**
 * Generators for {@code models/knn}: training sets with labels and targets, queries and k. Sizes
 * (points, features, queries, k) are drawn by QuickTheories and shrink towards one point, one feature,
 * one query and k = 1; the contents come from a seed.
 *
 * <p>{@link #grid()} puts every coordinate on the integers -3..3 (queries on halves), so equal
 * distances are common and exact (squared distances are exact small numbers): it exercises the tie
 * rules. {@link #continuous()} draws 6-digit decimals, where two distances are equal only when two
 * training points coincide, for checks whose answer a rounding difference could flip (distance-weighted
 * vote totals).
 */
final class KnnGens {
  private KnnGens() {}

  /** A training set, one label and one target per point, queries and k. */
  record Problem(double[][] train, int[] labels, double[] targets, double[][] queries, int k) {
    int n() {
      return train.length;
    }

    @Override
    public String toString() {
      return "train=" + Arrays.deepToString(train) + ", labels=" + Arrays.toString(labels) + ", targets="
          + Arrays.toString(targets) + ", queries=" + Arrays.deepToString(queries) + ", k=" + k;
    }
  }

  static Gen<Problem> grid() {
    return problems(true);
  }

  static Gen<Problem> continuous() {
    return problems(false);
  }

  private static Gen<Problem> problems(boolean grid) {
    return integers().between(1, 14).zip(integers().between(1, 3), integers().between(1, 4), integers().between(0, 13),
        (n, d, q, kIndex) -> new int[] {n, d, q, Math.min(kIndex, n - 1) + 1})
        .zip(longs().all(), (shape, seed) -> draw(shape[0], shape[1], shape[2], shape[3], seed, grid));
  }

  private static Problem draw(int n, int d, int q, int k, long seed, boolean grid) {
    Random random = new Random(seed);
    double[][] train = new double[n][d];
    int[] labels = new int[n];
    double[] targets = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        train[i][j] = grid ? random.nextInt(7) - 3 : Math.round(random.nextGaussian() * 2e6) / 1e6;
      }
      labels[i] = random.nextInt(4) - (random.nextInt(5) == 0 ? 2 : 0);
      targets[i] = grid ? random.nextInt(21) - 10 : Math.round(random.nextGaussian() * 1e6) / 1e5;
    }
    double[][] queries = new double[q][d];
    for (int r = 0; r < q; r++) {
      if (random.nextInt(4) == 0) {
        queries[r] = train[random.nextInt(n)].clone(); // an exact match
        continue;
      }
      for (int j = 0; j < d; j++) {
        queries[r][j] = grid ? (random.nextInt(13) - 6) / 2.0 : Math.round(random.nextGaussian() * 2e6) / 1e6;
      }
    }
    return new Problem(train, labels, targets, queries, k);
  }
}

package mlkata.grader.optimizers;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.optimizers.SparseAdamApi.Config;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link SparseAdamSpec}: small embedding tables and multi-step trajectories of sparse
 * gradients whose row indices are unsorted and often repeated (a few hot rows), with now and then a
 * step that has no rows at all.
 */
final class SparseAdamGens {
  private SparseAdamGens() {}

  /** One sparse gradient: {@code values[j]} belongs to row {@code indices[j]}. */
  record Sparse(int[] indices, double[][] values) {
    int size() {
      return indices.length;
    }

    @Override
    public String toString() {
      return "{indices=" + Arrays.toString(indices) + ", values=" + Arrays.deepToString(values) + "}";
    }
  }

  /**
   * A starting table, one sparse gradient per step, the hyperparameters, and a seed for specs that
   * need to shuffle something reproducibly.
   */
  record Trajectory(double[][] table, Sparse[] steps, Config config, long seed) {
    int rows() {
      return table.length;
    }

    int dim() {
      return table[0].length;
    }

    @Override
    public String toString() {
      return "table=" + Arrays.deepToString(table) + ", gradients per step=" + Arrays.toString(steps) + ", " + config;
    }
  }

  /** Hyperparameters: the usual values and the edges (betas 0, large eps). */
  static Gen<Config> configs() {
    Gen<Double> lr = doubles().between(1e-4, 0.3).mix(arbitrary().pick(1e-3, 1e-2, 0.1, 0.5), 70);
    Gen<Double> beta1 = arbitrary().pick(0.0, 0.5, 0.8, 0.9, 0.99);
    Gen<Double> beta2 = arbitrary().pick(0.0, 0.5, 0.9, 0.99, 0.999);
    Gen<Double> eps = arbitrary().pick(1e-8, 1e-3, 0.1);
    return lr.zip(beta1, beta2, eps, Config::new);
  }

  /**
   * Trajectories on tables of {@code 1..maxRows} rows of {@code 1..maxDim} columns over
   * {@code 1..maxSteps} steps, each step with {@code 0..maxK} gradient rows (0 about one step in 12).
   */
  static Gen<Trajectory> trajectories(int maxRows, int maxDim, int maxSteps, int maxK) {
    Gen<int[]> shape = integers().between(1, maxRows).zip(integers().between(1, maxDim),
        integers().between(1, maxSteps), (r, d, s) -> new int[] {r, d, s});
    Gen<Integer> k = integers().between(1, maxK).mix(arbitrary().constant(0), 8);
    return shape.flatMap(s -> lists().of(k).ofSize(s[2]).flatMap(ks -> {
      int total = ks.stream().mapToInt(Integer::intValue).sum();
      return lists().of(integers().between(0, s[0] - 1)).ofSize(total)
          .zip(lists().of(OptimizersGens.gradient()).ofSize(total * s[1]),
              lists().of(doubles().between(-5, 5)).ofSize(s[0] * s[1]), configs(), longs().all(),
              (idx, vals, table, c, seed) -> toTrajectory(s[0], s[1], ks, idx, vals, table, c, seed));
    }));
  }

  private static Trajectory toTrajectory(int rows, int dim, List<Integer> ks, List<Integer> indices,
      List<Double> values, List<Double> table, Config config, long seed) {
    double[][] t = new double[rows][dim];
    for (int e = 0; e < rows * dim; e++) {
      t[e / dim][e % dim] = table.get(e);
    }
    Sparse[] steps = new Sparse[ks.size()];
    int next = 0;
    for (int s = 0; s < steps.length; s++) {
      int k = ks.get(s);
      int[] idx = new int[k];
      double[][] vals = new double[k][dim];
      for (int j = 0; j < k; j++) {
        idx[j] = indices.get(next + j);
        for (int c = 0; c < dim; c++) {
          vals[j][c] = values.get((next + j) * dim + c);
        }
      }
      next += k;
      steps[s] = new Sparse(idx, vals);
    }
    return new Trajectory(t, steps, config, seed);
  }
}

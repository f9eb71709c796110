package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mlkata.grader.models.KMeansApi.Result;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code models/k-means}.
 *
 * <p>Tolerances, mixed absolute/relative: {@link #CENTROID} for centroids and {@link #INERTIA} for
 * inertia. Labels, iteration counts and the points k-means++ picks are compared exactly.
 *
 * <p>No efficiency check: every natural implementation of an iteration is already O(n k d), and the
 * one slower variant (k-means++ recomputing distances to every chosen centre, O(n k^2 d)) is only a
 * factor k, too small to separate reliably from noise at sizes that grade quickly.
 */
@KataSpec
@DisplayName("models/k-means: k-means: Lloyd's iterations and k-means++")
final class KMeansSpec {
  /**
   * A mean of at most 200 points: scikit-learn's centred, blocked sums differ from a plain sum by a
   * few ulps; 1e-9 is far above that and far below a misassigned point's effect.
   */
  static final double CENTROID = 1e-9;
  /** A sum of at most 200 squared distances, relative to its size. */
  static final double INERTIA = 1e-9;
  private static final int EXAMPLES = 150;

  private static final KMeansApi KATA = Target.pick(new KMeansOfExercises(), new KMeansOfSolutions());
  private static final KMeansApi REFERENCE = new KMeansOfSolutions();

  /** The statement's points. */
  private static final double[][] FOUR = {{0}, {1}, {10}, {11}};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_statement_example_converges_in_three_iterations() {
      // It. 1: labels [0, 1, 1, 1], centroids 0 and 22/3. It. 2: [0, 0, 1, 1], centroids 0.5 and 10.5.
      // It. 3: the same labels: converged. Inertia 4 * 0.5^2 = 1.
      assertResult("lloyd([[0], [1], [10], [11]], [[0], [1]], 100)", KATA.lloyd(FOUR, new double[][] {{0}, {1}}, 100),
          new double[][] {{0.5}, {10.5}}, new int[] {0, 0, 1, 1}, 1, 3);
    }

    @Test
    void assignment_ties_go_to_the_lowest_centroid_index() {
      assertThat(KATA.assign(new double[][] {{0}, {2}}, new double[][] {{1}, {-1}, {3}}))
          .as("assign([[0], [2]], centroids [[1], [-1], [3]]): 0 is equally far from 1 and -1, 2 from 1 and 3")
          .containsExactly(0, 0);
      assertThat(KATA.assign(new double[][] {{0, 0}}, new double[][] {{5, 5}, {0, 1}, {1, 0}}))
          .as("assign([[0, 0]], [[5, 5], [0, 1], [1, 0]])").containsExactly(1);
    }

    @Test
    void distance_is_euclidean_over_every_feature() {
      // Squared distances. (1, 1): to (0, 0) 2; to (2, -0.5) 1 + 2.25 = 3.25; to (1, 3) 4.
      // (3, 0): to (0, 0) 9; to (2, -0.5) 1 + 0.25 = 1.25; to (1, 3) 4 + 9 = 13.
      assertThat(KATA.assign(new double[][] {{1, 1}, {3, 0}}, new double[][] {{0, 0}, {2, -0.5}, {1, 3}}))
          .as("assign([[1, 1], [3, 0]], [[0, 0], [2, -0.5], [1, 3]])").containsExactly(0, 1);
    }

    @Test
    void inertia_sums_squared_distances_to_the_given_labels() {
      // Labels need not be the nearest: (0 - 10)^2 + (1 - 0)^2 + (10 - 10)^2 + (11 - 0)^2 = 100 + 1 + 0 + 121.
      assertNear("inertia([[0], [1], [10], [11]], [[0], [10]], labels [1, 0, 1, 0])", 222,
          KATA.inertia(FOUR, new double[][] {{0}, {10}}, new int[] {1, 0, 1, 0}), INERTIA);
      // Squared distances, not distances: (3, 4) to the origin counts 25.
      assertNear("inertia([[3, 4]], [[0, 0]], [0]) = 3^2 + 4^2", 25,
          KATA.inertia(new double[][] {{3, 4}}, new double[][] {{0, 0}}, new int[] {0}), INERTIA);
    }

    @Test
    void centroids_that_do_not_move_stop_after_one_iteration() {
      // Labels [0, 0, 1, 1]; the means 1 and 11 are the starting centroids: nothing moved, stop (n_iter 1).
      assertResult("lloyd([[0], [2], [10], [12]], [[1], [11]], 100)",
          KATA.lloyd(new double[][] {{0}, {2}, {10}, {12}}, new double[][] {{1}, {11}}, 100),
          new double[][] {{1}, {11}}, new int[] {0, 0, 1, 1}, 4, 1);
    }

    @Test
    void an_empty_cluster_keeps_its_centroid() {
      // Centroid [100] gets no point: it stays (not NaN, not dropped). The others do not move: 1 iteration.
      assertResult("lloyd([[0], [1]], [[0], [1], [100]], 100)",
          KATA.lloyd(new double[][] {{0}, {1}}, new double[][] {{0}, {1}, {100}}, 100),
          new double[][] {{0}, {1}, {100}}, new int[] {0, 1}, 0, 1);
      // Centroid [-50] starts empty while the other moves: labels [1, 1, 1] twice, 2 iterations.
      assertResult("lloyd([[0], [1], [5]], [[-50], [5]], 100)",
          KATA.lloyd(new double[][] {{0}, {1}, {5}}, new double[][] {{-50}, {5}}, 100),
          new double[][] {{-50}, {2}}, new int[] {1, 1, 1}, 4 + 1 + 9, 2);
    }

    @Test
    void stopping_at_max_iter_reports_the_labels_of_the_final_centroids() {
      // One iteration: labels [0, 1, 1, 1], centroids 0 and 22/3. Assign again: 1 is nearer 0 (1 < 19/3):
      // labels [0, 0, 1, 1]; inertia 0 + 1 + (8/3)^2 + (11/3)^2 = 1 + 185/9.
      assertResult("lloyd([[0], [1], [10], [11]], [[0], [1]], maxIter 1)",
          KATA.lloyd(FOUR, new double[][] {{0}, {1}}, 1), new double[][] {{0}, {22.0 / 3}}, new int[] {0, 0, 1, 1},
          1 + 185.0 / 9, 1);
    }

    @Test
    void k_equal_to_one_is_the_mean() {
      // Iteration 1 moves the centroid to the mean 5.5; iteration 2 has the same labels: n_iter 2.
      assertResult("lloyd([[0], [1], [10], [11]], [[3]], 100)", KATA.lloyd(FOUR, new double[][] {{3}}, 100),
          new double[][] {{5.5}}, new int[] {0, 0, 0, 0}, 2 * (5.5 * 5.5 + 4.5 * 4.5), 2);
    }

    @Test
    void the_first_plus_plus_centre_is_the_point_of_the_first_draw() {
      ScriptedDraws rng = ScriptedDraws.of(new int[] {2});
      assertThat(KATA.kMeansPlusPlus(FOUR, 1, rng)).as("kMeansPlusPlus(four points, k 1) with nextInt(4) = 2")
          .isDeepEqualTo(new double[][] {{10}});
      assertThat(rng.bounds).as("bounds of nextInt for the first centre").containsExactly(4);
    }

    @Test
    void a_plus_plus_draw_takes_the_first_point_whose_cumulative_weight_exceeds_u() {
      // First centre x[0] = [0]. D^2 = [0, 4, 4], cumulative [0, 4, 8], S = 8.
      // nextDouble 0.5: u = 4; the first cumulative > 4 is index 2 (with >= it would be index 1).
      double[][] x = {{0}, {2}, {-2}};
      ScriptedDraws rng = ScriptedDraws.of(new int[] {0}, 0.5);
      assertThat(KATA.kMeansPlusPlus(x, 2, rng)).as("kMeansPlusPlus([[0], [2], [-2]], 2): nextInt 0, nextDouble 0.5 "
          + "(u = 0.5 * 8 = 4 picks index 2, the first cumulative D^2 strictly above 4)")
          .isDeepEqualTo(new double[][] {{0}, {-2}});
      // nextDouble 0.25: u = 2 picks index 1.
      assertThat(KATA.kMeansPlusPlus(x, 2, ScriptedDraws.of(new int[] {0}, 0.25)))
          .as("kMeansPlusPlus([[0], [2], [-2]], 2): nextInt 0, nextDouble 0.25 (u = 2)")
          .isDeepEqualTo(new double[][] {{0}, {2}});
    }

    @Test
    void a_point_at_distance_zero_is_never_drawn() {
      // First centre x[1] = [5]; x[0] duplicates it. D^2 = [0, 0, 1, 25]: nextDouble 0 gives u = 0,
      // and the first cumulative > 0 is index 2, not the duplicate at index 0.
      double[][] x = {{5}, {5}, {6}, {10}};
      ScriptedDraws rng = ScriptedDraws.of(new int[] {1}, 0.0);
      assertThat(KATA.kMeansPlusPlus(x, 2, rng)).as("kMeansPlusPlus([[5], [5], [6], [10]], 2): nextInt 1, "
          + "nextDouble 0 (weights D^2 = [0, 0, 1, 25])").isDeepEqualTo(new double[][] {{5}, {6}});
    }

    @Test
    void plus_plus_weights_use_the_nearest_chosen_centre() {
      // First x[0] = [0]: D^2 = [0, 1, 100, 121], S = 222; nextDouble 0.9 -> u = 199.8 > 101: index 3 [11].
      // Then D^2 to the nearest of {0, 11}: [0, 1, 1, 0], S = 2; nextDouble 0.6 -> u = 1.2: index 2 [10].
      // (Distances to the first centre only would give [0, 1, 100, 121] again and pick index 3 twice.)
      ScriptedDraws rng = ScriptedDraws.of(new int[] {0}, 0.9, 0.6);
      assertThat(KATA.kMeansPlusPlus(FOUR, 3, rng)).as("kMeansPlusPlus([[0], [1], [10], [11]], 3): nextInt 0, "
          + "nextDouble 0.9 then 0.6").isDeepEqualTo(new double[][] {{0}, {11}, {10}});
      assertThat(rng.doublesDrawn()).as("nextDouble calls for k = 3").isEqualTo(2);
    }

    @Test
    void the_centres_are_copies() {
      double[][] x = {{1, 2}, {3, 4}};
      double[][] centres = KATA.kMeansPlusPlus(x, 2, ScriptedDraws.of(new int[] {1}, 0.5));
      assertThat(centres).as("kMeansPlusPlus([[1, 2], [3, 4]], 2)").isDeepEqualTo(new double[][] {{3, 4}, {1, 2}});
      centres[0][0] = 99;
      assertThat(x).as("x after writing into a returned centre").isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void inputs_are_not_modified() {
      double[][] x = {{0, 1}, {1, 1}, {9, 8}, {10, 9}, {4, 4}};
      double[][] init = {{0, 0}, {10, 10}};
      double[][] xCopy = Tensors.deepCopy(x);
      int[] labels = {0, 0, 1, 1, 0};
      KATA.lloyd(x, init, 10);
      KATA.assign(x, init);
      KATA.inertia(x, init, labels);
      KATA.kMeansPlusPlus(x, 3, new Random(2));
      assertThat(x).as("x after every method").isDeepEqualTo(xCopy);
      assertThat(init).as("the starting centroids after lloyd").isDeepEqualTo(new double[][] {{0, 0}, {10, 10}});
      assertThat(labels).as("labels after inertia").containsExactly(0, 0, 1, 1, 0);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/k-means");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lloyd_matches_scikit_learn(Goldens.Case c) {
      Goldens.Values out = c.expected();
      assertResult("golden '" + c.name() + "': KMeans(init=..., n_init=1, algorithm='lloyd', tol=0) of "
              + c.library(), KATA.lloyd(c.input().matrix("x"), c.input().matrix("init"),
              (int) c.input().integer("max_iter")), out.matrix("centroids"), out.ints("labels"), out.number("inertia"),
          (int) out.integer("n_iter"));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void bad_k_and_too_few_distinct_points_are_rejected() {
      assertRejects("kMeansPlusPlus with k 0", "k", () -> KATA.kMeansPlusPlus(FOUR, 0, new Random(1)));
      assertRejects("kMeansPlusPlus with k 5 for 4 points", "k", () -> KATA.kMeansPlusPlus(FOUR, 5, new Random(1)));
      assertRejects("kMeansPlusPlus([[1], [1], [2]], 3): only 2 distinct points", "k",
          () -> KATA.kMeansPlusPlus(new double[][] {{1}, {1}, {2}}, 3, new Random(1)));
      assertNullRejected("kMeansPlusPlus with a null rng", () -> KATA.kMeansPlusPlus(FOUR, 2, null));
    }

    @Test
    void bad_points_and_centroids_are_rejected() {
      double[][] c = {{0}, {1}};
      assertRejects("assign with no points", "x", () -> KATA.assign(new double[0][], c));
      assertRejects("assign with a NaN point", "x", () -> KATA.assign(new double[][] {{Double.NaN}}, c));
      assertRejects("assign with a ragged x", "x", () -> KATA.assign(new double[][] {{1}, {1, 2}}, c));
      assertRejects("assign with no centroids", "centroids", () -> KATA.assign(FOUR, new double[0][]));
      assertRejects("assign with 2-D centroids for 1-D points", "centroids",
          () -> KATA.assign(FOUR, new double[][] {{0, 0}}));
      assertRejects("lloyd with an infinite centroid", "centroids",
          () -> KATA.lloyd(FOUR, new double[][] {{Double.POSITIVE_INFINITY}}, 5));
      assertRejects("lloyd with maxIter 0", "maxIter", () -> KATA.lloyd(FOUR, c, 0));
      assertRejects("kMeansPlusPlus with an infinite point", "x",
          () -> KATA.kMeansPlusPlus(new double[][] {{1}, {Double.NEGATIVE_INFINITY}}, 1, new Random(1)));
      assertNullRejected("lloyd(null, ...)", () -> KATA.lloyd(null, c, 5));
    }

    @Test
    void bad_labels_are_rejected_by_inertia() {
      double[][] c = {{0}, {1}};
      assertRejects("inertia with 3 labels for 4 points", "labels", () -> KATA.inertia(FOUR, c, new int[] {0, 1, 0}));
      assertRejects("inertia with label 2 of 2 centroids", "labels",
          () -> KATA.inertia(FOUR, c, new int[] {0, 1, 2, 0}));
      assertRejects("inertia with label -1", "labels", () -> KATA.inertia(FOUR, c, new int[] {0, -1, 1, 0}));
      assertRejects("inertia with 2-D centroids for 1-D points", "centroids",
          () -> KATA.inertia(FOUR, new double[][] {{0, 0}, {1, 1}}, new int[] {0, 1, 0, 1}));
      assertRejects("inertia with a NaN centroid", "centroids",
          () -> KATA.inertia(FOUR, new double[][] {{0}, {Double.NaN}}, new int[] {0, 0, 0, 0}));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void lloyd_ends_with_every_point_at_its_nearest_centroid_and_no_worse_inertia() {
      Props.check("lloyd's labels are the nearest final centroids; its inertia is at most the start's", EXAMPLES,
          problems(), p -> {
            Result r = KATA.lloyd(p.x(), p.init(), 50);
            assertThat(r).as("lloyd of %s", p).isNotNull();
            assertThat(r.labels()).as("property 'labels = assign(final centroids)' for %s", p)
                .containsExactly(REFERENCE.assign(p.x(), r.centroids()));
            assertNear("property 'inertia = inertia(x, centroids, labels)' for " + p,
                REFERENCE.inertia(p.x(), r.centroids(), r.labels()), r.inertia(), INERTIA);
            double start = REFERENCE.inertia(p.x(), p.init(), REFERENCE.assign(p.x(), p.init()));
            assertThat(r.inertia()).as("property 'final inertia <= inertia at the starting centroids' for %s", p)
                .isLessThanOrEqualTo(start * (1 + 1e-12) + 1e-12);
            assertThat(r.iterations()).as("iterations of %s", p).isBetween(1, 50);
          });
    }

    @Test
    void plus_plus_picks_k_distinct_points_of_x() {
      Props.check("kMeansPlusPlus returns k distinct rows of x", EXAMPLES, problems().zip(integers().between(1, 10_000),
          (p, seed) -> new Object[] {p, seed}), a -> {
            Problem p = (Problem) a[0];
            int seed = (Integer) a[1];
            Set<String> rows = new HashSet<>();
            for (double[] row : p.x()) {
              rows.add(Arrays.toString(row));
            }
            int k = Math.min(p.init().length, rows.size());
            double[][] centres = KATA.kMeansPlusPlus(p.x(), k, new Random(seed));
            assertThat(centres).as("kMeansPlusPlus(k %d, Random(%d)) of %s", k, seed, p).hasNumberOfRows(k);
            Set<String> seen = new HashSet<>();
            for (double[] centre : centres) {
              String s = Arrays.toString(centre);
              assertThat(rows).as("property 'every centre is a row of x' for %s, k %d, Random(%d)", p, k, seed)
                  .contains(s);
              assertThat(seen.add(s)).as("property 'no point is chosen twice' (%s) for %s, k %d, Random(%d)", s, p, k,
                  seed).isTrue();
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void lloyd_matches_the_reference() {
      Props.check("lloyd agrees with the reference", EXAMPLES, problems(), p -> {
        Result e = REFERENCE.lloyd(p.x(), p.init(), 50);
        assertResult("lloyd(maxIter 50), reference vs yours, for " + p, KATA.lloyd(p.x(), p.init(), 50),
            e.centroids(), e.labels(), e.inertia(), e.iterations());
      });
    }

    @Test
    void plus_plus_matches_the_reference_draw_for_draw() {
      Props.check("kMeansPlusPlus agrees with the reference on the same java.util.Random", EXAMPLES,
          problems().zip(integers().between(1, 10_000), (p, seed) -> new Object[] {p, seed}), a -> {
            Problem p = (Problem) a[0];
            int seed = (Integer) a[1];
            long distinct = Arrays.stream(p.x()).map(Arrays::toString).distinct().count();
            int k = (int) Math.min(p.init().length, distinct);
            assertThat(KATA.kMeansPlusPlus(p.x(), k, new Random(seed)))
                .as("kMeansPlusPlus(k %d, Random(%d)), reference vs yours, for %s", k, seed, p)
                .isDeepEqualTo(REFERENCE.kMeansPlusPlus(p.x(), k, new Random(seed)));
          });
    }
  }

  /** Points and starting centroids (distinct points of x, so no centroid starts empty by accident). */
  record Problem(double[][] x, double[][] init) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", init=" + Arrays.deepToString(init);
    }
  }

  /** 1..12 points of 1..3 features in [-10, 10]; k = 1..4 starting centroids taken from the first rows. */
  static Gen<Problem> problems() {
    return integers().between(1, 12).zip(integers().between(1, 3), integers().between(1, 4),
        (n, d, k) -> new int[] {n, d, Math.min(k, n)}).flatMap(s -> Gens.matrices(s[0], s[1], -10, 10).map(m -> {
          double[][] init = new double[s[2]][];
          for (int c = 0; c < s[2]; c++) {
            init[c] = m.values()[c].clone();
          }
          return new Problem(m.values(), init);
        }));
  }

  static void assertResult(String what, Result actual, double[][] centroids, int[] labels, double inertia,
      int iterations) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.labels()).as("%s: labels", what).containsExactly(labels);
    assertNear(() -> what + ": centroids", centroids, actual.centroids(), CENTROID);
    assertNear(what + ": inertia", inertia, actual.inertia(), INERTIA);
    assertThat(actual.iterations()).as("%s: iterations (n_iter_)", what).isEqualTo(iterations);
  }
}

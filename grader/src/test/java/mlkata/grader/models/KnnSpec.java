package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import mlkata.grader.models.KnnApi.Metric;
import mlkata.grader.models.KnnApi.Neighbours;
import mlkata.grader.models.KnnApi.Weighting;
import mlkata.grader.models.KnnGens.Problem;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code models/knn}.
 *
 * <p>Tolerances: {@link #EXACT} for hand-worked distances and predictions (a few operations on small
 * numbers), {@link #GOLDEN} relative for scikit-learn's distances and regression values (it computes
 * Euclidean distances through {@code |x|^2 - 2 x.y + |y|^2}), {@link #RANDOM} relative for weighted means
 * that may be summed in another order. Neighbour indices and labels are compared exactly.
 */
@KataSpec
@DisplayName("models/knn: k nearest neighbours")
final class KnnSpec {
  /** Hand-worked values: a square root or a division of small numbers, exact up to one rounding. */
  static final double EXACT = 1e-12;
  /**
   * scikit-learn's expanded squared distance loses about 1e-16 of |x|^2 (values up to 10^3 here) against
   * distances of at least 0.1: a relative error below 1e-11; 1e-9 leaves room.
   */
  static final double GOLDEN = 1e-9;
  /** A weighted mean of at most 14 terms in another order: a few ulps of the largest term. */
  static final double RANDOM = 1e-10;
  private static final int EXAMPLES = 300;

  private static final KnnApi KATA = Target.pick(new KnnOfExercises(), new KnnOfSolutions());
  private static final KnnApi REFERENCE = new KnnOfSolutions();

  private static final Metric E = Metric.EUCLIDEAN;
  private static final Metric M = Metric.MANHATTAN;
  private static final Weighting U = Weighting.UNIFORM;
  private static final Weighting D = Weighting.DISTANCE;

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void euclidean_and_manhattan_distances() {
      // (0, 0) to (3, -4): sqrt(9 + 16) = 5 and 3 + 4 = 7.
      assertClose("distance((0, 0), (3, -4), EUCLIDEAN) = sqrt(9 + 16)", 5, KATA.distance(new double[] {0, 0},
          new double[] {3, -4}, E), EXACT);
      assertClose("distance((0, 0), (3, -4), MANHATTAN) = |3| + |-4| (absolute values, not signed)", 7,
          KATA.distance(new double[] {0, 0}, new double[] {3, -4}, M), EXACT);
      assertClose("distance((1, 2, 3), (1, 2, 3), EUCLIDEAN)", 0, KATA.distance(new double[] {1, 2, 3},
          new double[] {1, 2, 3}, E), 0);
    }

    @Test
    void neighbours_come_nearest_first_with_their_distances() {
      // Query 0 on a line: distances 5, 1, 3 for indices 0, 1, 2.
      assertNeighbours("kNeighbours([[5], [1], [3]], [0], k=2): nearest first, not in index order",
          KATA.kNeighbours(new double[][] {{5}, {1}, {3}}, new double[] {0}, 2, E), new int[] {1, 2},
          new double[] {1, 3});
    }

    @Test
    void the_problem_statement_example() {
      double[][] train = {{0, 0}, {1, 0}, {0, 1.5}, {3, 3}, {0, 0}};
      int[] labels = {0, 1, 1, 2, 2};
      double[] targets = {1, 2, 3, 4, 5};
      double[][] query = {{0, 0}};
      assertNeighbours("kNeighbours of the statement example, query (0, 0), k=3", KATA.kNeighbours(train, query[0], 3, E),
          new int[] {0, 4, 1}, new double[] {0, 0, 1});
      assertThat(KATA.classify(train, labels, query, 3, E, U)).as("classify, uniform: votes 0, 2, 1 tie; smallest wins")
          .containsExactly(0);
      assertThat(KATA.classify(train, labels, query, 3, E, D))
          .as("classify, distance: only the exact matches (labels 0 and 2) count; tie, smallest wins").containsExactly(0);
      assertAllClose("regress, uniform: (1 + 5 + 2) / 3", new double[] {8.0 / 3},
          KATA.regress(train, targets, query, 3, E, U), EXACT);
      assertAllClose("regress, distance: only the exact matches count, (1 + 5) / 2", new double[] {3},
          KATA.regress(train, targets, query, 3, E, D), EXACT);
    }

    @Test
    void equal_distances_are_ordered_by_training_index() {
      // Query 0: distances 1, 1, 2 for indices 0, 1, 2; then 2, 1, 1 for indices 0, 1, 2.
      assertNeighbours("kNeighbours([[1], [-1], [2]], [0], k=2): two at distance 1, lower index first",
          KATA.kNeighbours(new double[][] {{1}, {-1}, {2}}, new double[] {0}, 2, E), new int[] {0, 1},
          new double[] {1, 1});
      assertNeighbours("kNeighbours([[2], [1], [-1]], [0], k=3): the tied pair, lower index first",
          KATA.kNeighbours(new double[][] {{2}, {1}, {-1}}, new double[] {0}, 3, E), new int[] {1, 2, 0},
          new double[] {1, 1, 2});
    }

    @Test
    void a_tie_for_the_last_place_takes_the_lower_index() {
      // Query 0: indices 0..3 at distances 3, 1, 1, 1; k=2 keeps index 1 and the lower of 2 and 3.
      assertNeighbours("kNeighbours([[3], [1], [-1], [1]], [0], k=2): three tie for two places, lowest indices win",
          KATA.kNeighbours(new double[][] {{3}, {1}, {-1}, {1}}, new double[] {0}, 2, E), new int[] {1, 2},
          new double[] {1, 1});
    }

    @Test
    void k_equal_to_n_returns_every_point() {
      assertNeighbours("kNeighbours([[4], [0], [2]], [1], k=3)",
          KATA.kNeighbours(new double[][] {{4}, {0}, {2}}, new double[] {1}, 3, E), new int[] {1, 2, 0},
          new double[] {1, 1, 3});
    }

    @Test
    void manhattan_and_euclidean_can_pick_different_neighbours() {
      // From (0, 0): (2, 2) is at 2.83 Euclidean but 4 Manhattan; (0, 3) is at 3 for both.
      double[][] train = {{2, 2}, {0, 3}};
      assertThat(KATA.kNeighbours(train, new double[] {0, 0}, 1, E).indices())
          .as("kNeighbours([[2, 2], [0, 3]], (0, 0), k=1, EUCLIDEAN): sqrt(8) < 3").containsExactly(0);
      assertThat(KATA.kNeighbours(train, new double[] {0, 0}, 1, M).indices())
          .as("kNeighbours([[2, 2], [0, 3]], (0, 0), k=1, MANHATTAN): 3 < 4").containsExactly(1);
    }

    @Test
    void uniform_classification_is_a_majority_vote() {
      double[][] train = {{0}, {1}, {2}, {10}};
      int[] labels = {7, 3, 3, 7};
      // Query 0.4, k=3: indices 0, 1, 2 with labels 7, 3, 3: label 3 has two votes.
      assertThat(KATA.classify(train, labels, new double[][] {{0.4}}, 3, E, U))
          .as("classify(train [0, 1, 2, 10], labels [7, 3, 3, 7], query 0.4, k=3, uniform): 3 has two votes of three, "
              + "even though the nearest is a 7").containsExactly(3);
    }

    @Test
    void a_tied_uniform_vote_goes_to_the_smallest_label_not_the_nearest() {
      // Query 0: index 0 (label 5) at 1, index 1 (label 2) at 2: one vote each.
      assertThat(KATA.classify(new double[][] {{1}, {2}}, new int[] {5, 2}, new double[][] {{0}}, 2, E, U))
          .as("classify([[1], [2]], labels [5, 2], query 0, k=2, uniform): one vote each, smallest label 2 "
              + "(not the nearest neighbour's 5, not the first seen)").containsExactly(2);
      assertThat(KATA.classify(new double[][] {{1}, {2}}, new int[] {2, 5}, new double[][] {{0}}, 2, E, U))
          .as("classify([[1], [2]], labels [2, 5], query 0, k=2, uniform): one vote each, smallest label 2 "
              + "(not the last seen)").containsExactly(2);
      assertThat(KATA.classify(new double[][] {{1}, {2}, {3}}, new int[] {-1, 4, 4}, new double[][] {{0}, {2.9}}, 1, E, U))
          .as("classify with k=1: the nearest neighbour's label, negative labels included").containsExactly(-1, 4);
    }

    @Test
    void distance_weighting_can_overturn_the_majority() {
      // Query 0: label 1 at 0.5 (weight 2), label 0 at 2 and 2.5 (weights 0.5 + 0.4 = 0.9).
      double[][] train = {{0.5}, {2}, {2.5}};
      int[] labels = {1, 0, 0};
      assertThat(KATA.classify(train, labels, new double[][] {{0}}, 3, E, U)).as("classify uniform: 0 has two votes")
          .containsExactly(0);
      assertThat(KATA.classify(train, labels, new double[][] {{0}}, 3, E, D))
          .as("classify distance-weighted: label 1 weighs 1/0.5 = 2 > 1/2 + 1/2.5 = 0.9 (weights are 1/d, not d)")
          .containsExactly(1);
    }

    @Test
    void a_tied_weighted_vote_goes_to_the_smallest_label() {
      // Query 0: labels 5 and 2 both at distance 1 (weight 1 each); label 9 at 4 (weight 1/4).
      assertThat(KATA.classify(new double[][] {{1}, {-1}, {4}}, new int[] {5, 2, 9}, new double[][] {{0}}, 3, E, D))
          .as("classify([[1], [-1], [4]], labels [5, 2, 9], query 0, k=3, distance): 5 and 2 weigh 1 each").containsExactly(2);
    }

    @Test
    void uniform_regression_is_the_mean_of_the_k_targets() {
      // Query 0.1, k=2: indices 0 and 1, targets 3 and 6.
      assertAllClose("regress([[0], [1], [5]], targets [3, 6, 100], query 0.1, k=2, uniform): (3 + 6) / 2",
          new double[] {4.5}, KATA.regress(new double[][] {{0}, {1}, {5}}, new double[] {3, 6, 100},
              new double[][] {{0.1}}, 2, E, U), EXACT);
    }

    @Test
    void distance_weighted_regression_divides_by_the_sum_of_weights() {
      // Query 0: distances 1 and 2, weights 1 and 1/2: (1 * 3 + 0.5 * 6) / 1.5 = 4.
      assertAllClose("regress([[1], [2]], targets [3, 6], query 0, k=2, distance): (3 + 6/2) / (1 + 1/2)",
          new double[] {4}, KATA.regress(new double[][] {{1}, {2}}, new double[] {3, 6}, new double[][] {{0}}, 2, E, D),
          EXACT);
    }

    @Test
    void an_exact_match_takes_all_the_weight_not_a_division_by_zero() {
      // Query 0 equals training point 0: only it counts (1/0 would give infinity and NaN).
      assertAllClose("regress([[0], [1], [2]], targets [10, 20, 30], query 0, k=3, distance): the exact match's target",
          new double[] {10}, KATA.regress(new double[][] {{0}, {1}, {2}}, new double[] {10, 20, 30},
              new double[][] {{0}}, 3, E, D), EXACT);
      assertAllClose("regress with two exact matches (targets 10 and 30) and one other point: their plain mean",
          new double[] {20}, KATA.regress(new double[][] {{0}, {1}, {0}}, new double[] {10, 20, 30},
              new double[][] {{0}}, 3, E, D), EXACT);
      assertThat(KATA.classify(new double[][] {{0}, {0.001}, {0.002}}, new int[] {4, 1, 1}, new double[][] {{0}}, 3, M, D))
          .as("classify with one exact match (label 4) and two very close points (label 1): the match alone decides")
          .containsExactly(4);
    }

    @Test
    void every_query_is_predicted_and_no_queries_give_an_empty_result() {
      double[][] train = {{0}, {10}};
      assertThat(KATA.classify(train, new int[] {0, 1}, new double[][] {{1}, {9}, {4}}, 1, E, U))
          .as("classify three queries, k=1").containsExactly(0, 1, 0);
      assertThat(KATA.classify(train, new int[] {0, 1}, new double[0][], 1, E, U)).as("classify no queries").isEmpty();
      assertThat(KATA.regress(train, new double[] {0, 1}, new double[0][], 1, E, U)).as("regress no queries").isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] train = {{0, 0}, {1, 1}, {2, 0}};
    private final int[] labels = {0, 1, 0};
    private final double[] targets = {1, 2, 3};
    private final double[][] queries = {{0.5, 0.5}};

    @Test
    void k_must_be_between_one_and_n() {
      assertRejects("kNeighbours with k=0", "k", () -> KATA.kNeighbours(train, queries[0], 0, E));
      assertRejects("kNeighbours with k=4 > n=3", "k", () -> KATA.kNeighbours(train, queries[0], 4, E));
      assertRejects("classify with k=0", "k", () -> KATA.classify(train, labels, queries, 0, E, U));
      assertRejects("regress with k=4 > n=3", "k", () -> KATA.regress(train, targets, queries, 4, E, D));
    }

    @Test
    void the_training_set_must_be_non_empty_rectangular_and_finite() {
      assertRejects("kNeighbours with an empty train", "train", () -> KATA.kNeighbours(new double[0][], new double[] {0}, 1, E));
      assertRejects("kNeighbours with a ragged train", "train",
          () -> KATA.kNeighbours(new double[][] {{0, 0}, {1}}, new double[] {0, 0}, 1, E));
      assertRejects("kNeighbours with rows without features", "train",
          () -> KATA.kNeighbours(new double[][] {{}, {}}, new double[0], 1, E));
      assertRejects("classify with a NaN in train", "train",
          () -> KATA.classify(new double[][] {{0, Double.NaN}}, new int[] {0}, queries, 1, E, U));
      assertRejects("regress with an infinity in train", "train",
          () -> KATA.regress(new double[][] {{0, Double.POSITIVE_INFINITY}}, new double[] {0}, queries, 1, E, U));
    }

    @Test
    void queries_must_match_the_features_and_be_finite() {
      assertRejects("kNeighbours with a query of 3 features for 2", "query", () -> KATA.kNeighbours(train, new double[] {0, 0, 0}, 1, E));
      assertRejects("kNeighbours with a NaN query", "query", () -> KATA.kNeighbours(train, new double[] {0, Double.NaN}, 1, E));
      assertRejects("classify with a query of 1 feature for 2", "queries",
          () -> KATA.classify(train, labels, new double[][] {{0.5, 0.5}, {1}}, 1, E, U));
      assertRejects("regress with an infinite query", "queries",
          () -> KATA.regress(train, targets, new double[][] {{Double.NEGATIVE_INFINITY, 0}}, 1, E, U));
    }

    @Test
    void labels_and_targets_must_match_the_training_set() {
      assertRejects("classify with 2 labels for 3 points", "labels", () -> KATA.classify(train, new int[] {0, 1}, queries, 1, E, U));
      assertRejects("regress with 4 targets for 3 points", "targets",
          () -> KATA.regress(train, new double[] {1, 2, 3, 4}, queries, 1, E, U));
      assertRejects("regress with a NaN target", "targets",
          () -> KATA.regress(train, new double[] {1, Double.NaN, 3}, queries, 1, E, U));
    }

    @Test
    void distance_rejects_mismatched_or_non_finite_points() {
      assertRejects("distance of points of lengths 2 and 3", "a", () -> KATA.distance(new double[] {0, 0}, new double[] {0, 0, 0}, E));
      assertRejects("distance with a NaN in a", "a", () -> KATA.distance(new double[] {Double.NaN}, new double[] {0}, E));
      assertRejects("distance with an infinity in b", "b", () -> KATA.distance(new double[] {0}, new double[] {Double.NaN}, M));
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("kNeighbours(null, ...)", () -> KATA.kNeighbours(null, queries[0], 1, E));
      assertNullRejected("kNeighbours(..., metric null)", () -> KATA.kNeighbours(train, queries[0], 1, null));
      assertNullRejected("classify(..., weighting null)", () -> KATA.classify(train, labels, queries, 1, E, null));
      assertNullRejected("regress(..., targets null, ...)", () -> KATA.regress(train, null, queries, 1, E, U));
      assertNullRejected("distance(null, ...)", () -> KATA.distance(null, new double[] {0}, E));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] t = {{3, 1}, {0, 0}, {1, 2}, {0, 0}};
      int[] l = {2, 0, 1, 0};
      double[] y = {5, -1, 2, 7};
      double[][] q = {{0, 0}, {2, 2}};
      double[][] tCopy = Tensors.deepCopy(t);
      double[][] qCopy = Tensors.deepCopy(q);
      KATA.kNeighbours(t, q[0], 3, E);
      KATA.classify(t, l, q, 3, M, D);
      KATA.regress(t, y, q, 2, E, D);
      assertThat(t).as("train after kNeighbours, classify and regress").isDeepEqualTo(tCopy);
      assertThat(q).as("queries after classify and regress").isDeepEqualTo(qCopy);
      assertThat(l).as("labels after classify").containsExactly(2, 0, 1, 0);
      assertThat(y).as("targets after regress").containsExactly(5, -1, 2, 7);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/knn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neighbours_match_scikit_learn(Goldens.Case c) {
      double[][] train = c.input().matrix("train");
      double[][] queries = c.input().matrix("queries");
      int[][] indices = c.expected().intMatrix("indices");
      double[][] distances = c.expected().matrix("distances");
      for (int q = 0; q < queries.length; q++) {
        String what = "kNeighbours of golden '" + c.name() + "', query " + q + " " + Arrays.toString(queries[q])
            + " vs " + c.library();
        Neighbours n = KATA.kNeighbours(train, queries[q], (int) c.input().integer("k"), metric(c));
        assertThat(n).as(what).isNotNull();
        assertThat(n.indices()).as(what + ": indices").containsExactly(indices[q]);
        int row = q;
        assertNear(() -> what + ": distances", distances[row], n.distances(), GOLDEN);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classification_matches_scikit_learn(Goldens.Case c) {
      assertThat(KATA.classify(c.input().matrix("train"), c.input().ints("labels"), c.input().matrix("queries"),
          (int) c.input().integer("k"), metric(c), weighting(c)))
          .as("classify of golden '%s' vs %s", c.name(), c.library()).containsExactly(c.expected().ints("classes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void regression_matches_scikit_learn(Goldens.Case c) {
      assertNear(() -> "regress of golden '" + c.name() + "' vs " + c.library(), c.expected().doubles("values"),
          KATA.regress(c.input().matrix("train"), c.input().doubles("targets"), c.input().matrix("queries"),
              (int) c.input().integer("k"), metric(c), weighting(c)), GOLDEN);
    }

    private Metric metric(Goldens.Case c) {
      return Metric.valueOf(c.input().string("metric"));
    }

    private Weighting weighting(Goldens.Case c) {
      return Weighting.valueOf(c.input().string("weighting"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_neighbours_are_the_k_smallest_by_distance_then_index() {
      Props.check("kNeighbours = the first k of all points sorted by (distance, index)", EXAMPLES, KnnGens.grid(), p -> {
        for (Metric metric : Metric.values()) {
          for (double[] query : p.queries()) {
            int[] expected = bruteForce(p.train(), query, metric, p.k());
            Neighbours n = KATA.kNeighbours(p.train(), query, p.k(), metric);
            String what = "kNeighbours(" + p + ", query " + Arrays.toString(query) + ", " + metric + ")";
            assertThat(n).as(what).isNotNull();
            assertThat(n.indices()).as(what + ": indices sorted by (distance, index)").containsExactly(expected);
            double[] d = Arrays.stream(expected).mapToDouble(i -> oracleDistance(p.train()[i], query, metric)).toArray();
            assertAllClose(what + ": distances", d, n.distances(), EXACT * 100);
          }
        }
      });
    }

    @Test
    void with_k_equal_to_n_uniform_regression_is_the_mean_of_all_targets() {
      Props.check("regress with k = n, uniform = mean of every target", EXAMPLES, KnnGens.continuous(), p -> {
        double mean = Tensors.mean(p.targets());
        double[] out = KATA.regress(p.train(), p.targets(), p.queries(), p.n(), Metric.EUCLIDEAN, Weighting.UNIFORM);
        double[] expected = new double[p.queries().length];
        Arrays.fill(expected, mean);
        assertNear(() -> "regress(k = n, uniform) for " + p, expected, out, RANDOM);
      });
    }

    @Test
    void with_k_one_the_prediction_is_the_nearest_points_label_and_target() {
      Props.check("k = 1: the nearest point's label and target, whatever the weighting", EXAMPLES, KnnGens.grid(), p -> {
        for (Weighting w : Weighting.values()) {
          int[] labels = KATA.classify(p.train(), p.labels(), p.queries(), 1, Metric.MANHATTAN, w);
          double[] values = KATA.regress(p.train(), p.targets(), p.queries(), 1, Metric.MANHATTAN, w);
          for (int q = 0; q < p.queries().length; q++) {
            int nearest = bruteForce(p.train(), p.queries()[q], Metric.MANHATTAN, 1)[0];
            assertThat(labels[q]).as("classify(k=1, %s) of query %d for %s", w, q, p).isEqualTo(p.labels()[nearest]);
            assertClose("regress(k=1, " + w + ") of query " + q + " for " + p, p.targets()[nearest], values[q], EXACT);
          }
        }
      });
    }

    @Test
    void predictions_lie_within_the_range_of_the_neighbours_targets() {
      Props.check("a (weighted) mean lies between the smallest and largest neighbour target", EXAMPLES,
          KnnGens.continuous(), p -> {
            double[] values = KATA.regress(p.train(), p.targets(), p.queries(), p.k(), Metric.EUCLIDEAN, Weighting.DISTANCE);
            for (int q = 0; q < p.queries().length; q++) {
              double[] t = Arrays.stream(bruteForce(p.train(), p.queries()[q], Metric.EUCLIDEAN, p.k()))
                  .mapToDouble(i -> p.targets()[i]).toArray();
              double lo = Arrays.stream(t).min().getAsDouble();
              double hi = Arrays.stream(t).max().getAsDouble();
              assertThat(values[q]).as("regress(distance) of query %d for %s, neighbour targets %s", q, p,
                  Arrays.toString(t)).isBetween(lo - RANDOM * Math.max(1, Math.abs(lo)), hi + RANDOM * Math.max(1, Math.abs(hi)));
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void uniform_votes_with_ties_match_the_reference() {
      Props.check("classify (uniform, grid data with ties) agrees with the reference", EXAMPLES, KnnGens.grid(), p -> {
        for (Metric metric : Metric.values()) {
          assertThat(KATA.classify(p.train(), p.labels(), p.queries(), p.k(), metric, Weighting.UNIFORM))
              .as("classify(%s, %s, uniform)", p, metric)
              .containsExactly(REFERENCE.classify(p.train(), p.labels(), p.queries(), p.k(), metric, Weighting.UNIFORM));
        }
      });
    }

    @Test
    void distance_weighted_votes_match_the_reference() {
      Props.check("classify (distance-weighted) agrees with the reference", EXAMPLES, KnnGens.continuous(), p -> {
        for (Metric metric : Metric.values()) {
          assertThat(KATA.classify(p.train(), p.labels(), p.queries(), p.k(), metric, Weighting.DISTANCE))
              .as("classify(%s, %s, distance)", p, metric)
              .containsExactly(REFERENCE.classify(p.train(), p.labels(), p.queries(), p.k(), metric, Weighting.DISTANCE));
        }
      });
    }

    @Test
    void regression_matches_the_reference() {
      Props.check("regress agrees with the reference", EXAMPLES, KnnGens.grid(), p -> {
        for (Metric metric : Metric.values()) {
          for (Weighting w : Weighting.values()) {
            assertNear(() -> "regress(" + p + ", " + metric + ", " + w + ")",
                REFERENCE.regress(p.train(), p.targets(), p.queries(), p.k(), metric, w),
                KATA.regress(p.train(), p.targets(), p.queries(), p.k(), metric, w), RANDOM);
          }
        }
      });
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void twenty_thousand_points_and_ten_queries_take_at_most_25x_the_reference() {
      Random random = new Random(20261207L);
      int n = 20_000;
      double[][] train = new double[n][4];
      double[] targets = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 4; j++) {
          train[i][j] = random.nextGaussian();
        }
        targets[i] = random.nextGaussian();
      }
      double[][] queries = new double[10][4];
      for (double[] q : queries) {
        for (int j = 0; j < 4; j++) {
          q[j] = random.nextGaussian();
        }
      }
      Efficiency.assertWithinRatio("regress with n = 2*10^4 points, 10 queries, k = 50",
          () -> REFERENCE.regress(train, targets, queries, 50, Metric.EUCLIDEAN, Weighting.DISTANCE),
          () -> KATA.regress(train, targets, queries, 50, Metric.EUCLIDEAN, Weighting.DISTANCE), 25);
    }
  }

  static void assertNeighbours(String what, Neighbours actual, int[] indices, double[] distances) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.indices()).as("%s: indices", what).containsExactly(indices);
    assertAllClose(what + ": distances", distances, actual.distances(), EXACT);
  }

  /** The grader's own distance. */
  static double oracleDistance(double[] a, double[] b, Metric metric) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += metric == Metric.EUCLIDEAN ? (a[j] - b[j]) * (a[j] - b[j]) : Math.abs(a[j] - b[j]);
    }
    return metric == Metric.EUCLIDEAN ? Math.sqrt(s) : s;
  }

  /** Every index sorted by (distance, index), the first k. */
  static int[] bruteForce(double[][] train, double[] query, Metric metric, int k) {
    double[] d = Arrays.stream(train).mapToDouble(row -> oracleDistance(row, query, metric)).toArray();
    return IntStream.range(0, train.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }
}

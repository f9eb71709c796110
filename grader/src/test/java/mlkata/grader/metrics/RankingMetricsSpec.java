package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.KataAssertions.assertRejectsNamingAnyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Gens.Scored;
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
import org.quicktheories.core.Gen;

/**
 * Grades {@code metrics/ranking-metrics}.
 *
 * <p>Tolerances: {@link #GAIN} for DCG, relative above 1 ({@code assertNear}): a sum of at most a few
 * hundred relevance-times-discount terms, each discount a ratio of two logarithms accurate to an ulp;
 * scikit-learn sums the discounts of a tied group as a difference of cumulative sums, which moves the
 * result by a few ulps of the running total. {@link #SHARE} for NDCG, MRR, recall and hit rate: values in
 * [0, 1] built from such sums or from small counts.
 */
@KataSpec
@DisplayName("metrics/ranking-metrics: NDCG, MRR, recall@k and hit rate")
final class RankingMetricsSpec {
  static final double GAIN = 1e-12;
  static final double SHARE = 1e-12;
  /** NDCG on the 250,000-item speed input: a sum of 10^5 tied groups drifts by about 10^5 roundings. */
  static final double LARGE = 1e-9;
  private static final int EXAMPLES = 300;
  private static final int ALL = Integer.MAX_VALUE;

  private static final RankingMetricsApi KATA = Target.pick(new RankingMetricsOfExercises(), new RankingMetricsOfSolutions());
  private static final RankingMetricsApi REFERENCE = new RankingMetricsOfSolutions();

  /** The problem statement's query. */
  private static final double[][] STATEMENT_REL = {{3, 2, 0, 1}};
  private static final double[][] STATEMENT_SCORES = {{0.9, 0.5, 0.5, 0.1}};

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_gain_is_the_relevance_itself() {
      // Relevance 3 at position 1 (discount 1): DCG 3. The exponential gain 2^3 - 1 would give 7.
      assertNear("dcg([[3, 0]], [[1, 0]], k=2): gain = relevance (3), not 2^rel - 1 (7)", 3,
          KATA.dcg(new double[][] {{3, 0}}, new double[][] {{1, 0}}, 2), GAIN);
    }

    @Test
    void position_r_is_discounted_by_one_over_log2_of_r_plus_1() {
      // The relevant item is second: 1/log2(3) = 0.6309. (1/ln 3 = 0.9102; 1/log2(2) = 1 is off by one.)
      assertNear("dcg([[0, 1]], [[1, 0]], k=2): the item at position 2 counts 1/log2(3)", 1 / log2(3),
          KATA.dcg(new double[][] {{0, 1}}, new double[][] {{1, 0}}, 2), GAIN);
    }

    @Test
    void tied_scores_share_their_mean_gain() {
      // Both items tie for positions 1 and 2: each position gets (1 + 0) / 2, so DCG = 0.5 * (1 + 1/log2 3).
      // Breaking the tie by input order gives 1; the other order 1/log2(3).
      double expected = 0.5 * (1 + 1 / log2(3));
      assertNear("dcg([[1, 0]], [[0.5, 0.5]], k=2): a tie averages the gains = 0.8155 (1 or 0.6309 means the tie "
          + "was broken by an order)", expected, KATA.dcg(new double[][] {{1, 0}}, new double[][] {{0.5, 0.5}}, 2), GAIN);
      assertNear("dcg([[0, 1]], [[0.5, 0.5]], k=2): the order of tied items does not matter", expected,
          KATA.dcg(new double[][] {{0, 1}}, new double[][] {{0.5, 0.5}}, 2), GAIN);
    }

    @Test
    void the_problem_statement_dcg() {
      // 3 at position 1; items 1 and 2 tie for positions 2, 3 with mean gain 1; 1 at position 4.
      assertNear("dcg([[3, 2, 0, 1]], [[0.9, 0.5, 0.5, 0.1]], k=4)", 3 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5),
          KATA.dcg(STATEMENT_REL, STATEMENT_SCORES, 4), GAIN);
    }

    @Test
    void k_larger_than_the_list_means_the_whole_list() {
      assertNear("dcg(statement example, k=10) = dcg(k=4)", 3 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5),
          KATA.dcg(STATEMENT_REL, STATEMENT_SCORES, 10), GAIN);
      assertNear("dcg(statement example, k=Integer.MAX_VALUE) = dcg(k=4)", 3 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5),
          KATA.dcg(STATEMENT_REL, STATEMENT_SCORES, ALL), GAIN);
    }

    @Test
    void k_cuts_through_a_tied_group() {
      // k = 2: of the tied group at positions 2 and 3 only position 2 counts, with the mean gain 1.
      assertNear("dcg(statement example, k=2) = 3 + 1 * 1/log2(3)", 3 + 1 / log2(3),
          KATA.dcg(STATEMENT_REL, STATEMENT_SCORES, 2), GAIN);
    }

    @Test
    void the_problem_statement_ndcg() {
      // IDCG of the relevances sorted 3, 2, 1, 0: 3 + 2/log2(3) + 1/log2(4).
      assertClose("ndcg(statement example, k=4) = DCG / IDCG", (3 + 1 / log2(3) + 1 / log2(4) + 1 / log2(5))
          / (3 + 2 / log2(3) + 1 / log2(4)), KATA.ndcg(STATEMENT_REL, STATEMENT_SCORES, 4), SHARE);
    }

    @Test
    void the_ideal_dcg_is_cut_at_k_too() {
      // IDCG@2 = 3 + 2/log2(3). The uncut ideal 3 + 2/log2 3 + 1/2 would give 0.7625 instead of 0.8520.
      assertClose("ndcg(statement example, k=2) = (3 + 1/log2 3) / (3 + 2/log2 3): IDCG@2, not the IDCG of the "
          + "whole list", (3 + 1 / log2(3)) / (3 + 2 / log2(3)), KATA.ndcg(STATEMENT_REL, STATEMENT_SCORES, 2), SHARE);
    }

    @Test
    void a_query_without_relevant_items_has_ndcg_zero_and_queries_are_averaged() {
      assertClose("ndcg([[0, 0, 0]], [[0.3, 0.2, 0.1]], k=3): IDCG 0 gives 0, not NaN", 0,
          KATA.ndcg(new double[][] {{0, 0, 0}}, new double[][] {{0.3, 0.2, 0.1}}, 3), SHARE);
      // Query 1: DCG 0.5 * (1 + 1/log2 3) + 2/log2 4, IDCG 2 + 1/log2 3. Query 2: 0. Mean of the two.
      double first = (0.5 * (1 + 1 / log2(3)) + 2 / log2(4)) / (2 + 1 / log2(3));
      assertClose("ndcg([[1, 0, 2], [0, 0, 0]], [[0.5, 0.5, 0.1], [1, 2, 3]], k=3): the mean over both queries",
          first / 2, KATA.ndcg(new double[][] {{1, 0, 2}, {0, 0, 0}}, new double[][] {{0.5, 0.5, 0.1}, {1, 2, 3}}, 3),
          SHARE);
    }

    @Test
    void mean_reciprocal_rank_averages_one_over_the_first_relevant_position() {
      // Query 1: first relevant at position 2 -> 1/2. Query 2: the relevant item scores lowest -> 1/3.
      // Query 3: none -> 0. MRR = (1/2 + 1/3 + 0) / 3 = 5/18.
      assertClose("meanReciprocalRank([[0, 1, 0], [1, 0, 0], [0, 0, 0]], [[0.9, 0.5, 0.1], [0.2, 0.8, 0.5], "
              + "[0.1, 0.2, 0.3]])", 5.0 / 18,
          KATA.meanReciprocalRank(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}},
              new double[][] {{0.9, 0.5, 0.1}, {0.2, 0.8, 0.5}, {0.1, 0.2, 0.3}}), SHARE);
    }

    @Test
    void ties_are_broken_by_input_order_for_mrr_recall_and_hit_rate() {
      double[][] tied = {{0.5, 0.5}};
      assertClose("meanReciprocalRank([[0, 1]], [[0.5, 0.5]]): item 0 comes first, the relevant item is 2nd", 0.5,
          KATA.meanReciprocalRank(new double[][] {{0, 1}}, tied), SHARE);
      assertClose("meanReciprocalRank([[1, 0]], [[0.5, 0.5]]): the relevant item 0 comes first", 1,
          KATA.meanReciprocalRank(new double[][] {{1, 0}}, tied), SHARE);
      // Three tied items, relevant ones at indices 1 and 2: the top 1 is item 0, the top 2 items 0 and 1.
      double[][] rel = {{0, 1, 1}};
      double[][] scores = {{0.4, 0.4, 0.4}};
      assertClose("recallAtK([[0, 1, 1]], [[0.4, 0.4, 0.4]], k=1): top 1 = item 0", 0,
          KATA.recallAtK(rel, scores, 1), SHARE);
      assertClose("recallAtK([[0, 1, 1]], [[0.4, 0.4, 0.4]], k=2): top 2 = items 0 and 1", 0.5,
          KATA.recallAtK(rel, scores, 2), SHARE);
      assertClose("hitRate([[0, 1, 1]], [[0.4, 0.4, 0.4]], k=1): top 1 = item 0, no hit", 0,
          KATA.hitRate(rel, scores, 1), SHARE);
    }

    @Test
    void the_problem_statement_recall_and_hit_rate() {
      // Ranking by score then index: items 0, 1, 2, 3. Relevant: 0, 1, 3.
      assertClose("recallAtK(statement example, k=1) = 1/3", 1.0 / 3, KATA.recallAtK(STATEMENT_REL, STATEMENT_SCORES, 1),
          SHARE);
      assertClose("recallAtK(statement example, k=2) = 2/3 (items 0 and 1)", 2.0 / 3,
          KATA.recallAtK(STATEMENT_REL, STATEMENT_SCORES, 2), SHARE);
      assertClose("recallAtK(statement example, k=3) = 2/3 (item 2 is irrelevant)", 2.0 / 3,
          KATA.recallAtK(STATEMENT_REL, STATEMENT_SCORES, 3), SHARE);
      assertClose("hitRate(statement example, k=1) = 1", 1, KATA.hitRate(STATEMENT_REL, STATEMENT_SCORES, 1), SHARE);
    }

    @Test
    void recall_divides_by_the_relevant_items_not_by_k() {
      // One relevant item of five, found at position 1: recall@3 = 1/1, precision@3 would be 1/3.
      assertClose("recallAtK([[1, 0, 0, 0, 0]], [[5, 4, 3, 2, 1]], k=3) = 1 (found / relevant)", 1,
          KATA.recallAtK(new double[][] {{1, 0, 0, 0, 0}}, new double[][] {{5, 4, 3, 2, 1}}, 3), SHARE);
    }

    @Test
    void queries_without_relevant_items_count_zero_in_recall_and_hit_rate() {
      double[][] rel = {{0, 2, 0}, {0, 0, 0}, {1, 0, 0}};
      double[][] scores = {{0.3, 0.2, 0.1}, {1, 2, 3}, {0.1, 0.3, 0.2}};
      // k = 2: query 1 finds its item (position 2); query 2 has none (0); query 3's item is last (0).
      assertClose("recallAtK(three queries, k=2) = (1 + 0 + 0) / 3", 1.0 / 3, KATA.recallAtK(rel, scores, 2), SHARE);
      assertClose("hitRate(three queries, k=2) = (1 + 0 + 0) / 3", 1.0 / 3, KATA.hitRate(rel, scores, 2), SHARE);
      assertClose("hitRate(three queries, k=3) = (1 + 0 + 1) / 3", 2.0 / 3, KATA.hitRate(rel, scores, 3), SHARE);
    }

    @Test
    void a_query_of_one_item_is_allowed() {
      double[][] rel = {{2}};
      double[][] scores = {{0.7}};
      assertNear("dcg([[2]], [[0.7]], k=1)", 2, KATA.dcg(rel, scores, 1), GAIN);
      assertClose("ndcg([[2]], [[0.7]], k=1)", 1, KATA.ndcg(rel, scores, 1), SHARE);
      assertClose("meanReciprocalRank([[2]], [[0.7]])", 1, KATA.meanReciprocalRank(rel, scores), SHARE);
    }

    @Test
    void minus_zero_and_zero_are_one_tied_score() {
      // Items 0 and 1 tie (-0.0 == 0.0) behind item 2: DCG = 1 + (2 + 0)/2 * (1/log2 3 + 1/log2 4).
      assertNear("dcg([[2, 0, 1]], [[-0.0, 0.0, 1.0]], k=3): -0.0 and 0.0 tie",
          1 + 1 / log2(3) + 1 / log2(4), KATA.dcg(new double[][] {{2, 0, 1}}, new double[][] {{-0.0, 0.0, 1.0}}, 3), GAIN);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] rel = {{1, 0}};
    private final double[][] scores = {{0.2, 0.1}};

    @Test
    void there_must_be_a_query_and_shapes_must_match() {
      assertRejectsNamingAnyOf("dcg with no query", () -> KATA.dcg(new double[0][], new double[0][], 1),
          "relevance", "scores");
      assertRejectsNamingAnyOf("ndcg with 2 relevance rows and 1 score row",
          () -> KATA.ndcg(new double[][] {{1}, {0}}, new double[][] {{1}}, 1), "relevance", "scores");
      assertRejectsNamingAnyOf("meanReciprocalRank with rows of 2 and 3 items",
          () -> KATA.meanReciprocalRank(new double[][] {{1, 0}}, new double[][] {{1, 2, 3}}), "relevance", "scores");
      assertRejectsNamingAnyOf("recallAtK with an empty query",
          () -> KATA.recallAtK(new double[][] {{1}, {}}, new double[][] {{1}, {}}, 1), "relevance", "scores");
      assertRejectsNamingAnyOf("hitRate with an empty query",
          () -> KATA.hitRate(new double[][] {{}}, new double[][] {{}}, 1), "relevance", "scores");
    }

    @Test
    void relevance_must_be_finite_and_not_negative() {
      for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
        double[][] r = {{1, bad}};
        assertRejects("dcg with relevance " + bad, "relevance", () -> KATA.dcg(r, scores, 2));
        assertRejects("ndcg with relevance " + bad, "relevance", () -> KATA.ndcg(r, scores, 2));
        assertRejects("meanReciprocalRank with relevance " + bad, "relevance", () -> KATA.meanReciprocalRank(r, scores));
        assertRejects("recallAtK with relevance " + bad, "relevance", () -> KATA.recallAtK(r, scores, 2));
        assertRejects("hitRate with relevance " + bad, "relevance", () -> KATA.hitRate(r, scores, 2));
      }
    }

    @Test
    void scores_must_be_finite() {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[][] s = {{bad, 0.1}};
        assertRejects("dcg with score " + bad, "scores", () -> KATA.dcg(rel, s, 2));
        assertRejects("ndcg with score " + bad, "scores", () -> KATA.ndcg(rel, s, 2));
        assertRejects("meanReciprocalRank with score " + bad, "scores", () -> KATA.meanReciprocalRank(rel, s));
        assertRejects("recallAtK with score " + bad, "scores", () -> KATA.recallAtK(rel, s, 2));
        assertRejects("hitRate with score " + bad, "scores", () -> KATA.hitRate(rel, s, 2));
      }
    }

    @Test
    void k_must_be_at_least_one() {
      assertRejects("dcg with k 0", "k", () -> KATA.dcg(rel, scores, 0));
      assertRejects("ndcg with k -1", "k", () -> KATA.ndcg(rel, scores, -1));
      assertRejects("recallAtK with k 0", "k", () -> KATA.recallAtK(rel, scores, 0));
      assertRejects("hitRate with k 0", "k", () -> KATA.hitRate(rel, scores, 0));
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("dcg(null, scores, 1)", () -> KATA.dcg(null, scores, 1));
      assertNullRejected("ndcg(relevance, null, 1)", () -> KATA.ndcg(rel, null, 1));
      assertNullRejected("meanReciprocalRank with a null row",
          () -> KATA.meanReciprocalRank(new double[][] {null}, new double[][] {{1}}));
      assertNullRejected("recallAtK with a null score row", () -> KATA.recallAtK(new double[][] {{1}}, new double[][] {null}, 1));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] r = {{0, 3, 1, 1}, {2, 0}};
      double[][] s = {{0.4, 0.1, 0.4, 0.9}, {-1, 5}};
      double[][] rCopy = Tensors.deepCopy(r);
      double[][] sCopy = Tensors.deepCopy(s);
      KATA.dcg(r, s, 3);
      KATA.ndcg(r, s, 3);
      KATA.meanReciprocalRank(r, s);
      KATA.recallAtK(r, s, 2);
      KATA.hitRate(r, s, 2);
      assertThat(r).as("relevance after every method (a sort in place changes it)").isDeepEqualTo(rCopy);
      assertThat(s).as("scores after every method (a sort in place changes them)").isDeepEqualTo(sCopy);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("metrics/ranking-metrics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dcg_matches_scikit_learn(Goldens.Case c) {
      double[][] rel = c.input().matrix("relevance");
      double[][] scores = c.input().matrix("scores");
      for (int k : c.input().ints("k")) {
        assertNear("dcg(k=" + k + ") of " + describe(c) + " vs " + c.library(), c.expected().object("k" + k).number("dcg"),
            KATA.dcg(rel, scores, k), GAIN);
      }
      assertNear("dcg(k=Integer.MAX_VALUE) of " + describe(c) + " vs " + c.library() + " with k=None",
          c.expected().object("all").number("dcg"), KATA.dcg(rel, scores, ALL), GAIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ndcg_matches_scikit_learn(Goldens.Case c) {
      double[][] rel = c.input().matrix("relevance");
      double[][] scores = c.input().matrix("scores");
      for (int k : c.input().ints("k")) {
        assertClose("ndcg(k=" + k + ") of " + describe(c) + " vs " + c.library(),
            c.expected().object("k" + k).number("ndcg"), KATA.ndcg(rel, scores, k), SHARE);
      }
      assertClose("ndcg(k=Integer.MAX_VALUE) of " + describe(c) + " vs " + c.library() + " with k=None",
          c.expected().object("all").number("ndcg"), KATA.ndcg(rel, scores, ALL), SHARE);
    }

    private String describe(Goldens.Case c) {
      double[][] rel = c.input().matrix("relevance");
      String shown = rel.length * rel[0].length <= 24
          ? " (relevance " + Arrays.deepToString(rel) + ", scores " + Arrays.deepToString(c.input().matrix("scores")) + ")"
          : " (" + rel.length + " queries of " + rel[0].length + " items)";
      return "golden '" + c.name() + "'" + shown;
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void dcg_does_not_depend_on_the_order_of_the_items() {
      Props.check("reversing the items of every query leaves DCG and NDCG unchanged (ties are averaged)", EXAMPLES,
          queries(), q -> {
            Queries reversed = q.reversed();
            assertNear("property 'DCG does not depend on the input order of tied items' for " + q,
                KATA.dcg(q.relevance(), q.scores(), q.k()), KATA.dcg(reversed.relevance(), reversed.scores(), q.k()), GAIN);
            assertClose("property 'NDCG does not depend on the input order of tied items' for " + q,
                KATA.ndcg(q.relevance(), q.scores(), q.k()), KATA.ndcg(reversed.relevance(), reversed.scores(), q.k()),
                SHARE);
          });
    }

    @Test
    void ranking_by_the_relevance_itself_gives_ndcg_one() {
      Props.check("scores = relevance gives NDCG 1 for every query with a relevant item", EXAMPLES, queries(), q -> {
        double[][] rel = Arrays.stream(q.relevance()).map(row -> row[0] > 0 ? row : withFirst(row, 1)).toArray(double[][]::new);
        assertClose("property 'NDCG of the ideal ranking = 1' for relevance " + Arrays.deepToString(rel) + ", k " + q.k(), 1,
            KATA.ndcg(rel, rel, q.k()), SHARE);
      });
    }

    @Test
    void ndcg_lies_between_zero_and_one_and_grows_dcg_with_k() {
      Props.check("0 <= NDCG <= 1 and DCG@k <= DCG@(k+1)", EXAMPLES, queries(), q -> {
        double ndcg = KATA.ndcg(q.relevance(), q.scores(), q.k());
        assertThat(ndcg).as("property '0 <= NDCG <= 1' for %s", q).isBetween(-SHARE, 1 + SHARE);
        double dcg = KATA.dcg(q.relevance(), q.scores(), q.k());
        double next = KATA.dcg(q.relevance(), q.scores(), q.k() + 1);
        assertThat(next).as("property 'DCG@(k+1) >= DCG@k' for %s", q).isGreaterThanOrEqualTo(dcg - GAIN);
      });
    }

    @Test
    void an_increasing_transform_of_the_scores_changes_nothing() {
      Props.check("scores 4s + 1 give the same metrics", EXAMPLES, queries(), q -> {
        double[][] moved = Arrays.stream(q.scores()).map(row -> Arrays.stream(row).map(s -> 4 * s + 1).toArray())
            .toArray(double[][]::new);
        String what = "property 'metrics depend only on the order of the scores (4s + 1)' for " + q;
        assertNear(what + ": dcg", KATA.dcg(q.relevance(), q.scores(), q.k()), KATA.dcg(q.relevance(), moved, q.k()), GAIN);
        assertClose(what + ": meanReciprocalRank", KATA.meanReciprocalRank(q.relevance(), q.scores()),
            KATA.meanReciprocalRank(q.relevance(), moved), SHARE);
        assertClose(what + ": recallAtK", KATA.recallAtK(q.relevance(), q.scores(), q.k()),
            KATA.recallAtK(q.relevance(), moved, q.k()), SHARE);
      });
    }

    @Test
    void recall_hit_rate_and_mrr_are_consistent() {
      Props.check("recall@k <= hitRate@k, MRR >= hitRate@k / k, recall grows with k", EXAMPLES, queries(), q -> {
        double recall = KATA.recallAtK(q.relevance(), q.scores(), q.k());
        double hit = KATA.hitRate(q.relevance(), q.scores(), q.k());
        double mrr = KATA.meanReciprocalRank(q.relevance(), q.scores());
        assertThat(recall).as("property 'recall@k <= hitRate@k' for %s", q).isLessThanOrEqualTo(hit + SHARE);
        assertThat(mrr).as("property 'MRR >= hitRate@k / k' for %s", q).isGreaterThanOrEqualTo(hit / q.k() - SHARE);
        assertThat(KATA.recallAtK(q.relevance(), q.scores(), q.k() + 1)).as("property 'recall@(k+1) >= recall@k' for %s", q)
            .isGreaterThanOrEqualTo(recall - SHARE);
        assertClose("property 'hitRate@1 = share of queries whose reciprocal rank is 1' for " + q,
            Arrays.stream(reciprocalRanks(q)).filter(r -> r == 1).count() / (double) q.relevance().length,
            KATA.hitRate(q.relevance(), q.scores(), 1), SHARE);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void dcg_and_ndcg_match_the_reference_on_random_inputs() {
      Props.check("dcg and ndcg agree with the reference solution", EXAMPLES, queries(), q -> {
        assertNear("dcg, reference vs yours, for " + q, REFERENCE.dcg(q.relevance(), q.scores(), q.k()),
            KATA.dcg(q.relevance(), q.scores(), q.k()), GAIN);
        assertClose("ndcg, reference vs yours, for " + q, REFERENCE.ndcg(q.relevance(), q.scores(), q.k()),
            KATA.ndcg(q.relevance(), q.scores(), q.k()), SHARE);
      });
    }

    @Test
    void mrr_recall_and_hit_rate_match_the_reference_on_random_inputs() {
      Props.check("meanReciprocalRank, recallAtK and hitRate agree with the reference solution", EXAMPLES, queries(), q -> {
        assertClose("meanReciprocalRank, reference vs yours, for " + q, REFERENCE.meanReciprocalRank(q.relevance(), q.scores()),
            KATA.meanReciprocalRank(q.relevance(), q.scores()), SHARE);
        assertClose("recallAtK, reference vs yours, for " + q, REFERENCE.recallAtK(q.relevance(), q.scores(), q.k()),
            KATA.recallAtK(q.relevance(), q.scores(), q.k()), SHARE);
        assertClose("hitRate, reference vs yours, for " + q, REFERENCE.hitRate(q.relevance(), q.scores(), q.k()),
            KATA.hitRate(q.relevance(), q.scores(), q.k()), SHARE);
      });
    }

    @Test
    void ndcg_agrees_with_the_reference_on_the_250000_item_speed_input() {
      double[][][] input = largeQuery();
      assertClose("ndcg of one query of 250,000 items with many ties (Gens.largeScored()), reference vs yours",
          REFERENCE.ndcg(input[0], input[1], ALL), KATA.ndcg(input[0], input[1], ALL), LARGE);
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void ndcg_of_a_quarter_million_items_takes_at_most_50x_the_reference() {
      double[][][] input = largeQuery();
      Efficiency.assertWithinRatio("ndcg of one query of 2.5*10^5 items with many ties",
          () -> REFERENCE.ndcg(input[0], input[1], ALL), () -> KATA.ndcg(input[0], input[1], ALL),
          Gens.LARGE_SCORED_MAX_RATIO);
    }
  }

  /** Gens.largeScored() as one query: relevance = label + (score above 0.9 ? 1 : 0), scores as they are. */
  static double[][][] largeQuery() {
    Scored s = Gens.largeScored();
    double[] rel = new double[s.size()];
    for (int i = 0; i < rel.length; i++) {
      rel[i] = s.labels()[i] + (s.scores()[i] > 0.9 ? 1 : 0);
    }
    return new double[][][] {{rel}, {s.scores()}};
  }

  static double[] withFirst(double[] row, double value) {
    double[] out = row.clone();
    out[0] = value;
    return out;
  }

  /** Reciprocal rank per query by the definition: 1 / (1 + items ranked before the best relevant item). */
  static double[] reciprocalRanks(Queries q) {
    double[] out = new double[q.relevance().length];
    for (int r = 0; r < out.length; r++) {
      double[] rel = q.relevance()[r];
      double[] s = q.scores()[r];
      int best = Integer.MAX_VALUE;
      for (int i = 0; i < rel.length; i++) {
        if (rel[i] > 0) {
          int before = 0;
          for (int j = 0; j < rel.length; j++) {
            before += s[j] > s[i] || (s[j] == s[i] && j < i) ? 1 : 0;
          }
          best = Math.min(best, before);
        }
      }
      out[r] = best == Integer.MAX_VALUE ? 0 : 1.0 / (best + 1);
    }
    return out;
  }

  /** Queries (rows of relevance and scores, possibly ragged) and a cut-off k, with a readable toString. */
  record Queries(double[][] relevance, double[][] scores, int k) {
    Queries reversed() {
      double[][] rel = new double[relevance.length][];
      double[][] s = new double[scores.length][];
      for (int q = 0; q < rel.length; q++) {
        int n = relevance[q].length;
        rel[q] = new double[n];
        s[q] = new double[n];
        for (int i = 0; i < n; i++) {
          rel[q][i] = relevance[q][n - 1 - i];
          s[q][i] = scores[q][n - 1 - i];
        }
      }
      return new Queries(rel, s, k);
    }

    @Override
    public String toString() {
      return "relevance=" + Arrays.deepToString(relevance) + ", scores=" + Arrays.deepToString(scores) + ", k=" + k;
    }
  }

  /**
   * 1 to 4 queries of 1 to 12 items; relevance in {0, 0.5, ..., 3} (half the draws 0), scores from
   * {@link Gens#tiedScore()} (many ties); k from 1 to 14. Shrinks towards one query of one item, k 1.
   */
  static Gen<Queries> queries() {
    Gen<Double> relevance = integers().between(0, 6).map(i -> i / 2.0).mix(integers().between(0, 0).map(i -> 0.0), 50);
    Gen<double[]> item = relevance.zip(Gens.tiedScore(), (r, s) -> new double[] {r, s});
    Gen<List<double[]>> query = lists().of(item).ofSizeBetween(1, 12);
    return lists().of(query).ofSizeBetween(1, 4).zip(integers().between(1, 14), (rows, k) -> new Queries(
        rows.stream().map(row -> row.stream().mapToDouble(x -> x[0]).toArray()).toArray(double[][]::new),
        rows.stream().map(row -> row.stream().mapToDouble(x -> x[1]).toArray()).toArray(double[][]::new), k));
  }
}

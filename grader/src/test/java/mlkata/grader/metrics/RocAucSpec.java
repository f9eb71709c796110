package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Gens.Scored;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grades {@code metrics/roc-auc}.
 *
 * <p>Tolerances: {@link #RATE} for FPR/TPR (each a count divided by a class size: a correct answer is
 * exact up to how the division is written), {@link #AREA} for the AUC (a sum of O(n) trapezoids, each
 * exact in integers before one final division; scikit-learn's trapezoid rule on the float rates
 * differs from the exact value by rounding only). Thresholds are input scores and must match exactly.
 */
@KataSpec
@DisplayName("metrics/roc-auc: ROC curve and AUC")
final class RocAucSpec {
  static final double RATE = 1e-12;
  static final double AREA = 1e-12;
  /**
   * AUC and rates on the 250,000-score speed input: a trapezoid sum over 10^5 float rates may drift by
   * about 10^5 roundings of 1e-16 from the exact value; a count overflowing an int moves it by more than 1.
   */
  static final double LARGE = 1e-9;
  private static final int EXAMPLES = 300;

  private static final RocAucApi KATA = Target.pick(new RocAucOfExercises(), new RocAucOfSolutions());
  private static final RocAucApi REFERENCE = new RocAucOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_curve() {
      double[] scores = {0.1, 0.4, 0.35, 0.8};
      int[] labels = {0, 0, 1, 1};
      assertCurve("rocCurve(" + Arrays.toString(scores) + ", " + Arrays.toString(labels) + ")",
          KATA.rocCurve(scores, labels), new double[] {0, 0, 0.5, 0.5, 1}, new double[] {0, 0.5, 0.5, 1, 1},
          new double[] {Double.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1});
    }

    @Test
    void the_problem_statement_auc() {
      assertClose("auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])", 0.75,
          KATA.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), AREA);
    }

    @Test
    void perfect_ranking_gives_one_and_reversed_ranking_gives_zero() {
      double[] scores = {0.9, 0.8, 0.6, 0.4, 0.1};
      assertClose("auc with every positive above every negative", 1.0,
          KATA.auc(scores, new int[] {1, 1, 1, 0, 0}), AREA);
      assertClose("auc with every positive below every negative", 0.0,
          KATA.auc(scores, new int[] {0, 0, 0, 1, 1}), AREA);
    }

    @Test
    void ties_are_grouped_a_tied_positive_negative_pair_counts_one_half() {
      // Walking the examples one by one after a sort, without grouping equal scores, counts a tied
      // pair as a win or a loss depending on the sort order: 1 or 0 here, never the 1/2 it is.
      assertClose("auc([0.5, 0.5], [1, 0]): one tied pair counts 1/2 (ties not grouped gives 0 or 1)", 0.5,
          KATA.auc(new double[] {0.5, 0.5}, new int[] {1, 0}), AREA);
      assertClose("auc([0.5, 0.5], [0, 1]): one tied pair counts 1/2 (ties not grouped gives 0 or 1)", 0.5,
          KATA.auc(new double[] {0.5, 0.5}, new int[] {0, 1}), AREA);
      // Pairs: 0.9 beats both negatives (2), the positive at 0.5 ties both negatives (2 x 1/2).
      assertClose("auc([0.5, 0.5, 0.5, 0.9], [1, 0, 0, 1]): 0.9 beats both negatives, the tied positive "
              + "counts 1/2 against each", 0.75,
          KATA.auc(new double[] {0.5, 0.5, 0.5, 0.9}, new int[] {1, 0, 0, 1}), AREA);
    }

    @Test
    void minus_zero_and_zero_are_one_tied_score_for_auc() {
      // -0.0 == 0.0: a tie, worth 1/2. A TreeMap<Double, ...> or Double.compare keeps them apart and
      // ranks -0.0 below 0.0, giving 0 or 1.
      assertClose("auc([-0.0, 0.0], [1, 0]): -0.0 and 0.0 are a tie worth 1/2", 0.5,
          KATA.auc(new double[] {-0.0, 0.0}, new int[] {1, 0}), AREA);
      assertClose("auc([0.0, -0.0], [1, 0]): -0.0 and 0.0 are a tie worth 1/2", 0.5,
          KATA.auc(new double[] {0.0, -0.0}, new int[] {1, 0}), AREA);
      // 1 beats both negatives; the positive at -0.0 ties the negative at 0.0 and beats the one at -1.
      assertClose("auc([1, -0.0, 0.0, -1], [1, 1, 0, 0])", (2 + 0.5 + 1) / 4.0,
          KATA.auc(new double[] {1, -0.0, 0.0, -1}, new int[] {1, 1, 0, 0}), AREA);
    }

    @Test
    void minus_zero_and_zero_are_one_threshold_of_the_curve() {
      double[] scores = {-0.0, 0.0, 1};
      int[] labels = {1, 0, 1};
      String what = "rocCurve([-0.0, 0.0, 1], [1, 0, 1]): -0.0 == 0.0, so they are one threshold";
      RocAucApi.Curve curve = KATA.rocCurve(scores, labels);
      assertThat(curve).as(what).isNotNull();
      assertThat(curve.thresholds()).as("%s: thresholds %s, expected [Infinity, 1.0, 0.0]", what,
          Arrays.toString(curve.thresholds())).hasSize(3);
      assertClose(what + ": thresholds[2] is zero (of either sign)", 0, curve.thresholds()[2], 0);
      assertAllClose(what + ": fpr", new double[] {0, 0, 1}, curve.fpr(), RATE);
      assertAllClose(what + ": tpr", new double[] {0, 0.5, 1}, curve.tpr(), RATE);
    }

    @Test
    void a_tied_group_is_one_diagonal_step_of_the_curve() {
      double[] scores = {0.3, 0.7, 0.7, 0.7, 0.2};
      int[] labels = {1, 1, 0, 0, 0};
      // One point per distinct score: a staircase through the tie at 0.7 adds points.
      assertCurve("rocCurve(" + Arrays.toString(scores) + ", " + Arrays.toString(labels) + ")",
          KATA.rocCurve(scores, labels), new double[] {0, 2.0 / 3, 2.0 / 3, 1}, new double[] {0, 0.5, 1, 1},
          new double[] {Double.POSITIVE_INFINITY, 0.7, 0.3, 0.2});
    }

    @Test
    void a_tied_group_adds_the_area_of_its_diagonal() {
      // Area: the diagonal 0.5 * 2/3 * 0.5 plus the rectangle 1/3 * 1.
      assertClose("auc([0.3, 0.7, 0.7, 0.7, 0.2], [1, 1, 0, 0, 0])", 0.5 * (2.0 / 3) * 0.5 + 1.0 / 3,
          KATA.auc(new double[] {0.3, 0.7, 0.7, 0.7, 0.2}, new int[] {1, 1, 0, 0, 0}), AREA);
    }

    @Test
    void the_curve_is_predicted_positive_at_score_at_least_the_threshold() {
      // At threshold 0.5 (score >= 0.5) both examples scored 0.5 count: (1/2, 1) and not (0, 1/2).
      double[] scores = {0.5, 0.9, 0.5, 0.1};
      int[] labels = {1, 1, 0, 0};
      assertCurve("rocCurve([0.5, 0.9, 0.5, 0.1], [1, 1, 0, 0]) with score >= threshold", KATA.rocCurve(scores, labels),
          new double[] {0, 0, 0.5, 1}, new double[] {0, 0.5, 1, 1},
          new double[] {Double.POSITIVE_INFINITY, 0.9, 0.5, 0.1});
    }

    @Test
    void every_score_tied_gives_the_chance_diagonal() {
      assertCurve("rocCurve([2, 2, 2, 2], [0, 1, 1, 0])", KATA.rocCurve(new double[] {2, 2, 2, 2}, new int[] {0, 1, 1, 0}),
          new double[] {0, 1}, new double[] {0, 1}, new double[] {Double.POSITIVE_INFINITY, 2});
    }

    @Test
    void every_score_tied_gives_one_half() {
      assertClose("auc([2, 2, 2, 2], [0, 1, 1, 0])", 0.5, KATA.auc(new double[] {2, 2, 2, 2}, new int[] {0, 1, 1, 0}),
          AREA);
    }

    @Test
    void negative_and_large_scores_are_ordinary_scores() {
      double[] scores = {-1e300, -3, 0, 1e300};
      int[] labels = {0, 1, 0, 1};
      // Pairs (positive above negative): -3 > -1e300; -3 < 0; 1e300 > both.
      assertClose("auc of " + Arrays.toString(scores), 0.75, KATA.auc(scores, labels), AREA);
    }
  }

  @Nested
  @DisplayName("undefined and invalid input")
  final class InvalidInput {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void a_single_class_is_rejected_not_divided_by_zero(String method) {
      assertRejects(method + " with only positives", "labels",
          () -> call(method).accept(new double[] {0.2, 0.6}, new int[] {1, 1}));
      assertRejects(method + " with only negatives", "labels",
          () -> call(method).accept(new double[] {0.2, 0.6}, new int[] {0, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void empty_input_is_rejected(String method) {
      ScoredInputChecks.emptyInputIsRejected(method, call(method));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void lengths_must_match(String method) {
      ScoredInputChecks.lengthsMustMatch(method, call(method));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void labels_must_be_zero_or_one(String method) {
      ScoredInputChecks.labelsMustBeZeroOrOne(method, call(method));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void scores_must_be_finite(String method) {
      ScoredInputChecks.scoresMustBeFinite(method, call(method));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auc", "rocCurve"})
    void inputs_are_not_modified(String method) {
      ScoredInputChecks.inputsAreNotModified(method, call(method));
    }

    /** The kata method named {@code method}, one check per method so each is graded on its own. */
    private BiConsumer<double[], int[]> call(String method) {
      return method.equals("auc") ? (s, l) -> KATA.auc(s, l) : (s, l) -> KATA.rocCurve(s, l);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("metrics/roc-auc");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roc_curve_matches_scikit_learn(Goldens.Case c) {
      double[] scores = c.input().doubles("scores");
      int[] labels = c.input().ints("labels");
      assertCurve("rocCurve of " + describe(c) + " vs " + c.library(), KATA.rocCurve(scores, labels),
          c.expected().doubles("fpr"), c.expected().doubles("tpr"), c.expected().doubles("thresholds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void auc_matches_scikit_learn(Goldens.Case c) {
      assertClose("auc of " + describe(c) + " vs " + c.library(), c.expected().number("auc"),
          KATA.auc(c.input().doubles("scores"), c.input().ints("labels")), AREA);
    }

    private String describe(Goldens.Case c) {
      return "golden '" + c.name() + "' (scores " + abbreviate(c.input().doubles("scores")) + ", labels "
          + abbreviate(c.input().ints("labels")) + ")";
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void auc_is_the_pairwise_mann_whitney_probability() {
      Props.check("AUC = P(positive above negative) + P(tie)/2", EXAMPLES, Gens.scored(2, 40), s ->
          assertClose("property 'AUC = P(positive scores above negative) + P(tie)/2' for " + s,
              mannWhitney(s), KATA.auc(s.scores(), s.labels()), AREA));
    }

    @Test
    void negating_the_scores_gives_one_minus_auc() {
      Props.check("AUC(-s) = 1 - AUC(s)", EXAMPLES, Gens.scored(2, 40), s -> {
        double[] negated = Arrays.stream(s.scores()).map(x -> -x).toArray();
        assertClose("property 'AUC(-s) = 1 - AUC(s)' for " + s,
            1 - KATA.auc(s.scores(), s.labels()), KATA.auc(negated, s.labels()), AREA);
      });
    }

    @Test
    void a_strictly_increasing_transform_of_the_scores_changes_nothing() {
      Props.check("a strictly increasing transform of the scores leaves the AUC unchanged", EXAMPLES,
          Gens.scored(2, 40), s -> {
            double[] ranks = denseRanks(s.scores());
            double[] scaled = Arrays.stream(s.scores()).map(x -> 8 * x).toArray();
            double auc = KATA.auc(s.scores(), s.labels());
            assertClose("property 'AUC(rank(s)) = AUC(s)' for " + s, auc, KATA.auc(ranks, s.labels()), AREA);
            assertClose("property 'AUC(8s) = AUC(s)' for " + s, auc, KATA.auc(scaled, s.labels()), AREA);
          });
    }

    @Test
    void a_strictly_increasing_transform_of_the_scores_keeps_the_rates_of_the_curve() {
      Props.check("a strictly increasing transform of the scores leaves FPR and TPR unchanged", EXAMPLES,
          Gens.scored(2, 40), s -> {
            RocAucApi.Curve curve = KATA.rocCurve(s.scores(), s.labels());
            RocAucApi.Curve rankCurve = KATA.rocCurve(denseRanks(s.scores()), s.labels());
            assertThat(curve).as("rocCurve of %s", s).isNotNull();
            assertThat(rankCurve).as("rocCurve of the dense ranks of %s", s).isNotNull();
            assertAllClose("property 'FPR of rank(s) = FPR of s' for " + s, curve.fpr(), rankCurve.fpr(), RATE);
            assertAllClose("property 'TPR of rank(s) = TPR of s' for " + s, curve.tpr(), rankCurve.tpr(), RATE);
          });
    }

    @Test
    void flipping_the_labels_gives_one_minus_auc() {
      Props.check("AUC(s, 1 - y) = 1 - AUC(s, y)", EXAMPLES, Gens.scored(2, 40), s -> {
        int[] flipped = Arrays.stream(s.labels()).map(y -> 1 - y).toArray();
        assertClose("property 'AUC(s, 1 - y) = 1 - AUC(s, y)' for " + s,
            1 - KATA.auc(s.scores(), s.labels()), KATA.auc(s.scores(), flipped), AREA);
      });
    }

    @Test
    void the_curve_is_well_formed_and_its_area_is_the_auc() {
      Props.check("the curve is well formed and its trapezoid area is the AUC", EXAMPLES, Gens.scored(2, 40), s -> {
        RocAucApi.Curve c = KATA.rocCurve(s.scores(), s.labels());
        String what = "property 'the curve runs from (0,0) at +inf to (1,1), monotone, one point per distinct score' for " + s;
        assertThat(c).as(what).isNotNull();
        long distinct = Arrays.stream(s.scores()).distinct().count();
        assertThat(c.thresholds()).as(what + ": thresholds").hasSize((int) distinct + 1);
        assertThat(c.fpr()).as(what + ": fpr").hasSize((int) distinct + 1);
        assertThat(c.tpr()).as(what + ": tpr").hasSize((int) distinct + 1);
        assertThat(c.thresholds()[0]).as(what + ": first threshold").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new double[] {c.fpr()[0], c.tpr()[0]}).as(what + ": first point").containsExactly(0, 0);
        int last = c.fpr().length - 1;
        assertThat(new double[] {c.fpr()[last], c.tpr()[last]}).as(what + ": last point").containsExactly(1, 1);
        double area = 0;
        for (int k = 1; k <= last; k++) {
          assertThat(c.thresholds()[k]).as(what + ": thresholds strictly decrease at " + k).isLessThan(c.thresholds()[k - 1]);
          assertThat(c.fpr()[k]).as(what + ": fpr non-decreasing at " + k).isGreaterThanOrEqualTo(c.fpr()[k - 1]);
          assertThat(c.tpr()[k]).as(what + ": tpr non-decreasing at " + k).isGreaterThanOrEqualTo(c.tpr()[k - 1]);
          area += (c.fpr()[k] - c.fpr()[k - 1]) * (c.tpr()[k] + c.tpr()[k - 1]) / 2;
        }
        assertClose("property 'trapezoid area of rocCurve = auc' for " + s, area, KATA.auc(s.scores(), s.labels()), 1e-9);
      });
    }

    @Test
    void shuffling_the_examples_changes_nothing() {
      Props.check("the order of the examples does not matter", EXAMPLES, Gens.scored(2, 40), s -> {
        int n = s.size();
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
          scores[k] = s.scores()[n - 1 - k];
          labels[k] = s.labels()[n - 1 - k];
        }
        assertClose("property 'AUC does not depend on the order of examples' for " + s,
            KATA.auc(s.scores(), s.labels()), KATA.auc(scores, labels), AREA);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void roc_curve_matches_the_reference_on_random_inputs() {
      Props.check("rocCurve agrees with the reference solution", EXAMPLES, Gens.scored(2, 80), s -> {
        RocAucApi.Curve expected = REFERENCE.rocCurve(s.scores(), s.labels());
        assertCurve("rocCurve, reference vs yours, for " + s, KATA.rocCurve(s.scores(), s.labels()),
            expected.fpr(), expected.tpr(), expected.thresholds());
      });
    }

    @Test
    void auc_matches_the_reference_on_random_inputs() {
      Props.check("auc agrees with the reference solution", EXAMPLES, Gens.scored(2, 80), s ->
          assertClose("auc, reference vs yours, for " + s, REFERENCE.auc(s.scores(), s.labels()),
              KATA.auc(s.scores(), s.labels()), AREA));
    }

    @Test
    void auc_agrees_with_the_reference_on_the_250000_score_speed_input() {
      // Counts overflow an int here (75,000 positives x 175,000 negatives): small inputs never show it.
      Scored input = Gens.largeScored();
      assertClose("auc of the 250,000-score speed input (Gens.largeScored()), reference vs yours",
          REFERENCE.auc(input.scores(), input.labels()), KATA.auc(input.scores(), input.labels()), LARGE);
    }

    @Test
    void roc_curve_agrees_with_the_reference_on_the_250000_score_speed_input() {
      Scored input = Gens.largeScored();
      RocAucApi.Curve expected = REFERENCE.rocCurve(input.scores(), input.labels());
      RocAucApi.Curve actual = KATA.rocCurve(input.scores(), input.labels());
      String what = "rocCurve of the 250,000-score speed input (Gens.largeScored()), reference vs yours";
      assertThat(actual).as(what).isNotNull();
      assertAllClose(what + ": thresholds", expected.thresholds(), actual.thresholds(), 0);
      assertAllClose(what + ": fpr", expected.fpr(), actual.fpr(), LARGE);
      assertAllClose(what + ": tpr", expected.tpr(), actual.tpr(), LARGE);
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void auc_of_a_quarter_million_scores_takes_at_most_50x_the_reference() {
      Scored input = Gens.largeScored();
      double[] scores = input.scores();
      int[] labels = input.labels();
      Efficiency.assertWithinRatio("auc of 2.5*10^5 scores", () -> REFERENCE.auc(scores, labels),
          () -> KATA.auc(scores, labels), Gens.LARGE_SCORED_MAX_RATIO);
    }

    @Test
    @Timeout(120)
    void roc_curve_of_a_quarter_million_scores_takes_at_most_50x_the_reference() {
      Scored input = Gens.largeScored();
      double[] scores = input.scores();
      int[] labels = input.labels();
      Efficiency.assertWithinRatio("rocCurve of 2.5*10^5 scores", () -> REFERENCE.rocCurve(scores, labels),
          () -> KATA.rocCurve(scores, labels), Gens.LARGE_SCORED_MAX_RATIO);
    }
  }

  static void assertCurve(String what, RocAucApi.Curve actual, double[] fpr, double[] tpr, double[] thresholds) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.thresholds()).as("%s: thresholds", what).containsExactly(thresholds);
    assertAllClose(what + ": fpr", fpr, actual.fpr(), RATE);
    assertAllClose(what + ": tpr", tpr, actual.tpr(), RATE);
  }

  /** The O(n^2) definition: the fraction of positive-negative pairs ranked right, ties one half. */
  static double mannWhitney(Scored s) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < s.size(); i++) {
      for (int j = 0; j < s.size(); j++) {
        if (s.labels()[i] == 1 && s.labels()[j] == 0) {
          pairs++;
          double a = s.scores()[i];
          double b = s.scores()[j];
          wins += a > b ? 1 : a == b ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }

  /** Each score replaced by the rank of its value among the distinct values: strictly increasing. */
  static double[] denseRanks(double[] scores) {
    double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
    return Arrays.stream(scores).map(x -> Arrays.binarySearch(distinct, x)).toArray();
  }
}

package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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

/**
 * Grades {@code metrics/average-precision}.
 *
 * <p>Tolerance: {@link #AP} for every average precision. A correct answer is a sum of at most n
 * products of exact count ratios, so different correct summation orders (and scikit-learn's
 * {@code -sum(diff(recall) * precision[:-1])} on float rates) differ by rounding only, far below the
 * gaps between wrong conventions (a trapezoid, a staircase through ties, interpolated precision), which
 * are of the order of 1/n.
 */
@KataSpec
@DisplayName("metrics/average-precision: Average precision (step sum)")
final class AveragePrecisionSpec {
  static final double AP = 1e-12;
  /**
   * AP on the 250,000-score speed input: the same step sum, but over 10^5 thresholds, so a correct
   * answer summing in another order may drift by about 10^5 roundings of 1e-16; far below the 1e-6
   * a wrong convention or an overflowing count moves it.
   */
  static final double LARGE_AP = 1e-9;
  private static final int EXAMPLES = 300;

  private static final AveragePrecisionApi KATA =
      Target.pick(new AveragePrecisionOfExercises(), new AveragePrecisionOfSolutions());
  private static final AveragePrecisionApi REFERENCE = new AveragePrecisionOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Thresholds 0.8, 0.4, 0.35, 0.1: recall 1/2, 1/2, 1, 1; precision 1, 1/2, 2/3, 1/2.
      // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
      assertClose("averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])", 5.0 / 6,
          KATA.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}), AP);
    }

    @Test
    void the_trapezoid_rule_is_not_average_precision() {
      double[] scores = {0.1, 0.4, 0.35, 0.8};
      int[] labels = {0, 0, 1, 1};
      // Trapezoids through (0, 1), (1/2, 1), (1/2, 1/2), (1, 2/3), (1, 1/2) give 1/2 + 1/2 * (1/2 + 2/3) / 2
      // = 19/24, not 5/6: the grader's own trapezoid oracle shows the two conventions are far apart here.
      double trapezoid = trapezoidUnderPrCurve(scores, labels);
      assertClose("the grader's trapezoid oracle on the statement example", 19.0 / 24, trapezoid, AP);
      double ap = KATA.averagePrecision(scores, labels);
      assertThat(Math.abs(ap - trapezoid))
          .as("averagePrecision of the statement example is %s, the trapezoid area is %s: "
              + "AP is a step sum, not a trapezoid", ap, trapezoid)
          .isGreaterThan(0.04);
      assertClose("averagePrecision of the statement example (step sum)", 5.0 / 6, ap, AP);
    }

    @Test
    void precision_is_not_interpolated() {
      // Ranking 1, 0, 0, 1: precision 1 at recall 1/2, then 1/2 at recall 1. AP = 1/2 + 1/2 * 1/2 = 3/4.
      // Weighting a recall step by the precision of the threshold before it gives 1/2 + 1/2 * 1/3.
      assertClose("averagePrecision([4, 3, 2, 1], [1, 0, 0, 1])", 0.75,
          KATA.averagePrecision(new double[] {4, 3, 2, 1}, new int[] {1, 0, 0, 1}), AP);
      // Ranking 0, 1, 1: precision 1/2 at recall 1/2, then 2/3 at recall 1, so AP = 1/2 * 1/2 + 1/2 * 2/3
      // = 7/12. The interpolated (VOC) envelope, the best precision at any recall >= r, would give 2/3.
      assertClose("averagePrecision([3, 2, 1], [0, 1, 1])", 7.0 / 12,
          KATA.averagePrecision(new double[] {3, 2, 1}, new int[] {0, 1, 1}), AP);
    }

    @Test
    void a_perfect_ranking_gives_one() {
      assertClose("averagePrecision with every positive above every negative", 1.0,
          KATA.averagePrecision(new double[] {0.9, 0.8, 0.6, 0.4, 0.1}, new int[] {1, 1, 1, 0, 0}), AP);
    }

    @Test
    void ap_can_be_below_the_fraction_of_positives() {
      // Positives at the bottom: precision 1/3 at recall 1/2 and 2/4 at recall 1, AP = 5/12 < 1/2.
      assertClose("averagePrecision([4, 3, 2, 1], [0, 0, 1, 1])", 5.0 / 12,
          KATA.averagePrecision(new double[] {4, 3, 2, 1}, new int[] {0, 0, 1, 1}), AP);
    }

    @Test
    void ties_are_grouped_a_tied_group_is_one_threshold_whatever_its_order() {
      // 0.9 alone: recall 1/2, precision 1. The tie at 0.5 (one positive, one negative): recall 1,
      // precision 2/3. AP = 1/2 + 1/2 * 2/3 = 5/6, with the positive listed first or last in the tie.
      // Ties not grouped (one threshold per example) gives 1 when the positive is ranked first in the tie.
      assertClose("averagePrecision([0.9, 0.5, 0.5], [1, 1, 0]): the tie at 0.5 is one threshold "
          + "(ties not grouped gives 1 or 5/6 by order)", 5.0 / 6,
          KATA.averagePrecision(new double[] {0.9, 0.5, 0.5}, new int[] {1, 1, 0}), AP);
      assertClose("averagePrecision([0.9, 0.5, 0.5], [1, 0, 1]): the tie at 0.5 is one threshold "
          + "(ties not grouped gives 1 or 5/6 by order)", 5.0 / 6,
          KATA.averagePrecision(new double[] {0.9, 0.5, 0.5}, new int[] {1, 0, 1}), AP);
      assertClose("averagePrecision([0.5, 0.5, 0.9], [0, 1, 1]): the tie at 0.5 is one threshold", 5.0 / 6,
          KATA.averagePrecision(new double[] {0.5, 0.5, 0.9}, new int[] {0, 1, 1}), AP);
    }

    @Test
    void minus_zero_and_zero_are_one_tied_score() {
      // -0.0 == 0.0, so 0.0 and -0.0 are one threshold: recall 1/2 at 1 (precision 1), then recall 1 at
      // the tie (precision 2/3): AP = 5/6. A TreeMap<Double, ...> ranks 0.0 above -0.0 and gives 1 for
      // the first input (the positive at 0.0 alone at precision 1).
      assertClose("averagePrecision([1, 0.0, -0.0], [1, 1, 0]): -0.0 and 0.0 are one tied threshold", 5.0 / 6,
          KATA.averagePrecision(new double[] {1, 0.0, -0.0}, new int[] {1, 1, 0}), AP);
      assertClose("averagePrecision([1, -0.0, 0.0], [1, 1, 0]): -0.0 and 0.0 are one tied threshold", 5.0 / 6,
          KATA.averagePrecision(new double[] {1, -0.0, 0.0}, new int[] {1, 1, 0}), AP);
    }

    @Test
    void every_score_tied_gives_the_fraction_of_positives() {
      assertClose("averagePrecision of five equal scores, two positive", 0.4,
          KATA.averagePrecision(new double[] {2, 2, 2, 2, 2}, new int[] {0, 1, 0, 0, 1}), AP);
    }

    @Test
    void only_positives_give_one() {
      assertClose("averagePrecision([0.3, 0.1, 0.3], [1, 1, 1])", 1.0,
          KATA.averagePrecision(new double[] {0.3, 0.1, 0.3}, new int[] {1, 1, 1}), AP);
      assertClose("averagePrecision([-7], [1])", 1.0, KATA.averagePrecision(new double[] {-7}, new int[] {1}), AP);
    }

    @Test
    void negatives_below_the_last_positive_change_nothing() {
      // 1, 0, 1 gives 1/2 + 1/2 * 2/3 = 5/6; negatives appended below add no recall.
      assertClose("averagePrecision([5, 4, 3, 2, 1], [1, 0, 1, 0, 0])", 5.0 / 6,
          KATA.averagePrecision(new double[] {5, 4, 3, 2, 1}, new int[] {1, 0, 1, 0, 0}), AP);
    }

    @Test
    void negative_and_large_scores_are_ordinary_scores() {
      // Ranking by score: 1e300 (1), 0 (0), -3 (1), -1e300 (0): AP = 1/2 + 1/2 * 2/3.
      assertClose("averagePrecision([-1e300, -3, 0, 1e300], [0, 1, 0, 1])", 5.0 / 6,
          KATA.averagePrecision(new double[] {-1e300, -3, 0, 1e300}, new int[] {0, 1, 0, 1}), AP);
    }
  }

  @Nested
  @DisplayName("undefined and invalid input")
  final class InvalidInput {
    @Test
    void no_positive_label_is_rejected_not_divided_by_zero() {
      assertRejects("averagePrecision with only negatives", "labels",
          () -> KATA.averagePrecision(new double[] {0.2, 0.6}, new int[] {0, 0}));
    }

    @Test
    void empty_input_is_rejected() {
      ScoredInputChecks.emptyInputIsRejected("averagePrecision", (s, l) -> KATA.averagePrecision(s, l));
    }

    @Test
    void lengths_must_match() {
      ScoredInputChecks.lengthsMustMatch("averagePrecision", (s, l) -> KATA.averagePrecision(s, l));
    }

    @Test
    void labels_must_be_zero_or_one() {
      ScoredInputChecks.labelsMustBeZeroOrOne("averagePrecision", (s, l) -> KATA.averagePrecision(s, l));
    }

    @Test
    void scores_must_be_finite() {
      ScoredInputChecks.scoresMustBeFinite("averagePrecision", (s, l) -> KATA.averagePrecision(s, l));
    }

    @Test
    void inputs_are_not_modified() {
      ScoredInputChecks.inputsAreNotModified("averagePrecision", (s, l) -> KATA.averagePrecision(s, l));
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("metrics/average-precision");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_scikit_learn(Goldens.Case c) {
      double[] scores = c.input().doubles("scores");
      int[] labels = c.input().ints("labels");
      assertClose("averagePrecision of golden '" + c.name() + "' (scores " + abbreviate(scores) + ", labels "
              + abbreviate(labels) + ") vs " + c.library(),
          c.expected().number("average_precision"), KATA.averagePrecision(scores, labels), AP);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void ap_is_the_mean_precision_at_each_positive() {
      Props.check("AP = mean over positives of the precision at that positive's score", EXAMPLES,
          Gens.scored(2, 40), s -> assertClose(
              "property 'AP = mean over positives of precision at score >= that positive's score' for " + s,
              bruteForce(s.scores(), s.labels()), KATA.averagePrecision(s.scores(), s.labels()), AP));
    }

    @Test
    void ap_lies_in_zero_exclusive_to_one() {
      Props.check("0 < AP <= 1", EXAMPLES, Gens.scored(1, 40), s -> {
        double ap = KATA.averagePrecision(s.scores(), s.labels());
        assertThat(ap).as("property '0 < AP <= 1' for %s", s).isGreaterThan(0).isLessThanOrEqualTo(1);
      });
    }

    @Test
    void a_strictly_increasing_transform_of_the_scores_changes_nothing() {
      Props.check("a strictly increasing transform of the scores changes nothing", EXAMPLES, Gens.scored(2, 40), s -> {
        double[] ranks = RocAucSpec.denseRanks(s.scores());
        double[] scaled = Arrays.stream(s.scores()).map(x -> 8 * x).toArray();
        double ap = KATA.averagePrecision(s.scores(), s.labels());
        assertClose("property 'AP(rank(s)) = AP(s)' for " + s, ap, KATA.averagePrecision(ranks, s.labels()), AP);
        assertClose("property 'AP(8s) = AP(s)' for " + s, ap, KATA.averagePrecision(scaled, s.labels()), AP);
      });
    }

    @Test
    void reordering_the_examples_changes_nothing() {
      Props.check("the order of the examples does not matter", EXAMPLES, Gens.scored(2, 40), s -> {
        int n = s.size();
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
          scores[k] = s.scores()[n - 1 - k];
          labels[k] = s.labels()[n - 1 - k];
        }
        assertClose("property 'AP does not depend on the order of examples' for " + s,
            KATA.averagePrecision(s.scores(), s.labels()), KATA.averagePrecision(scores, labels), AP);
      });
    }

    @Test
    void a_negative_below_every_score_changes_nothing() {
      Props.check("a negative scored below every example leaves AP unchanged", EXAMPLES, Gens.scored(2, 40), s -> {
        double[] scores = Arrays.copyOf(s.scores(), s.size() + 1);
        int[] labels = Arrays.copyOf(s.labels(), s.size() + 1);
        scores[s.size()] = Arrays.stream(s.scores()).min().getAsDouble() - 1;
        assertClose("property 'adding a negative at the bottom leaves AP unchanged' for " + s,
            KATA.averagePrecision(s.scores(), s.labels()), KATA.averagePrecision(scores, labels), AP);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void ap_matches_the_reference_on_random_inputs() {
      Props.check("averagePrecision agrees with the reference solution", EXAMPLES, Gens.scored(2, 80), s ->
          assertClose("averagePrecision, reference vs yours, for " + s,
              REFERENCE.averagePrecision(s.scores(), s.labels()), KATA.averagePrecision(s.scores(), s.labels()), AP));
    }

    @Test
    void ap_agrees_with_the_reference_on_the_250000_score_speed_input() {
      // Counts past the range of an int product, and rounding summed over 10^5 thresholds: small
      // inputs never show either.
      Scored input = Gens.largeScored();
      assertClose("averagePrecision of the 250,000-score speed input (Gens.largeScored()), reference vs yours",
          REFERENCE.averagePrecision(input.scores(), input.labels()),
          KATA.averagePrecision(input.scores(), input.labels()), LARGE_AP);
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void a_quarter_million_scores_take_at_most_50x_the_reference() {
      Scored input = Gens.largeScored();
      double[] scores = input.scores();
      int[] labels = input.labels();
      Efficiency.assertWithinRatio("averagePrecision of 2.5*10^5 scores", () -> REFERENCE.averagePrecision(scores, labels),
          () -> KATA.averagePrecision(scores, labels), Gens.LARGE_SCORED_MAX_RATIO);
    }
  }

  /** The O(n^2) definition: for each positive, the precision among examples scored at least as high. */
  static double bruteForce(double[] scores, int[] labels) {
    double sum = 0;
    int positives = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] != 1) {
        continue;
      }
      positives++;
      int above = 0;
      int positivesAbove = 0;
      for (int j = 0; j < scores.length; j++) {
        if (scores[j] >= scores[i]) {
          above++;
          positivesAbove += labels[j];
        }
      }
      sum += (double) positivesAbove / above;
    }
    return sum / positives;
  }

  /**
   * The wrong convention, for contrast: trapezoids under the precision-recall points, starting at
   * (recall 0, precision 1) as scikit-learn's {@code precision_recall_curve} does.
   */
  static double trapezoidUnderPrCurve(double[] scores, int[] labels) {
    double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
    int positives = Arrays.stream(labels).sum();
    double area = 0;
    double recallBefore = 0;
    double precisionBefore = 1;
    for (int d = distinct.length - 1; d >= 0; d--) {
      int tp = 0;
      int predicted = 0;
      for (int k = 0; k < scores.length; k++) {
        if (scores[k] >= distinct[d]) {
          predicted++;
          tp += labels[k];
        }
      }
      double recall = (double) tp / positives;
      double precision = (double) tp / predicted;
      area += (recall - recallBefore) * (precision + precisionBefore) / 2;
      recallBefore = recall;
      precisionBefore = precision;
    }
    return area;
  }
}

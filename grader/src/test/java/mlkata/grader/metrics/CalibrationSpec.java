package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
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
import java.util.Locale;
import mlkata.grader.metrics.CalibrationApi.Reliability;
import mlkata.grader.metrics.CalibrationApi.Strategy;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code metrics/calibration}.
 *
 * <p>Tolerances: {@link #PROB} for the Brier score, the curve's fractions and means and the ECE: each
 * is a mean of at most a few hundred terms in [0, 1], so a correct answer is off by a few hundred
 * roundings of 1e-16 at most, whatever the order of the sums. {@link #LOSS} for the log loss, relative
 * above 1: its terms reach 36 and {@code ln} itself is accurate to an ulp. Bin counts are exact.
 */
@KataSpec
@DisplayName("metrics/calibration: Brier score, log loss and calibration error")
final class CalibrationSpec {
  static final double PROB = 1e-12;
  static final double LOSS = 1e-12;
  private static final int EXAMPLES = 300;
  /** {@code -ln(2^-52)}: the log loss of a probability clipped to the float64 machine epsilon. */
  private static final double MAX_TERM = 52 * Math.log(2);

  private static final CalibrationApi KATA = Target.pick(new CalibrationOfExercises(), new CalibrationOfSolutions());
  private static final CalibrationApi REFERENCE = new CalibrationOfSolutions();

  /** The problem statement's example. */
  private static final double[] STATEMENT_PROBS = {0.05, 0.1, 0.5, 0.95, 1.0};
  private static final int[] STATEMENT_LABELS = {0, 1, 1, 0, 1};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_brier_score() {
      // (0.05^2 + 0.9^2 + 0.5^2 + 0.95^2 + 0^2) / 5 = (0.0025 + 0.81 + 0.25 + 0.9025) / 5
      assertClose("brierScore([0.05, 0.1, 0.5, 0.95, 1.0], [0, 1, 1, 0, 1])", 0.393,
          KATA.brierScore(STATEMENT_PROBS, STATEMENT_LABELS), PROB);
    }

    @Test
    void the_brier_score_compares_the_positive_probability_with_the_label_for_every_example() {
      // (0.8 - 0)^2 = 0.64 and (0.3 - 1)^2 = 0.49: mean 0.565. Scoring 1 - p for the negative gives 0.265.
      assertClose("brierScore([0.8, 0.3], [0, 1]) = ((0.8 - 0)^2 + (0.3 - 1)^2) / 2", 0.565,
          KATA.brierScore(new double[] {0.8, 0.3}, new int[] {0, 1}), PROB);
    }

    @Test
    void log_loss_is_the_mean_natural_log_loss() {
      // (-ln 0.8 - ln(1 - 0.3)) / 2 = (0.22314 + 0.35667) / 2; log10 would give 0.12590.
      assertClose("logLoss([0.8, 0.3], [1, 0]) = (-ln 0.8 - ln 0.7) / 2", (-Math.log(0.8) - Math.log(0.7)) / 2,
          KATA.logLoss(new double[] {0.8, 0.3}, new int[] {1, 0}), LOSS);
    }

    @Test
    void log_loss_clips_at_the_float64_machine_epsilon() {
      // p = 0 for a positive: clipped to 2^-52, loss 52 ln 2 = 36.0437. (1e-15 as in scikit-learn < 1.2
      // gives 34.5388; no clipping gives infinity.)
      assertClose("logLoss([0.0], [1]): p clipped to 2^-52, -ln(2^-52) = 36.0437 (1e-15 would give 34.5388)",
          MAX_TERM, KATA.logLoss(new double[] {0.0}, new int[] {1}), LOSS);
      assertClose("logLoss([1.0], [0]): p clipped to 1 - 2^-52, -ln(2^-52) = 36.0437", MAX_TERM,
          KATA.logLoss(new double[] {1.0}, new int[] {0}), LOSS);
      assertClose("logLoss([1.0, 0.0], [1, 0]): right with certainty, about 2.2e-16", 0,
          KATA.logLoss(new double[] {1.0, 0.0}, new int[] {1, 0}), LOSS);
    }

    @Test
    void a_probability_on_an_edge_belongs_to_the_bin_below() {
      // 10 bins: 0.5 is in (0.4, 0.5], 0.55 in (0.5, 0.6]: two points. floor(10 p) puts both in bin 5.
      assertCurve("calibrationCurve([0.5, 0.55], [1, 0], 10, UNIFORM): 0.5 is in (0.4, 0.5], not [0.5, 0.6)",
          new double[] {1, 0}, new double[] {0.5, 0.55}, new int[] {1, 1},
          KATA.calibrationCurve(new double[] {0.5, 0.55}, new int[] {1, 0}, 10, Strategy.UNIFORM));
    }

    @Test
    void probability_one_falls_in_the_last_bin() {
      // (0.9, 1] holds 0.95 and 1.0 together; floor(10 * 1.0) = 10 is an eleventh bin that does not exist.
      assertCurve("calibrationCurve([1.0, 0.95], [1, 0], 10, UNIFORM): 1.0 is in the last bin (0.9, 1]",
          new double[] {0.5}, new double[] {0.975}, new int[] {2},
          KATA.calibrationCurve(new double[] {1.0, 0.95}, new int[] {1, 0}, 10, Strategy.UNIFORM));
    }

    @Test
    void probability_zero_falls_in_the_first_bin() {
      assertCurve("calibrationCurve([0.0, 0.2], [0, 1], 4, UNIFORM): 0 and 0.2 both in [0, 0.25]",
          new double[] {0.5}, new double[] {0.1}, new int[] {2},
          KATA.calibrationCurve(new double[] {0.0, 0.2}, new int[] {0, 1}, 4, Strategy.UNIFORM));
    }

    @Test
    void the_problem_statement_reliability_curve() {
      // Bins [0, 0.1]: {0.05, 0.1}; (0.4, 0.5]: {0.5}; (0.9, 1]: {0.95, 1.0}. The other 7 are empty.
      assertCurve("calibrationCurve([0.05, 0.1, 0.5, 0.95, 1.0], [0, 1, 1, 0, 1], 10, UNIFORM)",
          new double[] {0.5, 1, 0.5}, new double[] {0.075, 0.5, 0.975}, new int[] {2, 1, 2},
          KATA.calibrationCurve(STATEMENT_PROBS, STATEMENT_LABELS, 10, Strategy.UNIFORM));
    }

    @Test
    void quantile_bins_hold_equal_shares_of_the_sorted_probabilities() {
      // 5 probabilities, 4 bins: edges at positions 0, 1, 2, 3, 4 of the sorted list = 0.1 .. 0.5, so
      // the bins are {0.1, 0.2}, {0.3}, {0.4}, {0.5} (an edge value goes to the bin below).
      assertCurve("calibrationCurve([0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 1, 1, 1], 4, QUANTILE)",
          new double[] {0, 1, 1, 1}, new double[] {0.15, 0.3, 0.4, 0.5}, new int[] {2, 1, 1, 1},
          KATA.calibrationCurve(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, new int[] {0, 0, 1, 1, 1}, 4,
              Strategy.QUANTILE));
    }

    @Test
    void quantile_edges_between_two_probabilities_are_interpolated() {
      // 4 probabilities, 2 bins: the middle edge is at position 1.5, halfway between 0.2 and 0.6 = 0.4.
      assertCurve("calibrationCurve([0.6, 0.1, 0.2, 0.9], [1, 0, 1, 1], 2, QUANTILE): middle edge 0.4",
          new double[] {0.5, 1}, new double[] {0.15, 0.75}, new int[] {2, 2},
          KATA.calibrationCurve(new double[] {0.6, 0.1, 0.2, 0.9}, new int[] {1, 0, 1, 1}, 2, Strategy.QUANTILE));
    }

    @Test
    void tied_probabilities_make_quantile_edges_equal_and_empty_bins_are_dropped() {
      // Every quantile of six equal values is 0.4: every example lands in bin 0, the others are empty.
      assertCurve("calibrationCurve(six times 0.4, [0, 1, 0, 1, 1, 0], 3, QUANTILE)", new double[] {0.5},
          new double[] {0.4}, new int[] {6},
          KATA.calibrationCurve(new double[] {0.4, 0.4, 0.4, 0.4, 0.4, 0.4}, new int[] {0, 1, 0, 1, 1, 0}, 3,
              Strategy.QUANTILE));
    }

    @Test
    void quantile_edges_are_rounded_as_numpy_computes_them() {
      // 4 probabilities, 3 bins: numpy's position (4 - 1) * ((1 * (1.0 / 3)) * 100 / 100) is
      // 0.9999999999999998, not 1, so edge 1 = 0.2 - 0.1 * 2.2e-16 = 0.19999999999999998 < 0.2 and 0.2
      // goes to the second bin; edge 2 likewise falls just below 0.3. Bins {0.1}, {0.2}, {0.3, 0.4}.
      // Exact positions would give {0.1, 0.2}, {0.3}, {0.4}.
      assertCurve("calibrationCurve([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], 3, QUANTILE) with numpy's rounding",
          new double[] {0, 0, 1}, new double[] {0.1, 0.2, 0.35}, new int[] {1, 1, 2},
          KATA.calibrationCurve(new double[] {0.1, 0.2, 0.3, 0.4}, new int[] {0, 0, 1, 1}, 3, Strategy.QUANTILE));
    }

    @Test
    void the_problem_statement_expected_calibration_error() {
      // (2 * |0.5 - 0.075| + 1 * |1 - 0.5| + 2 * |0.5 - 0.975|) / 5 = (0.85 + 0.5 + 0.95) / 5 = 0.46.
      // The plain mean over the 3 bins, (0.425 + 0.5 + 0.475) / 3 = 0.4667, is not weighted by the counts.
      assertClose("expectedCalibrationError(statement example, 10, UNIFORM): weighted by bin counts", 0.46,
          KATA.expectedCalibrationError(STATEMENT_PROBS, STATEMENT_LABELS, 10, Strategy.UNIFORM), PROB);
    }

    @Test
    void expected_calibration_error_with_quantile_bins() {
      // Bins {0.1, 0.2} (0 positives), {0.3}, {0.4}, {0.5} (all positive):
      // (2 * |0 - 0.15| + |1 - 0.3| + |1 - 0.4| + |1 - 0.5|) / 5 = (0.3 + 0.7 + 0.6 + 0.5) / 5 = 0.42.
      assertClose("expectedCalibrationError([0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 1, 1, 1], 4, QUANTILE)", 0.42,
          KATA.expectedCalibrationError(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, new int[] {0, 0, 1, 1, 1}, 4,
              Strategy.QUANTILE), PROB);
    }

    @Test
    void one_bin_compares_the_mean_probability_with_the_base_rate() {
      // |mean label - mean probability| = |3/5 - 2.6/5| = 0.08.
      assertClose("expectedCalibrationError(statement example, 1 bin) = |3/5 - 2.6/5|", 0.08,
          KATA.expectedCalibrationError(STATEMENT_PROBS, STATEMENT_LABELS, 1, Strategy.UNIFORM), PROB);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void lengths_must_match_and_input_must_not_be_empty() {
      assertRejectsNamingAnyOf("brierScore with 2 probabilities and 1 label",
          () -> KATA.brierScore(new double[] {0.1, 0.2}, new int[] {1}), "probs", "labels");
      assertRejectsNamingAnyOf("logLoss with 1 probability and 2 labels",
          () -> KATA.logLoss(new double[] {0.1}, new int[] {1, 0}), "probs", "labels");
      assertRejectsNamingAnyOf("brierScore of empty arrays", () -> KATA.brierScore(new double[0], new int[0]),
          "probs", "labels");
      assertRejectsNamingAnyOf("logLoss of empty arrays", () -> KATA.logLoss(new double[0], new int[0]),
          "probs", "labels");
      assertRejectsNamingAnyOf("calibrationCurve of empty arrays",
          () -> KATA.calibrationCurve(new double[0], new int[0], 5, Strategy.QUANTILE), "probs", "labels");
      assertRejectsNamingAnyOf("expectedCalibrationError with 2 probabilities and 3 labels",
          () -> KATA.expectedCalibrationError(new double[] {0.1, 0.2}, new int[] {0, 1, 1}, 5, Strategy.UNIFORM),
          "probs", "labels");
    }

    @Test
    void probabilities_must_lie_in_zero_one() {
      int[] labels = {0, 1};
      for (double bad : new double[] {-0.1, 1.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        double[] probs = {0.5, bad};
        assertRejects("brierScore with probability " + bad, "probs", () -> KATA.brierScore(probs, labels));
        assertRejects("logLoss with probability " + bad + " (not clipped: rejected)", "probs",
            () -> KATA.logLoss(probs, labels));
        assertRejects("calibrationCurve with probability " + bad, "probs",
            () -> KATA.calibrationCurve(probs, labels, 5, Strategy.UNIFORM));
        assertRejects("expectedCalibrationError with probability " + bad, "probs",
            () -> KATA.expectedCalibrationError(probs, labels, 5, Strategy.QUANTILE));
      }
    }

    @Test
    void labels_must_be_zero_or_one() {
      double[] probs = {0.5, 0.5};
      assertRejects("brierScore with label 2", "labels", () -> KATA.brierScore(probs, new int[] {0, 2}));
      assertRejects("logLoss with label -1", "labels", () -> KATA.logLoss(probs, new int[] {-1, 1}));
      assertRejects("calibrationCurve with label 2", "labels",
          () -> KATA.calibrationCurve(probs, new int[] {2, 1}, 3, Strategy.QUANTILE));
      assertRejects("expectedCalibrationError with label -1", "labels",
          () -> KATA.expectedCalibrationError(probs, new int[] {1, -1}, 3, Strategy.UNIFORM));
    }

    @Test
    void at_least_one_bin() {
      double[] probs = {0.2, 0.7};
      int[] labels = {0, 1};
      assertRejects("calibrationCurve with nBins 0", "nBins",
          () -> KATA.calibrationCurve(probs, labels, 0, Strategy.UNIFORM));
      assertRejects("expectedCalibrationError with nBins -1", "nBins",
          () -> KATA.expectedCalibrationError(probs, labels, -1, Strategy.QUANTILE));
    }

    @Test
    void null_arguments_are_rejected() {
      double[] probs = {0.2, 0.7};
      int[] labels = {0, 1};
      assertNullRejected("brierScore(null, labels)", () -> KATA.brierScore(null, labels));
      assertNullRejected("logLoss(probs, null)", () -> KATA.logLoss(probs, null));
      assertNullRejected("calibrationCurve(..., strategy=null)", () -> KATA.calibrationCurve(probs, labels, 2, null));
      assertNullRejected("expectedCalibrationError(null, ...)",
          () -> KATA.expectedCalibrationError(null, labels, 2, Strategy.UNIFORM));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void inputs_are_not_modified(Strategy strategy) {
      double[] probs = {0.9, 0.1, 0.4, 0.4, 0.7};
      int[] labels = {1, 0, 1, 0, 1};
      KATA.brierScore(probs, labels);
      KATA.logLoss(probs, labels);
      KATA.calibrationCurve(probs, labels, 3, strategy);
      KATA.expectedCalibrationError(probs, labels, 3, strategy);
      assertThat(probs).as("probs after every method with %s bins (a sort in place changes them)", strategy)
          .containsExactly(0.9, 0.1, 0.4, 0.4, 0.7);
      assertThat(labels).as("labels after every method with %s bins", strategy).containsExactly(1, 0, 1, 0, 1);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("metrics/calibration");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void brier_score_matches_scikit_learn(Goldens.Case c) {
      assertClose("brierScore of " + describe(c) + " vs " + c.library(), c.expected().number("brier"),
          KATA.brierScore(c.input().doubles("probs"), c.input().ints("labels")), PROB);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void log_loss_matches_scikit_learn(Goldens.Case c) {
      assertNear("logLoss of " + describe(c) + " vs " + c.library(), c.expected().number("log_loss"),
          KATA.logLoss(c.input().doubles("probs"), c.input().ints("labels")), LOSS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void calibration_curve_matches_scikit_learn(Goldens.Case c) {
      for (int nBins : c.input().ints("n_bins")) {
        for (Strategy strategy : Strategy.values()) {
          Goldens.Values out = c.expected().object(key(strategy, nBins));
          assertCurve("calibrationCurve(" + nBins + ", " + strategy + ") of " + describe(c) + " vs " + c.library(),
              out.doubles("fraction_positive"), out.doubles("mean_predicted"), out.ints("counts"),
              KATA.calibrationCurve(c.input().doubles("probs"), c.input().ints("labels"), nBins, strategy));
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expected_calibration_error_matches_numpy_on_scikit_learns_bins(Goldens.Case c) {
      for (int nBins : c.input().ints("n_bins")) {
        for (Strategy strategy : Strategy.values()) {
          assertClose("expectedCalibrationError(" + nBins + ", " + strategy + ") of " + describe(c)
                  + " vs numpy on the bins of " + c.library(), c.expected().object(key(strategy, nBins)).number("ece"),
              KATA.expectedCalibrationError(c.input().doubles("probs"), c.input().ints("labels"), nBins, strategy),
              PROB);
        }
      }
    }

    private String key(Strategy strategy, int nBins) {
      return strategy.name().toLowerCase(Locale.ROOT) + "_" + nBins;
    }

    private String describe(Goldens.Case c) {
      return "golden '" + c.name() + "' (probs " + abbreviate(c.input().doubles("probs")) + ", labels "
          + abbreviate(c.input().ints("labels")) + ")";
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_brier_score_is_the_mean_squared_error_and_zero_for_certain_right_answers() {
      Props.check("brierScore = mean (p - y)^2, and 0 when p = y", EXAMPLES, binned(), b -> {
        double sum = 0;
        for (int i = 0; i < b.probs().length; i++) {
          sum += (b.probs()[i] - b.labels()[i]) * (b.probs()[i] - b.labels()[i]);
        }
        assertClose("property 'brierScore = mean (p - y)^2' for " + b, sum / b.probs().length,
            KATA.brierScore(b.probs(), b.labels()), PROB);
        double[] certain = Arrays.stream(b.labels()).asDoubleStream().toArray();
        assertClose("property 'brierScore(labels as probabilities) = 0' for " + b, 0,
            KATA.brierScore(certain, b.labels()), PROB);
      });
    }

    @Test
    void flipping_probabilities_and_labels_keeps_both_losses() {
      Props.check("loss(1 - p, 1 - y) = loss(p, y)", EXAMPLES, binned(), b -> {
        double[] probs = Arrays.stream(b.probs()).map(p -> 1 - p).toArray();
        int[] labels = Arrays.stream(b.labels()).map(y -> 1 - y).toArray();
        assertClose("property 'brierScore(1 - p, 1 - y) = brierScore(p, y)' for " + b,
            KATA.brierScore(b.probs(), b.labels()), KATA.brierScore(probs, labels), PROB);
        assertNear("property 'logLoss(1 - p, 1 - y) = logLoss(p, y)' for " + b,
            KATA.logLoss(b.probs(), b.labels()), KATA.logLoss(probs, labels), 1e-9);
      });
    }

    @Test
    void log_loss_is_bounded_by_the_clipped_extremes() {
      Props.check("0 <= logLoss <= -ln(2^-52)", EXAMPLES, binned(), b -> {
        double loss = KATA.logLoss(b.probs(), b.labels());
        assertThat(loss).as("property '0 <= logLoss <= 36.04' for %s", b).isBetween(0.0, MAX_TERM + LOSS);
      });
    }

    @Test
    void the_curve_partitions_the_examples() {
      Props.check("counts are positive and sum to n, fractions and means lie in [0, 1], means increase", EXAMPLES,
          binned(), b -> {
            Reliability r = KATA.calibrationCurve(b.probs(), b.labels(), b.nBins(), b.strategy());
            String what = "property 'the curve partitions the examples into bins' for " + b;
            assertThat(r).as(what).isNotNull();
            assertThat(Arrays.stream(r.counts()).min().orElse(1)).as(what + ": smallest count " + Arrays.toString(r.counts())).isPositive();
            assertThat(Arrays.stream(r.counts()).sum()).as(what + ": sum of counts").isEqualTo(b.probs().length);
            assertThat(r.counts().length).as(what + ": at most nBins points").isLessThanOrEqualTo(b.nBins());
            assertThat(r.fractionPositive()).as(what + ": fractions").hasSize(r.counts().length);
            assertThat(r.meanPredicted()).as(what + ": means").hasSize(r.counts().length);
            for (int j = 1; j < r.counts().length; j++) {
              assertThat(r.meanPredicted()[j]).as("%s: meanPredicted[%d] > meanPredicted[%d]", what, j, j - 1)
                  .isGreaterThan(r.meanPredicted()[j - 1]);
            }
          });
    }

    @Test
    void the_error_is_the_count_weighted_gap_of_the_curve() {
      Props.check("ECE = sum counts/n * |fraction - mean| over the curve's bins", EXAMPLES, binned(), b -> {
        Reliability r = KATA.calibrationCurve(b.probs(), b.labels(), b.nBins(), b.strategy());
        assertThat(r).as("calibrationCurve of %s", b).isNotNull();
        double ece = 0;
        for (int j = 0; j < r.counts().length; j++) {
          ece += (double) r.counts()[j] / b.probs().length * Math.abs(r.fractionPositive()[j] - r.meanPredicted()[j]);
        }
        assertClose("property 'ECE from the curve' for " + b, ece,
            KATA.expectedCalibrationError(b.probs(), b.labels(), b.nBins(), b.strategy()), PROB);
      });
    }

    @Test
    void the_order_of_the_examples_does_not_matter() {
      Props.check("reversing the examples changes nothing", EXAMPLES, binned(), b -> {
        int n = b.probs().length;
        double[] probs = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          probs[i] = b.probs()[n - 1 - i];
          labels[i] = b.labels()[n - 1 - i];
        }
        Reliability before = KATA.calibrationCurve(b.probs(), b.labels(), b.nBins(), b.strategy());
        assertThat(before).as("calibrationCurve of %s", b).isNotNull();
        assertCurve("property 'the curve does not depend on the order of examples' for " + b,
            before.fractionPositive(), before.meanPredicted(), before.counts(),
            KATA.calibrationCurve(probs, labels, b.nBins(), b.strategy()));
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_curve_matches_the_reference_on_random_inputs() {
      Props.check("calibrationCurve agrees with the reference solution", EXAMPLES, binned(), b -> {
        Reliability expected = REFERENCE.calibrationCurve(b.probs(), b.labels(), b.nBins(), b.strategy());
        assertCurve("calibrationCurve, reference vs yours, for " + b, expected.fractionPositive(),
            expected.meanPredicted(), expected.counts(),
            KATA.calibrationCurve(b.probs(), b.labels(), b.nBins(), b.strategy()));
      });
    }

    @Test
    void losses_and_error_match_the_reference_on_random_inputs() {
      Props.check("brierScore, logLoss and expectedCalibrationError agree with the reference", EXAMPLES, binned(),
          b -> {
            assertClose("brierScore, reference vs yours, for " + b, REFERENCE.brierScore(b.probs(), b.labels()),
                KATA.brierScore(b.probs(), b.labels()), PROB);
            assertNear("logLoss, reference vs yours, for " + b, REFERENCE.logLoss(b.probs(), b.labels()),
                KATA.logLoss(b.probs(), b.labels()), LOSS);
            assertClose("expectedCalibrationError, reference vs yours, for " + b,
                REFERENCE.expectedCalibrationError(b.probs(), b.labels(), b.nBins(), b.strategy()),
                KATA.expectedCalibrationError(b.probs(), b.labels(), b.nBins(), b.strategy()), PROB);
          });
    }
  }

  /** Probabilities, labels and a binning, with a readable {@code toString}. */
  record Binned(double[] probs, int[] labels, int nBins, Strategy strategy) {
    @Override
    public String toString() {
      return "probs=" + Arrays.toString(probs) + ", labels=" + Arrays.toString(labels) + ", nBins=" + nBins
          + ", strategy=" + strategy;
    }
  }

  /**
   * 1 to 40 examples; probabilities mostly (60%) on the grid k/20 (ties, values on uniform edges, 0 and
   * 1), otherwise with six decimals; 1 to 12 bins of either strategy. Shrinks towards one example with
   * probability 0, label 0, one uniform bin.
   */
  static Gen<Binned> binned() {
    Gen<Double> grid = integers().between(0, 20).map(k -> k / 20.0);
    Gen<Double> prob = Gens.decimals(0, 1, 6).mix(grid, 60);
    return lists().of(prob.zip(integers().between(0, 1), (p, y) -> new double[] {p, y})).ofSizeBetween(1, 40)
        .zip(integers().between(1, 12), integers().between(0, 1), (rows, nBins, s) -> new Binned(
            rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToInt(r -> (int) r[1]).toArray(), nBins,
            Strategy.values()[s]));
  }

  static void assertCurve(String what, double[] fraction, double[] mean, int[] counts, Reliability actual) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.counts()).as("%s: counts (one per non-empty bin, in bin order)", what).containsExactly(counts);
    assertAllClose(what + ": fractionPositive", fraction, actual.fractionPositive(), PROB);
    assertAllClose(what + ": meanPredicted", mean, actual.meanPredicted(), PROB);
  }
}

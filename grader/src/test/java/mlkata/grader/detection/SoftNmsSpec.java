package mlkata.grader.detection;

import static mlkata.grader.detection.NonMaxSuppressionSpec.box;
import static mlkata.grader.detection.NonMaxSuppressionSpec.oracleIou;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mlkata.grader.detection.DetectionGens.SoftDetections;
import mlkata.grader.support.KataAssertions;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code detection/soft-nms}.
 *
 * <p>Tolerance: {@link #SCORE} for a decayed score, a product of at most n weights in [0, 1], each
 * from one IoU (a few rounding errors) and one {@code exp}: correct answers agree to about 1e-15; 1e-12
 * leaves room and still catches any wrong weight. Selection orders must match exactly: the random
 * inputs have continuous scores and boxes, so exact ties and IoUs exactly at a threshold (where the
 * order of floating-point operations could decide) have probability zero; the hand-worked examples pin
 * those cases with values no rounding can move.
 *
 * <p>No efficiency check: Soft-NMS is quadratic by design.
 */
@KataSpec
@DisplayName("detection/soft-nms: Soft-NMS (linear and Gaussian)")
final class SoftNmsSpec {
  static final double SCORE = 1e-12;
  private static final int EXAMPLES = 200;

  private static final SoftNmsApi KATA = Target.pick(new SoftNmsOfExercises(), new SoftNmsOfSolutions());
  private static final SoftNmsApi REFERENCE = new SoftNmsOfSolutions();
  private static final NonMaxSuppressionApi GREEDY = new NonMaxSuppressionOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Box 1 lies inside box 0: IoU 50/100 = 0.5 > 0.3, so 0.8 becomes 0.4; box 2 never overlaps.
      double[][] boxes = {box(0, 0, 10, 10), box(0, 0, 10, 5), box(20, 20, 30, 30)};
      assertSoftNms("the statement example", boxes, new double[] {0.9, 0.8, 0.7}, "LINEAR", 0.3, 0.5, 0.001,
          new int[] {0, 2, 1}, 0.9, 0.7, 0.4);
    }

    @Test
    void the_gaussian_decays_by_exp_of_minus_iou_squared_over_sigma() {
      // IoU 0.5, sigma 0.5: weight exp(-0.25 / 0.5) = exp(-0.5).
      double[][] boxes = {box(0, 0, 10, 10), box(0, 0, 10, 5), box(20, 20, 30, 30)};
      assertSoftNms("the statement boxes with a Gaussian, sigma 0.5", boxes, new double[] {0.9, 0.8, 0.7},
          "GAUSSIAN", 0.3, 0.5, 0.001, new int[] {0, 2, 1}, 0.9, 0.7, 0.8 * Math.exp(-0.5));
      // sigma 0.1: exp(-2.5) * 0.8 = 0.0657 drops below 0.7 but stays above the floor.
      assertSoftNms("the statement boxes with a Gaussian, sigma 0.1", boxes, new double[] {0.9, 0.8, 0.7},
          "GAUSSIAN", 0.3, 0.1, 0.001, new int[] {0, 2, 1}, 0.9, 0.7, 0.8 * Math.exp(-2.5));
    }

    @Test
    void the_gaussian_divides_iou_squared_by_sigma_not_by_two_sigma_squared() {
      // IoU 0.5, sigma 1: weight exp(-0.25 / 1) = exp(-0.25); exp(-IoU^2 / (2 sigma^2)) would give
      // exp(-0.125) and exp(-IoU^2 * sigma) would give exp(-0.25) only by luck, so sigma 2 tells those apart:
      // exp(-0.125) here, exp(-0.0625) or exp(-0.5) for the two misreadings.
      double[][] boxes = {box(0, 0, 10, 10), box(0, 0, 10, 5)};
      assertSoftNms("IoU 0.5, Gaussian with sigma 1: weight exp(-IoU^2 / sigma) = exp(-0.25)", boxes,
          new double[] {0.9, 0.8}, "GAUSSIAN", 0.3, 1.0, 0.001, new int[] {0, 1}, 0.9, 0.8 * Math.exp(-0.25));
      assertSoftNms("IoU 0.5, Gaussian with sigma 2: weight exp(-IoU^2 / sigma) = exp(-0.125)", boxes,
          new double[] {0.9, 0.8}, "GAUSSIAN", 0.3, 2.0, 0.001, new int[] {0, 1}, 0.9, 0.8 * Math.exp(-0.125));
    }

    @Test
    void the_gaussian_decays_every_overlapping_box_whatever_the_iou_threshold() {
      // iouThreshold belongs to LINEAR: at IoU 0.5 < 0.9 the Gaussian still applies exp(-0.25 / 0.5).
      double[][] boxes = {box(0, 0, 10, 10), box(0, 0, 10, 5)};
      assertSoftNms("IoU 0.5 below iouThreshold 0.9, Gaussian with sigma 0.5 (the threshold is ignored)", boxes,
          new double[] {0.9, 0.8}, "GAUSSIAN", 0.9, 0.5, 0.001, new int[] {0, 1}, 0.9, 0.8 * Math.exp(-0.5));
    }

    @Test
    void minus_zero_and_zero_scores_are_a_tie_the_lower_index_first() {
      // -0.0 is a valid (non-negative) score equal to 0.0: the lower index is selected first.
      double[][] apart = {box(0, 0, 1, 1), box(5, 5, 6, 6), box(10, 10, 11, 11)};
      assertSoftNms("separate boxes scored [-0.0, 0.0, 0.5], floor 0: -0.0 == 0.0, lower index first", apart,
          new double[] {-0.0, 0.0, 0.5}, "LINEAR", 0.3, 0.5, 0.0, new int[] {2, 0, 1}, 0.5, 0.0, 0.0);
      assertSoftNms("separate boxes scored [0.0, -0.0, 0.5], floor 0", apart,
          new double[] {0.0, -0.0, 0.5}, "GAUSSIAN", 0.3, 0.5, 0.0, new int[] {2, 0, 1}, 0.5, 0.0, 0.0);
    }

    @Test
    void every_selected_box_decays_the_boxes_it_overlaps() {
      // Neighbours overlap with IoU 1/3 > 0.3. Box 1 decays by 2/3 when box 0 is selected and again
      // when box 2 is: 0.8 * 2/3 * 2/3.
      double[][] chain = {box(0, 0, 10, 10), box(5, 0, 15, 10), box(10, 0, 20, 10)};
      assertSoftNms("a chain of three boxes", chain, new double[] {0.9, 0.8, 0.7}, "LINEAR", 0.3, 0.5, 0.001,
          new int[] {0, 2, 1}, 0.9, 0.7, 0.8 * 2 / 3 * 2 / 3);
    }

    @Test
    void linear_decay_needs_an_iou_strictly_above_the_threshold() {
      // IoU exactly 0.5 with threshold 0.5: no decay. With threshold 0.49: weight 0.5.
      double[][] boxes = {box(0, 0, 2, 1), box(1, 0, 2, 1)};
      assertSoftNms("IoU 0.5 at threshold 0.5", boxes, new double[] {0.9, 0.8}, "LINEAR", 0.5, 0.5, 0.001,
          new int[] {0, 1}, 0.9, 0.8);
      assertSoftNms("IoU 0.5 at threshold 0.49", boxes, new double[] {0.9, 0.8}, "LINEAR", 0.49, 0.5, 0.001,
          new int[] {0, 1}, 0.9, 0.4);
    }

    @Test
    void a_decayed_box_can_fall_behind_a_lower_scored_one() {
      // Box 1 (0.8) inside box 0 decays to 0.8 * 0.25 = 0.2 (IoU 0.75), so box 2 (0.5) overtakes it.
      double[][] boxes = {box(0, 0, 4, 4), box(0, 0, 4, 3), box(10, 10, 11, 11)};
      assertSoftNms("a heavily overlapped box falls behind", boxes, new double[] {0.9, 0.8, 0.5}, "LINEAR", 0.3,
          0.5, 0.001, new int[] {0, 2, 1}, 0.9, 0.5, 0.2);
    }

    @Test
    void the_floor_drops_boxes_strictly_below_it() {
      // Identical boxes: linear weight 1 - 1 = 0. Score 0 is below a floor of 0.001, not below a floor of 0.
      double[][] twins = {box(0, 0, 2, 2), box(0, 0, 2, 2)};
      assertSoftNms("identical boxes, floor 0.001", twins, new double[] {0.9, 0.6}, "LINEAR", 0.3, 0.5, 0.001,
          new int[] {0}, 0.9);
      assertSoftNms("identical boxes, floor 0 (score 0 is not below it)", twins, new double[] {0.9, 0.6}, "LINEAR",
          0.3, 0.5, 0.0, new int[] {0, 1}, 0.9, 0.0);
      // IoU 0.5, weight 0.5: 0.5 * 0.5 = 0.25 equals a floor of 0.25 and stays.
      double[][] halves = {box(0, 0, 2, 1), box(1, 0, 2, 1)};
      assertSoftNms("a decayed score equal to the floor stays", halves, new double[] {0.9, 0.5}, "LINEAR", 0.3, 0.5,
          0.25, new int[] {0, 1}, 0.9, 0.25);
      assertSoftNms("a decayed score just below the floor goes", halves, new double[] {0.9, 0.5}, "LINEAR", 0.3, 0.5,
          0.2500001, new int[] {0}, 0.9);
    }

    @Test
    void boxes_starting_below_the_floor_are_dropped_even_when_alone() {
      double[][] apart = {box(0, 0, 1, 1), box(5, 5, 6, 6), box(10, 10, 11, 11)};
      assertSoftNms("three separate boxes, one scored below the floor", apart, new double[] {0.0005, 0.3, 0.001},
          "LINEAR", 0.3, 0.5, 0.001, new int[] {1, 2}, 0.3, 0.001);
      assertSoftNms("a score of exactly 0 is valid, and not below a floor of 0", apart, new double[] {0.0, 0.3, 0.2},
          "GAUSSIAN", 0.3, 0.5, 0.0, new int[] {1, 2, 0}, 0.3, 0.2, 0.0);
    }

    @Test
    void equal_scores_select_the_lower_index_first() {
      double[][] apart = {box(0, 0, 1, 1), box(5, 5, 6, 6), box(10, 10, 11, 11), box(20, 20, 21, 21)};
      assertSoftNms("separate boxes, three tied scores", apart, new double[] {0.5, 0.9, 0.5, 0.5}, "GAUSSIAN", 0.3,
          0.5, 0.001, new int[] {1, 0, 2, 3}, 0.9, 0.5, 0.5, 0.5);
      // A chain with equal scores: selecting box 0 first decays box 1 (IoU 1/3) but not box 2.
      double[][] chain = {box(0, 0, 2, 1), box(1, 0, 3, 1), box(2, 0, 4, 1)};
      assertSoftNms("a chain of three boxes with equal scores", chain, new double[] {0.6, 0.6, 0.6}, "LINEAR", 0.3,
          0.5, 0.001, new int[] {0, 2, 1}, 0.6, 0.6, 0.6 * 2 / 3 * 2 / 3);
    }

    @Test
    void a_linear_threshold_of_one_only_sorts() {
      double[][] twins = {box(0, 0, 2, 2), box(0, 0, 2, 2), box(1, 1, 3, 3)};
      assertSoftNms("overlapping boxes, linear threshold 1", twins, new double[] {0.2, 0.7, 0.4}, "LINEAR", 1.0, 0.5,
          0.001, new int[] {1, 2, 0}, 0.7, 0.4, 0.2);
    }

    @Test
    void zero_area_boxes_do_not_decay_each_other() {
      double[][] points = {box(1, 1, 1, 1), box(1, 1, 1, 1)};
      assertSoftNms("two identical point boxes, Gaussian", points, new double[] {0.9, 0.8}, "GAUSSIAN", 0.3, 0.5,
          0.001, new int[] {0, 1}, 0.9, 0.8);
    }

    @Test
    void no_boxes_give_an_empty_result() {
      SoftNmsApi.Result r = KATA.softNms(new double[0][], new double[0], "LINEAR", 0.3, 0.5, 0.001);
      assertThat(r).as("softNms of no boxes").isNotNull();
      assertThat(r.indices()).as("softNms of no boxes: indices").isEmpty();
      assertThat(r.scores()).as("softNms of no boxes: scores").isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] two = {box(0, 0, 1, 1), box(2, 2, 3, 3)};

    @Test
    void boxes_must_be_valid() {
      assertRejects("softNms with a 3-value box", "boxes",
          () -> KATA.softNms(new double[][] {{0, 0, 1}}, new double[] {0.5}, "LINEAR", 0.3, 0.5, 0.001));
      assertRejects("softNms with x2 < x1", "boxes",
          () -> KATA.softNms(new double[][] {box(2, 0, 1, 1)}, new double[] {0.5}, "LINEAR", 0.3, 0.5, 0.001));
      assertRejects("softNms with a NaN coordinate", "boxes",
          () -> KATA.softNms(new double[][] {box(0, 0, Double.NaN, 1)}, new double[] {0.5}, "GAUSSIAN", 0.3, 0.5, 0.001));
    }

    @Test
    void scores_must_match_the_boxes_and_be_finite_and_non_negative() {
      // The stub lets the message blame either argument for lengths that differ.
      KataAssertions.assertRejectsNamingAnyOf("softNms with 2 boxes and 1 score",
          () -> KATA.softNms(two, new double[] {0.5}, "LINEAR", 0.3, 0.5, 0.001), "boxes", "scores");
      assertRejects("softNms with a negative score", "scores",
          () -> KATA.softNms(two, new double[] {0.5, -0.1}, "LINEAR", 0.3, 0.5, 0.001));
      assertRejects("softNms with a NaN score", "scores",
          () -> KATA.softNms(two, new double[] {Double.NaN, 0.1}, "LINEAR", 0.3, 0.5, 0.001));
      assertRejects("softNms with an infinite score", "scores",
          () -> KATA.softNms(two, new double[] {0.2, Double.POSITIVE_INFINITY}, "GAUSSIAN", 0.3, 0.5, 0.001));
    }

    @Test
    void thresholds_must_not_be_nan_and_sigma_must_be_positive_and_finite() {
      double[] s = {0.5, 0.4};
      assertRejects("softNms with a NaN iouThreshold", "iouThreshold",
          () -> KATA.softNms(two, s, "LINEAR", Double.NaN, 0.5, 0.001));
      assertRejects("softNms with a NaN scoreThreshold", "scoreThreshold",
          () -> KATA.softNms(two, s, "GAUSSIAN", 0.3, 0.5, Double.NaN));
      assertRejects("softNms with sigma 0", "sigma", () -> KATA.softNms(two, s, "GAUSSIAN", 0.3, 0.0, 0.001));
      assertRejects("softNms with a negative sigma", "sigma", () -> KATA.softNms(two, s, "GAUSSIAN", 0.3, -1, 0.001));
      assertRejects("softNms with an infinite sigma", "sigma",
          () -> KATA.softNms(two, s, "GAUSSIAN", 0.3, Double.POSITIVE_INFINITY, 0.001));
      assertRejects("softNms LINEAR with a NaN sigma (validated even when unused)", "sigma",
          () -> KATA.softNms(two, s, "LINEAR", 0.3, Double.NaN, 0.001));
    }

    @Test
    void nulls_are_rejected() {
      double[] s = {0.5, 0.4};
      assertNullRejected("softNms with null boxes", () -> KATA.softNms(null, s, "LINEAR", 0.3, 0.5, 0.001));
      assertNullRejected("softNms with null scores", () -> KATA.softNms(two, null, "LINEAR", 0.3, 0.5, 0.001));
      assertNullRejected("softNms with a null method", () -> KATA.softNms(two, s, null, 0.3, 0.5, 0.001));
      assertNullRejected("softNms with a null box",
          () -> KATA.softNms(new double[][] {box(0, 0, 1, 1), null}, s, "LINEAR", 0.3, 0.5, 0.001));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] boxes = {box(0, 0, 10, 10), box(5, 0, 15, 10), box(10, 0, 20, 10)};
      double[] scores = {0.9, 0.8, 0.7};
      double[][] boxesCopy = Arrays.stream(boxes).map(double[]::clone).toArray(double[][]::new);
      KATA.softNms(boxes, scores, "LINEAR", 0.3, 0.5, 0.001);
      KATA.softNms(boxes, scores, "GAUSSIAN", 0.3, 0.5, 0.001);
      assertThat(boxes).as("boxes after softNms").isDeepEqualTo(boxesCopy);
      assertThat(scores).as("scores after softNms (decay a copy)").containsExactly(0.9, 0.8, 0.7);
    }
  }

  @Nested
  @DisplayName("golden cases (Algorithm 1 of the paper, IoU from torchvision)")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("detection/soft-nms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_golden_case(Goldens.Case c) {
      double[][] boxes = c.input().matrix("boxes");
      double[] scores = c.input().doubles("scores");
      String what = String.format("softNms of golden '%s' (%d boxes, %s, iouThreshold %s, sigma %s, scoreThreshold %s)"
          + " vs %s", c.name(), boxes.length, c.input().string("method"), c.input().number("iou_threshold"),
          c.input().number("sigma"), c.input().number("score_threshold"), c.library());
      SoftNmsApi.Result r = KATA.softNms(boxes, scores, c.input().string("method"), c.input().number("iou_threshold"),
          c.input().number("sigma"), c.input().number("score_threshold"));
      assertResult(what, r, c.expected().ints("indices"), c.expected().doubles("scores"));
    }
  }

  @Nested
  @DisplayName("properties on random detections")
  final class Properties {
    @Test
    void selected_scores_never_increase_and_stay_at_or_above_the_floor() {
      Props.check("selected scores are non-increasing and >= scoreThreshold; indices distinct", EXAMPLES,
          DetectionGens.softDetections(0, 25), d -> {
            SoftNmsApi.Result r = run(KATA, d);
            assertShape("property 'scores non-increasing' for " + d, r, d.scores().length);
            boolean[] seen = new boolean[d.scores().length];
            for (int k = 0; k < r.indices().length; k++) {
              assertThat(seen[r.indices()[k]]).as("property 'each index once': index %d repeated for %s",
                  r.indices()[k], d).isFalse();
              seen[r.indices()[k]] = true;
              assertThat(r.scores()[k]).as("property 'selected score >= scoreThreshold' at position %d for %s", k, d)
                  .isGreaterThanOrEqualTo(d.scoreThreshold());
              if (k > 0) {
                assertThat(r.scores()[k]).as("property 'selected scores never increase' at position %d for %s "
                    + "(got %s)", k, d, Arrays.toString(r.scores())).isLessThanOrEqualTo(r.scores()[k - 1]);
              }
            }
          });
    }

    @Test
    void each_score_is_its_input_score_times_the_weights_of_the_boxes_selected_before_it() {
      Props.check("selected score = input score x product of w(IoU) over earlier selections", EXAMPLES,
          DetectionGens.softDetections(0, 25), d -> {
            SoftNmsApi.Result r = run(KATA, d);
            assertShape("property 'score = input x weights' for " + d, r, d.scores().length);
            for (int k = 0; k < r.indices().length; k++) {
              int b = r.indices()[k];
              double expected = d.scores()[b];
              for (int j = 0; j < k; j++) {
                expected *= weight(d, oracleIou(d.boxes()[r.indices()[j]], d.boxes()[b]));
              }
              assertClose(String.format("property 'score = input x weights' for box %d at position %d, selected "
                  + "after %s, for %s", b, k, Arrays.toString(Arrays.copyOf(r.indices(), k)), d), expected,
                  r.scores()[k], SCORE);
            }
          });
    }

    @Test
    void a_linear_threshold_of_one_selects_every_box_above_the_floor_by_score() {
      Props.check("LINEAR with iouThreshold 1 = the boxes scoring >= the floor, sorted", EXAMPLES,
          DetectionGens.softDetections(0, 25), d -> {
            SoftNmsApi.Result r = KATA.softNms(d.boxes(), d.scores(), "LINEAR", 1.0, d.sigma(), d.scoreThreshold());
            int[] expected = IntStream.range(0, d.scores().length).filter(i -> d.scores()[i] >= d.scoreThreshold())
                .boxed().sorted((i, j) -> Double.compare(d.scores()[j], d.scores()[i]))
                .mapToInt(Integer::intValue).toArray();
            assertResult("property 'linear threshold 1 only sorts' for " + d, r, expected,
                Arrays.stream(expected).mapToDouble(i -> d.scores()[i]).toArray());
          });
    }

    @Test
    void a_tiny_gaussian_sigma_is_greedy_nms_at_iou_threshold_zero() {
      Props.check("GAUSSIAN with sigma 1e-300 = greedy NMS at IoU 0 on the boxes above the floor", EXAMPLES,
          DetectionGens.softDetections(0, 25), d -> {
            double floor = Math.max(d.scoreThreshold(), 1e-3);
            SoftNmsApi.Result r = KATA.softNms(d.boxes(), d.scores(), "GAUSSIAN", d.iouThreshold(), 1e-300, floor);
            int[] candidates = IntStream.range(0, d.scores().length).filter(i -> d.scores()[i] >= floor).toArray();
            int[] kept = GREEDY.nms(Arrays.stream(candidates).mapToObj(i -> d.boxes()[i]).toArray(double[][]::new),
                Arrays.stream(candidates).mapToDouble(i -> d.scores()[i]).toArray(), 0.0);
            int[] expected = Arrays.stream(kept).map(k -> candidates[k]).toArray();
            assertResult("property 'tiny sigma = greedy NMS at 0' (floor " + floor + ") for " + d, r, expected,
                Arrays.stream(expected).mapToDouble(i -> d.scores()[i]).toArray());
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void soft_nms_matches_the_reference_on_random_detections() {
      Props.check("softNms agrees with the reference solution", EXAMPLES, DetectionGens.softDetections(0, 40), d -> {
        SoftNmsApi.Result expected = run(REFERENCE, d);
        assertResult("softNms, yours vs the reference, for " + d, run(KATA, d), expected.indices(), expected.scores());
      });
    }
  }

  private static SoftNmsApi.Result run(SoftNmsApi api, SoftDetections d) {
    return api.softNms(d.boxes(), d.scores(), d.method(), d.iouThreshold(), d.sigma(), d.scoreThreshold());
  }

  private static double weight(SoftDetections d, double iou) {
    if (d.method().equals("LINEAR")) {
      return iou > d.iouThreshold() ? 1 - iou : 1;
    }
    return Math.exp(-iou * iou / d.sigma());
  }

  private static void assertShape(String what, SoftNmsApi.Result r, int n) {
    assertThat(r).as("%s: the result", what).isNotNull();
    assertThat(r.indices()).as("%s: indices", what).isNotNull();
    assertThat(r.scores()).as("%s: scores", what).isNotNull().hasSameSizeAs(r.indices());
    for (int i : r.indices()) {
      assertThat(i).as("%s: index in range", what).isBetween(0, n - 1);
    }
  }

  private static void assertResult(String what, SoftNmsApi.Result r, int[] indices, double[] scores) {
    assertThat(r).as("%s: the result", what).isNotNull();
    assertThat(r.indices()).as("%s: selected indices, in order", what).containsExactly(indices);
    assertAllClose(what + ": selected scores", scores, r.scores(), SCORE);
  }

  private static void assertSoftNms(String what, double[][] boxes, double[] scores, String method, double iouThreshold,
      double sigma, double scoreThreshold, int[] indices, double... expectedScores) {
    String full = String.format("softNms of %s: boxes %s, scores %s, %s, iouThreshold %s, sigma %s, scoreThreshold %s",
        what, Arrays.deepToString(boxes), Arrays.toString(scores), method, iouThreshold, sigma, scoreThreshold);
    assertResult(full, KATA.softNms(boxes, scores, method, iouThreshold, sigma, scoreThreshold), indices,
        expectedScores);
  }
}

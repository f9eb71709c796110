package mlkata.grader.detection;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import mlkata.grader.detection.DetectionGens.Box;
import mlkata.grader.detection.DetectionGens.Detections;
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
 * Grades {@code detection/non-max-suppression}.
 *
 * <p>Tolerances: {@link #IOU} for an IoU computed from the same coordinates (one intersection, one
 * union, one division: correct formulas differ by a few rounding errors of values at most 1), and
 * {@link #INVARIANCE} for an IoU compared after moving or scaling the boxes, where the moved
 * coordinates are themselves rounded. NMS results are index lists and must match exactly; the golden
 * and random inputs either keep IoUs away from the threshold or make them exact (integer corners).
 *
 * <p>No efficiency check: greedy NMS is quadratic in the worst case by design, and the sort in front
 * of it is not what separates a good answer from a bad one.
 */
@KataSpec
@DisplayName("detection/non-max-suppression: IoU and non-max suppression")
final class NonMaxSuppressionSpec {
  static final double IOU = 1e-12;
  static final double INVARIANCE = 1e-10;
  private static final int EXAMPLES = 300;

  private static final NonMaxSuppressionApi KATA =
      Target.pick(new NonMaxSuppressionOfExercises(), new NonMaxSuppressionOfSolutions());
  private static final NonMaxSuppressionApi REFERENCE = new NonMaxSuppressionOfSolutions();

  @Nested
  @DisplayName("hand-worked IoU examples")
  final class IouExamples {
    @Test
    void two_overlapping_squares() {
      // Intersection [1,1,2,2] has area 1; union 4 + 4 - 1 = 7.
      assertClose("iou([0,0,2,2], [1,1,3,3])", 1.0 / 7, KATA.iou(box(0, 0, 2, 2), box(1, 1, 3, 3)), IOU);
    }

    @Test
    void areas_have_no_plus_one() {
      // Areas 1 and 2, intersection 1: IoU 1/2. With the old "+1" pixel convention it would be 4/6.
      assertClose("iou([0,0,1,1], [0,0,2,1])", 0.5, KATA.iou(box(0, 0, 1, 1), box(0, 0, 2, 1)), IOU);
    }

    @Test
    void a_box_with_itself_gives_one() {
      assertClose("iou([-1.5,2,3,7.25], itself)", 1.0, KATA.iou(box(-1.5, 2, 3, 7.25), box(-1.5, 2, 3, 7.25)), IOU);
    }

    @Test
    void a_nested_box_gives_the_ratio_of_areas() {
      assertClose("iou([0,0,4,4], [1,1,2,2])", 1.0 / 16, KATA.iou(box(0, 0, 4, 4), box(1, 1, 2, 2)), IOU);
    }

    @Test
    void touching_or_separate_boxes_give_zero() {
      assertClose("iou of boxes sharing the edge x = 2", 0.0, KATA.iou(box(0, 0, 2, 2), box(2, 0, 4, 2)), IOU);
      assertClose("iou of boxes sharing only a corner", 0.0, KATA.iou(box(0, 0, 2, 2), box(2, 2, 4, 4)), IOU);
      assertClose("iou of boxes apart in x (their y ranges overlap)", 0.0,
          KATA.iou(box(0, 0, 1, 5), box(3, 1, 4, 4)), IOU);
      assertClose("iou of boxes apart in y (their x ranges overlap)", 0.0,
          KATA.iou(box(0, 0, 5, 1), box(1, 3, 4, 4)), IOU);
    }

    @Test
    void boxes_apart_in_both_x_and_y_give_zero_the_overlaps_are_clamped_at_zero() {
      // Unclamped overlaps are -1 and -1 here, whose product +1 would look like a real intersection.
      assertClose("iou([0,0,1,1], [2,2,3,3]): each overlap is clamped at 0 before multiplying", 0.0,
          KATA.iou(box(0, 0, 1, 1), box(2, 2, 3, 3)), IOU);
    }

    @Test
    void zero_area_boxes_give_zero_not_nan() {
      assertClose("iou of the point box [1,1,1,1] with itself (pinned: 0, torchvision: NaN)", 0.0,
          KATA.iou(box(1, 1, 1, 1), box(1, 1, 1, 1)), IOU);
      assertClose("iou of the segment box [0,0,0,2] with itself", 0.0, KATA.iou(box(0, 0, 0, 2), box(0, 0, 0, 2)), IOU);
      assertClose("iou of the segment [0,0,0,2] with the square [0,0,2,2]", 0.0,
          KATA.iou(box(0, 0, 0, 2), box(0, 0, 2, 2)), IOU);
    }

    @Test
    void pairwise_iou_is_the_table_of_ious() {
      double[][] a = {box(0, 0, 2, 2), box(0, 0, 1, 1)};
      double[][] b = {box(1, 1, 3, 3), box(0, 0, 2, 2), box(5, 5, 6, 6)};
      double[][] expected = {{1.0 / 7, 1, 0}, {0, 0.25, 0}};
      assertAllClose("pairwiseIou(" + Arrays.deepToString(a) + ", " + Arrays.deepToString(b) + ")",
          expected, KATA.pairwiseIou(a, b), IOU);
    }

    @Test
    void pairwise_iou_of_empty_sets_has_the_right_shape() {
      double[][] none = new double[0][];
      double[][] two = {box(0, 0, 1, 1), box(1, 1, 2, 2)};
      assertThat(KATA.pairwiseIou(none, two)).as("pairwiseIou of 0 boxes with 2 boxes: 0 rows").isEmpty();
      double[][] twoByNone = KATA.pairwiseIou(two, none);
      assertThat(twoByNone).as("pairwiseIou of 2 boxes with 0 boxes: 2 rows").hasNumberOfRows(2);
      assertThat(twoByNone[0]).as("pairwiseIou of 2 boxes with 0 boxes: row 0 is empty").isEmpty();
      assertThat(twoByNone[1]).as("pairwiseIou of 2 boxes with 0 boxes: row 1 is empty").isEmpty();
    }
  }

  @Nested
  @DisplayName("hand-worked NMS examples")
  final class NmsExamples {
    @Test
    void the_problem_statement_example() {
      double[][] boxes = {box(0, 0, 10, 10), box(1, 1, 11, 11), box(20, 20, 30, 30), box(0, 0, 10, 9)};
      assertNms("the statement example", boxes, new double[] {0.9, 0.8, 0.7, 0.95}, 0.5, 3, 2);
    }

    @Test
    void an_iou_equal_to_the_threshold_keeps_both_boxes() {
      // [0,0,2,1] and [1,0,2,1]: intersection 1, union 2, IoU exactly 0.5.
      double[][] boxes = {box(0, 0, 2, 1), box(1, 0, 2, 1)};
      assertNms("IoU 0.5 at threshold 0.5 (suppress only when strictly greater)", boxes,
          new double[] {0.9, 0.8}, 0.5, 0, 1);
      assertNms("IoU 0.5 at threshold 0.49", boxes, new double[] {0.9, 0.8}, 0.49, 0);
      // Intersection 1, union 3: IoU exactly 1/3 against the threshold 1/3.
      double[][] thirds = {box(0, 0, 2, 1), box(1, 0, 3, 1)};
      assertNms("IoU 1/3 at threshold 1/3", thirds, new double[] {0.9, 0.8}, 1.0 / 3, 0, 1);
    }

    @Test
    void a_suppressed_box_suppresses_nothing() {
      // Neighbours overlap with IoU 1/3 > 0.3; the ends do not overlap. Box 1 falls to box 0, so box 2 stays.
      double[][] boxes = {box(0, 0, 10, 10), box(5, 0, 15, 10), box(10, 0, 20, 10)};
      assertNms("a chain of three boxes at threshold 0.3", boxes, new double[] {0.9, 0.8, 0.7}, 0.3, 0, 2);
    }

    @Test
    void kept_boxes_come_out_by_descending_score_not_by_index() {
      double[][] boxes = {box(0, 0, 1, 1), box(2, 2, 3, 3), box(4, 4, 5, 5), box(6, 6, 7, 7)};
      assertNms("four separate boxes", boxes, new double[] {0.1, 0.9, -0.5, 0.5}, 0.5, 1, 3, 0, 2);
    }

    @Test
    void a_lower_scored_box_never_suppresses_a_higher_one() {
      // The low-scored box is visited last even though it comes first in the input.
      double[][] boxes = {box(0, 0, 4, 4), box(0, 0, 4, 3)};
      assertNms("two overlapping boxes, the second scored higher", boxes, new double[] {0.2, 0.7}, 0.5, 1);
    }

    @Test
    void equal_scores_go_by_ascending_index() {
      double[][] separate = {box(0, 0, 1, 1), box(2, 2, 3, 3), box(4, 4, 5, 5), box(6, 6, 7, 7)};
      assertNms("separate boxes, three tied scores", separate, new double[] {0.5, 0.9, 0.5, 0.5}, 0.5, 1, 0, 2, 3);
      double[][] same = {box(0, 0, 1, 1), box(0, 0, 1, 1), box(0, 0, 1, 1)};
      assertNms("three identical boxes with equal scores: the first wins", same, new double[] {0.5, 0.5, 0.5}, 0.5, 0);
      // Neighbours overlap with IoU 1/3. Visiting 0 first keeps 0 and 2; visiting 2 first would give
      // [2, 0]; visiting 1 first would give [1].
      double[][] chain = {box(0, 0, 2, 1), box(1, 0, 3, 1), box(2, 0, 4, 1)};
      assertNms("a chain of three boxes, all scores equal", chain, new double[] {0.5, 0.5, 0.5}, 0.3, 0, 2);
    }

    @Test
    void many_tied_scores_still_go_by_ascending_index() {
      // 300 separate unit boxes, scores from only 5 values: every box is kept, so the answer is the
      // sort order itself (long inputs exercise the merging phase of library sorts too).
      int n = 300;
      double[][] boxes = new double[n][];
      double[] scores = new double[n];
      for (int k = 0; k < n; k++) {
        boxes[k] = box(2 * k, 0, 2 * k + 1, 1);
        scores[k] = (k * 7 + k / 13) % 5 / 4.0;
      }
      int[] expected = IntStream.range(0, n).boxed()
          .sorted((i, j) -> ranksAbove(scores, i, j) ? -1 : ranksAbove(scores, j, i) ? 1 : 0)
          .mapToInt(Integer::intValue).toArray();
      assertThat(KATA.nms(boxes, scores, 0.5))
          .as("nms of 300 separate boxes with scores (k * 7 + k / 13) %% 5 / 4: score descending, then index")
          .containsExactly(expected);
    }

    @Test
    void scores_compare_by_value_so_minus_zero_ties_with_zero() {
      double[][] same = {box(0, 0, 1, 1), box(0, 0, 1, 1)};
      assertNms("identical boxes scored -0.0 and 0.0: -0.0 == 0.0 is a tie, so the lower index wins "
          + "(Double.compare ranks 0.0 first)", same, new double[] {-0.0, 0.0}, 0.5, 0);
      assertNms("identical boxes scored 0.0 and -0.0: a tie, the lower index wins", same, new double[] {0.0, -0.0}, 0.5, 0);
    }

    @Test
    void threshold_one_keeps_everything_and_a_negative_threshold_keeps_only_the_top_box() {
      double[][] boxes = {box(0, 0, 2, 2), box(0, 0, 2, 2), box(5, 5, 6, 6)};
      double[] scores = {0.3, 0.6, 0.1};
      assertNms("threshold 1: nothing exceeds it", boxes, scores, 1.0, 1, 0, 2);
      assertNms("threshold +Infinity", boxes, scores, Double.POSITIVE_INFINITY, 1, 0, 2);
      assertNms("threshold 0: any overlap suppresses", boxes, scores, 0.0, 1, 2);
      assertNms("threshold -0.1: even IoU 0 exceeds it", boxes, scores, -0.1, 1);
    }

    @Test
    void zero_area_boxes_do_not_suppress_each_other() {
      double[][] points = {box(1, 1, 1, 1), box(1, 1, 1, 1)};
      assertNms("two identical point boxes at threshold 0", points, new double[] {0.9, 0.8}, 0.0, 0, 1);
    }

    @Test
    void no_boxes_keep_nothing() {
      assertThat(KATA.nms(new double[0][], new double[0], 0.5)).as("nms of no boxes").isEmpty();
    }

    @Test
    void one_box_is_kept() {
      assertNms("a single box", new double[][] {box(3, 3, 4, 8)}, new double[] {-2}, 0.5, 0);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void a_box_needs_four_coordinates() {
      assertRejects("iou with a 3-value box1", "box1", () -> KATA.iou(new double[] {0, 0, 1}, box(0, 0, 1, 1)));
      assertRejects("iou with a 5-value box2", "box2", () -> KATA.iou(box(0, 0, 1, 1), new double[] {0, 0, 1, 1, 1}));
      assertRejects("pairwiseIou with an empty box in boxes2", "boxes2",
          () -> KATA.pairwiseIou(new double[][] {box(0, 0, 1, 1)}, new double[][] {box(0, 0, 1, 1), new double[0]}));
      assertRejects("nms with a 2-value box", "boxes",
          () -> KATA.nms(new double[][] {box(0, 0, 1, 1), {0, 0}}, new double[] {0.5, 0.4}, 0.5));
    }

    @Test
    void corners_must_be_ordered() {
      assertRejects("iou with x2 < x1 in box1", "box1", () -> KATA.iou(box(2, 0, 1, 1), box(0, 0, 1, 1)));
      assertRejects("iou with y2 < y1 in box2", "box2", () -> KATA.iou(box(0, 0, 1, 1), box(0, 3, 1, 2)));
      assertRejects("pairwiseIou with x2 < x1 in boxes1", "boxes1",
          () -> KATA.pairwiseIou(new double[][] {box(0, 0, 1, 1), box(1, 0, 0, 1)}, new double[][] {box(0, 0, 1, 1)}));
      assertRejects("nms with y2 < y1", "boxes",
          () -> KATA.nms(new double[][] {box(0, 1, 1, 0)}, new double[] {0.5}, 0.5));
    }

    @Test
    void coordinates_must_be_finite() {
      assertRejects("iou with a NaN in box1", "box1", () -> KATA.iou(box(0, Double.NaN, 1, 1), box(0, 0, 1, 1)));
      assertRejects("iou with +Infinity in box2", "box2",
          () -> KATA.iou(box(0, 0, 1, 1), box(0, 0, Double.POSITIVE_INFINITY, 1)));
      assertRejects("iou with -Infinity in box1", "box1",
          () -> KATA.iou(box(Double.NEGATIVE_INFINITY, 0, 1, 1), box(0, 0, 1, 1)));
      assertRejects("nms with a NaN coordinate", "boxes",
          () -> KATA.nms(new double[][] {box(0, 0, 1, Double.NaN)}, new double[] {0.5}, 0.5));
    }

    @Test
    void boxes_and_scores_must_have_the_same_length() {
      // The stub lets the message blame either argument for lengths that differ.
      KataAssertions.assertRejectsNamingAnyOf("nms with 2 boxes and 3 scores",
          () -> KATA.nms(new double[][] {box(0, 0, 1, 1), box(2, 2, 3, 3)}, new double[] {0.1, 0.2, 0.3}, 0.5),
          "boxes", "scores");
      KataAssertions.assertRejectsNamingAnyOf("nms with 2 boxes and 1 score",
          () -> KATA.nms(new double[][] {box(0, 0, 1, 1), box(2, 2, 3, 3)}, new double[] {0.1}, 0.5), "boxes", "scores");
    }

    @Test
    void scores_must_be_finite() {
      double[][] boxes = {box(0, 0, 1, 1), box(2, 2, 3, 3)};
      assertRejects("nms with a NaN score", "scores", () -> KATA.nms(boxes, new double[] {0.1, Double.NaN}, 0.5));
      assertRejects("nms with an infinite score", "scores",
          () -> KATA.nms(boxes, new double[] {Double.POSITIVE_INFINITY, 0.1}, 0.5));
    }

    @Test
    void the_threshold_must_not_be_nan() {
      assertRejects("nms with a NaN threshold", "iouThreshold",
          () -> KATA.nms(new double[][] {box(0, 0, 1, 1)}, new double[] {0.1}, Double.NaN));
    }

    @Test
    void nms_does_not_modify_its_inputs() {
      double[][] boxes = {box(0, 0, 10, 10), box(1, 1, 11, 11), box(20, 20, 30, 30), box(0, 0, 10, 9)};
      double[] scores = {0.9, 0.8, 0.7, 0.95};
      double[][] boxesCopy = Arrays.stream(boxes).map(double[]::clone).toArray(double[][]::new);
      double[] scoresCopy = scores.clone();
      KATA.nms(boxes, scores, 0.5);
      assertThat(boxes).as("boxes after nms").isDeepEqualTo(boxesCopy);
      assertThat(scores).as("scores after nms").containsExactly(scoresCopy);
    }

    @Test
    void iou_and_pairwise_iou_do_not_modify_their_inputs() {
      double[][] boxes = {box(0, 0, 10, 10), box(1, 1, 11, 11), box(20, 20, 30, 30), box(0, 0, 10, 9)};
      double[][] boxesCopy = Arrays.stream(boxes).map(double[]::clone).toArray(double[][]::new);
      KATA.iou(boxes[0], boxes[1]);
      assertThat(boxes).as("boxes after iou").isDeepEqualTo(boxesCopy);
      KATA.pairwiseIou(boxes, boxes);
      assertThat(boxes).as("boxes after pairwiseIou").isDeepEqualTo(boxesCopy);
    }
  }

  @Nested
  @DisplayName("golden cases from torchvision")
  final class GoldenCases {
    static List<Goldens.Case> iouCases() {
      return Goldens.cases("detection/non-max-suppression").stream().filter(c -> c.input().has("boxes1")).toList();
    }

    static List<Goldens.Case> nmsCases() {
      return Goldens.cases("detection/non-max-suppression").stream().filter(c -> c.input().has("scores")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("iouCases")
    void pairwise_iou_matches_torchvision_box_iou(Goldens.Case c) {
      double[][] a = c.input().matrix("boxes1");
      double[][] b = c.input().matrix("boxes2");
      assertAllClose("pairwiseIou of golden '" + c.name() + "' (boxes1 " + Arrays.deepToString(a) + ", boxes2 "
          + Arrays.deepToString(b) + ") vs " + c.library(), c.expected().matrix("iou"), KATA.pairwiseIou(a, b), IOU);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("iouCases")
    void iou_matches_torchvision_box_iou(Goldens.Case c) {
      double[][] a = c.input().matrix("boxes1");
      double[][] b = c.input().matrix("boxes2");
      double[][] expected = c.expected().matrix("iou");
      String input = "golden '" + c.name() + "' (boxes1 " + Arrays.deepToString(a) + ", boxes2 "
          + Arrays.deepToString(b) + ") vs " + c.library();
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < b.length; j++) {
          assertClose("iou(boxes1[" + i + "], boxes2[" + j + "]) of " + input, expected[i][j], KATA.iou(a[i], b[j]), IOU);
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nmsCases")
    void nms_matches_torchvision(Goldens.Case c) {
      double[][] boxes = c.input().matrix("boxes");
      double[] scores = c.input().doubles("scores");
      double threshold = c.input().number("iou_threshold");
      assertThat(KATA.nms(boxes, scores, threshold))
          .as("nms of golden '%s' (%d boxes, threshold %s) vs %s", c.name(), boxes.length, threshold, c.library())
          .containsExactly(c.expected().ints("keep"));
    }
  }

  @Nested
  @DisplayName("IoU properties on random boxes")
  final class IouProperties {
    @Test
    void iou_matches_its_definition() {
      Props.check("IoU = intersection area / union area (0 for an empty union)", EXAMPLES, DetectionGens.boxPairs(), p ->
          assertClose("property 'IoU = intersection / union' for " + p, oracleIou(p.a(), p.b()),
              KATA.iou(p.a().toArray(), p.b().toArray()), IOU));
    }

    @Test
    void iou_is_symmetric_and_between_zero_and_one() {
      Props.check("IoU(a, b) = IoU(b, a), in [0, 1]", EXAMPLES, DetectionGens.boxPairs(), p -> {
        double ab = KATA.iou(p.a().toArray(), p.b().toArray());
        assertThat(ab).as("property '0 <= IoU <= 1' for %s", p).isBetween(0.0, 1.0);
        assertClose("property 'IoU(a, b) = IoU(b, a)' for " + p, ab, KATA.iou(p.b().toArray(), p.a().toArray()), IOU);
      });
    }

    @Test
    void a_box_of_positive_area_has_iou_one_with_itself() {
      Props.check("IoU(a, a) = 1 when area(a) > 0", EXAMPLES, DetectionGens.positiveBoxes(), a ->
          assertClose("property 'IoU(a, a) = 1' for " + a, 1.0, KATA.iou(a.toArray(), a.toArray()), IOU));
    }

    @Test
    void moving_both_boxes_changes_nothing() {
      Props.check("IoU is invariant under translation", EXAMPLES, DetectionGens.boxPairs(), p -> {
        double dx = 17.25;
        double dy = -6.5;
        assertClose("property 'IoU(a + (17.25, -6.5), b + (17.25, -6.5)) = IoU(a, b)' for " + p,
            KATA.iou(p.a().toArray(), p.b().toArray()),
            KATA.iou(moved(p.a(), dx, dy), moved(p.b(), dx, dy)), INVARIANCE);
      });
    }

    @Test
    void scaling_both_boxes_changes_nothing() {
      Props.check("IoU is invariant under scaling", EXAMPLES, DetectionGens.boxPairs(), p -> {
        assertClose("property 'IoU(3.7 a, 3.7 b) = IoU(a, b)' for " + p,
            KATA.iou(p.a().toArray(), p.b().toArray()),
            KATA.iou(scaled(p.a(), 3.7), scaled(p.b(), 3.7)), INVARIANCE);
      });
    }

    @Test
    void pairwise_iou_agrees_with_iou() {
      Props.check("pairwiseIou(A, B)[i][j] = iou(A[i], B[j])", 100, DetectionGens.detections(0, 8)
          .zip(DetectionGens.detections(0, 8), (x, y) -> new double[][][] {x.boxes(), y.boxes()}), ab -> {
            double[][] table = KATA.pairwiseIou(ab[0], ab[1]);
            String what = "property 'pairwiseIou = table of iou' for boxes1=" + Arrays.deepToString(ab[0])
                + ", boxes2=" + Arrays.deepToString(ab[1]);
            assertThat(table).as(what + ": rows").isNotNull().hasNumberOfRows(ab[0].length);
            for (int i = 0; i < ab[0].length; i++) {
              double[] row = new double[ab[1].length];
              for (int j = 0; j < row.length; j++) {
                row[j] = KATA.iou(ab[0][i], ab[1][j]);
              }
              assertAllClose(what + ", row " + i, row, table[i], IOU);
            }
          });
    }
  }

  @Nested
  @DisplayName("NMS properties on random detections")
  final class NmsProperties {
    @Test
    void kept_boxes_do_not_overlap_beyond_the_threshold() {
      Props.check("kept boxes pairwise have IoU <= threshold", EXAMPLES, DetectionGens.detections(0, 25), d -> {
        int[] keep = KATA.nms(d.boxes(), d.scores(), d.threshold());
        assertThat(keep).as("nms result for %s", d).isNotNull();
        for (int a = 0; a < keep.length; a++) {
          for (int b = a + 1; b < keep.length; b++) {
            assertThat(oracleIou(d.boxes()[keep[a]], d.boxes()[keep[b]]))
                .as("property 'kept boxes %d and %d have IoU <= threshold' for %s (kept %s)",
                    keep[a], keep[b], d, Arrays.toString(keep))
                .isLessThanOrEqualTo(d.threshold());
          }
        }
      });
    }

    @Test
    void every_dropped_box_overlaps_a_kept_box_that_comes_before_it() {
      Props.check("each dropped box has IoU > threshold with a kept box ranked above it", EXAMPLES,
          DetectionGens.detections(0, 25), d -> {
            int[] keep = KATA.nms(d.boxes(), d.scores(), d.threshold());
            assertThat(keep).as("nms result for %s", d).isNotNull();
            boolean[] kept = new boolean[d.size()];
            for (int k : keep) {
              assertThat(k).as("kept index in range for %s", d).isBetween(0, d.size() - 1);
              kept[k] = true;
            }
            for (int j = 0; j < d.size(); j++) {
              if (kept[j]) {
                continue;
              }
              int dropped = j;
              boolean explained = Arrays.stream(keep).anyMatch(i -> ranksAbove(d.scores(), i, dropped)
                  && oracleIou(d.boxes()[i], d.boxes()[dropped]) > d.threshold());
              assertThat(explained)
                  .as("property 'dropped box %d overlaps, with IoU > threshold, a kept box of higher score "
                      + "(or equal score and lower index)' for %s (kept %s)", dropped, d, Arrays.toString(keep))
                  .isTrue();
            }
          });
    }

    @Test
    void kept_indices_come_out_by_descending_score_then_ascending_index() {
      Props.check("output ordered by score descending, ties by index", EXAMPLES, DetectionGens.detections(0, 25), d -> {
        int[] keep = KATA.nms(d.boxes(), d.scores(), d.threshold());
        assertThat(keep).as("nms result for %s", d).isNotNull();
        for (int k = 1; k < keep.length; k++) {
          assertThat(ranksAbove(d.scores(), keep[k - 1], keep[k]))
              .as("property 'kept[%d] = %d ranks above kept[%d] = %d' for %s (kept %s)",
                  k - 1, keep[k - 1], k, keep[k], d, Arrays.toString(keep))
              .isTrue();
        }
      });
    }

    @Test
    void nms_of_the_kept_boxes_keeps_them_all() {
      Props.check("NMS is idempotent", EXAMPLES, DetectionGens.detections(0, 25), d -> {
        int[] keep = KATA.nms(d.boxes(), d.scores(), d.threshold());
        assertThat(keep).as("nms result for %s", d).isNotNull();
        double[][] boxes = Arrays.stream(keep).mapToObj(k -> d.boxes()[k]).toArray(double[][]::new);
        double[] scores = Arrays.stream(keep).mapToDouble(k -> d.scores()[k]).toArray();
        assertThat(KATA.nms(boxes, scores, d.threshold()))
            .as("property 'nms of the kept boxes %s (in kept order) keeps all of them, in order' for %s",
                Arrays.toString(keep), d)
            .containsExactly(IntStream.range(0, keep.length).toArray());
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void nms_matches_the_reference_on_random_detections() {
      Props.check("nms agrees with the reference solution", EXAMPLES, DetectionGens.detections(0, 40), d ->
          assertThat(KATA.nms(d.boxes(), d.scores(), d.threshold()))
              .as("nms, yours vs the reference, for %s", d)
              .containsExactly(REFERENCE.nms(d.boxes(), d.scores(), d.threshold())));
    }

    @Test
    void pairwise_iou_matches_the_reference_on_random_boxes() {
      Props.check("pairwiseIou agrees with the reference solution", 100, DetectionGens.detections(0, 12), d ->
          assertAllClose("pairwiseIou(boxes, boxes), reference vs yours, for " + d,
              REFERENCE.pairwiseIou(d.boxes(), d.boxes()), KATA.pairwiseIou(d.boxes(), d.boxes()), IOU));
    }
  }

  static double[] box(double x1, double y1, double x2, double y2) {
    return new double[] {x1, y1, x2, y2};
  }

  static void assertNms(String what, double[][] boxes, double[] scores, double threshold, int... expected) {
    assertThat(KATA.nms(boxes, scores, threshold))
        .as("nms of %s: boxes %s, scores %s, iouThreshold %s", what, Arrays.deepToString(boxes),
            Arrays.toString(scores), threshold)
        .containsExactly(expected);
  }

  /** True when box {@code i} is visited before box {@code j}: higher score, or equal score and lower index. */
  static boolean ranksAbove(double[] scores, int i, int j) {
    return scores[i] > scores[j] || (scores[i] == scores[j] && i < j);
  }

  /** The grader's own IoU: overlap lengths per axis, 0 when the union is empty. */
  static double oracleIou(double[] a, double[] b) {
    return oracleIou(new Box(a[0], a[1], a[2], a[3]), new Box(b[0], b[1], b[2], b[3]));
  }

  static double oracleIou(Box a, Box b) {
    double overlapX = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()));
    double overlapY = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()));
    double intersection = overlapX * overlapY;
    double union = a.area() + b.area() - intersection;
    return union == 0 ? 0 : intersection / union;
  }

  static double[] moved(Box b, double dx, double dy) {
    return box(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy);
  }

  static double[] scaled(Box b, double factor) {
    return box(b.x1() * factor, b.y1() * factor, b.x2() * factor, b.y2() * factor);
  }
}

package mlkata.grader.detection;

import static mlkata.grader.detection.NonMaxSuppressionSpec.box;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import mlkata.grader.detection.DetectionGens.Evaluation;
import mlkata.grader.detection.MeanAveragePrecisionApi.Detection;
import mlkata.grader.detection.MeanAveragePrecisionApi.Truth;
import mlkata.grader.support.Efficiency;
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
 * Grades {@code detection/mean-average-precision}.
 *
 * <p>Tolerance: {@link #AP} for an AP or mAP, a mean of 101 precisions (each one exact division of
 * small counts) and possibly of several such means: any summation order agrees to about 1e-15, while
 * the smallest change a matching or interpolation mistake makes is one level's precision difference
 * divided by 101, far above 1e-12. Which detection matches which object is decided by exact
 * comparisons; the random inputs use integer corners, so IoUs are exact and the tie rules are tested.
 */
@KataSpec
@DisplayName("detection/mean-average-precision: Mean average precision (COCO)")
final class MeanAveragePrecisionSpec {
  static final double AP = 1e-12;
  private static final int EXAMPLES = 200;
  private static final double[] HALF = {0.5};

  private static final MeanAveragePrecisionApi KATA =
      Target.pick(new MeanAveragePrecisionOfExercises(), new MeanAveragePrecisionOfSolutions());
  private static final MeanAveragePrecisionApi REFERENCE = new MeanAveragePrecisionOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // TP, FP, TP with 3 objects: levels 0..33 get 1, 34..66 get 2/3, 67..100 get 0.
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10)), truth(1, box(0, 0, 10, 10))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 10, 10)), det(1, 0.8, box(50, 50, 60, 60)),
          det(0, 0.7, box(20, 0, 30, 9))};
      assertAp("the statement example", dets, truths, 0.5, 56.0 / 101);
    }

    @Test
    void there_are_101_recall_levels_not_voc_11_points_or_the_area_under_the_envelope() {
      // The statement example: envelope 1 up to recall 1/3, 2/3 up to recall 2/3, then 0.
      // 101 levels: (34 * 1 + 33 * 2/3) / 101 = 56/101 = 0.5545. VOC's 11 points 0, 0.1, ..., 1 give
      // (4 * 1 + 3 * 2/3) / 11 = 6/11 = 0.5455; the area under the envelope gives 5/9 = 0.5556.
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10)), truth(1, box(0, 0, 10, 10))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 10, 10)), det(1, 0.8, box(50, 50, 60, 60)),
          det(0, 0.7, box(20, 0, 30, 9))};
      assertAp("TP, FP, TP over 3 objects: the mean over the 101 recall levels 0, 0.01, ..., 1 is 56/101 "
          + "(11 VOC points give 6/11, the area under the envelope 5/9)", dets, truths, 0.5, 56.0 / 101);
    }

    @Test
    void perfect_detections_give_one_and_no_detections_give_zero() {
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10)), truth(3, box(1, 1, 4, 4))};
      Detection[] perfect = {det(0, 0.3, box(0, 0, 10, 10)), det(3, 0.9, box(1, 1, 4, 4)), det(0, 0.5, box(20, 0, 30, 10))};
      assertAp("every object found once with its own box", perfect, truths, 0.5, 1.0);
      assertAp("every object found once, threshold 1", perfect, truths, 1.0, 1.0);
      assertAp("no detections at all", new Detection[0], truths, 0.5, 0.0);
    }

    @Test
    void a_second_detection_of_a_found_object_is_a_false_positive() {
      // TP, FP (duplicate of A), TP: recall 1/2, 1/2, 1; precision 1, 1/2, 2/3; envelope 1, 2/3, 2/3.
      // Levels 0..50 get 1, levels 51..100 get 2/3.
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 10, 10)), det(0, 0.8, box(0, 0, 10, 10)), det(0, 0.7, box(20, 0, 30, 10))};
      assertAp("a duplicate detection between two hits", dets, truths, 0.5, (51 + 50 * 2.0 / 3) / 101);
    }

    @Test
    void a_detection_takes_the_best_object_still_unmatched() {
      // d1 takes A (IoU 1). d2's best object is A (IoU 0.9), already taken; B (IoU 60/90) is still free
      // and above 0.5, so d2 matches B. (VOC's rule would count d2 as a false positive.)
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(0, box(0, 0, 10, 6))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 10, 10)), det(0, 0.8, box(0, 0, 10, 9))};
      assertAp("the second detection falls back on the free object", dets, truths, 0.5, 1.0);
    }

    @Test
    void equal_ious_go_to_the_later_object() {
      // d1 [0,0,3,1] has IoU 2/3 with both A [0,0,2,1] and B [1,0,3,1]: pycocotools gives it B, the later
      // object, which leaves A for d2 (IoU 1): AP 1. Giving A to d1 would leave d2 only B (IoU 1/3): AP 51/101.
      Truth[] truths = {truth(0, box(0, 0, 2, 1)), truth(0, box(1, 0, 3, 1))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 3, 1)), det(0, 0.8, box(0, 0, 2, 1))};
      assertAp("an IoU tie between two objects (the later one wins)", dets, truths, 0.5, 1.0);
    }

    @Test
    void equal_scores_go_by_image_then_input_order() {
      // x (image 1) and y (image 0) share score 0.5; image 0 goes first: y (TP), x (FP), z (TP):
      // AP (51 + 50 * 2/3) / 101. Taking x first (input order) would give 2/3.
      Truth[] truths = {truth(0, box(0, 0, 10, 10)), truth(1, box(0, 0, 10, 10))};
      Detection[] dets = {det(1, 0.5, box(40, 40, 50, 50)), det(0, 0.5, box(0, 0, 10, 10)), det(1, 0.4, box(0, 0, 10, 10))};
      assertAp("tied scores in two images (image 0 first)", dets, truths, 0.5, (51 + 50 * 2.0 / 3) / 101);
      // Within one image, tied scores keep input order: the FP comes first here.
      Truth[] one = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10))};
      Detection[] sameImage = {det(0, 0.5, box(40, 40, 50, 50)), det(0, 0.5, box(0, 0, 10, 10)),
          det(0, 0.4, box(20, 0, 30, 10))};
      assertAp("tied scores in one image (input order)", sameImage, one, 0.5, 2.0 / 3);
      // Scores compare by value: -0.0 ties with 0.0, so image 0 (the hit) still goes first.
      Detection[] signedZeros = {det(1, 0.0, box(40, 40, 50, 50)), det(0, -0.0, box(0, 0, 10, 10)),
          det(1, -1.0, box(0, 0, 10, 10))};
      assertAp("scores 0.0 and -0.0 tie (image 0 first)", signedZeros, truths, 0.5, (51 + 50 * 2.0 / 3) / 101);
      Detection[] signedZerosSwapped = {signedZeros[1], signedZeros[0], signedZeros[2]};
      assertAp("scores -0.0 and 0.0 tie, other input order", signedZerosSwapped, truths, 0.5,
          (51 + 50 * 2.0 / 3) / 101);
    }

    @Test
    void recall_levels_are_k_times_0_01_as_numpy_computes_them() {
      // 10 objects: 7 hits, a miss, 3 hits. Recall 7/10 is 0.7 in floating point, below the level
      // 70 * 0.01 = 0.7000000000000001, so level 70 takes the envelope from the next position (10/11).
      // (Levels computed as k / 100.0 would give level 70 the value 1 instead.)
      Truth[] truths = new Truth[10];
      List<Detection> dets = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        truths[k] = truth(0, box(20 * k, 0, 20 * k + 10, 10));
      }
      for (int k = 0; k < 7; k++) {
        dets.add(det(0, 0.9 - 0.01 * k, truths[k].box()));
      }
      dets.add(det(0, 0.5, box(500, 500, 510, 510)));
      for (int k = 7; k < 10; k++) {
        dets.add(det(0, 0.4 - 0.01 * k, truths[k].box()));
      }
      assertAp("recall lands on the level 0.70 exactly (levels are k * 0.01, not k / 100.0)",
          dets.toArray(new Detection[0]), truths, 0.5, (70 + 31 * 10.0 / 11) / 101);
    }

    @Test
    void an_iou_equal_to_the_threshold_matches() {
      // IoU of [0,0,2,1] and [1,0,2,1] is exactly 1/2.
      Truth[] truths = {truth(0, box(1, 0, 2, 1))};
      Detection[] dets = {det(0, 0.9, box(0, 0, 2, 1))};
      assertAp("IoU 0.5 at threshold 0.5 (>= matches)", dets, truths, 0.5, 1.0);
      assertAp("IoU 0.5 at threshold 0.51", dets, truths, 0.51, 0.0);
    }

    @Test
    void only_the_class_asked_for_counts() {
      Truth[] truths = {truth(0, 0, box(0, 0, 10, 10)), truth(0, 1, box(20, 0, 30, 10))};
      Detection[] dets = {det(0, 1, 0.9, box(0, 0, 10, 10)), det(0, 0, 0.8, box(0, 0, 10, 10))};
      assertClose("AP of label 0: its only detection finds its only object", 1.0,
          KATA.averagePrecision(dets, truths, 0, 0.5), AP);
      assertClose("AP of label 1: its detection is on the label-0 object", 0.0,
          KATA.averagePrecision(dets, truths, 1, 0.5), AP);
    }

    @Test
    void map_averages_over_classes_with_objects_and_over_thresholds() {
      // Label 0: perfect. Label 1: one object, found only at IoU 0.5 (IoU of [0,0,2,1] and [1,0,2,1]).
      // Label 2: detections but no object: left out, like pycocotools.
      Truth[] truths = {truth(0, 0, box(0, 0, 10, 10)), truth(1, 1, box(1, 0, 2, 1))};
      Detection[] dets = {det(0, 0, 0.9, box(0, 0, 10, 10)), det(1, 1, 0.8, box(0, 0, 2, 1)),
          det(0, 2, 0.99, box(0, 0, 10, 10)), det(1, 2, 0.7, box(3, 3, 4, 4))};
      assertClose("mAP at {0.5}: labels 0 and 1 both 1, label 2 left out", 1.0,
          KATA.meanAveragePrecision(dets, truths, HALF), AP);
      assertClose("mAP at {0.5, 0.75}: (1 + 1 + 1 + 0) / 4", 0.75,
          KATA.meanAveragePrecision(dets, truths, new double[] {0.5, 0.75}), AP);
    }

    @Test
    void threshold_zero_matches_any_free_object_in_the_same_image() {
      Truth[] truths = {truth(0, box(0, 0, 1, 1))};
      Detection[] dets = {det(0, 0.9, box(5, 5, 6, 6)), det(1, 0.95, box(0, 0, 1, 1))};
      // Image 1 has no object: its detection (ranked first) is a FP. At threshold 0 the disjoint box in
      // image 0 matches (IoU 0 >= 0). Recall 0, 1; precision 0, 1/2; envelope 1/2 everywhere: AP 1/2.
      assertAp("threshold 0", dets, truths, 0.0, 0.5);
      // Zero-area boxes have IoU 0 (pycocotools too), which reaches a threshold of 0 but no other.
      Truth[] point = {truth(0, box(1, 1, 1, 1))};
      Detection[] onPoint = {det(0, 0.9, box(1, 1, 1, 1))};
      assertAp("a zero-area detection on a zero-area object, threshold 0", onPoint, point, 0.0, 1.0);
      assertAp("a zero-area detection on a zero-area object, threshold 0.1", onPoint, point, 0.1, 0.0);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final Truth[] truths = {truth(0, box(0, 0, 1, 1))};
    private final Detection[] dets = {det(0, 0.5, box(0, 0, 1, 1))};

    @Test
    void boxes_must_be_valid() {
      assertRejects("averagePrecision with a 3-value detection box", "detections",
          () -> KATA.averagePrecision(new Detection[] {det(0, 0.5, new double[] {0, 0, 1})}, truths, 0, 0.5));
      assertRejects("averagePrecision with x2 < x1 in a truth", "truths",
          () -> KATA.averagePrecision(dets, new Truth[] {truth(0, box(2, 0, 1, 1))}, 0, 0.5));
      assertRejects("meanAveragePrecision with a NaN coordinate in a truth", "truths",
          () -> KATA.meanAveragePrecision(dets, new Truth[] {truth(0, box(0, 0, 1, Double.NaN))}, HALF));
      assertRejects("meanAveragePrecision with an infinite detection coordinate", "detections",
          () -> KATA.meanAveragePrecision(new Detection[] {det(0, 0.5, box(0, 0, Double.POSITIVE_INFINITY, 1))},
              truths, HALF));
    }

    @Test
    void scores_must_be_finite() {
      assertRejects("averagePrecision with a NaN score", "detections",
          () -> KATA.averagePrecision(new Detection[] {det(0, Double.NaN, box(0, 0, 1, 1))}, truths, 0, 0.5));
      assertRejects("meanAveragePrecision with an infinite score", "detections",
          () -> KATA.meanAveragePrecision(new Detection[] {det(0, Double.NEGATIVE_INFINITY, box(0, 0, 1, 1))},
              truths, HALF));
    }

    @Test
    void thresholds_must_lie_in_zero_to_one() {
      assertRejects("averagePrecision at threshold 1.5", "iouThreshold", () -> KATA.averagePrecision(dets, truths, 0, 1.5));
      assertRejects("averagePrecision at threshold -0.1", "iouThreshold", () -> KATA.averagePrecision(dets, truths, 0, -0.1));
      assertRejects("averagePrecision at threshold NaN", "iouThreshold",
          () -> KATA.averagePrecision(dets, truths, 0, Double.NaN));
      assertRejects("meanAveragePrecision with no thresholds", "iouThresholds",
          () -> KATA.meanAveragePrecision(dets, truths, new double[0]));
      assertRejects("meanAveragePrecision with a threshold of 2", "iouThresholds",
          () -> KATA.meanAveragePrecision(dets, truths, new double[] {0.5, 2}));
    }

    @Test
    void a_class_needs_an_object() {
      assertRejects("averagePrecision of a label with no object", "truths",
          () -> KATA.averagePrecision(dets, truths, 7, 0.5));
      assertRejects("meanAveragePrecision with no objects at all", "truths",
          () -> KATA.meanAveragePrecision(dets, new Truth[0], HALF));
    }

    @Test
    void nulls_are_rejected() {
      assertNullRejected("averagePrecision with null detections", () -> KATA.averagePrecision(null, truths, 0, 0.5));
      assertNullRejected("averagePrecision with null truths", () -> KATA.averagePrecision(dets, null, 0, 0.5));
      assertNullRejected("meanAveragePrecision with null thresholds", () -> KATA.meanAveragePrecision(dets, truths, null));
      assertNullRejected("averagePrecision with a null detection",
          () -> KATA.averagePrecision(new Detection[] {null}, truths, 0, 0.5));
      assertNullRejected("averagePrecision with a null truth box",
          () -> KATA.averagePrecision(dets, new Truth[] {truth(0, null)}, 0, 0.5));
    }

    @Test
    void inputs_are_not_modified() {
      Truth[] t = {truth(0, box(0, 0, 10, 10)), truth(0, box(20, 0, 30, 10)), truth(1, box(0, 0, 10, 10))};
      Detection[] d = {det(1, 0.8, box(50, 50, 60, 60)), det(0, 0.9, box(0, 0, 10, 10)), det(0, 0.7, box(20, 0, 30, 9))};
      Truth[] tCopy = t.clone();
      Detection[] dCopy = d.clone();
      double[] box = d[2].box().clone();
      double[] thresholds = {0.75, 0.5};
      KATA.averagePrecision(d, t, 0, 0.5);
      KATA.meanAveragePrecision(d, t, thresholds);
      assertThat(d).as("detections array after averagePrecision and meanAveragePrecision").containsExactly(dCopy);
      assertThat(t).as("truths array after averagePrecision and meanAveragePrecision").containsExactly(tCopy);
      assertThat(d[2].box()).as("a detection's box").containsExactly(box);
      assertThat(thresholds).as("iouThresholds").containsExactly(0.75, 0.5);
    }
  }

  @Nested
  @DisplayName("golden cases (pycocotools' algorithm)")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("detection/mean-average-precision");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void average_precision_matches_the_golden_case(Goldens.Case c) {
      Detection[] dets = detections(c);
      Truth[] truths = truths(c);
      double[] thresholds = c.input().doubles("iou_thresholds");
      Goldens.Values ap = c.expected().object("ap");
      for (String key : c.expected().raw("ap").getAsJsonObject().keySet()) {
        int label = Integer.parseInt(key);
        double[] expected = ap.doubles(key);
        for (int t = 0; t < thresholds.length; t++) {
          assertClose("averagePrecision of label " + label + " at IoU " + thresholds[t] + ", " + describe(c), expected[t],
              KATA.averagePrecision(dets, truths, label, thresholds[t]), AP);
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mean_average_precision_matches_the_golden_case(Goldens.Case c) {
      assertClose("meanAveragePrecision of " + describe(c), c.expected().number("mean_ap"),
          KATA.meanAveragePrecision(detections(c), truths(c), c.input().doubles("iou_thresholds")), AP);
    }

    private Detection[] detections(Goldens.Case c) {
      return c.input().objects("detections").stream()
          .map(v -> new Detection((int) v.integer("image"), (int) v.integer("label"), v.number("score"), v.doubles("box")))
          .toArray(Detection[]::new);
    }

    private Truth[] truths(Goldens.Case c) {
      return c.input().objects("truths").stream()
          .map(v -> new Truth((int) v.integer("image"), (int) v.integer("label"), v.doubles("box")))
          .toArray(Truth[]::new);
    }

    private String describe(Goldens.Case c) {
      return String.format("golden '%s' (%d detections, %d objects, thresholds %s) vs %s", c.name(),
          c.input().objects("detections").size(), c.input().objects("truths").size(),
          Arrays.toString(c.input().doubles("iou_thresholds")), c.library());
    }
  }

  @Nested
  @DisplayName("properties on random evaluations")
  final class Properties {
    @Test
    void ap_and_map_lie_between_zero_and_one() {
      Props.check("0 <= AP <= 1 and 0 <= mAP <= 1", EXAMPLES, DetectionGens.evaluations(8, 14), e -> {
        for (int label : labels(e)) {
          assertThat(KATA.averagePrecision(e.detections(), e.truths(), label, e.thresholds()[0]))
              .as("property '0 <= AP <= 1' for label %d of %s", label, e).isBetween(0.0, 1.0);
        }
        assertThat(KATA.meanAveragePrecision(e.detections(), e.truths(), e.thresholds()))
            .as("property '0 <= mAP <= 1' for %s", e).isBetween(0.0, 1.0);
      });
    }

    @Test
    void map_is_the_mean_of_the_aps() {
      Props.check("mAP = mean over labels with objects and thresholds of AP", EXAMPLES, DetectionGens.evaluations(8, 14),
          e -> {
            double sum = 0;
            TreeSet<Integer> labels = labels(e);
            for (int label : labels) {
              for (double t : e.thresholds()) {
                sum += KATA.averagePrecision(e.detections(), e.truths(), label, t);
              }
            }
            assertClose("property 'mAP = mean of your APs' for " + e, sum / (labels.size() * e.thresholds().length),
                KATA.meanAveragePrecision(e.detections(), e.truths(), e.thresholds()), AP);
          });
    }

    @Test
    void only_the_ranking_of_scores_matters() {
      Props.check("AP is unchanged when scores go through an increasing map (s -> 3s - 7)", EXAMPLES,
          DetectionGens.evaluations(8, 14), e -> {
            Detection[] moved = Arrays.stream(e.detections())
                .map(d -> new Detection(d.image(), d.label(), 3 * d.score() - 7, d.box())).toArray(Detection[]::new);
            for (int label : labels(e)) {
              assertClose("property 'AP depends on the score ranking only' for label " + label + " of " + e,
                  KATA.averagePrecision(e.detections(), e.truths(), label, e.thresholds()[0]),
                  KATA.averagePrecision(moved, e.truths(), label, e.thresholds()[0]), AP);
            }
          });
    }

    @Test
    void each_object_found_once_with_its_own_box_gives_one() {
      Props.check("AP = 1 when each object (of positive area) is detected once, exactly, and nothing else",
          EXAMPLES, DetectionGens.evaluations(8, 0), e -> {
            Truth[] truths = Arrays.stream(e.truths()).filter(t -> area(t.box()) > 0).toArray(Truth[]::new);
            if (truths.length == 0) {
              return;
            }
            Detection[] perfect = new Detection[truths.length];
            for (int k = 0; k < truths.length; k++) {
              perfect[k] = new Detection(truths[k].image(), truths[k].label(), (k * 7 % 5) / 4.0, truths[k].box());
            }
            Evaluation clean = new Evaluation(perfect, truths, e.thresholds());
            assertClose("property 'perfect detections give mAP 1' for " + clean, 1.0,
                KATA.meanAveragePrecision(perfect, truths, e.thresholds()), AP);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void average_precision_matches_the_reference() {
      Props.check("averagePrecision agrees with the reference solution", EXAMPLES, DetectionGens.evaluations(10, 20),
          e -> {
            for (int label : labels(e)) {
              for (double t : e.thresholds()) {
                assertClose("averagePrecision of label " + label + " at IoU " + t + ", reference vs yours, for " + e,
                    REFERENCE.averagePrecision(e.detections(), e.truths(), label, t),
                    KATA.averagePrecision(e.detections(), e.truths(), label, t), AP);
              }
            }
          });
    }

    @Test
    void mean_average_precision_matches_the_reference() {
      Props.check("meanAveragePrecision agrees with the reference solution", EXAMPLES,
          DetectionGens.evaluations(10, 20), e -> assertClose("meanAveragePrecision, reference vs yours, for " + e,
              REFERENCE.meanAveragePrecision(e.detections(), e.truths(), e.thresholds()),
              KATA.meanAveragePrecision(e.detections(), e.truths(), e.thresholds()), AP));
    }

    @Test
    void average_precision_agrees_with_the_reference_on_the_speed_input() {
      // 10^5 detections on 10^4 images: a per-image grouping or counting mistake that small inputs miss.
      Detection[] dets = speedDetections();
      Truth[] truths = speedTruths();
      assertClose("averagePrecision at IoU 0.5 of the speed input (10^5 detections on 10^4 images), reference vs yours",
          REFERENCE.averagePrecision(dets, truths, 0, 0.5), KATA.averagePrecision(dets, truths, 0, 0.5), AP);
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void ten_thousand_images_take_at_most_20x_the_reference() {
      // 10^4 images with 5 objects and 10 detections each: grouping by image costs 5 * 10^5 IoUs,
      // matching every detection against every object costs 5 * 10^9.
      Detection[] dets = speedDetections();
      Truth[] truths = speedTruths();
      Efficiency.assertWithinRatio("averagePrecision of 10^5 detections on 10^4 images",
          () -> REFERENCE.averagePrecision(dets, truths, 0, 0.5), () -> KATA.averagePrecision(dets, truths, 0, 0.5), 20);
    }
  }

  private static final int SPEED_IMAGES = 10_000;

  /** The speed input's objects: 5 per image, side by side. */
  private static Truth[] speedTruths() {
    Truth[] truths = new Truth[SPEED_IMAGES * 5];
    for (int i = 0; i < SPEED_IMAGES; i++) {
      for (int k = 0; k < 5; k++) {
        truths[i * 5 + k] = truth(i, box(20 * k, 0, 20 * k + 10, 10));
      }
    }
    return truths;
  }

  /** The speed input's detections: 10 per image at random offsets and scores, from a fixed seed. */
  private static Detection[] speedDetections() {
    Detection[] dets = new Detection[SPEED_IMAGES * 10];
    java.util.Random random = new java.util.Random(20261125L);
    for (int i = 0; i < SPEED_IMAGES; i++) {
      for (int k = 0; k < 10; k++) {
        double x = random.nextInt(100);
        dets[i * 10 + k] = det(i, random.nextDouble(), box(x, 0, x + 10, 10));
      }
    }
    return dets;
  }

  private static Truth truth(int image, double[] box) {
    return new Truth(image, 0, box);
  }

  private static Truth truth(int image, int label, double[] box) {
    return new Truth(image, label, box);
  }

  private static Detection det(int image, double score, double[] box) {
    return new Detection(image, 0, score, box);
  }

  private static Detection det(int image, int label, double score, double[] box) {
    return new Detection(image, label, score, box);
  }

  private static double area(double[] b) {
    return (b[2] - b[0]) * (b[3] - b[1]);
  }

  private static TreeSet<Integer> labels(Evaluation e) {
    TreeSet<Integer> labels = new TreeSet<>();
    for (Truth t : e.truths()) {
      labels.add(t.label());
    }
    return labels;
  }

  private static void assertAp(String what, Detection[] dets, Truth[] truths, double threshold, double expected) {
    assertClose(String.format("averagePrecision of %s at IoU %s: detections %s, truths %s", what, threshold,
        Arrays.toString(dets), Arrays.toString(truths)), expected, KATA.averagePrecision(dets, truths, 0, threshold), AP);
  }
}

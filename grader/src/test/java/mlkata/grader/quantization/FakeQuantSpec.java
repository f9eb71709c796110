package mlkata.grader.quantization;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.KataAssertions.assertRejectsNamingAnyOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mlkata.grader.quantization.FakeQuantApi.Dtype;
import mlkata.grader.quantization.FakeQuantApi.QParams;
import mlkata.grader.quantization.FakeQuantApi.QScheme;
import mlkata.grader.quantization.FakeQuantApi.Range;
import mlkata.grader.quantization.FakeQuantGens.Batches;
import mlkata.grader.quantization.FakeQuantGens.Grid;
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
 * Grades {@code quantization/fake-quant}: PyTorch's {@code fake_quantize_per_tensor_affine}, its
 * straight-through gradient, MinMaxObserver, MovingAverageMinMaxObserver and {@code calculate_qparams}.
 *
 * <p>Outputs are grid points {@code k * scale}, compared with {@link #OUTPUT}; gradients are either
 * {@code dy} or zero and compared with {@link #GRADIENT}; observer ranges with {@link #RANGE} and scales
 * with {@link #SCALE}; zero points exactly. The straight-through estimator is not the derivative of the
 * staircase (which is zero almost everywhere), so the finite-difference group checks it against the
 * function it is the gradient of: the clamp without the rounding, {@code clamp(x, lo, hi)}, at points a
 * full step away from the ends of the grid, where the two masks agree.
 */
@KataSpec
@DisplayName("quantization/fake-quant: Fake quantization and the straight-through estimator")
final class FakeQuantSpec {
  /** An output is one product of an integer below 2^11 and the scale: a few ulps, relative above 1. */
  static final double OUTPUT = 1e-12;
  /** A gradient is a copy of dy or zero: any difference is a wrong mask, so only rounding is allowed. */
  static final double GRADIENT = 1e-15;
  /** A moving-average end is a handful of float64 operations on values up to 1e3: a few ulps. */
  static final double RANGE = 1e-12;
  /** A scale is one subtraction and one division (or EPS): a few ulps, compared relative above 1. */
  static final double SCALE = 1e-12;
  /** Step of the central differences of the clamp surrogate; it is piecewise linear, so exact away from kinks. */
  static final double FD_STEP = 1e-6;
  /** The surrogate is linear near each test point, so differences are exact up to rounding of x / h. */
  static final double FD_TOLERANCE = 1e-6;
  /** The float32 machine epsilon, 2^-23. */
  static final double EPS = 0x1.0p-23;
  private static final int EXAMPLES = 300;

  private static final FakeQuantApi KATA = Target.pick(new FakeQuantOfExercises(), new FakeQuantOfSolutions());
  private static final FakeQuantApi REFERENCE = new FakeQuantOfSolutions();
  private static final Range EMPTY = FakeQuantApi.EMPTY;

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      double[] x = {0.3, 0.75, 1.25, 1.6, 1.75, -2.2};
      // Quotients 0.6, 1.5, 2.5, 3.2, 3.5, -4.4 round to 1, 2, 2, 3, 4, -4; 4 clamps to 3; times 0.5.
      assertOutputs("fakeQuantize(" + Arrays.toString(x) + ", scale 0.5, zero point 0, [-4, 3]): quotients 0.6, 1.5, "
          + "2.5, 3.2, 3.5, -4.4 round half to even to 1, 2, 2, 3, 4, -4, and 4 clamps to 3",
          new double[] {0.5, 1.0, 1.0, 1.5, 1.5, -2.0}, KATA.fakeQuantize(x, 0.5, 0, -4, 3));
      // Only the level 4 lies outside [-4, 3].
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(x) + ", dy ones, scale 0.5, zero point 0, [-4, 3])",
          new double[] {1, 1, 1, 1, 0, 1}, KATA.fakeQuantizeBackward(x, ones(6), 0.5, 0, -4, 3));
      Range r = KATA.observeMinMax(EMPTY, new double[] {-1, 3});
      assertRange("observeMinMax(EMPTY_RANGE, [-1, 3])", new Range(-1, 3), r);
      // scale 4/255; zp = 0 - rint(-1 / (4/255)) = -rint(-63.75) = 64.
      assertParams("calculateQParams((-1, 3), QUINT8, PER_TENSOR_AFFINE)", 4.0 / 255, 64,
          KATA.calculateQParams(new Range(-1, 3), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
      // -1 + 0.01 * (-2 - (-1)) = -1.01; 3 + 0.01 * (1 - 3) = 2.98.
      assertRange("observeMovingAverage((-1, 3), [-2, 1], 0.01)", new Range(-1.01, 2.98),
          KATA.observeMovingAverage(new Range(-1, 3), new double[] {-2, 1}, 0.01));
    }

    @Test
    void rounding_is_half_to_even() {
      double[] x = {0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5};
      // rint: 0, 2, 2, 4, -0, -2, -2. Math.round would give 1, 2, 3, 4, 0, -1, -2.
      assertOutputs("fakeQuantize(" + Arrays.toString(x) + ", scale 1, zero point 0, [-128, 127]): half-way "
              + "quotients go to the even level (Math.round rounds half up; use Math.rint)",
          new double[] {0, 2, 2, 4, 0, -2, -2}, KATA.fakeQuantize(x, 1, 0, -128, 127));
      double[] quarters = {0.125, 0.375, -0.375};
      // Quotients 0.5, 1.5, -1.5 at scale 0.25: levels 0, 2, -2.
      assertOutputs("fakeQuantize(" + Arrays.toString(quarters) + ", scale 0.25, zero point 0, [-8, 7])",
          new double[] {0, 0.5, -0.5}, KATA.fakeQuantize(quarters, 0.25, 0, -8, 7));
    }

    @Test
    void the_zero_point_is_added_after_rounding_and_removed_before_scaling() {
      double[] x = {2.5, -0.5, 1.2};
      // rint(2.5) + 3 = 5 -> (5 - 3) * 1 = 2, whereas rint(2.5 + 3) = 6 would give 3; rint(-0.5) + 3 = 3 -> 0.
      assertOutputs("fakeQuantize(" + Arrays.toString(x) + ", scale 1, zero point 3, [0, 15])",
          new double[] {2, 0, 1}, KATA.fakeQuantize(x, 1, 3, 0, 15));
      // Zero point 3 on [0, 15]: the grid is [-3, 12] in real units; -5 clamps to -3, 20 to 12.
      double[] far = {-5, 20};
      assertOutputs("fakeQuantize(" + Arrays.toString(far) + ", scale 1, zero point 3, [0, 15]): the grid is "
          + "[(0 - 3) * 1, (15 - 3) * 1]", new double[] {-3, 12}, KATA.fakeQuantize(far, 1, 3, 0, 15));
    }

    @Test
    void the_output_is_dequantized_not_the_integer_level() {
      double[] x = {1.0, -0.75};
      // Levels 4 + 2 = 6 and -3 + 2 = -1 at scale 0.25, zero point 2: dequantized 1.0 and -0.75.
      assertOutputs("fakeQuantize(" + Arrays.toString(x) + ", scale 0.25, zero point 2, [-8, 7]): the "
          + "result is (q - zeroPoint) * scale, a real value", new double[] {1.0, -0.75},
          KATA.fakeQuantize(x, 0.25, 2, -8, 7));
    }

    @Test
    void the_gradient_mask_tests_the_rounded_level() {
      double[] x = {127.4, 127.5, 127.6, -128.4, -128.5, -128.6};
      // Levels 127, 128, 128, -128, -128, -129: 128 and -129 are out of [-128, 127]. A mask on the real
      // value (x <= 127, x >= -128) would stop 127.4 and -128.4 and pass nothing beyond.
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(x) + ", dy ones, scale 1, zero point 0, [-128, 127])",
          new double[] {1, 0, 0, 1, 1, 0}, KATA.fakeQuantizeBackward(x, ones(6), 1, 0, -128, 127));
    }

    @Test
    void both_ends_of_the_grid_pass_the_gradient() {
      double[] x = {-4, 3, -4.5, 3.4};
      // Levels -4, 3, -4 (rint(-4.5) = -4), 3: all inside [-4, 3] inclusive.
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(x) + ", dy = [2, -3, 0.5, 7], scale 1, zero point 0, "
          + "[-4, 3])", new double[] {2, -3, 0.5, 7}, KATA.fakeQuantizeBackward(x, new double[] {2, -3, 0.5, 7}, 1, 0,
              -4, 3));
    }

    @Test
    void the_gradient_passes_unscaled_and_uses_the_zero_point() {
      double[] x = {0.0, -0.9, -1.1, 2.0};
      // Scale 0.5, zero point 2, [0, 15]: levels 2, 2 + rint(-1.8) = 0, 2 + rint(-2.2) = 0, 2 + 4 = 6: all pass,
      // and dx = dy (not dy * scale, not dy / scale).
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(x) + ", dy = [3, 3, 3, 3], scale 0.5, zero point 2, "
          + "[0, 15])", new double[] {3, 3, 3, 3}, KATA.fakeQuantizeBackward(x, new double[] {3, 3, 3, 3}, 0.5, 2, 0, 15));
      double[] y = {-1.3, 6.8};
      // Levels 2 + rint(-2.6) = -1 (out) and 2 + rint(13.6) = 16 (out).
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(y) + ", dy = [3, 3], scale 0.5, zero point 2, [0, 15])",
          new double[] {0, 0}, KATA.fakeQuantizeBackward(y, new double[] {3, 3}, 0.5, 2, 0, 15));
    }

    @Test
    void infinities_saturate_and_get_no_gradient() {
      double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1};
      assertOutputs("fakeQuantize([+Infinity, -Infinity, 1], scale 0.5, zero point 1, [-3, 3])",
          new double[] {1.0, -2.0, 1.0}, KATA.fakeQuantize(x, 0.5, 1, -3, 3));
      assertGradients("fakeQuantizeBackward([+Infinity, -Infinity, 1], dy ones, scale 0.5, zero point 1, [-3, 3])",
          new double[] {0, 0, 1}, KATA.fakeQuantizeBackward(x, ones(3), 0.5, 1, -3, 3));
    }

    @Test
    void empty_inputs_give_empty_outputs() {
      assertThat(KATA.fakeQuantize(new double[0], 1, 0, -128, 127)).as("fakeQuantize of []").isEmpty();
      assertThat(KATA.fakeQuantizeBackward(new double[0], new double[0], 1, 0, -128, 127))
          .as("fakeQuantizeBackward of []").isEmpty();
    }

    @Test
    void the_min_max_observer_keeps_the_running_extremes() {
      Range r = KATA.observeMinMax(EMPTY, new double[] {2, 5, 3});
      assertRange("observeMinMax(EMPTY_RANGE, [2, 5, 3])", new Range(2, 5), r);
      r = KATA.observeMinMax(r, new double[] {4, 1});
      assertRange("observeMinMax((2, 5), [4, 1]): the minimum moves, the maximum stays", new Range(1, 5), r);
      r = KATA.observeMinMax(r, new double[] {3});
      assertRange("observeMinMax((1, 5), [3]): nothing new", new Range(1, 5), r);
    }

    @Test
    void the_first_moving_average_batch_initialises_the_range() {
      // Not 0.01 of the way from (+inf, -inf), and not from (0, 0): the batch's own range.
      assertRange("observeMovingAverage(EMPTY_RANGE, [-4, 6, 2], 0.01)", new Range(-4, 6),
          KATA.observeMovingAverage(EMPTY, new double[] {-4, 6, 2}, 0.01));
    }

    @Test
    void later_moving_average_batches_move_each_end_by_the_constant() {
      // min: -4 + 0.25 * (0 - (-4)) = -3; max: 6 + 0.25 * (10 - 6) = 7. Weighting the old value by 0.25
      // instead would give -1 and 9.
      assertRange("observeMovingAverage((-4, 6), [0, 10, 5], 0.25)", new Range(-3, 7),
          KATA.observeMovingAverage(new Range(-4, 6), new double[] {0, 10, 5}, 0.25));
      // The batch's own min and max, not the running min and max: 6 + 0.5 * (2 - 6) = 4 (not 6).
      assertRange("observeMovingAverage((-4, 6), [-1, 2], 0.5): the maximum moves down towards the batch's",
          new Range(-2.5, 4), KATA.observeMovingAverage(new Range(-4, 6), new double[] {-1, 2}, 0.5));
    }

    @Test
    void an_empty_batch_leaves_the_state_unchanged() {
      assertRange("observeMinMax((-1, 2), [])", new Range(-1, 2), KATA.observeMinMax(new Range(-1, 2), new double[0]));
      assertRange("observeMovingAverage((-1, 2), [], 0.01)", new Range(-1, 2),
          KATA.observeMovingAverage(new Range(-1, 2), new double[0], 0.01));
      assertThat(KATA.observeMovingAverage(EMPTY, new double[0], 0.01))
          .as("observeMovingAverage(EMPTY_RANGE, [], 0.01): still empty, so the next batch initialises").isEqualTo(EMPTY);
      assertThat(KATA.observeMinMax(EMPTY, new double[0])).as("observeMinMax(EMPTY_RANGE, [])").isEqualTo(EMPTY);
    }

    @Test
    void nothing_observed_gives_scale_one_and_zero_point_zero() {
      for (Dtype d : Dtype.values()) {
        for (QScheme s : QScheme.values()) {
          assertParams("calculateQParams(EMPTY_RANGE, " + d + ", " + s + "): PyTorch's defaults", 1.0, 0,
              KATA.calculateQParams(EMPTY, d, s));
        }
      }
    }

    @Test
    void the_range_is_widened_to_include_zero() {
      // [2, 10] becomes [0, 10]: scale 10/255, real zero at the lowest level.
      assertParams("calculateQParams((2, 10), QUINT8, PER_TENSOR_AFFINE)", 10.0 / 255, 0,
          KATA.calculateQParams(new Range(2, 10), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
      assertParams("calculateQParams((2, 10), QINT8, PER_TENSOR_AFFINE)", 10.0 / 255, -128,
          KATA.calculateQParams(new Range(2, 10), Dtype.QINT8, QScheme.PER_TENSOR_AFFINE));
      // [-10, -2] becomes [-10, 0]: real zero at the highest level.
      assertParams("calculateQParams((-10, -2), QINT8, PER_TENSOR_AFFINE)", 10.0 / 255, 127,
          KATA.calculateQParams(new Range(-10, -2), Dtype.QINT8, QScheme.PER_TENSOR_AFFINE));
    }

    @Test
    void symmetric_zero_points_are_zero_for_qint8_and_128_for_quint8() {
      // max(|-0.5|, 3) / 127.5 = 3 / 127.5.
      assertParams("calculateQParams((-0.5, 3), QUINT8, PER_TENSOR_SYMMETRIC)", 3 / 127.5, 128,
          KATA.calculateQParams(new Range(-0.5, 3), Dtype.QUINT8, QScheme.PER_TENSOR_SYMMETRIC));
      assertParams("calculateQParams((-6, 3), QINT8, PER_TENSOR_SYMMETRIC)", 6 / 127.5, 0,
          KATA.calculateQParams(new Range(-6, 3), Dtype.QINT8, QScheme.PER_TENSOR_SYMMETRIC));
      assertParams("calculateQParams((1, 3), QUINT8, PER_TENSOR_SYMMETRIC)", 3 / 127.5, 128,
          KATA.calculateQParams(new Range(1, 3), Dtype.QUINT8, QScheme.PER_TENSOR_SYMMETRIC));
    }

    @Test
    void the_affine_zero_point_rounds_half_to_even_and_clamps() {
      // width 127.5 -> scale 0.5, min' / scale = -127.5 -> rint -128: zp = 0 + 128 (QUINT8), -128 + 128 (QINT8).
      assertParams("calculateQParams((-63.75, 63.75), QUINT8, PER_TENSOR_AFFINE)", 0.5, 128,
          KATA.calculateQParams(new Range(-63.75, 63.75), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
      // min' / scale = -125.5 -> rint -126: zp 126 (QUINT8).
      assertParams("calculateQParams((-62.75, 64.75), QUINT8, PER_TENSOR_AFFINE)", 0.5, 126,
          KATA.calculateQParams(new Range(-62.75, 64.75), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
    }

    @Test
    void a_point_range_at_zero_falls_back_to_the_float32_epsilon() {
      assertParams("calculateQParams((0, 0), QUINT8, PER_TENSOR_AFFINE)", EPS, 0,
          KATA.calculateQParams(new Range(0, 0), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
      assertParams("calculateQParams((0, 0), QINT8, PER_TENSOR_SYMMETRIC)", EPS, 0,
          KATA.calculateQParams(new Range(0, 0), Dtype.QINT8, QScheme.PER_TENSOR_SYMMETRIC));
      assertParams("calculateQParams((-1e-9, 1e-9), QINT8, PER_TENSOR_AFFINE)", EPS, -128,
          KATA.calculateQParams(new Range(-1e-9, 1e-9), Dtype.QINT8, QScheme.PER_TENSOR_AFFINE));
    }

    @Test
    void a_grid_of_one_level_is_allowed() {
      double[] x = {5, -3, 0.2};
      // quantMin = quantMax = zeroPoint = 2: every value maps to level 2, real 0; only rint(0.2) + 2 = 2 is in range.
      assertOutputs("fakeQuantize(" + Arrays.toString(x) + ", scale 1, zero point 2, [2, 2])", new double[] {0, 0, 0},
          KATA.fakeQuantize(x, 1, 2, 2, 2));
      assertGradients("fakeQuantizeBackward(" + Arrays.toString(x) + ", dy ones, scale 1, zero point 2, [2, 2]): "
          + "the mask tests the rounded level rint(0.2) + 2 = 2, which is inside [2, 2]; x / scale + zeroPoint = 2.2 "
          + "is not",
          new double[] {0, 0, 1}, KATA.fakeQuantizeBackward(x, ones(3), 1, 2, 2, 2));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void the_grid_must_be_valid() {
      double[] x = {1};
      assertRejects("fakeQuantize with scale 0", "scale", () -> KATA.fakeQuantize(x, 0, 0, -128, 127));
      assertRejects("fakeQuantize with scale -1", "scale", () -> KATA.fakeQuantize(x, -1, 0, -128, 127));
      assertRejects("fakeQuantize with scale NaN", "scale", () -> KATA.fakeQuantize(x, Double.NaN, 0, -128, 127));
      assertRejects("fakeQuantize with scale +Infinity", "scale",
          () -> KATA.fakeQuantize(x, Double.POSITIVE_INFINITY, 0, -128, 127));
      assertRejectsNamingAnyOf("fakeQuantize with quantMin 5 > quantMax 4", () -> KATA.fakeQuantize(x, 1, 4, 5, 4),
          "quantMin", "quantMax");
      assertRejects("fakeQuantize with zero point 128 outside [-128, 127]", "zeroPoint",
          () -> KATA.fakeQuantize(x, 1, 128, -128, 127));
      assertRejects("fakeQuantize with zero point -1 outside [0, 255]", "zeroPoint",
          () -> KATA.fakeQuantize(x, 1, -1, 0, 255));
      assertRejects("fakeQuantizeBackward with scale 0", "scale",
          () -> KATA.fakeQuantizeBackward(x, x, 0, 0, -128, 127));
      assertRejects("fakeQuantizeBackward with zero point 16 outside [0, 15]", "zeroPoint",
          () -> KATA.fakeQuantizeBackward(x, x, 1, 16, 0, 15));
      assertRejectsNamingAnyOf("fakeQuantizeBackward with quantMin 1 > quantMax 0",
          () -> KATA.fakeQuantizeBackward(x, x, 1, 0, 1, 0), "quantMin", "quantMax");
    }

    @Test
    void nan_values_and_bad_gradients_are_rejected() {
      assertRejects("fakeQuantize of [1, NaN]", "x", () -> KATA.fakeQuantize(new double[] {1, Double.NaN}, 1, 0, -8, 7));
      assertRejects("fakeQuantizeBackward at x = [NaN]", "x",
          () -> KATA.fakeQuantizeBackward(new double[] {Double.NaN}, new double[] {1}, 1, 0, -8, 7));
      assertRejects("fakeQuantizeBackward with dy shorter than x", "dy",
          () -> KATA.fakeQuantizeBackward(new double[] {1, 2}, new double[] {1}, 1, 0, -8, 7));
      assertRejects("fakeQuantizeBackward with dy = [Infinity]", "dy",
          () -> KATA.fakeQuantizeBackward(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, 1, 0, -8, 7));
      assertRejects("fakeQuantizeBackward with dy = [NaN] at an out-of-range x", "dy",
          () -> KATA.fakeQuantizeBackward(new double[] {100}, new double[] {Double.NaN}, 1, 0, -8, 7));
    }

    @Test
    void observers_reject_non_finite_values_and_bad_states() {
      assertRejects("observeMinMax of [1, Infinity]", "x",
          () -> KATA.observeMinMax(EMPTY, new double[] {1, Double.POSITIVE_INFINITY}));
      assertRejects("observeMovingAverage of [NaN]", "x",
          () -> KATA.observeMovingAverage(new Range(0, 1), new double[] {Double.NaN}, 0.01));
      assertRejects("observeMovingAverage from (NaN, 1)", "range",
          () -> KATA.observeMovingAverage(new Range(Double.NaN, 1), new double[] {2}, 0.01));
      assertRejects("observeMinMax from (-Infinity, 1)", "range",
          () -> KATA.observeMinMax(new Range(Double.NEGATIVE_INFINITY, 1), new double[] {2}));
      assertRejects("calculateQParams of (+Infinity, 0): only (+Infinity, -Infinity) is the empty range", "range",
          () -> KATA.calculateQParams(new Range(Double.POSITIVE_INFINITY, 0), Dtype.QINT8, QScheme.PER_TENSOR_AFFINE));
      assertRejects("calculateQParams of (0, NaN)", "range",
          () -> KATA.calculateQParams(new Range(0, Double.NaN), Dtype.QINT8, QScheme.PER_TENSOR_SYMMETRIC));
      assertRejects("calculateQParams of (-1e308, 1e308): max' - min' overflows", "range",
          () -> KATA.calculateQParams(new Range(-1e308, 1e308), Dtype.QUINT8, QScheme.PER_TENSOR_AFFINE));
      assertRejects("observeMovingAverage from (+Infinity, +Infinity)", "range",
          () -> KATA.observeMovingAverage(new Range(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
              new double[] {2}, 0.01));
    }

    @Test
    void the_averaging_constant_lies_in_zero_to_one() {
      for (double c : new double[] {0, -0.1, 1.5, Double.NaN}) {
        assertRejects("observeMovingAverage with averagingConstant " + c, "averagingConstant",
            () -> KATA.observeMovingAverage(new Range(0, 1), new double[] {2}, c));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("fakeQuantize of null", () -> KATA.fakeQuantize(null, 1, 0, -8, 7));
      assertNullRejected("fakeQuantizeBackward with null dy", () -> KATA.fakeQuantizeBackward(new double[] {1}, null, 1, 0, -8, 7));
      assertNullRejected("fakeQuantizeBackward with null x", () -> KATA.fakeQuantizeBackward(null, new double[] {1}, 1, 0, -8, 7));
      assertNullRejected("observeMinMax with a null range", () -> KATA.observeMinMax(null, new double[] {1}));
      assertNullRejected("observeMinMax of null", () -> KATA.observeMinMax(EMPTY, null));
      assertNullRejected("observeMovingAverage of null", () -> KATA.observeMovingAverage(EMPTY, null, 0.01));
      assertNullRejected("observeMovingAverage with a null range", () -> KATA.observeMovingAverage(null, new double[] {1}, 0.01));
      assertNullRejected("calculateQParams with a null range", () -> KATA.calculateQParams(null, Dtype.QINT8,
          QScheme.PER_TENSOR_AFFINE));
      assertNullRejected("calculateQParams with a null dtype", () -> KATA.calculateQParams(new Range(0, 1), null,
          QScheme.PER_TENSOR_AFFINE));
      assertNullRejected("calculateQParams with a null qscheme", () -> KATA.calculateQParams(new Range(0, 1),
          Dtype.QINT8, null));
    }

    @Test
    void inputs_are_not_modified() {
      double[] x = {-1.5, 0.3, 2.5, 7};
      double[] dy = {1, -2, 3, 0.5};
      double[] xCopy = x.clone();
      double[] dyCopy = dy.clone();
      KATA.fakeQuantize(x, 0.5, 1, -4, 3);
      KATA.fakeQuantizeBackward(x, dy, 0.5, 1, -4, 3);
      KATA.observeMinMax(new Range(0, 1), x);
      KATA.observeMovingAverage(new Range(0, 1), x, 0.1);
      assertThat(x).as("x after every method").containsExactly(xCopy);
      assertThat(dy).as("dy after fakeQuantizeBackward").containsExactly(dyCopy);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> forwardCases() {
      return Goldens.cases("quantization/fake-quant").stream()
          .filter(c -> c.input().string("kind").equals("forward")).toList();
    }

    static List<Goldens.Case> observerCases() {
      return Goldens.cases("quantization/fake-quant").stream()
          .filter(c -> c.input().string("kind").equals("observer")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardCases")
    void fake_quantize_matches_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      double[] x = in.doubles("x");
      String what = "fakeQuantize of golden '" + c.name() + "' (x " + abbreviate(x) + ", scale " + in.number("scale")
          + ", zero point " + in.integer("zero_point") + ", [" + in.integer("quant_min") + ", " + in.integer("quant_max")
          + "]) vs " + c.library();
      assertOutputs(what, c.expected().doubles("y"), KATA.fakeQuantize(x, in.number("scale"),
          (int) in.integer("zero_point"), (int) in.integer("quant_min"), (int) in.integer("quant_max")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardCases")
    void the_straight_through_gradient_matches_pytorch_autograd(Goldens.Case c) {
      Goldens.Values in = c.input();
      double[] x = in.doubles("x");
      String what = "fakeQuantizeBackward of golden '" + c.name() + "' (x " + abbreviate(x) + ", dy "
          + abbreviate(in.doubles("dy")) + ", scale " + in.number("scale") + ", zero point " + in.integer("zero_point")
          + ", [" + in.integer("quant_min") + ", " + in.integer("quant_max") + "]) vs " + c.library();
      assertGradients(what, c.expected().doubles("dx"), KATA.fakeQuantizeBackward(x, in.doubles("dy"),
          in.number("scale"), (int) in.integer("zero_point"), (int) in.integer("quant_min"),
          (int) in.integer("quant_max")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("observerCases")
    void observers_and_their_qparams_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      boolean movingAverage = in.string("observer").equals("moving_average");
      double constant = in.number("averaging_constant");
      Dtype dtype = Dtype.valueOf(in.string("dtype"));
      QScheme qscheme = QScheme.valueOf(in.string("qscheme"));
      List<Goldens.Values> steps = c.expected().objects("steps");
      Range r = EMPTY;
      List<String> seen = new ArrayList<>();
      for (int k = 0; k < steps.size(); k++) {
        if (k > 0) {
          double[] batch = batch(in, k - 1);
          seen.add(Arrays.toString(batch));
          r = movingAverage ? KATA.observeMovingAverage(r, batch, constant) : KATA.observeMinMax(r, batch);
        }
        Goldens.Values step = steps.get(k);
        String what = "golden '" + c.name() + "' vs " + c.library() + ": " + (movingAverage
            ? "moving-average observer (constant " + constant + ")" : "min-max observer") + " after batches " + seen;
        assertRange(what, new Range(step.number("min"), step.number("max")), r);
        assertParams(what + ", calculateQParams(" + r + ", " + dtype + ", " + qscheme + ")", step.number("scale"),
            (int) step.integer("zero_point"), KATA.calculateQParams(r, dtype, qscheme));
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void outputs_lie_on_the_grid_inside_its_ends() {
      Props.check("fakeQuantize(x) = k * scale for an integer k in [quantMin - zp, quantMax - zp]", EXAMPLES,
          FakeQuantGens.grids(30), g -> {
            double[] y = KATA.fakeQuantize(g.x(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax());
            assertThat(y).as("property 'one output per value' for %s", g).hasSize(g.x().length);
            for (int i = 0; i < y.length; i++) {
              double k = Math.rint(y[i] / g.scale());
              assertNear("property 'on the grid' for " + g + " at x = " + g.x()[i], k * g.scale(), y[i], OUTPUT);
              assertThat(k).as("property 'inside the grid' for %s at x = %s", g, g.x()[i])
                  .isBetween((double) g.quantMin() - g.zeroPoint(), (double) g.quantMax() - g.zeroPoint());
            }
          });
    }

    @Test
    void fake_quantization_is_idempotent_and_within_half_a_step_inside_the_grid() {
      Props.check("fakeQuantize(fakeQuantize(x)) = fakeQuantize(x), and |y - x| <= scale / 2 inside the grid",
          EXAMPLES, FakeQuantGens.grids(30), g -> {
            double[] y = KATA.fakeQuantize(g.x(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax());
            assertNear(() -> "property 'idempotent' for " + g, y,
                KATA.fakeQuantize(y, g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax()), OUTPUT);
            double lo = (g.quantMin() - g.zeroPoint()) * g.scale();
            double hi = (g.quantMax() - g.zeroPoint()) * g.scale();
            for (int i = 0; i < y.length; i++) {
              if (g.x()[i] >= lo && g.x()[i] <= hi) {
                assertThat(Math.abs(y[i] - g.x()[i])).as("property 'half a step' for %s at x = %s", g, g.x()[i])
                    .isLessThanOrEqualTo(g.scale() * (0.5 + 1e-9));
              }
            }
          });
    }

    @Test
    void the_gradient_is_dy_or_zero_and_zero_only_where_the_output_saturates() {
      Props.check("dx[i] is dy[i] or 0, and 0 only where y[i] is an end of the grid", EXAMPLES, FakeQuantGens.grids(30),
          g -> {
            double[] y = KATA.fakeQuantize(g.x(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax());
            double[] dx = KATA.fakeQuantizeBackward(g.x(), g.dy(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax());
            assertThat(dx).as("property 'one gradient per value' for %s", g).hasSize(g.x().length);
            double lo = (g.quantMin() - g.zeroPoint()) * g.scale();
            double hi = (g.quantMax() - g.zeroPoint()) * g.scale();
            for (int i = 0; i < dx.length; i++) {
              assertThat(dx[i] == g.dy()[i] || dx[i] == 0).as("property 'dy or 0' for %s at x = %s: dx = %s", g,
                  g.x()[i], dx[i]).isTrue();
              if (dx[i] == 0 && g.dy()[i] != 0) {
                assertThat(y[i] == lo || y[i] == hi).as("property 'a stopped gradient means a clamped output' for %s "
                    + "at x = %s: y = %s, grid ends %s and %s", g, g.x()[i], y[i], lo, hi).isTrue();
              }
            }
          });
    }

    @Test
    void the_min_max_observer_sees_the_extremes_of_all_batches() {
      Props.check("observeMinMax over batches = (min, max) of their concatenation", EXAMPLES, FakeQuantGens.batches(),
          b -> {
            Range r = EMPTY;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] batch : b.batches()) {
              r = KATA.observeMinMax(r, batch);
              for (double v : batch) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
              }
            }
            assertThat(r).as("property 'min-max of everything' for %s", b).isEqualTo(new Range(lo, hi));
          });
    }

    @Test
    void a_moving_average_range_lies_between_the_old_range_and_the_batch() {
      Props.check("each end of the moving average lies between its old value and the batch's", EXAMPLES,
          FakeQuantGens.batches(), b -> {
            Range r = EMPTY;
            for (double[] batch : b.batches()) {
              Range next = KATA.observeMovingAverage(r, batch, b.averagingConstant());
              if (batch.length > 0 && !r.equals(EMPTY)) {
                double bmin = Arrays.stream(batch).min().orElseThrow();
                double bmax = Arrays.stream(batch).max().orElseThrow();
                assertThat(next.min()).as("property 'min between' for %s, from %s", b, r)
                    .isBetween(Math.min(r.min(), bmin) - RANGE, Math.max(r.min(), bmin) + RANGE);
                assertThat(next.max()).as("property 'max between' for %s, from %s", b, r)
                    .isBetween(Math.min(r.max(), bmax) - RANGE, Math.max(r.max(), bmax) + RANGE);
              }
              r = next;
            }
          });
    }

    @Test
    void qparams_place_real_zero_on_a_level() {
      Props.check("calculateQParams: zero point in range, scale >= EPS, and zero fake-quantizes to zero", EXAMPLES,
          FakeQuantGens.batches(), b -> {
            Range r = EMPTY;
            for (double[] batch : b.batches()) {
              r = KATA.observeMinMax(r, batch);
            }
            QParams p = KATA.calculateQParams(r, b.dtype(), b.qscheme());
            assertThat(p.zeroPoint()).as("property 'zero point in range' for %s", b).isBetween(b.dtype().qmin, b.dtype().qmax);
            assertThat(p.scale()).as("property 'scale >= EPS' for %s", b).isGreaterThanOrEqualTo(EPS);
            assertThat(KATA.fakeQuantize(new double[] {0.0}, p.scale(), p.zeroPoint(), b.dtype().qmin, b.dtype().qmax))
                .as("property 'zero is exact' for %s with %s", b, p).containsExactly(0.0);
          });
    }
  }

  @Nested
  @DisplayName("the straight-through gradient by finite differences")
  final class FiniteDifferences {
    @Test
    void the_gradient_is_the_derivative_of_the_clamp_without_rounding() {
      Props.check("dx = d/dx sum(dy * clamp(x, lo, hi)) by central differences, a step away from lo and hi", 100,
          FakeQuantGens.grids(20), g -> {
            double lo = (g.quantMin() - g.zeroPoint()) * g.scale();
            double hi = (g.quantMax() - g.zeroPoint()) * g.scale();
            double[] x = Arrays.stream(g.x()).filter(v -> Math.abs(v - lo) > g.scale() && Math.abs(v - hi) > g.scale())
                .toArray();
            double[] dy = Arrays.copyOf(g.dy(), x.length);
            double[] dx = KATA.fakeQuantizeBackward(x, dy, g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax());
            assertGradientMatches("straight-through gradient for " + g + " (values near the ends dropped)", v -> {
              double s = 0;
              for (int i = 0; i < v.length; i++) {
                s += dy[i] * Math.min(Math.max(v[i], lo), hi);
              }
              return s;
            }, x, dx, FD_STEP * Math.max(1, g.scale()), FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference() {
      Props.check("fakeQuantize and fakeQuantizeBackward agree with the reference", EXAMPLES, FakeQuantGens.grids(30),
          g -> {
            assertNear(() -> "fakeQuantize, reference vs yours, for " + g,
                REFERENCE.fakeQuantize(g.x(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax()),
                KATA.fakeQuantize(g.x(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax()), OUTPUT);
            assertNear(() -> "fakeQuantizeBackward, reference vs yours, for " + g,
                REFERENCE.fakeQuantizeBackward(g.x(), g.dy(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax()),
                KATA.fakeQuantizeBackward(g.x(), g.dy(), g.scale(), g.zeroPoint(), g.quantMin(), g.quantMax()), GRADIENT);
          });
    }

    @Test
    void observers_and_qparams_match_the_reference() {
      Props.check("both observers and calculateQParams agree with the reference", EXAMPLES, FakeQuantGens.batches(),
          b -> {
            Range mine = EMPTY;
            Range ref = EMPTY;
            Range mineMa = EMPTY;
            Range refMa = EMPTY;
            for (double[] batch : b.batches()) {
              mine = KATA.observeMinMax(mine, batch);
              ref = REFERENCE.observeMinMax(ref, batch);
              mineMa = KATA.observeMovingAverage(mineMa, batch, b.averagingConstant());
              refMa = REFERENCE.observeMovingAverage(refMa, batch, b.averagingConstant());
              assertRange("min-max observer, reference vs yours, for " + b, ref, mine);
              assertRange("moving-average observer, reference vs yours, for " + b, refMa, mineMa);
            }
            QParams p = REFERENCE.calculateQParams(refMa, b.dtype(), b.qscheme());
            assertParams("calculateQParams(" + refMa + "), reference vs yours, for " + b, p.scale(), p.zeroPoint(),
                KATA.calculateQParams(refMa, b.dtype(), b.qscheme()));
          });
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Batch {@code k} of an observer golden (batches may differ in length, so not a matrix). */
  static double[] batch(Goldens.Values in, int k) {
    com.google.gson.JsonArray a = in.raw("batches").getAsJsonArray().get(k).getAsJsonArray();
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).getAsDouble();
    }
    return out;
  }

  static double[] ones(int n) {
    double[] out = new double[n];
    Arrays.fill(out, 1.0);
    return out;
  }

  static void assertOutputs(String what, double[] expected, double[] actual) {
    assertNear(() -> what, expected, actual, OUTPUT);
  }

  static void assertGradients(String what, double[] expected, double[] actual) {
    assertNear(() -> what, expected, actual, GRADIENT);
  }

  static void assertRange(String what, Range expected, Range actual) {
    assertThat(actual).as("%s: the range", what).isNotNull();
    if (expected.equals(EMPTY)) {
      assertThat(actual).as("%s: still the empty range", what).isEqualTo(EMPTY);
      return;
    }
    assertNear(what + ": min", expected.min(), actual.min(), RANGE);
    assertNear(what + ": max", expected.max(), actual.max(), RANGE);
  }

  static void assertParams(String what, double scale, int zeroPoint, QParams actual) {
    assertThat(actual).as("%s: the parameters", what).isNotNull();
    assertNear(what + ": scale", scale, actual.scale(), SCALE);
    assertThat(actual.zeroPoint()).as("%s: zero point (scale %s)", what, actual.scale()).isEqualTo(zeroPoint);
  }
}

package mlkata.grader.quantization;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.quantization.Int8QuantizerApi.Dtype;
import mlkata.grader.quantization.Int8QuantizerApi.QParams;
import mlkata.grader.quantization.QuantizationGens.Channels;
import mlkata.grader.quantization.QuantizationGens.Explicit;
import mlkata.grader.quantization.QuantizationGens.Observed;
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
 * Grades {@code quantization/int8-quantizer}.
 *
 * <p>Levels are integers and must match exactly. Scales are compared relatively with {@link #SCALE_REL},
 * dequantized values with {@link #DEQUANT_REL} (or {@link #GOLDEN_DEQUANT_REL} against PyTorch, which
 * dequantizes in float32), and the round-trip bound with a slack of {@link #ROUND_TRIP_SLACK} scales.
 *
 * <p>The golden quantize cases avoid values within float32 rounding of a half-way point (see
 * {@code grader/tools/goldens/quantization.py}): PyTorch multiplies by a float32 reciprocal where the
 * kata divides in float64, and only there may the two round differently. Exact ties at power-of-two
 * scales are kept, since both compute them exactly.
 */
@KataSpec
@DisplayName("quantization/int8-quantizer: Int8 quantize and dequantize")
final class Int8QuantizerSpec {
  /** The scale is one subtraction and one division (or a max with EPS): any correct order of those agrees to a few ulps. */
  static final double SCALE_REL = 1e-12;
  /** A dequantized value is one product of an exact integer and the scale: a few ulps. */
  static final double DEQUANT_REL = 1e-12;
  /** PyTorch's dequantize() returns float32 (relative rounding 6e-8) from a float32 copy of the scale. */
  static final double GOLDEN_DEQUANT_REL = 1e-6;
  /** Rounding in x / scale and in (q - zp) * scale adds a few ulps of 256 levels to the scale / 2 bound. */
  static final double ROUND_TRIP_SLACK = 1e-9;
  /** The float32 machine epsilon, 2^-23: the smallest scale an observer returns. */
  static final double EPS = 0x1.0p-23;
  private static final int EXAMPLES = 300;

  private static final Int8QuantizerApi KATA = Target.pick(new Int8QuantizerOfExercises(), new Int8QuantizerOfSolutions());
  private static final Int8QuantizerApi REFERENCE = new Int8QuantizerOfSolutions();

  private static final Dtype INT8 = Dtype.INT8;
  private static final Dtype UINT8 = Dtype.UINT8;

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      QParams p = KATA.affineParams(-1.0, 3.0, UINT8);
      // scale = (3 - (-1)) / 255; zp = 0 - rint(-1 / (4/255)) = -rint(-63.75) = 64.
      assertParams("affineParams(-1, 3, UINT8)", 4.0 / 255, 64, p);
      double[] x = {-1, 0, 0.5, 3, 10};
      int[] q = KATA.quantize(x, new QParams(4.0 / 255, 64), UINT8);
      // -63.75 -> -64 + 64 = 0; 0 -> 64; 31.875 -> 32 + 64 = 96; 191.25 -> 191 + 64 = 255; 10 saturates.
      assertThat(q).as("quantize(%s) with scale 4/255, zero point 64, UINT8", Arrays.toString(x))
          .containsExactly(0, 64, 96, 255, 255);
      assertAllCloseRel("dequantize([0, 64, 96, 255, 255]) with scale 4/255, zero point 64",
          new double[] {-256.0 / 255, 0, 128.0 / 255, 764.0 / 255, 764.0 / 255},
          KATA.dequantize(new int[] {0, 64, 96, 255, 255}, new QParams(4.0 / 255, 64), UINT8), DEQUANT_REL);
      assertParams("symmetricParams(-1, 3, INT8)", 3 / 127.5, 0, KATA.symmetricParams(-1.0, 3.0, INT8));
    }

    @Test
    void quantize_rounds_half_to_even() {
      double[] x = {2.5, 3.5, -2.5, -3.5, 0.5, -0.5, 1.5, -1.5};
      assertThat(KATA.quantize(x, new QParams(1.0, 0), INT8))
          .as("quantize(%s) with scale 1, zero point 0: half-way values go to the even neighbour (Math.round "
              + "rounds 2.5 up to 3 and -2.5 up to -2; use Math.rint)", Arrays.toString(x))
          .containsExactly(2, 4, -2, -4, 0, 0, 2, -2);
      double[] halves = {1.25, -1.25, 0.25, 0.75};
      // Quotients 2.5, -2.5, 0.5, 1.5 at scale 0.5.
      assertThat(KATA.quantize(halves, new QParams(0.5, 0), INT8))
          .as("quantize(%s) with scale 0.5, zero point 0", Arrays.toString(halves))
          .containsExactly(2, -2, 0, 2);
    }

    @Test
    void rounding_happens_before_the_zero_point_is_added() {
      double[] x = {2.5, -0.5, 1.5};
      // rint(2.5) + 3 = 5, whereas rint(2.5 + 3) = 6; rint(-0.5) + 3 = 3; rint(1.5) + 3 = 5.
      assertThat(KATA.quantize(x, new QParams(1.0, 3), INT8))
          .as("quantize(%s) with scale 1, zero point 3", Arrays.toString(x))
          .containsExactly(5, 3, 5);
      // rint(-2.5) + 128 = 126, whereas rint(125.5) = 126 too but rint(0.5) + 128 = 128, rint(128.5) = 128.
      double[] y = {-2.5, 0.5, -127.5};
      assertThat(KATA.quantize(y, new QParams(1.0, 128), UINT8))
          .as("quantize(%s) with scale 1, zero point 128, UINT8", Arrays.toString(y))
          .containsExactly(126, 128, 0);
    }

    @Test
    void quantize_rounds_to_nearest_not_toward_zero() {
      double[] x = {2.7, -2.7, 0.6, -0.6, 126.51};
      assertThat(KATA.quantize(x, new QParams(1.0, 0), INT8))
          .as("quantize(%s) with scale 1, zero point 0", Arrays.toString(x))
          .containsExactly(3, -3, 1, -1, 127);
    }

    @Test
    void the_zero_point_is_rounded_half_to_even_too() {
      // max' - min' = 127.5, so scale = 0.5 exactly and min' / scale = -127.5 exactly: rint gives -128.
      assertParams("affineParams(-63.75, 63.75, INT8)", 0.5, 0, KATA.affineParams(-63.75, 63.75, INT8));
      assertParams("affineParams(-63.75, 63.75, UINT8)", 0.5, 128, KATA.affineParams(-63.75, 63.75, UINT8));
      // min' / scale = -125.5: rint gives -126, so zp = 0 + 126 (UINT8) and -128 + 126 (INT8).
      assertParams("affineParams(-62.75, 64.75, UINT8)", 0.5, 126, KATA.affineParams(-62.75, 64.75, UINT8));
      assertParams("affineParams(-62.75, 64.75, INT8)", 0.5, -2, KATA.affineParams(-62.75, 64.75, INT8));
    }

    @Test
    void the_observed_range_is_widened_to_include_zero() {
      // [2, 10] becomes [0, 10]: scale 10/255 and real zero at the lowest level.
      assertParams("affineParams(2, 10, UINT8)", 10.0 / 255, 0, KATA.affineParams(2, 10, UINT8));
      assertParams("affineParams(2, 10, INT8)", 10.0 / 255, -128, KATA.affineParams(2, 10, INT8));
      // [-10, -2] becomes [-10, 0]: real zero at the highest level.
      assertParams("affineParams(-10, -2, INT8)", 10.0 / 255, 127, KATA.affineParams(-10, -2, INT8));
      assertParams("affineParams(-10, -2, UINT8)", 10.0 / 255, 255, KATA.affineParams(-10, -2, UINT8));
      assertParams("symmetricParams(2, 10, INT8)", 10 / 127.5, 0, KATA.symmetricParams(2, 10, INT8));
      assertParams("symmetricParams(-10, -2, UINT8)", 10 / 127.5, 128, KATA.symmetricParams(-10, -2, UINT8));
    }

    @Test
    void a_point_range_falls_back_to_the_float32_epsilon() {
      assertParams("affineParams(0, 0, INT8)", EPS, -128, KATA.affineParams(0, 0, INT8));
      assertParams("affineParams(0, 0, UINT8)", EPS, 0, KATA.affineParams(0, 0, UINT8));
      assertParams("symmetricParams(0, 0, UINT8)", EPS, 128, KATA.symmetricParams(0, 0, UINT8));
      assertParams("symmetricParams(0, 0, INT8)", EPS, 0, KATA.symmetricParams(0, 0, INT8));
      // 2e-9 / 255 is below EPS; min' / EPS = -0.0084 rounds to 0.
      assertParams("affineParams(-1e-9, 1e-9, UINT8)", EPS, 0, KATA.affineParams(-1e-9, 1e-9, UINT8));
      assertParams("symmetricParams(-1e-9, 1e-9, INT8)", EPS, 0, KATA.symmetricParams(-1e-9, 1e-9, INT8));
      // A point away from zero widens to [0, point]: no epsilon needed.
      assertParams("affineParams(0.5, 0.5, UINT8)", 0.5 / 255, 0, KATA.affineParams(0.5, 0.5, UINT8));
    }

    @Test
    void symmetric_parameters_use_the_larger_magnitude_over_127_5() {
      assertParams("symmetricParams(-127.5, 127.5, INT8)", 1.0, 0, KATA.symmetricParams(-127.5, 127.5, INT8));
      assertParams("symmetricParams(-127.5, 127.5, UINT8)", 1.0, 128, KATA.symmetricParams(-127.5, 127.5, UINT8));
      assertParams("symmetricParams(-255, 51, INT8)", 2.0, 0, KATA.symmetricParams(-255, 51, INT8));
      assertParams("symmetricParams(-51, 255, UINT8)", 2.0, 128, KATA.symmetricParams(-51, 255, UINT8));
      // The range ends sit half a level outside the grid: -127.5 rounds to the even -128, 127.5 to 128 and clamps.
      double[] ends = {-127.5, 127.5};
      assertThat(KATA.quantize(ends, new QParams(1.0, 0), INT8))
          .as("quantize([-127.5, 127.5]) with scale 1, zero point 0, INT8").containsExactly(-128, 127);
    }

    @Test
    void out_of_range_values_saturate_without_overflow() {
      double[] x = {1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1000, -1000, 3e9, -3e9};
      // 1e300 / 1e-3 overflows an int cast; adding the zero point to Integer.MAX_VALUE would wrap around.
      assertThat(KATA.quantize(x, new QParams(1e-3, 200), UINT8))
          .as("quantize(%s) with scale 1e-3, zero point 200, UINT8", Arrays.toString(x))
          .containsExactly(255, 0, 255, 0, 255, 0, 255, 0);
      assertThat(KATA.quantize(x, new QParams(1e-3, -100), INT8))
          .as("quantize(%s) with scale 1e-3, zero point -100, INT8", Arrays.toString(x))
          .containsExactly(127, -128, 127, -128, 127, -128, 127, -128);
      double[] justOutside = {127.6, -128.6, 128, -129};
      assertThat(KATA.quantize(justOutside, new QParams(1.0, 0), INT8))
          .as("quantize(%s) with scale 1, zero point 0, INT8", Arrays.toString(justOutside))
          .containsExactly(127, -128, 127, -128);
    }

    @Test
    void the_widest_finite_ranges_give_finite_parameters_and_levels() {
      // max(|min'|, max') / 127.5 stays finite for any finite range; so does (max' - min') / (qmax - qmin)
      // when max' - min' does (one side at 0 here). Levels of the range ends are the dtype ends.
      double big = Double.MAX_VALUE;
      assertParams("symmetricParams(-MAX_VALUE, MAX_VALUE, INT8)", big / 127.5, 0, KATA.symmetricParams(-big, big, INT8));
      assertParams("symmetricParams(-MAX_VALUE, 0, UINT8)", big / 127.5, 128, KATA.symmetricParams(-big, 0, UINT8));
      assertParams("affineParams(0, MAX_VALUE, INT8)", big / 255, -128, KATA.affineParams(0, big, INT8));
      assertParams("affineParams(-MAX_VALUE, 0, UINT8)", big / 255, 255, KATA.affineParams(-big, 0, UINT8));
      QParams wide = new QParams(big / 127.5, 0);
      // +-0.9 MAX_VALUE / scale = +-114.75, well away from a half-way point.
      assertThat(KATA.quantize(new double[] {-0.9 * big, 0.9 * big, 0}, wide, INT8))
          .as("quantize([-0.9 MAX_VALUE, 0.9 MAX_VALUE, 0]) with scale MAX_VALUE / 127.5, zero point 0, INT8")
          .containsExactly(-115, 115, 0);
      assertAllCloseRel("dequantize([-128, 127]) with scale MAX_VALUE / 127.5 (finite, no overflow to infinity)",
          new double[] {-128 * (big / 127.5), 127 * (big / 127.5)}, KATA.dequantize(new int[] {-128, 127}, wide, INT8),
          DEQUANT_REL);
    }

    @Test
    void zero_and_empty_input() {
      assertThat(KATA.quantize(new double[] {0.0, -0.0}, new QParams(0.1, -7), INT8))
          .as("quantize([0.0, -0.0]) with zero point -7").containsExactly(-7, -7);
      assertThat(KATA.dequantize(new int[] {-7}, new QParams(0.1, -7), INT8))
          .as("dequantize([-7]) with zero point -7").containsExactly(0.0);
      assertThat(KATA.quantize(new double[0], new QParams(0.1, 0), INT8)).as("quantize of no values").isEmpty();
      assertThat(KATA.dequantize(new int[0], new QParams(0.1, 0), UINT8)).as("dequantize of no levels").isEmpty();
    }

    @Test
    void dequantize_subtracts_the_zero_point_then_scales() {
      assertAllCloseRel("dequantize([-128, -1, 0, 127]) with scale 0.25, zero point -1, INT8",
          new double[] {-31.75, 0, 0.25, 32}, KATA.dequantize(new int[] {-128, -1, 0, 127}, new QParams(0.25, -1), INT8),
          DEQUANT_REL);
      assertAllCloseRel("dequantize([0, 128, 255]) with scale 3, zero point 128, UINT8",
          new double[] {-384, 0, 381}, KATA.dequantize(new int[] {0, 128, 255}, new QParams(3, 128), UINT8), DEQUANT_REL);
    }

    @Test
    void per_channel_parameters_and_levels_by_hand() {
      double[][] x = {{-1, 0, 3}, {0.5, 2.5, 4}};
      // Rows: [-1, 3] -> (4/255, 64); [0, 4] after widening -> (4/255, 0).
      QParams[] rows = KATA.affineParamsPerChannel(x, 0, UINT8);
      assertThat(rows).as("affineParamsPerChannel(%s, axis 0, UINT8)", Arrays.deepToString(x)).hasSize(2);
      assertParams("row 0 of affineParamsPerChannel", 4.0 / 255, 64, rows[0]);
      assertParams("row 1 of affineParamsPerChannel", 4.0 / 255, 0, rows[1]);
      // Columns: [-1, 0.5] -> (1.5/255, 170); [0, 2.5] -> (2.5/255, 0); [0, 4] -> (4/255, 0).
      QParams[] cols = KATA.affineParamsPerChannel(x, 1, UINT8);
      assertThat(cols).as("affineParamsPerChannel(%s, axis 1, UINT8)", Arrays.deepToString(x)).hasSize(3);
      assertParams("column 0 of affineParamsPerChannel", 1.5 / 255, 170, cols[0]);
      assertParams("column 1 of affineParamsPerChannel", 2.5 / 255, 0, cols[1]);
      assertParams("column 2 of affineParamsPerChannel", 4.0 / 255, 0, cols[2]);
      // Row 1: 0.5 * 255/4 = 31.875 -> 32, 2.5 * 255/4 = 159.375 -> 159, 4 -> 255.
      int[][] q = KATA.quantizePerChannel(x, new QParams[] {new QParams(4.0 / 255, 64), new QParams(4.0 / 255, 0)}, 0, UINT8);
      assertThat(q).as("quantizePerChannel(%s, axis 0, UINT8)", Arrays.deepToString(x))
          .isDeepEqualTo(new int[][] {{0, 64, 255}, {32, 159, 255}});
      // Symmetric INT8 per column: bounds 1, 2.5, 4 over 127.5.
      QParams[] sym = KATA.symmetricParamsPerChannel(x, 1, INT8);
      assertThat(sym).as("symmetricParamsPerChannel(%s, axis 1, INT8)", Arrays.deepToString(x)).hasSize(3);
      assertParams("column 0 of symmetricParamsPerChannel", 1 / 127.5, 0, sym[0]);
      assertParams("column 1 of symmetricParamsPerChannel", 2.5 / 127.5, 0, sym[1]);
      assertParams("column 2 of symmetricParamsPerChannel", 4 / 127.5, 0, sym[2]);
      double[][] back = KATA.dequantizePerChannel(new int[][] {{1, 2}, {3, 4}},
          new QParams[] {new QParams(0.5, 0), new QParams(2, 3)}, 1, INT8);
      assertThat(back).as("dequantizePerChannel([[1, 2], [3, 4]], columns (0.5, 0) and (2, 3), axis 1)")
          .isDeepEqualTo(new double[][] {{0.5, -2}, {1.5, 2}});
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final QParams ok = new QParams(0.1, 0);

    @Test
    void the_observed_range_must_be_finite_and_ordered() {
      // min > max and an overflowing range are the fault of both ends: the stub accepts either name.
      KataAssertions.assertRejectsNamingAnyOf("affineParams(3, 1, INT8): min > max",
          () -> KATA.affineParams(3, 1, INT8), "min", "max");
      KataAssertions.assertRejectsNamingAnyOf("symmetricParams(0.5, -0.5, UINT8): min > max",
          () -> KATA.symmetricParams(0.5, -0.5, UINT8), "min", "max");
      assertRejects("affineParams(NaN, 1)", "min", () -> KATA.affineParams(Double.NaN, 1, INT8));
      assertRejects("affineParams(0, NaN)", "max", () -> KATA.affineParams(0, Double.NaN, UINT8));
      assertRejects("symmetricParams(NaN, 1)", "min", () -> KATA.symmetricParams(Double.NaN, 1, INT8));
      assertRejects("symmetricParams(0, NaN)", "max", () -> KATA.symmetricParams(0, Double.NaN, INT8));
      assertRejects("affineParams(-inf, 1)", "min", () -> KATA.affineParams(Double.NEGATIVE_INFINITY, 1, INT8));
      assertRejects("affineParams(0, +inf)", "max", () -> KATA.affineParams(0, Double.POSITIVE_INFINITY, INT8));
      assertRejects("symmetricParams(0, +inf)", "max", () -> KATA.symmetricParams(0, Double.POSITIVE_INFINITY, UINT8));
      assertRejects("symmetricParams(-inf, 0)", "min", () -> KATA.symmetricParams(Double.NEGATIVE_INFINITY, 0, UINT8));
      KataAssertions.assertRejectsNamingAnyOf("affineParams(-1e308, 1e308): max - min overflows",
          () -> KATA.affineParams(-1e308, 1e308, INT8), "min", "max");
    }

    @Test
    void the_scale_must_be_positive_and_finite() {
      double[] x = {0.5};
      int[] q = {3};
      for (double scale : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        QParams bad = new QParams(scale, 0);
        assertRejects("quantize with scale " + scale, "scale", () -> KATA.quantize(x, bad, INT8));
        assertRejects("dequantize with scale " + scale, "scale", () -> KATA.dequantize(q, bad, UINT8));
        assertRejects("quantizePerChannel with scale " + scale, "scale",
            () -> KATA.quantizePerChannel(new double[][] {{0.5}}, new QParams[] {bad}, 0, INT8));
        assertRejects("dequantizePerChannel with scale " + scale, "scale",
            () -> KATA.dequantizePerChannel(new int[][] {{3}}, new QParams[] {bad}, 1, INT8));
      }
    }

    @Test
    void the_zero_point_must_be_a_level_of_the_dtype() {
      double[] x = {0.5};
      assertRejects("quantize INT8 with zero point 128", "zeroPoint", () -> KATA.quantize(x, new QParams(0.1, 128), INT8));
      assertRejects("quantize INT8 with zero point -129", "zeroPoint", () -> KATA.quantize(x, new QParams(0.1, -129), INT8));
      assertRejects("quantize UINT8 with zero point -1", "zeroPoint", () -> KATA.quantize(x, new QParams(0.1, -1), UINT8));
      assertRejects("quantize UINT8 with zero point 256", "zeroPoint", () -> KATA.quantize(x, new QParams(0.1, 256), UINT8));
      assertRejects("dequantize UINT8 with zero point -1", "zeroPoint",
          () -> KATA.dequantize(new int[] {3}, new QParams(0.1, -1), UINT8));
      assertRejects("dequantize INT8 with zero point 200", "zeroPoint",
          () -> KATA.dequantize(new int[] {3}, new QParams(0.1, 200), INT8));
      assertRejects("quantizePerChannel UINT8 with zero point 300", "zeroPoint",
          () -> KATA.quantizePerChannel(new double[][] {{1, 2}}, new QParams[] {ok, new QParams(0.1, 300)}, 1, UINT8));
    }

    @Test
    void levels_must_be_in_range() {
      assertRejects("dequantize INT8 level 128", "q", () -> KATA.dequantize(new int[] {0, 128}, ok, INT8));
      assertRejects("dequantize INT8 level -129", "q", () -> KATA.dequantize(new int[] {-129}, ok, INT8));
      assertRejects("dequantize UINT8 level -1", "q", () -> KATA.dequantize(new int[] {-1, 5}, ok, UINT8));
      assertRejects("dequantize UINT8 level 256", "q", () -> KATA.dequantize(new int[] {256}, ok, UINT8));
      assertRejects("dequantizePerChannel UINT8 level 256", "q",
          () -> KATA.dequantizePerChannel(new int[][] {{1, 256}}, new QParams[] {ok}, 0, UINT8));
    }

    @Test
    void nan_values_are_rejected() {
      assertRejects("quantize([1, NaN])", "x", () -> KATA.quantize(new double[] {1, Double.NaN}, ok, INT8));
      assertRejects("quantizePerChannel with a NaN", "x",
          () -> KATA.quantizePerChannel(new double[][] {{1, Double.NaN}}, new QParams[] {ok}, 0, INT8));
      assertRejects("affineParamsPerChannel with a NaN", "x",
          () -> KATA.affineParamsPerChannel(new double[][] {{1, 2}, {Double.NaN, 0}}, 0, INT8));
      assertRejects("symmetricParamsPerChannel with an infinity", "x",
          () -> KATA.symmetricParamsPerChannel(new double[][] {{1, Double.POSITIVE_INFINITY}}, 1, UINT8));
      assertRejects("affineParamsPerChannel with -infinity", "x",
          () -> KATA.affineParamsPerChannel(new double[][] {{Double.NEGATIVE_INFINITY}}, 1, UINT8));
    }

    @Test
    void the_axis_must_be_0_or_1() {
      double[][] x = {{1, 2}, {3, 4}};
      for (int axis : new int[] {-1, 2}) {
        assertRejects("affineParamsPerChannel axis " + axis, "axis", () -> KATA.affineParamsPerChannel(x, axis, INT8));
        assertRejects("symmetricParamsPerChannel axis " + axis, "axis", () -> KATA.symmetricParamsPerChannel(x, axis, INT8));
        assertRejects("quantizePerChannel axis " + axis, "axis",
            () -> KATA.quantizePerChannel(x, new QParams[] {ok, ok}, axis, INT8));
        assertRejects("dequantizePerChannel axis " + axis, "axis",
            () -> KATA.dequantizePerChannel(new int[][] {{1, 2}, {3, 4}}, new QParams[] {ok, ok}, axis, INT8));
      }
    }

    @Test
    void one_parameter_per_channel() {
      double[][] x = {{1, 2, 3}, {4, 5, 6}};
      assertRejects("quantizePerChannel axis 0 (2 rows) with 3 params", "params",
          () -> KATA.quantizePerChannel(x, new QParams[] {ok, ok, ok}, 0, INT8));
      assertRejects("quantizePerChannel axis 1 (3 columns) with 2 params", "params",
          () -> KATA.quantizePerChannel(x, new QParams[] {ok, ok}, 1, INT8));
      assertRejects("dequantizePerChannel axis 1 (3 columns) with 2 params", "params",
          () -> KATA.dequantizePerChannel(new int[][] {{1, 2, 3}}, new QParams[] {ok, ok}, 1, INT8));
      assertRejects("dequantizePerChannel axis 0 (1 row) with 3 params", "params",
          () -> KATA.dequantizePerChannel(new int[][] {{1, 2, 3}}, new QParams[] {ok, ok, ok}, 0, INT8));
    }

    @Test
    void matrices_must_be_rectangular_and_non_empty() {
      double[][] ragged = {{1, 2}, {3}};
      assertRejects("affineParamsPerChannel of a ragged matrix", "x", () -> KATA.affineParamsPerChannel(ragged, 0, INT8));
      assertRejects("symmetricParamsPerChannel of a ragged matrix", "x", () -> KATA.symmetricParamsPerChannel(ragged, 1, INT8));
      assertRejects("quantizePerChannel of a ragged matrix", "x",
          () -> KATA.quantizePerChannel(ragged, new QParams[] {ok, ok}, 0, INT8));
      assertRejects("dequantizePerChannel of a ragged matrix", "q",
          () -> KATA.dequantizePerChannel(new int[][] {{1}, {2, 3}}, new QParams[] {ok, ok}, 0, INT8));
      assertRejects("affineParamsPerChannel of no rows", "x", () -> KATA.affineParamsPerChannel(new double[0][], 0, INT8));
      assertRejects("symmetricParamsPerChannel of an empty row", "x",
          () -> KATA.symmetricParamsPerChannel(new double[][] {{}}, 1, INT8));
      assertRejects("quantizePerChannel of no rows", "x",
          () -> KATA.quantizePerChannel(new double[0][], new QParams[0], 0, INT8));
      assertRejects("dequantizePerChannel of no rows", "q",
          () -> KATA.dequantizePerChannel(new int[0][], new QParams[0], 0, INT8));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("affineParams with a null dtype", () -> KATA.affineParams(0, 1, null));
      assertNullRejected("symmetricParams with a null dtype", () -> KATA.symmetricParams(0, 1, null));
      assertNullRejected("quantize of null", () -> KATA.quantize(null, ok, INT8));
      assertNullRejected("quantize with null params", () -> KATA.quantize(new double[] {1}, null, INT8));
      assertNullRejected("dequantize with a null dtype", () -> KATA.dequantize(new int[] {1}, ok, null));
      assertNullRejected("quantizePerChannel with null params",
          () -> KATA.quantizePerChannel(new double[][] {{1}}, null, 0, INT8));
      assertNullRejected("affineParamsPerChannel of null", () -> KATA.affineParamsPerChannel(null, 0, INT8));
    }

    @Test
    void inputs_are_not_modified() {
      double[] x = {-1.5, 0.3, 2.5, 7};
      int[] q = {0, 5, 200};
      double[][] m = {{-1, 2}, {0.5, 3}};
      int[][] qm = {{0, 5}, {200, 17}};
      QParams[] params = {new QParams(0.1, 3), new QParams(0.2, 9)};
      double[] xCopy = x.clone();
      int[] qCopy = q.clone();
      double[][] mCopy = {m[0].clone(), m[1].clone()};
      int[][] qmCopy = {qm[0].clone(), qm[1].clone()};
      QParams[] paramsCopy = params.clone();
      KATA.quantize(x, ok, UINT8);
      KATA.dequantize(q, ok, UINT8);
      KATA.affineParamsPerChannel(m, 0, UINT8);
      KATA.symmetricParamsPerChannel(m, 1, INT8);
      KATA.quantizePerChannel(m, params, 1, UINT8);
      KATA.dequantizePerChannel(qm, params, 0, UINT8);
      assertThat(x).as("x after quantize").containsExactly(xCopy);
      assertThat(q).as("q after dequantize").containsExactly(qCopy);
      assertThat(m).as("matrix x after the per-channel methods").isDeepEqualTo(mCopy);
      assertThat(qm).as("matrix q after dequantizePerChannel").isDeepEqualTo(qmCopy);
      assertThat(params).as("params after the per-channel methods").containsExactly(paramsCopy);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("quantization/int8-quantizer");
    }

    static List<Goldens.Case> paramsCases() {
      return cases().stream().filter(c -> List.of("params", "observed").contains(c.input().string("kind"))).toList();
    }

    static List<Goldens.Case> levelCases() {
      return cases().stream().filter(c -> List.of("quantize", "observed").contains(c.input().string("kind"))).toList();
    }

    static List<Goldens.Case> perChannelCases() {
      return cases().stream().filter(c -> c.input().string("kind").equals("per_channel")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paramsCases")
    void affine_and_symmetric_params_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      Dtype dtype = Dtype.valueOf(in.string("dtype"));
      String what = "golden '" + c.name() + "' vs " + c.library();
      if (in.string("kind").equals("params")) {
        assertParams(what + ": " + in.string("scheme") + "Params(" + in.number("min") + ", " + in.number("max") + ", "
            + dtype + ")", c.expected().number("scale"), (int) c.expected().integer("zero_point"),
            params(in.string("scheme"), in.number("min"), in.number("max"), dtype));
      } else {
        double[] x = in.doubles("x");
        assertParams(what + ", x " + abbreviate(x) + ": " + in.string("scheme") + " params from min(x), max(x)",
            c.expected().number("scale"), (int) c.expected().integer("zero_point"), params(in.string("scheme"),
                Arrays.stream(x).min().orElseThrow(), Arrays.stream(x).max().orElseThrow(), dtype));
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levelCases")
    void quantize_matches_pytorch(Goldens.Case c) {
      double[] x = c.input().doubles("x");
      QParams p = goldenParams(c);
      Dtype dtype = Dtype.valueOf(c.input().string("dtype"));
      assertThat(KATA.quantize(x, p, dtype)).as("quantize of golden '%s' (x %s) with %s %s vs %s", c.name(),
          abbreviate(x), p, dtype, c.library()).containsExactly(c.expected().ints("q"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levelCases")
    void dequantize_matches_pytorch(Goldens.Case c) {
      QParams p = goldenParams(c);
      assertAllCloseRel("dequantize of golden '" + c.name() + "' with " + p + " vs " + c.library(),
          c.expected().doubles("dequantized"),
          KATA.dequantize(c.expected().ints("q"), p, Dtype.valueOf(c.input().string("dtype"))), GOLDEN_DEQUANT_REL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChannelCases")
    void per_channel_params_match_pytorch(Goldens.Case c) {
      double[][] x = c.input().matrix("x");
      int axis = (int) c.input().integer("axis");
      Dtype dtype = Dtype.valueOf(c.input().string("dtype"));
      boolean symmetric = "symmetric".equals(c.input().string("scheme"));
      String input = "golden '" + c.name() + "' vs " + c.library() + ", " + (symmetric ? "symmetric" : "affine")
          + "ParamsPerChannel(x " + Arrays.deepToString(x) + ", axis " + axis + ", " + dtype + ")";
      QParams[] p = symmetric ? KATA.symmetricParamsPerChannel(x, axis, dtype) : KATA.affineParamsPerChannel(x, axis, dtype);
      double[] scales = c.expected().doubles("scales");
      int[] zeroPoints = c.expected().ints("zero_points");
      assertThat(p).as("%s: one params per channel", input).hasSize(scales.length);
      for (int ch = 0; ch < scales.length; ch++) {
        assertParams(input + ": channel " + ch, scales[ch], zeroPoints[ch], p[ch]);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChannelCases")
    void quantize_per_channel_matches_pytorch(Goldens.Case c) {
      double[][] x = c.input().matrix("x");
      int axis = (int) c.input().integer("axis");
      assertThat(KATA.quantizePerChannel(x, goldenChannelParams(c), axis, Dtype.valueOf(c.input().string("dtype"))))
          .as("quantizePerChannel of golden '%s' (x %s, axis %d, the golden's params) vs %s", c.name(),
              Arrays.deepToString(x), axis, c.library())
          .isDeepEqualTo(toInts(c.expected().matrix("q")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChannelCases")
    void dequantize_per_channel_matches_pytorch(Goldens.Case c) {
      int axis = (int) c.input().integer("axis");
      String input = "dequantizePerChannel of golden '" + c.name() + "' (axis " + axis + ", the golden's params) vs "
          + c.library();
      double[][] expectedX = c.expected().matrix("dequantized");
      double[][] back = KATA.dequantizePerChannel(toInts(c.expected().matrix("q")), goldenChannelParams(c), axis,
          Dtype.valueOf(c.input().string("dtype")));
      assertThat(back).as("%s: rows", input).isNotNull().hasNumberOfRows(expectedX.length);
      for (int r = 0; r < expectedX.length; r++) {
        assertAllCloseRel(input + ": row " + r, expectedX[r], back[r], GOLDEN_DEQUANT_REL);
      }
    }

    /** The golden's own scale and zero point: given ones, or those PyTorch derived from the data. */
    private QParams goldenParams(Goldens.Case c) {
      Goldens.Values from = c.input().string("kind").equals("quantize") ? c.input() : c.expected();
      return new QParams(from.number("scale"), (int) from.integer("zero_point"));
    }

    private QParams[] goldenChannelParams(Goldens.Case c) {
      double[] scales = c.expected().doubles("scales");
      int[] zeroPoints = c.expected().ints("zero_points");
      QParams[] p = new QParams[scales.length];
      for (int ch = 0; ch < p.length; ch++) {
        p[ch] = new QParams(scales[ch], zeroPoints[ch]);
      }
      return p;
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void dequantize_of_quantize_is_within_half_a_step_inside_the_range() {
      Props.check("|dequantize(quantize(x)) - x| <= scale / 2 for x in the covered range", EXAMPLES,
          QuantizationGens.observed(), o -> {
            QParams p = params(o);
            double[] range = coveredRange(o);
            double[] x = withRangePoints(o.x(), range);
            double[] back = KATA.dequantize(KATA.quantize(x, p, o.dtype()), p, o.dtype());
            for (int i = 0; i < x.length; i++) {
              assertThat(Math.abs(back[i] - x[i]))
                  .as("property 'round trip within scale/2' for %s, params %s: x = %s came back as %s", o, p, x[i], back[i])
                  .isLessThanOrEqualTo(p.scale() * (0.5 + ROUND_TRIP_SLACK));
            }
          });
    }

    @Test
    void values_a_step_beyond_the_grid_saturate() {
      Props.check("values a step beyond the grid [(qmin - zp) * scale, (qmax - zp) * scale] map to qmin or qmax",
          EXAMPLES, QuantizationGens.observed(), o -> {
        QParams p = params(o);
        // The grid covers the observed range, and more when the scale is the EPS floor.
        double top = (o.dtype().qmax - p.zeroPoint()) * p.scale();
        double bottom = (o.dtype().qmin - p.zeroPoint()) * p.scale();
        double[] above = {top + p.scale(), top + 7 * p.scale(), top + 1e6 * p.scale(), Math.abs(top) * 1e200 + 1};
        double[] below = {bottom - p.scale(), bottom - 7 * p.scale(), bottom - 1e6 * p.scale(),
            -Math.abs(bottom) * 1e200 - 1};
        int[] qa = KATA.quantize(above, p, o.dtype());
        int[] qb = KATA.quantize(below, p, o.dtype());
        for (int i = 0; i < above.length; i++) {
          assertThat(qa[i]).as("property 'saturation at qmax' for %s, params %s, x = %s", o, p, above[i])
              .isEqualTo(o.dtype().qmax);
          assertThat(qb[i]).as("property 'saturation at qmin' for %s, params %s, x = %s", o, p, below[i])
              .isEqualTo(o.dtype().qmin);
        }
      });
    }

    @Test
    void quantize_is_monotone() {
      Props.check("x <= y implies quantize(x) <= quantize(y)", EXAMPLES, QuantizationGens.explicit(), e -> {
        double[] sorted = e.x().clone();
        Arrays.sort(sorted);
        int[] q = KATA.quantize(sorted, e.params(), e.dtype());
        for (int i = 1; i < q.length; i++) {
          assertThat(q[i]).as("property 'monotone' for %s: quantize(%s) vs quantize(%s)", e, sorted[i], sorted[i - 1])
              .isGreaterThanOrEqualTo(q[i - 1]);
        }
      });
    }

    @Test
    void every_level_lies_in_the_dtype_range_and_dequantizes_on_the_grid() {
      Props.check("levels lie in [qmin, qmax] and dequantize to (q - zp) * scale", EXAMPLES, QuantizationGens.explicit(), e -> {
        int[] q = KATA.quantize(e.x(), e.params(), e.dtype());
        assertThat(q).as("property 'one level per value' for %s", e).hasSize(e.x().length);
        double[] back = KATA.dequantize(q, e.params(), e.dtype());
        for (int i = 0; i < q.length; i++) {
          assertThat(q[i]).as("property 'level in range' for %s at x = %s", e, e.x()[i])
              .isBetween(e.dtype().qmin, e.dtype().qmax);
          double expected = (q[i] - e.params().zeroPoint()) * e.params().scale();
          assertClose("property 'dequantize = (q - zp) * scale' for " + e + " at q = " + q[i], expected, back[i],
              DEQUANT_REL * Math.abs(expected));
        }
      });
    }

    @Test
    void zero_is_represented_exactly() {
      Props.check("quantize(0) = zero point and dequantize(zero point) = 0", EXAMPLES, QuantizationGens.observed(), o -> {
        QParams p = params(o);
        assertThat(p.zeroPoint()).as("property 'zero point in range' for %s", o).isBetween(o.dtype().qmin, o.dtype().qmax);
        assertThat(KATA.quantize(new double[] {0.0}, p, o.dtype()))
            .as("property 'quantize(0) = zero point' for %s, params %s", o, p).containsExactly(p.zeroPoint());
        assertThat(KATA.dequantize(new int[] {p.zeroPoint()}, p, o.dtype()))
            .as("property 'dequantize(zero point) = 0' for %s, params %s", o, p).containsExactly(0.0);
      });
    }

    @Test
    void the_scale_covers_the_widened_range_with_qmax_minus_qmin_steps() {
      Props.check("scale = max(width / levels, EPS) for the widened range", EXAMPLES, QuantizationGens.observed(), o -> {
        QParams p = params(o);
        double lo = Math.min(o.min(), 0);
        double hi = Math.max(o.max(), 0);
        double expected = o.symmetric() ? Math.max(Math.max(-lo, hi) / 127.5, EPS) : Math.max((hi - lo) / 255, EPS);
        assertClose("property 'scale from the widened range' for " + o, expected, p.scale(), SCALE_REL * expected);
      });
    }

    @Test
    void per_channel_is_per_tensor_applied_slice_by_slice() {
      Props.check("per-channel params and levels equal per-tensor ones on each slice", EXAMPLES,
          QuantizationGens.channels(), ch -> {
            double[][] x = ch.x();
            int channels = ch.axis() == 0 ? x.length : x[0].length;
            QParams[] p = ch.symmetric() ? KATA.symmetricParamsPerChannel(x, ch.axis(), ch.dtype())
                : KATA.affineParamsPerChannel(x, ch.axis(), ch.dtype());
            assertThat(p).as("property 'one params per channel' for %s", ch).hasSize(channels);
            int[][] q = KATA.quantizePerChannel(x, p, ch.axis(), ch.dtype());
            assertThat(q).as("property 'same shape' for %s", ch).hasNumberOfRows(x.length);
            double[][] back = KATA.dequantizePerChannel(q, p, ch.axis(), ch.dtype());
            assertThat(back).as("property 'same shape after dequantize' for %s", ch).hasNumberOfRows(x.length);
            for (int c = 0; c < channels; c++) {
              double[] slice = slice(x, ch.axis(), c);
              double min = Arrays.stream(slice).min().orElseThrow();
              double max = Arrays.stream(slice).max().orElseThrow();
              QParams tensor = ch.symmetric() ? KATA.symmetricParams(min, max, ch.dtype())
                  : KATA.affineParams(min, max, ch.dtype());
              assertThat(p[c]).as("property 'channel %d params = per-tensor params of its slice %s' for %s",
                  c, Arrays.toString(slice), ch).isEqualTo(tensor);
              int[] expected = KATA.quantize(slice, p[c], ch.dtype());
              assertThat(slice(q, ch.axis(), c)).as("property 'channel %d levels = quantize(slice)' for %s", c, ch)
                  .containsExactly(expected);
              assertThat(slice(back, ch.axis(), c)).as("property 'channel %d values = dequantize(levels)' for %s", c, ch)
                  .containsExactly(KATA.dequantize(expected, p[c], ch.dtype()));
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void affine_params_match_the_reference_on_random_ranges() {
      Props.check("affineParams agrees with the reference", EXAMPLES, QuantizationGens.observed(), o ->
          assertParams("affineParams, reference vs yours, for " + o, REFERENCE.affineParams(o.min(), o.max(), o.dtype()),
              KATA.affineParams(o.min(), o.max(), o.dtype())));
    }

    @Test
    void symmetric_params_match_the_reference_on_random_ranges() {
      Props.check("symmetricParams agrees with the reference", EXAMPLES, QuantizationGens.observed(), o ->
          assertParams("symmetricParams, reference vs yours, for " + o,
              REFERENCE.symmetricParams(o.min(), o.max(), o.dtype()), KATA.symmetricParams(o.min(), o.max(), o.dtype())));
    }

    @Test
    void levels_match_the_reference_on_random_inputs() {
      Props.check("quantize agrees with the reference", EXAMPLES, QuantizationGens.explicit(), e ->
          assertThat(KATA.quantize(e.x(), e.params(), e.dtype())).as("quantize, reference vs yours, for %s", e)
              .containsExactly(REFERENCE.quantize(e.x(), e.params(), e.dtype())));
    }

    @Test
    void values_match_the_reference_on_random_inputs() {
      Props.check("dequantize agrees with the reference", EXAMPLES, QuantizationGens.explicit(), e -> {
        int[] levels = REFERENCE.quantize(e.x(), e.params(), e.dtype());
        assertAllCloseRel("dequantize of " + Arrays.toString(levels) + ", reference vs yours, for " + e,
            REFERENCE.dequantize(levels, e.params(), e.dtype()), KATA.dequantize(levels, e.params(), e.dtype()), DEQUANT_REL);
      });
    }
  }

  static QParams params(String scheme, double min, double max, Dtype dtype) {
    return "symmetric".equals(scheme) ? KATA.symmetricParams(min, max, dtype) : KATA.affineParams(min, max, dtype);
  }

  static QParams params(Observed o) {
    return params(o.symmetric() ? "symmetric" : "affine", o.min(), o.max(), o.dtype());
  }

  /** The reals the params are meant to cover: [min', max'] (affine) or [-b, b], b = max(-min', max') (symmetric). */
  static double[] coveredRange(Observed o) {
    double lo = Math.min(o.min(), 0);
    double hi = Math.max(o.max(), 0);
    if (o.symmetric()) {
      double b = Math.max(-lo, hi);
      return new double[] {-b, b};
    }
    return new double[] {lo, hi};
  }

  /** The data plus both ends of the range and a few points spread inside it. */
  static double[] withRangePoints(double[] x, double[] range) {
    double[] out = Arrays.copyOf(x, x.length + 7);
    for (int k = 0; k <= 6; k++) {
      out[x.length + k] = k == 6 ? range[1] : range[0] + (range[1] - range[0]) * k / 6.0;
    }
    return out;
  }

  static void assertParams(String what, double scale, int zeroPoint, QParams actual) {
    assertThat(actual).as("%s: params", what).isNotNull();
    assertClose(what + ": scale (expected " + scale + ", zero point " + zeroPoint + "; got " + actual + ")", scale,
        actual.scale(), SCALE_REL * scale);
    assertThat(actual.zeroPoint()).as("%s: zero point (expected scale %s, zero point %s; got %s)", what, scale,
        zeroPoint, actual).isEqualTo(zeroPoint);
  }

  static void assertParams(String what, QParams expected, QParams actual) {
    assertParams(what, expected.scale(), expected.zeroPoint(), actual);
  }

  /** Element-wise {@code |actual - expected| <= rel * max(|expected|, tiny)}. */
  static void assertAllCloseRel(String what, double[] expected, double[] actual, double rel) {
    assertThat(actual).as("%s: the result array", what).isNotNull();
    assertThat(actual.length).as("%s: length", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertClose(String.format("%s: element [%d]; expected %s but got %s", what, i, abbreviate(expected),
          abbreviate(actual)), expected[i], actual[i], rel * Math.max(Math.abs(expected[i]), Double.MIN_NORMAL));
    }
  }

  static double[] slice(double[][] x, int axis, int c) {
    return axis == 0 ? x[c].clone() : Arrays.stream(x).mapToDouble(row -> row[c]).toArray();
  }

  static int[] slice(int[][] x, int axis, int c) {
    return axis == 0 ? x[c].clone() : Arrays.stream(x).mapToInt(row -> row[c]).toArray();
  }

  static int[][] toInts(double[][] m) {
    int[][] out = new int[m.length][];
    for (int r = 0; r < m.length; r++) {
      out[r] = Arrays.stream(m[r]).mapToInt(v -> (int) v).toArray();
    }
    return out;
  }
}

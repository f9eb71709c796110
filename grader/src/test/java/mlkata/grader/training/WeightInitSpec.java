package mlkata.grader.training;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.training.WeightInitApi.Fans;
import mlkata.grader.training.WeightInitApi.Mode;
import mlkata.grader.training.WeightInitApi.Nonlinearity;
import mlkata.grader.training.WeightInitGens.Setting;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code training/weight-init}.
 *
 * <p>The deterministic parts (fans, gains, standard deviations, bounds) are a few floating-point
 * operations and are compared with PyTorch almost exactly. The fills are graded two ways: draw by draw
 * against a replay of the same seeded generator (the stub pins one {@code nextDouble} or
 * {@code nextGaussian} per entry), and by the statistics of large samples with fixed seeds, whose
 * tolerances are many standard errors wide. Efficiency is not graded: every fill is one pass.
 */
@KataSpec
@DisplayName("training/weight-init: Xavier and He initialization")
final class WeightInitSpec {
  /**
   * Relative tolerance on a gain, standard deviation or bound: each is a square root and two or three
   * multiplications, within a few ulps of PyTorch; a wrong fan or constant is off by far more.
   */
  static final double PARAMETER = 1e-12;

  /**
   * Tolerance on one drawn weight, relative to the bound or standard deviation: {@code bound * (2u - 1)}
   * and {@code -bound + 2 bound u} differ by an ulp or two; a different draw is off by O(1).
   */
  static final double DRAW = 1e-12;

  /**
   * Relative tolerance on the standard deviation of a large fixed-seed sample (at least 2^17 entries):
   * its standard error is below 0.3%, so 3% is ten standard errors, while drawing a uniform with the
   * standard deviation as its bound (or a normal with the bound as its standard deviation) is off by 42%
   * or 73%.
   */
  static final double SAMPLE_STD = 0.03;

  /**
   * Tolerance on the sample mean, in units of the target standard deviation: the standard error is
   * below 0.003, and a shifted distribution (drawing from [0, 2 bound)) is off by 1.7.
   */
  static final double SAMPLE_MEAN = 0.03;

  /**
   * Absolute tolerance on the fraction of a large sample in a region: the standard error of a
   * fraction near 0.05 or 0.5 from 2^17 draws is at most 0.0014, so 0.01 is seven standard errors.
   */
  static final double FRACTION = 0.01;

  private static final int EXAMPLES = 200;

  private static final WeightInitApi KATA = Target.pick(new WeightInitOfExercises(), new WeightInitOfSolutions());
  private static final WeightInitApi REFERENCE = new WeightInitOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      int[] shape = {3, 5};
      assertFans("fans of (3, 5)", new Fans(5, 3), KATA.fans(shape));
      assertParameter("xavierStd((3, 5), 1) = sqrt(2 / 8)", 0.5, KATA.xavierStd(shape, 1));
      assertParameter("xavierBound((3, 5), 1) = sqrt(3) / 2", 0.8660254037844386, KATA.xavierBound(shape, 1));
      assertParameter("kaimingStd((3, 5), 0, FAN_IN, RELU) = sqrt(2) / sqrt(5)", 0.6324555320336759,
          KATA.kaimingStd(shape, 0, Mode.FAN_IN, Nonlinearity.RELU));
      assertFans("fans of (16, 8, 3, 3): 8*9 in, 16*9 out", new Fans(72, 144), KATA.fans(new int[] {16, 8, 3, 3}));
    }

    @Test
    void the_receptive_field_multiplies_both_fans() {
      assertFans("fans of (10, 4, 5)", new Fans(20, 50), KATA.fans(new int[] {10, 4, 5}));
      assertFans("fans of (2, 3, 4, 5, 6)", new Fans(360, 240), KATA.fans(new int[] {2, 3, 4, 5, 6}));
      assertFans("fans of (8, 2, 1, 1): kernel 1x1", new Fans(2, 8), KATA.fans(new int[] {8, 2, 1, 1}));
      assertFans("fans of (1, 1)", new Fans(1, 1), KATA.fans(new int[] {1, 1}));
    }

    @Test
    void fans_of_a_huge_shape_are_longs() {
      // 50000 * 50000 * 3 = 7.5e9 does not fit in an int.
      assertFans("fans of (50000, 50000, 3)", new Fans(150_000L, 150_000L), KATA.fans(new int[] {50_000, 50_000, 3}));
      assertFans("fans of (3, 100000, 100000)", new Fans(10_000_000_000L, 300_000L),
          KATA.fans(new int[] {3, 100_000, 100_000}));
    }

    @Test
    void gains_of_every_nonlinearity() {
      assertParameter("gain(LINEAR)", 1, KATA.gain(Nonlinearity.LINEAR, 0.01));
      assertParameter("gain(SIGMOID)", 1, KATA.gain(Nonlinearity.SIGMOID, 0.01));
      assertParameter("gain(TANH) = 5/3", 5.0 / 3, KATA.gain(Nonlinearity.TANH, 0.01));
      assertParameter("gain(RELU) = sqrt(2)", Math.sqrt(2), KATA.gain(Nonlinearity.RELU, 0.01));
      assertParameter("gain(SELU) = 3/4", 0.75, KATA.gain(Nonlinearity.SELU, 0.01));
      assertParameter("gain(LEAKY_RELU, 0.01) = sqrt(2 / 1.0001)", Math.sqrt(2 / 1.0001), KATA.gain(Nonlinearity.LEAKY_RELU, 0.01));
      assertParameter("gain(LEAKY_RELU, 0) = sqrt(2)", Math.sqrt(2), KATA.gain(Nonlinearity.LEAKY_RELU, 0));
      assertParameter("gain(LEAKY_RELU, 1) = 1: a slope of 1 is linear", 1, KATA.gain(Nonlinearity.LEAKY_RELU, 1));
      assertParameter("gain(LEAKY_RELU, -1) = 1", 1, KATA.gain(Nonlinearity.LEAKY_RELU, -1));
      assertParameter("gain(RELU, 0.5): the slope is ignored", Math.sqrt(2), KATA.gain(Nonlinearity.RELU, 0.5));
      assertParameter("gain(TANH, 3): the slope is ignored", 5.0 / 3, KATA.gain(Nonlinearity.TANH, 3));
    }

    @Test
    void kaiming_divides_by_the_chosen_fan() {
      // (3, 5): fanIn 5, fanOut 3; tanh gain 5/3.
      assertParameter("kaimingStd((3, 5), 0, FAN_OUT, TANH) = (5/3) / sqrt(3)", 5.0 / 3 / Math.sqrt(3),
          KATA.kaimingStd(new int[] {3, 5}, 0, Mode.FAN_OUT, Nonlinearity.TANH));
      assertParameter("kaimingBound((3, 5), 0, FAN_OUT, TANH) = sqrt(3) (5/3) / sqrt(3) = 5/3", 5.0 / 3,
          KATA.kaimingBound(new int[] {3, 5}, 0, Mode.FAN_OUT, Nonlinearity.TANH));
      // PyTorch's default: leaky ReLU with a = 0 is sqrt(2); (4, 2, 2, 2): fanIn 8, so std 1/2.
      assertParameter("kaimingStd((4, 2, 2, 2), 0, FAN_IN, LEAKY_RELU) = sqrt(2) / sqrt(8)", 0.5,
          KATA.kaimingStd(new int[] {4, 2, 2, 2}, 0, Mode.FAN_IN, Nonlinearity.LEAKY_RELU));
      // Slope 1 makes leaky ReLU linear: gain 1, (4, 2, 2, 2) fanOut 16, std 1/4, bound sqrt(3)/4.
      assertParameter("kaimingBound((4, 2, 2, 2), 1, FAN_OUT, LEAKY_RELU) = sqrt(3) / 4", Math.sqrt(3) / 4,
          KATA.kaimingBound(new int[] {4, 2, 2, 2}, 1, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU));
    }

    @Test
    void he_uses_the_relu_gain_and_one_fan_while_xavier_averages_both_fans() {
      // (2, 8): fanIn 8, fanOut 2. He (FAN_IN, RELU): sqrt(2) / sqrt(8) = 0.5. Forgetting the gain gives
      // 1 / sqrt(8) = 0.354; Xavier's averaged fans with the ReLU gain give sqrt(2) * sqrt(2 / 10) = 0.632.
      assertParameter("kaimingStd((2, 8), 0, FAN_IN, RELU) = sqrt(2) / sqrt(fanIn 8) = 0.5 (0.354 without the gain"
          + " sqrt(2), 0.632 with Xavier's 2 / (fanIn + fanOut))", 0.5,
          KATA.kaimingStd(new int[] {2, 8}, 0, Mode.FAN_IN, Nonlinearity.RELU));
    }

    @Test
    void xavier_averages_both_fans_with_the_given_gain() {
      // (2, 8), gain 1: sqrt(2 / (8 + 2)) = 0.447. He's formula, sqrt(2 / fanIn), would give 0.5.
      assertParameter("xavierStd((2, 8), 1) = sqrt(2 / (fanIn 8 + fanOut 2)) = 0.447 (sqrt(2 / fanIn) = 0.5 is He's)",
          Math.sqrt(0.2), KATA.xavierStd(new int[] {2, 8}, 1));
    }

    @Test
    void a_gain_of_zero_gives_zeros() {
      double[] u = KATA.xavierUniform(new int[] {4, 6}, 0, new SplittableRandom(1));
      double[] n = KATA.xavierNormal(new int[] {4, 6}, 0, new SplittableRandom(2));
      assertAllClose("xavierUniform((4, 6), gain 0)", new double[24], u, 0);
      assertAllClose("xavierNormal((4, 6), gain 0)", new double[24], n, 0);
    }

    @Test
    void each_fill_draws_one_number_per_entry_in_order() {
      int[] shape = {6, 5, 3};
      double xb = REFERENCE.xavierBound(shape, 1.25);
      double xs = REFERENCE.xavierStd(shape, 1.25);
      double kb = REFERENCE.kaimingBound(shape, 0.1, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU);
      double ks = REFERENCE.kaimingStd(shape, 0.1, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU);
      assertReplay("xavierUniform((6, 5, 3), 1.25)", shape, xb, false, 11,
          r -> KATA.xavierUniform(shape, 1.25, r));
      assertReplay("xavierNormal((6, 5, 3), 1.25)", shape, xs, true, 12, r -> KATA.xavierNormal(shape, 1.25, r));
      assertReplay("kaimingUniform((6, 5, 3), 0.1, FAN_OUT, LEAKY_RELU)", shape, kb, false, 13,
          r -> KATA.kaimingUniform(shape, 0.1, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU, r));
      assertReplay("kaimingNormal((6, 5, 3), 0.1, FAN_OUT, LEAKY_RELU)", shape, ks, true, 14,
          r -> KATA.kaimingNormal(shape, 0.1, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU, r));
    }

    @Test
    void the_shape_is_not_modified() {
      int[] shape = {7, 4, 3};
      KATA.fans(shape);
      KATA.xavierStd(shape, 1);
      KATA.kaimingBound(shape, 0, Mode.FAN_OUT, Nonlinearity.RELU);
      KATA.xavierUniform(shape, 1, new SplittableRandom(3));
      KATA.kaimingNormal(shape, 0, Mode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(4));
      assertThat(shape).as("the shape array after every method").containsExactly(7, 4, 3);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void a_shape_with_fewer_than_two_dimensions_is_rejected() {
      for (int[] shape : new int[][] {{}, {5}}) {
        String s = Arrays.toString(shape);
        assertRejects("fans(" + s + ")", "shape", () -> KATA.fans(shape));
        assertRejects("xavierStd(" + s + ", 1)", "shape", () -> KATA.xavierStd(shape, 1));
        assertRejects("kaimingBound(" + s + ", ...)", "shape", () -> KATA.kaimingBound(shape, 0, Mode.FAN_IN, Nonlinearity.RELU));
        assertRejects("xavierNormal(" + s + ", 1, random)", "shape", () -> KATA.xavierNormal(shape, 1, new SplittableRandom(1)));
      }
    }

    @Test
    void a_dimension_below_one_is_rejected() {
      for (int[] shape : new int[][] {{0, 5}, {5, 0}, {3, 4, 0}, {-2, 3}, {3, 4, 5, -1}}) {
        String s = Arrays.toString(shape);
        assertRejects("fans(" + s + ")", "shape", () -> KATA.fans(shape));
        assertRejects("xavierBound(" + s + ", 1)", "shape", () -> KATA.xavierBound(shape, 1));
        assertRejects("kaimingStd(" + s + ", ...)", "shape", () -> KATA.kaimingStd(shape, 0, Mode.FAN_OUT, Nonlinearity.RELU));
        assertRejects("kaimingUniform(" + s + ", ...)", "shape",
            () -> KATA.kaimingUniform(shape, 0, Mode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(1)));
      }
    }

    @Test
    void fans_beyond_a_long_are_rejected() {
      int big = Integer.MAX_VALUE;
      int[] shape = {big, big, big, big};
      assertRejects("fans((2^31 - 1) x 4)", "shape", () -> KATA.fans(shape));
    }

    @Test
    void a_fill_larger_than_an_array_is_rejected_without_allocating() {
      int[] shape = {65_536, 65_536};
      assertRejects("xavierUniform((65536, 65536), ...): 2^32 entries", "shape",
          () -> KATA.xavierUniform(shape, 1, new SplittableRandom(1)));
      assertRejects("kaimingNormal((65536, 65536), ...): 2^32 entries", "shape",
          () -> KATA.kaimingNormal(shape, 0, Mode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(1)));
      int[] wide = {46_341, 46_341};
      assertRejects("xavierNormal((46341, 46341), ...): just above 2^31 entries", "shape",
          () -> KATA.xavierNormal(wide, 1, new SplittableRandom(1)));
    }

    @Test
    void a_gain_that_is_negative_or_not_finite_is_rejected() {
      for (double gain : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("xavierStd((3, 5), " + gain + ")", "gain", () -> KATA.xavierStd(new int[] {3, 5}, gain));
        assertRejects("xavierBound((3, 5), " + gain + ")", "gain", () -> KATA.xavierBound(new int[] {3, 5}, gain));
        assertRejects("xavierUniform((3, 5), " + gain + ", random)", "gain",
            () -> KATA.xavierUniform(new int[] {3, 5}, gain, new SplittableRandom(1)));
      }
    }

    @Test
    void a_non_finite_negative_slope_is_rejected() {
      for (double slope : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("gain(LEAKY_RELU, " + slope + ")", "negativeSlope", () -> KATA.gain(Nonlinearity.LEAKY_RELU, slope));
        assertRejects("gain(RELU, " + slope + ")", "negativeSlope", () -> KATA.gain(Nonlinearity.RELU, slope));
        assertRejects("kaimingStd((3, 5), " + slope + ", FAN_IN, LEAKY_RELU)", "negativeSlope",
            () -> KATA.kaimingStd(new int[] {3, 5}, slope, Mode.FAN_IN, Nonlinearity.LEAKY_RELU));
        assertRejects("kaimingNormal((3, 5), " + slope + ", FAN_IN, LEAKY_RELU, random)", "negativeSlope",
            () -> KATA.kaimingNormal(new int[] {3, 5}, slope, Mode.FAN_IN, Nonlinearity.LEAKY_RELU, new SplittableRandom(1)));
      }
    }

    @Test
    void null_arguments_are_rejected() {
      int[] shape = {3, 5};
      RandomGenerator r = new SplittableRandom(1);
      assertNullRejected("fans(null)", () -> KATA.fans(null));
      assertNullRejected("gain(null, 0)", () -> KATA.gain(null, 0));
      assertNullRejected("xavierStd(null, 1)", () -> KATA.xavierStd(null, 1));
      assertNullRejected("kaimingStd(shape, 0, null, RELU)", () -> KATA.kaimingStd(shape, 0, null, Nonlinearity.RELU));
      assertNullRejected("kaimingStd(shape, 0, FAN_IN, null)", () -> KATA.kaimingStd(shape, 0, Mode.FAN_IN, null));
      assertNullRejected("xavierUniform(shape, 1, null)", () -> KATA.xavierUniform(shape, 1, null));
      assertNullRejected("xavierNormal(shape, 1, null)", () -> KATA.xavierNormal(shape, 1, null));
      assertNullRejected("kaimingUniform(shape, 0, FAN_IN, RELU, null)",
          () -> KATA.kaimingUniform(shape, 0, Mode.FAN_IN, Nonlinearity.RELU, null));
      assertNullRejected("kaimingNormal(shape, 0, null, RELU, random)",
          () -> KATA.kaimingNormal(shape, 0, null, Nonlinearity.RELU, r));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("training/weight-init");
    }

    /** Fans and gains: one method each. */
    static List<Goldens.Case> fansAndGains() {
      return cases().stream().filter(c -> List.of("fans", "gain").contains(c.input().string("kind"))).toList();
    }

    /** Xavier and Kaiming parameters: their std and their bound are graded as separate checks. */
    static List<Goldens.Case> initializations() {
      return cases().stream().filter(c -> List.of("xavier", "kaiming").contains(c.input().string("kind"))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fansAndGains")
    void fans_and_gains_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      String what = c.name() + " vs " + c.library();
      if (in.string("kind").equals("fans")) {
        assertFans(what, new Fans(out.integer("fanIn"), out.integer("fanOut")), KATA.fans(in.ints("shape")));
      } else {
        assertParameter(what, out.number("gain"),
            KATA.gain(Nonlinearity.valueOf(in.string("nonlinearity")), in.number("negativeSlope")));
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializations")
    void standard_deviations_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      String what = c.name() + " vs " + c.library() + ": std";
      double actual = in.string("kind").equals("xavier") ? KATA.xavierStd(in.ints("shape"), in.number("gain"))
          : KATA.kaimingStd(in.ints("shape"), in.number("negativeSlope"), Mode.valueOf(in.string("mode")),
              Nonlinearity.valueOf(in.string("nonlinearity")));
      assertParameter(what, c.expected().number("std"), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializations")
    void uniform_bounds_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      String what = c.name() + " vs " + c.library() + ": bound";
      double actual = in.string("kind").equals("xavier") ? KATA.xavierBound(in.ints("shape"), in.number("gain"))
          : KATA.kaimingBound(in.ints("shape"), in.number("negativeSlope"), Mode.valueOf(in.string("mode")),
              Nonlinearity.valueOf(in.string("nonlinearity")));
      assertParameter(what, c.expected().number("bound"), actual);
    }
  }

  @Nested
  @DisplayName("statistics of large samples with fixed seeds")
  final class Sampling {
    private final int[] shape = {512, 256};

    @Test
    void xavier_uniform_stays_within_the_bound_with_the_target_spread() {
      double bound = REFERENCE.xavierBound(shape, 2);
      double[] w = KATA.xavierUniform(shape, 2, new SplittableRandom(20261125));
      assertUniform("xavierUniform((512, 256), gain 2)", w, bound);
    }

    @Test
    void kaiming_uniform_stays_within_the_bound_with_the_target_spread() {
      double bound = REFERENCE.kaimingBound(shape, 0, Mode.FAN_IN, Nonlinearity.RELU);
      double[] w = KATA.kaimingUniform(shape, 0, Mode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(7));
      assertUniform("kaimingUniform((512, 256), FAN_IN, RELU)", w, bound);
    }

    @Test
    void xavier_normal_has_mean_zero_and_the_target_spread() {
      double std = REFERENCE.xavierStd(shape, 0.5);
      double[] w = KATA.xavierNormal(shape, 0.5, new SplittableRandom(99));
      assertNormal("xavierNormal((512, 256), gain 0.5)", w, std);
    }

    @Test
    void kaiming_normal_has_mean_zero_and_the_target_spread() {
      double std = REFERENCE.kaimingStd(new int[] {64, 32, 3, 3}, 0.2, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU);
      double[] w = KATA.kaimingNormal(new int[] {64, 32, 3, 3}, 0.2, Mode.FAN_OUT, Nonlinearity.LEAKY_RELU,
          new SplittableRandom(5));
      assertNormal("kaimingNormal((64, 32, 3, 3), 0.2, FAN_OUT, LEAKY_RELU)", w, std);
    }

    @Test
    void he_initialization_keeps_the_signal_scale_through_ten_relu_layers_and_xavier_does_not() {
      // With He (fan-in, ReLU) weights E[y^2] is preserved layer after layer; Xavier's variance
      // 2/(fanIn + fanOut) = 1/n on square layers halves it at every ReLU: 2^-10 after ten layers.
      int width = 256;
      double he = meanSquareAfterReluLayers(width, 10,
          seed -> KATA.kaimingNormal(new int[] {width, width}, 0, Mode.FAN_IN, Nonlinearity.RELU, new SplittableRandom(seed)));
      double xavier = meanSquareAfterReluLayers(width, 10,
          seed -> KATA.xavierNormal(new int[] {width, width}, 1, new SplittableRandom(seed)));
      assertThat(he).as("mean square of the pre-activations after 10 He-initialized ReLU layers (input 1)")
          .isBetween(0.25, 4.0);
      assertThat(xavier).as("mean square after 10 Xavier-initialized ReLU layers (input 1), about 2^-10")
          .isLessThan(0.01);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void fans_multiply_out_to_the_number_of_weights() {
      Props.check("fanIn * out = fanOut * in = number of weights; a trailing 1 changes nothing", EXAMPLES,
          WeightInitGens.shapes(), shape -> {
            Fans f = KATA.fans(shape);
            String s = Arrays.toString(shape);
            assertThat(f).as("fans of %s", s).isNotNull();
            long entries = 1;
            for (int d : shape) {
              entries *= d;
            }
            assertThat(f.fanIn() * shape[0]).as("property 'fanIn * shape[0] = entries' for %s", s).isEqualTo(entries);
            assertThat(f.fanOut() * shape[1]).as("property 'fanOut * shape[1] = entries' for %s", s).isEqualTo(entries);
            int[] longer = Arrays.copyOf(shape, shape.length + 1);
            longer[shape.length] = 1;
            assertFans("property 'a trailing kernel dimension of 1 leaves the fans' for " + s, f, KATA.fans(longer));
          });
    }

    @Test
    void the_variances_undo_their_formulas() {
      Props.check("xavierStd^2 (fanIn + fanOut) / 2 = gain^2, kaimingStd^2 fan = gain^2, bound = sqrt(3) std", EXAMPLES,
          WeightInitGens.settings(), s -> {
            Fans f = REFERENCE.fans(s.shape());
            double xs = KATA.xavierStd(s.shape(), s.gain());
            assertParameter("property 'xavierStd^2 (fanIn + fanOut) / 2 = gain^2' for " + s, s.gain() * s.gain(),
                xs * xs * (f.fanIn() + f.fanOut()) / 2);
            assertParameter("property 'xavierBound = sqrt(3) xavierStd' for " + s, Math.sqrt(3) * xs,
                KATA.xavierBound(s.shape(), s.gain()));
            double g = KATA.gain(s.nonlinearity(), s.negativeSlope());
            double ks = KATA.kaimingStd(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity());
            long fan = s.mode() == Mode.FAN_IN ? f.fanIn() : f.fanOut();
            assertParameter("property 'kaimingStd^2 fan = gain^2' for " + s, g * g, ks * ks * fan);
            assertParameter("property 'kaimingBound = sqrt(3) kaimingStd' for " + s, Math.sqrt(3) * ks,
                KATA.kaimingBound(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity()));
          });
    }

    @Test
    void transposing_a_linear_layer_swaps_the_fans() {
      Props.check("xavier is symmetric in (out, in); Kaiming FAN_OUT of (a, b) is FAN_IN of (b, a)", EXAMPLES,
          WeightInitGens.settings(), s -> {
            int[] ab = {s.shape()[0], s.shape()[1]};
            int[] ba = {s.shape()[1], s.shape()[0]};
            assertParameter("property 'xavierStd(a, b) = xavierStd(b, a)' for " + s, KATA.xavierStd(ab, s.gain()),
                KATA.xavierStd(ba, s.gain()));
            assertParameter("property 'kaimingStd(a, b, FAN_OUT) = kaimingStd(b, a, FAN_IN)' for " + s,
                KATA.kaimingStd(ba, s.negativeSlope(), Mode.FAN_IN, s.nonlinearity()),
                KATA.kaimingStd(ab, s.negativeSlope(), Mode.FAN_OUT, s.nonlinearity()));
          });
    }

    @Test
    void the_leaky_relu_gain_is_even_in_the_slope_and_at_most_sqrt_two() {
      Props.check("gain(LEAKY_RELU, a) = gain(LEAKY_RELU, -a) <= sqrt(2)", EXAMPLES, WeightInitGens.settings(), s -> {
        double a = s.negativeSlope();
        double g = KATA.gain(Nonlinearity.LEAKY_RELU, a);
        assertParameter("property 'the leaky gain is even in the slope' for slope " + a,
            g, KATA.gain(Nonlinearity.LEAKY_RELU, -a));
        assertParameter("property 'gain^2 (1 + a^2) = 2' for slope " + a, 2, g * g * (1 + a * a));
      });
    }

    @Test
    void fills_have_one_entry_per_weight_within_the_bound() {
      Props.check("uniform fills lie in [-bound, bound] and every fill has one entry per weight", 60,
          WeightInitGens.settings(), s -> {
            int entries = Arrays.stream(s.shape()).reduce(1, (x, y) -> x * y);
            double xb = REFERENCE.xavierBound(s.shape(), s.gain());
            double kb = REFERENCE.kaimingBound(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity());
            double[] u = KATA.xavierUniform(s.shape(), s.gain(), new SplittableRandom(s.seed()));
            double[] k = KATA.kaimingUniform(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity(),
                new SplittableRandom(s.seed()));
            assertThat(u).as("xavierUniform for %s", s).hasSize(entries);
            assertThat(k).as("kaimingUniform for %s", s).hasSize(entries);
            for (int i = 0; i < entries; i++) {
              if (Math.abs(u[i]) > xb || Math.abs(k[i]) > kb) {
                assertThat(Math.abs(u[i])).as("property '|w| <= xavierBound' at %d for %s", i, s).isLessThanOrEqualTo(xb);
                assertThat(Math.abs(k[i])).as("property '|w| <= kaimingBound' at %d for %s", i, s).isLessThanOrEqualTo(kb);
              }
            }
            assertThat(KATA.xavierNormal(s.shape(), s.gain(), new SplittableRandom(s.seed())))
                .as("xavierNormal for %s", s).hasSize(entries);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void parameters_and_fills_match_the_reference() {
      Props.check("standard deviations, bounds and fills agree with the reference solution", 60,
          WeightInitGens.settings(), s -> {
            assertParameter("xavierStd for " + s, REFERENCE.xavierStd(s.shape(), s.gain()), KATA.xavierStd(s.shape(), s.gain()));
            assertParameter("kaimingBound for " + s,
                REFERENCE.kaimingBound(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity()),
                KATA.kaimingBound(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity()));
            double[] expected = REFERENCE.kaimingNormal(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity(),
                new SplittableRandom(s.seed()));
            double[] actual = KATA.kaimingNormal(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity(),
                new SplittableRandom(s.seed()));
            double scale = REFERENCE.kaimingStd(s.shape(), s.negativeSlope(), s.mode(), s.nonlinearity());
            assertThat(actual).as("kaimingNormal for %s", s).isNotNull().hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
              if (Math.abs(expected[i] - actual[i]) > DRAW * scale) {
                assertClose("kaimingNormal entry " + i + " for " + s + ", reference vs yours", expected[i], actual[i],
                    DRAW * scale);
              }
            }
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static void assertFans(String what, Fans expected, Fans actual) {
    assertThat(actual).as(what).isEqualTo(expected);
  }

  static void assertParameter(String what, double expected, double actual) {
    assertClose(what, expected, actual, PARAMETER * Math.max(1, Math.abs(expected)));
  }

  /** A fill called with a generator seeded {@code seed} draws what a fresh generator with that seed replays. */
  static void assertReplay(String what, int[] shape, double scale, boolean normal, long seed,
      java.util.function.Function<RandomGenerator, double[]> fill) {
    int entries = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    SplittableRandom used = new SplittableRandom(seed);
    double[] w = fill.apply(used);
    SplittableRandom replay = new SplittableRandom(seed);
    assertThat(w).as("%s: the weights", what).isNotNull().hasSize(entries);
    for (int i = 0; i < entries; i++) {
      double expected = normal ? scale * replay.nextGaussian() : scale * (2 * replay.nextDouble() - 1);
      assertClose(String.format("%s: entry %d is %s of draw %d", what, i,
          normal ? "std * nextGaussian()" : "bound * (2 nextDouble() - 1)", i), expected, w[i], DRAW * scale);
    }
    assertThat(used.nextLong()).as("%s: the generator has advanced by exactly one draw per entry", what)
        .isEqualTo(replay.nextLong());
  }

  static void assertUniform(String what, double[] w, double bound) {
    assertThat(w).as("%s: the weights", what).isNotNull().hasSize(512 * 256);
    int inner = 0;
    for (double v : w) {
      if (!(Math.abs(v) <= bound)) {
        assertThat(Math.abs(v)).as("%s: every |w| <= bound %s", what, bound).isLessThanOrEqualTo(bound);
      }
      if (Math.abs(v) < bound / 2) {
        inner++;
      }
    }
    double std = bound / Math.sqrt(3);
    assertClose(what + ": sample mean, in units of the target std " + std, 0, mean(w) / std, SAMPLE_MEAN);
    assertClose(what + ": sample std relative to the target " + std, 1, sampleStd(w) / std, SAMPLE_STD);
    assertClose(what + ": fraction of |w| < bound / 2 (1/2 for a uniform)", 0.5, (double) inner / w.length, FRACTION);
  }

  static void assertNormal(String what, double[] w, double std) {
    assertThat(w).as("%s: the weights", what).isNotNull().isNotEmpty();
    int tails = 0;
    for (double v : w) {
      if (Math.abs(v) > 2 * std) {
        tails++;
      }
    }
    assertClose(what + ": sample mean, in units of the target std " + std, 0, mean(w) / std, SAMPLE_MEAN);
    assertClose(what + ": sample std relative to the target " + std, 1, sampleStd(w) / std, SAMPLE_STD);
    assertClose(what + ": fraction of |w| > 2 std (0.0455 for a normal, 0 for a uniform)", 0.0455,
        (double) tails / w.length, FRACTION);
  }

  /** Pushes a vector of ones through {@code layers} ReLU layers with weights from {@code init}; E[pre^2] at the end. */
  static double meanSquareAfterReluLayers(int width, int layers, java.util.function.LongFunction<double[]> init) {
    double[] h = new double[width];
    Arrays.fill(h, 1);
    double[] pre = h;
    for (int layer = 0; layer < layers; layer++) {
      double[] w = init.apply(1000 + layer);
      pre = new double[width];
      for (int o = 0; o < width; o++) {
        double sum = 0;
        for (int i = 0; i < width; i++) {
          sum += w[o * width + i] * h[i];
        }
        pre[o] = sum;
      }
      h = new double[width];
      for (int o = 0; o < width; o++) {
        h[o] = Math.max(pre[o], 0);
      }
    }
    double sq = 0;
    for (double v : pre) {
      sq += v * v;
    }
    // E[pre^2] = fanIn * Var(w) * E[h^2]; for He that is 2 E[h^2] = E[pre_prev^2]: normalize by the input's 2.
    return sq / width / 2;
  }

  static double mean(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    return s / w.length;
  }

  static double sampleStd(double[] w) {
    double m = mean(w);
    double s = 0;
    for (double v : w) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (w.length - 1));
  }
}

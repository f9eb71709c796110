package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.layers.PoolingGens.Problem;
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
 * Grades {@code layers/pooling}: PyTorch's {@code F.max_pool2d} and {@code F.avg_pool2d} (both values of
 * {@code count_include_pad}) with their backward passes, including ties, padding and overlapping
 * windows.
 *
 * <p>Tolerances (absolute): {@link #OUTPUT} for outputs, {@link #GRADIENT} for input gradients,
 * {@link #IDENTITY} for the inner-product identities, {@link #FD_STEP} / {@link #FD_TOLERANCE} for
 * central differences. The mistakes the kata is about (zero instead of -infinity padding, the last
 * instead of the first maximum, a gradient split among ties, the wrong divisor, a backward that
 * overwrites instead of accumulating) move a result by at least 0.1 on the inputs used here.
 */
@KataSpec
@DisplayName("layers/pooling: Max and average pooling, forward and backward")
final class PoolingSpec {
  /** A maximum is exact; a mean of at most 25 values below 3 in size is within about 1e-15. */
  static final double OUTPUT = 1e-12;
  /** A gradient entry sums at most 9 window shares of values below 2 in size: about 1e-15. */
  static final double GRADIENT = 1e-12;
  /** Inner products of at most a few hundred terms of size below 10, equal in exact arithmetic. */
  static final double IDENTITY = 1e-9;
  /**
   * Step of the central differences: far below the 0.25 gap between the distinct values of the max-pool
   * problems, so no window's maximum changes; both poolings are linear there, so only rounding remains.
   */
  static final double FD_STEP = 1e-5;
  /** Rounding of the differences (about 1e-10) with a wide margin; a wrong gradient is off by 0.1 or more. */
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 200;
  private static final int GRADIENT_EXAMPLES = 40;

  private static final PoolingApi KATA = Target.pick(new PoolingOfExercises(), new PoolingOfSolutions());
  private static final PoolingApi REFERENCE = new PoolingOfSolutions();

  static final int[] ONE = {1, 1};
  static final int[] TWO = {2, 2};
  static final int[] ZERO = {0, 0};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void max_pooling_keeps_each_windows_largest_value() {
      // [[1, 3, 3], [3, 2, 3], [0, 3, 1]], 2x2 windows, stride 1: every window's maximum is 3.
      Nchw.assertClose("maxPool of the statement example (kernel 2x2, stride 1)",
          new double[][][][] {{{{3, 3}, {3, 3}}}}, KATA.maxPool(statement(), TWO, ONE, ZERO), OUTPUT);
      // v[h][w] = 4h + w: the largest of each 2x2 block is its bottom-right value.
      Nchw.assertClose("maxPool of v = 4h + w on 4x4, kernel 2x2, stride 2",
          new double[][][][] {{{{5, 7}, {13, 15}}}}, KATA.maxPool(grid(), TWO, TWO, ZERO), OUTPUT);
    }

    @Test
    void the_stride_defaults_to_the_kernel() {
      Nchw.assertClose("maxPool of v = 4h + w on 4x4, kernel 2x2, stride null (= kernel, not 1)",
          new double[][][][] {{{{5, 7}, {13, 15}}}}, KATA.maxPool(grid(), TWO, null, ZERO), OUTPUT);
      // Means of the 2x2 blocks: (0 + 1 + 4 + 5) / 4 = 2.5, then 4.5, 10.5, 12.5.
      Nchw.assertClose("avgPool of v = 4h + w on 4x4, kernel 2x2, stride null",
          new double[][][][] {{{{2.5, 4.5}, {10.5, 12.5}}}}, KATA.avgPool(grid(), TWO, null, ZERO, true), OUTPUT);
    }

    @Test
    void a_tie_sends_the_whole_gradient_to_the_first_maximum_in_row_major_order() {
      // Windows of the statement example: [[1, 3], [3, 2]] picks (0, 1) (row 0 comes first, not (1, 0));
      // [[3, 3], [2, 3]] picks (0, 1) again; [[3, 2], [0, 3]] picks (1, 0); [[2, 3], [3, 1]] picks (1, 2).
      // Position (0, 1) wins two overlapping windows and accumulates both gradients.
      double[][][][] d = KATA.maxPoolBackward(new double[][][][] {{{{1, 1}, {1, 1}}}}, statement(), TWO, ONE, ZERO);
      Nchw.assertClose("maxPoolBackward of the statement example, dOutput all ones (first maximum of each window "
          + "gets its whole gradient; overlapping windows accumulate)",
          new double[][][][] {{{{0, 2, 0}, {1, 0, 1}, {0, 0, 0}}}}, d, GRADIENT);
    }

    @Test
    void equal_values_give_everything_to_the_top_left_of_each_window() {
      double[][][][] flat = {{{{5, 5, 5}, {5, 5, 5}}}};
      // Windows (stride 1) start at columns 0 and 1: their top-left positions are (0, 0) and (0, 1).
      double[][][][] d = KATA.maxPoolBackward(new double[][][][] {{{{1, 10}}}}, flat, TWO, ONE, ZERO);
      Nchw.assertClose("maxPoolBackward of a constant 2x3 input, kernel 2x2, stride 1, dOutput [1, 10] "
          + "(not split among the ties, not given to the last)", new double[][][][] {{{{1, 10, 0}, {0, 0, 0}}}}, d,
          GRADIENT);
    }

    @Test
    void max_pooling_pads_with_minus_infinity() {
      // [[-1, -2], [-3, -4]], kernel 2x2, stride 1, padding 1: 3x3 windows over a padded 4x4 grid. Each
      // window's maximum is its largest REAL value; zero padding would make the borders 0.
      double[][][][] input = {{{{-1, -2}, {-3, -4}}}};
      Nchw.assertClose("maxPool of [[-1, -2], [-3, -4]] with padding 1 (padding is -infinity, never 0)",
          new double[][][][] {{{{-1, -1, -2}, {-1, -1, -2}, {-3, -3, -4}}}}, KATA.maxPool(input, TWO, ONE, ONE),
          OUTPUT);
      // -1 wins 4 windows, -2 and -3 two each, -4 one; padding gets nothing.
      double[][][][] ones = {{{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}}};
      Nchw.assertClose("maxPoolBackward of [[-1, -2], [-3, -4]] with padding 1, dOutput all ones",
          new double[][][][] {{{{4, 2}, {2, 1}}}}, KATA.maxPoolBackward(ones, input, TWO, ONE, ONE), GRADIENT);
    }

    @Test
    void average_pooling_divides_each_window_sum() {
      // Window sums of the statement example: 9, 11, 8, 9, divided by 4.
      Nchw.assertClose("avgPool of the statement example (kernel 2x2, stride 1)",
          new double[][][][] {{{{2.25, 2.75}, {2, 2.25}}}}, KATA.avgPool(statement(), TWO, ONE, ZERO, true), OUTPUT);
      // Each input gets 1/4 per window covering it: corners 1, edges 2, the centre 4 windows.
      Nchw.assertClose("avgPoolBackward of the statement example, dOutput all ones (overlaps accumulate)",
          new double[][][][] {{{{0.25, 0.5, 0.25}, {0.5, 1, 0.5}, {0.25, 0.5, 0.25}}}},
          KATA.avgPoolBackward(new double[][][][] {{{{1, 1}, {1, 1}}}}, statement(), TWO, ONE, ZERO, true), GRADIENT);
    }

    @Test
    void count_include_pad_chooses_the_divisor() {
      // Kernel 3x3, stride 2, padding 1 on the statement example: window sums 9, 11, 8, 9 over 4 real
      // positions each (the other 5 are padding).
      int[] three = {3, 3};
      Nchw.assertClose("avgPool with countIncludePad true: sum / 9, padding counts",
          new double[][][][] {{{{1, 11.0 / 9}, {8.0 / 9, 1}}}}, KATA.avgPool(statement(), three, TWO, ONE, true),
          OUTPUT);
      Nchw.assertClose("avgPool with countIncludePad false: sum / 4 real positions",
          new double[][][][] {{{{2.25, 2.75}, {2, 2.25}}}}, KATA.avgPool(statement(), three, TWO, ONE, false), OUTPUT);
      double[][][][] ones = {{{{1, 1}, {1, 1}}}};
      // The centre is in all 4 windows, an edge in 2, a corner in 1.
      Nchw.assertClose("avgPoolBackward with countIncludePad true, dOutput all ones: shares of 1/9",
          new double[][][][] {{{{1.0 / 9, 2.0 / 9, 1.0 / 9}, {2.0 / 9, 4.0 / 9, 2.0 / 9}, {1.0 / 9, 2.0 / 9, 1.0 / 9}}}},
          KATA.avgPoolBackward(ones, statement(), three, TWO, ONE, true), GRADIENT);
      Nchw.assertClose("avgPoolBackward with countIncludePad false, dOutput all ones: shares of 1/4",
          new double[][][][] {{{{0.25, 0.5, 0.25}, {0.5, 1, 0.5}, {0.25, 0.5, 0.25}}}},
          KATA.avgPoolBackward(ones, statement(), three, TWO, ONE, false), GRADIENT);
    }

    @Test
    void positions_no_window_covers_get_no_gradient() {
      // v = 4h + w on 4x5 with kernel 2x2, stride 2: column 4 is never read.
      double[][][][] input = {{{{0, 1, 2, 3, 4}, {4, 5, 6, 7, 8}, {8, 9, 10, 11, 12}, {12, 13, 14, 15, 16}}}};
      double[][][][] d = {{{{1, 2}, {3, 4}}}};
      Nchw.assertClose("maxPoolBackward of a 4x5 input with kernel 2, stride 2 (the last column is cut off)",
          new double[][][][] {{{{0, 0, 0, 0, 0}, {0, 1, 0, 2, 0}, {0, 0, 0, 0, 0}, {0, 3, 0, 4, 0}}}},
          KATA.maxPoolBackward(d, input, TWO, TWO, ZERO), GRADIENT);
      Nchw.assertClose("avgPoolBackward of a 4x5 input with kernel 2, stride 2",
          new double[][][][] {{{{0.25, 0.25, 0.5, 0.5, 0}, {0.25, 0.25, 0.5, 0.5, 0}, {0.75, 0.75, 1, 1, 0},
              {0.75, 0.75, 1, 1, 0}}}}, KATA.avgPoolBackward(d, input, TWO, TWO, ZERO, true), GRADIENT);
    }

    @Test
    void samples_and_channels_are_pooled_separately() {
      double[][][][] input = {{{{1, 2}}, {{-5, -6}}}, {{{7, 0}}, {{3, 3}}}};
      Nchw.assertClose("maxPool with kernel {1, 2} over 2 samples of 2 channels",
          new double[][][][] {{{{2}}, {{-5}}}, {{{7}}, {{3}}}}, KATA.maxPool(input, new int[] {1, 2}, null, ZERO),
          OUTPUT);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("layers/pooling");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void max_pool_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      Nchw.assertClose("maxPool of " + g.what, Nchw.read(c.expected(), "max"),
          KATA.maxPool(g.input, g.kernel, g.stride, g.padding), OUTPUT);
      Nchw.assertClose("maxPoolBackward of " + g.what, Nchw.read(c.expected(), "max_grad"),
          KATA.maxPoolBackward(g.dy, g.input, g.kernel, g.stride, g.padding), GRADIENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void avg_pool_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      for (boolean include : new boolean[] {true, false}) {
        String key = include ? "avg_include_pad" : "avg_exclude_pad";
        String what = g.what + ", countIncludePad " + include;
        Nchw.assertClose("avgPool of " + what, Nchw.read(c.expected(), key),
            KATA.avgPool(g.input, g.kernel, g.stride, g.padding, include), OUTPUT);
        Nchw.assertClose("avgPoolBackward of " + what, Nchw.read(c.expected(), key + "_grad"),
            KATA.avgPoolBackward(g.dy, g.input, g.kernel, g.stride, g.padding, include), GRADIENT);
      }
    }

    /** One golden case's arguments. */
    private final class Golden {
      final double[][][][] input;
      final double[][][][] dy;
      final int[] kernel;
      final int[] stride;
      final int[] padding;
      final String what;

      Golden(Goldens.Case c) {
        Goldens.Values in = c.input();
        input = Nchw.read(in, "input");
        dy = Nchw.read(in, "dy");
        kernel = in.ints("kernel");
        stride = in.has("stride") ? in.ints("stride") : null;
        padding = in.ints("padding");
        what = "golden '" + c.name() + "' (" + c.library() + "; input shape " + Arrays.toString(Nchw.shape(input))
            + ", kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
            + Arrays.toString(padding) + ")";
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][][][] input = new double[1][2][4][4];

    @Test
    void padding_must_be_at_most_half_the_kernel() {
      assertRejects("maxPool with kernel 2 and padding 2", "padding", () -> KATA.maxPool(input, TWO, ONE, TWO));
      assertRejects("avgPool with kernel {3, 1} and padding {1, 1}", "padding",
          () -> KATA.avgPool(input, new int[] {3, 1}, ONE, ONE, true));
      assertRejects("maxPool with padding -1", "padding", () -> KATA.maxPool(input, TWO, ONE, new int[] {0, -1}));
    }

    @Test
    void kernel_stride_and_padding_must_be_valid_pairs() {
      assertRejects("maxPool with kernel {0, 2}", "kernel", () -> KATA.maxPool(input, new int[] {0, 2}, ONE, ZERO));
      assertRejects("maxPool with stride {2, 0}", "stride", () -> KATA.maxPool(input, TWO, new int[] {2, 0}, ZERO));
      assertRejects("avgPool with a kernel of one entry", "kernel",
          () -> KATA.avgPool(input, new int[] {2}, ONE, ZERO, false));
      assertRejects("avgPool with a stride of three entries", "stride",
          () -> KATA.avgPool(input, TWO, new int[] {1, 1, 1}, ZERO, false));
      assertRejects("maxPool with a padding of one entry", "padding", () -> KATA.maxPool(input, TWO, ONE, new int[] {0}));
    }

    @Test
    void an_output_smaller_than_one_position_is_rejected() {
      assertRejects("maxPool of a 4x4 input with a 5x5 kernel", "input",
          () -> KATA.maxPool(input, new int[] {5, 5}, ONE, ZERO));
      assertRejects("avgPool of a 4x4 input with a 2x7 kernel and padding {0, 1}", "input",
          () -> KATA.avgPool(input, new int[] {2, 7}, ONE, new int[] {0, 1}, true));
    }

    @Test
    void arrays_must_be_non_empty_rectangular_and_finite() {
      double[][][][] nan = new double[1][2][4][4];
      nan[0][1][3][2] = Double.NaN;
      assertRejects("maxPool with a NaN in the input", "input", () -> KATA.maxPool(nan, TWO, null, ZERO));
      assertRejects("avgPool with a NaN in the input", "input", () -> KATA.avgPool(nan, TWO, null, ZERO, true));
      assertRejects("maxPool of an empty input", "input", () -> KATA.maxPool(new double[0][][][], TWO, null, ZERO));
      double[][][][] ragged = new double[1][2][4][4];
      ragged[0][1][2] = new double[3];
      assertRejects("avgPool of a ragged input", "input", () -> KATA.avgPool(ragged, TWO, null, ZERO, true));
      assertRejects("maxPool of an input without channels", "input",
          () -> KATA.maxPool(new double[1][0][][], TWO, null, ZERO));
      assertRejects("maxPool of an input of height 0", "input", () -> KATA.maxPool(new double[1][2][0][], TWO, null, ZERO));
      assertRejects("maxPool of an input of width 0", "input", () -> KATA.maxPool(new double[1][2][4][0], TWO, null, ZERO));
      assertRejects("maxPool of samples with different channel counts", "input",
          () -> KATA.maxPool(new double[][][][] {new double[2][4][4], new double[1][4][4]}, TWO, null, ZERO));
      double[][][][] short2 = new double[1][2][4][4];
      short2[0][1] = new double[3][4];
      assertRejects("maxPool of channels with different heights", "input", () -> KATA.maxPool(short2, TWO, null, ZERO));
    }

    @Test
    void dOutput_must_have_the_output_shape_and_be_finite() {
      // Output of the 4x4 input with kernel 2, stride 2: (1, 2, 2, 2).
      assertRejects("maxPoolBackward with dOutput of width 3 for 2", "dOutput",
          () -> KATA.maxPoolBackward(new double[1][2][2][3], input, TWO, null, ZERO));
      assertRejects("maxPoolBackward with dOutput of 1 channel for 2", "dOutput",
          () -> KATA.maxPoolBackward(new double[1][1][2][2], input, TWO, null, ZERO));
      assertRejects("avgPoolBackward with dOutput of height 1 for 2", "dOutput",
          () -> KATA.avgPoolBackward(new double[1][2][1][2], input, TWO, null, ZERO, true));
      assertRejects("avgPoolBackward with dOutput of 2 samples for 1", "dOutput",
          () -> KATA.avgPoolBackward(new double[2][2][2][2], input, TWO, null, ZERO, true));
      double[][][][] inf = new double[1][2][2][2];
      inf[0][0][1][1] = Double.NEGATIVE_INFINITY;
      assertRejects("avgPoolBackward with an infinity in dOutput", "dOutput",
          () -> KATA.avgPoolBackward(inf, input, TWO, null, ZERO, false));
      assertRejects("maxPoolBackward with an infinity in dOutput", "dOutput",
          () -> KATA.maxPoolBackward(inf, input, TWO, null, ZERO));
      assertRejects("maxPoolBackward with padding above half the kernel", "padding",
          () -> KATA.maxPoolBackward(new double[1][2][2][2], input, TWO, null, TWO));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("maxPool with input null", () -> KATA.maxPool(null, TWO, null, ZERO));
      assertNullRejected("maxPool with kernel null", () -> KATA.maxPool(input, null, ONE, ZERO));
      assertNullRejected("avgPool with padding null", () -> KATA.avgPool(input, TWO, null, null, true));
      assertNullRejected("maxPoolBackward with dOutput null", () -> KATA.maxPoolBackward(null, input, TWO, null, ZERO));
      assertNullRejected("avgPoolBackward with input null",
          () -> KATA.avgPoolBackward(new double[1][2][2][2], null, TWO, null, ZERO, true));
    }

    @Test
    void inputs_are_not_modified() {
      Props.check("pooling and its backward leave every argument unchanged", 20, PoolingGens.problems(), p -> {
        Problem copy = new Problem(Nchw.copy(p.input()), p.kernel().clone(),
            p.stride() == null ? null : p.stride().clone(), p.padding().clone(), Nchw.copy(p.dOutput()));
        KATA.maxPool(p.input(), p.kernel(), p.stride(), p.padding());
        KATA.maxPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding());
        KATA.avgPool(p.input(), p.kernel(), p.stride(), p.padding(), false);
        KATA.avgPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding(), true);
        assertThat(p.input()).as("input after pooling %s", copy).isDeepEqualTo(copy.input());
        assertThat(p.dOutput()).as("dOutput after the backward passes of %s", copy).isDeepEqualTo(copy.dOutput());
        assertThat(new int[][] {p.kernel(), p.padding()}).as("kernel and padding of %s", copy)
            .isDeepEqualTo(new int[][] {copy.kernel(), copy.padding()});
        assertThat(p.stride()).as("stride of %s", copy).isEqualTo(copy.stride());
      });
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_max_pool_backward_routes_each_gradient_to_a_maximum() {
      // Each window sends dOut to one position holding the window's maximum, so
      // sum(dInput * x) = sum over windows of dOut * max = sum(dOut * maxPool(x)), ties or not.
      Props.check("sum(dInput * input) = sum(dOutput * maxPool(input)) and sum(dInput) = sum(dOutput)", EXAMPLES,
          PoolingGens.problems(), p -> {
            double[][][][] out = KATA.maxPool(p.input(), p.kernel(), p.stride(), p.padding());
            Nchw.assertShape("maxPool of " + p, p.outputShape(), out);
            double[][][][] d = KATA.maxPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding());
            Nchw.assertShape("maxPoolBackward of " + p, p.inputShape(), d);
            assertClose("property 'sum(dInput * input) = sum(dOutput * output)' for " + p, Nchw.dot(p.dOutput(), out),
                Nchw.dot(d, p.input()), IDENTITY);
            assertClose("property 'sum(dInput) = sum(dOutput)' for " + p, sum(p.dOutput()), sum(d), IDENTITY);
          });
    }

    @Test
    void the_avg_pool_backward_is_the_adjoint_of_the_forward() {
      Props.check("sum(dInput * input) = sum(dOutput * avgPool(input)), for both divisors", EXAMPLES,
          PoolingGens.problems(), p -> {
            for (boolean include : new boolean[] {true, false}) {
              double[][][][] out = KATA.avgPool(p.input(), p.kernel(), p.stride(), p.padding(), include);
              Nchw.assertShape("avgPool of " + p, p.outputShape(), out);
              double[][][][] d = KATA.avgPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding(),
                  include);
              Nchw.assertShape("avgPoolBackward of " + p, p.inputShape(), d);
              assertClose("property 'sum(dInput * input) = sum(dOutput * output)', countIncludePad " + include
                  + ", for " + p, Nchw.dot(p.dOutput(), out), Nchw.dot(d, p.input()), IDENTITY);
            }
          });
    }

    @Test
    void without_padding_both_divisors_agree() {
      Props.check("with padding 0, countIncludePad true and false give the same averages", EXAMPLES,
          PoolingGens.problems(), p -> {
            if (p.inputShape()[2] < p.kernel()[0] || p.inputShape()[3] < p.kernel()[1]) {
              return;
            }
            Nchw.assertClose("property 'no padding: avgPool(true) = avgPool(false)' for " + p,
                KATA.avgPool(p.input(), p.kernel(), p.stride(), ZERO, true),
                KATA.avgPool(p.input(), p.kernel(), p.stride(), ZERO, false), OUTPUT);
          });
    }

    @Test
    void a_mean_never_exceeds_the_maximum_of_the_same_window() {
      Props.check("avgPool(countIncludePad false) <= maxPool, entry by entry", EXAMPLES, PoolingGens.problems(), p -> {
        double[] avg = Nchw.flatten(KATA.avgPool(p.input(), p.kernel(), p.stride(), p.padding(), false));
        double[] max = Nchw.flatten(KATA.maxPool(p.input(), p.kernel(), p.stride(), p.padding()));
        assertThat(avg).as("avgPool of %s", p).hasSameSizeAs(max);
        for (int k = 0; k < avg.length; k++) {
          assertThat(avg[k]).as("property 'mean <= max' at flat output %d for %s; means %s, maxima %s", k, p,
              Arrays.toString(avg), Arrays.toString(max)).isLessThanOrEqualTo(max[k] + OUTPUT);
        }
      });
    }

    @Test
    void shifting_the_input_shifts_the_max_pool() {
      Props.check("maxPool(input + 10) = maxPool(input) + 10 (padding is -infinity, not 0)", EXAMPLES,
          PoolingGens.problems(), p -> {
            double[][][][] shifted = Nchw.copy(p.input());
            double[][][][] expected = KATA.maxPool(p.input(), p.kernel(), p.stride(), p.padding());
            Nchw.assertShape("maxPool of " + p, p.outputShape(), expected);
            add(shifted, 10);
            add(expected, 10);
            Nchw.assertClose("property 'maxPool(input + 10) = maxPool(input) + 10' for " + p, expected,
                KATA.maxPool(shifted, p.kernel(), p.stride(), p.padding()), OUTPUT);
          });
    }
  }

  @Nested
  @DisplayName("gradients against central finite differences")
  final class FiniteDifferences {
    @Test
    void avg_pool_gradient_matches_finite_differences() {
      Props.check("avgPoolBackward matches central differences of sum(dOutput * avgPool)", GRADIENT_EXAMPLES,
          PoolingGens.problems(), p -> {
            for (boolean include : new boolean[] {true, false}) {
              double[][][][] d = KATA.avgPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding(),
                  include);
              Nchw.assertShape("avgPoolBackward of " + p, p.inputShape(), d);
              assertGradientMatches("avgPoolBackward, countIncludePad " + include + ", for " + p,
                  x -> Nchw.dot(p.dOutput(), KATA.avgPool(Nchw.unflatten(x, p.inputShape()), p.kernel(), p.stride(),
                      p.padding(), include)), Nchw.flatten(p.input()), Nchw.flatten(d), FD_STEP, FD_TOLERANCE);
            }
          });
    }

    @Test
    void max_pool_gradient_matches_finite_differences_without_ties() {
      Props.check("maxPoolBackward matches central differences of sum(dOutput * maxPool) on inputs without ties",
          GRADIENT_EXAMPLES, PoolingGens.distinctProblems(), p -> {
            double[][][][] d = KATA.maxPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding());
            Nchw.assertShape("maxPoolBackward of " + p, p.inputShape(), d);
            assertGradientMatches("maxPoolBackward for " + p,
                x -> Nchw.dot(p.dOutput(), KATA.maxPool(Nchw.unflatten(x, p.inputShape()), p.kernel(), p.stride(),
                    p.padding())), Nchw.flatten(p.input()), Nchw.flatten(d), FD_STEP, FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void both_poolings_and_their_backward_match_the_reference() {
      Props.check("maxPool, avgPool and their backward passes agree with the reference solution", EXAMPLES,
          PoolingGens.problems(), p -> {
            Nchw.assertClose("maxPool, reference vs yours, for " + p,
                REFERENCE.maxPool(p.input(), p.kernel(), p.stride(), p.padding()),
                KATA.maxPool(p.input(), p.kernel(), p.stride(), p.padding()), OUTPUT);
            Nchw.assertClose("maxPoolBackward, reference vs yours, for " + p,
                REFERENCE.maxPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding()),
                KATA.maxPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding()), GRADIENT);
            for (boolean include : new boolean[] {true, false}) {
              Nchw.assertClose("avgPool (countIncludePad " + include + "), reference vs yours, for " + p,
                  REFERENCE.avgPool(p.input(), p.kernel(), p.stride(), p.padding(), include),
                  KATA.avgPool(p.input(), p.kernel(), p.stride(), p.padding(), include), OUTPUT);
              Nchw.assertClose("avgPoolBackward (countIncludePad " + include + "), reference vs yours, for " + p,
                  REFERENCE.avgPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding(), include),
                  KATA.avgPoolBackward(p.dOutput(), p.input(), p.kernel(), p.stride(), p.padding(), include),
                  GRADIENT);
            }
          });
    }
  }

  // ---- helpers ----

  /** The statement example's 3x3 channel {@code [[1, 3, 3], [3, 2, 3], [0, 3, 1]]}. */
  static double[][][][] statement() {
    return new double[][][][] {{{{1, 3, 3}, {3, 2, 3}, {0, 3, 1}}}};
  }

  /** {@code v[h][w] = 4h + w} on a 4x4 grid. */
  static double[][][][] grid() {
    double[][][][] v = new double[1][1][4][4];
    for (int h = 0; h < 4; h++) {
      for (int w = 0; w < 4; w++) {
        v[0][0][h][w] = 4 * h + w;
      }
    }
    return v;
  }

  static double sum(double[][][][] t) {
    return Arrays.stream(Nchw.flatten(t)).sum();
  }

  static void add(double[][][][] t, double c) {
    for (double[][][] a : t) {
      for (double[][] b : a) {
        for (double[] row : b) {
          for (int i = 0; i < row.length; i++) {
            row[i] += c;
          }
        }
      }
    }
  }
}

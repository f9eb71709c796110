package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.layers.Conv2dGens.Problem;
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
 * Grades {@code layers/conv2d}: PyTorch's {@code F.conv2d} (cross-correlation) with per-axis stride,
 * zero padding and dilation, groups and an optional bias, and its backward to the input, the weight
 * and the bias.
 *
 * <p>Tolerances (absolute): {@link #OUTPUT} for outputs, {@link #GRADIENT} for gradients compared with
 * PyTorch or the reference, {@link #IDENTITY} for the inner-product identities of the backward, and
 * {@link #FD_STEP} / {@link #FD_TOLERANCE} for central differences. A flipped kernel, an off-by-one in
 * the padding or the output size, a group mapping {@code oc % groups} instead of consecutive blocks, or a
 * gradient that forgets to accumulate moves a result by at least 0.1 on the inputs used here.
 */
@KataSpec
@DisplayName("layers/conv2d: 2-D convolution, forward and backward")
final class Conv2dSpec {
  /**
   * An output is a sum of at most 3*3*3 = 27 products of values below 3 in size (the goldens: 54 products
   * of normal draws); float64 keeps it to about 1e-14.
   */
  static final double OUTPUT = 1e-10;
  /** A gradient entry sums at most a few hundred such products: about 1e-13. */
  static final double GRADIENT = 1e-10;
  /** Inner products of a few hundred terms of size up to 10, equal in exact arithmetic: about 1e-12. */
  static final double IDENTITY = 1e-9;
  /**
   * Step of the central differences. The loss sum(dOutput * out) is linear in each argument, so the
   * differences are exact up to rounding (about 1e-16 * |loss| / h = 1e-10).
   */
  static final double FD_STEP = 1e-5;
  /** Rounding of the differences (about 1e-10) with a wide margin; a wrong gradient is off by 0.1 or more. */
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 200;
  private static final int GRADIENT_EXAMPLES = 40;

  private static final Conv2dApi KATA = Target.pick(new Conv2dOfExercises(), new Conv2dOfSolutions());
  private static final Conv2dApi REFERENCE = new Conv2dOfSolutions();

  static final int[] ONE = {1, 1};
  static final int[] ZERO = {0, 0};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_output_size_follows_pytorchs_formula() {
      // floor((size + 2p - d(k - 1) - 1) / s) + 1
      assertThat(KATA.outputSize(5, 3, 1, 0, 1)).as("outputSize(size 5, kernel 3): (5 - 2 - 1) / 1 + 1").isEqualTo(3);
      assertThat(KATA.outputSize(7, 3, 2, 1, 1)).as("outputSize(size 7, kernel 3, stride 2, padding 1): 6 / 2 + 1")
          .isEqualTo(4);
      assertThat(KATA.outputSize(6, 3, 2, 0, 1))
          .as("outputSize(size 6, kernel 3, stride 2): floor(3 / 2) + 1, the last partial stride dropped").isEqualTo(2);
      assertThat(KATA.outputSize(7, 3, 1, 0, 2)).as("outputSize(size 7, kernel 3, dilation 2): the kernel spans 5")
          .isEqualTo(3);
      assertThat(KATA.outputSize(2, 3, 1, 1, 1)).as("outputSize(size 2, kernel 3, padding 1): (2 + 2 - 3) + 1")
          .isEqualTo(2);
      assertThat(KATA.outputSize(1, 1, 5, 0, 1)).as("outputSize(size 1, kernel 1, stride 5)").isEqualTo(1);
    }

    @Test
    void the_kernel_is_not_flipped() {
      // Statement example: every 2x2 window [[a, a + 1], [a + 3, a + 4]] times [[1, 0], [0, -1]] gives
      // a - (a + 4) = -4, plus bias 10. A flipped kernel gives -a + (a + 4) + 10 = 14.
      double[][][][] out = KATA.forward(statementInput(), statementWeight(), new double[] {10}, ONE, ZERO, ONE, 1);
      Nchw.assertClose("forward of the statement example (cross-correlation: no kernel flip, as PyTorch)",
          new double[][][][] {{{{6, 6}, {6, 6}}}}, out, OUTPUT);
    }

    @Test
    void gradients_accumulate_over_overlapping_windows() {
      // [1, 2, 3] with kernel [[1, 1]]: out = [3, 5]. dOutput [1, 1]: input 2 is read by both windows.
      double[][][][] input = {{{{1, 2, 3}}}};
      double[][][][] weight = {{{{1, 1}}}};
      Conv2dApi.Gradients g = KATA.backward(new double[][][][] {{{{1, 1}}}}, input, weight, ONE, ZERO, ONE, 1);
      assertThat(g).as("backward of [1, 2, 3] with kernel [1, 1]").isNotNull();
      Nchw.assertClose("dInput of [1, 2, 3] with kernel [1, 1]: the middle value sums both windows",
          new double[][][][] {{{{1, 2, 1}}}}, g.dInput(), GRADIENT);
      Nchw.assertClose("dWeight of [1, 2, 3] with kernel [1, 1]: [1 + 2, 2 + 3]", new double[][][][] {{{{3, 5}}}},
          g.dWeight(), GRADIENT);
      assertAllClose("dBias of [1, 2, 3] with kernel [1, 1]", new double[] {2}, g.dBias(), GRADIENT);
    }

    @Test
    void the_statement_example_backward() {
      Conv2dApi.Gradients g = KATA.backward(new double[][][][] {{{{1, 0}, {0, 0}}}}, statementInput(),
          statementWeight(), ONE, ZERO, ONE, 1);
      assertThat(g).as("backward of the statement example").isNotNull();
      assertAllClose("dBias of the statement example: the sum of dOutput", new double[] {1}, g.dBias(), GRADIENT);
      Nchw.assertClose("dWeight of the statement example: the input window of out[0][0]",
          new double[][][][] {{{{1, 2}, {4, 5}}}}, g.dWeight(), GRADIENT);
      Nchw.assertClose("dInput of the statement example: the kernel placed at out[0][0]'s window",
          new double[][][][] {{{{1, 0, 0}, {0, -1, 0}, {0, 0, 0}}}}, g.dInput(), GRADIENT);
    }

    @Test
    void zero_padding_surrounds_the_input() {
      // Input [[1, 2], [3, 4]], a 3x3 kernel with a single 1 at its top-left, padding 1: out[oh][ow] reads
      // padded position (oh, ow), i.e. input (oh - 1, ow - 1), which is 0 outside the input.
      double[][][][] input = {{{{1, 2}, {3, 4}}}};
      double[][][][] weight = {{{{1, 0, 0}, {0, 0, 0}, {0, 0, 0}}}};
      double[][][][] out = KATA.forward(input, weight, null, ONE, ONE, ONE, 1);
      Nchw.assertClose("forward of [[1, 2], [3, 4]] with a top-left-1 3x3 kernel, padding 1 (zeros around)",
          new double[][][][] {{{{0, 0}, {0, 1}}}}, out, OUTPUT);
      Conv2dApi.Gradients g = KATA.backward(new double[][][][] {{{{1, 1}, {1, 1}}}}, input, weight, ONE, ONE, ONE, 1);
      assertThat(g).as("backward with padding 1").isNotNull();
      // Only out[1][1] reads a real value (input[0][0]) through the kernel's top-left tap.
      Nchw.assertClose("dInput with padding 1 (padded reads send no gradient anywhere)",
          new double[][][][] {{{{1, 0}, {0, 0}}}}, g.dInput(), GRADIENT);
      // dWeight[kh][kw] = sum over outputs of the value read at tap (kh, kw): tap (1, 1) reads all four.
      Nchw.assertClose("dWeight with padding 1, dOutput all ones",
          new double[][][][] {{{{1, 3, 2}, {4, 10, 6}, {3, 7, 4}}}}, g.dWeight(), GRADIENT);
    }

    @Test
    void the_stride_skips_positions_and_those_get_no_gradient() {
      // v[h][w] = 4h + w on a 4x4 grid, a 1x1 kernel [[1]], stride 2: out = v at (0,0), (0,2), (2,0), (2,2).
      double[][][][] input = {{{{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}, {12, 13, 14, 15}}}};
      double[][][][] weight = {{{{1}}}};
      int[] two = {2, 2};
      Nchw.assertClose("forward of a 4x4 grid with a 1x1 kernel and stride 2",
          new double[][][][] {{{{0, 2}, {8, 10}}}}, KATA.forward(input, weight, null, two, ZERO, ONE, 1), OUTPUT);
      Conv2dApi.Gradients g = KATA.backward(new double[][][][] {{{{1, 2}, {3, 4}}}}, input, weight, two, ZERO, ONE, 1);
      assertThat(g).as("backward with stride 2").isNotNull();
      Nchw.assertClose("dInput with stride 2: skipped positions get 0",
          new double[][][][] {{{{1, 0, 2, 0}, {0, 0, 0, 0}, {3, 0, 4, 0}, {0, 0, 0, 0}}}}, g.dInput(), GRADIENT);
      // 1*0 + 2*2 + 3*8 + 4*10 = 68.
      Nchw.assertClose("dWeight with stride 2: sum of dOutput times the value read", new double[][][][] {{{{68}}}},
          g.dWeight(), GRADIENT);
    }

    @Test
    void stride_and_padding_are_per_axis() {
      // [[1, 2, 3, 4], [5, 6, 7, 8]], 1x1 kernel [[1]], stride {1, 2} (height 1, width 2): columns 0 and 2.
      double[][][][] input = {{{{1, 2, 3, 4}, {5, 6, 7, 8}}}};
      Nchw.assertClose("forward with stride {1, 2} (height, width)", new double[][][][] {{{{1, 3}, {5, 7}}}},
          KATA.forward(input, new double[][][][] {{{{1}}}}, null, new int[] {1, 2}, ZERO, ONE, 1), OUTPUT);
      // Padding {1, 0}: a zero row above and below, none at the sides.
      Nchw.assertClose("forward with padding {1, 0} (height, width)",
          new double[][][][] {{{{0, 0, 0, 0}, {1, 2, 3, 4}, {5, 6, 7, 8}, {0, 0, 0, 0}}}},
          KATA.forward(input, new double[][][][] {{{{1}}}}, null, ONE, new int[] {1, 0}, ONE, 1), OUTPUT);
    }

    @Test
    void dilation_spaces_the_kernel_taps() {
      // 3x3 input 1..9, kernel [[1, 0], [0, 1]] with dilation 2: taps at (0, 0) and (2, 2): 1 + 9 = 10.
      Nchw.assertClose("forward of 1..9 with a 2x2 kernel [[1, 0], [0, 1]] and dilation 2 (taps 2 apart)",
          new double[][][][] {{{{10}}}},
          KATA.forward(statementInput(), new double[][][][] {{{{1, 0}, {0, 1}}}}, null, ONE, ZERO, new int[] {2, 2}, 1),
          OUTPUT);
      // Dilation {1, 2}: taps (0, 0) and (1, 2) for output (0, 0): 1 + 6; for (1, 0): 4 + 9.
      Nchw.assertClose("forward of 1..9 with kernel [[1, 0], [0, 1]] and dilation {1, 2}",
          new double[][][][] {{{{7}, {13}}}},
          KATA.forward(statementInput(), new double[][][][] {{{{1, 0}, {0, 1}}}}, null, ONE, ZERO, new int[] {1, 2}, 1),
          OUTPUT);
    }

    @Test
    void groups_are_consecutive_blocks_of_channels() {
      // Input channels [3, 5] (1x1 each), groups 2, 4 output channels with 1x1 weights [1, 2, 3, 4]:
      // outputs 0, 1 read channel 0 and outputs 2, 3 read channel 1: [3, 6, 15, 20]. Grouping by
      // oc % groups would give [3, 10, 9, 20].
      double[][][][] input = {{{{3}}, {{5}}}};
      double[][][][] weight = {{{{1}}}, {{{2}}}, {{{3}}}, {{{4}}}};
      Nchw.assertClose("forward with groups 2: output channels 0-1 see input channel 0, 2-3 see channel 1",
          new double[][][][] {{{{3}}, {{6}}, {{15}}, {{20}}}}, KATA.forward(input, weight, null, ONE, ZERO, ONE, 2),
          OUTPUT);
      Conv2dApi.Gradients g = KATA.backward(new double[][][][] {{{{1}}, {{1}}, {{1}}, {{1}}}}, input, weight, ONE, ZERO,
          ONE, 2);
      assertThat(g).as("backward with groups 2").isNotNull();
      Nchw.assertClose("dInput with groups 2: channel 0 gets 1 + 2, channel 1 gets 3 + 4",
          new double[][][][] {{{{3}}, {{7}}}}, g.dInput(), GRADIENT);
      Nchw.assertClose("dWeight with groups 2: each filter sees its group's channel",
          new double[][][][] {{{{3}}}, {{{3}}}, {{{5}}}, {{{5}}}}, g.dWeight(), GRADIENT);
    }

    @Test
    void a_null_bias_means_no_bias() {
      Nchw.assertClose("forward of the statement example without bias: -4 everywhere",
          new double[][][][] {{{{-4, -4}, {-4, -4}}}}, KATA.forward(statementInput(), statementWeight(), null, ONE,
              ZERO, ONE, 1), OUTPUT);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("layers/conv2d");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forward_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      Nchw.assertClose("output of " + g.what, Nchw.read(c.expected(), "output"),
          KATA.forward(g.input, g.weight, g.bias, g.stride, g.padding, g.dilation, g.groups), OUTPUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      Conv2dApi.Gradients grads = KATA.backward(Nchw.read(c.input(), "dy"), g.input, g.weight, g.stride, g.padding,
          g.dilation, g.groups);
      assertThat(grads).as("backward of %s", g.what).isNotNull();
      assertAllClose("dBias of " + g.what, c.expected().doubles("d_bias"), grads.dBias(), GRADIENT);
      Nchw.assertClose("dWeight of " + g.what, Nchw.read(c.expected(), "d_weight"), grads.dWeight(), GRADIENT);
      Nchw.assertClose("dInput of " + g.what, Nchw.read(c.expected(), "d_input"), grads.dInput(), GRADIENT);
    }

    /** One golden case's arguments. */
    private final class Golden {
      final double[][][][] input;
      final double[][][][] weight;
      final double[] bias;
      final int[] stride;
      final int[] padding;
      final int[] dilation;
      final int groups;
      final String what;

      Golden(Goldens.Case c) {
        Goldens.Values in = c.input();
        input = Nchw.read(in, "input");
        weight = Nchw.read(in, "weight");
        bias = in.has("bias") ? in.doubles("bias") : null;
        stride = in.ints("stride");
        padding = in.ints("padding");
        dilation = in.ints("dilation");
        groups = (int) in.integer("groups");
        what = "golden '" + c.name() + "' (" + c.library() + "; input shape " + Arrays.toString(Nchw.shape(input))
            + ", weight shape " + Arrays.toString(Nchw.shape(weight)) + ", stride " + Arrays.toString(stride)
            + ", padding " + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation) + ", groups "
            + groups + (bias == null ? ", no bias" : "") + ")";
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][][][] input = new double[1][4][3][3];
    final double[][][][] weight = new double[2][2][2][2];

    @Test
    void groups_must_divide_both_channel_counts() {
      assertRejects("forward with 4 input channels and groups 3", "groups",
          () -> KATA.forward(input, new double[3][1][2][2], null, ONE, ZERO, ONE, 3));
      assertRejects("forward with 4 input channels, 3 output channels and groups 2", "groups",
          () -> KATA.forward(input, new double[3][2][2][2], null, ONE, ZERO, ONE, 2));
      assertRejects("forward with groups 0", "groups", () -> KATA.forward(input, weight, null, ONE, ZERO, ONE, 0));
      assertRejects("forward with a weight of 3 input channels per filter for 4 channels in 2 groups", "weight",
          () -> KATA.forward(input, new double[2][3][2][2], null, ONE, ZERO, ONE, 2));
      assertRejects("forward with a weight of 2 input channels per filter for 4 channels in 1 group", "weight",
          () -> KATA.forward(input, weight, null, ONE, ZERO, ONE, 1));
    }

    @Test
    void an_output_smaller_than_one_position_is_rejected() {
      assertRejects("forward of a 3x3 input with a 4x4 kernel", "input",
          () -> KATA.forward(input, new double[2][2][4][4], null, ONE, ZERO, ONE, 2));
      assertRejects("forward of a 3x3 input with a 2x2 kernel of dilation 3 (span 4)", "input",
          () -> KATA.forward(input, weight, null, ONE, ZERO, new int[] {1, 3}, 2));
      assertRejects("outputSize(size 3, kernel 4)", "size", () -> KATA.outputSize(3, 4, 1, 0, 1));
      assertRejects("outputSize(size 3, kernel 3, dilation 2)", "size", () -> KATA.outputSize(3, 3, 1, 0, 2));
    }

    @Test
    void stride_padding_and_dilation_must_be_valid_pairs() {
      assertRejects("forward with stride {1, 0}", "stride",
          () -> KATA.forward(input, weight, null, new int[] {1, 0}, ZERO, ONE, 2));
      assertRejects("forward with padding {-1, 0}", "padding",
          () -> KATA.forward(input, weight, null, ONE, new int[] {-1, 0}, ONE, 2));
      assertRejects("forward with dilation {0, 1}", "dilation",
          () -> KATA.forward(input, weight, null, ONE, ZERO, new int[] {0, 1}, 2));
      assertRejects("forward with a stride of one entry", "stride",
          () -> KATA.forward(input, weight, null, new int[] {1}, ZERO, ONE, 2));
      assertRejects("forward with a padding of three entries", "padding",
          () -> KATA.forward(input, weight, null, ONE, new int[] {0, 0, 0}, ONE, 2));
      assertRejects("forward with a dilation of one entry", "dilation",
          () -> KATA.forward(input, weight, null, ONE, ZERO, new int[] {1}, 2));
      assertRejects("outputSize with size 0", "size", () -> KATA.outputSize(0, 1, 1, 0, 1));
      assertRejects("outputSize with size 0 and padding 1", "size", () -> KATA.outputSize(0, 1, 1, 1, 1));
      assertRejects("outputSize with kernel 0", "kernel", () -> KATA.outputSize(3, 0, 1, 0, 1));
      assertRejects("outputSize with stride 0", "stride", () -> KATA.outputSize(3, 1, 0, 0, 1));
      assertRejects("outputSize with padding -1", "padding", () -> KATA.outputSize(3, 1, 1, -1, 1));
      assertRejects("outputSize with dilation 0", "dilation", () -> KATA.outputSize(3, 1, 1, 0, 0));
    }

    @Test
    void arrays_must_be_non_empty_rectangular_finite_and_fit() {
      assertRejects("forward with a bias of 3 values for 2 output channels", "bias",
          () -> KATA.forward(input, weight, new double[3], ONE, ZERO, ONE, 2));
      assertRejects("forward with a NaN bias", "bias",
          () -> KATA.forward(input, weight, new double[] {0, Double.NaN}, ONE, ZERO, ONE, 2));
      double[][][][] nan = new double[1][4][3][3];
      nan[0][3][2][1] = Double.NaN;
      assertRejects("forward with a NaN in the input", "input", () -> KATA.forward(nan, weight, null, ONE, ZERO, ONE, 2));
      double[][][][] inf = new double[2][2][2][2];
      inf[1][0][1][1] = Double.POSITIVE_INFINITY;
      assertRejects("forward with an infinite weight", "weight", () -> KATA.forward(input, inf, null, ONE, ZERO, ONE, 2));
      assertRejects("forward with an empty input", "input",
          () -> KATA.forward(new double[0][][][], weight, null, ONE, ZERO, ONE, 2));
      assertRejects("forward with an input of width 0", "input",
          () -> KATA.forward(new double[1][4][3][0], weight, null, ONE, ZERO, ONE, 2));
      double[][][][] ragged = new double[1][4][3][3];
      ragged[0][2][1] = new double[2];
      assertRejects("forward with a ragged input", "input", () -> KATA.forward(ragged, weight, null, ONE, ZERO, ONE, 2));
    }

    @Test
    void dOutput_must_have_the_output_shape_and_be_finite() {
      // Output of the 3x3 input with a 2x2 kernel: (1, 2, 2, 2).
      assertRejects("backward with dOutput of height 3 for 2", "dOutput",
          () -> KATA.backward(new double[1][2][3][2], input, weight, ONE, ZERO, ONE, 2));
      assertRejects("backward with dOutput of 1 channel for 2", "dOutput",
          () -> KATA.backward(new double[1][1][2][2], input, weight, ONE, ZERO, ONE, 2));
      assertRejects("backward with dOutput of 2 samples for 1", "dOutput",
          () -> KATA.backward(new double[2][2][2][2], input, weight, ONE, ZERO, ONE, 2));
      assertRejects("backward with dOutput of width 1 for 2", "dOutput",
          () -> KATA.backward(new double[1][2][2][1], input, weight, ONE, ZERO, ONE, 2));
      double[][][][] nan = new double[1][2][2][2];
      nan[0][1][1][0] = Double.NaN;
      assertRejects("backward with a NaN in dOutput", "dOutput",
          () -> KATA.backward(nan, input, weight, ONE, ZERO, ONE, 2));
      assertRejects("backward with groups 3", "groups",
          () -> KATA.backward(new double[1][2][2][2], input, weight, ONE, ZERO, ONE, 3));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("forward with input null", () -> KATA.forward(null, weight, null, ONE, ZERO, ONE, 2));
      assertNullRejected("forward with weight null", () -> KATA.forward(input, null, null, ONE, ZERO, ONE, 2));
      assertNullRejected("forward with stride null", () -> KATA.forward(input, weight, null, null, ZERO, ONE, 2));
      assertNullRejected("forward with padding null", () -> KATA.forward(input, weight, null, ONE, null, ONE, 2));
      assertNullRejected("forward with dilation null", () -> KATA.forward(input, weight, null, ONE, ZERO, null, 2));
      assertNullRejected("backward with dOutput null", () -> KATA.backward(null, input, weight, ONE, ZERO, ONE, 2));
      assertNullRejected("backward with input null",
          () -> KATA.backward(new double[1][2][2][2], null, weight, ONE, ZERO, ONE, 2));
    }

    @Test
    void inputs_are_not_modified() {
      Props.check("forward and backward leave every argument unchanged", 20, Conv2dGens.problems(), p -> {
        Problem copy = new Problem(Nchw.copy(p.input()), Nchw.copy(p.weight()),
            p.bias() == null ? null : p.bias().clone(), p.stride().clone(), p.padding().clone(), p.dilation().clone(),
            p.groups(), Nchw.copy(p.dOutput()));
        KATA.forward(p.input(), p.weight(), p.bias(), p.stride(), p.padding(), p.dilation(), p.groups());
        KATA.backward(p.dOutput(), p.input(), p.weight(), p.stride(), p.padding(), p.dilation(), p.groups());
        assertThat(p.input()).as("input after forward and backward of %s", copy).isDeepEqualTo(copy.input());
        assertThat(p.weight()).as("weight after forward and backward of %s", copy).isDeepEqualTo(copy.weight());
        assertThat(p.dOutput()).as("dOutput after backward of %s", copy).isDeepEqualTo(copy.dOutput());
        assertThat(p.bias()).as("bias after forward of %s", copy).isEqualTo(copy.bias());
        assertThat(new int[][] {p.stride(), p.padding(), p.dilation()}).as("stride, padding, dilation of %s", copy)
            .isDeepEqualTo(new int[][] {copy.stride(), copy.padding(), copy.dilation()});
      });
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_output_has_pytorchs_shape() {
      Props.check("forward's output is (N, C_out, H_out, W_out) by the output-size formula", EXAMPLES,
          Conv2dGens.problems(), p -> {
            int[] in = p.inputShape();
            int[] w = p.weightShape();
            int[] expected = {in[0], w[0],
                KATA.outputSize(in[2], w[2], p.stride()[0], p.padding()[0], p.dilation()[0]),
                KATA.outputSize(in[3], w[3], p.stride()[1], p.padding()[1], p.dilation()[1])};
            assertThat(expected).as("outputSize of the height and width of %s", p).isEqualTo(p.outputShape());
            Nchw.assertShape("forward of " + p, expected, forward(p, p.bias()));
          });
    }

    @Test
    void the_bias_adds_one_constant_per_output_channel() {
      Props.check("forward(bias) = forward(no bias) + bias[oc]", EXAMPLES, Conv2dGens.problems(), p -> {
        double[] bias = p.bias() == null ? new double[] {} : p.bias();
        if (bias.length == 0) {
          return;
        }
        double[][][][] plain = forward(p, null);
        double[][][][] biased = forward(p, bias);
        Nchw.assertShape("forward without bias of " + p, p.outputShape(), plain);
        for (double[][][] sample : plain) {
          for (int oc = 0; oc < sample.length; oc++) {
            for (double[] row : sample[oc]) {
              for (int i = 0; i < row.length; i++) {
                row[i] += bias[oc];
              }
            }
          }
        }
        Nchw.assertClose("property 'forward(bias) = forward(null) + bias[oc]' for " + p, plain, biased, OUTPUT);
      });
    }

    @Test
    void the_backward_is_the_adjoint_of_the_forward() {
      // The convolution without bias is bilinear: sum(dOut * conv(x, w)) = sum(dInput * x) = sum(dWeight * w),
      // and the bias's gradient is the sum of dOut over samples and positions.
      Props.check("sum(dOut * conv(x, w)) = sum(dInput * x) = sum(dWeight * w), dBias = sum of dOut per channel",
          EXAMPLES, Conv2dGens.problems(), p -> {
            Conv2dApi.Gradients g = backward(p);
            Nchw.assertShape("dInput of " + p, p.inputShape(), g.dInput());
            Nchw.assertShape("dWeight of " + p, p.weightShape(), g.dWeight());
            double loss = Nchw.dot(p.dOutput(), forward(p, null));
            assertClose("property 'sum(dInput * input) = sum(dOutput * output without bias)' for " + p, loss,
                Nchw.dot(g.dInput(), p.input()), IDENTITY);
            assertClose("property 'sum(dWeight * weight) = sum(dOutput * output without bias)' for " + p, loss,
                Nchw.dot(g.dWeight(), p.weight()), IDENTITY);
            double[] dBias = new double[p.outputShape()[1]];
            for (double[][][] sample : p.dOutput()) {
              for (int oc = 0; oc < dBias.length; oc++) {
                dBias[oc] += Arrays.stream(sample[oc]).flatMapToDouble(Arrays::stream).sum();
              }
            }
            assertAllClose("property 'dBias = sum of dOutput per channel' for " + p, dBias, g.dBias(), GRADIENT);
          });
    }

    @Test
    void a_grouped_convolution_is_one_convolution_per_group() {
      Props.check("groups G = G separate convolutions on consecutive channel blocks", EXAMPLES, Conv2dGens.problems(),
          p -> {
            if (p.groups() == 1) {
              return;
            }
            double[][][][] all = forward(p, null);
            Nchw.assertShape("forward of " + p, p.outputShape(), all);
            int inPer = p.inputShape()[1] / p.groups();
            int outPer = p.weightShape()[0] / p.groups();
            int g = p.groups() - 1;
            double[][][][] input = new double[p.inputShape()[0]][][][];
            for (int n = 0; n < input.length; n++) {
              input[n] = Arrays.copyOfRange(p.input()[n], g * inPer, (g + 1) * inPer);
            }
            double[][][][] weight = Arrays.copyOfRange(p.weight(), g * outPer, (g + 1) * outPer);
            double[][][][] last = KATA.forward(input, weight, null, p.stride(), p.padding(), p.dilation(), 1);
            double[][][][] expected = new double[all.length][][][];
            for (int n = 0; n < all.length; n++) {
              expected[n] = Arrays.copyOfRange(all[n], g * outPer, (g + 1) * outPer);
            }
            Nchw.assertClose("property 'the last group's outputs = groups-1 convolution of its channel block' for "
                + p, expected, last, OUTPUT);
          });
    }
  }

  @Nested
  @DisplayName("gradients against central finite differences")
  final class FiniteDifferences {
    @Test
    void dInput_matches_finite_differences() {
      Props.check("dInput of loss = sum(dOutput * out) matches central differences", GRADIENT_EXAMPLES,
          Conv2dGens.smallProblems(), p -> {
            Conv2dApi.Gradients g = backward(p);
            Nchw.assertShape("dInput of " + p, p.inputShape(), g.dInput());
            assertGradientMatches("dInput for " + p,
                x -> loss(p, Nchw.unflatten(x, p.inputShape()), p.weight(), p.bias()), Nchw.flatten(p.input()),
                Nchw.flatten(g.dInput()), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void dWeight_matches_finite_differences() {
      Props.check("dWeight of loss = sum(dOutput * out) matches central differences", GRADIENT_EXAMPLES,
          Conv2dGens.smallProblems(), p -> {
            Conv2dApi.Gradients g = backward(p);
            Nchw.assertShape("dWeight of " + p, p.weightShape(), g.dWeight());
            assertGradientMatches("dWeight for " + p,
                w -> loss(p, p.input(), Nchw.unflatten(w, p.weightShape()), p.bias()), Nchw.flatten(p.weight()),
                Nchw.flatten(g.dWeight()), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void dBias_matches_finite_differences() {
      Props.check("dBias of loss = sum(dOutput * out) matches central differences", GRADIENT_EXAMPLES,
          Conv2dGens.smallProblems(), p -> {
            Conv2dApi.Gradients g = backward(p);
            double[] bias = p.bias() == null ? new double[p.weightShape()[0]] : p.bias();
            assertGradientMatches("dBias for " + p, b -> loss(p, p.input(), p.weight(), b), bias, g.dBias(), FD_STEP,
                FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference_on_random_inputs() {
      Props.check("forward and backward agree with the reference solution", EXAMPLES, Conv2dGens.problems(), p -> {
        Nchw.assertClose("output, reference vs yours, for " + p,
            REFERENCE.forward(p.input(), p.weight(), p.bias(), p.stride(), p.padding(), p.dilation(), p.groups()),
            forward(p, p.bias()), OUTPUT);
        Conv2dApi.Gradients e = REFERENCE.backward(p.dOutput(), p.input(), p.weight(), p.stride(), p.padding(),
            p.dilation(), p.groups());
        Conv2dApi.Gradients g = backward(p);
        assertAllClose("dBias, reference vs yours, for " + p, e.dBias(), g.dBias(), GRADIENT);
        Nchw.assertClose("dWeight, reference vs yours, for " + p, e.dWeight(), g.dWeight(), GRADIENT);
        Nchw.assertClose("dInput, reference vs yours, for " + p, e.dInput(), g.dInput(), GRADIENT);
      });
    }
  }

  // ---- helpers ----

  /** The 3x3 input 1..9 of the statement example. */
  static double[][][][] statementInput() {
    return new double[][][][] {{{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}};
  }

  static double[][][][] statementWeight() {
    return new double[][][][] {{{{1, 0}, {0, -1}}}};
  }

  static double[][][][] forward(Problem p, double[] bias) {
    double[][][][] out = KATA.forward(p.input(), p.weight(), bias, p.stride(), p.padding(), p.dilation(), p.groups());
    assertThat(out).as("forward of %s", p).isNotNull();
    return out;
  }

  static Conv2dApi.Gradients backward(Problem p) {
    Conv2dApi.Gradients g = KATA.backward(p.dOutput(), p.input(), p.weight(), p.stride(), p.padding(), p.dilation(),
        p.groups());
    assertThat(g).as("backward of %s", p).isNotNull();
    return g;
  }

  /** {@code sum(dOutput * forward(input, weight, bias))} with the learner's forward. */
  static double loss(Problem p, double[][][][] input, double[][][][] weight, double[] bias) {
    double[][][][] out = KATA.forward(input, weight, bias, p.stride(), p.padding(), p.dilation(), p.groups());
    assertThat(out).as("forward for a finite difference of %s", p).isNotNull();
    Nchw.assertShape("forward of " + p, p.outputShape(), out);
    return Nchw.dot(p.dOutput(), out);
  }
}

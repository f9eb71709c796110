package mlkata.grader.normalization;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.biasedVariance;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.mean;
import static mlkata.grader.support.Tensors.meanSquare;
import static mlkata.grader.support.Tensors.ones;
import static mlkata.grader.support.Tensors.scale;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import mlkata.grader.normalization.GroupNormGens.Batch;
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
 * Grades {@code normalization/group-norm}.
 *
 * <p>Inputs are kept to magnitudes where float64 leaves plenty of room: the worst-conditioned groups
 * have a mean near 1e4 and a spread near 1e-2, where the error of a correct two-pass computation is
 * about {@code |mean| / std * 2^-52}, some 1e-10 on the normalized value. Besides the goldens, the
 * special cases {@code G = 1} (layer norm over C and S) and {@code G = C} (instance norm) are checked
 * against the layer-norm reference solution. Efficiency is not graded: any O(N*C*S) answer is fast.
 */
@KataSpec
@DisplayName("normalization/group-norm: Group norm, forward and backward")
final class GroupNormSpec {
  /**
   * Absolute tolerance on an output {@code y}: outputs are O(10) and a correct answer carries at most
   * about 1e-9 of rounding on the worst-conditioned groups; the one-pass {@code E[x^2] - E[x]^2}
   * variance is off by 1e-6 or more there, and every semantic mistake (unbiased variance, eps outside
   * the root, wrong grouping of the channels) by far more.
   */
  static final double OUTPUT = 1e-7;

  /**
   * Tolerance on a gradient entry, relative to the largest magnitude in its channel of {@code dx} (or
   * in {@code dgamma}, {@code dbeta}), with a floor of 1: gradients reach 1e4 on constant groups with a
   * small eps (rstd = 1/sqrt(eps)), and a correct answer is accurate to about 1e-9 of that scale.
   */
  static final double GRADIENT = 1e-7;

  /**
   * Absolute tolerance on a group statistic of the output (its mean, its variance, a group sum of
   * {@code dx} relative to the group's scale): sums of O(M) terms each with the rounding above.
   */
  static final double STATISTIC = 1e-7;

  /**
   * Mixed tolerance of the finite-difference checks: central differences with step {@link #STEP} on
   * groups whose values are at least 0.5 apart have truncation error near 1e-8 and rounding near 1e-10.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-5;

  private static final int EXAMPLES = 150;

  private static final GroupNormApi KATA = Target.pick(new GroupNormOfExercises(), new GroupNormOfSolutions());
  private static final GroupNormApi REFERENCE = new GroupNormOfSolutions();
  private static final LayerNormApi LAYER_NORM = new LayerNormOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Group 0 = channels 0, 1 = {1, 2, 3, 4}: mean 2.5, var 1.25. Group 1 = {0, 0, 2, 2}: mean 1, var 1.
      // dy of ones: dx = 0, dgamma = sum over positions of xhat, dbeta = S = 2.
      double a = 1 / Math.sqrt(1.25 + 1e-5);
      double b = 1 / Math.sqrt(1 + 1e-5);
      double[][][] x = {{{1, 2}, {3, 4}, {0, 0}, {2, 2}}};
      GroupNormApi.Forward f = forward("forward(x, 2, ones, zeros, 1e-5) of the statement", x, 2, ones(4), new double[4], 1e-5);
      assertAllClose3("y of the statement example",
          new double[][][] {{{-1.5 * a, -0.5 * a}, {0.5 * a, 1.5 * a}, {-b, -b}, {b, b}}}, f.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward(dy = ones) of the statement example", filled(1, 4, 2, 1), f);
      assertGradients("backward of the statement example with dy = ones", new double[1][4][2],
          new double[] {-2 * a, 2 * a, -2 * b, 2 * b}, new double[] {2, 2, 2, 2}, g);
    }

    @Test
    void a_group_worked_by_hand_with_scale_shift_and_a_large_eps() {
      // C = 2, S = 1, G = 1: the group is {1, 3}: mean 2, biased var 1; eps 0.44 so rstd = 5/6.
      // xhat = [-5/6, 5/6]; y = [2*(-5/6) + 1, -1*(5/6) + 0.5] = [-2/3, -1/3].
      // dy = [1, 0]: g = [2, 0], sum g = 2, sum g*xhat = -5/3;
      // dx = rstd/2 * (2g - 2 - xhat*(-5/3)) = 5/12 * [11/18, -11/18] = [55/216, -55/216].
      double[][][] x = {{{1}, {3}}};
      GroupNormApi.Forward f = forward("forward([[[1], [3]]], 1, [2, -1], [1, 0.5], 0.44)", x, 1,
          new double[] {2, -1}, new double[] {1, 0.5}, 0.44);
      assertAllClose3("y of [[[1], [3]]] with gamma [2, -1], beta [1, 0.5], eps 0.44",
          new double[][][] {{{-2.0 / 3}, {-1.0 / 3}}}, f.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward(dy = [[[1], [0]]]) of that forward", new double[][][] {{{1}, {0}}}, f);
      assertGradients("backward of [[[1], [3]]] with dy = [[[1], [0]]]", new double[][][] {{{55.0 / 216}, {-55.0 / 216}}},
          new double[] {-5.0 / 6, 0}, new double[] {1, 0}, g);
    }

    @Test
    void each_group_is_normalized_with_its_biased_variance() {
      // C = 3, S = 1, G = 1: the group is {-1, 0, 1}, mean 0, biased variance 2/3 (unbiased 1); eps 1/3, so
      // rstd = 1 and y = x. The unbiased variance would divide by sqrt(4/3): y = [-0.866, 0, 0.866].
      double[][][] x = {{{-1}, {0}, {1}}};
      GroupNormApi.Forward f = forward("forward([[[-1], [0], [1]]], 1, ones, zeros, 1/3)", x, 1, ones(3),
          new double[3], 1.0 / 3);
      assertAllClose3("y of [[[-1], [0], [1]]] with G = 1, eps 1/3: x / sqrt(biased var 2/3 + 1/3) = x (the unbiased"
          + " variance would give +-0.866)", x, f.y(), OUTPUT);
    }

    @Test
    void backward_keeps_the_term_through_the_variance() {
      // Same group, xhat = x, rstd = 1. dy = [0, 0, 3]: sum(dy) = 3, sum(dy * xhat) = 3, so
      // dx = rstd / 3 * (3 dy - sum(dy) - xhat * sum(dy * xhat)) = [0, -1, 1]. Dropping the
      // xhat * sum(dy * xhat) term gives [-1, -1, 2]; dropping sum(dy) gives [1, 0, 2].
      GroupNormApi.Forward f = forward("forward([[[-1], [0], [1]]], 1, ones, zeros, 1/3)",
          new double[][][] {{{-1}, {0}, {1}}}, 1, ones(3), new double[3], 1.0 / 3);
      GroupNormApi.Gradients g = backward("backward(dy = [[[0], [0], [3]]]) of that forward",
          new double[][][] {{{0}, {0}, {3}}}, f);
      assertGradients("backward of [[[-1], [0], [1]]], G = 1, eps 1/3, dy = [[[0], [0], [3]]]: dx = [0, -1, 1]"
          + " (without the xhat * sum(dy * xhat) term [-1, -1, 2], without the sum(dy) term [1, 0, 2])",
          new double[][][] {{{0}, {-1}, {1}}}, new double[] {0, 0, 3}, new double[] {0, 0, 3}, g);
    }

    @Test
    void a_group_with_a_large_offset_or_values_near_1e150_is_normalized_exactly() {
      // Group 1 is group 0 plus 1e9 (exact in float64): both normalize to [-1, 0, 1] with eps 1/3. The
      // one-pass variance E[x^2] - E[x]^2 cancels 1e18-sized terms and returns garbage for group 1.
      double[][][] x = {{{-1}, {0}, {1}, {1e9 - 1}, {1e9}, {1e9 + 1}}};
      GroupNormApi.Forward f = forward("forward of one sample [-1, 0, 1, 1e9 - 1, 1e9, 1e9 + 1] with G = 2", x, 2,
          ones(6), new double[6], 1.0 / 3);
      assertAllClose3("y of one sample [-1, 0, 1, 1e9 - 1, 1e9, 1e9 + 1] (S = 1) with G = 2, eps 1/3: two passes",
          new double[][][] {{{-1}, {0}, {1}, {-1}, {0}, {1}}}, f.y(), OUTPUT);
      // [-1e150, 0, 1e150]: xhat = +-sqrt(3/2) and 0. A backward pass that raises var + eps to the power
      // -3/2 overflows here. dy = [0, 0, 3]: dx = rstd / 3 * ([0, 0, 9] - 3 - xhat * 3 sqrt(3/2)),
      // rstd = 1 / (sqrt(2/3) * 1e150).
      double r = Math.sqrt(1.5);
      GroupNormApi.Forward huge = forward("forward([[[-1e150], [0], [1e150]]], 1, ones, zeros, 1e-5)",
          new double[][][] {{{-1e150}, {0}, {1e150}}}, 1, ones(3), new double[3], 1e-5);
      assertAllClose3("y of [[[-1e150], [0], [1e150]]]: +-sqrt(3/2) and 0", new double[][][] {{{-r}, {0}, {r}}},
          huge.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward(dy = [[[0], [0], [3]]]) of [[[-1e150], [0], [1e150]]]",
          new double[][][] {{{0}, {0}, {3}}}, huge);
      assertShape3("dx of [[[-1e150], [0], [1e150]]]", g.dx(), 1, 3, 1);
      double k = 1 / (3 * Math.sqrt(2.0 / 3));
      double[] inUnits = {g.dx()[0][0][0] * 1e150, g.dx()[0][1][0] * 1e150, g.dx()[0][2][0] * 1e150};
      assertAllClose("dx of [[[-1e150], [0], [1e150]]] with dy = [[[0], [0], [3]]], in units of 1e-150 (the"
          + " variance path must not overflow)", new double[] {k * (-3 + 3 * r * r), k * -3, k * (6 - 3 * r * r)},
          inUnits, GRADIENT);
    }

    @Test
    void the_groups_are_consecutive_channels_and_the_statistics_span_all_positions() {
      // C = 4, G = 2, S = 2, eps 0.25. Group 0 = channels 0, 1 = {0, 2, 0, 2}: mean 1, var 1, rstd = 1/sqrt(1.25).
      // Group 1 = channels 2, 3 = {5, 5, 5, 9}: mean 6, var 3, rstd = 1/sqrt(3.25).
      // (Interleaved groups {0, 2} and {1, 3}, or statistics per channel, give other numbers.)
      double r0 = 1 / Math.sqrt(1.25);
      double r1 = 1 / Math.sqrt(3.25);
      double[][][] x = {{{0, 2}, {0, 2}, {5, 5}, {5, 9}}};
      GroupNormApi.Forward f = forward("forward of [[[0, 2], [0, 2], [5, 5], [5, 9]]] with G = 2", x, 2, ones(4), new double[4], 0.25);
      assertAllClose3("y of [[[0, 2], [0, 2], [5, 5], [5, 9]]] with G = 2, eps 0.25",
          new double[][][] {{{-r0, r0}, {-r0, r0}, {-r1, -r1}, {-r1, 3 * r1}}}, f.y(), OUTPUT);
    }

    @Test
    void one_value_per_group_gives_beta_and_zero_input_and_scale_gradients() {
      // G = C, S = 1: every group is one value, equal to its own mean: xhat = 0, y = beta; dx = dgamma = 0.
      double[][][] x = {{{3.5}, {-2}}, {{100}, {0}}};
      GroupNormApi.Forward f = forward("forward of a (2, 2, 1) batch with G = 2", x, 2, new double[] {2, -1}, new double[] {0.25, 4}, 1e-5);
      assertAllClose3("y of a (2, 2, 1) batch with G = C", new double[][][] {{{0.25}, {4}}, {{0.25}, {4}}}, f.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward of a (2, 2, 1) batch with G = C",
          new double[][][] {{{1.5}, {-2}}, {{4}, {0.5}}}, f);
      assertGradients("backward of a (2, 2, 1) batch with G = C", new double[2][2][1], new double[] {0, 0},
          new double[] {5.5, -1.5}, g);
    }

    @Test
    void a_constant_group_outputs_beta_but_its_input_gradient_is_not_zero() {
      // One group {5, 5}: var 0, eps 0.25, rstd 2, xhat = 0, y = beta.
      // dy = [1, 0], gamma = [3, 1]: g = [3, 0], sum g = 3, sum g*xhat = 0; dx = 2/2 * ([6, 0] - 3) = [3, -3].
      double[][][] x = {{{5}, {5}}};
      GroupNormApi.Forward f = forward("forward([[[5], [5]]], 1, [3, 1], [0.5, -0.5], 0.25)", x, 1,
          new double[] {3, 1}, new double[] {0.5, -0.5}, 0.25);
      assertAllClose3("y of the constant group [[[5], [5]]]", new double[][][] {{{0.5}, {-0.5}}}, f.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward(dy = [[[1], [0]]]) of the constant group", new double[][][] {{{1}, {0}}}, f);
      assertGradients("backward of the constant group with dy = [[[1], [0]]]", new double[][][] {{{3}, {-3}}},
          new double[] {0, 0}, new double[] {1, 0}, g);
    }

    @Test
    void an_empty_batch_gives_no_samples_and_zero_parameter_gradients() {
      GroupNormApi.Forward f = forward("forward of an empty (0, 4, S) batch with G = 2", new double[0][][], 2,
          new double[] {1.5, -0.5, 2, 1}, new double[] {0.1, 0.2, 0.3, 0.4}, 1e-5);
      assertThat(f.y()).as("y of an empty batch").isEmpty();
      GroupNormApi.Gradients g = backward("backward of an empty batch", new double[0][][], f);
      assertGradients("backward of an empty (0, 4, S) batch", new double[0][][], new double[4], new double[4], g);
    }

    @Test
    void the_four_argument_forward_uses_pytorchs_eps_of_1e_minus_5() {
      // One group {0, 0.002}: biased var 1e-6, so eps dominates: y = +-0.001/sqrt(1.1e-5) = +-0.3015.
      double[][][] x = {{{0, 0.002}}, {{1, 2}}};
      double tiny = 0.001 / Math.sqrt(1e-6 + 1e-5);
      double unit = 0.5 / Math.sqrt(0.25 + 1e-5);
      GroupNormApi.Forward f = KATA.forward(x, 1, ones(1), new double[1]);
      assertThat(f).as("forward([[[0, 0.002]], [[1, 2]]], 1, ones, zeros)").isNotNull();
      assertAllClose3("y of [[[0, 0.002]], [[1, 2]]] with the default eps",
          new double[][][] {{{-tiny, tiny}}, {{-unit, unit}}}, f.y(), OUTPUT);
      GroupNormApi.Gradients g = backward("backward after the four-argument forward", new double[][][] {{{1, 0}}, {{0, 0}}}, f);
      // g = [1, 0], sum g = 1, sum g*xhat = -tiny; dx = rstd/2 * ([2, 0] - 1 - xhat*(-tiny)).
      double rstd = 1 / Math.sqrt(1e-6 + 1e-5);
      double dx0 = rstd / 2 * (1 - tiny * tiny);
      assertGradients("backward after forward([[[0, 0.002]], [[1, 2]]]) with dy = [[[1, 0]], [[0, 0]]]",
          new double[][][] {{{dx0, -dx0}}, {{0, 0}}}, new double[] {-tiny}, new double[] {1}, g);
    }

    @Test
    void inputs_are_not_modified_and_the_cache_does_not_follow_later_changes_to_them() {
      double[][][] x = {{{0.5, -1}, {2, 3}, {3, 1}, {0, 4}}, {{1, 1}, {2, 0}, {-1, 5}, {2, 2}}};
      double[] gamma = {1.5, -0.5, 2, 0.75};
      double[] beta = {0.1, 0.2, 0.3, -0.4};
      double[][][] dy = {{{1, -2}, {0.5, 0.25}, {1, -1}, {3, 0}}, {{0, 1}, {-1, 2}, {0.5, 0.5}, {1, -3}}};
      double[][][] xCopy = deepCopy(x);
      double[] gammaCopy = gamma.clone();
      double[] betaCopy = beta.clone();
      double[][][] dyCopy = deepCopy(dy);
      GroupNormApi.Forward expected = REFERENCE.forward(xCopy, 2, gammaCopy, betaCopy, 1e-5);
      GroupNormApi.Gradients expectedGrad = REFERENCE.backward(dyCopy, expected.cache());

      GroupNormApi.Forward f = forward("forward of a (2, 4, 2) batch", x, 2, gamma, beta, 1e-5);
      assertThat(x).as("x after forward").isDeepEqualTo(xCopy);
      assertThat(gamma).as("gamma after forward").containsExactly(gammaCopy);
      assertThat(beta).as("beta after forward").containsExactly(betaCopy);
      // The caller now reuses its arrays; the saved forward pass must not change.
      for (double[][] sample : x) {
        for (double[] channel : sample) {
          Arrays.fill(channel, 7);
        }
      }
      Arrays.fill(gamma, 0);
      Arrays.fill(beta, 9);
      GroupNormApi.Gradients g = backward("backward after the caller overwrote x, gamma and beta", dy, f);
      assertThat(dy).as("dy after backward").isDeepEqualTo(dyCopy);
      assertGradients("backward after the caller overwrote x, gamma and beta (the cache must hold its own copies)",
          expectedGrad.dx(), expectedGrad.dgamma(), expectedGrad.dbeta(), g);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][][] x = {{{1, 2}, {3, 4}, {0, 0}, {2, 2}}, {{0, 1}, {1, 0}, {5, 5}, {2, 3}}};
    private final double[] gamma = {1, 1, 1, 1};
    private final double[] beta = {0, 0, 0, 0};

    @Test
    void gamma_must_have_at_least_one_finite_value() {
      assertRejects("forward with an empty gamma and beta", "gamma",
          () -> KATA.forward(new double[][][] {{}}, 1, new double[0], new double[0], 1e-5));
      assertRejects("forward with a NaN in gamma", "gamma",
          () -> KATA.forward(x, 2, new double[] {1, Double.NaN, 1, 1}, beta, 1e-5));
      assertRejects("forward with an infinite gamma", "gamma",
          () -> KATA.forward(x, 2, new double[] {1, 1, 1, Double.NEGATIVE_INFINITY}, beta, 1e-5));
    }

    @Test
    void beta_must_match_gamma_and_be_finite() {
      assertRejects("forward with beta of length 3 and gamma of length 4", "beta",
          () -> KATA.forward(x, 2, gamma, new double[] {0, 0, 0}, 1e-5));
      assertRejects("forward with an infinite beta", "beta",
          () -> KATA.forward(x, 2, gamma, new double[] {0, Double.POSITIVE_INFINITY, 0, 0}, 1e-5));
    }

    @Test
    void groups_must_be_positive_and_divide_the_channels() {
      for (int groups : new int[] {0, -2, 3, 8}) {
        assertRejects("forward with groups = " + groups + " and C = 4", "groups",
            () -> KATA.forward(x, groups, gamma, beta, 1e-5));
      }
      assertRejects("forward with groups = 3 and C = 4 on an empty batch", "groups",
          () -> KATA.forward(new double[0][][], 3, gamma, beta, 1e-5));
    }

    @Test
    void every_sample_of_x_must_have_c_channels_of_s_finite_values() {
      assertRejects("forward with a sample of 3 channels when C = 4", "x",
          () -> KATA.forward(new double[][][] {x[0], {{1, 2}, {3, 4}, {0, 0}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with samples of 5 channels when C = 4", "x",
          () -> KATA.forward(new double[][][] {{{1}, {2}, {3}, {4}, {5}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with channels of different lengths in one sample", "x",
          () -> KATA.forward(new double[][][] {{{1, 2}, {3, 4}, {0}, {2, 2}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with samples of different S", "x",
          () -> KATA.forward(new double[][][] {x[0], {{1, 2, 3}, {3, 4, 5}, {0, 0, 0}, {2, 2, 2}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with S = 0", "x",
          () -> KATA.forward(new double[][][] {{{}, {}, {}, {}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with a NaN in x", "x",
          () -> KATA.forward(new double[][][] {x[0], {{1, 2}, {3, Double.NaN}, {0, 0}, {2, 2}}}, 2, gamma, beta, 1e-5));
      assertRejects("forward with an infinity in x", "x",
          () -> KATA.forward(new double[][][] {{{Double.POSITIVE_INFINITY, 2}, {3, 4}, {0, 0}, {2, 2}}}, 2, gamma, beta, 1e-5));
    }

    @Test
    void eps_must_be_finite_and_positive() {
      for (double eps : new double[] {0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("forward with eps = " + eps, "eps", () -> KATA.forward(x, 2, gamma, beta, eps));
      }
    }

    @Test
    void dy_must_have_the_shape_of_y_and_finite_values() {
      GroupNormApi.Forward f = forward("forward of a (2, 4, 2) batch", x, 2, gamma, beta, 1e-5);
      assertRejects("backward with 1 sample of dy after 2 samples of x", "dy",
          () -> KATA.backward(filled(1, 4, 2, 1), f.cache()));
      assertRejects("backward with 3 samples of dy after 2 samples of x", "dy",
          () -> KATA.backward(filled(3, 4, 2, 1), f.cache()));
      assertRejects("backward with 3 channels of dy when C = 4", "dy",
          () -> KATA.backward(filled(2, 3, 2, 1), f.cache()));
      assertRejects("backward with S = 3 in dy after S = 2 in x", "dy",
          () -> KATA.backward(filled(2, 4, 3, 1), f.cache()));
      double[][][] ragged = filled(2, 4, 2, 1);
      ragged[1][3] = new double[] {1};
      assertRejects("backward with a channel of dy of length 1 when S = 2", "dy", () -> KATA.backward(ragged, f.cache()));
      double[][][] nan = filled(2, 4, 2, 1);
      nan[1][2][1] = Double.NaN;
      assertRejects("backward with a NaN in dy", "dy", () -> KATA.backward(nan, f.cache()));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      GroupNormApi.Forward f = forward("forward of a (2, 4, 2) batch", x, 2, gamma, beta, 1e-5);
      assertNullRejected("forward with x null", () -> KATA.forward(null, 2, gamma, beta, 1e-5));
      assertNullRejected("forward with a null sample of x", () -> KATA.forward(new double[][][] {null}, 2, gamma, beta, 1e-5));
      assertNullRejected("forward with a null channel of x",
          () -> KATA.forward(new double[][][] {{{1, 2}, null, {0, 0}, {2, 2}}}, 2, gamma, beta, 1e-5));
      assertNullRejected("forward with gamma null", () -> KATA.forward(x, 2, null, beta, 1e-5));
      assertNullRejected("forward with beta null", () -> KATA.forward(x, 2, gamma, null, 1e-5));
      assertNullRejected("backward with dy null", () -> KATA.backward(null, f.cache()));
      assertNullRejected("backward with cache null", () -> KATA.backward(filled(2, 4, 2, 1), null));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("normalization/group-norm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forward_matches_pytorch(Goldens.Case c) {
      String input = input(c);
      GroupNormApi.Forward f = forward(c, input);
      assertAllClose3("y of " + input + " vs " + c.library(), c.expected().cube("y"), f.y(), OUTPUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_pytorch(Goldens.Case c) {
      String input = input(c);
      GroupNormApi.Gradients g = backward("backward of " + input, c.input().cube("dy"), forward(c, input));
      assertGradients("backward of " + input + " vs " + c.library(), c.expected().cube("dx"),
          c.expected().doubles("dgamma"), c.expected().doubles("dbeta"), g);
    }

    private String input(Goldens.Case c) {
      return "golden '" + c.name() + "' (N = " + c.input().cube("x").length + ", C = "
          + c.input().doubles("gamma").length + ", G = " + c.input().integer("groups") + ", eps "
          + c.input().number("eps") + ")";
    }

    private GroupNormApi.Forward forward(Goldens.Case c, String input) {
      return GroupNormSpec.forward("forward of " + input, c.input().cube("x"), (int) c.input().integer("groups"),
          c.input().doubles("gamma"), c.input().doubles("beta"), c.input().number("eps"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void each_normalized_group_has_mean_zero_and_variance_var_over_var_plus_eps() {
      Props.check("with gamma = 1 and beta = 0 each output group has mean 0 and biased variance var/(var + eps)",
          EXAMPLES, GroupNormGens.batches(3, 4, 3, 5), b -> {
            double[][][] y = forward("forward of " + b.shape(), b.x(), b.groups(), ones(b.channels()),
                new double[b.channels()], b.eps()).y();
            for (int i = 0; i < b.samples(); i++) {
              for (int g = 0; g < b.groups(); g++) {
                double[] in = group(b.x()[i], b.groups(), g);
                double[] out = group(y[i], b.groups(), g);
                double var = biasedVariance(in);
                String where = "sample " + i + ", group " + g;
                assertClose("property 'mean of normalized " + where + " is 0' for " + b.shape(), 0, mean(out), STATISTIC);
                assertClose("property 'biased variance of normalized " + where + " is var/(var + eps) = "
                    + var / (var + b.eps()) + "' for " + b.shape(), var / (var + b.eps()), meanSquare(out), STATISTIC);
              }
            }
          });
    }

    @Test
    void the_affine_map_is_per_channel_and_comes_after_normalizing() {
      Props.check("forward(x, gamma, beta)[i][c][k] = gamma[c] * forward(x, 1, 0)[i][c][k] + beta[c]", EXAMPLES,
          GroupNormGens.batches(3, 4, 3, 5), b -> {
            double[][][] plain = forward("forward with gamma 1, beta 0 of " + b.shape(), b.x(), b.groups(),
                ones(b.channels()), new double[b.channels()], b.eps()).y();
            double[][][] y = forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps()).y();
            double[][][] expected = deepCopy(plain);
            for (double[][] sample : expected) {
              for (int c = 0; c < b.channels(); c++) {
                for (int k = 0; k < b.positions(); k++) {
                  sample[c][k] = b.gamma()[c] * sample[c][k] + b.beta()[c];
                }
              }
            }
            assertAllClose3("property 'y = gamma[c] * xhat + beta[c], element by element' for " + b.shape(), expected, y, OUTPUT);
          });
    }

    @Test
    void adding_a_constant_to_a_group_changes_nothing() {
      Props.check("forward(x + c_ig on each group) = forward(x)", EXAMPLES, GroupNormGens.batches(3, 4, 3, 5), b -> {
        double[][][] shifted = deepCopy(b.x());
        int per = b.channels() / b.groups();
        for (int i = 0; i < b.samples(); i++) {
          for (int c = 0; c < b.channels(); c++) {
            double shift = ((i + c / per) % 2 == 0 ? 1 : -1) * (3.25 + 7 * i + 2 * (c / per));
            for (int k = 0; k < b.positions(); k++) {
              shifted[i][c][k] += shift;
            }
          }
        }
        GroupNormApi.Forward base = forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps());
        GroupNormApi.Forward moved = forward("forward of the shifted groups of " + b.shape(), shifted, b.groups(),
            b.gamma(), b.beta(), b.eps());
        assertAllClose3("property 'adding a constant to a group leaves its output alone' for " + b.shape(),
            base.y(), moved.y(), OUTPUT);
        GroupNormApi.Gradients g0 = backward("backward of " + b.shape(), b.dy(), base);
        GroupNormApi.Gradients g1 = backward("backward of the shifted groups of " + b.shape(), b.dy(), moved);
        assertGradients("property 'adding a constant to a group leaves its gradients alone' for " + b.shape(),
            g0.dx(), g0.dgamma(), g0.dbeta(), g1);
      });
    }

    @Test
    void each_group_of_each_sample_is_normalized_on_its_own() {
      Props.check("group g of sample i equals a one-group norm of that group's channels of that sample alone",
          EXAMPLES, GroupNormGens.batches(3, 4, 3, 5), b -> {
            GroupNormApi.Forward whole = forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps());
            GroupNormApi.Gradients wholeGrad = backward("backward of " + b.shape(), b.dy(), whole);
            int per = b.channels() / b.groups();
            double[] dgamma = new double[b.channels()];
            double[] dbeta = new double[b.channels()];
            for (int i = 0; i < b.samples(); i++) {
              for (int g = 0; g < b.groups(); g++) {
                int from = g * per;
                double[][][] alone = {Arrays.copyOfRange(deepCopy(b.x())[i], from, from + per)};
                double[][][] dyAlone = {Arrays.copyOfRange(deepCopy(b.dy())[i], from, from + per)};
                double[] gamma = Arrays.copyOfRange(b.gamma(), from, from + per);
                double[] beta = Arrays.copyOfRange(b.beta(), from, from + per);
                String what = "property 'group " + g + " of sample " + i + " equals that group alone with G = 1' for " + b.shape();
                GroupNormApi.Forward single = forward("forward of group " + g + " of sample " + i + " alone", alone, 1, gamma, beta, b.eps());
                GroupNormApi.Gradients sg = backward("backward of group " + g + " of sample " + i + " alone", dyAlone, single);
                for (int c = 0; c < per; c++) {
                  assertAllClose(what + ": y, channel " + (from + c), single.y()[0][c], whole.y()[i][from + c], OUTPUT);
                  assertAllClose(what + ": dx, channel " + (from + c), sg.dx()[0][c], wholeGrad.dx()[i][from + c],
                      GRADIENT * scale(sg.dx()[0]));
                  dgamma[from + c] += sg.dgamma()[c];
                  dbeta[from + c] += sg.dbeta()[c];
                }
              }
            }
            assertAllClose("property 'dgamma of the batch = sum of the groups' dgamma' for " + b.shape(), dgamma,
                wholeGrad.dgamma(), GRADIENT * scale(dgamma));
            assertAllClose("property 'dbeta of the batch = sum of the groups' dbeta' for " + b.shape(), dbeta,
                wholeGrad.dbeta(), GRADIENT * scale(dbeta));
          });
    }

    @Test
    void dx_sums_to_zero_over_each_group() {
      Props.check("sum of dx over the channels and positions of each group = 0", EXAMPLES,
          GroupNormGens.batches(3, 4, 3, 5), b -> {
            GroupNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(),
                forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps()));
            assertShape3("dx of " + b.shape(), g.dx(), b.samples(), b.channels(), b.positions());
            for (int i = 0; i < b.samples(); i++) {
              for (int gr = 0; gr < b.groups(); gr++) {
                double[] d = group(g.dx()[i], b.groups(), gr);
                double sum = 0;
                for (double v : d) {
                  sum += v;
                }
                assertClose("property 'dx over group " + gr + " of sample " + i + " sums to 0' (" + Arrays.toString(d)
                    + ") for " + b.shape(), 0, sum, STATISTIC * scale(d) * d.length);
              }
            }
          });
    }

    @Test
    void parameter_gradients_sum_over_samples_and_positions() {
      Props.check("dgamma[c] = sum_i,k dy[i][c][k] * xhat[i][c][k] and dbeta[c] = sum_i,k dy[i][c][k]", EXAMPLES,
          GroupNormGens.batches(3, 4, 3, 5), b -> {
            double[][][] xhat = forward("forward with gamma 1, beta 0 of " + b.shape(), b.x(), b.groups(),
                ones(b.channels()), new double[b.channels()], b.eps()).y();
            GroupNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(),
                forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps()));
            double[] dgamma = new double[b.channels()];
            double[] dbeta = new double[b.channels()];
            for (int i = 0; i < b.samples(); i++) {
              for (int c = 0; c < b.channels(); c++) {
                for (int k = 0; k < b.positions(); k++) {
                  dgamma[c] += b.dy()[i][c][k] * xhat[i][c][k];
                  dbeta[c] += b.dy()[i][c][k];
                }
              }
            }
            assertAllClose("property 'dgamma = sums of dy * xhat per channel' for " + b.shape(), dgamma, g.dgamma(),
                GRADIENT * scale(dgamma));
            assertAllClose("property 'dbeta = sums of dy per channel' for " + b.shape(), dbeta, g.dbeta(), GRADIENT * scale(dbeta));
          });
    }
  }

  @Nested
  @DisplayName("special cases against the layer-norm reference")
  final class SpecialCases {
    @Test
    void one_group_is_layer_norm_over_the_channels_and_positions() {
      // G = 1: sample i flattened to one row of C*S values is layer norm with gamma[c] repeated S times;
      // dgamma[c] is the sum of layer norm's dgamma over channel c's S positions.
      Props.check("G = 1 equals layer norm of each flattened sample", EXAMPLES, GroupNormGens.batches(3, 1, 6, 5), b -> {
        int c = b.channels();
        int s = b.positions();
        double[][] rows = new double[b.samples()][];
        double[][] dyRows = new double[b.samples()][];
        for (int i = 0; i < b.samples(); i++) {
          rows[i] = flatten(b.x()[i]);
          dyRows[i] = flatten(b.dy()[i]);
        }
        LayerNormApi.Forward ln = LAYER_NORM.forward(rows, repeat(b.gamma(), s), repeat(b.beta(), s), b.eps());
        LayerNormApi.Gradients lg = LAYER_NORM.backward(dyRows, ln.cache());
        GroupNormApi.Forward f = forward("forward with G = 1 of " + b.shape(), b.x(), 1, b.gamma(), b.beta(), b.eps());
        GroupNormApi.Gradients g = backward("backward with G = 1 of " + b.shape(), b.dy(), f);
        double[][][] expectedY = new double[b.samples()][][];
        double[][][] expectedDx = new double[b.samples()][][];
        for (int i = 0; i < b.samples(); i++) {
          expectedY[i] = unflatten(ln.y()[i], c, s);
          expectedDx[i] = unflatten(lg.dx()[i], c, s);
        }
        String what = "property 'G = 1 is layer norm over C * S' for " + b.shape();
        assertAllClose3(what + ": y", expectedY, f.y(), OUTPUT);
        assertGradients(what + ": gradients", expectedDx, sumPositions(lg.dgamma(), c, s), sumPositions(lg.dbeta(), c, s), g);
      });
    }

    @Test
    void one_channel_per_group_is_instance_norm() {
      // G = C: channel c of sample i alone is a layer-norm row of S values with gamma[c] in every position.
      Props.check("G = C equals layer norm of each channel of each sample", EXAMPLES, GroupNormGens.batches(3, 5, 1, 6), b -> {
        int c = b.channels();
        int s = b.positions();
        GroupNormApi.Forward f = forward("forward with G = C of " + b.shape(), b.x(), c, b.gamma(), b.beta(), b.eps());
        GroupNormApi.Gradients g = backward("backward with G = C of " + b.shape(), b.dy(), f);
        double[][][] expectedY = new double[b.samples()][c][];
        double[][][] expectedDx = new double[b.samples()][c][];
        double[] dgamma = new double[c];
        double[] dbeta = new double[c];
        for (int ch = 0; ch < c; ch++) {
          double[][] rows = new double[b.samples()][];
          double[][] dyRows = new double[b.samples()][];
          for (int i = 0; i < b.samples(); i++) {
            rows[i] = b.x()[i][ch].clone();
            dyRows[i] = b.dy()[i][ch].clone();
          }
          double[] gamma = new double[s];
          double[] beta = new double[s];
          Arrays.fill(gamma, b.gamma()[ch]);
          Arrays.fill(beta, b.beta()[ch]);
          LayerNormApi.Forward ln = LAYER_NORM.forward(rows, gamma, beta, b.eps());
          LayerNormApi.Gradients lg = LAYER_NORM.backward(dyRows, ln.cache());
          for (int i = 0; i < b.samples(); i++) {
            expectedY[i][ch] = ln.y()[i];
            expectedDx[i][ch] = lg.dx()[i];
          }
          dgamma[ch] = Arrays.stream(lg.dgamma()).sum();
          dbeta[ch] = Arrays.stream(lg.dbeta()).sum();
        }
        String what = "property 'G = C is instance norm, each channel over its S positions' for " + b.shape();
        assertAllClose3(what + ": y", expectedY, f.y(), OUTPUT);
        assertGradients(what + ": gradients", expectedDx, dgamma, dbeta, g);
      });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void dx_matches_central_differences_of_the_loss_sum_dy_times_y() {
      Props.check("dx = d/dx sum(dy * y) by central differences", 50, GroupNormGens.smoothBatches(2, 3, 3, 3), b -> {
        GroupNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(),
            forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps()));
        assertShape3("dx of " + b.shape(), g.dx(), b.samples(), b.channels(), b.positions());
        Function<double[], Double> loss = flat -> loss(b, unflatten(flat, b.samples(), b.channels(), b.positions()),
            b.gamma(), b.beta());
        assertGradientMatches("dx of " + b.shape(), loss, flatten(b.x()), flatten(g.dx()), STEP, FINITE_DIFFERENCE);
      });
    }

    @Test
    void dgamma_and_dbeta_match_central_differences() {
      Props.check("dgamma and dbeta = d/dgamma, d/dbeta sum(dy * y) by central differences", 50,
          GroupNormGens.smoothBatches(2, 3, 3, 3), b -> {
            GroupNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(),
                forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps()));
            assertGradientMatches("dgamma of " + b.shape(), gamma -> loss(b, b.x(), gamma, b.beta()), b.gamma(),
                g.dgamma(), STEP, FINITE_DIFFERENCE);
            assertGradientMatches("dbeta of " + b.shape(), beta -> loss(b, b.x(), b.gamma(), beta), b.beta(),
                g.dbeta(), STEP, FINITE_DIFFERENCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference_on_random_batches() {
      Props.check("forward and backward agree with the reference solution", EXAMPLES, GroupNormGens.batches(4, 4, 4, 6), b -> {
        GroupNormApi.Forward expected = REFERENCE.forward(b.x(), b.groups(), b.gamma(), b.beta(), b.eps());
        GroupNormApi.Gradients expectedGrad = REFERENCE.backward(b.dy(), expected.cache());
        GroupNormApi.Forward f = forward("forward of " + b.shape(), b.x(), b.groups(), b.gamma(), b.beta(), b.eps());
        assertAllClose3("y, reference vs yours, for " + b.shape(), expected.y(), f.y(), OUTPUT);
        assertGradients("backward, reference vs yours, for " + b.shape(), expectedGrad.dx(), expectedGrad.dgamma(),
            expectedGrad.dbeta(), backward("backward of " + b.shape(), b.dy(), f));
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** Calls the kata's forward and checks that it returned something of the right shape. */
  static GroupNormApi.Forward forward(String what, double[][][] x, int groups, double[] gamma, double[] beta, double eps) {
    GroupNormApi.Forward f = KATA.forward(x, groups, gamma, beta, eps);
    assertThat(f).as(what).isNotNull();
    assertShape3(what + ": y", f.y(), x.length, gamma.length, x.length == 0 ? 0 : x[0][0].length);
    return f;
  }

  /** Calls the kata's backward with the cache of {@code f}. */
  static GroupNormApi.Gradients backward(String what, double[][][] dy, GroupNormApi.Forward f) {
    GroupNormApi.Gradients g = KATA.backward(dy, f.cache());
    assertThat(g).as(what).isNotNull();
    return g;
  }

  /** dx channel by channel, dgamma and dbeta, each within {@link #GRADIENT} relative to its own scale. */
  static void assertGradients(String what, double[][][] dx, double[] dgamma, double[] dbeta, GroupNormApi.Gradients g) {
    assertShape3(what + ": dx", g.dx(), dx.length, dgamma.length, dx.length == 0 ? 0 : dx[0][0].length);
    for (int i = 0; i < dx.length; i++) {
      for (int c = 0; c < dx[i].length; c++) {
        assertAllClose(what + ": dx, sample " + i + ", channel " + c, dx[i][c], g.dx()[i][c], GRADIENT * scale(dx[i][c]));
      }
    }
    assertAllClose(what + ": dgamma", dgamma, g.dgamma(), GRADIENT * scale(dgamma));
    assertAllClose(what + ": dbeta", dbeta, g.dbeta(), GRADIENT * scale(dbeta));
  }

  /** Shape first, then every channel within {@code tolerance}. */
  static void assertAllClose3(String what, double[][][] expected, double[][][] actual, double tolerance) {
    assertShape3(what, actual, expected.length, expected.length == 0 ? 0 : expected[0].length,
        expected.length == 0 ? 0 : expected[0][0].length);
    for (int i = 0; i < expected.length; i++) {
      for (int c = 0; c < expected[i].length; c++) {
        assertAllClose(what + ": sample " + i + ", channel " + c, expected[i][c], actual[i][c], tolerance);
      }
    }
  }

  static void assertShape3(String what, double[][][] t, int n, int c, int s) {
    assertThat(t).as("%s: the result tensor", what).isNotNull();
    assertThat(t.length).as("%s: number of samples", what).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(t[i]).as("%s: sample %d", what, i).isNotNull();
      assertThat(t[i].length).as("%s: number of channels of sample %d", what, i).isEqualTo(c);
      for (int ch = 0; ch < c; ch++) {
        assertThat(t[i][ch]).as("%s: sample %d, channel %d", what, i, ch).isNotNull();
        assertThat(t[i][ch].length).as("%s: positions of sample %d, channel %d", what, i, ch).isEqualTo(s);
      }
    }
  }

  /** sum(dy * y) for the kata's forward pass at the given point: the loss the gradients belong to. */
  static double loss(Batch b, double[][][] x, double[] gamma, double[] beta) {
    double[][][] y = KATA.forward(x, b.groups(), gamma, beta, b.eps()).y();
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      for (int c = 0; c < y[i].length; c++) {
        for (int k = 0; k < y[i][c].length; k++) {
          total += b.dy()[i][c][k] * y[i][c][k];
        }
      }
    }
    return total;
  }

  /** The values of group {@code g} of one sample (channels by positions), in order. */
  static double[] group(double[][] sample, int groups, int g) {
    int per = sample.length / groups;
    return flatten(Arrays.copyOfRange(sample, g * per, (g + 1) * per));
  }

  /** Each value of {@code v} repeated {@code times} times in a row: per-channel to per-position. */
  static double[] repeat(double[] v, int times) {
    double[] out = new double[v.length * times];
    for (int j = 0; j < out.length; j++) {
      out[j] = v[j / times];
    }
    return out;
  }

  /** Sums consecutive runs of {@code s} values: per-position back to per-channel. */
  static double[] sumPositions(double[] v, int c, int s) {
    double[] out = new double[c];
    for (int j = 0; j < c * s; j++) {
      out[j / s] += v[j];
    }
    return out;
  }

  static double[][][] filled(int n, int c, int s, double value) {
    double[][][] t = new double[n][c][s];
    for (double[][] sample : t) {
      for (double[] channel : sample) {
        Arrays.fill(channel, value);
      }
    }
    return t;
  }

  static double[][][] deepCopy(double[][][] t) {
    double[][][] out = new double[t.length][][];
    for (int i = 0; i < t.length; i++) {
      out[i] = new double[t[i].length][];
      for (int c = 0; c < t[i].length; c++) {
        out[i][c] = t[i][c].clone();
      }
    }
    return out;
  }
}

package mlkata.grader.normalization;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.biasedVariance;
import static mlkata.grader.support.Tensors.deepCopy;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.mean;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import mlkata.grader.normalization.BatchNormGens.Problem;
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
 * Grades {@code normalization/batch-norm}: PyTorch's {@code F.batch_norm} in training and eval mode,
 * the running-statistics update and the training backward, on {@code [N][C][S]} arrays.
 *
 * <p>Tolerances (absolute unless said otherwise): {@link #OUTPUT} for forward outputs,
 * {@link #RUNNING} for running statistics, {@link #GRADIENT} for analytic gradients compared with
 * PyTorch or the reference, {@link #STATISTIC} for statistics of the output that the grader recomputes,
 * {@link #IDENTITY} (relative) for sums over a channel that must cancel, and {@link #FD_STEP} /
 * {@link #FD_TOLERANCE} for central differences. Every mistake this kata is about (1/m versus
 * 1/(m-1), eps outside the root, Keras's momentum, a backward without the mean terms) moves a result
 * by at least 1e-7 on the inputs used here, orders of magnitude above these tolerances.
 */
@KataSpec
@DisplayName("normalization/batch-norm: Batch norm, forward and backward")
final class BatchNormSpec {
  /**
   * Outputs y are at most a few hundred in size and a two-pass float64 computation is accurate to
   * about 1e-13 of that; values with a common offset of 1e4 lose a further few ulps of 1e4 in
   * {@code x - mean}.
   */
  static final double OUTPUT = 1e-10;
  /** Running statistics reach 1e4 in the goldens; one update is a few roundings of that size. */
  static final double RUNNING = 1e-10;
  /**
   * dx is up to gamma / sqrt(eps) (about 1e3) times dy for a constant channel; float64 sums over a
   * channel keep about 13 significant digits of that.
   */
  static final double GRADIENT = 1e-9;
  /** A mean or a variance of at most 36 outputs of size about 1, each accurate to 1e-13. */
  static final double STATISTIC = 1e-9;
  /**
   * Relative to the sum of the absolute terms: a sum that is zero in exact arithmetic keeps rounding
   * of about 1e-16 per term, so 1e-9 is loose for a right answer and tight for a missing term.
   */
  static final double IDENTITY = 1e-9;
  /** Step of the central differences: truncation error O(h^2) = 1e-10 on these smooth inputs. */
  static final double FD_STEP = 1e-5;
  /**
   * Mixed absolute/relative tolerance of the finite-difference check: truncation (1e-10 times third
   * derivatives of at most about 1e3 on well-spread channels) plus rounding (1e-16 * |loss| / h).
   */
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 200;
  private static final int GRADIENT_EXAMPLES = 40;

  private static final BatchNormApi KATA = Target.pick(new BatchNormOfExercises(), new BatchNormOfSolutions());
  private static final BatchNormApi REFERENCE = new BatchNormOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    // One channel, x = [0, 2, 4, 6]: mean 3, biased var 5, eps 4 so sqrt(var + eps) = 3 and
    // xhat = [-1, -1/3, 1/3, 1]; gamma 2, beta 1 give y = [-1, 1/3, 5/3, 3]. Unbiased var 20/3.
    final double[][][] x = column(0, 2, 4, 6);

    @Test
    void the_problem_statement_example_forward() {
      BatchNormApi.Forward f = KATA.trainForward(x, new double[] {2}, new double[] {1}, new double[] {0},
          new double[] {1}, 0.25, 4);
      assertThat(f).as("trainForward of the statement example").isNotNull();
      assertTensorClose("y of the statement example (x = [0, 2, 4, 6], gamma 2, beta 1, eps 4)",
          column(-1, 1.0 / 3, 5.0 / 3, 3), f.y(), OUTPUT);
      // 0.75 * 0 + 0.25 * 3; Keras's convention would give 0.25 * 0 + 0.75 * 3 = 2.25.
      assertAllClose("newRunningMean of the statement example (momentum 0.25 weights the batch mean 3)",
          new double[] {0.75}, f.newRunningMean(), RUNNING);
      // 0.75 * 1 + 0.25 * 20/3 = 29/12; the biased variance 5 would give 2.
      assertAllClose("newRunningVar of the statement example (fed the UNBIASED variance 20/3)",
          new double[] {29.0 / 12}, f.newRunningVar(), RUNNING);
    }

    @Test
    void the_problem_statement_example_backward() {
      BatchNormApi.Forward f = KATA.trainForward(x, new double[] {2}, new double[] {1}, new double[] {0},
          new double[] {1}, 0.25, 4);
      assertThat(f).as("trainForward of the statement example").isNotNull();
      BatchNormApi.Gradients g = KATA.backward(column(1, 0, 0, 0), f.cache());
      assertThat(g).as("backward of the statement example").isNotNull();
      // dx = 2 / (4 * 3) * (4 dy - sum dy - xhat * sum(dy xhat)) = (4 dy - 1 + xhat) / 6.
      assertTensorClose("dx of the statement example (dy = [1, 0, 0, 0])",
          column(1.0 / 3, -2.0 / 9, -1.0 / 9, 0), g.dx(), GRADIENT);
      assertAllClose("dgamma of the statement example: sum(dy * xhat)", new double[] {-1}, g.dgamma(), GRADIENT);
      assertAllClose("dbeta of the statement example: sum(dy)", new double[] {1}, g.dbeta(), GRADIENT);
    }

    @Test
    void channels_are_normalized_separately_over_samples_and_positions() {
      // N = 1, C = 2, S = 2. Channel 0: values 1, 3 (mean 2, var 1), eps 3 so sqrt(var + eps) = 2 and
      // xhat = [-0.5, 0.5]. Channel 1 is constant: var 0, xhat 0, y = beta.
      double[][][] in = {{{1, 3}, {5, 5}}};
      BatchNormApi.Forward f = KATA.trainForward(in, new double[] {4, 7}, new double[] {0, -2},
          new double[] {0, 0}, new double[] {0, 0}, 1, 3);
      assertThat(f).as("trainForward of a batch of one 1x2 image with 2 channels").isNotNull();
      assertTensorClose("y of x = [[[1, 3], [5, 5]]], gamma [4, 7], beta [0, -2], eps 3",
          new double[][][] {{{-2, 2}, {-2, -2}}}, f.y(), OUTPUT);
      // momentum 1: the running stats become the batch mean and the unbiased variance (m = 2).
      assertAllClose("newRunningMean with momentum 1", new double[] {2, 5}, f.newRunningMean(), RUNNING);
      assertAllClose("newRunningVar with momentum 1 (unbiased: 2 / (2 - 1))", new double[] {2, 0},
          f.newRunningVar(), RUNNING);
    }

    @Test
    void training_normalizes_with_the_biased_variance_and_averages_the_unbiased_one() {
      // x = [-1, 0, 1]: mean 0, biased variance 2/3, unbiased 1. eps 1/3, so sqrt(2/3 + 1/3) = 1 and
      // y = x. Normalizing with the unbiased variance would divide by sqrt(4/3): y = +-0.866.
      // momentum 1: the running variance becomes the unbiased 1 (the biased 2/3 is the other mistake).
      BatchNormApi.Forward f = KATA.trainForward(column(-1, 0, 1), new double[] {1}, new double[] {0},
          new double[] {0}, new double[] {5}, 1, 1.0 / 3);
      assertThat(f).as("trainForward of x = [-1, 0, 1]").isNotNull();
      assertTensorClose("y of x = [-1, 0, 1] with eps 1/3: (x - 0) / sqrt(biased var 2/3 + 1/3) = x (the unbiased"
          + " variance would give +-0.866)", column(-1, 0, 1), f.y(), OUTPUT);
      assertAllClose("newRunningVar of x = [-1, 0, 1] with momentum 1: the unbiased variance 1 (the biased one is"
          + " 2/3)", new double[] {1}, f.newRunningVar(), RUNNING);
    }

    @Test
    void backward_keeps_the_term_through_the_variance() {
      // x = [-1, 0, 1], eps 1/3, gamma 1: xhat = [-1, 0, 1] and 1 / sqrt(var + eps) = 1 (as above).
      // dy = [0, 0, 3]: sum(dy) = 3, sum(dy * xhat) = 3, so
      // dx = 1 / 3 * (3 dy - sum(dy) - xhat * sum(dy * xhat)) = ([0, 0, 9] - 3 - [-3, 0, 3]) / 3 = [0, -1, 1].
      // Dropping the xhat * sum(dy * xhat) term (the path through the variance) gives [-1, -1, 2];
      // dropping sum(dy) (the path through the mean) gives [1, 0, 2].
      BatchNormApi.Forward f = KATA.trainForward(column(-1, 0, 1), new double[] {1}, new double[] {0},
          new double[] {0}, new double[] {1}, 0.1, 1.0 / 3);
      assertThat(f).as("trainForward of x = [-1, 0, 1]").isNotNull();
      BatchNormApi.Gradients g = KATA.backward(column(0, 0, 3), f.cache());
      assertThat(g).as("backward of x = [-1, 0, 1], dy = [0, 0, 3]").isNotNull();
      assertTensorClose("dx of x = [-1, 0, 1], eps 1/3, dy = [0, 0, 3]: [0, -1, 1] (without the xhat * sum(dy * xhat)"
          + " term it would be [-1, -1, 2], without the sum(dy) term [1, 0, 2])", column(0, -1, 1), g.dx(), GRADIENT);
      assertAllClose("dgamma of the same: sum(dy * xhat)", new double[] {3}, g.dgamma(), GRADIENT);
      assertAllClose("dbeta of the same: sum(dy)", new double[] {3}, g.dbeta(), GRADIENT);
    }

    @Test
    void a_large_common_offset_and_values_near_1e150_are_normalized_exactly() {
      // 1e9 + [-1, 0, 1] has the same statistics as [-1, 0, 1] (the sum is exact in float64): with eps 1/3,
      // y = [-1, 0, 1]. The one-pass formula E[x^2] - E[x]^2 cancels 1e18-sized terms whose rounding
      // is about 100, so it returns garbage, a negative variance or NaN.
      BatchNormApi.Forward shifted = KATA.trainForward(column(1e9 - 1, 1e9, 1e9 + 1), new double[] {1},
          new double[] {0}, new double[] {0}, new double[] {1}, 0.1, 1.0 / 3);
      assertThat(shifted).as("trainForward of x = 1e9 + [-1, 0, 1]").isNotNull();
      assertTensorClose("y of x = 1e9 + [-1, 0, 1], eps 1/3 (two passes: subtract the mean first)",
          column(-1, 0, 1), shifted.y(), OUTPUT);
      // x = [-1e150, 0, 1e150]: biased variance 2e300 / 3, so xhat = +-sqrt(3/2) and 0 (eps is negligible).
      // A backward pass that raises var + eps to the power -3/2 overflows to 0 here and loses the xhat term:
      // with dy = [0, 0, 3] the right dx is ([0, 0, 9] - 3 - xhat * 3 sqrt(3/2)) / (3 * sqrt(2/3) * 1e150).
      BatchNormApi.Forward huge = KATA.trainForward(column(-1e150, 0, 1e150), new double[] {1}, new double[] {0},
          new double[] {0}, new double[] {1}, 0.1, 1e-5);
      assertThat(huge).as("trainForward of x = [-1e150, 0, 1e150]").isNotNull();
      double r = Math.sqrt(1.5);
      assertTensorClose("y of x = [-1e150, 0, 1e150]: +-sqrt(3/2) and 0", column(-r, 0, r), huge.y(), OUTPUT);
      BatchNormApi.Gradients g = KATA.backward(column(0, 0, 3), huge.cache());
      assertThat(g).as("backward of x = [-1e150, 0, 1e150], dy = [0, 0, 3]").isNotNull();
      double k = 1 / (3 * Math.sqrt(2.0 / 3) * 1e150);
      double[][][] dx = column(k * (-3 - (-r) * 3 * r), k * -3, k * (9 - 3 - r * 3 * r));
      assertTensorClose("dx of x = [-1e150, 0, 1e150], dy = [0, 0, 3], in units of 1e-150 (the variance path"
          + " must not overflow)", scale(dx, 1e150), scale(g.dx(), 1e150), GRADIENT);
    }

    @Test
    void momentum_zero_keeps_the_running_statistics() {
      BatchNormApi.Forward f = KATA.trainForward(x, new double[] {1}, new double[] {0}, new double[] {-4},
          new double[] {9}, 0, 1e-5);
      assertThat(f).as("trainForward with momentum 0").isNotNull();
      assertAllClose("newRunningMean with momentum 0", new double[] {-4}, f.newRunningMean(), RUNNING);
      assertAllClose("newRunningVar with momentum 0", new double[] {9}, f.newRunningVar(), RUNNING);
    }

    @Test
    void eval_mode_uses_the_running_statistics_even_for_one_value() {
      // (7 - 1) / sqrt(8 + 1) = 2, times gamma 0.5, plus beta -1 = 0.
      double[][][] y = KATA.evalForward(new double[][][] {{{7}}}, new double[] {0.5}, new double[] {-1},
          new double[] {1}, new double[] {8}, 1);
      assertTensorClose("evalForward([[[7]]]) with running mean 1, running var 8, eps 1, gamma 0.5, beta -1",
          new double[][][] {{{0}}}, y, OUTPUT);
      // The same statistics on the statement's four values: (x - 1) / 3 * 0.5 - 1.
      assertTensorClose("evalForward([0, 2, 4, 6]) with the same running statistics",
          column(-7.0 / 6, -5.0 / 6, -0.5, -1.0 / 6),
          KATA.evalForward(x, new double[] {0.5}, new double[] {-1}, new double[] {1}, new double[] {8}, 1),
          OUTPUT);
    }

    @Test
    void the_smallest_training_batch_gives_plus_and_minus_one() {
      // Two values: xhat = +-d / sqrt(d^2 + eps) with d half their distance; here d = 10^3.
      BatchNormApi.Forward f = KATA.trainForward(column(-1000, 1000), new double[] {1}, new double[] {0},
          new double[] {0}, new double[] {1}, 0.1, 1e-5);
      assertThat(f).as("trainForward of two values").isNotNull();
      double v = 1000 / Math.sqrt(1e6 + 1e-5);
      assertTensorClose("y of x = [-1000, 1000]", column(-v, v), f.y(), OUTPUT);
      // 0.9 * 1 + 0.1 * 2e6 (unbiased variance of two values: their squared distance / 2).
      assertAllClose("newRunningVar of x = [-1000, 1000]", new double[] {0.9 + 0.1 * 2e6}, f.newRunningVar(), RUNNING);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][][] x = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}};
    final double[] ones = {1, 1};
    final double[] zeros = {0, 0};

    @Test
    void one_value_per_channel_cannot_be_trained_on() {
      assertRejects("trainForward of a single sample with a single position", "x",
          () -> KATA.trainForward(new double[][][] {{{1}, {2}}}, ones, zeros, zeros, ones, 0.1, 1e-5));
    }

    @Test
    void empty_and_ragged_inputs_are_rejected() {
      assertRejects("trainForward with N = 0", "x",
          () -> KATA.trainForward(new double[0][2][2], ones, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with C = 0", "x",
          () -> KATA.trainForward(new double[2][0][2], new double[0], new double[0], new double[0],
              new double[0], 0.1, 1e-5));
      assertRejects("trainForward with S = 0", "x",
          () -> KATA.trainForward(new double[2][2][0], ones, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with samples of different channel counts", "x",
          () -> KATA.trainForward(new double[][][] {{{1}, {2}}, {{3}}}, ones, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with channels of different lengths", "x",
          () -> KATA.trainForward(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7}}}, ones, zeros, zeros, ones,
              0.1, 1e-5));
      assertRejects("evalForward with N = 0", "x",
          () -> KATA.evalForward(new double[0][2][2], ones, zeros, zeros, ones, 1e-5));
      assertRejects("evalForward with channels of different lengths", "x",
          () -> KATA.evalForward(new double[][][] {{{1, 2}, {3}}}, ones, zeros, zeros, ones, 1e-5));
    }

    @Test
    void per_channel_arrays_must_have_one_entry_per_channel() {
      double[] three = {1, 1, 1};
      assertRejects("trainForward with 3 gammas for 2 channels", "gamma",
          () -> KATA.trainForward(x, three, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with 1 beta for 2 channels", "beta",
          () -> KATA.trainForward(x, ones, new double[] {0}, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with 3 running means for 2 channels", "runningMean",
          () -> KATA.trainForward(x, ones, zeros, three, ones, 0.1, 1e-5));
      assertRejects("trainForward with 3 running variances for 2 channels", "runningVar",
          () -> KATA.trainForward(x, ones, zeros, zeros, three, 0.1, 1e-5));
      assertRejects("evalForward with 3 gammas for 2 channels", "gamma",
          () -> KATA.evalForward(x, three, zeros, zeros, ones, 1e-5));
      assertRejects("evalForward with 3 betas for 2 channels", "beta",
          () -> KATA.evalForward(x, ones, three, zeros, ones, 1e-5));
      assertRejects("evalForward with 1 running mean for 2 channels", "runningMean",
          () -> KATA.evalForward(x, ones, zeros, new double[] {0}, ones, 1e-5));
      assertRejects("evalForward with 1 running variance for 2 channels", "runningVar",
          () -> KATA.evalForward(x, ones, zeros, zeros, new double[] {1}, 1e-5));
    }

    @Test
    void non_finite_values_are_rejected() {
      double[][][] nan = {{{1, 2}, {3, 4}}, {{5, Double.NaN}, {7, 8}}};
      double[][][] inf = {{{1, 2}, {3, Double.POSITIVE_INFINITY}}, {{5, 6}, {7, 8}}};
      double[] bad = {1, Double.NaN};
      double[] infinite = {Double.NEGATIVE_INFINITY, 1};
      assertRejects("trainForward with a NaN in x", "x", () -> KATA.trainForward(nan, ones, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with an infinity in x", "x",
          () -> KATA.trainForward(inf, ones, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with a NaN gamma", "gamma", () -> KATA.trainForward(x, bad, zeros, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with an infinite beta", "beta",
          () -> KATA.trainForward(x, ones, infinite, zeros, ones, 0.1, 1e-5));
      assertRejects("trainForward with a NaN running mean", "runningMean",
          () -> KATA.trainForward(x, ones, zeros, bad, ones, 0.1, 1e-5));
      assertRejects("trainForward with a NaN running variance", "runningVar",
          () -> KATA.trainForward(x, ones, zeros, zeros, bad, 0.1, 1e-5));
      assertRejects("evalForward with a NaN in x", "x", () -> KATA.evalForward(nan, ones, zeros, zeros, ones, 1e-5));
      assertRejects("evalForward with a NaN gamma", "gamma", () -> KATA.evalForward(x, bad, zeros, zeros, ones, 1e-5));
      assertRejects("evalForward with an infinite beta", "beta", () -> KATA.evalForward(x, ones, infinite, zeros, ones, 1e-5));
      assertRejects("evalForward with an infinite running mean", "runningMean",
          () -> KATA.evalForward(x, ones, zeros, infinite, ones, 1e-5));
      assertRejects("evalForward with a NaN running variance", "runningVar",
          () -> KATA.evalForward(x, ones, zeros, zeros, bad, 1e-5));
    }

    @Test
    void a_negative_running_variance_is_rejected() {
      double[] negative = {1, -0.5};
      assertRejects("trainForward with running variance -0.5", "runningVar",
          () -> KATA.trainForward(x, ones, zeros, zeros, negative, 0.1, 1e-5));
      assertRejects("evalForward with running variance -0.5", "runningVar",
          () -> KATA.evalForward(x, ones, zeros, zeros, negative, 1e-5));
    }

    @Test
    void momentum_must_lie_in_zero_to_one() {
      for (double momentum : new double[] {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("trainForward with momentum " + momentum, "momentum",
            () -> KATA.trainForward(x, ones, zeros, zeros, ones, momentum, 1e-5));
      }
    }

    @Test
    void eps_must_be_finite_and_positive() {
      for (double eps : new double[] {0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("trainForward with eps " + eps, "eps",
            () -> KATA.trainForward(x, ones, zeros, zeros, ones, 0.1, eps));
        assertRejects("evalForward with eps " + eps, "eps", () -> KATA.evalForward(x, ones, zeros, zeros, ones, eps));
      }
    }

    @Test
    void dy_must_match_the_forward_input_and_be_finite() {
      BatchNormApi.Forward f = KATA.trainForward(x, ones, zeros, zeros, ones, 0.1, 1e-5);
      assertThat(f).as("trainForward of a 2x2x2 input").isNotNull();
      assertRejects("backward with dy of 3 samples for 2", "dy",
          () -> KATA.backward(new double[3][2][2], f.cache()));
      assertRejects("backward with dy of 1 channel for 2", "dy",
          () -> KATA.backward(new double[2][1][2], f.cache()));
      assertRejects("backward with dy of 3 positions for 2", "dy",
          () -> KATA.backward(new double[2][2][3], f.cache()));
      assertRejects("backward with a ragged dy", "dy",
          () -> KATA.backward(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7}}}, f.cache()));
      assertRejects("backward with a NaN in dy", "dy",
          () -> KATA.backward(new double[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {Double.NaN, 8}}}, f.cache()));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("trainForward with x null", () -> KATA.trainForward(null, ones, zeros, zeros, ones, 0.1, 1e-5));
      assertNullRejected("trainForward with gamma null", () -> KATA.trainForward(x, null, zeros, zeros, ones, 0.1, 1e-5));
      assertNullRejected("trainForward with runningVar null", () -> KATA.trainForward(x, ones, zeros, zeros, null, 0.1, 1e-5));
      assertNullRejected("evalForward with beta null", () -> KATA.evalForward(x, ones, null, zeros, ones, 1e-5));
      assertNullRejected("evalForward with runningMean null", () -> KATA.evalForward(x, ones, zeros, null, ones, 1e-5));
      BatchNormApi.Forward f = KATA.trainForward(x, ones, zeros, zeros, ones, 0.1, 1e-5);
      assertThat(f).as("trainForward of a 2x2x2 input").isNotNull();
      assertNullRejected("backward with dy null", () -> KATA.backward(null, f.cache()));
      assertNullRejected("backward with cache null", () -> KATA.backward(x, null));
    }

    @Test
    void inputs_and_the_cache_are_not_modified() {
      double[][][] in = {{{1, -2}, {3, 0.5}}, {{5, 6}, {-7, 8}}, {{0, 2}, {2, 2}}};
      double[] gamma = {1.5, -0.5};
      double[] beta = {0.25, 2};
      double[] mean = {0.5, -1};
      double[] var = {2, 0.5};
      double[][][] dy = {{{1, 0}, {-1, 2}}, {{0.5, 0.5}, {3, -2}}, {{1, 1}, {0, -1}}};
      double[][][] inCopy = deepCopy(in);
      double[][][] dyCopy = deepCopy(dy);
      double[][] paramsCopy = {gamma.clone(), beta.clone(), mean.clone(), var.clone()};
      BatchNormApi.Forward f = KATA.trainForward(in, gamma, beta, mean, var, 0.3, 1e-3);
      assertThat(f).as("trainForward of a 3x2x2 input").isNotNull();
      BatchNormApi.Gradients first = KATA.backward(dy, f.cache());
      KATA.evalForward(in, gamma, beta, mean, var, 1e-3);
      assertThat(Arrays.deepEquals(in, inCopy)).as("x is unchanged by trainForward and evalForward").isTrue();
      assertThat(Arrays.deepEquals(dy, dyCopy)).as("dy is unchanged by backward").isTrue();
      assertThat(new double[][] {gamma, beta, mean, var}).as("gamma, beta, runningMean, runningVar are unchanged")
          .isDeepEqualTo(paramsCopy);
      // Calling backward a second time with the same cache must give the same gradients.
      BatchNormApi.Gradients second = KATA.backward(dy, f.cache());
      assertThat(first).as("backward's first call").isNotNull();
      assertThat(second).as("backward's second call with the same cache").isNotNull();
      assertTensorClose("dx of a second backward with the same cache", first.dx(), second.dx(), 0);
      assertAllClose("dgamma of a second backward with the same cache", first.dgamma(), second.dgamma(), 0);
      assertAllClose("dbeta of a second backward with the same cache", first.dbeta(), second.dbeta(), 0);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("normalization/batch-norm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void training_forward_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      BatchNormApi.Forward f = g.forward();
      assertTensorClose("training y of " + g.what, g.out.cube("y"), f.y(), OUTPUT);
      assertAllClose("newRunningMean of " + g.what, g.out.doubles("running_mean"), f.newRunningMean(), RUNNING);
      assertAllClose("newRunningVar of " + g.what, g.out.doubles("running_var"), f.newRunningVar(), RUNNING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      BatchNormApi.Gradients grads = KATA.backward(g.in.cube("dy"), g.forward().cache());
      assertThat(grads).as("backward of " + g.what).isNotNull();
      assertTensorClose("dx of " + g.what, g.out.cube("dx"), grads.dx(), GRADIENT);
      assertAllClose("dgamma of " + g.what, g.out.doubles("dgamma"), grads.dgamma(), GRADIENT);
      assertAllClose("dbeta of " + g.what, g.out.doubles("dbeta"), grads.dbeta(), GRADIENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eval_forward_matches_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertTensorClose("eval-mode y of " + g.what, g.out.cube("y_eval"),
          KATA.evalForward(g.x, g.gamma, g.beta, g.mean, g.var, g.eps), OUTPUT);
    }

    /** One golden case's inputs, read once; each check above calls only the method it grades (and backward its forward). */
    private final class Golden {
      final Goldens.Values in;
      final Goldens.Values out;
      final double[][][] x;
      final double[] gamma;
      final double[] beta;
      final double[] mean;
      final double[] var;
      final double momentum;
      final double eps;
      final String what;

      Golden(Goldens.Case c) {
        in = c.input();
        out = c.expected();
        x = in.cube("x");
        gamma = in.doubles("gamma");
        beta = in.doubles("beta");
        mean = in.doubles("running_mean");
        var = in.doubles("running_var");
        momentum = in.number("momentum");
        eps = in.number("eps");
        what = "golden '" + c.name() + "' (" + c.library() + "; torch shape " + in.raw("shape")
            + ", momentum " + momentum + ", eps " + eps + ")";
      }

      BatchNormApi.Forward forward() {
        BatchNormApi.Forward f = KATA.trainForward(x, gamma, beta, mean, var, momentum, eps);
        assertThat(f).as("trainForward of " + what).isNotNull();
        return f;
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void before_the_affine_step_each_channel_has_mean_zero_and_variance_var_over_var_plus_eps() {
      Props.check("with gamma = 1 and beta = 0, each channel of y has mean 0 and biased variance "
          + "var / (var + eps)", EXAMPLES, BatchNormGens.problems(), p -> {
            double[] ones = filled(p.c(), 1);
            BatchNormApi.Forward f = KATA.trainForward(p.x(), ones, new double[p.c()], p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(f).as("trainForward of %s", p).isNotNull();
            assertShape("y of " + p, p, f.y());
            for (int c = 0; c < p.c(); c++) {
              double[] xs = channel(p.x(), c);
              double[] ys = channel(f.y(), c);
              double var = biasedVariance(xs);
              assertClose("property 'mean of normalized channel " + c + " is 0' for " + p, 0, mean(ys), STATISTIC);
              assertClose("property 'biased variance of normalized channel " + c + " is var / (var + eps) = "
                  + var / (var + p.eps()) + "' for " + p, var / (var + p.eps()), biasedVariance(ys), STATISTIC);
            }
          });
    }

    @Test
    void gamma_and_beta_scale_and_shift_each_channel() {
      Props.check("y(gamma, beta) = gamma * y(1, 0) + beta, channel by channel", EXAMPLES,
          BatchNormGens.problems(), p -> {
            BatchNormApi.Forward plain = KATA.trainForward(p.x(), filled(p.c(), 1), new double[p.c()],
                p.runningMean(), p.runningVar(), p.momentum(), p.eps());
            BatchNormApi.Forward affine = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(plain).as("trainForward with gamma 1, beta 0 of %s", p).isNotNull();
            assertThat(affine).as("trainForward of %s", p).isNotNull();
            assertShape("y of " + p, p, plain.y());
            double[][][] expected = new double[p.n()][p.c()][p.s()];
            for (int n = 0; n < p.n(); n++) {
              for (int c = 0; c < p.c(); c++) {
                for (int s = 0; s < p.s(); s++) {
                  expected[n][c][s] = p.gamma()[c] * plain.y()[n][c][s] + p.beta()[c];
                }
              }
            }
            assertTensorClose("property 'y = gamma[c] * xhat + beta[c]' for " + p, expected, affine.y(), OUTPUT);
          });
    }

    @Test
    void shifting_a_channel_does_not_change_the_training_output() {
      Props.check("adding a constant to every value of a channel leaves y unchanged", EXAMPLES,
          BatchNormGens.problems(), p -> {
            double[][][] shifted = deepCopy(p.x());
            for (int c = 0; c < p.c(); c++) {
              double shift = 7.25 * (c + 1) * (c % 2 == 0 ? 1 : -1) + p.runningMean()[c];
              for (int n = 0; n < p.n(); n++) {
                for (int s = 0; s < p.s(); s++) {
                  shifted[n][c][s] += shift;
                }
              }
            }
            BatchNormApi.Forward f = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            BatchNormApi.Forward g = KATA.trainForward(shifted, p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(f).as("trainForward of %s", p).isNotNull();
            assertThat(g).as("trainForward of the shifted %s", p).isNotNull();
            assertTensorClose("property 'y(x + shift per channel) = y(x)' for " + p, f.y(), g.y(), OUTPUT);
          });
    }

    @Test
    void running_statistics_blend_the_batch_mean_and_the_unbiased_variance() {
      Props.check("newRunning = (1 - momentum) * running + momentum * (batch mean, unbiased batch variance)",
          EXAMPLES, BatchNormGens.problems(), p -> {
            BatchNormApi.Forward f = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(f).as("trainForward of %s", p).isNotNull();
            double[] expectedMean = new double[p.c()];
            double[] expectedVar = new double[p.c()];
            for (int c = 0; c < p.c(); c++) {
              double[] xs = channel(p.x(), c);
              double unbiased = biasedVariance(xs) * xs.length / (xs.length - 1);
              expectedMean[c] = (1 - p.momentum()) * p.runningMean()[c] + p.momentum() * mean(xs);
              expectedVar[c] = (1 - p.momentum()) * p.runningVar()[c] + p.momentum() * unbiased;
            }
            assertAllClose("property 'newRunningMean = (1 - momentum) * runningMean + momentum * mean' for " + p,
                expectedMean, f.newRunningMean(), RUNNING);
            assertAllClose("property 'newRunningVar = (1 - momentum) * runningVar + momentum * unbiased var' for "
                + p, expectedVar, f.newRunningVar(), RUNNING);
          });
    }

    @Test
    void eval_with_the_batch_statistics_reproduces_the_training_output() {
      Props.check("evalForward with runningMean = batch mean, runningVar = biased batch variance equals "
          + "trainForward's y", EXAMPLES, BatchNormGens.problems(), p -> {
            double[] means = new double[p.c()];
            double[] vars = new double[p.c()];
            for (int c = 0; c < p.c(); c++) {
              double[] xs = channel(p.x(), c);
              means[c] = mean(xs);
              vars[c] = biasedVariance(xs);
            }
            BatchNormApi.Forward f = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(f).as("trainForward of %s", p).isNotNull();
            double[][][] eval = KATA.evalForward(p.x(), p.gamma(), p.beta(), means, vars, p.eps());
            assertTensorClose("property 'eval with the batch's own biased statistics = training y' for " + p,
                f.y(), eval, OUTPUT);
          });
    }

    @Test
    void eval_treats_every_sample_on_its_own() {
      Props.check("evalForward of one sample equals that sample's part of evalForward of the batch", EXAMPLES,
          BatchNormGens.problems(), p -> {
            double[][][] all = KATA.evalForward(p.x(), p.gamma(), p.beta(), p.runningMean(), p.runningVar(),
                p.eps());
            assertShape("evalForward of " + p, p, all);
            int last = p.n() - 1;
            double[][][] alone = KATA.evalForward(new double[][][] {p.x()[last]}, p.gamma(), p.beta(),
                p.runningMean(), p.runningVar(), p.eps());
            assertTensorClose("property 'eval of the last sample alone = its rows in the batch' for " + p,
                new double[][][] {all[last]}, alone, OUTPUT);
          });
    }

    @Test
    void reordering_the_samples_reorders_the_training_output() {
      Props.check("reversing the samples reverses y and keeps the running statistics", EXAMPLES,
          BatchNormGens.problems(), p -> {
            double[][][] reversed = new double[p.n()][][];
            for (int n = 0; n < p.n(); n++) {
              reversed[n] = p.x()[p.n() - 1 - n];
            }
            BatchNormApi.Forward f = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            BatchNormApi.Forward r = KATA.trainForward(reversed, p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(f).as("trainForward of %s", p).isNotNull();
            assertThat(r).as("trainForward of the reversed %s", p).isNotNull();
            assertShape("y of " + p, p, f.y());
            double[][][] expected = new double[p.n()][][];
            for (int n = 0; n < p.n(); n++) {
              expected[n] = f.y()[p.n() - 1 - n];
            }
            assertTensorClose("property 'y of the reversed batch = reversed y' for " + p, expected, r.y(), OUTPUT);
            assertAllClose("property 'the running mean ignores the sample order' for " + p, f.newRunningMean(),
                r.newRunningMean(), RUNNING);
            assertAllClose("property 'the running variance ignores the sample order' for " + p,
                f.newRunningVar(), r.newRunningVar(), RUNNING);
          });
    }

    @Test
    void dx_sums_to_zero_and_is_orthogonal_to_xhat_up_to_the_eps_term() {
      // Sum over a channel of dx * (x - mean) = gamma * eps / (var + eps)^(3/2) * sum(dy * (x - mean)):
      // exactly 0 when eps = 0; the eps term is what is left of the variance path.
      Props.check("per channel, sum(dx) = 0 and sum(dx * (x - mean)) = gamma eps (var + eps)^-3/2 sum(dy (x - mean))",
          EXAMPLES, BatchNormGens.problems(), p -> {
            BatchNormApi.Gradients g = trainAndBackward(KATA, p, p.dy());
            assertShape("dx of " + p, p, g.dx());
            for (int c = 0; c < p.c(); c++) {
              double[] xs = channel(p.x(), c);
              double[] dxs = channel(g.dx(), c);
              double[] dys = channel(p.dy(), c);
              double mu = mean(xs);
              double var = biasedVariance(xs);
              double sum = 0;
              double sumAbs = 0;
              double dot = 0;
              double dotAbs = 0;
              double dyDot = 0;
              for (int k = 0; k < xs.length; k++) {
                sum += dxs[k];
                sumAbs += Math.abs(dxs[k]);
                dot += dxs[k] * (xs[k] - mu);
                dotAbs += Math.abs(dxs[k] * (xs[k] - mu));
                dyDot += dys[k] * (xs[k] - mu);
              }
              double expectedDot = p.gamma()[c] * p.eps() * Math.pow(var + p.eps(), -1.5) * dyDot;
              assertClose("property 'sum of dx over channel " + c + " is 0' for " + p, 0, sum,
                  IDENTITY * Math.max(1, sumAbs));
              assertClose("property 'sum of dx * (x - mean) over channel " + c + " is only the eps term' for " + p,
                  expectedDot, dot, IDENTITY * Math.max(1, dotAbs + Math.abs(expectedDot)));
            }
          });
    }

    @Test
    void dbeta_is_the_sum_of_dy_and_dgamma_is_the_sum_of_dy_times_xhat() {
      Props.check("dbeta = sum(dy), dgamma = sum(dy * xhat), per channel", EXAMPLES, BatchNormGens.problems(), p -> {
        BatchNormApi.Gradients g = trainAndBackward(KATA, p, p.dy());
        double[] dbeta = new double[p.c()];
        double[] dgamma = new double[p.c()];
        for (int c = 0; c < p.c(); c++) {
          double[] xs = channel(p.x(), c);
          double[] dys = channel(p.dy(), c);
          double mu = mean(xs);
          double inv = 1 / Math.sqrt(biasedVariance(xs) + p.eps());
          for (int k = 0; k < xs.length; k++) {
            dbeta[c] += dys[k];
            dgamma[c] += dys[k] * (xs[k] - mu) * inv;
          }
        }
        assertAllClose("property 'dbeta = sum(dy)' for " + p, dbeta, g.dbeta(), GRADIENT);
        assertAllClose("property 'dgamma = sum(dy * xhat)' for " + p, dgamma, g.dgamma(), GRADIENT);
      });
    }

    @Test
    void backward_is_linear_in_dy() {
      Props.check("backward(dy + 2 dy') = backward(dy) + 2 backward(dy')", EXAMPLES, BatchNormGens.problems(), p -> {
        double[][][] other = new double[p.n()][p.c()][p.s()];
        double[][][] combined = new double[p.n()][p.c()][p.s()];
        for (int n = 0; n < p.n(); n++) {
          for (int c = 0; c < p.c(); c++) {
            for (int s = 0; s < p.s(); s++) {
              other[n][c][s] = p.dy()[p.n() - 1 - n][c][p.s() - 1 - s] - 0.5 * (c + 1);
              combined[n][c][s] = p.dy()[n][c][s] + 2 * other[n][c][s];
            }
          }
        }
        BatchNormApi.Forward f = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(), p.runningVar(),
            p.momentum(), p.eps());
        assertThat(f).as("trainForward of %s", p).isNotNull();
        BatchNormApi.Gradients a = KATA.backward(p.dy(), f.cache());
        BatchNormApi.Gradients b = KATA.backward(other, f.cache());
        BatchNormApi.Gradients sum = KATA.backward(combined, f.cache());
        assertThat(a).as("backward(dy) for %s", p).isNotNull();
        assertThat(b).as("backward(dy') for %s", p).isNotNull();
        assertThat(sum).as("backward(dy + 2 dy') for %s", p).isNotNull();
        assertShape("dx of " + p, p, a.dx());
        assertShape("dx of " + p, p, b.dx());
        double[][][] expected = new double[p.n()][p.c()][p.s()];
        for (int n = 0; n < p.n(); n++) {
          for (int c = 0; c < p.c(); c++) {
            for (int s = 0; s < p.s(); s++) {
              expected[n][c][s] = a.dx()[n][c][s] + 2 * b.dx()[n][c][s];
            }
          }
        }
        assertTensorClose("property 'dx is linear in dy' for " + p, expected, sum.dx(), GRADIENT);
      });
    }
  }

  @Nested
  @DisplayName("gradients against central finite differences")
  final class GradientChecks {
    @Test
    void dx_matches_finite_differences() {
      Props.check("dx of loss = sum(dy * y) matches central differences", GRADIENT_EXAMPLES,
          BatchNormGens.smoothProblems(), p -> {
            BatchNormApi.Gradients g = trainAndBackward(KATA, p, p.dy());
            assertShape("dx of " + p, p, g.dx());
            Function<double[], Double> loss = flat -> forwardLoss(p, unflatten(flat, p.n(), p.c(), p.s()), p.gamma(), p.beta());
            assertGradientMatches("dx of sum(dy * y) for " + p, loss, flatten(p.x()), flatten(g.dx()), FD_STEP,
                FD_TOLERANCE);
          });
    }

    @Test
    void dgamma_and_dbeta_match_finite_differences() {
      Props.check("dgamma and dbeta of loss = sum(dy * y) match central differences", GRADIENT_EXAMPLES,
          BatchNormGens.smoothProblems(), p -> {
            BatchNormApi.Gradients g = trainAndBackward(KATA, p, p.dy());
            assertGradientMatches("dgamma of sum(dy * y) for " + p,
                gamma -> forwardLoss(p, p.x(), gamma, p.beta()), p.gamma(), g.dgamma(), FD_STEP, FD_TOLERANCE);
            assertGradientMatches("dbeta of sum(dy * y) for " + p,
                beta -> forwardLoss(p, p.x(), p.gamma(), beta), p.beta(), g.dbeta(), FD_STEP, FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_backward_and_eval_match_the_reference_on_random_inputs() {
      Props.check("trainForward, backward and evalForward agree with the reference solution", EXAMPLES,
          BatchNormGens.problems(), p -> {
            BatchNormApi.Forward mine = KATA.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            BatchNormApi.Forward ref = REFERENCE.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(),
                p.runningVar(), p.momentum(), p.eps());
            assertThat(mine).as("trainForward of %s", p).isNotNull();
            assertTensorClose("training y, reference vs yours, for " + p, ref.y(), mine.y(), OUTPUT);
            assertAllClose("newRunningMean, reference vs yours, for " + p, ref.newRunningMean(),
                mine.newRunningMean(), RUNNING);
            assertAllClose("newRunningVar, reference vs yours, for " + p, ref.newRunningVar(),
                mine.newRunningVar(), RUNNING);
            BatchNormApi.Gradients g = KATA.backward(p.dy(), mine.cache());
            BatchNormApi.Gradients expected = REFERENCE.backward(p.dy(), ref.cache());
            assertThat(g).as("backward of %s", p).isNotNull();
            assertTensorClose("dx, reference vs yours, for " + p, expected.dx(), g.dx(), GRADIENT);
            assertAllClose("dgamma, reference vs yours, for " + p, expected.dgamma(), g.dgamma(), GRADIENT);
            assertAllClose("dbeta, reference vs yours, for " + p, expected.dbeta(), g.dbeta(), GRADIENT);
            assertTensorClose("eval y, reference vs yours, for " + p,
                REFERENCE.evalForward(p.x(), p.gamma(), p.beta(), p.runningMean(), p.runningVar(), p.eps()),
                KATA.evalForward(p.x(), p.gamma(), p.beta(), p.runningMean(), p.runningVar(), p.eps()), OUTPUT);
          });
    }
  }

  // ---- helpers ----

  /** Training forward then backward with the code under test, both results checked non-null. */
  static BatchNormApi.Gradients trainAndBackward(BatchNormApi api, Problem p, double[][][] dy) {
    BatchNormApi.Forward f = api.trainForward(p.x(), p.gamma(), p.beta(), p.runningMean(), p.runningVar(),
        p.momentum(), p.eps());
    assertThat(f).as("trainForward of %s", p).isNotNull();
    BatchNormApi.Gradients g = api.backward(dy, f.cache());
    assertThat(g).as("backward of %s", p).isNotNull();
    return g;
  }

  /** The scalar loss sum(dy * y) of the learner's training forward at the given x, gamma and beta. */
  static double forwardLoss(Problem p, double[][][] x, double[] gamma, double[] beta) {
    BatchNormApi.Forward f = KATA.trainForward(x, gamma, beta, p.runningMean(), p.runningVar(), p.momentum(),
        p.eps());
    assertThat(f).as("trainForward of %s", p).isNotNull();
    assertShape("y of " + p, p, f.y());
    double loss = 0;
    for (int n = 0; n < p.n(); n++) {
      for (int c = 0; c < p.c(); c++) {
        for (int s = 0; s < p.s(); s++) {
          loss += p.dy()[n][c][s] * f.y()[n][c][s];
        }
      }
    }
    return loss;
  }

  /** Fails unless {@code actual} is an {@code [N][C][S]} array of the problem's shape. */
  static void assertShape(String what, Problem p, double[][][] actual) {
    assertThat(actual).as("%s: the result array", what).isNotNull();
    assertThat(actual.length).as("%s: N", what).isEqualTo(p.n());
    for (double[][] sample : actual) {
      assertThat(sample).as("%s: a sample", what).isNotNull();
      assertThat(sample.length).as("%s: C", what).isEqualTo(p.c());
      for (double[] row : sample) {
        assertThat(row).as("%s: a channel", what).isNotNull();
        assertThat(row.length).as("%s: S", what).isEqualTo(p.s());
      }
    }
  }

  /** Element-wise closeness of two {@code [N][C][S]} arrays, naming the first sample/channel that differs. */
  static void assertTensorClose(String what, double[][][] expected, double[][][] actual, double tolerance) {
    assertThat(actual).as("%s: the result array", what).isNotNull();
    assertThat(actual.length).as("%s: number of samples N", what).isEqualTo(expected.length);
    for (int n = 0; n < expected.length; n++) {
      assertThat(actual[n]).as("%s: sample %d", what, n).isNotNull();
      assertThat(actual[n].length).as("%s: number of channels C of sample %d", what, n).isEqualTo(expected[n].length);
      for (int c = 0; c < expected[n].length; c++) {
        assertAllClose(what + ", at [" + n + "][" + c + "][*]", expected[n][c], actual[n][c], tolerance);
      }
    }
  }

  /** One channel, one position: {@code [N][1][1]} holding the given values. */
  static double[][][] scale(double[][][] t, double factor) {
    if (t == null) {
      return null;
    }
    double[][][] out = new double[t.length][][];
    for (int n = 0; n < t.length; n++) {
      out[n] = t[n] == null ? null : new double[t[n].length][];
      for (int c = 0; t[n] != null && c < t[n].length; c++) {
        out[n][c] = t[n][c] == null ? null : t[n][c].clone();
        for (int i = 0; out[n][c] != null && i < out[n][c].length; i++) {
          out[n][c][i] *= factor;
        }
      }
    }
    return out;
  }

  static double[][][] column(double... values) {
    double[][][] out = new double[values.length][1][1];
    for (int n = 0; n < values.length; n++) {
      out[n][0][0] = values[n];
    }
    return out;
  }

  /** The {@code N * S} values of channel {@code c}, sample-major. */
  static double[] channel(double[][][] a, int c) {
    int s = a[0][c].length;
    double[] out = new double[a.length * s];
    for (int n = 0; n < a.length; n++) {
      System.arraycopy(a[n][c], 0, out, n * s, s);
    }
    return out;
  }

  static double[] filled(int length, double value) {
    double[] out = new double[length];
    Arrays.fill(out, value);
    return out;
  }
}

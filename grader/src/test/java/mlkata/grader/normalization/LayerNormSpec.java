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
import static mlkata.grader.support.Tensors.meanSquare;
import static mlkata.grader.support.Tensors.ones;
import static mlkata.grader.support.Tensors.scale;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import mlkata.grader.normalization.LayerNormGens.Batch;
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
 * Grades {@code normalization/layer-norm}.
 *
 * <p>Inputs are kept to magnitudes where float64 leaves plenty of room: the largest rows have a mean
 * near 1e4 and a spread near 1e-2, where the error of a correct two-pass computation is about
 * {@code |mean| / std * 2^-52}, some 1e-10 on the normalized value. Each tolerance below says why it
 * has its size. Efficiency is not graded: any O(N*D) answer is fast.
 */
@KataSpec
@DisplayName("normalization/layer-norm: Layer norm, forward and backward")
final class LayerNormSpec {
  /**
   * Absolute tolerance on an output {@code y}: outputs are O(10) and a correct answer carries at most
   * about 1e-9 of rounding on the worst-conditioned rows; the one-pass {@code E[x^2] - E[x]^2} variance
   * is off by 1e-6 or more there, and every semantic mistake (unbiased variance, eps outside the root,
   * wrong axis) by far more.
   */
  static final double OUTPUT = 1e-7;

  /**
   * Tolerance on a gradient entry, relative to the largest magnitude in its row of {@code dx} (or in
   * {@code dgamma}, {@code dbeta}), with a floor of 1: gradients reach 1e4 on constant rows with a small
   * eps (rstd = 1/sqrt(eps)), and a correct answer is accurate to about 1e-9 of that scale.
   */
  static final double GRADIENT = 1e-7;

  /**
   * Absolute tolerance on a row statistic of the output (its mean, its variance, a row sum of
   * {@code dx} relative to the row's scale): sums of O(D) terms each with the rounding above.
   */
  static final double STATISTIC = 1e-7;

  /**
   * Mixed tolerance of the finite-difference checks: central differences with step {@link #STEP} on
   * rows spread at least 0.5 apart have truncation error near 1e-8 and rounding near 1e-10.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-5;

  private static final int EXAMPLES = 200;

  private static final LayerNormApi KATA = Target.pick(new LayerNormOfExercises(), new LayerNormOfSolutions());
  private static final LayerNormApi REFERENCE = new LayerNormOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // mean 2, biased var 2/3, rstd = 1/sqrt(2/3 + 1e-5); dy of ones: dx = 0, dgamma = xhat, dbeta = 1.
      double r = 1 / Math.sqrt(2.0 / 3 + 1e-5);
      double[][] x = {{1, 2, 3}};
      LayerNormApi.Forward f = forward("forward([[1, 2, 3]], ones, zeros, 1e-5)", x, ones(3), new double[3], 1e-5);
      assertAllClose("y of [[1, 2, 3]]", new double[][] {{-r, 0, r}}, f.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward(dy = [[1, 1, 1]]) after forward([[1, 2, 3]])",
          new double[][] {{1, 1, 1}}, f);
      assertGradients("backward of [[1, 2, 3]] with dy = [[1, 1, 1]]", new double[][] {{0, 0, 0}},
          new double[] {-r, 0, r}, new double[] {1, 1, 1}, g);
    }

    @Test
    void a_row_worked_by_hand_with_scale_shift_and_a_large_eps() {
      // x = [1, 3]: mean 2, biased var 1 (unbiased would be 2); eps 0.44 so rstd = 1/sqrt(1.44) = 5/6.
      // xhat = [-5/6, 5/6]; y = gamma*xhat + beta = [2*(-5/6) + 1, -1*(5/6) + 0.5] = [-2/3, -1/3].
      // dy = [1, 0]: g = dy*gamma = [2, 0], sum g = 2, sum g*xhat = -5/3;
      // dx = rstd/2 * (2g - 2 - xhat*(-5/3)) = 5/12 * [11/18, -11/18] = [55/216, -55/216].
      double[][] x = {{1, 3}};
      LayerNormApi.Forward f = forward("forward([[1, 3]], [2, -1], [1, 0.5], 0.44)", x,
          new double[] {2, -1}, new double[] {1, 0.5}, 0.44);
      assertAllClose("y of [[1, 3]] with gamma [2, -1], beta [1, 0.5], eps 0.44",
          new double[][] {{-2.0 / 3, -1.0 / 3}}, f.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward(dy = [[1, 0]]) of that forward", new double[][] {{1, 0}}, f);
      assertGradients("backward of [[1, 3]] with dy = [[1, 0]]", new double[][] {{55.0 / 216, -55.0 / 216}},
          new double[] {-5.0 / 6, 0}, new double[] {1, 0}, g);
    }

    @Test
    void each_row_is_normalized_with_its_biased_variance() {
      // x = [-1, 0, 1]: mean 0, biased variance 2/3 (unbiased 1); eps 1/3, so rstd = 1 and y = x.
      // The unbiased variance would divide by sqrt(4/3): y = [-0.866, 0, 0.866].
      LayerNormApi.Forward f = forward("forward([[-1, 0, 1]], ones, zeros, 1/3)", new double[][] {{-1, 0, 1}},
          ones(3), new double[3], 1.0 / 3);
      assertAllClose("y of [[-1, 0, 1]] with eps 1/3: x / sqrt(biased var 2/3 + 1/3) = x (the unbiased variance"
          + " would give +-0.866)", new double[][] {{-1, 0, 1}}, f.y(), OUTPUT);
    }

    @Test
    void backward_keeps_the_term_through_the_variance() {
      // x = [-1, 0, 1], eps 1/3, gamma ones: xhat = x, rstd = 1. dy = [0, 0, 3]: sum(dy) = 3,
      // sum(dy * xhat) = 3, dx = rstd / 3 * (3 dy - sum(dy) - xhat * sum(dy * xhat)) = [0, -1, 1].
      // Dropping the xhat * sum(dy * xhat) term gives [-1, -1, 2]; dropping sum(dy) gives [1, 0, 2].
      LayerNormApi.Forward f = forward("forward([[-1, 0, 1]], ones, zeros, 1/3)", new double[][] {{-1, 0, 1}},
          ones(3), new double[3], 1.0 / 3);
      LayerNormApi.Gradients g = backward("backward(dy = [[0, 0, 3]]) of that forward", new double[][] {{0, 0, 3}}, f);
      assertGradients("backward of [[-1, 0, 1]], eps 1/3, dy = [[0, 0, 3]]: dx = [0, -1, 1] (without the"
          + " xhat * sum(dy * xhat) term [-1, -1, 2], without the sum(dy) term [1, 0, 2])",
          new double[][] {{0, -1, 1}}, new double[] {0, 0, 3}, new double[] {0, 0, 3}, g);
    }

    @Test
    void rows_with_a_large_offset_or_values_near_1e150_are_normalized_on_their_own() {
      // Row 1 is row 0 plus 1e9 (exact in float64): both normalize to [-1, 0, 1] with eps 1/3. The
      // one-pass variance E[x^2] - E[x]^2 cancels 1e18-sized terms and returns garbage for row 1, and
      // statistics taken down the columns (over the batch) give [-1, -1, -1] and [1, 1, 1].
      double[][] x = {{-1, 0, 1}, {1e9 - 1, 1e9, 1e9 + 1}};
      LayerNormApi.Forward f = forward("forward([[-1, 0, 1], 1e9 + [-1, 0, 1]], ones, zeros, 1/3)", x, ones(3),
          new double[3], 1.0 / 3);
      assertAllClose("y of [[-1, 0, 1], 1e9 + [-1, 0, 1]] with eps 1/3: each row on its own, two passes",
          new double[][] {{-1, 0, 1}, {-1, 0, 1}}, f.y(), OUTPUT);
      // [-1e150, 0, 1e150]: biased variance 2e300 / 3, xhat = +-sqrt(3/2) and 0. A backward pass that
      // raises var + eps to the power -3/2 overflows here and loses the xhat term. dy = [0, 0, 3]:
      // dx = rstd / 3 * ([0, 0, 9] - 3 - xhat * 3 sqrt(3/2)) with rstd = 1 / (sqrt(2/3) * 1e150).
      double r = Math.sqrt(1.5);
      LayerNormApi.Forward huge = forward("forward([[-1e150, 0, 1e150]], ones, zeros, 1e-5)",
          new double[][] {{-1e150, 0, 1e150}}, ones(3), new double[3], 1e-5);
      assertAllClose("y of [[-1e150, 0, 1e150]]: +-sqrt(3/2) and 0", new double[][] {{-r, 0, r}}, huge.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward(dy = [[0, 0, 3]]) of [[-1e150, 0, 1e150]]",
          new double[][] {{0, 0, 3}}, huge);
      assertShape("dx of [[-1e150, 0, 1e150]]", g.dx(), 1, 3);
      double k = 1 / (3 * Math.sqrt(2.0 / 3));
      double[] inUnits = g.dx()[0].clone();
      for (int j = 0; j < 3; j++) {
        inUnits[j] *= 1e150;
      }
      assertAllClose("dx of [[-1e150, 0, 1e150]] with dy = [[0, 0, 3]], in units of 1e-150 (the variance path must"
          + " not overflow)", new double[] {k * (-3 + 3 * r * r), k * -3, k * (6 - 3 * r * r)}, inUnits, GRADIENT);
    }

    @Test
    void one_feature_gives_beta_and_zero_input_and_scale_gradients() {
      // D = 1: every row equals its own mean, xhat = 0, y = beta; PyTorch's dx and dgamma are 0.
      double[][] x = {{3.5}, {-2}, {100}};
      LayerNormApi.Forward f = forward("forward of a (3, 1) batch", x, new double[] {2}, new double[] {0.25}, 1e-5);
      assertAllClose("y of a (3, 1) batch with beta 0.25", new double[][] {{0.25}, {0.25}, {0.25}}, f.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward of a (3, 1) batch", new double[][] {{1.5}, {-2}, {4}}, f);
      assertGradients("backward of a (3, 1) batch with dy = [1.5, -2, 4]",
          new double[][] {{0}, {0}, {0}}, new double[] {0}, new double[] {3.5}, g);
    }

    @Test
    void a_constant_row_outputs_beta_but_its_input_gradient_is_not_zero() {
      // x = [5, 5]: var 0, eps 0.25, rstd 2, xhat = 0, y = beta.
      // dy = [1, 0], gamma = [3, 1]: g = [3, 0], sum g = 3, sum g*xhat = 0; dx = 2/2 * ([6, 0] - 3) = [3, -3].
      double[][] x = {{5, 5}};
      LayerNormApi.Forward f = forward("forward([[5, 5]], [3, 1], [0.5, -0.5], 0.25)", x,
          new double[] {3, 1}, new double[] {0.5, -0.5}, 0.25);
      assertAllClose("y of the constant row [[5, 5]]", new double[][] {{0.5, -0.5}}, f.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward(dy = [[1, 0]]) of the constant row", new double[][] {{1, 0}}, f);
      assertGradients("backward of the constant row [[5, 5]] with dy = [[1, 0]]", new double[][] {{3, -3}},
          new double[] {0, 0}, new double[] {1, 0}, g);
    }

    @Test
    void an_empty_batch_gives_no_rows_and_zero_parameter_gradients() {
      double[][] x = new double[0][];
      LayerNormApi.Forward f = forward("forward of an empty (0, 3) batch", x,
          new double[] {1.5, -0.5, 2}, new double[] {0.1, 0.2, 0.3}, 1e-5);
      assertThat(f.y()).as("y of an empty batch").isNotNull().isEmpty();
      LayerNormApi.Gradients g = backward("backward of an empty batch", new double[0][], f);
      assertGradients("backward of an empty (0, 3) batch", new double[0][], new double[3], new double[3], g);
    }

    @Test
    void the_three_argument_forward_uses_pytorchs_eps_of_1e_minus_5() {
      // x = [0, 0.002]: biased var 1e-6, so eps dominates: y = +-0.001/sqrt(1.1e-5) = +-0.3015.
      double[][] x = {{0, 0.002}, {1, 2}};
      double tiny = 0.001 / Math.sqrt(1e-6 + 1e-5);
      double unit = 0.5 / Math.sqrt(0.25 + 1e-5);
      LayerNormApi.Forward f = KATA.forward(x, ones(2), new double[2]);
      assertThat(f).as("forward([[0, 0.002], [1, 2]], ones, zeros)").isNotNull();
      assertAllClose("y of [[0, 0.002], [1, 2]] with the default eps", new double[][] {{-tiny, tiny}, {-unit, unit}},
          f.y(), OUTPUT);
      LayerNormApi.Gradients g = backward("backward after the three-argument forward", new double[][] {{1, 0}, {0, 0}}, f);
      // g = [1, 0], sum g = 1, sum g*xhat = -tiny; dx = rstd/2 * ([2, 0] - 1 - xhat*(-tiny)).
      double rstd = 1 / Math.sqrt(1e-6 + 1e-5);
      double dx0 = rstd / 2 * (1 - tiny * tiny);
      assertGradients("backward after forward([[0, 0.002], [1, 2]]) with dy = [[1, 0], [0, 0]]",
          new double[][] {{dx0, -dx0}, {0, 0}}, new double[] {-tiny, 0}, new double[] {1, 0}, g);
    }

    @Test
    void inputs_are_not_modified_and_the_cache_does_not_follow_later_changes_to_them() {
      double[][] x = {{0.5, -1, 2}, {3, 3, 1}};
      double[] gamma = {1.5, -0.5, 2};
      double[] beta = {0.1, 0.2, 0.3};
      double[][] dy = {{1, -2, 0.5}, {0.25, 1, -1}};
      double[][] xCopy = deepCopy(x);
      double[] gammaCopy = gamma.clone();
      double[] betaCopy = beta.clone();
      double[][] dyCopy = deepCopy(dy);
      LayerNormApi.Forward expected = REFERENCE.forward(xCopy, gammaCopy, betaCopy, 1e-5);
      LayerNormApi.Gradients expectedGrad = REFERENCE.backward(dyCopy, expected.cache());

      LayerNormApi.Forward f = forward("forward of a (2, 3) batch", x, gamma, beta, 1e-5);
      assertThat(x).as("x after forward").isDeepEqualTo(xCopy);
      assertThat(gamma).as("gamma after forward").containsExactly(gammaCopy);
      assertThat(beta).as("beta after forward").containsExactly(betaCopy);
      // The caller now reuses its arrays; the saved forward pass must not change.
      for (double[] row : x) {
        Arrays.fill(row, 7);
      }
      Arrays.fill(gamma, 0);
      Arrays.fill(beta, 9);
      LayerNormApi.Gradients g = backward("backward after the caller overwrote x, gamma and beta", dy, f);
      assertThat(dy).as("dy after backward").isDeepEqualTo(dyCopy);
      assertGradients("backward after the caller overwrote x, gamma and beta (the cache must hold its own copies)",
          expectedGrad.dx(), expectedGrad.dgamma(), expectedGrad.dbeta(), g);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] x = {{1, 2, 3}, {0, 0, 1}};
    private final double[] gamma = {1, 1, 1};
    private final double[] beta = {0, 0, 0};

    @Test
    void gamma_must_have_at_least_one_finite_value() {
      assertRejects("forward with an empty gamma and beta", "gamma",
          () -> KATA.forward(new double[][] {{}}, new double[0], new double[0], 1e-5));
      assertRejects("forward with a NaN in gamma", "gamma",
          () -> KATA.forward(x, new double[] {1, Double.NaN, 1}, beta, 1e-5));
      assertRejects("forward with an infinite gamma", "gamma",
          () -> KATA.forward(x, new double[] {1, 1, Double.NEGATIVE_INFINITY}, beta, 1e-5));
    }

    @Test
    void beta_must_match_gamma_and_be_finite() {
      assertRejects("forward with beta of length 2 and gamma of length 3", "beta",
          () -> KATA.forward(x, gamma, new double[] {0, 0}, 1e-5));
      assertRejects("forward with an infinite beta", "beta",
          () -> KATA.forward(x, gamma, new double[] {0, Double.POSITIVE_INFINITY, 0}, 1e-5));
    }

    @Test
    void every_row_of_x_must_have_d_finite_values() {
      assertRejects("forward with a row of x of length 2 when D = 3", "x",
          () -> KATA.forward(new double[][] {{1, 2, 3}, {1, 2}}, gamma, beta, 1e-5));
      assertRejects("forward with rows of x of length 4 when D = 3", "x",
          () -> KATA.forward(new double[][] {{1, 2, 3, 4}}, gamma, beta, 1e-5));
      assertRejects("forward with a NaN in x", "x",
          () -> KATA.forward(new double[][] {{1, 2, 3}, {0, Double.NaN, 1}}, gamma, beta, 1e-5));
      assertRejects("forward with an infinity in x", "x",
          () -> KATA.forward(new double[][] {{Double.POSITIVE_INFINITY, 2, 3}}, gamma, beta, 1e-5));
    }

    @Test
    void eps_must_be_finite_and_positive() {
      for (double eps : new double[] {0, -1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("forward with eps = " + eps, "eps", () -> KATA.forward(x, gamma, beta, eps));
      }
    }

    @Test
    void dy_must_have_the_shape_of_y_and_finite_values() {
      LayerNormApi.Forward f = forward("forward of a (2, 3) batch", x, gamma, beta, 1e-5);
      assertRejects("backward with 1 row of dy after 2 rows of x", "dy",
          () -> KATA.backward(new double[][] {{1, 1, 1}}, f.cache()));
      assertRejects("backward with 3 rows of dy after 2 rows of x", "dy",
          () -> KATA.backward(new double[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, f.cache()));
      assertRejects("backward with a row of dy of length 2 when D = 3", "dy",
          () -> KATA.backward(new double[][] {{1, 1, 1}, {1, 1}}, f.cache()));
      assertRejects("backward with a NaN in dy", "dy",
          () -> KATA.backward(new double[][] {{1, 1, 1}, {1, Double.NaN, 1}}, f.cache()));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      LayerNormApi.Forward f = forward("forward of a (2, 3) batch", x, gamma, beta, 1e-5);
      assertNullRejected("forward with x null", () -> KATA.forward(null, gamma, beta, 1e-5));
      assertNullRejected("forward with a null row of x", () -> KATA.forward(new double[][] {null}, gamma, beta, 1e-5));
      assertNullRejected("forward with gamma null", () -> KATA.forward(x, null, beta, 1e-5));
      assertNullRejected("forward with beta null", () -> KATA.forward(x, gamma, null, 1e-5));
      assertNullRejected("backward with dy null", () -> KATA.backward(null, f.cache()));
      assertNullRejected("backward with cache null", () -> KATA.backward(new double[][] {{1, 1, 1}, {1, 1, 1}}, null));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("normalization/layer-norm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forward_matches_pytorch(Goldens.Case c) {
      String input = input(c);
      LayerNormApi.Forward f = forward(c, input);
      assertAllClose("y of " + input + " vs " + c.library(), c.expected().matrix("y"), f.y(), OUTPUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_pytorch(Goldens.Case c) {
      String input = input(c);
      LayerNormApi.Gradients g = backward("backward of " + input, c.input().matrix("dy"), forward(c, input));
      assertGradients("backward of " + input + " vs " + c.library(), c.expected().matrix("dx"),
          c.expected().doubles("dgamma"), c.expected().doubles("dbeta"), g);
    }

    private String input(Goldens.Case c) {
      return "golden '" + c.name() + "' (" + c.input().matrix("x").length + " x " + c.input().doubles("gamma").length
          + ", eps " + c.input().number("eps") + ")";
    }

    private LayerNormApi.Forward forward(Goldens.Case c, String input) {
      return LayerNormSpec.forward("forward of " + input, c.input().matrix("x"), c.input().doubles("gamma"),
          c.input().doubles("beta"), c.input().number("eps"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void each_normalized_row_has_mean_zero_and_variance_var_over_var_plus_eps() {
      Props.check("with gamma = 1 and beta = 0 each output row has mean 0 and biased variance var/(var + eps)",
          EXAMPLES, LayerNormGens.batches(6, 12), b -> {
            double[][] y = forward("forward of " + b.shape(), b.x(), ones(b.cols()), new double[b.cols()], b.eps()).y();
            assertShape("y of " + b.shape(), y, b.rows(), b.cols());
            for (int i = 0; i < b.rows(); i++) {
              double var = biasedVariance(b.x()[i]);
              assertClose("property 'mean of normalized row " + i + " is 0' for " + b.shape(), 0, mean(y[i]), STATISTIC);
              assertClose("property 'biased variance of normalized row " + i + " is var/(var + eps) = "
                  + var / (var + b.eps()) + "' for " + b.shape(), var / (var + b.eps()), meanSquare(y[i]), STATISTIC);
            }
          });
    }

    @Test
    void adding_a_constant_to_a_row_changes_nothing() {
      Props.check("forward(x + c_i) = forward(x) for a constant c_i per row", EXAMPLES, LayerNormGens.batches(6, 12), b -> {
        double[][] shifted = deepCopy(b.x());
        for (int i = 0; i < shifted.length; i++) {
          double c = (i % 2 == 0 ? 1 : -1) * (3.25 + 7 * i);
          for (int j = 0; j < shifted[i].length; j++) {
            shifted[i][j] += c;
          }
        }
        LayerNormApi.Forward base = forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps());
        LayerNormApi.Forward moved = forward("forward of the shifted rows of " + b.shape(), shifted, b.gamma(), b.beta(), b.eps());
        assertAllClose("property 'adding a constant to a row leaves its output alone' for " + b.shape(), base.y(), moved.y(), OUTPUT);
        LayerNormApi.Gradients g0 = backward("backward of " + b.shape(), b.dy(), base);
        LayerNormApi.Gradients g1 = backward("backward of the shifted rows of " + b.shape(), b.dy(), moved);
        assertGradients("property 'adding a constant to a row leaves its gradients alone' for " + b.shape(),
            g0.dx(), g0.dgamma(), g0.dbeta(), g1);
      });
    }

    @Test
    void scaling_a_row_by_c_equals_dividing_eps_by_c_squared() {
      Props.check("forward(c x, eps) = forward(x, eps / c^2)", EXAMPLES, LayerNormGens.batches(6, 12), b -> {
        for (double c : new double[] {0.2, 3, -7.5}) {
          double[][] scaled = deepCopy(b.x());
          for (double[] row : scaled) {
            for (int j = 0; j < row.length; j++) {
              row[j] *= c;
            }
          }
          // c x = |c| (-x), so for c < 0 the right-hand side normalizes -x.
          LayerNormApi.Forward lhs = forward("forward of " + c + " * x for " + b.shape(), scaled, b.gamma(), b.beta(), b.eps());
          LayerNormApi.Forward rhs = forward("forward with eps / " + (c * c) + " for " + b.shape(),
              c < 0 ? negate(b.x()) : b.x(), b.gamma(), b.beta(), b.eps() / (c * c));
          assertAllClose("property 'scaling x by " + c + " is dividing eps by " + (c * c) + "' for " + b.shape(),
              rhs.y(), lhs.y(), OUTPUT);
        }
      });
    }

    @Test
    void the_affine_map_comes_after_normalizing() {
      Props.check("forward(x, gamma, beta) = gamma * forward(x, 1, 0) + beta", EXAMPLES, LayerNormGens.batches(6, 12), b -> {
        double[][] plain = forward("forward with gamma 1, beta 0 of " + b.shape(), b.x(), ones(b.cols()), new double[b.cols()], b.eps()).y();
        double[][] y = forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps()).y();
        assertShape("y of " + b.shape(), plain, b.rows(), b.cols());
        double[][] expected = new double[b.rows()][b.cols()];
        for (int i = 0; i < b.rows(); i++) {
          for (int j = 0; j < b.cols(); j++) {
            expected[i][j] = b.gamma()[j] * plain[i][j] + b.beta()[j];
          }
        }
        assertAllClose("property 'y = gamma * xhat + beta, element by element' for " + b.shape(), expected, y, OUTPUT);
      });
    }

    @Test
    void a_rows_output_and_gradients_do_not_depend_on_the_other_rows() {
      Props.check("each row is normalized on its own; parameter gradients add up over rows", EXAMPLES,
          LayerNormGens.batches(6, 12), b -> {
            LayerNormApi.Forward whole = forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps());
            LayerNormApi.Gradients wholeGrad = backward("backward of " + b.shape(), b.dy(), whole);
            double[] dgamma = new double[b.cols()];
            double[] dbeta = new double[b.cols()];
            for (int i = 0; i < b.rows(); i++) {
              double[][] alone = {b.x()[i].clone()};
              LayerNormApi.Forward single = forward("forward of row " + i + " alone of " + b.shape(), alone, b.gamma(), b.beta(), b.eps());
              String what = "property 'row " + i + " in the batch equals row " + i + " alone' for " + b.shape();
              assertAllClose(what + ": y", single.y()[0], whole.y()[i], OUTPUT);
              LayerNormApi.Gradients g = backward("backward of row " + i + " alone", new double[][] {b.dy()[i].clone()}, single);
              assertShape(what + ": dx", wholeGrad.dx(), b.rows(), b.cols());
              assertShape(what + ": dx alone", g.dx(), 1, b.cols());
              assertAllClose(what + ": dx", g.dx()[0], wholeGrad.dx()[i], GRADIENT * scale(g.dx()[0]));
              for (int j = 0; j < b.cols(); j++) {
                dgamma[j] += g.dgamma()[j];
                dbeta[j] += g.dbeta()[j];
              }
            }
            assertAllClose("property 'dgamma of the batch = sum of the rows' dgamma' for " + b.shape(), dgamma,
                wholeGrad.dgamma(), GRADIENT * scale(dgamma));
            assertAllClose("property 'dbeta of the batch = sum of the rows' dbeta' for " + b.shape(), dbeta,
                wholeGrad.dbeta(), GRADIENT * scale(dbeta));
          });
    }

    @Test
    void each_row_of_dx_sums_to_zero() {
      Props.check("sum_j dx[i][j] = 0 for every row i", EXAMPLES, LayerNormGens.batches(6, 12), b -> {
        LayerNormApi.Forward f = forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps());
        LayerNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(), f);
        assertShape("dx of " + b.shape(), g.dx(), b.rows(), b.cols());
        for (int i = 0; i < b.rows(); i++) {
          double sum = 0;
          for (double v : g.dx()[i]) {
            sum += v;
          }
          assertClose("property 'row " + i + " of dx sums to 0' (dx row " + Arrays.toString(g.dx()[i]) + ") for " + b.shape(),
              0, sum, STATISTIC * scale(g.dx()[i]) * b.cols());
        }
      });
    }

    @Test
    void parameter_gradients_are_column_sums_against_the_normalized_input() {
      Props.check("dgamma[j] = sum_i dy[i][j] * xhat[i][j] and dbeta[j] = sum_i dy[i][j]", EXAMPLES,
          LayerNormGens.batches(6, 12), b -> {
            double[][] xhat = forward("forward with gamma 1, beta 0 of " + b.shape(), b.x(), ones(b.cols()), new double[b.cols()], b.eps()).y();
            assertShape("xhat of " + b.shape(), xhat, b.rows(), b.cols());
            LayerNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(),
                forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps()));
            double[] dgamma = new double[b.cols()];
            double[] dbeta = new double[b.cols()];
            for (int i = 0; i < b.rows(); i++) {
              for (int j = 0; j < b.cols(); j++) {
                dgamma[j] += b.dy()[i][j] * xhat[i][j];
                dbeta[j] += b.dy()[i][j];
              }
            }
            assertAllClose("property 'dgamma = column sums of dy * xhat' for " + b.shape(), dgamma, g.dgamma(), GRADIENT * scale(dgamma));
            assertAllClose("property 'dbeta = column sums of dy' for " + b.shape(), dbeta, g.dbeta(), GRADIENT * scale(dbeta));
          });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void dx_matches_central_differences_of_the_loss_sum_dy_times_y() {
      Props.check("dx = d/dx sum(dy * y) by central differences", 60, LayerNormGens.smoothBatches(4, 8), b -> {
        LayerNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(), forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps()));
        assertShape("dx of " + b.shape(), g.dx(), b.rows(), b.cols());
        Function<double[], Double> loss = flat -> loss(b, unflatten(flat, b.rows(), b.cols()), b.gamma(), b.beta());
        assertGradientMatches("dx of " + b.shape(), loss, flatten(b.x()), flatten(g.dx()), STEP, FINITE_DIFFERENCE);
      });
    }

    @Test
    void dgamma_and_dbeta_match_central_differences() {
      Props.check("dgamma and dbeta = d/dgamma, d/dbeta sum(dy * y) by central differences", 60,
          LayerNormGens.smoothBatches(4, 8), b -> {
            LayerNormApi.Gradients g = backward("backward of " + b.shape(), b.dy(), forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps()));
            assertGradientMatches("dgamma of " + b.shape(), gamma -> loss(b, b.x(), gamma, b.beta()), b.gamma(), g.dgamma(),
                STEP, FINITE_DIFFERENCE);
            assertGradientMatches("dbeta of " + b.shape(), beta -> loss(b, b.x(), b.gamma(), beta), b.beta(), g.dbeta(),
                STEP, FINITE_DIFFERENCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference_on_random_batches() {
      Props.check("forward and backward agree with the reference solution", EXAMPLES, LayerNormGens.batches(8, 16), b -> {
        LayerNormApi.Forward expected = REFERENCE.forward(b.x(), b.gamma(), b.beta(), b.eps());
        LayerNormApi.Gradients expectedGrad = REFERENCE.backward(b.dy(), expected.cache());
        LayerNormApi.Forward f = forward("forward of " + b.shape(), b.x(), b.gamma(), b.beta(), b.eps());
        assertAllClose("y, reference vs yours, for " + b.shape(), expected.y(), f.y(), OUTPUT);
        assertGradients("backward, reference vs yours, for " + b.shape(), expectedGrad.dx(), expectedGrad.dgamma(),
            expectedGrad.dbeta(), backward("backward of " + b.shape(), b.dy(), f));
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** Calls the kata's forward and checks that it returned something of the right shape. */
  static LayerNormApi.Forward forward(String what, double[][] x, double[] gamma, double[] beta, double eps) {
    LayerNormApi.Forward f = KATA.forward(x, gamma, beta, eps);
    assertThat(f).as(what).isNotNull();
    assertShape(what + ": y", f.y(), x.length, gamma.length);
    return f;
  }

  /** Calls the kata's backward with the cache of {@code f}. */
  static LayerNormApi.Gradients backward(String what, double[][] dy, LayerNormApi.Forward f) {
    LayerNormApi.Gradients g = KATA.backward(dy, f.cache());
    assertThat(g).as(what).isNotNull();
    return g;
  }

  /** dx row by row, dgamma and dbeta, each within {@link #GRADIENT} relative to its own scale. */
  static void assertGradients(String what, double[][] dx, double[] dgamma, double[] dbeta, LayerNormApi.Gradients g) {
    assertShape(what + ": dx", g.dx(), dx.length, dgamma.length);
    for (int i = 0; i < dx.length; i++) {
      assertAllClose(what + ": dx, row " + i, dx[i], g.dx()[i], GRADIENT * scale(dx[i]));
    }
    assertAllClose(what + ": dgamma", dgamma, g.dgamma(), GRADIENT * scale(dgamma));
    assertAllClose(what + ": dbeta", dbeta, g.dbeta(), GRADIENT * scale(dbeta));
  }

  static void assertShape(String what, double[][] m, int rows, int cols) {
    assertThat(m).as("%s: the result matrix", what).isNotNull();
    assertThat(m.length).as("%s: number of rows", what).isEqualTo(rows);
    for (int i = 0; i < rows; i++) {
      assertThat(m[i]).as("%s: row %d", what, i).isNotNull();
      assertThat(m[i].length).as("%s: length of row %d", what, i).isEqualTo(cols);
    }
  }

  /** sum(dy * y) for the kata's forward pass at the given point: the loss the gradients belong to. */
  static double loss(Batch b, double[][] x, double[] gamma, double[] beta) {
    double[][] y = KATA.forward(x, gamma, beta, b.eps()).y();
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y[i].length; j++) {
        total += b.dy()[i][j] * y[i][j];
      }
    }
    return total;
  }

  static double[][] negate(double[][] m) {
    double[][] out = deepCopy(m);
    for (double[] row : out) {
      for (int j = 0; j < row.length; j++) {
        row[j] = -row[j];
      }
    }
    return out;
  }
}

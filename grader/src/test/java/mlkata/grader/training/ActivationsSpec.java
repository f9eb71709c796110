package mlkata.grader.training;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.training.ActivationsGens.Point;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code training/activations}.
 *
 * <p>Every function is a handful of floating-point operations, so a correct answer agrees with
 * PyTorch's float64 result to a few ulps. The tolerances are relative with a floor of 1 (absolute below
 * magnitude 1), tight enough to see the softplus switch taken one ulp early ({@code ln(1 + e^20)}
 * exceeds 20 by 2e-9) and every formula slip (a derivative missing the product rule, {@code sigmoid(x)}
 * for {@code sigmoid(beta x)}) by far more. Efficiency is not graded: every call is O(1).
 */
@KataSpec
@DisplayName("training/activations: Activations and their derivatives")
final class ActivationsSpec {
  /**
   * Tolerance on a function value, relative to {@code max(1, |expected|)}: a correct answer is within a
   * few ulps of PyTorch (1e-15 relative), whether it uses {@code expm1} or {@code exp(x) - 1}, and the
   * early softplus switch is off by 1e-10 relative.
   */
  static final double VALUE = 1e-12;

  /** Tolerance on a derivative, relative to {@code max(1, |expected|)}: same reasoning as {@link #VALUE}. */
  static final double DERIVATIVE = 1e-12;

  /**
   * Mixed tolerance of the finite-difference checks: step {@link #STEP} on inputs at least 0.01 from a
   * kink leaves truncation error below 1e-9 and rounding near 1e-10 on these O(1) slopes.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-6;

  private static final int EXAMPLES = 300;

  private static final ActivationsApi KATA = Target.pick(new ActivationsOfExercises(), new ActivationsOfSolutions());
  private static final ActivationsApi REFERENCE = new ActivationsOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      assertValue("sigmoid(0)", 0.5, KATA.sigmoid(0));
      assertValue("sigmoidDerivative(0) = 1/2 * 1/2", 0.25, KATA.sigmoidDerivative(0));
      assertValue("relu(-2)", 0, KATA.relu(-2));
      assertValue("reluDerivative(0), autograd's choice at the kink", 0, KATA.reluDerivative(0));
      assertValue("leakyRelu(-2, 0.1)", -0.2, KATA.leakyRelu(-2, 0.1));
      assertValue("elu(-1, 1) = 1/e - 1", -0.6321205588285577, KATA.elu(-1, 1));
      assertValue("softplus(0, 1, 20) = ln 2", Math.log(2), KATA.softplus(0, 1, 20));
      assertValue("silu(1) = 1 * sigmoid(1)", 0.7310585786300049, KATA.silu(1));
    }

    @Test
    void values_and_slopes_worked_by_hand() {
      // tanh(0) = 0, tanh'(0) = 1; relu(3) = 3 with slope 1; leaky slope 0.25 on the negative side.
      assertValue("tanh(0)", 0, KATA.tanh(0));
      assertValue("tanhDerivative(0) = 1 - 0^2", 1, KATA.tanhDerivative(0));
      assertValue("relu(3)", 3, KATA.relu(3));
      assertValue("reluDerivative(3)", 1, KATA.reluDerivative(3));
      assertValue("reluDerivative(-3)", 0, KATA.reluDerivative(-3));
      assertValue("leakyRelu(4, 0.25)", 4, KATA.leakyRelu(4, 0.25));
      assertValue("leakyReluDerivative(-4, 0.25)", 0.25, KATA.leakyReluDerivative(-4, 0.25));
      assertValue("leakyReluDerivative(4, 0.25)", 1, KATA.leakyReluDerivative(4, 0.25));
      // elu(-ln 2, alpha 2) = 2 (1/2 - 1) = -1; elu' = 2 * 1/2 = 1.
      assertValue("elu(-ln 2, 2)", -1, KATA.elu(-Math.log(2), 2));
      assertValue("eluDerivative(-ln 2, 2) = 2 e^(-ln 2)", 1, KATA.eluDerivative(-Math.log(2), 2));
      assertValue("elu(1.5, 2) on the identity side", 1.5, KATA.elu(1.5, 2));
      // softplus(0, beta 2) = ln 2 / 2; its slope is sigmoid(0) = 1/2 for every beta.
      assertValue("softplus(0, 2, 20) = ln 2 / 2", Math.log(2) / 2, KATA.softplus(0, 2, 20));
      assertValue("softplusDerivative(0, 2, 20) = sigmoid(0)", 0.5, KATA.softplusDerivative(0, 2, 20));
      // softplus(ln 3, beta 1) = ln(1 + 3) = ln 4; slope sigmoid(ln 3) = 3/4.
      assertValue("softplus(ln 3, 1, 20) = ln 4", Math.log(4), KATA.softplus(Math.log(3), 1, 20));
      assertValue("softplusDerivative(ln 3, 1, 20) = 3/4", 0.75, KATA.softplusDerivative(Math.log(3), 1, 20));
      // gelu(0) = 0, gelu'(0) = 1/2; silu(0) = 0, silu'(0) = 1/2.
      assertValue("gelu(0)", 0, KATA.gelu(0));
      assertValue("geluDerivative(0) = (1 + tanh 0) / 2", 0.5, KATA.geluDerivative(0));
      assertValue("silu(0)", 0, KATA.silu(0));
      assertValue("siluDerivative(0) = s (1 + 0) = 1/2", 0.5, KATA.siluDerivative(0));
      // sigmoid(ln 3) = 3/4: sigmoid' = 3/16; silu'(ln 3) = 3/4 (1 + ln 3 / 4).
      assertValue("sigmoid(ln 3) = 3/4", 0.75, KATA.sigmoid(Math.log(3)));
      assertValue("sigmoidDerivative(ln 3) = 3/4 * 1/4", 3.0 / 16, KATA.sigmoidDerivative(Math.log(3)));
      assertValue("siluDerivative(ln 3) = 3/4 (1 + ln 3 / 4)", 0.75 * (1 + Math.log(3) / 4),
          KATA.siluDerivative(Math.log(3)));
    }

    @Test
    void gelu_is_the_tanh_approximation_not_the_exact_erf_form() {
      // u = sqrt(2/pi) (1 + 0.044715) = 0.8336, gelu(1) = (1 + tanh(u)) / 2 = 0.841192. The exact
      // x Phi(x) gives 0.841345, 1.5e-4 away: far outside the tolerance.
      double u = Math.sqrt(2 / Math.PI) * (1 + 0.044715);
      assertValue("gelu(1) with the tanh approximation = (1 + tanh(0.8336)) / 2 = 0.841192 (the exact erf GELU gives"
          + " 0.841345)", (1 + Math.tanh(u)) / 2, KATA.gelu(1));
    }

    @Test
    void the_kinks_take_autogradss_left_hand_value() {
      assertValue("reluDerivative(0)", 0, KATA.reluDerivative(0));
      assertValue("leakyReluDerivative(0, 0.1)", 0.1, KATA.leakyReluDerivative(0, 0.1));
      assertValue("eluDerivative(0, 1.5)", 1.5, KATA.eluDerivative(0, 1.5));
      assertValue("relu(0)", 0, KATA.relu(0));
      assertValue("elu(0, 1.5)", 0, KATA.elu(0, 1.5));
      // At beta x == threshold the logarithm is used: ln(1 + e^20) = 20 + 2.06e-9, slope sigmoid(20).
      assertValue("softplus(20, 1, 20): the switch is strict", 20.000000002061153, KATA.softplus(20, 1, 20));
      assertValue("softplusDerivative(20, 1, 20) = sigmoid(20)", 0.9999999979388464,
          KATA.softplusDerivative(20, 1, 20));
      assertValue("softplus(20.001, 1, 20) is x", 20.001, KATA.softplus(20.001, 1, 20));
      assertValue("softplusDerivative(20.001, 1, 20) is 1", 1, KATA.softplusDerivative(20.001, 1, 20));
      // beta 2, threshold 20: the switch is at x = 10, not at x = 20.
      assertValue("softplus(10.5, 2, 20) is x", 10.5, KATA.softplus(10.5, 2, 20));
      assertValue("softplus(9.5, 2, 20) = ln(1 + e^19) / 2", Math.log1p(Math.exp(19)) / 2, KATA.softplus(9.5, 2, 20));
    }

    @Test
    void extreme_inputs_give_the_limits_without_nan() {
      assertValue("sigmoid(-1000) (1 / (1 + exp(-x)) is fine here; exp(x) / (1 + exp(x)) fails at +1000)", 0,
          KATA.sigmoid(-1000));
      assertValue("sigmoid(1000) (exp(x) / (1 + exp(x)) is NaN for x above 709)", 1, KATA.sigmoid(1000));
      assertValue("sigmoidDerivative(-1000)", 0, KATA.sigmoidDerivative(-1000));
      assertValue("sigmoidDerivative(1000)", 0, KATA.sigmoidDerivative(1000));
      assertValue("tanh(-1000)", -1, KATA.tanh(-1000));
      assertValue("tanhDerivative(1000)", 0, KATA.tanhDerivative(1000));
      assertValue("elu(-1000, 2)", -2, KATA.elu(-1000, 2));
      assertValue("eluDerivative(-1000, 2)", 0, KATA.eluDerivative(-1000, 2));
      assertValue("softplus(1000, 1, 20)", 1000, KATA.softplus(1000, 1, 20));
      assertValue("softplus(-1000, 1, 20)", 0, KATA.softplus(-1000, 1, 20));
      assertValue("softplusDerivative(-1000, 1, 20)", 0, KATA.softplusDerivative(-1000, 1, 20));
      assertValue("silu(-1000)", 0, KATA.silu(-1000));
      assertValue("siluDerivative(-1000)", 0, KATA.siluDerivative(-1000));
      assertValue("siluDerivative(1000)", 1, KATA.siluDerivative(1000));
      assertValue("silu(1000)", 1000, KATA.silu(1000));
    }

    @Test
    void softplus_below_a_large_threshold_does_not_overflow() {
      // Deliberate difference from PyTorch, whose log1p(exp(1000)) is infinite.
      assertValue("softplus(1000, 1, 2000) (log(1 + exp(1000)) computed as written is infinite)", 1000,
          KATA.softplus(1000, 1, 2000));
      assertValue("softplusDerivative(1000, 1, 2000)", 1, KATA.softplusDerivative(1000, 1, 2000));
      assertValue("softplus(-1000, 1, 2000)", 0, KATA.softplus(-1000, 1, 2000));
      assertValue("softplus(800, 0.5, 2000) = 800 + ln(1 + e^-400) / 0.5", 800, KATA.softplus(800, 0.5, 2000));
      assertValue("softplus(1e300, 1e10, 1e300): beta x overflows to the threshold branch", 1e300,
          KATA.softplus(1e300, 1e10, 1e300));
    }

    @Test
    void gelu_at_huge_inputs_gives_its_limits() {
      // Deliberate difference from PyTorch, whose derivative is NaN where x^2 overflows.
      assertValue("gelu(1e200) (x^3 overflows: tanh(+inf) is fine, but 0 * inf terms give NaN)", 1e200,
          KATA.gelu(1e200));
      assertValue("gelu(-1e200)", 0, KATA.gelu(-1e200));
      assertValue("geluDerivative(1e200)", 1, KATA.geluDerivative(1e200));
      assertValue("geluDerivative(-1e200)", 0, KATA.geluDerivative(-1e200));
      assertValue("geluDerivative(Double.MAX_VALUE)", 1, KATA.geluDerivative(Double.MAX_VALUE));
      assertValue("geluDerivative(-Double.MAX_VALUE)", 0, KATA.geluDerivative(-Double.MAX_VALUE));
    }

    @Test
    void zero_and_negative_parameters_are_allowed() {
      assertValue("leakyRelu(-3, 0) is relu", 0, KATA.leakyRelu(-3, 0));
      assertValue("leakyRelu(-3, -0.5)", 1.5, KATA.leakyRelu(-3, -0.5));
      assertValue("leakyReluDerivative(-3, -0.5)", -0.5, KATA.leakyReluDerivative(-3, -0.5));
      assertValue("elu(-1, 0)", 0, KATA.elu(-1, 0));
      assertValue("eluDerivative(-1, -2) = -2/e", -2 * Math.exp(-1), KATA.eluDerivative(-1, -2));
      assertValue("softplus(-1, 1, -2): -1 > -2 so x", -1, KATA.softplus(-1, 1, -2));
      assertValue("softplus(-3, 1, -2) = ln(1 + e^-3)", Math.log1p(Math.exp(-3)), KATA.softplus(-3, 1, -2));
      assertValue("softplus(0, 1, 0): the switch is strict", Math.log(2), KATA.softplus(0, 1, 0));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void a_non_finite_input_is_rejected_by_every_function() {
      for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        for (String f : ActivationsGens.FUNCTIONS) {
          double[] params = defaults(f);
          assertRejects(f + "(" + x + ")", "x", () -> bind(KATA, f, params).value().applyAsDouble(x));
          assertRejects(f + "Derivative(" + x + ")", "x", () -> bind(KATA, f, params).derivative().applyAsDouble(x));
        }
      }
    }

    @Test
    void a_non_finite_slope_or_alpha_is_rejected() {
      for (double p : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("leakyRelu(1, " + p + ")", "slope", () -> KATA.leakyRelu(1, p));
        assertRejects("leakyReluDerivative(-1, " + p + ")", "slope", () -> KATA.leakyReluDerivative(-1, p));
        assertRejects("elu(1, " + p + ")", "alpha", () -> KATA.elu(1, p));
        assertRejects("eluDerivative(-1, " + p + ")", "alpha", () -> KATA.eluDerivative(-1, p));
      }
    }

    @Test
    void a_beta_that_is_not_finite_and_positive_is_rejected() {
      for (double beta : new double[] {0, -1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("softplus(1, " + beta + ", 20)", "beta", () -> KATA.softplus(1, beta, 20));
        assertRejects("softplusDerivative(1, " + beta + ", 20)", "beta", () -> KATA.softplusDerivative(1, beta, 20));
      }
    }

    @Test
    void a_non_finite_threshold_is_rejected() {
      for (double t : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("softplus(1, 1, " + t + ")", "threshold", () -> KATA.softplus(1, 1, t));
        assertRejects("softplusDerivative(1, 1, " + t + ")", "threshold", () -> KATA.softplusDerivative(1, 1, t));
      }
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("training/activations");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void values_match_pytorch(Goldens.Case c) {
      double[] xs = c.input().doubles("x");
      double[] values = c.expected().doubles("value");
      Bound fn = bind(KATA, c.input().string("function"), c.input().doubles("params"));
      for (int k = 0; k < xs.length; k++) {
        assertValue("value of " + fn + " at x = " + xs[k] + " vs " + c.library(), values[k],
            fn.value().applyAsDouble(xs[k]));
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void derivatives_match_pytorch_autograd(Goldens.Case c) {
      double[] xs = c.input().doubles("x");
      double[] derivatives = c.expected().doubles("derivative");
      Bound fn = bind(KATA, c.input().string("function"), c.input().doubles("params"));
      for (int k = 0; k < xs.length; k++) {
        assertDerivative("derivative of " + fn + " at x = " + xs[k] + " vs " + c.library(), derivatives[k],
            fn.derivative().applyAsDouble(xs[k]));
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void derivatives_match_central_differences_away_from_kinks() {
      Props.check("f'(x) = (f(x + h) - f(x - h)) / 2h away from kinks", EXAMPLES, ActivationsGens.smoothPoints(), p -> {
        Bound fn = bind(KATA, p.function(), p.params());
        assertGradientMatches("derivative of " + p, v -> fn.value().applyAsDouble(v[0]), new double[] {p.x()},
            new double[] {fn.derivative().applyAsDouble(p.x())}, STEP, FINITE_DIFFERENCE);
      });
    }

    @Test
    void sigmoid_slope_is_s_times_one_minus_s_and_at_most_a_quarter() {
      Props.check("sigmoid'(x) = s (1 - s) <= 1/4, s = sigmoid(x) = 1 / (1 + e^-x)", EXAMPLES,
          ActivationsGens.input(), x -> {
            double s = KATA.sigmoid(x);
            assertValue("property 'sigmoid(x) = 1 / (1 + e^-x)' at x = " + x, 1 / (1 + Math.exp(-x)), s);
            double slope = KATA.sigmoidDerivative(x);
            assertDerivative("property 'sigmoid'(x) = s (1 - s)' at x = " + x, s * (1 - s), slope);
            assertThat(slope).as("property 'sigmoid'(x) <= 1/4' at x = %s", x).isLessThanOrEqualTo(0.25);
          });
    }

    @Test
    void ten_stacked_sigmoids_shrink_the_gradient_at_least_a_million_fold() {
      // d/dx of sigmoid applied ten times is the product of the ten slopes, each at most 1/4.
      Props.check("the chain rule through 10 sigmoids gives at most 4^-10", EXAMPLES, ActivationsGens.input(), x -> {
        double a = x;
        double chain = 1;
        for (int layer = 0; layer < 10; layer++) {
          chain *= KATA.sigmoidDerivative(a);
          a = KATA.sigmoid(a);
        }
        assertThat(chain).as("property 'gradient through 10 sigmoid layers <= 4^-10' from x = %s", x)
            .isBetween(0.0, Math.pow(4, -10));
      });
    }

    @Test
    void tanh_is_a_rescaled_sigmoid_and_its_slope_is_one_minus_tanh_squared() {
      Props.check("tanh(x) = 2 sigmoid(2x) - 1 and tanh'(x) = 1 - tanh(x)^2 <= 1", EXAMPLES, ActivationsGens.input(), x -> {
        double t = KATA.tanh(x);
        assertValue("property 'tanh(x) = 2 sigmoid(2x) - 1' at x = " + x, 2 / (1 + Math.exp(-2 * x)) - 1, t);
        double slope = KATA.tanhDerivative(x);
        assertDerivative("property 'tanh'(x) = 1 - tanh(x)^2' at x = " + x, 1 - t * t, slope);
        assertThat(slope).as("property 'tanh'(x) in [0, 1]' at x = %s", x).isBetween(0.0, 1.0);
      });
    }

    @Test
    void relu_family_identities() {
      Props.check("relu(x) - relu(-x) = x; leakyRelu(x, 0) = relu(x); elu'(x) = elu(x) + alpha for x <= 0",
          EXAMPLES, ActivationsGens.input(), x -> {
            assertValue("property 'relu(x) - relu(-x) = x' at x = " + x, x, KATA.relu(x) - KATA.relu(-x));
            assertValue("property 'leakyRelu(x, 0) = relu(x)' at x = " + x, KATA.relu(x), KATA.leakyRelu(x, 0));
            assertValue("property 'leakyRelu(x, 1) = x' at x = " + x, x, KATA.leakyRelu(x, 1));
            assertDerivative("property 'relu' + relu'(-x) = 1 off the kink' at x = " + x, x == 0 ? 0 : 1,
                KATA.reluDerivative(x) + KATA.reluDerivative(-x));
            if (x <= 0) {
              assertDerivative("property 'elu'(x) = elu(x) + alpha for x <= 0' at x = " + x + ", alpha = 1.7",
                  KATA.elu(x, 1.7) + 1.7, KATA.eluDerivative(x, 1.7));
            }
          });
    }

    @Test
    void softplus_is_a_smooth_relu_whose_slope_is_the_sigmoid() {
      Props.check("softplus(x) - softplus(-x) = x and softplus'(x) = sigmoid(x) below the threshold", EXAMPLES,
          ActivationsGens.input(), x -> {
            assertValue("property 'softplus(x) - softplus(-x) = x' at x = " + x + " (beta 1, threshold 20)", x,
                KATA.softplus(x, 1, 20) - KATA.softplus(-x, 1, 20));
            assertDerivative("property 'softplus'(x) = sigmoid(x)' at x = " + x, KATA.sigmoid(x),
                KATA.softplusDerivative(x, 1, 20));
            assertThat(KATA.softplus(x, 1, 20)).as("property 'softplus(x) > relu(x)' at x = %s", x)
                .isGreaterThan(KATA.relu(x));
            assertValue("property 'softplus(x, beta) = softplus(beta x, 1) / beta' at x = " + x + ", beta 2.5",
                KATA.softplus(2.5 * x, 1, 20) / 2.5, KATA.softplus(x, 2.5, 20));
          });
    }

    @Test
    void silu_is_x_times_sigmoid() {
      Props.check("silu(x) = x sigmoid(x) and silu'(x) = s (1 + x (1 - s))", EXAMPLES, ActivationsGens.input(), x -> {
        double s = 1 / (1 + Math.exp(-x));
        assertValue("property 'silu(x) = x sigmoid(x)' at x = " + x, x * s, KATA.silu(x));
        assertDerivative("property 'silu'(x) = s (1 + x (1 - s))' at x = " + x, s * (1 + x * (1 - s)),
            KATA.siluDerivative(x));
      });
    }

    @Test
    void every_value_and_derivative_is_finite_for_inputs_of_any_magnitude() {
      Props.check("no NaN and no infinity from a finite input, up to 1e305", EXAMPLES,
          ActivationsGens.points(ActivationsGens.anyMagnitude()), p -> {
            Bound fn = bind(KATA, p.function(), p.params());
            double value = fn.value().applyAsDouble(p.x());
            double slope = fn.derivative().applyAsDouble(p.x());
            assertThat(Double.isFinite(value)).as("property 'the value is finite' for %s, got %s", p, value).isTrue();
            assertThat(Double.isFinite(slope)).as("property 'the derivative is finite' for %s, got %s", p, slope).isTrue();
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void values_and_derivatives_match_the_reference() {
      Props.check("values and derivatives agree with the reference solution", EXAMPLES,
          ActivationsGens.points(ActivationsGens.input().mix(ActivationsGens.anyMagnitude(), 30)), p -> {
            Bound expected = bind(REFERENCE, p.function(), p.params());
            Bound actual = bind(KATA, p.function(), p.params());
            assertValue("value of " + p + ", reference vs yours", expected.value().applyAsDouble(p.x()),
                actual.value().applyAsDouble(p.x()));
            assertDerivative("derivative of " + p + ", reference vs yours", expected.derivative().applyAsDouble(p.x()),
                actual.derivative().applyAsDouble(p.x()));
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** An activation with its parameters bound: its value and derivative as functions of x. */
  record Bound(String name, DoubleUnaryOperator value, DoubleUnaryOperator derivative) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Binds {@code function} (a name from {@link ActivationsGens#FUNCTIONS}) with {@code params} on {@code api}. */
  static Bound bind(ActivationsApi api, String function, double[] params) {
    switch (function) {
      case "sigmoid":
        return new Bound("sigmoid", api::sigmoid, api::sigmoidDerivative);
      case "tanh":
        return new Bound("tanh", api::tanh, api::tanhDerivative);
      case "relu":
        return new Bound("relu", api::relu, api::reluDerivative);
      case "leakyRelu":
        return new Bound("leakyRelu(slope " + params[0] + ")", x -> api.leakyRelu(x, params[0]),
            x -> api.leakyReluDerivative(x, params[0]));
      case "elu":
        return new Bound("elu(alpha " + params[0] + ")", x -> api.elu(x, params[0]),
            x -> api.eluDerivative(x, params[0]));
      case "softplus":
        return new Bound("softplus(beta " + params[0] + ", threshold " + params[1] + ")",
            x -> api.softplus(x, params[0], params[1]), x -> api.softplusDerivative(x, params[0], params[1]));
      case "gelu":
        return new Bound("gelu(tanh approximation)", api::gelu, api::geluDerivative);
      case "silu":
        return new Bound("silu", api::silu, api::siluDerivative);
      default:
        throw new IllegalStateException("unknown activation " + function);
    }
  }

  /** PyTorch's default parameters of {@code function}. */
  static double[] defaults(String function) {
    switch (function) {
      case "leakyRelu":
        return new double[] {0.01};
      case "elu":
        return new double[] {1};
      case "softplus":
        return new double[] {1, 20};
      default:
        return new double[0];
    }
  }

  static void assertValue(String what, double expected, double actual) {
    assertClose(what, expected, actual, VALUE * Math.max(1, Math.abs(expected)));
  }

  static void assertDerivative(String what, double expected, double actual) {
    assertClose(what, expected, actual, DERIVATIVE * Math.max(1, Math.abs(expected)));
  }
}

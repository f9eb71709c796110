package mlkata.grader.regularization;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.scale;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grades {@code regularization/penalties}.
 *
 * <p>Every quantity is a short sum or a single expression in float64, so a correct answer agrees with
 * torch, scikit-learn and the reference to a few ulps of the largest magnitude involved; the tolerances
 * below are relative to that magnitude (with a floor of 1). No efficiency layer: every method is one
 * O(n) pass.
 */
@KataSpec
@DisplayName("regularization/penalties: L1, L2 and elastic-net penalties")
final class PenaltiesSpec {
  /**
   * Tolerance on a penalty value, relative to max(1, |value|): a sum of at most 40 terms loses about
   * 40 ulps; a missing one half, a norm instead of a squared norm or a swapped l1Ratio is off by tens of
   * percent.
   */
  static final double VALUE = 1e-12;

  /** Tolerance on a gradient entry, relative to max(1, largest entry): one or two roundings per entry. */
  static final double GRADIENT = 1e-12;

  /** Tolerance on a soft-thresholded entry, relative to max(1, largest |v|): one subtraction. */
  static final double SHRINK = 1e-12;

  /**
   * Tolerance on an updated parameter, relative to max(1, largest |p|, largest |g|): a few roundings;
   * it also covers the rounding difference between the coupled and the decoupled form. Shrinking after
   * the gradient step instead of before is off by {@code lr^2 * wd * g}, at least 1e-3 on the examples.
   */
  static final double STEP = 1e-12;

  /**
   * Mixed tolerance of the finite-difference check: on weights at least 0.1 from zero the penalty is a
   * quadratic, so central differences are exact up to rounding, about 1e-16 * R / {@link #H} &lt; 1e-8.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences, below the 0.1 distance of every weight from the kink at 0. */
  static final double H = 1e-5;

  private static final int EXAMPLES = 300;

  private static final PenaltiesApi KATA = Target.pick(new PenaltiesOfExercises(), new PenaltiesOfSolutions());
  private static final PenaltiesApi REFERENCE = new PenaltiesOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_penalty() {
      // ||w||_1 = 7, ||w||^2 = 25: 0.5 * (0.25 * 7 + 0.5 * 0.75 * 25) = 5.5625.
      assertClose("elasticNet([3, -4, 0], 0.5, 0.25)", 5.5625, KATA.elasticNet(new double[] {3, -4, 0}, 0.5, 0.25), VALUE);
    }

    @Test
    void the_problem_statement_gradient() {
      // 0.5 * (0.25 * sign(w) + 0.75 * w) = [1.25, -1.625, 0]: the zero weight gets sign(0) = 0.
      assertAllClose("elasticNetGradient([3, -4, 0], 0.5, 0.25)", new double[] {1.25, -1.625, 0},
          KATA.elasticNetGradient(new double[] {3, -4, 0}, 0.5, 0.25), GRADIENT);
    }

    @Test
    void the_problem_statement_soft_threshold() {
      assertAllClose("softThreshold([3, -0.5, 1], 1)", new double[] {2, 0, 0},
          KATA.softThreshold(new double[] {3, -0.5, 1}, 1), SHRINK);
    }

    @Test
    void the_problem_statement_sgd_step() {
      // Coupled: [1, -2] - 0.1 * ([0.5, 0.5] + 0.5 * [1, -2]) = [0.9, -1.95]; decoupled: 0.95 * p - 0.05.
      for (boolean decoupled : new boolean[] {false, true}) {
        assertAllClose("sgdStep([1, -2], [0.5, 0.5], 0.1, 0.5, decoupled=" + decoupled + ")",
            new double[] {0.9, -1.95}, KATA.sgdStep(new double[] {1, -2}, new double[] {0.5, 0.5}, 0.1, 0.5, decoupled),
            STEP);
      }
    }

    @Test
    void l1_ratio_one_is_the_lasso_penalty_and_zero_is_half_the_squared_norm() {
      double[] w = {1, -2, 2};
      // ||w||_1 = 5, ||w||_2 = 3, ||w||^2 = 9.
      assertClose("elasticNet([1, -2, 2], 2, 1) = 2 * 5", 10, KATA.elasticNet(w, 2, 1), VALUE);
      assertClose("elasticNet([1, -2, 2], 2, 0) = 0.5 * 2 * 9 (squared norm, with the one half)", 9,
          KATA.elasticNet(w, 2, 0), VALUE);
    }

    @Test
    void l1_ratio_one_has_the_gradient_alpha_sign_w_and_zero_alpha_w() {
      double[] w = {1, -2, 2};
      assertAllClose("elasticNetGradient([1, -2, 2], 2, 1) = 2 * sign(w)", new double[] {2, -2, 2},
          KATA.elasticNetGradient(w, 2, 1), GRADIENT);
      assertAllClose("elasticNetGradient([1, -2, 2], 2, 0) = 2 * w", new double[] {2, -4, 4},
          KATA.elasticNetGradient(w, 2, 0), GRADIENT);
    }

    @Test
    void the_subgradient_at_zero_is_zero_for_both_signed_zeros() {
      assertAllClose("elasticNetGradient([0, -0.0], 1.5, 1)", new double[] {0, 0},
          KATA.elasticNetGradient(new double[] {0.0, -0.0}, 1.5, 1), GRADIENT);
    }

    @Test
    void the_penalty_of_signed_zeros_is_zero() {
      assertClose("elasticNet([0, -0.0], 1.5, 0.5)", 0, KATA.elasticNet(new double[] {0.0, -0.0}, 1.5, 0.5), VALUE);
    }

    @Test
    void soft_thresholding_stops_at_zero_and_never_crosses() {
      // Entries at exactly the threshold become 0, as do those inside it; the rest move 0.5 towards 0.
      assertAllClose("softThreshold([-3, -0.5, -0.25, 0, 0.5, 0.75, 3], 0.5) = sign(v) max(|v| - 0.5, 0): "
          + "negative entries move up to 0, positive ones down",
          new double[] {-2.5, 0, 0, 0, 0, 0.25, 2.5},
          KATA.softThreshold(new double[] {-3, -0.5, -0.25, 0, 0.5, 0.75, 3}, 0.5), SHRINK);
      assertAllClose("softThreshold([1.5, -2], 0) is the identity", new double[] {1.5, -2},
          KATA.softThreshold(new double[] {1.5, -2}, 0), SHRINK);
    }

    @Test
    void decoupled_decay_shrinks_before_the_gradient_step() {
      // p = 2, g = 1, lr = 0.5, wd = 1: (2 * 0.5) - 0.5 * 1 = 0.5, the same as 2 - 0.5 * (1 + 2).
      // Shrinking after the step would give (2 - 0.5) * 0.5 = 0.75.
      assertAllClose("sgdStep([2], [1], 0.5, 1, decoupled=true)", new double[] {0.5},
          KATA.sgdStep(new double[] {2}, new double[] {1}, 0.5, 1, true), STEP);
      assertAllClose("sgdStep([2], [1], 0.5, 1, decoupled=false)", new double[] {0.5},
          KATA.sgdStep(new double[] {2}, new double[] {1}, 0.5, 1, false), STEP);
      // lr * wd = 3 > 1 is allowed: the factor 1 - 3 = -2 flips the sign.
      assertAllClose("sgdStep([1], [0], 1, 3, decoupled=true)", new double[] {-2},
          KATA.sgdStep(new double[] {1}, new double[] {0}, 1, 3, true), STEP);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elasticNet", "elasticNetGradient", "softThreshold", "sgdStep"})
    void empty_vectors_give_zero_and_empty_results(String method) {
      switch (method) {
        case "elasticNet" -> assertClose("elasticNet([], 1, 0.5)", 0, KATA.elasticNet(new double[0], 1, 0.5), VALUE);
        case "elasticNetGradient" -> assertThat(KATA.elasticNetGradient(new double[0], 1, 0.5))
            .as("elasticNetGradient([], 1, 0.5)").isNotNull().isEmpty();
        case "softThreshold" -> assertThat(KATA.softThreshold(new double[0], 1)).as("softThreshold([], 1)")
            .isNotNull().isEmpty();
        default -> assertThat(KATA.sgdStep(new double[0], new double[0], 0.1, 0.1, true)).as("sgdStep of empty vectors")
            .isNotNull().isEmpty();
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void penalty_arguments_are_validated() {
      double[] w = {1, -1};
      for (double alpha : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("elasticNet with alpha " + alpha, "alpha", () -> KATA.elasticNet(w, alpha, 0.5));
        assertRejects("elasticNetGradient with alpha " + alpha, "alpha", () -> KATA.elasticNetGradient(w, alpha, 0.5));
      }
      for (double ratio : new double[] {-0.01, 1.01, Double.NaN}) {
        assertRejects("elasticNet with l1Ratio " + ratio, "l1Ratio", () -> KATA.elasticNet(w, 1, ratio));
        assertRejects("elasticNetGradient with l1Ratio " + ratio, "l1Ratio", () -> KATA.elasticNetGradient(w, 1, ratio));
      }
      for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
        double[] v = {1, bad};
        assertRejects("elasticNet of " + abbreviate(v), "w", () -> KATA.elasticNet(v, 1, 0.5));
        assertRejects("elasticNetGradient of " + abbreviate(v), "w", () -> KATA.elasticNetGradient(v, 1, 0.5));
      }
      assertNullRejected("elasticNet(null, ...)", () -> KATA.elasticNet(null, 1, 0.5));
      assertNullRejected("elasticNetGradient(null, ...)", () -> KATA.elasticNetGradient(null, 1, 0.5));
    }

    @Test
    void soft_threshold_arguments_are_validated() {
      for (double t : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("softThreshold with threshold " + t, "threshold", () -> KATA.softThreshold(new double[] {1}, t));
      }
      assertRejects("softThreshold of [1, NaN]", "v", () -> KATA.softThreshold(new double[] {1, Double.NaN}, 1));
      assertRejects("softThreshold of [Infinity]", "v",
          () -> KATA.softThreshold(new double[] {Double.POSITIVE_INFINITY}, 1));
      assertNullRejected("softThreshold(null, 1)", () -> KATA.softThreshold(null, 1));
    }

    @Test
    void sgd_step_arguments_are_validated() {
      double[] p = {1, 2};
      double[] g = {0.5, -0.5};
      assertRejects("sgdStep with grads of length 1", "grads", () -> KATA.sgdStep(p, new double[] {1}, 0.1, 0.1, false));
      assertRejects("sgdStep with grads [NaN, 0]", "grads",
          () -> KATA.sgdStep(p, new double[] {Double.NaN, 0}, 0.1, 0.1, false));
      assertRejects("sgdStep with params [Infinity, 0]", "params",
          () -> KATA.sgdStep(new double[] {Double.POSITIVE_INFINITY, 0}, g, 0.1, 0.1, true));
      for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("sgdStep with lr " + bad, "lr", () -> KATA.sgdStep(p, g, bad, 0.1, false));
        assertRejects("sgdStep with weightDecay " + bad, "weightDecay", () -> KATA.sgdStep(p, g, 0.1, bad, true));
      }
      assertNullRejected("sgdStep(null params)", () -> KATA.sgdStep(null, g, 0.1, 0.1, false));
      assertNullRejected("sgdStep(null grads)", () -> KATA.sgdStep(p, null, 0.1, 0.1, true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"elasticNet", "elasticNetGradient", "softThreshold", "sgdStep"})
    void inputs_are_not_modified(String method) {
      double[] w = {3, -4, 0, 0.25};
      double[] g = {1, 1, -1, 2};
      double[] wCopy = w.clone();
      double[] gCopy = g.clone();
      switch (method) {
        case "elasticNet" -> KATA.elasticNet(w, 0.5, 0.5);
        case "elasticNetGradient" -> KATA.elasticNetGradient(w, 0.5, 0.5);
        case "softThreshold" -> KATA.softThreshold(w, 1);
        default -> {
          KATA.sgdStep(w, g, 0.1, 0.5, true);
          KATA.sgdStep(w, g, 0.1, 0.5, false);
        }
      }
      assertThat(w).as("the weights after %s", method).containsExactly(wCopy);
      assertThat(g).as("the gradient after %s", method).containsExactly(gCopy);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch and scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> penaltyCases() {
      return casesStartingWith("elasticNet:");
    }

    static List<Goldens.Case> shrinkCases() {
      return casesStartingWith("softThreshold:");
    }

    static List<Goldens.Case> stepCases() {
      return casesStartingWith("sgdStep:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("penaltyCases")
    void penalty_matches_torch(Goldens.Case c) {
      double[] w = c.input().doubles("w");
      double alpha = c.input().number("alpha");
      double ratio = c.input().number("l1_ratio");
      String input = "golden '" + c.name() + "' (w " + abbreviate(w) + ", alpha " + alpha + ", l1Ratio " + ratio + ")";
      double expected = c.expected().number("penalty");
      assertClose("elasticNet of " + input + " vs " + c.library(), expected, KATA.elasticNet(w, alpha, ratio),
          VALUE * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("penaltyCases")
    void gradient_matches_torch_autograd(Goldens.Case c) {
      double[] w = c.input().doubles("w");
      double alpha = c.input().number("alpha");
      double ratio = c.input().number("l1_ratio");
      String input = "golden '" + c.name() + "' (w " + abbreviate(w) + ", alpha " + alpha + ", l1Ratio " + ratio + ")";
      double[] gradient = c.expected().doubles("gradient");
      assertAllClose("elasticNetGradient of " + input, gradient, KATA.elasticNetGradient(w, alpha, ratio),
          GRADIENT * scale(gradient));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shrinkCases")
    void soft_threshold_matches_the_one_feature_lasso(Goldens.Case c) {
      double[] v = c.input().doubles("v");
      double t = c.input().number("threshold");
      assertAllClose("softThreshold of golden '" + c.name() + "' (v " + abbreviate(v) + ", threshold " + t + ")",
          c.expected().doubles("result"), KATA.softThreshold(v, t), SHRINK * scale(v));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepCases")
    void sgd_step_matches_torch(Goldens.Case c) {
      double[] p = c.input().doubles("params");
      double[] g = c.input().doubles("grads");
      double lr = c.input().number("lr");
      double wd = c.input().number("weight_decay");
      boolean decoupled = c.input().bool("decoupled");
      assertAllClose("sgdStep of golden '" + c.name() + "' (params " + abbreviate(p) + ", grads " + abbreviate(g)
          + ", lr " + lr + ", weightDecay " + wd + ", decoupled " + decoupled + ")",
          c.expected().doubles("params"), KATA.sgdStep(p, g, lr, wd, decoupled), STEP * Math.max(scale(p), scale(g)));
    }

    private static List<Goldens.Case> casesStartingWith(String prefix) {
      return Goldens.cases("regularization/penalties").stream()
          .filter(c -> c.name().startsWith(prefix)).collect(Collectors.toList());
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_gradient_matches_central_differences_away_from_zero() {
      Props.check("elasticNetGradient = d/dw elasticNet away from w = 0", 100, RegularizationGens.smoothWeights(12),
          x -> assertGradientMatches("elasticNetGradient for " + x,
              w -> KATA.elasticNet(w, x.alpha(), x.l1Ratio()), x.w(),
              KATA.elasticNetGradient(x.w(), x.alpha(), x.l1Ratio()), H, FINITE_DIFFERENCE));
    }

    @Test
    void the_penalty_is_even_and_its_gradient_odd() {
      Props.check("R(-w) = R(w) and grad R(-w) = -grad R(w)", EXAMPLES, RegularizationGens.weights(20), x -> {
        double[] negated = negate(x.w());
        double value = KATA.elasticNet(x.w(), x.alpha(), x.l1Ratio());
        assertClose("property 'R(-w) = R(w)' for " + x, value, KATA.elasticNet(negated, x.alpha(), x.l1Ratio()),
            VALUE * Math.max(1, value));
        double[] gradient = KATA.elasticNetGradient(x.w(), x.alpha(), x.l1Ratio());
        assertAllClose("property 'grad R(-w) = -grad R(w)' for " + x, negate(gradient),
            KATA.elasticNetGradient(negated, x.alpha(), x.l1Ratio()), GRADIENT * scale(gradient));
      });
    }

    @Test
    void soft_thresholding_satisfies_the_proximal_optimality_condition() {
      Props.check("v - prox(v) is t * a subgradient of |.| at prox(v)", EXAMPLES, RegularizationGens.shrinks(20), s -> {
        double[] out = KATA.softThreshold(s.v(), s.threshold());
        assertThat(out).as("softThreshold for %s", s).isNotNull().hasSize(s.v().length);
        double tol = SHRINK * scale(s.v());
        for (int i = 0; i < out.length; i++) {
          String what = "property 'optimality of the lasso prox' at index " + i + " for " + s + ", got " + abbreviate(out);
          if (Math.abs(s.v()[i]) <= s.threshold()) {
            assertClose(what + ": |v| <= t must give exactly 0", 0, out[i], 0);
          } else {
            assertThat(Math.signum(out[i])).as(what + ": the sign is kept").isEqualTo(Math.signum(s.v()[i]));
            assertClose(what + ": v - prox = t * sign(prox)", s.threshold() * Math.signum(out[i]), s.v()[i] - out[i], tol);
          }
        }
      });
    }

    @Test
    void two_soft_thresholds_add_up() {
      Props.check("softThreshold(softThreshold(v, a), b) = softThreshold(v, a + b)", EXAMPLES,
          RegularizationGens.shrinks(20), s -> {
            double a = s.threshold();
            double b = 0.375;
            assertAllClose("property 'S_b(S_a(v)) = S_{a+b}(v)' with b = 0.375 for " + s,
                KATA.softThreshold(s.v(), a + b), KATA.softThreshold(KATA.softThreshold(s.v(), a), b),
                SHRINK * scale(s.v()));
          });
    }

    @Test
    void for_sgd_coupled_and_decoupled_decay_agree_and_are_the_ridge_gradient() {
      Props.check("SGD: p - lr*(g + wd*p) = p*(1 - lr*wd) - lr*g = p - lr*(g + grad of ridge(wd))", EXAMPLES,
          RegularizationGens.sgdInputs(20), x -> {
            double[] coupled = KATA.sgdStep(x.params(), x.grads(), x.lr(), x.weightDecay(), false);
            double[] decoupled = KATA.sgdStep(x.params(), x.grads(), x.lr(), x.weightDecay(), true);
            double tol = STEP * Math.max(scale(x.params()), scale(x.grads()));
            assertAllClose("property 'coupled = decoupled for plain SGD' for " + x, coupled, decoupled, tol);
            double[] ridge = KATA.elasticNetGradient(x.params(), x.weightDecay(), 0);
            double[] expected = new double[x.params().length];
            for (int i = 0; i < expected.length; i++) {
              expected[i] = x.params()[i] - x.lr() * (x.grads()[i] + ridge[i]);
            }
            assertAllClose("property 'weight decay wd is the gradient of elasticNet(p, wd, 0)' for " + x, expected,
                coupled, tol);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_penalty_matches_the_reference_on_random_inputs() {
      Props.check("elasticNet agrees with the reference solution", EXAMPLES, RegularizationGens.weights(30), x -> {
        double value = REFERENCE.elasticNet(x.w(), x.alpha(), x.l1Ratio());
        assertClose("elasticNet, reference vs yours, for " + x, value, KATA.elasticNet(x.w(), x.alpha(), x.l1Ratio()),
            VALUE * Math.max(1, value));
      });
    }

    @Test
    void the_gradient_matches_the_reference_on_random_inputs() {
      Props.check("elasticNetGradient agrees with the reference solution", EXAMPLES, RegularizationGens.weights(30), x -> {
        double[] gradient = REFERENCE.elasticNetGradient(x.w(), x.alpha(), x.l1Ratio());
        assertAllClose("elasticNetGradient, reference vs yours, for " + x, gradient,
            KATA.elasticNetGradient(x.w(), x.alpha(), x.l1Ratio()), GRADIENT * scale(gradient));
      });
    }

    @Test
    void soft_threshold_matches_the_reference_on_random_inputs() {
      Props.check("softThreshold agrees with the reference solution", EXAMPLES, RegularizationGens.weights(30), x ->
          assertAllClose("softThreshold(w, alpha), reference vs yours, for " + x, REFERENCE.softThreshold(x.w(), x.alpha()),
              KATA.softThreshold(x.w(), x.alpha()), SHRINK * scale(x.w())));
    }

    @Test
    void sgd_step_matches_the_reference_on_random_inputs() {
      Props.check("sgdStep agrees with the reference solution", EXAMPLES, RegularizationGens.weights(30), x -> {
        double[] g = REFERENCE.elasticNetGradient(x.w(), x.alpha(), x.l1Ratio());
        for (boolean decoupled : new boolean[] {false, true}) {
          assertAllClose("sgdStep(w, grad, lr = l1Ratio, wd = alpha, decoupled=" + decoupled + "), reference vs yours, for "
              + x, REFERENCE.sgdStep(x.w(), g, x.l1Ratio(), x.alpha(), decoupled),
              KATA.sgdStep(x.w(), g, x.l1Ratio(), x.alpha(), decoupled), STEP * Math.max(scale(x.w()), scale(g)));
        }
      });
    }
  }

  static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }
}

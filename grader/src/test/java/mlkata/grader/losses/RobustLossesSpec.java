package mlkata.grader.losses;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.scale;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mlkata.grader.losses.RobustLossesGens.Regression;
import mlkata.grader.losses.RobustLossesGens.Scored;
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
 * Grades {@code losses/robust-losses}.
 *
 * <p>The three losses are sums of simple piecewise terms, so a correct answer is accurate to a few
 * ulps of the loss. The grader pins the hinge's subgradient at a margin of exactly 1 (PyTorch's
 * {@code clamp} autograd and scikit-learn's SGD hinge: {@code -y/N}), and catches Huber and smooth L1
 * swapped for each other by never using a threshold of 1 outside the golden case that documents it.
 * Efficiency is not graded: any O(N) answer is fast.
 */
@KataSpec
@DisplayName("losses/robust-losses: Hinge and Huber losses")
final class RobustLossesSpec {
  /**
   * Tolerance on a loss, relative to its magnitude with a floor of 1: a mean of N terms carries a few
   * ulps of rounding, some 1e-15 relative; every semantic mistake (sum instead of mean, Huber for
   * smooth L1, a missing 0.5) is off by a large factor.
   */
  static final double LOSS = 1e-12;

  /**
   * Tolerance on a gradient entry, relative to the largest entry with a floor of 1: each entry is one
   * clamp and a division, exact to an ulp or two.
   */
  static final double GRADIENT = 1e-12;

  /**
   * Mixed tolerance of the finite-difference checks: the losses are piecewise quadratic and the inputs
   * keep at least 1% of the threshold away from a kink, so central differences with step {@link #STEP}
   * have no truncation error; rounding of a loss up to about 1e3 over the step is about 1e-6.
   */
  static final double FINITE_DIFFERENCE = 1e-5;

  /** Step of the central differences: well below 1% of the smallest threshold, 1e-3. */
  static final double STEP = 1e-7;

  private static final int EXAMPLES = 200;

  private static final RobustLossesApi KATA = Target.pick(new RobustLossesOfExercises(), new RobustLossesOfSolutions());
  private static final RobustLossesApi REFERENCE = new RobustLossesOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_hinge_example() {
      // Margins 2, 0.5, -0.5, -1: losses 0, 0.5, 1.5, 2; mean 1; gradient -y/4 where the margin is <= 1.
      assertResult("hinge([2, 0.5, -0.5, 1], [1, 1, 1, -1])", 1, new double[] {0, -0.25, -0.25, 0.25},
          KATA.hinge(new double[] {2, 0.5, -0.5, 1}, new int[] {1, 1, 1, -1}));
    }

    @Test
    void the_problem_statement_huber_and_smooth_l1_examples() {
      // Residuals 0, 1, -3, -2, 0.5 with threshold 2: Huber 0, 0.5, 2*(3 - 1) = 4, 2*(2 - 1) = 2, 0.125
      // (mean 1.325), gradient clamp(r, -2, 2)/5; smooth L1 is exactly half of each.
      double[] p = {0, 1, -3, 2, 5};
      double[] t = {0, 0, 0, 4, 4.5};
      assertResult("huber([0, 1, -3, 2, 5], [0, 0, 0, 4, 4.5], 2)", 1.325, new double[] {0, 0.2, -0.4, -0.4, 0.1},
          KATA.huber(p, t, 2));
      assertResult("smoothL1([0, 1, -3, 2, 5], [0, 0, 0, 4, 4.5], 2)", 0.6625, new double[] {0, 0.1, -0.2, -0.2, 0.05},
          KATA.smoothL1(p, t, 2));
    }

    @Test
    void the_hinge_subgradient_at_a_margin_of_exactly_one_is_minus_y_over_n() {
      // Margins 1, 1, 0.5, -0.5: losses 0, 0, 0.5, 1.5 (mean 0.5). The two margins of exactly 1 cost
      // nothing, but the kink counts as inside the margin (clamp autograd), so their gradient is -y/N too.
      assertResult("hinge([1, -1, 0.5, -0.5], [1, -1, 1, 1]) with two margins exactly 1", 0.5,
          new double[] {-0.25, 0.25, -0.25, -0.25}, KATA.hinge(new double[] {1, -1, 0.5, -0.5}, new int[] {1, -1, 1, 1}));
      assertResult("hinge([1], [1]): margin exactly 1, subgradient -y (a strict margin < 1 test gives 0)", 0,
          new double[] {-1}, KATA.hinge(new double[] {1}, new int[] {1}));
      assertResult("hinge([-1], [-1]): margin exactly 1", 0, new double[] {1}, KATA.hinge(new double[] {-1}, new int[] {-1}));
      assertResult("hinge([1.0000001], [1]): margin just above 1", 0, new double[] {0},
          KATA.hinge(new double[] {1.0000001}, new int[] {1}));
    }

    @Test
    void labels_are_minus_one_and_plus_one_and_a_zero_score_costs_one() {
      // Scores 0: margin 0, loss 1 each, gradient -y/N.
      assertResult("hinge([0, 0, 0], [1, -1, -1])", 1, new double[] {-1.0 / 3, 1.0 / 3, 1.0 / 3},
          KATA.hinge(new double[] {0, 0, 0}, new int[] {1, -1, -1}));
      // One class only is taken as given: all +1 with scores 0.5, 2, -1 gives (0.5 + 0 + 2)/3.
      assertResult("hinge([0.5, 2, -1], [1, 1, 1])", 2.5 / 3, new double[] {-1.0 / 3, 0, -1.0 / 3},
          KATA.hinge(new double[] {0.5, 2, -1}, new int[] {1, 1, 1}));
    }

    @Test
    void at_a_residual_of_exactly_the_threshold_both_branches_agree() {
      // Residuals +-0.5 with threshold 0.5: Huber 0.125 each (0.5 * 0.25 = 0.5 * (0.5 - 0.25)), slope +-0.5;
      // smooth L1 0.25 each (0.25/(2*0.5) = 0.5 - 0.25), slope +-1. Mean over 2; gradient / 2.
      double[] p = {0.5, -1.5};
      double[] t = {0, -1};
      assertResult("huber([0.5, -1.5], [0, -1], 0.5)", 0.125, new double[] {0.25, -0.25}, KATA.huber(p, t, 0.5));
      assertResult("smoothL1([0.5, -1.5], [0, -1], 0.5)", 0.25, new double[] {0.5, -0.5}, KATA.smoothL1(p, t, 0.5));
    }

    @Test
    void huber_and_smooth_l1_differ_by_the_factor_delta() {
      // Residual 10, threshold 4: Huber 4*(10 - 2) = 32, slope 4; smooth L1 10 - 2 = 8, slope 1.
      // Residual 1, threshold 4: Huber 0.5, slope 1; smooth L1 0.5/4 = 0.125, slope 0.25.
      double[] p = {10, 1};
      double[] t = {0, 0};
      assertResult("huber([10, 1], [0, 0], 4): delta times smooth L1 with beta delta (smooth L1's values would be"
          + " 4.0625 and [0.5, 0.125])", 16.25, new double[] {2, 0.5}, KATA.huber(p, t, 4));
      assertResult("smoothL1([10, 1], [0, 0], 4)", 4.0625, new double[] {0.5, 0.125}, KATA.smoothL1(p, t, 4));
    }

    @Test
    void zero_residuals_give_zero_loss_and_gradient() {
      double[] v = {1, -2, 3};
      assertResult("huber(v, v, 1.5)", 0, new double[3], KATA.huber(v, v.clone(), 1.5));
      assertResult("smoothL1(v, v, 0.25)", 0, new double[3], KATA.smoothL1(v, v.clone(), 0.25));
    }

    @Test
    void inputs_are_not_modified() {
      double[] s = {2, -0.5, 1};
      int[] y = {1, -1, -1};
      double[] p = {0.5, -3, 2};
      double[] t = {0, 0, 1};
      KATA.hinge(s, y);
      KATA.huber(p, t, 0.75);
      KATA.smoothL1(p, t, 0.75);
      assertThat(s).as("scores after hinge").containsExactly(2, -0.5, 1);
      assertThat(y).as("labels after hinge").containsExactly(1, -1, -1);
      assertThat(p).as("predictions after huber and smoothL1").containsExactly(0.5, -3, 2);
      assertThat(t).as("targets after huber and smoothL1").containsExactly(0, 0, 1);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[] p = {1, 2, 3};
    private final double[] t = {0, 0, 0};

    @Test
    void hinge_needs_finite_scores_and_labels_of_minus_one_or_plus_one() {
      assertRejects("hinge with no scores", "scores", () -> KATA.hinge(new double[0], new int[0]));
      assertRejects("hinge with a NaN score", "scores", () -> KATA.hinge(new double[] {1, Double.NaN}, new int[] {1, 1}));
      assertRejects("hinge with an infinite score", "scores",
          () -> KATA.hinge(new double[] {Double.NEGATIVE_INFINITY}, new int[] {1}));
      assertRejects("hinge with 2 scores and 3 labels", "labels", () -> KATA.hinge(new double[] {1, 2}, new int[] {1, -1, 1}));
      assertRejects("hinge with a label 0 (labels are -1/+1, not 0/1)", "labels",
          () -> KATA.hinge(new double[] {1, 2}, new int[] {1, 0}));
      assertRejects("hinge with a label 2", "labels", () -> KATA.hinge(new double[] {1}, new int[] {2}));
    }

    @Test
    void huber_and_smooth_l1_need_matching_finite_inputs() {
      assertRejects("huber with no predictions", "predictions", () -> KATA.huber(new double[0], new double[0], 1));
      assertRejects("smoothL1 with no predictions", "predictions", () -> KATA.smoothL1(new double[0], new double[0], 1));
      assertRejects("huber with a NaN prediction", "predictions", () -> KATA.huber(new double[] {Double.NaN}, new double[] {0}, 1));
      assertRejects("smoothL1 with an infinite prediction", "predictions",
          () -> KATA.smoothL1(new double[] {Double.POSITIVE_INFINITY}, new double[] {0}, 1));
      assertRejects("huber with 3 predictions and 2 targets", "targets", () -> KATA.huber(p, new double[] {0, 0}, 1));
      assertRejects("smoothL1 with 3 predictions and 4 targets", "targets", () -> KATA.smoothL1(p, new double[4], 1));
      assertRejects("huber with a NaN target", "targets", () -> KATA.huber(p, new double[] {0, Double.NaN, 0}, 1));
      assertRejects("smoothL1 with an infinite target", "targets",
          () -> KATA.smoothL1(p, new double[] {0, 0, Double.NEGATIVE_INFINITY}, 1));
    }

    @Test
    void delta_and_beta_must_be_finite_and_positive() {
      for (double d : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("huber with delta = " + d, "delta", () -> KATA.huber(p, t, d));
        assertRejects("smoothL1 with beta = " + d, "beta", () -> KATA.smoothL1(p, t, d));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("hinge with scores null", () -> KATA.hinge(null, new int[] {1}));
      assertNullRejected("hinge with labels null", () -> KATA.hinge(new double[] {1}, null));
      assertNullRejected("huber with predictions null", () -> KATA.huber(null, t, 1));
      assertNullRejected("huber with targets null", () -> KATA.huber(p, null, 1));
      assertNullRejected("smoothL1 with predictions null", () -> KATA.smoothL1(null, t, 1));
      assertNullRejected("smoothL1 with targets null", () -> KATA.smoothL1(p, null, 1));
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn and PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("losses/robust-losses");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_libraries(Goldens.Case c) {
      String kind = c.input().string("loss");
      RobustLossesApi.LossAndGradient r;
      String input;
      if (kind.equals("hinge")) {
        double[] s = c.input().doubles("scores");
        input = "golden '" + c.name() + "' (" + s.length + " scores)";
        r = KATA.hinge(s, c.input().ints("labels"));
      } else {
        double[] p = c.input().doubles("predictions");
        double param = c.input().number("param");
        input = "golden '" + c.name() + "' (" + p.length + " predictions, threshold " + param + ")";
        r = kind.equals("huber") ? KATA.huber(p, c.input().doubles("targets"), param)
            : KATA.smoothL1(p, c.input().doubles("targets"), param);
      }
      assertResult(input + " vs " + c.library(), c.expected().number("loss"), c.expected().doubles("gradient"), r);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void hinge_is_the_mean_of_max_0_1_minus_margin_with_the_kink_inside() {
      Props.check("hinge = mean(max(0, 1 - y*s)); gradient -y/N where y*s <= 1, else 0", EXAMPLES,
          RobustLossesGens.scored(30, false), in -> {
            int n = in.scores().length;
            double total = 0;
            double[] gradient = new double[n];
            for (int i = 0; i < n; i++) {
              double margin = in.labels()[i] * in.scores()[i];
              total += Math.max(0, 1 - margin);
              gradient[i] = margin <= 1 ? -in.labels()[i] / (double) n : 0;
            }
            assertResult("property 'hinge is the mean of max(0, 1 - y*s)' for " + in.shape(), total / n, gradient,
                KATA.hinge(in.scores(), in.labels()));
          });
    }

    @Test
    void huber_with_delta_is_delta_times_smooth_l1_with_beta_delta() {
      Props.check("huber(p, t, d) = d * smoothL1(p, t, d), loss and gradient", EXAMPLES,
          RobustLossesGens.regressions(30, false), in -> {
            double d = in.threshold();
            RobustLossesApi.LossAndGradient h = result("huber of " + in.shape(), in.predictions(),
                KATA.huber(in.predictions(), in.targets(), d));
            RobustLossesApi.LossAndGradient s = result("smoothL1 of " + in.shape(), in.predictions(),
                KATA.smoothL1(in.predictions(), in.targets(), d));
            assertResult("property 'huber = " + d + " * smoothL1' for " + in.shape(), d * s.loss(), scaled(s.gradient(), d), h);
          });
    }

    @Test
    void huber_gradient_is_the_clamped_residual_and_smooth_l1_slopes_are_at_most_one() {
      Props.check("huber gradient = clamp(r, -d, d)/N; smoothL1 gradient = clamp(r/d, -1, 1)/N", EXAMPLES,
          RobustLossesGens.regressions(30, false), in -> {
            int n = in.predictions().length;
            double d = in.threshold();
            double[] huber = new double[n];
            double[] smooth = new double[n];
            for (int i = 0; i < n; i++) {
              double r = in.predictions()[i] - in.targets()[i];
              huber[i] = Math.max(-d, Math.min(d, r)) / n;
              smooth[i] = Math.max(-1, Math.min(1, r / d)) / n;
            }
            assertAllClose("property 'huber gradient is clamp(r, -delta, delta)/N' for " + in.shape(), huber,
                result("huber of " + in.shape(), in.predictions(), KATA.huber(in.predictions(), in.targets(), d)).gradient(),
                GRADIENT * scale(huber));
            assertAllClose("property 'smoothL1 gradient is clamp(r/beta, -1, 1)/N' for " + in.shape(), smooth,
                result("smoothL1 of " + in.shape(), in.predictions(), KATA.smoothL1(in.predictions(), in.targets(), d)).gradient(),
                GRADIENT * scale(smooth));
          });
    }

    @Test
    void a_large_delta_gives_half_the_mean_squared_error_and_a_tiny_beta_nearly_the_mean_absolute_error() {
      Props.check("huber with delta > max|r| = mean(r^2)/2; |smoothL1 with beta - mean|r|| <= beta/2", EXAMPLES,
          RobustLossesGens.regressions(30, false), in -> {
            int n = in.predictions().length;
            double maxAbs = 0;
            double squares = 0;
            double abs = 0;
            for (int i = 0; i < n; i++) {
              double r = in.predictions()[i] - in.targets()[i];
              maxAbs = Math.max(maxAbs, Math.abs(r));
              squares += r * r;
              abs += Math.abs(r);
            }
            double big = 2 * maxAbs + 1;
            double half = squares / (2 * n);
            assertClose("property 'huber with delta " + big + " above every |r| is mean(r^2)/2' for " + in.shape(), half,
                KATA.huber(in.predictions(), in.targets(), big).loss(), LOSS * Math.max(1, half));
            double beta = in.threshold();
            double l1 = KATA.smoothL1(in.predictions(), in.targets(), beta).loss();
            assertThat(l1).as("property 'smoothL1 with beta %s is between mean|r| - beta/2 and mean|r|' for %s", beta, in.shape())
                .isBetween(abs / n - beta / 2 - LOSS * Math.max(1, abs / n), abs / n + LOSS * Math.max(1, abs / n));
          });
    }

    @Test
    void the_loss_is_a_mean_repeating_the_batch_keeps_it_and_halves_the_gradient() {
      Props.check("loss(batch twice) = loss(batch), gradient(batch twice) = gradient/2 repeated", EXAMPLES,
          RobustLossesGens.regressions(20, false).zip(RobustLossesGens.scored(20, false), (a, b) -> new Object[] {a, b}),
          pair -> {
            Regression in = (Regression) pair[0];
            Scored sc = (Scored) pair[1];
            RobustLossesApi.LossAndGradient h = KATA.huber(in.predictions(), in.targets(), in.threshold());
            RobustLossesApi.LossAndGradient s = KATA.smoothL1(in.predictions(), in.targets(), in.threshold());
            RobustLossesApi.LossAndGradient k = KATA.hinge(sc.scores(), sc.labels());
            assertThat(h).as("huber of " + in.shape()).isNotNull();
            assertThat(s).as("smoothL1 of " + in.shape()).isNotNull();
            assertThat(k).as("hinge of " + sc.shape()).isNotNull();
            assertResult("property 'huber of the batch twice' for " + in.shape(), h.loss(), twice(scaled(h.gradient(), 0.5)),
                KATA.huber(twice(in.predictions()), twice(in.targets()), in.threshold()));
            assertResult("property 'smoothL1 of the batch twice' for " + in.shape(), s.loss(), twice(scaled(s.gradient(), 0.5)),
                KATA.smoothL1(twice(in.predictions()), twice(in.targets()), in.threshold()));
            int[] labels = new int[2 * sc.labels().length];
            for (int i = 0; i < labels.length; i++) {
              labels[i] = sc.labels()[i % sc.labels().length];
            }
            assertResult("property 'hinge of the batch twice' for " + sc.shape(), k.loss(), twice(scaled(k.gradient(), 0.5)),
                KATA.hinge(twice(sc.scores()), labels));
          });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void hinge_gradient_matches_central_differences_away_from_the_kink() {
      Props.check("hinge gradient = d/ds hinge by central differences", 100, RobustLossesGens.scored(12, true), in -> {
        double[] g = result("hinge of " + in.shape(), in.scores(), KATA.hinge(in.scores(), in.labels())).gradient();
        assertGradientMatches("hinge gradient of " + in.shape(), s -> KATA.hinge(s, in.labels()).loss(), in.scores(), g,
            STEP, FINITE_DIFFERENCE);
      });
    }

    @Test
    void huber_and_smooth_l1_gradients_match_central_differences_away_from_the_kinks() {
      Props.check("huber and smoothL1 gradients = d/dp by central differences", 100, RobustLossesGens.regressions(12, true), in -> {
        double d = in.threshold();
        double[] h = result("huber of " + in.shape(), in.predictions(), KATA.huber(in.predictions(), in.targets(), d)).gradient();
        assertGradientMatches("huber gradient of " + in.shape(), p -> KATA.huber(p, in.targets(), d).loss(), in.predictions(), h,
            STEP, FINITE_DIFFERENCE);
        double[] s = result("smoothL1 of " + in.shape(), in.predictions(), KATA.smoothL1(in.predictions(), in.targets(), d)).gradient();
        assertGradientMatches("smoothL1 gradient of " + in.shape(), p -> KATA.smoothL1(p, in.targets(), d).loss(),
            in.predictions(), s, STEP, FINITE_DIFFERENCE);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void all_three_losses_match_the_reference_on_random_batches() {
      Props.check("hinge, huber and smoothL1 agree with the reference solution", EXAMPLES,
          RobustLossesGens.regressions(40, false).zip(RobustLossesGens.scored(40, false), (a, b) -> new Object[] {a, b}),
          pair -> {
            Regression in = (Regression) pair[0];
            Scored sc = (Scored) pair[1];
            RobustLossesApi.LossAndGradient k = REFERENCE.hinge(sc.scores(), sc.labels());
            assertResult("hinge, reference vs yours, for " + sc.shape(), k.loss(), k.gradient(), KATA.hinge(sc.scores(), sc.labels()));
            RobustLossesApi.LossAndGradient h = REFERENCE.huber(in.predictions(), in.targets(), in.threshold());
            assertResult("huber, reference vs yours, for " + in.shape(), h.loss(), h.gradient(),
                KATA.huber(in.predictions(), in.targets(), in.threshold()));
            RobustLossesApi.LossAndGradient s = REFERENCE.smoothL1(in.predictions(), in.targets(), in.threshold());
            assertResult("smoothL1, reference vs yours, for " + in.shape(), s.loss(), s.gradient(),
                KATA.smoothL1(in.predictions(), in.targets(), in.threshold()));
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** The loss within {@link #LOSS} and the gradient within {@link #GRADIENT}, each relative to its scale. */
  static void assertResult(String what, double loss, double[] gradient, RobustLossesApi.LossAndGradient actual) {
    assertThat(actual).as(what).isNotNull();
    assertClose(what + ": loss", loss, actual.loss(), LOSS * Math.max(1, Math.abs(loss)));
    assertAllClose(what + ": gradient", gradient, actual.gradient(), GRADIENT * scale(gradient));
  }

  /** Checks that a result is there and its gradient has one entry per input. */
  static RobustLossesApi.LossAndGradient result(String what, double[] input, RobustLossesApi.LossAndGradient r) {
    assertThat(r).as(what).isNotNull();
    assertThat(r.gradient()).as("%s: gradient", what).isNotNull().hasSize(input.length);
    return r;
  }

  static double[] scaled(double[] v, double factor) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * factor;
    }
    return out;
  }

  static double[] twice(double[] v) {
    double[] out = new double[2 * v.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = v[i % v.length];
    }
    return out;
  }
}

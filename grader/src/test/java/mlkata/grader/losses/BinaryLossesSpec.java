package mlkata.grader.losses;

import static mlkata.grader.losses.BinaryLossesApi.Reduction.MEAN;
import static mlkata.grader.losses.BinaryLossesApi.Reduction.SUM;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.losses.BinaryLossesApi.Reduction;
import mlkata.grader.losses.BinaryLossesGens.Batch;
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
 * Grades {@code losses/binary-losses}.
 *
 * <p>Logits reach magnitude 1e3, where {@code exp(x)} overflows and {@code sigmoid(-x)} rounds to 0; a
 * stable answer stays exact to rounding there and a naive one returns infinity or NaN. Losses and
 * gradients are compared relative to their own scale with a floor of 1. Efficiency is not graded: any
 * O(N) answer is fast.
 */
@KataSpec
@DisplayName("losses/binary-losses: BCE with logits and focal loss")
final class BinaryLossesSpec {
  /**
   * Tolerance on a loss, relative to its magnitude with a floor of 1: losses reach a few thousand on the
   * largest logits and a correct answer carries about 1e-13 of rounding there; PyTorch's own
   * {@code log(exp(-m) + exp(-x - m))} and a {@code log1p} form differ by far less than this.
   */
  static final double LOSS = 1e-9;

  /**
   * Tolerance on a gradient entry, relative to the largest magnitude among the entries compared (floor
   * 1): entries are bounded by {@code max(1, posWeight)}, and torchvision's {@code 1 - p_t}, which cancels
   * for confident predictions, is still within about 1e-15 of an exact form in absolute terms.
   */
  static final double GRADIENT = 1e-9;

  /**
   * Mixed tolerance of the finite-difference checks: central differences with step {@link #STEP} on
   * logits of order 2 have truncation error near 1e-10 and rounding near 1e-11.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-5;

  private static final int EXAMPLES = 300;

  private static final BinaryLossesApi KATA = Target.pick(new BinaryLossesOfExercises(), new BinaryLossesOfSolutions());
  private static final BinaryLossesApi REFERENCE = new BinaryLossesOfSolutions();

  private static final double LN2 = Math.log(2);

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // x = [0, ln 3]: p = [1/2, 3/4]. y = [1, 0]: bce = [-log 1/2, -log 1/4] = [ln 2, ln 4]; gradient p - y.
      double[] x = {0, Math.log(3)};
      double[] y = {1, 0};
      assertLosses("bce of x = [0, ln 3], y = [1, 0]", new double[] {LN2, 2 * LN2}, KATA.bceWithLogits(x, y, 1));
      assertLoss("MEAN bce of the statement example", 1.5 * LN2, KATA.bceWithLogits(x, y, 1, MEAN));
      assertLoss("SUM bce of the statement example", 3 * LN2, KATA.bceWithLogits(x, y, 1, SUM));
      assertGradient("SUM bce gradient of the statement example (p - y)", new double[] {-0.5, 0.75},
          KATA.bceWithLogitsGradient(x, y, 1, SUM));
      assertGradient("MEAN bce gradient of the statement example ((p - y) / 2)", new double[] {-0.25, 0.375},
          KATA.bceWithLogitsGradient(x, y, 1, MEAN));
      // pos_weight 3 triples the positive's loss and gradient only.
      assertLosses("bce of the statement example with posWeight 3", new double[] {3 * LN2, 2 * LN2}, KATA.bceWithLogits(x, y, 3));
      assertGradient("SUM bce gradient of the statement example with posWeight 3", new double[] {-1.5, 0.75},
          KATA.bceWithLogitsGradient(x, y, 3, SUM));
      // Focal, alpha 0.25, gamma 2: p_t = [1/2, 1/4]; alpha_t = [0.25, 0.75];
      // focal = [0.25 * (1/2)^2 * ln 2, 0.75 * (3/4)^2 * ln 4].
      assertLosses("focal loss of the statement example with alpha 0.25, gamma 2",
          new double[] {0.25 * 0.25 * LN2, 0.75 * 0.5625 * 2 * LN2}, KATA.focalLoss(x, y, 0.25, 2));
    }

    @Test
    void pos_weight_scales_the_positive_term_only() {
      // x = ln 3 (p = 3/4). y = 0: -log(1/4) = ln 4 whatever pw. y = 1: pw * -log(3/4) = 4 ln(4/3).
      // Gradient: y = 0 gives p = 3/4; y = 1 gives pw * (p - 1) = -1.
      double[] x = {Math.log(3), Math.log(3)};
      double[] y = {0, 1};
      assertLosses("bce of x = [ln 3, ln 3], y = [0, 1], posWeight 4: the negative keeps ln 4 (posWeight on both"
          + " terms would make it 4 ln 4)", new double[] {2 * LN2, 4 * Math.log(4.0 / 3)},
          KATA.bceWithLogits(x, y, 4));
      assertGradient("SUM bce gradient of that example", new double[] {0.75, -1}, KATA.bceWithLogitsGradient(x, y, 4, SUM));
      // A soft target y = 1/2 at x = 0 with pw 3: 0.5 * 0 + (1 + 2 * 0.5) * ln 2 = 2 ln 2;
      // gradient (1 - y) - (1 + (pw - 1) y)(1 - p) = 0.5 - 2 * 0.5 = -0.5.
      assertLosses("bce of x = [0], y = [0.5], posWeight 3", new double[] {2 * LN2},
          KATA.bceWithLogits(new double[] {0}, new double[] {0.5}, 3));
      assertGradient("SUM bce gradient of x = [0], y = [0.5], posWeight 3", new double[] {-0.5},
          KATA.bceWithLogitsGradient(new double[] {0}, new double[] {0.5}, 3, SUM));
    }

    @Test
    void alpha_weights_the_positives_and_one_minus_alpha_the_negatives() {
      // x = 0: p = 1/2, p_t = 1/2 for both targets, bce = ln 2, (1 - p_t)^2 = 1/4.
      // focal = alpha_t * ln 2 / 4 with alpha_t = 0.25 for y = 1 and 0.75 for y = 0.
      // Gradient per element: alpha_t [ (p - y) q^2 + 2 q p (1 - p) (1 - 2y) ln 2 ] with q = 1/2:
      // y = 1: 0.25 * (-1/8 - ln 2 / 4); y = 0: 0.75 * (1/8 + ln 2 / 4).
      double[] x = {0, 0};
      double[] y = {1, 0};
      assertLosses("focal loss of x = [0, 0], y = [1, 0], alpha 0.25, gamma 2: alpha for the positive, 1 - alpha"
          + " for the negative (swapped: 0.130 and 0.043)",
          new double[] {0.25 * LN2 / 4, 0.75 * LN2 / 4}, KATA.focalLoss(x, y, 0.25, 2));
      assertGradient("SUM focal gradient of that example",
          new double[] {0.25 * (-0.125 - LN2 / 4), 0.75 * (0.125 + LN2 / 4)}, KATA.focalLossGradient(x, y, 0.25, 2, SUM));
      assertLoss("MEAN focal loss of that example", (0.25 + 0.75) * LN2 / 8, KATA.focalLoss(x, y, 0.25, 2, MEAN));
    }

    @Test
    void a_negative_alpha_turns_the_class_weighting_off() {
      // alpha -1, gamma 0: focal = bce. alpha -1, gamma 2 at x = 0: ln 2 / 4 for both targets.
      double[] x = {0, Math.log(3)};
      double[] y = {1, 0};
      assertLosses("focal loss with alpha -1, gamma 0 (= bce)", new double[] {LN2, 2 * LN2}, KATA.focalLoss(x, y, -1, 0));
      assertGradient("SUM focal gradient with alpha -1, gamma 0 (= p - y)", new double[] {-0.5, 0.75},
          KATA.focalLossGradient(x, y, -1, 0, SUM));
      assertLosses("focal loss of x = [0, 0] with alpha -1, gamma 2", new double[] {LN2 / 4, LN2 / 4},
          KATA.focalLoss(new double[] {0, 0}, y, -1, 2));
    }

    @Test
    void logits_of_magnitude_1e3_give_finite_exact_results() {
      // Correct and confident: 0. Wrong and confident: |x| (times pw for a positive). Gradients saturate.
      double[] x = {1000, -1000, -1000, 1000};
      double[] y = {1, 1, 0, 0};
      assertLosses("bce of logits +-1e3 (log(sigmoid(-1e3)) computed naively is -infinity)",
          new double[] {0, 2000, 0, 1000}, KATA.bceWithLogits(x, y, 2));
      assertGradient("SUM bce gradient of logits +-1e3 with posWeight 2", new double[] {0, -2, 0, 1},
          KATA.bceWithLogitsGradient(x, y, 2, SUM));
      // Focal with alpha 0.25, gamma 2: the wrong ones have p_t = 0, so the factor is 1.
      assertLosses("focal loss of logits +-1e3", new double[] {0, 250, 0, 750}, KATA.focalLoss(x, y, 0.25, 2));
      assertGradient("SUM focal gradient of logits +-1e3", new double[] {0, -0.25, 0, 0.75},
          KATA.focalLossGradient(x, y, 0.25, 2, SUM));
    }

    @Test
    void with_gamma_below_1_a_saturated_correct_logit_has_gradient_zero_not_nan() {
      // 1 - p_t rounds to 0 at x = 800, y = 1; the limit of the gradient is 0 (torchvision: NaN).
      double[] x = {800, -800};
      double[] y = {1, 0};
      assertLosses("focal loss of saturated correct logits with gamma 0.5", new double[] {0, 0}, KATA.focalLoss(x, y, 0.25, 0.5));
      assertGradient("SUM focal gradient of saturated correct logits with gamma 0.5", new double[] {0, 0},
          KATA.focalLossGradient(x, y, 0.25, 0.5, SUM));
    }

    @Test
    void empty_input_sums_to_zero_and_its_mean_is_nan() {
      double[] none = {};
      assertThat(KATA.bceWithLogits(none, none, 2)).as("bce of empty input").isNotNull().isEmpty();
      assertThat(KATA.focalLoss(none, none, 0.25, 2)).as("focal loss of empty input").isNotNull().isEmpty();
      assertLoss("SUM bce of empty input", 0, KATA.bceWithLogits(none, none, 2, SUM));
      assertLoss("SUM focal loss of empty input", 0, KATA.focalLoss(none, none, 0.25, 2, SUM));
      assertThat(KATA.bceWithLogits(none, none, 2, MEAN)).as("MEAN bce of empty input (0/0)").isNaN();
      assertThat(KATA.focalLoss(none, none, 0.25, 2, MEAN)).as("MEAN focal loss of empty input (0/0)").isNaN();
      for (Reduction r : Reduction.values()) {
        assertThat(KATA.bceWithLogitsGradient(none, none, 2, r)).as("%s bce gradient of empty input", r).isNotNull().isEmpty();
        assertThat(KATA.focalLossGradient(none, none, 0.25, 2, r)).as("%s focal gradient of empty input", r).isNotNull().isEmpty();
      }
    }

    @Test
    void the_defaults_are_torchvisions() {
      // With DEFAULT_ALPHA and DEFAULT_GAMMA at x = [0, 0], y = [1, 0]: alpha_t * (1/2)^2 * ln 2.
      assertLosses("focal loss of x = [0, 0], y = [1, 0] with DEFAULT_ALPHA and DEFAULT_GAMMA",
          new double[] {0.25 * LN2 / 4, 0.75 * LN2 / 4},
          KATA.focalLoss(new double[] {0, 0}, new double[] {1, 0}, KATA.defaultAlpha(), KATA.defaultGamma()));
      assertThat(KATA.defaultAlpha()).as("DEFAULT_ALPHA").isEqualTo(0.25);
      assertThat(KATA.defaultGamma()).as("DEFAULT_GAMMA").isEqualTo(2.0);
    }

    @Test
    void inputs_are_not_modified() {
      double[] x = {0.5, -3, 40};
      double[] y = {1, 0, 0.25};
      double[] xCopy = x.clone();
      double[] yCopy = y.clone();
      KATA.bceWithLogits(x, y, 2);
      KATA.bceWithLogits(x, y, 2, MEAN);
      KATA.bceWithLogitsGradient(x, y, 2, MEAN);
      KATA.focalLoss(x, y, 0.25, 2);
      KATA.focalLoss(x, y, 0.25, 2, SUM);
      KATA.focalLossGradient(x, y, 0.25, 2, SUM);
      assertThat(x).as("logits after every method").containsExactly(xCopy);
      assertThat(y).as("targets after every method").containsExactly(yCopy);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[] x = {0.5, -1, 2};
    private final double[] y = {1, 0, 1};

    @Test
    void logits_must_be_finite() {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[] withBad = {0.5, bad, 2};
        assertRejects("bceWithLogits with a logit of " + bad, "logits", () -> KATA.bceWithLogits(withBad, y, 1));
        assertRejects("bceWithLogits (SUM) with a logit of " + bad, "logits", () -> KATA.bceWithLogits(withBad, y, 1, SUM));
        assertRejects("bceWithLogitsGradient with a logit of " + bad, "logits", () -> KATA.bceWithLogitsGradient(withBad, y, 1, MEAN));
        assertRejects("focalLoss with a logit of " + bad, "logits", () -> KATA.focalLoss(withBad, y, 0.25, 2));
        assertRejects("focalLoss (MEAN) with a logit of " + bad, "logits", () -> KATA.focalLoss(withBad, y, 0.25, 2, MEAN));
        assertRejects("focalLossGradient with a logit of " + bad, "logits", () -> KATA.focalLossGradient(withBad, y, 0.25, 2, SUM));
      }
    }

    @Test
    void targets_must_match_the_logits_and_lie_in_0_1() {
      assertRejects("bceWithLogits with 2 targets for 3 logits", "targets", () -> KATA.bceWithLogits(x, new double[] {1, 0}, 1));
      assertRejects("focalLoss with 4 targets for 3 logits", "targets", () -> KATA.focalLoss(x, new double[] {1, 0, 1, 0}, 0.25, 2));
      for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
        double[] withBad = {1, bad, 0};
        assertRejects("bceWithLogits with a target of " + bad, "targets", () -> KATA.bceWithLogits(x, withBad, 1));
        assertRejects("bceWithLogitsGradient with a target of " + bad, "targets", () -> KATA.bceWithLogitsGradient(x, withBad, 1, SUM));
        assertRejects("focalLoss with a target of " + bad, "targets", () -> KATA.focalLoss(x, withBad, 0.25, 2));
        assertRejects("focalLossGradient with a target of " + bad, "targets", () -> KATA.focalLossGradient(x, withBad, 0.25, 2, MEAN));
      }
    }

    @Test
    void pos_weight_must_be_finite_and_non_negative() {
      for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("bceWithLogits with posWeight " + bad, "posWeight", () -> KATA.bceWithLogits(x, y, bad));
        assertRejects("bceWithLogits (MEAN) with posWeight " + bad, "posWeight", () -> KATA.bceWithLogits(x, y, bad, MEAN));
        assertRejects("bceWithLogitsGradient with posWeight " + bad, "posWeight", () -> KATA.bceWithLogitsGradient(x, y, bad, SUM));
      }
    }

    @Test
    void alpha_must_be_finite_and_at_most_1() {
      for (double bad : new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("focalLoss with alpha " + bad, "alpha", () -> KATA.focalLoss(x, y, bad, 2));
        assertRejects("focalLoss (SUM) with alpha " + bad, "alpha", () -> KATA.focalLoss(x, y, bad, 2, SUM));
        assertRejects("focalLossGradient with alpha " + bad, "alpha", () -> KATA.focalLossGradient(x, y, bad, 2, MEAN));
      }
    }

    @Test
    void gamma_must_be_finite_and_non_negative() {
      for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("focalLoss with gamma " + bad, "gamma", () -> KATA.focalLoss(x, y, 0.25, bad));
        assertRejects("focalLoss (MEAN) with gamma " + bad, "gamma", () -> KATA.focalLoss(x, y, 0.25, bad, MEAN));
        assertRejects("focalLossGradient with gamma " + bad, "gamma", () -> KATA.focalLossGradient(x, y, 0.25, bad, SUM));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("bceWithLogits with logits null", () -> KATA.bceWithLogits(null, y, 1));
      assertNullRejected("bceWithLogits with targets null", () -> KATA.bceWithLogits(x, null, 1));
      assertNullRejected("bceWithLogits with reduction null", () -> KATA.bceWithLogits(x, y, 1, null));
      assertNullRejected("bceWithLogitsGradient with reduction null", () -> KATA.bceWithLogitsGradient(x, y, 1, null));
      assertNullRejected("focalLoss with logits null", () -> KATA.focalLoss(null, y, 0.25, 2));
      assertNullRejected("focalLoss with targets null", () -> KATA.focalLoss(x, null, 0.25, 2));
      assertNullRejected("focalLoss with reduction null", () -> KATA.focalLoss(x, y, 0.25, 2, null));
      assertNullRejected("focalLossGradient with reduction null", () -> KATA.focalLossGradient(x, y, 0.25, 2, null));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch and torchvision")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("losses/binary-losses");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bce_per_element_matches_pytorch_binary_cross_entropy_with_logits(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLosses("bce of " + g.bce + " vs " + c.library(), c.expected().doubles("bce_losses"),
          KATA.bceWithLogits(g.x, g.y, g.pw));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bce_sum_and_mean_match_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLoss("SUM bce of " + g.bce, c.expected().number("bce_sum"), KATA.bceWithLogits(g.x, g.y, g.pw, SUM));
      assertLoss("MEAN bce of " + g.bce, c.expected().number("bce_mean"), KATA.bceWithLogits(g.x, g.y, g.pw, MEAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bce_gradients_match_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertGradient("SUM bce gradient of " + g.bce, c.expected().doubles("bce_grad_sum"),
          KATA.bceWithLogitsGradient(g.x, g.y, g.pw, SUM));
      assertGradient("MEAN bce gradient of " + g.bce, c.expected().doubles("bce_grad_mean"),
          KATA.bceWithLogitsGradient(g.x, g.y, g.pw, MEAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void focal_per_element_matches_torchvision_sigmoid_focal_loss(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLosses("focal loss of " + g.focal + " vs " + c.library(), c.expected().doubles("focal_losses"),
          KATA.focalLoss(g.x, g.y, g.alpha, g.gamma));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void focal_sum_and_mean_match_torchvision(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLoss("SUM focal loss of " + g.focal, c.expected().number("focal_sum"),
          KATA.focalLoss(g.x, g.y, g.alpha, g.gamma, SUM));
      assertLoss("MEAN focal loss of " + g.focal, c.expected().number("focal_mean"),
          KATA.focalLoss(g.x, g.y, g.alpha, g.gamma, MEAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void focal_gradients_match_torchvision(Goldens.Case c) {
      Golden g = new Golden(c);
      assertGradient("SUM focal gradient of " + g.focal, c.expected().doubles("focal_grad_sum"),
          KATA.focalLossGradient(g.x, g.y, g.alpha, g.gamma, SUM));
      assertGradient("MEAN focal gradient of " + g.focal, c.expected().doubles("focal_grad_mean"),
          KATA.focalLossGradient(g.x, g.y, g.alpha, g.gamma, MEAN));
    }

    /** One golden case's inputs; each check above calls one method of the kata. */
    private final class Golden {
      final double[] x;
      final double[] y;
      final double pw;
      final double alpha;
      final double gamma;
      final String bce;
      final String focal;

      Golden(Goldens.Case c) {
        x = c.input().doubles("logits");
        y = c.input().doubles("targets");
        pw = c.input().number("pos_weight");
        alpha = c.input().number("alpha");
        gamma = c.input().number("gamma");
        bce = "golden '" + c.name() + "' (" + x.length + " logits, posWeight " + pw + ")";
        focal = "golden '" + c.name() + "' (" + x.length + " logits, alpha " + alpha + ", gamma " + gamma + ")";
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void losses_are_finite_and_non_negative_and_focal_never_exceeds_alpha_t_times_bce() {
      Props.check("bce_i >= 0, 0 <= focal_i <= alpha_t * bce_i (the factor (1 - p_t)^gamma is at most 1)", EXAMPLES,
          BinaryLossesGens.batches(12), b -> {
            double[] bce = bce(b);
            double[] plain = KATA.bceWithLogits(b.logits(), b.targets(), 1);
            double[] focal = focal(b);
            assertThat(plain).as("bce with posWeight 1 of %s", b.shape()).hasSize(b.size());
            for (int i = 0; i < b.size(); i++) {
              double y = b.targets()[i];
              double alphaT = b.alpha() < 0 ? 1 : b.alpha() * y + (1 - b.alpha()) * (1 - y);
              double slack = LOSS * Math.max(1, plain[i]);
              assertThat(bce[i]).as("property 'bce_%d >= 0' (losses %s) for %s", i, Arrays.toString(bce), b.shape())
                  .isFinite().isGreaterThanOrEqualTo(-slack);
              assertThat(focal[i]).as("property '0 <= focal_%d <= alpha_t * bce_%d = %s' (focal %s) for %s", i, i,
                  alphaT * plain[i], Arrays.toString(focal), b.shape()).isFinite().isBetween(-slack, alphaT * plain[i] + slack);
            }
          });
    }

    @Test
    void sum_adds_the_losses_and_mean_divides_by_n() {
      Props.check("SUM = sum_i l_i, MEAN = SUM / N, MEAN gradient = SUM gradient / N, for both losses", EXAMPLES,
          BinaryLossesGens.batches(12), b -> {
            int n = b.size();
            double bceSum = Arrays.stream(bce(b)).sum();
            double focalSum = Arrays.stream(focal(b)).sum();
            assertLoss("property 'SUM bce = sum of the losses' for " + b.shape(), bceSum,
                KATA.bceWithLogits(b.logits(), b.targets(), b.posWeight(), SUM));
            assertLoss("property 'MEAN bce = sum of the losses / N' for " + b.shape(), bceSum / n,
                KATA.bceWithLogits(b.logits(), b.targets(), b.posWeight(), MEAN));
            assertLoss("property 'SUM focal = sum of the losses' for " + b.shape(), focalSum,
                KATA.focalLoss(b.logits(), b.targets(), b.alpha(), b.gamma(), SUM));
            assertLoss("property 'MEAN focal = sum of the losses / N' for " + b.shape(), focalSum / n,
                KATA.focalLoss(b.logits(), b.targets(), b.alpha(), b.gamma(), MEAN));
            assertGradient("property 'MEAN bce gradient = SUM bce gradient / N' for " + b.shape(),
                scaled(bceGradient(b, SUM), 1.0 / n), bceGradient(b, MEAN));
            assertGradient("property 'MEAN focal gradient = SUM focal gradient / N' for " + b.shape(),
                scaled(focalGradient(b, SUM), 1.0 / n), focalGradient(b, MEAN));
          });
    }

    @Test
    void pos_weight_leaves_negatives_alone_and_scales_positives() {
      Props.check("with y = 0 the bce does not depend on posWeight; with y = 1 it is posWeight times the plain bce",
          EXAMPLES, BinaryLossesGens.batches(12), b -> {
            double[] hard = new double[b.size()];
            for (int i = 0; i < hard.length; i++) {
              hard[i] = b.targets()[i] >= 0.5 ? 1 : 0;
            }
            double[] weighted = KATA.bceWithLogits(b.logits(), hard, b.posWeight());
            double[] plain = KATA.bceWithLogits(b.logits(), hard, 1);
            double[] gWeighted = KATA.bceWithLogitsGradient(b.logits(), hard, b.posWeight(), SUM);
            double[] gPlain = KATA.bceWithLogitsGradient(b.logits(), hard, 1, SUM);
            double[] expected = new double[b.size()];
            double[] expectedGrad = new double[b.size()];
            assertThat(plain).as("bce with posWeight 1 of %s", b.shape()).hasSize(b.size());
            assertThat(gPlain).as("bce gradient with posWeight 1 of %s", b.shape()).hasSize(b.size());
            for (int i = 0; i < b.size(); i++) {
              double factor = hard[i] == 1 ? b.posWeight() : 1;
              expected[i] = factor * plain[i];
              expectedGrad[i] = factor * gPlain[i];
            }
            String targets = " (targets " + Arrays.toString(hard) + ") for " + b.shape();
            assertLosses("property 'posWeight multiplies the positives' losses only'" + targets, expected, weighted);
            assertGradient("property 'posWeight multiplies the positives' gradients only'" + targets, expectedGrad, gWeighted);
          });
    }

    @Test
    void plain_bce_is_minus_log_likelihood_with_gradient_sigmoid_minus_target() {
      Props.check("posWeight 1: bce = -(y log p + (1 - y) log(1 - p)) and the SUM gradient is p - y", EXAMPLES,
          BinaryLossesGens.batches(12), b -> {
            double[] l = KATA.bceWithLogits(b.logits(), b.targets(), 1);
            double[] g = KATA.bceWithLogitsGradient(b.logits(), b.targets(), 1, SUM);
            double[] expected = new double[b.size()];
            double[] expectedGrad = new double[b.size()];
            for (int i = 0; i < b.size(); i++) {
              double x = b.logits()[i];
              double y = b.targets()[i];
              // The spec's own stable forms: -log p = softplus(-x), -log(1 - p) = softplus(x).
              expected[i] = y * softplus(-x) + (1 - y) * softplus(x);
              expectedGrad[i] = sigmoid(x) - y;
            }
            assertLosses("property 'bce = y softplus(-x) + (1 - y) softplus(x)' for " + b.shape(), expected, l);
            assertGradient("property 'bce gradient = sigmoid(x) - y' for " + b.shape(), expectedGrad, g);
          });
    }

    @Test
    void focal_with_gamma_0_and_no_alpha_is_plain_bce() {
      Props.check("focal(alpha < 0, gamma 0) = bce(posWeight 1), gradients too", EXAMPLES, BinaryLossesGens.batches(12), b -> {
        assertLosses("property 'focal(alpha -1, gamma 0) = bce' for " + b.shape(),
            KATA.bceWithLogits(b.logits(), b.targets(), 1), KATA.focalLoss(b.logits(), b.targets(), -1, 0));
        assertGradient("property 'focal gradient(alpha -1, gamma 0) = bce gradient' for " + b.shape(),
            KATA.bceWithLogitsGradient(b.logits(), b.targets(), 1, SUM), KATA.focalLossGradient(b.logits(), b.targets(), -1, 0, SUM));
      });
    }

    @Test
    void flipping_the_labels_and_the_sign_of_the_logits_changes_nothing() {
      Props.check("l(x, y) = l(-x, 1 - y) for plain bce and for focal with alpha -> 1 - alpha; gradients change sign",
          EXAMPLES, BinaryLossesGens.batches(12), b -> {
            double[] negX = Arrays.stream(b.logits()).map(v -> -v).toArray();
            double[] flipY = Arrays.stream(b.targets()).map(v -> 1 - v).toArray();
            double flipAlpha = b.alpha() < 0 ? b.alpha() : 1 - b.alpha();
            String what = " for " + b.shape();
            assertLosses("property 'bce(x, y) = bce(-x, 1 - y)'" + what, KATA.bceWithLogits(b.logits(), b.targets(), 1),
                KATA.bceWithLogits(negX, flipY, 1));
            assertGradient("property 'bce gradient(x, y) = -bce gradient(-x, 1 - y)'" + what,
                scaled(KATA.bceWithLogitsGradient(b.logits(), b.targets(), 1, SUM), -1), KATA.bceWithLogitsGradient(negX, flipY, 1, SUM));
            assertLosses("property 'focal(x, y, alpha) = focal(-x, 1 - y, 1 - alpha)'" + what, focal(b),
                KATA.focalLoss(negX, flipY, flipAlpha, b.gamma()));
            assertGradient("property 'focal gradient(x, y, alpha) = -focal gradient(-x, 1 - y, 1 - alpha)'" + what,
                scaled(focalGradient(b, SUM), -1), KATA.focalLossGradient(negX, flipY, flipAlpha, b.gamma(), SUM));
          });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void the_bce_gradient_matches_central_differences() {
      for (Reduction r : Reduction.values()) {
        Props.check(r + " bce gradient = d/dx " + r + " bce by central differences", 100, BinaryLossesGens.smooth(8), b ->
            assertGradientMatches(r + " bce gradient of " + b.shape(),
                x -> KATA.bceWithLogits(x, b.targets(), b.posWeight(), r), b.logits(), bceGradient(b, r), STEP, FINITE_DIFFERENCE));
      }
    }

    @Test
    void the_focal_gradient_matches_central_differences() {
      for (Reduction r : Reduction.values()) {
        Props.check(r + " focal gradient = d/dx " + r + " focal loss by central differences", 100, BinaryLossesGens.smooth(8), b ->
            assertGradientMatches(r + " focal gradient of " + b.shape(),
                x -> KATA.focalLoss(x, b.targets(), b.alpha(), b.gamma(), r), b.logits(), focalGradient(b, r), STEP,
                FINITE_DIFFERENCE));
      }
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void both_losses_and_gradients_match_the_reference_on_random_inputs() {
      Props.check("bce, focal, their reductions and gradients agree with the reference solution", EXAMPLES,
          BinaryLossesGens.batches(20), b -> {
            double[] x = b.logits();
            double[] y = b.targets();
            assertLosses("bce, reference vs yours, for " + b.shape(), REFERENCE.bceWithLogits(x, y, b.posWeight()), bce(b));
            assertLosses("focal, reference vs yours, for " + b.shape(), REFERENCE.focalLoss(x, y, b.alpha(), b.gamma()), focal(b));
            for (Reduction r : Reduction.values()) {
              assertLoss(r + " bce, reference vs yours, for " + b.shape(), REFERENCE.bceWithLogits(x, y, b.posWeight(), r),
                  KATA.bceWithLogits(x, y, b.posWeight(), r));
              assertLoss(r + " focal, reference vs yours, for " + b.shape(), REFERENCE.focalLoss(x, y, b.alpha(), b.gamma(), r),
                  KATA.focalLoss(x, y, b.alpha(), b.gamma(), r));
              assertGradient(r + " bce gradient, reference vs yours, for " + b.shape(),
                  REFERENCE.bceWithLogitsGradient(x, y, b.posWeight(), r), bceGradient(b, r));
              assertGradient(r + " focal gradient, reference vs yours, for " + b.shape(),
                  REFERENCE.focalLossGradient(x, y, b.alpha(), b.gamma(), r), focalGradient(b, r));
            }
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static double[] bce(Batch b) {
    double[] l = KATA.bceWithLogits(b.logits(), b.targets(), b.posWeight());
    assertThat(l).as("bce of %s", b.shape()).isNotNull().hasSize(b.size());
    return l;
  }

  static double[] focal(Batch b) {
    double[] l = KATA.focalLoss(b.logits(), b.targets(), b.alpha(), b.gamma());
    assertThat(l).as("focal loss of %s", b.shape()).isNotNull().hasSize(b.size());
    return l;
  }

  static double[] bceGradient(Batch b, Reduction r) {
    double[] g = KATA.bceWithLogitsGradient(b.logits(), b.targets(), b.posWeight(), r);
    assertThat(g).as("%s bce gradient of %s", r, b.shape()).isNotNull().hasSize(b.size());
    return g;
  }

  static double[] focalGradient(Batch b, Reduction r) {
    double[] g = KATA.focalLossGradient(b.logits(), b.targets(), b.alpha(), b.gamma(), r);
    assertThat(g).as("%s focal gradient of %s", r, b.shape()).isNotNull().hasSize(b.size());
    return g;
  }

  /** Each loss within {@link #LOSS} relative to its own magnitude (floor 1). */
  static void assertLosses(String what, double[] expected, double[] actual) {
    assertThat(actual).as("%s: the losses array", what).isNotNull();
    assertThat(actual.length).as("%s: number of losses", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertClose(what + ": l_" + i + "; expected " + Arrays.toString(expected) + " but got " + Arrays.toString(actual),
          expected[i], actual[i], LOSS * Math.max(1, Math.abs(expected[i])));
    }
  }

  static void assertLoss(String what, double expected, double actual) {
    assertClose(what, expected, actual, LOSS * Math.max(1, Math.abs(expected)));
  }

  /** Every entry within {@link #GRADIENT} relative to the largest finite expected magnitude (floor 1). */
  static void assertGradient(String what, double[] expected, double[] actual) {
    double scale = 1;
    for (double e : expected) {
      if (Double.isFinite(e)) {
        scale = Math.max(scale, Math.abs(e));
      }
    }
    assertAllClose(what, expected, actual, GRADIENT * scale);
  }

  static double[] scaled(double[] v, double s) {
    return Arrays.stream(v).map(e -> e * s).toArray();
  }

  /** The spec's own {@code log(1 + exp(v))}, stable for any finite v. */
  static double softplus(double v) {
    return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }

  static double sigmoid(double v) {
    return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }
}

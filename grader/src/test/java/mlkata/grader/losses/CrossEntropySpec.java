package mlkata.grader.losses;

import static mlkata.grader.losses.CrossEntropyApi.Reduction.MEAN;
import static mlkata.grader.losses.CrossEntropyApi.Reduction.SUM;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.losses.CrossEntropyApi.Reduction;
import mlkata.grader.losses.CrossEntropyGens.Batch;
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
 * Grades {@code losses/cross-entropy}.
 *
 * <p>Logits reach magnitude 1e4 (and gaps of 1e4 within a row), where a correct log-sum-exp keeps about
 * 1e-12 of absolute accuracy and one without the maximum subtracted returns infinity or NaN. Losses and
 * gradients are compared relative to their own scale with a floor of 1. Efficiency is not graded: any
 * O(N*C) answer is fast.
 */
@KataSpec
@DisplayName("losses/cross-entropy: Softmax cross-entropy, forward and backward")
final class CrossEntropySpec {
  /**
   * Tolerance on a loss, relative to its magnitude with a floor of 1: losses reach 1e4 on the largest
   * logits, where a correct answer carries about 1e-12 of rounding; every semantic mistake (the mean over
   * N, smoothing over C - 1, smoothing weighted by the true class) moves the loss by far more.
   */
  static final double LOSS = 1e-9;

  /**
   * Tolerance on a gradient entry, relative to the largest magnitude in its row with a floor of 1:
   * entries are bounded by the sum of the weights, and a correct answer is accurate to about 1e-15 of
   * that; a gradient off by the mean's factor or missing the smoothing term is off by 1e-2 or more.
   */
  static final double GRADIENT = 1e-9;

  /**
   * Mixed tolerance of the finite-difference checks: central differences with step {@link #STEP} on
   * logits of order 2 have truncation error near 1e-10 and rounding near 1e-10.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-5;

  private static final int EXAMPLES = 200;

  private static final CrossEntropyApi KATA = Target.pick(new CrossEntropyOfExercises(), new CrossEntropyOfSolutions());
  private static final CrossEntropyApi REFERENCE = new CrossEntropyOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Row 0: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2); row 1: log 3. MEAN divides by 2 (weights 1).
      double[][] logits = {{1, 2, 3}, {0, 0, 0}};
      int[] targets = {2, 0};
      double l0 = Math.log(1 + Math.exp(-1) + Math.exp(-2));
      double l1 = Math.log(3);
      double[] ones = {1, 1, 1};
      assertLosses("losses of [[1, 2, 3], [0, 0, 0]] with targets [2, 0]", new double[] {l0, l1},
          KATA.losses(logits, targets, ones, 0));
      assertLoss("SUM of the statement example", l0 + l1, KATA.loss(logits, targets, ones, 0, SUM));
      assertLoss("MEAN of the statement example", (l0 + l1) / 2, KATA.loss(logits, targets, ones, 0, MEAN));
      // MEAN gradient: (softmax - onehot) / 2; softmax of [1, 2, 3] is e^k / (e + e^2 + e^3).
      double z = Math.E + Math.exp(2) + Math.exp(3);
      double[][] expected = {{Math.E / z / 2, Math.exp(2) / z / 2, (Math.exp(3) / z - 1) / 2}, {-1.0 / 3, 1.0 / 6, 1.0 / 6}};
      assertGradient("MEAN gradient of the statement example", expected, KATA.gradient(logits, targets, ones, 0, MEAN));
      assertGradient("SUM gradient of the statement example", scaled(expected, 2), KATA.gradient(logits, targets, ones, 0, SUM));
    }

    @Test
    void the_weighted_mean_divides_by_the_sum_of_the_true_classes_weights() {
      // Uniform logits, two classes: -logp = log 2 everywhere. Weights [1, 3], targets [0, 1]:
      // losses [log 2, 3 log 2], SUM 4 log 2, MEAN 4 log 2 / (1 + 3) = log 2 (dividing by N gives 2 log 2).
      // Gradient row i: w[t] * (p - onehot) = [-1/2, 1/2] and [3/2, -3/2]; MEAN divides by 4.
      double[][] logits = {{0, 0}, {0, 0}};
      int[] targets = {0, 1};
      double[] weight = {1, 3};
      double ln2 = Math.log(2);
      assertLosses("losses with weights [1, 3]", new double[] {ln2, 3 * ln2}, KATA.losses(logits, targets, weight, 0));
      assertLoss("SUM with weights [1, 3]", 4 * ln2, KATA.loss(logits, targets, weight, 0, SUM));
      assertLoss("MEAN with weights [1, 3] (divide by w[0] + w[1] = 4, not by N = 2)", ln2,
          KATA.loss(logits, targets, weight, 0, MEAN));
      assertGradient("MEAN gradient with weights [1, 3]", new double[][] {{-0.125, 0.125}, {0.375, -0.375}},
          KATA.gradient(logits, targets, weight, 0, MEAN));
      assertGradient("SUM gradient with weights [1, 3]", new double[][] {{-0.5, 0.5}, {1.5, -1.5}},
          KATA.gradient(logits, targets, weight, 0, SUM));
    }

    @Test
    void label_smoothing_spreads_eps_over_all_c_classes_target_included() {
      // logits [ln 4, 0, 0]: p = [2/3, 1/6, 1/6], -log p = [ln 1.5, ln 6, ln 6]. Target 0, eps 0.3, C = 3:
      // the smoothed target is [0.7 + 0.1, 0.1, 0.1], so l = 0.8 ln 1.5 + 0.2 ln 6 = 0.6827.
      // Spreading eps over the C - 1 other classes gives 0.7 ln 1.5 + 0.3 ln 6 = 0.8213.
      double[][] logits = {{Math.log(4), 0, 0}};
      double expected = 0.8 * Math.log(1.5) + 0.2 * Math.log(6);
      assertLosses("loss of logits [ln 4, 0, 0], target 0, label smoothing 0.3: 0.8 ln 1.5 + 0.2 ln 6 = 0.6827 (eps"
          + " spread over the C - 1 other classes would give 0.8213)", new double[] {expected},
          KATA.losses(logits, new int[] {0}, new double[] {1, 1, 1}, 0.3));
    }

    @Test
    void the_smoothed_gradient_is_softmax_minus_the_smoothed_target() {
      // Same input: gradient = p - [0.8, 0.1, 0.1] = [-2/15, 1/15, 1/15]. Over C - 1 classes the target
      // would be [0.7, 0.15, 0.15] and the gradient [-1/30, 1/60, 1/60].
      double[][] logits = {{Math.log(4), 0, 0}};
      assertGradient("SUM gradient of logits [ln 4, 0, 0], target 0, label smoothing 0.3: softmax - [0.8, 0.1, 0.1]"
          + " (eps over C - 1 classes would give [-0.033, 0.017, 0.017])", new double[][] {{-2.0 / 15, 1.0 / 15, 1.0 / 15}},
          KATA.gradient(logits, new int[] {0}, new double[] {1, 1, 1}, 0.3, SUM));
    }

    @Test
    void smoothing_weights_each_class_by_its_own_weight() {
      // Uniform logits over C = 4: -logp = log 4 for every class. Weights [1, 2, 3, 4], target 0, eps 0.2:
      // l = (1 - 0.2) * 1 * log 4 + (0.2 / 4) * (1 + 2 + 3 + 4) * log 4 = 1.3 log 4.
      // (Weighting the smoothing by w[t] gives log 4; dividing eps by C - 1 gives 1.4667 log 4.)
      // Gradient: a = [0.8 + 0.05, 0.1, 0.15, 0.2], A = 1.3, p = 1/4: A p - a = [-0.525, 0.225, 0.175, 0.125].
      // MEAN divides by w[0] = 1, so both reductions agree here.
      double[][] logits = {{0.5, 0.5, 0.5, 0.5}};
      int[] targets = {0};
      double[] weight = {1, 2, 3, 4};
      double ln4 = Math.log(4);
      assertLosses("losses of uniform logits with weights [1, 2, 3, 4], eps 0.2", new double[] {1.3 * ln4},
          KATA.losses(logits, targets, weight, 0.2));
      assertLoss("MEAN of that example", 1.3 * ln4, KATA.loss(logits, targets, weight, 0.2, MEAN));
      double[][] expected = {{-0.525, 0.225, 0.175, 0.125}};
      assertGradient("SUM gradient of that example", expected, KATA.gradient(logits, targets, weight, 0.2, SUM));
      assertGradient("MEAN gradient of that example", expected, KATA.gradient(logits, targets, weight, 0.2, MEAN));
    }

    @Test
    void smoothing_and_the_weighted_mean_together() {
      // Two rows of uniform logits over C = 2 (-logp = log 2), weights [1, 3], targets [0, 0], eps 0.5:
      // each l = 0.5 * 1 * log 2 + 0.25 * (1 + 3) * log 2 = 1.5 log 2. SUM = 3 log 2.
      // MEAN divides the whole thing, smoothing term included, by w[0] + w[0] = 2: 1.5 log 2.
      double[][] logits = {{-1, -1}, {7, 7}};
      int[] targets = {0, 0};
      double[] weight = {1, 3};
      double ln2 = Math.log(2);
      assertLosses("losses with weights [1, 3], eps 0.5", new double[] {1.5 * ln2, 1.5 * ln2},
          KATA.losses(logits, targets, weight, 0.5));
      assertLoss("SUM with weights [1, 3], eps 0.5", 3 * ln2, KATA.loss(logits, targets, weight, 0.5, SUM));
      assertLoss("MEAN with weights [1, 3], eps 0.5 (divide by 2, the true classes' weights)", 1.5 * ln2,
          KATA.loss(logits, targets, weight, 0.5, MEAN));
      // a = [0.5 + 0.25, 0.75], A = 1.5, p = 1/2: A p - a = [0, 0] for both rows.
      assertGradient("SUM gradient with weights [1, 3], eps 0.5", new double[][] {{0, 0}, {0, 0}},
          KATA.gradient(logits, targets, weight, 0.5, SUM));
    }

    @Test
    void logits_of_magnitude_1e4_give_finite_exact_results() {
      // [1000, 1000]: log 2. [-1e4, 1e4] with target 0: 2e4. [1e4, -1e4] with target 0: 0 (e^-2e4 underflows).
      double[][] logits = {{1000, 1000}, {-1e4, 1e4}, {1e4, -1e4}};
      int[] targets = {0, 0, 0};
      double[] ones = {1, 1};
      assertLosses("losses of logits up to 1e4 (exp overflows unless the row max is subtracted)",
          new double[] {Math.log(2), 2e4, 0}, KATA.losses(logits, targets, ones, 0));
      assertGradient("SUM gradient of logits up to 1e4", new double[][] {{-0.5, 0.5}, {-1, 1}, {0, 0}},
          KATA.gradient(logits, targets, ones, 0, SUM));
      // With eps 0.1 (eps/C = 0.05): row 0 gives 0.9 log 2 + 0.05 * 2 log 2 = log 2; row 1 gives
      // 0.9 * 2e4 + 0.05 * (2e4 + 0) = 1.9e4; row 2 gives 0.9 * 0 + 0.05 * (0 + 2e4) = 1e3.
      assertLoss("SUM of logits up to 1e4 with eps 0.1", Math.log(2) + 1.9e4 + 1e3,
          KATA.loss(logits, targets, ones, 0.1, SUM));
    }

    @Test
    void one_class_costs_nothing() {
      double[][] logits = {{3.5}, {-2}};
      int[] targets = {0, 0};
      double[] weight = {2};
      assertLosses("losses with C = 1", new double[] {0, 0}, KATA.losses(logits, targets, weight, 0.3));
      assertLoss("MEAN with C = 1", 0, KATA.loss(logits, targets, weight, 0.3, MEAN));
      assertGradient("MEAN gradient with C = 1", new double[][] {{0}, {0}}, KATA.gradient(logits, targets, weight, 0.3, MEAN));
    }

    @Test
    void an_empty_batch_sums_to_zero_and_its_mean_is_nan() {
      double[][] logits = new double[0][];
      int[] targets = {};
      double[] weight = {1, 2, 0.5};
      assertThat(KATA.losses(logits, targets, weight, 0.1)).as("losses of an empty batch").isNotNull().isEmpty();
      assertLoss("SUM of an empty batch", 0, KATA.loss(logits, targets, weight, 0.1, SUM));
      assertThat(KATA.loss(logits, targets, weight, 0.1, MEAN)).as("MEAN of an empty batch (0/0)").isNaN();
      for (Reduction r : Reduction.values()) {
        assertThat(KATA.gradient(logits, targets, weight, 0.1, r)).as("%s gradient of an empty batch", r).isNotNull().isEmpty();
      }
    }

    @Test
    void when_the_true_classes_weights_sum_to_zero_the_mean_and_its_gradient_are_nan() {
      // Both targets are class 0 with weight 0; the smoothing term's numerator is positive but the
      // result is still NaN, as in PyTorch.
      double[][] logits = {{0.5, -1, 2}, {0, 1, 0}};
      int[] targets = {0, 0};
      double[] weight = {0, 1, 2};
      assertThat(KATA.loss(logits, targets, weight, 0.1, MEAN)).as("MEAN when sum_i w[t_i] = 0").isNaN();
      double[][] g = KATA.gradient(logits, targets, weight, 0.1, MEAN);
      assertShape("MEAN gradient when sum_i w[t_i] = 0", g, 2, 3);
      for (double[] row : g) {
        for (double v : row) {
          assertThat(v).as("every entry of the MEAN gradient when sum_i w[t_i] = 0: %s", Arrays.deepToString(g)).isNaN();
        }
      }
      double sum = KATA.loss(logits, targets, weight, 0.1, SUM);
      assertThat(sum).as("SUM is still finite and positive when sum_i w[t_i] = 0").isFinite().isPositive();
    }

    @Test
    void inputs_are_not_modified() {
      double[][] logits = {{0.5, -1, 2}, {3, 3, 1}};
      int[] targets = {2, 0};
      double[] weight = {1.5, 0.5, 2};
      double[][] logitsCopy = {logits[0].clone(), logits[1].clone()};
      int[] targetsCopy = targets.clone();
      double[] weightCopy = weight.clone();
      KATA.losses(logits, targets, weight, 0.1);
      KATA.loss(logits, targets, weight, 0.1, MEAN);
      KATA.gradient(logits, targets, weight, 0.1, MEAN);
      assertThat(logits).as("logits after every method").isDeepEqualTo(logitsCopy);
      assertThat(targets).as("targets after every method").containsExactly(targetsCopy);
      assertThat(weight).as("weight after every method").containsExactly(weightCopy);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] logits = {{1, 2, 3}, {0, 0, 1}};
    private final int[] targets = {2, 0};
    private final double[] weight = {1, 1, 1};

    @Test
    void weight_must_be_non_empty_finite_and_non_negative() {
      assertRejects("losses with an empty weight", "weight", () -> KATA.losses(new double[0][], new int[0], new double[0], 0));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.5}) {
        assertRejects("losses with a weight of " + bad, "weight", () -> KATA.losses(logits, targets, new double[] {1, bad, 1}, 0));
        assertRejects("loss with a weight of " + bad, "weight", () -> KATA.loss(logits, targets, new double[] {1, bad, 1}, 0, MEAN));
        assertRejects("gradient with a weight of " + bad, "weight",
            () -> KATA.gradient(logits, targets, new double[] {1, bad, 1}, 0, SUM));
      }
    }

    @Test
    void every_row_of_logits_must_have_c_finite_values() {
      assertRejects("losses with a row of 2 logits when C = 3", "logits",
          () -> KATA.losses(new double[][] {{1, 2, 3}, {1, 2}}, targets, weight, 0));
      assertRejects("losses with rows of 4 logits when C = 3", "logits",
          () -> KATA.losses(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4}}, targets, weight, 0));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        double[][] withBad = {{1, 2, 3}, {0, bad, 1}};
        assertRejects("losses with a logit of " + bad, "logits", () -> KATA.losses(withBad, targets, weight, 0));
        assertRejects("loss with a logit of " + bad, "logits", () -> KATA.loss(withBad, targets, weight, 0, SUM));
        assertRejects("gradient with a logit of " + bad, "logits", () -> KATA.gradient(withBad, targets, weight, 0, MEAN));
      }
    }

    @Test
    void targets_must_match_the_rows_and_be_valid_classes() {
      assertRejects("losses with 1 target for 2 rows", "targets", () -> KATA.losses(logits, new int[] {0}, weight, 0));
      assertRejects("losses with 3 targets for 2 rows", "targets", () -> KATA.losses(logits, new int[] {0, 1, 2}, weight, 0));
      for (int bad : new int[] {-1, 3, 100}) {
        assertRejects("losses with a target of " + bad + " when C = 3", "targets",
            () -> KATA.losses(logits, new int[] {0, bad}, weight, 0));
        assertRejects("loss with a target of " + bad + " when C = 3", "targets",
            () -> KATA.loss(logits, new int[] {bad, 0}, weight, 0, MEAN));
        assertRejects("gradient with a target of " + bad + " when C = 3", "targets",
            () -> KATA.gradient(logits, new int[] {0, bad}, weight, 0, SUM));
      }
    }

    @Test
    void label_smoothing_must_be_between_0_and_1() {
      for (double bad : new double[] {-0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("losses with label smoothing " + bad, "labelSmoothing", () -> KATA.losses(logits, targets, weight, bad));
        assertRejects("loss with label smoothing " + bad, "labelSmoothing", () -> KATA.loss(logits, targets, weight, bad, SUM));
        assertRejects("gradient with label smoothing " + bad, "labelSmoothing",
            () -> KATA.gradient(logits, targets, weight, bad, MEAN));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("losses with logits null", () -> KATA.losses(null, targets, weight, 0));
      assertNullRejected("losses with a null row of logits", () -> KATA.losses(new double[][] {{1, 2, 3}, null}, targets, weight, 0));
      assertNullRejected("losses with targets null", () -> KATA.losses(logits, null, weight, 0));
      assertNullRejected("losses with weight null", () -> KATA.losses(logits, targets, null, 0));
      assertNullRejected("loss with logits null", () -> KATA.loss(null, targets, weight, 0, SUM));
      assertNullRejected("loss with reduction null", () -> KATA.loss(logits, targets, weight, 0, null));
      assertNullRejected("gradient with weight null", () -> KATA.gradient(logits, targets, null, 0, MEAN));
      assertNullRejected("gradient with reduction null", () -> KATA.gradient(logits, targets, weight, 0, null));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("losses/cross-entropy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void per_row_losses_match_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLosses("losses of " + g.input + " vs " + c.library(), c.expected().doubles("losses"),
          KATA.losses(g.logits, g.targets, g.weight, g.eps));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reduced_losses_match_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertLoss("SUM of " + g.input + " vs " + c.library(), c.expected().number("sum"),
          KATA.loss(g.logits, g.targets, g.weight, g.eps, SUM));
      assertLoss("MEAN of " + g.input + " vs " + c.library(), c.expected().number("mean"),
          KATA.loss(g.logits, g.targets, g.weight, g.eps, MEAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradients_match_pytorch(Goldens.Case c) {
      Golden g = new Golden(c);
      assertGradient("SUM gradient of " + g.input + " vs " + c.library(), c.expected().matrix("grad_sum"),
          KATA.gradient(g.logits, g.targets, g.weight, g.eps, SUM));
      assertGradient("MEAN gradient of " + g.input + " vs " + c.library(), c.expected().matrix("grad_mean"),
          KATA.gradient(g.logits, g.targets, g.weight, g.eps, MEAN));
    }

    /** One golden case's inputs; each check above calls one method of the kata. */
    private final class Golden {
      final double[] weight;
      final double[][] logits;
      final int[] targets;
      final double eps;
      final String input;

      Golden(Goldens.Case c) {
        weight = c.input().doubles("weight");
        logits = c.input().matrix("logits");
        targets = c.input().ints("targets");
        eps = c.input().number("label_smoothing");
        input = "golden '" + c.name() + "' (" + logits.length + " x " + weight.length + ", label smoothing " + eps + ")";
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void losses_are_finite_and_non_negative() {
      Props.check("every l_i is finite and >= 0", EXAMPLES, CrossEntropyGens.batches(6, 8), b -> {
        double[] l = losses(b);
        for (int i = 0; i < b.rows(); i++) {
          assertThat(l[i]).as("property 'l_%d >= 0' (losses %s) for %s", i, Arrays.toString(l), b.shape())
              .isFinite().isGreaterThanOrEqualTo(-LOSS * Math.max(1, Math.abs(l[i])));
        }
      });
    }

    @Test
    void adding_a_constant_to_a_row_of_logits_changes_nothing() {
      Props.check("losses and gradients are unchanged when c_i is added to row i of the logits", EXAMPLES,
          CrossEntropyGens.batches(6, 8), b -> {
            double[][] shifted = new double[b.rows()][];
            for (int i = 0; i < b.rows(); i++) {
              double c = (i % 2 == 0 ? 1 : -1) * (1500.25 + 700 * i); // large: exp() of the shifted row overflows
              shifted[i] = b.logits()[i].clone();
              for (int k = 0; k < b.classes(); k++) {
                shifted[i][k] += c;
              }
            }
            assertLosses("property 'shifting rows leaves the losses alone' for " + b.shape(), losses(b),
                KATA.losses(shifted, b.targets(), b.weight(), b.labelSmoothing()));
            for (Reduction r : Reduction.values()) {
              assertGradient("property 'shifting rows leaves the " + r + " gradient alone' for " + b.shape(),
                  gradient(b, r), KATA.gradient(shifted, b.targets(), b.weight(), b.labelSmoothing(), r));
            }
          });
    }

    @Test
    void each_gradient_row_sums_to_zero() {
      Props.check("sum_c dL/dlogits[i][c] = 0 for every row i", EXAMPLES, CrossEntropyGens.batches(6, 8), b -> {
        for (Reduction r : Reduction.values()) {
          double[][] g = gradient(b, r);
          for (int i = 0; i < b.rows(); i++) {
            double sum = 0;
            for (double v : g[i]) {
              sum += v;
            }
            assertClose("property 'row " + i + " of the " + r + " gradient sums to 0' (row " + Arrays.toString(g[i])
                + ") for " + b.shape(), 0, sum, GRADIENT * scale(g[i]) * b.classes());
          }
        }
      });
    }

    @Test
    void sum_adds_the_losses_and_mean_divides_by_the_true_classes_weights() {
      Props.check("SUM = sum_i l_i and MEAN = sum_i l_i / sum_i w[t_i]", EXAMPLES, CrossEntropyGens.batches(6, 8), b -> {
        double total = 0;
        for (double v : losses(b)) {
          total += v;
        }
        assertLoss("property 'SUM = sum of the losses' for " + b.shape(), total,
            KATA.loss(b.logits(), b.targets(), b.weight(), b.labelSmoothing(), SUM));
        assertLoss("property 'MEAN = sum of the losses / sum_i w[t_i] = " + b.targetWeightSum() + "' for " + b.shape(),
            total / b.targetWeightSum(), KATA.loss(b.logits(), b.targets(), b.weight(), b.labelSmoothing(), MEAN));
        assertGradient("property 'MEAN gradient = SUM gradient / sum_i w[t_i]' for " + b.shape(),
            scaled(gradient(b, SUM), 1 / b.targetWeightSum()), gradient(b, MEAN));
      });
    }

    @Test
    void scaling_every_weight_scales_the_sum_and_leaves_the_mean_alone() {
      Props.check("weights s * w: SUM and its gradient scale by s, MEAN and its gradient do not change", EXAMPLES,
          CrossEntropyGens.batches(6, 8), b -> {
            double s = 2.5;
            double[] w = b.weight().clone();
            for (int k = 0; k < w.length; k++) {
              w[k] *= s;
            }
            double eps = b.labelSmoothing();
            assertLoss("property 'SUM(2.5 w) = 2.5 SUM(w)' for " + b.shape(), s * KATA.loss(b.logits(), b.targets(), b.weight(), eps, SUM),
                KATA.loss(b.logits(), b.targets(), w, eps, SUM));
            assertLoss("property 'MEAN(2.5 w) = MEAN(w)' for " + b.shape(), KATA.loss(b.logits(), b.targets(), b.weight(), eps, MEAN),
                KATA.loss(b.logits(), b.targets(), w, eps, MEAN));
            assertGradient("property 'SUM gradient(2.5 w) = 2.5 SUM gradient(w)' for " + b.shape(), scaled(gradient(b, SUM), s),
                KATA.gradient(b.logits(), b.targets(), w, eps, SUM));
            assertGradient("property 'MEAN gradient(2.5 w) = MEAN gradient(w)' for " + b.shape(), gradient(b, MEAN),
                KATA.gradient(b.logits(), b.targets(), w, eps, MEAN));
          });
    }

    @Test
    void without_weights_or_smoothing_it_is_minus_log_softmax_and_softmax_minus_onehot() {
      Props.check("weights 1, eps 0: l_i = -log softmax(row i)[t_i] and the SUM gradient is softmax - onehot", EXAMPLES,
          CrossEntropyGens.batches(6, 8), b -> {
            double[] ones = new double[b.classes()];
            Arrays.fill(ones, 1);
            double[] l = KATA.losses(b.logits(), b.targets(), ones, 0);
            double[][] g = KATA.gradient(b.logits(), b.targets(), ones, 0, SUM);
            assertShape("SUM gradient of " + b.shape(), g, b.rows(), b.classes());
            double[] expectedLosses = new double[b.rows()];
            double[][] expectedGrad = new double[b.rows()][];
            for (int i = 0; i < b.rows(); i++) {
              double[] p = softmax(b.logits()[i]);
              expectedLosses[i] = logSumExp(b.logits()[i]) - b.logits()[i][b.targets()[i]];
              p[b.targets()[i]] -= 1;
              expectedGrad[i] = p;
            }
            assertLosses("property 'l_i = logsumexp(row i) - logits[i][t_i]' for " + b.shape(), expectedLosses, l);
            assertGradient("property 'SUM gradient = softmax - onehot' for " + b.shape(), expectedGrad, g);
          });
    }

    @Test
    void the_loss_is_linear_in_the_smoothing_and_at_1_ignores_the_target() {
      Props.check("l(eps) = (1 - eps) l(0) + eps l(1), and l(1) does not depend on the targets", EXAMPLES,
          CrossEntropyGens.batches(6, 8), b -> {
            double eps = b.labelSmoothing();
            double[] hard = KATA.losses(b.logits(), b.targets(), b.weight(), 0);
            double[] uniform = KATA.losses(b.logits(), b.targets(), b.weight(), 1);
            assertThat(hard).as("losses with eps 0 of %s", b.shape()).hasSize(b.rows());
            assertThat(uniform).as("losses with eps 1 of %s", b.shape()).hasSize(b.rows());
            double[] mixed = new double[b.rows()];
            int[] other = new int[b.rows()];
            for (int i = 0; i < b.rows(); i++) {
              mixed[i] = (1 - eps) * hard[i] + eps * uniform[i];
              other[i] = (b.targets()[i] + 1 + i) % b.classes();
            }
            assertLosses("property 'l(eps) = (1 - eps) l(0) + eps l(1)' for " + b.shape(), mixed, losses(b));
            assertLosses("property 'with eps 1 the targets do not matter' (targets " + Arrays.toString(other) + ") for " + b.shape(),
                uniform, KATA.losses(b.logits(), other, b.weight(), 1));
          });
    }

    @Test
    void a_rows_loss_and_gradient_do_not_depend_on_the_other_rows() {
      Props.check("row i of the batch gives the loss and SUM gradient of row i alone", EXAMPLES,
          CrossEntropyGens.batches(6, 8), b -> {
            double[] l = losses(b);
            double[][] g = gradient(b, SUM);
            for (int i = 0; i < b.rows(); i++) {
              double[][] alone = {b.logits()[i].clone()};
              int[] target = {b.targets()[i]};
              String what = "property 'row " + i + " in the batch equals row " + i + " alone' for " + b.shape();
              assertLosses(what + ": loss", new double[] {l[i]}, KATA.losses(alone, target, b.weight(), b.labelSmoothing()));
              assertGradient(what + ": SUM gradient", new double[][] {g[i]},
                  KATA.gradient(alone, target, b.weight(), b.labelSmoothing(), SUM));
            }
          });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void the_mean_gradient_matches_central_differences() {
      checkFiniteDifferences(MEAN);
    }

    @Test
    void the_sum_gradient_matches_central_differences() {
      checkFiniteDifferences(SUM);
    }

    private void checkFiniteDifferences(Reduction r) {
      Props.check(r + " gradient = d/dlogits " + r + " loss by central differences", 60,
          CrossEntropyGens.smoothBatches(4, 6), b -> {
            double[][] g = gradient(b, r);
            assertGradientMatches(r + " gradient of " + b.shape(),
                flat -> KATA.loss(unflatten(flat, b.rows(), b.classes()), b.targets(), b.weight(), b.labelSmoothing(), r),
                flatten(b.logits()), flatten(g), STEP, FINITE_DIFFERENCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void losses_reductions_and_gradients_match_the_reference_on_random_batches() {
      Props.check("losses, SUM, MEAN and both gradients agree with the reference solution", EXAMPLES,
          CrossEntropyGens.batches(8, 10), b -> {
            double eps = b.labelSmoothing();
            assertLosses("losses, reference vs yours, for " + b.shape(),
                REFERENCE.losses(b.logits(), b.targets(), b.weight(), eps), losses(b));
            for (Reduction r : Reduction.values()) {
              assertLoss(r + ", reference vs yours, for " + b.shape(), REFERENCE.loss(b.logits(), b.targets(), b.weight(), eps, r),
                  KATA.loss(b.logits(), b.targets(), b.weight(), eps, r));
              assertGradient(r + " gradient, reference vs yours, for " + b.shape(),
                  REFERENCE.gradient(b.logits(), b.targets(), b.weight(), eps, r), gradient(b, r));
            }
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static double[] losses(Batch b) {
    double[] l = KATA.losses(b.logits(), b.targets(), b.weight(), b.labelSmoothing());
    assertThat(l).as("losses of %s", b.shape()).isNotNull().hasSize(b.rows());
    return l;
  }

  static double[][] gradient(Batch b, Reduction r) {
    double[][] g = KATA.gradient(b.logits(), b.targets(), b.weight(), b.labelSmoothing(), r);
    assertShape(r + " gradient of " + b.shape(), g, b.rows(), b.classes());
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

  /** Row by row, each within {@link #GRADIENT} relative to the row's largest magnitude (floor 1). */
  static void assertGradient(String what, double[][] expected, double[][] actual) {
    assertShape(what, actual, expected.length, expected.length == 0 ? 0 : expected[0].length);
    for (int i = 0; i < expected.length; i++) {
      assertAllClose(what + ", row " + i, expected[i], actual[i], GRADIENT * scale(expected[i]));
    }
  }

  static void assertShape(String what, double[][] m, int rows, int cols) {
    assertThat(m).as("%s: the result matrix", what).isNotNull();
    assertThat(m.length).as("%s: number of rows", what).isEqualTo(rows);
    for (int i = 0; i < rows; i++) {
      assertThat(m[i]).as("%s: row %d", what, i).isNotNull();
      assertThat(m[i].length).as("%s: length of row %d", what, i).isEqualTo(cols);
    }
  }

  /** The largest finite magnitude in {@code v}, at least 1: the scale a relative tolerance applies to. */
  static double scale(double[] v) {
    double s = 1;
    for (double e : v) {
      if (Double.isFinite(e)) {
        s = Math.max(s, Math.abs(e));
      }
    }
    return s;
  }

  static double[][] scaled(double[][] m, double s) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
      for (int k = 0; k < out[i].length; k++) {
        out[i][k] *= s;
      }
    }
    return out;
  }

  /** The spec's own log-sum-exp, written independently of the reference. */
  static double logSumExp(double[] z) {
    double max = Arrays.stream(z).max().orElseThrow();
    return max + Math.log(Arrays.stream(z).map(v -> Math.exp(v - max)).sum());
  }

  static double[] softmax(double[] z) {
    double lse = logSumExp(z);
    return Arrays.stream(z).map(v -> Math.exp(v - lse)).toArray();
  }
}

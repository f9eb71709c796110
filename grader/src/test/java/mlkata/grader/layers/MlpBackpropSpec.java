package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.deepCopy;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import mlkata.grader.layers.MlpBackpropGens.Problem;
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
 * Grades {@code layers/mlp-backprop}: linear, ReLU, linear, mean softmax cross-entropy in PyTorch's
 * {@code nn.Linear} layout, and the backward to both layers' weights and biases and to the input.
 *
 * <p>Tolerances are mixed absolute/relative ({@code tol * max(1, |expected|)}), since logits reach
 * 1e4 in the goldens: {@link #VALUE} for the forward's outputs, {@link #GRADIENT} for gradients
 * compared with PyTorch or the reference, {@link #IDENTITY} for sums that cancel exactly, and
 * {@link #FD_STEP} / {@link #FD_TOLERANCE} for central differences. The mistakes the kata is about (a
 * transposed weight, a sum instead of a mean, ReLU's derivative 1 at 0, an overflowing softmax, a
 * missing ReLU mask) move a result by 0.1 or more on the hand examples.
 */
@KataSpec
@DisplayName("layers/mlp-backprop: Two-layer MLP, forward and backward")
final class MlpBackpropSpec {
  /** A few matrix products of at most 10 terms and one log-sum-exp: about 1e-14 relative in float64. */
  static final double VALUE = 1e-10;
  /** The chain rule adds two more products of at most 10 terms: still far below 1e-10 relative. */
  static final double GRADIENT = 1e-10;
  /** Sums of at most 20 terms of size about 1 that are 0 in exact arithmetic keep about 1e-15 each. */
  static final double IDENTITY = 1e-10;
  /** Step of the central differences; truncation O(h^2) = 1e-10 times third derivatives of size ~10. */
  static final double FD_STEP = 1e-5;
  /**
   * Truncation (about 1e-9 here) plus rounding (1e-16 * |loss| / h, about 1e-10): 1e-6 passes a right
   * gradient with margin and fails a gradient off by a missing 1/N or a missing ReLU mask.
   */
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 200;
  private static final int GRADIENT_EXAMPLES = 40;

  private static final MlpBackpropApi KATA = Target.pick(new MlpBackpropOfExercises(), new MlpBackpropOfSolutions());
  private static final MlpBackpropApi REFERENCE = new MlpBackpropOfSolutions();

  // The statement example: x = [[1, 2]], W1 = [[1, 0], [1, -1]], b1 = 0, W2 = [[2, 3], [0, 1]], b2 = 0,
  // target 1. z1 = [1, -1], h = [1, 0], logits = [2, 0], loss = log(e^2 + 1) = 2.1269280110429727.
  static final double[][] X = {{1, 2}};
  static final double[][] W1 = {{1, 0}, {1, -1}};
  static final double[][] W2 = {{2, 3}, {0, 1}};
  static final double P0 = Math.exp(2) / (Math.exp(2) + 1); // 0.8807970779778823

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_first_layer_multiplies_by_W1_transposed() {
      MlpBackpropApi.Forward f = statementForward();
      // z1[j] = sum_m x[m] * W1[j][m]: [1*1 + 2*0, 1*1 + 2*(-1)] = [1, -1]. x W1 (W1 read as in x out)
      // would give [1*1 + 2*1, 1*0 + 2*(-1)] = [3, -2].
      assertNear(() -> "preActivation z1 = x W1^T + b1 of the statement example (W1 is hidden x in, one row per "
          + "hidden unit, as nn.Linear)", new double[][] {{1, -1}}, f.preActivation(), VALUE);
    }

    @Test
    void relu_zeroes_the_negative_pre_activations() {
      MlpBackpropApi.Forward f = statementForward();
      assertNear(() -> "hidden = relu(z1) = relu([1, -1]) of the statement example", new double[][] {{1, 0}},
          f.hidden(), VALUE);
      // logits[k] = sum_j h[j] * W2[k][j]: [1*2 + 0*3, 1*0 + 0*1] = [2, 0].
      assertNear(() -> "logits = h W2^T + b2 of the statement example", new double[][] {{2, 0}}, f.logits(), VALUE);
    }

    @Test
    void the_loss_is_the_cross_entropy_of_the_target_class() {
      MlpBackpropApi.Forward f = statementForward();
      // log(e^2 + e^0) - logits[1] = log(e^2 + 1) - 0.
      assertNear("loss of the statement example: log(e^2 + 1) - logits[target 1]", Math.log(Math.exp(2) + 1),
          f.loss(), VALUE);
    }

    @Test
    void the_statement_example_backward() {
      MlpBackpropApi.Gradients g = backward(statementForward(), "the statement example");
      // dlogits = p - onehot(1) = [P0, -P0]; db2 = dlogits; dW2 = dlogits^T h = [[P0, 0], [-P0, 0]].
      assertNear(() -> "db2 of the statement example: softmax minus one-hot", new double[] {P0, -P0}, g.db2(),
          GRADIENT);
      assertNear(() -> "dW2 of the statement example: dlogits^T h (C x H)", new double[][] {{P0, 0}, {-P0, 0}},
          g.dW2(), GRADIENT);
      // dh = dlogits W2 = [2 P0, 3 P0 - P0] = [2 P0, 2 P0]; the ReLU keeps unit 0 only: dz1 = [2 P0, 0].
      assertNear(() -> "db1 of the statement example: dh masked by relu'(z1) (unit 1 has z1 = -1 and gets 0)",
          new double[] {2 * P0, 0}, g.db1(), GRADIENT);
      assertNear(() -> "dW1 of the statement example: dz1^T x (H x D)", new double[][] {{2 * P0, 4 * P0}, {0, 0}},
          g.dW1(), GRADIENT);
      // dx = dz1 W1 = [2 P0 * 1 + 0 * 1, 2 P0 * 0 + 0 * (-1)].
      assertNear(() -> "dx of the statement example: dz1 W1 (N x D)", new double[][] {{2 * P0, 0}}, g.dx(), GRADIENT);
    }

    @Test
    void the_loss_and_gradients_are_means_over_the_batch() {
      // The statement example's row twice: the mean loss is unchanged, and so is every parameter
      // gradient (a sum over the batch would double them); dx has the single-row gradient in each row.
      double[][] x = {{1, 2}, {1, 2}};
      MlpBackpropApi.Forward f = KATA.forward(x, new int[] {1, 1}, W1, new double[2], W2, new double[2]);
      assertThat(f).as("forward of the statement example's row twice").isNotNull();
      assertNear("loss of the statement example's row twice: the MEAN, log(e^2 + 1), not twice it",
          Math.log(Math.exp(2) + 1), f.loss(), VALUE);
      MlpBackpropApi.Gradients g = backward(f, "the statement example's row twice");
      assertNear(() -> "db2 of the statement example's row twice: (2 * [P0, -P0]) / 2", new double[] {P0, -P0},
          g.db2(), GRADIENT);
      assertNear(() -> "dW1 of the statement example's row twice: the mean, as for one row",
          new double[][] {{2 * P0, 4 * P0}, {0, 0}}, g.dW1(), GRADIENT);
      // Each row's own loss enters the mean with weight 1/2: dx rows are half the one-row dx.
      assertNear(() -> "dx of the statement example's row twice: each row gets 1/N of its gradient",
          new double[][] {{P0, 0}, {P0, 0}}, g.dx(), GRADIENT);
    }

    @Test
    void relu_passes_no_gradient_at_exactly_zero() {
      // x = [[1, 2]], W1 = [[1, -0.5]], b1 = [0]: z1 = 1 - 1 = 0 exactly, h = 0. W2 = [[1], [-1]]: logits
      // [0, 0], p = [1/2, 1/2], target 0: dlogits = [-1/2, 1/2], dh = -1/2 * 1 + 1/2 * (-1) = -1. torch's
      // relu has derivative 0 at 0, so db1 = dW1 = dx = 0; with derivative 1 db1 would be -1.
      MlpBackpropApi.Forward f = KATA.forward(X, new int[] {0}, new double[][] {{1, -0.5}}, new double[] {0},
          new double[][] {{1}, {-1}}, new double[] {0, 0});
      assertThat(f).as("forward with a pre-activation of exactly 0").isNotNull();
      assertNear("loss with logits [0, 0]: log 2", Math.log(2), f.loss(), VALUE);
      MlpBackpropApi.Gradients g = backward(f, "a pre-activation of exactly 0");
      assertNear(() -> "db1 where z1 = 0 exactly: relu'(0) = 0 as in PyTorch (not 1)", new double[] {0}, g.db1(),
          GRADIENT);
      assertNear(() -> "dW1 where z1 = 0 exactly", new double[][] {{0, 0}}, g.dW1(), GRADIENT);
      assertNear(() -> "dx where z1 = 0 exactly", new double[][] {{0, 0}}, g.dx(), GRADIENT);
      assertNear(() -> "db2 with p = [1/2, 1/2], target 0", new double[] {-0.5, 0.5}, g.db2(), GRADIENT);
    }

    @Test
    void logits_of_a_thousand_do_not_overflow() {
      // x = [[1]], W1 = [[1]], b1 = 0: h = [1]; W2 = [[1000], [0]]: logits [1000, 0]. exp(1000) overflows.
      double[][] x = {{1}};
      double[][] w1 = {{1}};
      double[][] w2 = {{1000}, {0}};
      // Target 1: loss = log(e^1000 + 1) - 0 = 1000 + log(1 + e^-1000) = 1000.
      MlpBackpropApi.Forward f = KATA.forward(x, new int[] {1}, w1, new double[] {0}, w2, new double[2]);
      assertThat(f).as("forward with logits [1000, 0]").isNotNull();
      assertNear("loss with logits [1000, 0] and target 1: 1000, finite (subtract the largest logit)", 1000,
          f.loss(), VALUE);
      // p = [1, e^-1000 = 0]: dlogits = [1, -1], dh = 1000, every first-layer gradient is 1000.
      MlpBackpropApi.Gradients g = backward(f, "logits [1000, 0], target 1");
      assertNear(() -> "db2 with logits [1000, 0], target 1", new double[] {1, -1}, g.db2(), GRADIENT);
      assertNear(() -> "db1 with logits [1000, 0], target 1", new double[] {1000}, g.db1(), GRADIENT);
      assertNear(() -> "dW1 with logits [1000, 0], target 1", new double[][] {{1000}}, g.dW1(), GRADIENT);
      // Target 0: loss = log(1 + e^-1000) = 0 (to double precision), gradients 0.
      MlpBackpropApi.Forward right = KATA.forward(x, new int[] {0}, w1, new double[] {0}, w2, new double[2]);
      assertThat(right).as("forward with logits [1000, 0] and target 0").isNotNull();
      assertNear("loss with logits [1000, 0] and target 0: log(1 + e^-1000) = 0", 0, right.loss(), VALUE);
    }

    @Test
    void a_single_class_has_zero_loss_and_zero_gradients() {
      // C = 1: the only class has probability 1, so the loss and every gradient are 0.
      MlpBackpropApi.Forward f = KATA.forward(X, new int[] {0}, W1, new double[] {0.5, 0.5},
          new double[][] {{3, -2}}, new double[] {7});
      assertThat(f).as("forward with one class").isNotNull();
      assertNear("loss with a single class", 0, f.loss(), VALUE);
      MlpBackpropApi.Gradients g = backward(f, "one class");
      assertNear(() -> "dW1 with a single class", new double[][] {{0, 0}, {0, 0}}, g.dW1(), GRADIENT);
      assertNear(() -> "db2 with a single class", new double[] {0}, g.db2(), GRADIENT);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("layers/mlp-backprop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forward_matches_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      String what = "golden '" + c.name() + "' (" + c.library() + ")";
      MlpBackpropApi.Forward f = goldenForward(c);
      assertNear(() -> "preActivation of " + what, out.matrix("pre_activation"), f.preActivation(), VALUE);
      assertNear(() -> "hidden of " + what, out.matrix("hidden"), f.hidden(), VALUE);
      assertNear(() -> "logits of " + what, out.matrix("logits"), f.logits(), VALUE);
      assertNear("loss of " + what + " with targets " + Arrays.toString(in.ints("targets")), out.number("loss"),
          f.loss(), VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_pytorch(Goldens.Case c) {
      Goldens.Values out = c.expected();
      String what = "golden '" + c.name() + "' (" + c.library() + ")";
      MlpBackpropApi.Gradients g = backward(goldenForward(c), what);
      assertNear(() -> "db2 of " + what, out.doubles("db2"), g.db2(), GRADIENT);
      assertNear(() -> "dW2 of " + what, out.matrix("dW2"), g.dW2(), GRADIENT);
      assertNear(() -> "db1 of " + what, out.doubles("db1"), g.db1(), GRADIENT);
      assertNear(() -> "dW1 of " + what, out.matrix("dW1"), g.dW1(), GRADIENT);
      assertNear(() -> "dx of " + what, out.matrix("dx"), g.dx(), GRADIENT);
    }

    private MlpBackpropApi.Forward goldenForward(Goldens.Case c) {
      Goldens.Values in = c.input();
      MlpBackpropApi.Forward f = KATA.forward(in.matrix("x"), in.ints("targets"), in.matrix("w1"),
          in.doubles("b1"), in.matrix("w2"), in.doubles("b2"));
      assertThat(f).as("forward of golden '%s'", c.name()).isNotNull();
      return f;
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[] b = {0, 0};
    final int[] t = {1};

    @Test
    void weights_and_biases_must_fit_the_layers() {
      assertRejects("forward with W1 of 3 columns for 2 input features", "w1",
          () -> KATA.forward(X, t, new double[][] {{1, 0, 0}, {1, -1, 0}}, b, W2, b));
      assertRejects("forward with b1 of length 3 for 2 hidden units", "b1",
          () -> KATA.forward(X, t, W1, new double[3], W2, b));
      assertRejects("forward with W2 of 1 column for 2 hidden units", "w2",
          () -> KATA.forward(X, t, W1, b, new double[][] {{2}, {0}}, b));
      assertRejects("forward with b2 of length 1 for 2 classes", "b2",
          () -> KATA.forward(X, t, W1, b, W2, new double[1]));
    }

    @Test
    void matrices_must_be_non_empty_rectangular_and_finite() {
      assertRejects("forward with no rows in x", "x", () -> KATA.forward(new double[0][], new int[0], W1, b, W2, b));
      assertRejects("forward with a ragged x", "x",
          () -> KATA.forward(new double[][] {{1, 2}, {3}}, new int[] {0, 1}, W1, b, W2, b));
      assertRejects("forward with no hidden units", "w1",
          () -> KATA.forward(X, t, new double[0][], new double[0], new double[2][0], b));
      assertRejects("forward with a NaN in x", "x",
          () -> KATA.forward(new double[][] {{1, Double.NaN}}, t, W1, b, W2, b));
      assertRejects("forward with an infinity in W1", "w1",
          () -> KATA.forward(X, t, new double[][] {{1, 0}, {Double.POSITIVE_INFINITY, -1}}, b, W2, b));
      assertRejects("forward with a NaN in b1", "b1", () -> KATA.forward(X, t, W1, new double[] {0, Double.NaN}, W2, b));
      assertRejects("forward with a NaN in W2", "w2",
          () -> KATA.forward(X, t, W1, b, new double[][] {{2, 3}, {Double.NaN, 1}}, b));
      assertRejects("forward with an infinity in b2", "b2",
          () -> KATA.forward(X, t, W1, b, W2, new double[] {Double.NEGATIVE_INFINITY, 0}));
    }

    @Test
    void targets_must_be_classes_one_per_row() {
      assertRejects("forward with 2 targets for 1 row", "targets", () -> KATA.forward(X, new int[] {0, 1}, W1, b, W2, b));
      assertRejects("forward with target 2 for 2 classes", "targets", () -> KATA.forward(X, new int[] {2}, W1, b, W2, b));
      assertRejects("forward with target -1", "targets", () -> KATA.forward(X, new int[] {-1}, W1, b, W2, b));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("forward with x null", () -> KATA.forward(null, t, W1, b, W2, b));
      assertNullRejected("forward with targets null", () -> KATA.forward(X, null, W1, b, W2, b));
      assertNullRejected("forward with w1 null", () -> KATA.forward(X, t, null, b, W2, b));
      assertNullRejected("forward with b1 null", () -> KATA.forward(X, t, W1, null, W2, b));
      assertNullRejected("forward with w2 null", () -> KATA.forward(X, t, W1, b, null, b));
      assertNullRejected("forward with b2 null", () -> KATA.forward(X, t, W1, b, W2, null));
      assertNullRejected("backward with cache null", () -> KATA.backward(null));
    }

    @Test
    void inputs_and_the_cache_are_not_modified() {
      double[][] x = {{1, -2, 0.5}, {0, 3, -1}, {2, 2, 2}};
      int[] targets = {2, 0, 1};
      double[][] w1 = {{0.5, -1, 2}, {1, 1, -0.25}, {-2, 0.5, 1}, {0.3, 0.3, 0.3}};
      double[] b1 = {0.1, -0.2, 0.3, 0};
      double[][] w2 = {{1, -1, 0.5, 2}, {0, 2, -1, 1}, {-0.5, 0.25, 1, -1}};
      double[] b2 = {0.5, -0.5, 0};
      double[][][] copies = {deepCopy(x), deepCopy(w1), deepCopy(w2)};
      double[][] vectors = {b1.clone(), b2.clone()};
      int[] targetsCopy = targets.clone();
      MlpBackpropApi.Forward f = KATA.forward(x, targets, w1, b1, w2, b2);
      assertThat(f).as("forward of a 3-example batch").isNotNull();
      MlpBackpropApi.Gradients first = backward(f, "a 3-example batch");
      MlpBackpropApi.Gradients second = backward(f, "a 3-example batch, second call with the same cache");
      assertThat(new double[][][] {x, w1, w2}).as("x, w1 and w2 are unchanged").isDeepEqualTo(copies);
      assertThat(new double[][] {b1, b2}).as("b1 and b2 are unchanged").isDeepEqualTo(vectors);
      assertThat(targets).as("targets are unchanged").isEqualTo(targetsCopy);
      assertNear(() -> "dW1 of a second backward with the same cache", first.dW1(), second.dW1(), 0);
      assertNear(() -> "dW2 of a second backward with the same cache", first.dW2(), second.dW2(), 0);
      assertNear(() -> "dx of a second backward with the same cache", first.dx(), second.dx(), 0);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_intermediates_are_consistent() {
      Props.check("hidden = relu(preActivation), logits = hidden W2^T + b2, loss = mean cross-entropy of logits",
          EXAMPLES, MlpBackpropGens.problems(), p -> {
            MlpBackpropApi.Forward f = forward(p);
            double[][] relu = new double[p.n()][p.h()];
            for (int i = 0; i < p.n(); i++) {
              for (int j = 0; j < p.h(); j++) {
                relu[i][j] = Math.max(0, f.preActivation()[i][j]);
              }
            }
            assertNear(() -> "property 'hidden = relu(preActivation)' for " + p, relu, f.hidden(), VALUE);
            double[][] logits = new double[p.n()][p.c()];
            double loss = 0;
            for (int i = 0; i < p.n(); i++) {
              double max = Double.NEGATIVE_INFINITY;
              for (int k = 0; k < p.c(); k++) {
                logits[i][k] = p.b2()[k];
                for (int j = 0; j < p.h(); j++) {
                  logits[i][k] += f.hidden()[i][j] * p.w2()[k][j];
                }
                max = Math.max(max, logits[i][k]);
              }
              double sum = 0;
              for (int k = 0; k < p.c(); k++) {
                sum += Math.exp(logits[i][k] - max);
              }
              loss += max + Math.log(sum) - logits[i][p.targets()[i]];
            }
            assertNear(() -> "property 'logits = hidden W2^T + b2' for " + p, logits, f.logits(), VALUE);
            assertNear("property 'loss = mean over rows of logsumexp(logits) - logits[target]' for " + p,
                loss / p.n(), f.loss(), VALUE);
          });
    }

    @Test
    void the_softmax_gradient_sums_to_zero_over_the_classes() {
      Props.check("db2 sums to 0, and every column of dW2 sums to 0 (softmax minus one-hot sums to 0)", EXAMPLES,
          MlpBackpropGens.problems(), p -> {
            MlpBackpropApi.Gradients g = backward(forward(p), p.toString());
            assertThat(g.db2()).as("db2 of %s", p).hasSize(p.c());
            double sum = Arrays.stream(g.db2()).sum();
            assertNear("property 'sum of db2 = 0' for " + p, 0, sum, IDENTITY);
            for (int j = 0; j < p.h(); j++) {
              double column = 0;
              for (int k = 0; k < p.c(); k++) {
                column += g.dW2()[k][j];
              }
              assertNear("property 'column " + j + " of dW2 sums to 0' for " + p, 0, column, IDENTITY);
            }
          });
    }

    @Test
    void adding_a_constant_to_b2_changes_nothing() {
      Props.check("b2 + 5 gives the same loss and gradients (softmax is shift invariant)", EXAMPLES,
          MlpBackpropGens.problems(), p -> {
            double[] shifted = p.b2().clone();
            for (int k = 0; k < shifted.length; k++) {
              shifted[k] += 5;
            }
            MlpBackpropApi.Forward a = forward(p);
            MlpBackpropApi.Forward b = KATA.forward(p.x(), p.targets(), p.w1(), p.b1(), p.w2(), shifted);
            assertThat(b).as("forward of %s with b2 + 5", p).isNotNull();
            assertNear("property 'loss(b2 + 5) = loss(b2)' for " + p, a.loss(), b.loss(), VALUE);
            MlpBackpropApi.Gradients ga = backward(a, p.toString());
            MlpBackpropApi.Gradients gb = backward(b, p + " with b2 + 5");
            assertNear(() -> "property 'dW1(b2 + 5) = dW1(b2)' for " + p, ga.dW1(), gb.dW1(), GRADIENT);
            assertNear(() -> "property 'db2(b2 + 5) = db2(b2)' for " + p, ga.db2(), gb.db2(), GRADIENT);
          });
    }

    @Test
    void the_loss_is_the_mean_over_the_batch() {
      Props.check("loss of the batch = (loss of the first row + (N - 1) * loss of the other rows) / N", EXAMPLES,
          MlpBackpropGens.problems(), p -> {
            if (p.n() < 2) {
              return;
            }
            double all = forward(p).loss();
            double[][] rest = Arrays.copyOfRange(p.x(), 1, p.n());
            int[] restTargets = Arrays.copyOfRange(p.targets(), 1, p.n());
            MlpBackpropApi.Forward first = KATA.forward(new double[][] {p.x()[0]}, new int[] {p.targets()[0]},
                p.w1(), p.b1(), p.w2(), p.b2());
            MlpBackpropApi.Forward others = KATA.forward(rest, restTargets, p.w1(), p.b1(), p.w2(), p.b2());
            assertThat(first).as("forward of the first row of %s", p).isNotNull();
            assertThat(others).as("forward of the other rows of %s", p).isNotNull();
            assertNear("property 'the loss is a mean over rows' for " + p,
                (first.loss() + (p.n() - 1) * others.loss()) / p.n(), all, VALUE);
          });
    }
  }

  @Nested
  @DisplayName("gradients against central finite differences")
  final class FiniteDifferences {
    @Test
    void dW2_and_db2_match_finite_differences() {
      Props.check("dW2 and db2 match central differences of the loss", GRADIENT_EXAMPLES,
          MlpBackpropGens.smoothProblems(), p -> {
            MlpBackpropApi.Gradients g = backward(forward(p), p.toString());
            assertGradientMatches("dW2 for " + p,
                w -> loss(p.x(), p.targets(), p.w1(), p.b1(), unflatten(w, p.c(), p.h()), p.b2()), flatten(p.w2()),
                flatten(g.dW2()), FD_STEP, FD_TOLERANCE);
            assertGradientMatches("db2 for " + p, b -> loss(p.x(), p.targets(), p.w1(), p.b1(), p.w2(), b), p.b2(),
                g.db2(), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void dW1_and_db1_match_finite_differences() {
      Props.check("dW1 and db1 match central differences of the loss", GRADIENT_EXAMPLES,
          MlpBackpropGens.smoothProblems(), p -> {
            MlpBackpropApi.Gradients g = backward(forward(p), p.toString());
            assertGradientMatches("dW1 for " + p,
                w -> loss(p.x(), p.targets(), unflatten(w, p.h(), p.d()), p.b1(), p.w2(), p.b2()), flatten(p.w1()),
                flatten(g.dW1()), FD_STEP, FD_TOLERANCE);
            assertGradientMatches("db1 for " + p, b -> loss(p.x(), p.targets(), p.w1(), b, p.w2(), p.b2()), p.b1(),
                g.db1(), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void dx_matches_finite_differences() {
      Props.check("dx matches central differences of the loss", GRADIENT_EXAMPLES, MlpBackpropGens.smoothProblems(),
          p -> {
            MlpBackpropApi.Gradients g = backward(forward(p), p.toString());
            Function<double[], Double> f = x -> loss(unflatten(x, p.n(), p.d()), p.targets(), p.w1(), p.b1(), p.w2(),
                p.b2());
            assertGradientMatches("dx for " + p, f, flatten(p.x()), flatten(g.dx()), FD_STEP, FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference_on_random_inputs() {
      Props.check("forward and backward agree with the reference solution", EXAMPLES, MlpBackpropGens.problems(),
          p -> {
            MlpBackpropApi.Forward mine = forward(p);
            MlpBackpropApi.Forward ref = REFERENCE.forward(p.x(), p.targets(), p.w1(), p.b1(), p.w2(), p.b2());
            assertNear(() -> "logits, reference vs yours, for " + p, ref.logits(), mine.logits(), VALUE);
            assertNear("loss, reference vs yours, for " + p, ref.loss(), mine.loss(), VALUE);
            MlpBackpropApi.Gradients g = backward(mine, p.toString());
            MlpBackpropApi.Gradients e = REFERENCE.backward(ref.cache());
            assertNear(() -> "dW1, reference vs yours, for " + p, e.dW1(), g.dW1(), GRADIENT);
            assertNear(() -> "db1, reference vs yours, for " + p, e.db1(), g.db1(), GRADIENT);
            assertNear(() -> "dW2, reference vs yours, for " + p, e.dW2(), g.dW2(), GRADIENT);
            assertNear(() -> "db2, reference vs yours, for " + p, e.db2(), g.db2(), GRADIENT);
            assertNear(() -> "dx, reference vs yours, for " + p, e.dx(), g.dx(), GRADIENT);
          });
    }
  }

  // ---- helpers ----

  static MlpBackpropApi.Forward statementForward() {
    MlpBackpropApi.Forward f = KATA.forward(X, new int[] {1}, W1, new double[2], W2, new double[2]);
    assertThat(f).as("forward of the statement example").isNotNull();
    return f;
  }

  static MlpBackpropApi.Forward forward(Problem p) {
    MlpBackpropApi.Forward f = KATA.forward(p.x(), p.targets(), p.w1(), p.b1(), p.w2(), p.b2());
    assertThat(f).as("forward of %s", p).isNotNull();
    return f;
  }

  static MlpBackpropApi.Gradients backward(MlpBackpropApi.Forward f, String what) {
    MlpBackpropApi.Gradients g = KATA.backward(f.cache());
    assertThat(g).as("backward of %s", what).isNotNull();
    return g;
  }

  /** The learner's loss at the given arguments, for finite differences. */
  static double loss(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2, double[] b2) {
    MlpBackpropApi.Forward f = KATA.forward(x, targets, w1, b1, w2, b2);
    assertThat(f).as("forward for a finite difference").isNotNull();
    return f.loss();
  }
}

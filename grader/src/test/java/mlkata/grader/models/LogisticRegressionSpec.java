package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.models.LogisticRegressionApi.Gradient;
import mlkata.grader.models.LogisticRegressionApi.Training;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code models/logistic-regression}.
 *
 * <p>Tolerances, mixed absolute/relative: {@link #LOSS} for losses, probabilities and gradients,
 * {@link #TRAJECTORY} for training runs, {@link #FD_TOLERANCE} for finite differences. Predicted
 * classes are compared exactly.
 */
@KataSpec
@DisplayName("models/logistic-regression: Logistic regression: loss, gradient, SGD")
final class LogisticRegressionSpec {
  /** Sums of at most 200 terms evaluated in another order than torch's: rounding of about 1e-14. */
  static final double LOSS = 1e-10;
  /**
   * Up to 150 SGD steps repeating the reference arithmetic in another order (torch included):
   * differences of 1e-16 per step; a wrong batch order or penalty moves the result by 1e-3 or more.
   */
  static final double TRAJECTORY = 1e-9;
  /** Central differences with step 1e-5 on a smooth loss: truncation 1e-10, rounding 1e-11. */
  static final double FD_STEP = 1e-5;
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 150;

  private static final LogisticRegressionApi KATA =
      Target.pick(new LogisticRegressionOfExercises(), new LogisticRegressionOfSolutions());
  private static final LogisticRegressionApi REFERENCE = new LogisticRegressionOfSolutions();

  private static final double[][] TWO_X = {{1}, {-1}};
  private static final int[] TWO_Y = {1, 0};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void sigmoid_of_simple_values() {
      assertThat(KATA.sigmoid(0)).as("sigmoid(0)").isEqualTo(0.5);
      assertNear("sigmoid(ln 3) = 1 / (1 + 1/3)", 0.75, KATA.sigmoid(Math.log(3)), LOSS);
      assertNear("sigmoid(-ln 3) = 1 / (1 + 3)", 0.25, KATA.sigmoid(-Math.log(3)), LOSS);
    }

    @Test
    void sigmoid_of_huge_logits_neither_overflows_nor_gives_nan() {
      // exp(800) overflows to Infinity: exp(-z) / (1 + exp(-z)) for z = -800 is Infinity / Infinity = NaN.
      assertThat(KATA.sigmoid(800)).as("sigmoid(800)").isEqualTo(1.0);
      assertThat(KATA.sigmoid(-800)).as("sigmoid(-800) (not NaN)").isEqualTo(0.0);
      assertThat(KATA.sigmoid(Double.POSITIVE_INFINITY)).as("sigmoid(+Infinity)").isEqualTo(1.0);
      assertThat(KATA.sigmoid(Double.NEGATIVE_INFINITY)).as("sigmoid(-Infinity)").isEqualTo(0.0);
    }

    @Test
    void sigmoid_of_a_large_negative_logit_keeps_its_relative_precision() {
      // sigmoid(-40) = exp(-40) / (1 + exp(-40)) = 4.248354255291589e-18; 1 - sigmoid(40) gives 0.
      double expected = Math.exp(-40) / (1 + Math.exp(-40));
      assertThat(KATA.sigmoid(-40)).as("sigmoid(-40), relative error").isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void the_statement_loss_and_gradient() {
      // p = 1/2 for both points: loss ln 2; dw = ((1/2 - 1) * 1 + (1/2 - 0) * -1) / 2 = -1/2; db = 0.
      assertNear("logLoss([[1], [-1]], [1, 0], [0], 0, 0) = ln 2", Math.log(2),
          KATA.logLoss(TWO_X, TWO_Y, new double[] {0}, 0, 0), LOSS);
      assertGradient("logLossGradient([[1], [-1]], [1, 0], [0], 0, 0): dw = (1/n) X^T (p - y)",
          KATA.logLossGradient(TWO_X, TWO_Y, new double[] {0}, 0, 0), new double[] {-0.5}, 0, LOSS);
    }

    @Test
    void the_penalty_is_lambda_over_two_times_the_squared_weights_and_skips_the_bias() {
      // w = 2, b = 3, lambda 0.5: logits 2 + 3 = 5 (y 1) and -2 + 3 = 1 (y 0).
      // Data term (softplus(-5) + softplus(1)) / 2, softplus(t) = log(1 + e^t).
      // Penalty 0.25 * 4 = 1 (not 0.25 * (4 + 9) with the bias, not 0.5 * 4 without the half).
      double data = (Math.log1p(Math.exp(-5)) + 1 + Math.log1p(Math.exp(-1))) / 2;
      assertNear("logLoss([[1], [-1]], [1, 0], [2], 3, lambda 0.5): data term + (0.5/2) * 2^2, bias unpenalised",
          data + 1, KATA.logLoss(TWO_X, TWO_Y, new double[] {2}, 3, 0.5), LOSS);
      // p = s(5), s(1): dw = ((s(5) - 1) * 1 + (s(1) - 0) * -1) / 2 + 0.5 * 2; db = ((s(5) - 1) + s(1)) / 2.
      double s5 = 1 / (1 + Math.exp(-5));
      double s1 = 1 / (1 + Math.exp(-1));
      assertGradient("logLossGradient([[1], [-1]], [1, 0], [2], 3, lambda 0.5): + lambda w, nothing on the bias",
          KATA.logLossGradient(TWO_X, TWO_Y, new double[] {2}, 3, 0.5), new double[] {((s5 - 1) - s1) / 2 + 1},
          ((s5 - 1) + s1) / 2, LOSS);
    }

    @Test
    void the_loss_of_logits_of_800_is_finite() {
      // -log sigmoid(-800) = 800 exactly in double; -log(1 - sigmoid(800)) too. log(0) would be infinite.
      double[][] x = {{1}};
      assertNear("logLoss, z = -800, y = 1", 800, KATA.logLoss(x, new int[] {1}, new double[] {-800}, 0, 0), LOSS);
      assertNear("logLoss, z = 800, y = 0", 800, KATA.logLoss(x, new int[] {0}, new double[] {800}, 0, 0), LOSS);
      assertNear("logLoss, z = 800, y = 1", 0, KATA.logLoss(x, new int[] {1}, new double[] {800}, 0, 0), LOSS);
      assertNear("logLoss, z = -800, y = 0", 0, KATA.logLoss(x, new int[] {0}, new double[] {-800}, 0, 0), LOSS);
      assertGradient("logLossGradient, z = -800, y = 1: p - y = -1", KATA.logLossGradient(x, new int[] {1},
          new double[] {-800}, 0, 0), new double[] {-1}, -1, LOSS);
      assertGradient("logLossGradient, z = 800, y = 1: p - y = 0", KATA.logLossGradient(x, new int[] {1},
          new double[] {800}, 0, 0), new double[] {0}, 0, LOSS);
    }

    @Test
    void a_logit_of_exactly_zero_predicts_class_zero() {
      double[][] x = {{1, 1}, {2, -1}, {0, 0}, {-1, 0}};
      // Logits with w = [1, 1], b = 0: 2, 1, 0, -1.
      assertThat(KATA.predict(x, new double[] {1, 1}, 0)).as("predict with logits [2, 1, 0, -1]: p > 0.5 is class 1")
          .containsExactly(1, 1, 0, 0);
      assertNear(() -> "predictProba with logits [2, 1, 0, -1]",
          new double[] {1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(-1)), 0.5, 1 / (1 + Math.exp(1))},
          KATA.predictProba(x, new double[] {1, 1}, 0), LOSS);
      assertThat(KATA.predict(new double[0][], new double[] {1}, 0)).as("predict of no rows").isEmpty();
    }

    @Test
    void one_full_batch_epoch_is_one_gradient_step() {
      // Gradient at zero: dw = -1/2, db = 0. Learning rate 1: w = 1/2, b = 0; loss softplus(-1/2).
      Training t = KATA.train(TWO_X, TWO_Y, 0, 2, 1, 1, new Random(5));
      assertTraining("train([[1], [-1]], [1, 0], lambda 0, batch 2, 1 epoch, lr 1)", t, new double[] {0.5}, 0,
          new double[] {Math.log1p(Math.exp(-0.5))}, LOSS);
    }

    @Test
    void each_batch_step_adds_the_whole_penalty_gradient() {
      // Batch 1, lambda 0.5, lr 1; nextInt(2) = 1 keeps the order [0, 1].
      // Sample 0 at w 0, b 0: p 1/2, r = -1/2: dw = -1/2 + 0.5 * 0, db = -1/2: w 1/2, b 1/2.
      // Sample 1 (x -1): z = -1/2 + 1/2 = 0, p 1/2, r = 1/2: dw = -1/2 + 0.5 * 1/2 = -1/4, db = 1/2: w 3/4, b 0.
      ScriptedDraws rng = ScriptedDraws.nextInts(1);
      Training t = KATA.train(TWO_X, TWO_Y, 0.5, 1, 1, 1, rng);
      assertThat(rng.bounds).as("bounds passed to rng.nextInt by one epoch over 2 samples").containsExactly(2);
      double loss = Math.log1p(Math.exp(-0.75)) + 0.25 * 0.75 * 0.75;
      assertTraining("train([[1], [-1]], [1, 0], lambda 0.5, batch 1, lr 1), order [0, 1]", t, new double[] {0.75},
          0, new double[] {loss}, LOSS);
    }

    @Test
    void the_batch_order_comes_from_next_int_from_the_top_index_down() {
      // One epoch over 3 samples draws nextInt(3), then nextInt(2), and nothing else.
      ScriptedDraws rng = ScriptedDraws.nextInts(0, 0, 0);
      Training t = KATA.train(new double[][] {{1}, {2}, {-1}}, new int[] {1, 1, 0}, 0, 3, 1, 0.1, rng);
      assertThat(rng.bounds).as("bounds passed to rng.nextInt by one epoch over 3 samples").containsExactly(3, 2);
      assertThat(t).as("train over 3 samples").isNotNull();
    }

    @Test
    void zero_epochs_return_zeros() {
      Training t = KATA.train(TWO_X, TWO_Y, 0.1, 1, 0, 0.5, ScriptedDraws.nextInts());
      assertTraining("train with 0 epochs", t, new double[] {0}, 0, new double[0], 0);
    }

    @Test
    void inputs_are_not_modified() {
      double[][] x = {{1, 2}, {0, 1}, {3, -1}, {2, 2}};
      int[] y = {1, 0, 1, 0};
      double[][] xCopy = Tensors.deepCopy(x);
      double[] w = {0.5, -1};
      KATA.logLoss(x, y, w, 1, 0.1);
      KATA.logLossGradient(x, y, w, 1, 0.1);
      KATA.predictProba(x, w, 1);
      KATA.predict(x, w, 1);
      KATA.train(x, y, 0.1, 3, 2, 0.1, new Random(3));
      assertThat(x).as("x after every method").isDeepEqualTo(xCopy);
      assertThat(y).as("y after every method").containsExactly(1, 0, 1, 0);
      assertThat(w).as("weights after every method").containsExactly(0.5, -1);
    }
  }

  @Nested
  @DisplayName("golden cases from torch and scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/logistic-regression");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_library(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      double[][] x = in.matrix("x");
      int[] y = in.ints("y");
      double lambda = in.number("lambda");
      String what = "golden '" + c.name() + "' vs " + c.library();
      if (c.name().startsWith("loss:")) {
        double[] w = in.doubles("weights");
        double b = in.number("bias");
        assertNear(what + ": logLoss (torch BCE with logits + lambda/2 ||w||^2)", out.number("loss"),
            KATA.logLoss(x, y, w, b, lambda), LOSS);
        assertGradient(what + ": logLossGradient (torch autograd)", KATA.logLossGradient(x, y, w, b, lambda),
            out.doubles("grad_weights"), out.number("grad_bias"), LOSS);
        assertNear(() -> what + ": predictProba (torch.sigmoid)", out.doubles("probabilities"),
            KATA.predictProba(x, w, b), LOSS);
        assertThat(KATA.predict(x, w, b)).as("%s: predict", what).containsExactly(out.ints("predictions"));
      } else {
        Training t = KATA.train(x, y, lambda, (int) in.integer("batch_size"), (int) in.integer("epochs"),
            in.number("learning_rate"), new Random(in.integer("seed")));
        assertTraining(what + " (torch.optim.SGD re-run with java.util.Random(" + in.integer("seed")
            + ") batch orders)", t, out.doubles("weights"), out.number("bias"), out.doubles("losses"), TRAJECTORY);
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void sigmoid_rejects_nan() {
      assertRejects("sigmoid(NaN)", "z", () -> KATA.sigmoid(Double.NaN));
    }

    @Test
    void bad_labels_shapes_and_lambda_are_rejected() {
      double[] w = {1};
      assertRejects("logLoss with label 2", "y", () -> KATA.logLoss(TWO_X, new int[] {1, 2}, w, 0, 0));
      assertRejects("logLossGradient with label -1", "y",
          () -> KATA.logLossGradient(TWO_X, new int[] {-1, 0}, w, 0, 0));
      assertRejects("logLoss with 2 rows and 3 labels", "y", () -> KATA.logLoss(TWO_X, new int[] {1, 0, 1}, w, 0, 0));
      assertRejects("logLoss with no rows", "x", () -> KATA.logLoss(new double[0][], new int[0], w, 0, 0));
      assertRejects("logLoss with lambda -0.1", "lambda", () -> KATA.logLoss(TWO_X, TWO_Y, w, 0, -0.1));
      assertRejects("logLossGradient with lambda NaN", "lambda",
          () -> KATA.logLossGradient(TWO_X, TWO_Y, w, 0, Double.NaN));
      assertRejects("logLoss with lambda Infinity", "lambda",
          () -> KATA.logLoss(TWO_X, TWO_Y, w, 0, Double.POSITIVE_INFINITY));
      assertRejects("logLoss with 2 weights for 1 feature", "weights",
          () -> KATA.logLoss(TWO_X, TWO_Y, new double[] {1, 2}, 0, 0));
      assertRejects("logLossGradient with an infinite weight", "weights",
          () -> KATA.logLossGradient(TWO_X, TWO_Y, new double[] {Double.POSITIVE_INFINITY}, 0, 0));
      assertRejects("predictProba with a NaN bias", "bias", () -> KATA.predictProba(TWO_X, w, Double.NaN));
      assertRejects("predict with a NaN feature", "x",
          () -> KATA.predict(new double[][] {{1}, {Double.NaN}}, w, 0));
      assertRejects("predictProba with a ragged x", "x",
          () -> KATA.predictProba(new double[][] {{1}, {1, 2}}, w, 0));
      assertNullRejected("logLoss(null, ...)", () -> KATA.logLoss(null, TWO_Y, w, 0, 0));
    }

    @Test
    void train_rejects_bad_settings() {
      assertRejects("train with batchSize 0", "batchSize", () -> KATA.train(TWO_X, TWO_Y, 0, 0, 1, 0.1, new Random(1)));
      assertRejects("train with batchSize 3 for 2 samples", "batchSize",
          () -> KATA.train(TWO_X, TWO_Y, 0, 3, 1, 0.1, new Random(1)));
      assertRejects("train with epochs -1", "epochs", () -> KATA.train(TWO_X, TWO_Y, 0, 1, -1, 0.1, new Random(1)));
      assertRejects("train with learningRate 0", "learningRate",
          () -> KATA.train(TWO_X, TWO_Y, 0, 1, 1, 0, new Random(1)));
      assertRejects("train with learningRate Infinity", "learningRate",
          () -> KATA.train(TWO_X, TWO_Y, 0, 1, 1, Double.POSITIVE_INFINITY, new Random(1)));
      assertRejects("train with lambda -1", "lambda", () -> KATA.train(TWO_X, TWO_Y, -1, 1, 1, 0.1, new Random(1)));
      assertRejects("train with lambda -1 and 0 epochs", "lambda",
          () -> KATA.train(TWO_X, TWO_Y, -1, 1, 0, 0.1, new Random(1)));
      assertRejects("train with label 3", "y", () -> KATA.train(TWO_X, new int[] {3, 0}, 0, 1, 1, 0.1, new Random(1)));
      assertNullRejected("train with a null rng", () -> KATA.train(TWO_X, TWO_Y, 0, 1, 1, 0.1, null));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void sigmoid_is_symmetric_and_between_zero_and_one() {
      Props.check("sigmoid(-z) = 1 - sigmoid(z), within [0, 1]", EXAMPLES, Gens.simpleDoubles(-900, 900, 20), z -> {
        double s = KATA.sigmoid(z);
        assertThat(s).as("sigmoid(%s) is in [0, 1]", z).isBetween(0.0, 1.0);
        assertNear("property 'sigmoid(-z) = 1 - sigmoid(z)' at z = " + z, 1 - s, KATA.sigmoid(-z), 1e-15);
      });
    }

    @Test
    void the_loss_is_finite_for_any_finite_logits() {
      Props.check("logLoss and its gradient are finite for logits up to 1000", EXAMPLES, problems(1000), p -> {
        double loss = KATA.logLoss(p.x(), p.y(), p.w(), p.b(), p.lambda());
        assertThat(Double.isFinite(loss)).as("logLoss of %s is finite (got %s)", p, loss).isTrue();
        assertNear("logLoss of " + p + " vs the reference", REFERENCE.logLoss(p.x(), p.y(), p.w(), p.b(), p.lambda()),
            loss, LOSS);
      });
    }
  }

  @Nested
  @DisplayName("finite differences")
  final class GradientChecks {
    @Test
    void the_gradient_matches_central_differences() {
      Props.check("logLossGradient matches central differences of logLoss", EXAMPLES, problems(3), p -> {
        int d = p.w().length;
        double[] theta = Arrays.copyOf(p.w(), d + 1);
        theta[d] = p.b();
        Gradient g = KATA.logLossGradient(p.x(), p.y(), p.w(), p.b(), p.lambda());
        assertThat(g).as("logLossGradient of %s", p).isNotNull();
        double[] analytic = Arrays.copyOf(g.weights(), d + 1);
        analytic[d] = g.bias();
        assertGradientMatches("logLossGradient (weights, then bias) for " + p,
            t -> REFERENCE.logLoss(p.x(), p.y(), Arrays.copyOf(t, d), t[d], p.lambda()), theta, analytic, FD_STEP,
            FD_TOLERANCE);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void training_matches_the_reference() {
      Props.check("train agrees with the reference", EXAMPLES, problems(3).zip(integers().between(1, 1000),
          (p, seed) -> new Object[] {p, seed}), a -> {
            Problem p = (Problem) a[0];
            int seed = (Integer) a[1];
            int batch = 1 + seed % p.x().length;
            Training e = REFERENCE.train(p.x(), p.y(), p.lambda(), batch, 3, 0.1, new Random(seed));
            assertTraining("train(lambda " + p.lambda() + ", batch " + batch + ", 3 epochs, lr 0.1, Random(" + seed
                + ")), reference vs yours, for " + p, KATA.train(p.x(), p.y(), p.lambda(), batch, 3, 0.1,
                new Random(seed)), e.weights(), e.bias(), e.losses(), TRAJECTORY);
          });
    }

    @Test
    void probabilities_and_predictions_match_the_reference() {
      Props.check("predictProba and predict agree with the reference", EXAMPLES, problems(50), p -> {
        assertNear(() -> "predictProba, reference vs yours, for " + p, REFERENCE.predictProba(p.x(), p.w(), p.b()),
            KATA.predictProba(p.x(), p.w(), p.b()), LOSS);
        assertThat(KATA.predict(p.x(), p.w(), p.b())).as("predict, reference vs yours, for %s", p)
            .containsExactly(REFERENCE.predict(p.x(), p.w(), p.b()));
      });
    }
  }

  /** A labelled data set with parameters and a penalty. */
  record Problem(double[][] x, int[] y, double[] w, double b, double lambda) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", y=" + Arrays.toString(y) + ", w=" + Arrays.toString(w) + ", b=" + b
          + ", lambda=" + lambda;
    }
  }

  /** Features in [-3, 3], labels 0/1, weights and bias in [-scale, scale], lambda in [0, 2]. */
  static Gen<Problem> problems(double scale) {
    return integers().between(1, 10).zip(integers().between(1, 4), (n, d) -> new int[] {n, d})
        .flatMap(s -> Gens.matrices(s[0], s[1] + 1, -3, 3)
            .zip(Gens.vectors(s[1] + 1, -scale, scale), Gens.simpleDoubles(0, 2, 30), (m, wb, lambda) -> {
              double[][] x = new double[s[0]][s[1]];
              int[] y = new int[s[0]];
              for (int i = 0; i < s[0]; i++) {
                System.arraycopy(m.values()[i], 0, x[i], 0, s[1]);
                y[i] = m.values()[i][s[1]] > 0 ? 1 : 0;
              }
              return new Problem(x, y, Arrays.copyOf(wb.values(), s[1]), wb.values()[s[1]], lambda);
            }));
  }

  static void assertGradient(String what, Gradient actual, double[] weights, double bias, double tol) {
    assertThat(actual).as(what).isNotNull();
    assertNear(() -> what + ": weights", weights, actual.weights(), tol);
    assertNear(what + ": bias", bias, actual.bias(), tol);
  }

  static void assertTraining(String what, Training actual, double[] weights, double bias, double[] losses,
      double tol) {
    assertThat(actual).as(what).isNotNull();
    assertNear(() -> what + ": weights", weights, actual.weights(), tol);
    assertNear(what + ": bias", bias, actual.bias(), tol);
    assertNear(() -> what + ": losses per epoch", losses, actual.losses(), tol);
  }
}

package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.models.LinearRegressionApi.Fit;
import mlkata.grader.models.LinearRegressionApi.Gradient;
import mlkata.grader.models.LinearRegressionApi.Training;
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
 * Grades {@code models/linear-regression}.
 *
 * <p>Tolerances, all mixed absolute/relative ({@code assertNear}): {@link #COEF} for fitted weights and
 * intercepts, {@link #LOSS} for losses and gradients, {@link #TRAJECTORY} for the end of a training
 * run, {@link #FD_TOLERANCE} for finite differences.
 */
@KataSpec
@DisplayName("models/linear-regression: Linear regression: normal equation and gradient descent")
final class LinearRegressionSpec {
  /**
   * A d x d solve (d <= 8) of a system whose condition number stays below about 1e8 in the goldens:
   * Cholesky, elimination and scikit-learn's solver agree to about 1e-16 times that; 1e-7 leaves room
   * while a wrong penalty or an unpenalised-intercept slip moves the answer by 1e-2 or more.
   */
  static final double COEF = 1e-7;
  /** A sum of at most a few hundred products, in another order than torch's: rounding of 1e-14. */
  static final double LOSS = 1e-10;
  /**
   * Up to 2,000 steps each repeating the reference's arithmetic in another summation order: the
   * differences of 1e-16 per step stay far below 1e-9, a wrong batch order moves the result by 1e-3.
   */
  static final double TRAJECTORY = 1e-9;
  /** Central differences of a quadratic are exact up to rounding: step 1e-4, rounding about 1e-12/1e-4. */
  static final double FD_STEP = 1e-4;
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 150;

  private static final LinearRegressionApi KATA =
      Target.pick(new LinearRegressionOfExercises(), new LinearRegressionOfSolutions());
  private static final LinearRegressionApi REFERENCE = new LinearRegressionOfSolutions();

  /** The statement's points, on y = 2x + 1. */
  private static final double[][] LINE_X = {{0}, {1}, {2}, {3}};
  private static final double[] LINE_Y = {1, 3, 5, 7};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void points_on_a_line_give_that_line() {
      assertFit("fitNormalEquation([[0], [1], [2], [3]], [1, 3, 5, 7], alpha 0): the points lie on y = 2x + 1",
          KATA.fitNormalEquation(LINE_X, LINE_Y, 0), new double[] {2}, 1);
    }

    @Test
    void two_features_and_an_intercept_solve_exactly() {
      // y = 1*x1 - 2*x2 + 3 at four points in general position.
      double[][] x = {{0, 0}, {1, 0}, {0, 1}, {2, 3}};
      double[] y = {3, 4, 1, -1};
      assertFit("fitNormalEquation of four points on y = x1 - 2 x2 + 3", KATA.fitNormalEquation(x, y, 0),
          new double[] {1, -2}, 3);
    }

    @Test
    void the_ridge_penalty_leaves_the_intercept_unpenalised() {
      // Centred: xbar 1.5, Xc^T Xc = 5, Xc^T yc = 10, so w = 10 / (5 + 2) and b = 4 - 1.5 w = 13/7.
      // With the intercept inside the penalty (a ones column, no centring) the system is
      // [[14 + 2, 6], [6, 4 + 2]] [w, b] = [34, 16]: w = 1.8, b = 13/15.
      // With alpha multiplied by n = 4 (a mean of squares): w = 10 / (5 + 8) = 10/13.
      Fit f = KATA.fitNormalEquation(LINE_X, LINE_Y, 2);
      diagnose("fitNormalEquation(line, alpha 2)", f, new double[] {1.8, 13.0 / 15},
          "the intercept inside the penalty; scikit-learn's Ridge centres the data and never penalises it");
      diagnose("fitNormalEquation(line, alpha 2)", f, new double[] {10.0 / 13, 4 - 1.5 * 10 / 13},
          "alpha multiplied by n; Ridge adds alpha ||w||^2 to the SUM of squared residuals, not their mean");
      assertFit("fitNormalEquation(line, alpha 2): w = Xc^T yc / (Xc^T Xc + alpha) = 10/7, b = ybar - xbar w = 13/7",
          f, new double[] {10.0 / 7}, 13.0 / 7);
    }

    @Test
    void alpha_multiplies_the_sum_of_squares_not_the_mean() {
      // Objective sum r^2 + alpha w^2: w = 10 / (5 + 8) with alpha 8. Taking the mean of the squares
      // (alpha * n in effect) would give 10 / (5 + 32).
      Fit f = KATA.fitNormalEquation(LINE_X, LINE_Y, 8);
      diagnose("fitNormalEquation(line, alpha 8)", f, new double[] {10.0 / 37, 4 - 1.5 * 10 / 37},
          "alpha multiplied by n; Ridge adds alpha ||w||^2 to the SUM of squared residuals, not their mean");
      assertFit("fitNormalEquation(line, alpha 8): w = Xc^T yc / (Xc^T Xc + alpha) = 10/13", f,
          new double[] {10.0 / 13}, 4 - 1.5 * 10 / 13);
    }

    @Test
    void the_mse_has_no_factor_one_half() {
      // Residuals at w = 0, b = 0: -1, -3, -5, -7; squares 1 + 9 + 25 + 49 = 84; mean 21.
      assertNear("mseLoss(line, w = [0], b = 0) = (1 + 9 + 25 + 49) / 4", 21,
          KATA.mseLoss(LINE_X, LINE_Y, new double[] {0}, 0), LOSS);
    }

    @Test
    void the_mse_gradient_is_two_over_n_times_x_transpose_residuals() {
      // dw = 2/4 (0*-1 + 1*-3 + 2*-5 + 3*-7) = -17; db = 2/4 (-1 - 3 - 5 - 7) = -8.
      Gradient g = KATA.mseGradient(LINE_X, LINE_Y, new double[] {0}, 0);
      assertThat(g).as("mseGradient(line, [0], 0)").isNotNull();
      assertNear(() -> "mseGradient(line, [0], 0).weights = 2/n X^T r", new double[] {-17}, g.weights(), LOSS);
      assertNear("mseGradient(line, [0], 0).intercept = 2/n sum r", -8, g.intercept(), LOSS);
    }

    @Test
    void predict_is_x_times_w_plus_b() {
      assertNear(() -> "predict([[1, 2], [0, 0], [-1, 3]], [2, -1], 0.5)", new double[] {0.5, 0.5, -4.5},
          KATA.predict(new double[][] {{1, 2}, {0, 0}, {-1, 3}}, new double[] {2, -1}, 0.5), LOSS);
      assertThat(KATA.predict(new double[0][], new double[] {1}, 2)).as("predict of no rows").isEmpty();
    }

    @Test
    void one_full_batch_epoch_is_one_gradient_step() {
      // Gradient at zero is (-17, -8): w = 1.7, b = 0.8 with learning rate 0.1. Residuals then
      // -0.2, -0.5, -0.8, -1.1: MSE (0.04 + 0.25 + 0.64 + 1.21) / 4 = 0.535.
      Training t = KATA.gradientDescent(LINE_X, LINE_Y, 4, 1, 0.1, new Random(1));
      assertTraining("gradientDescent(line, batchSize 4, 1 epoch, lr 0.1)", t, new double[] {1.7}, 0.8,
          new double[] {0.535}, LOSS);
    }

    @Test
    void each_epoch_shuffles_with_next_int_from_the_top_index_down() {
      // n = 2, batch 1. nextInt(2) = 0 swaps positions 1 and 0: order [1, 0].
      // Sample 1 (x 2, y 4): r = -4, dw = 2*2*-4 = -16, db = -8: w 1.6, b 0.8.
      // Sample 0 (x 1, y 2): r = 0.4, dw = 0.8, db = 0.8: w 1.52, b 0.72.
      // (In the order [0, 1] the intercept ends at 0.96 instead.)
      ScriptedDraws rng = ScriptedDraws.nextInts(0);
      Training t = KATA.gradientDescent(new double[][] {{1}, {2}}, new double[] {2, 4}, 1, 1, 0.1, rng);
      assertThat(rng.bounds).as("bounds passed to rng.nextInt by one epoch over 2 samples").containsExactly(2);
      double loss = (Math.pow(1.52 + 0.72 - 2, 2) + Math.pow(3.04 + 0.72 - 4, 2)) / 2;
      assertTraining("gradientDescent([[1], [2]], [2, 4], batch 1, lr 0.1) with nextInt(2) = 0 (order [1, 0])", t,
          new double[] {1.52}, 0.72, new double[] {loss}, LOSS);
    }

    @Test
    void the_last_short_batch_is_averaged_over_its_own_size() {
      // n = 3, batch 2, draws nextInt(3) = 2 and nextInt(2) = 1 swap nothing: batches {0, 1} and {2}.
      // Batch {0, 1} at 0: r = [-1, -1], dw = 2 (1*-1 + 2*-1) / 2 = -3, db = -2: w 0.3, b 0.2.
      // Batch {2}: r = 0.9 + 0.2 - 1 = 0.1, dw = 2*3*0.1 / 1 = 0.6, db = 0.2: w 0.24, b 0.18.
      // Dividing the short batch by batchSize (2) instead gives w 0.27, b 0.19.
      ScriptedDraws rng = ScriptedDraws.nextInts(2, 1);
      double[][] x = {{1}, {2}, {3}};
      Training t = KATA.gradientDescent(x, new double[] {1, 1, 1}, 2, 1, 0.1, rng);
      assertThat(rng.bounds).as("bounds passed to rng.nextInt by one epoch over 3 samples").containsExactly(3, 2);
      double loss = (Math.pow(0.42 - 1, 2) + Math.pow(0.66 - 1, 2) + Math.pow(0.90 - 1, 2)) / 3;
      assertTraining("gradientDescent([[1], [2], [3]], [1, 1, 1], batch 2, lr 0.1), order [0, 1, 2]", t,
          new double[] {0.24}, 0.18, new double[] {loss}, LOSS);
    }

    @Test
    void every_epoch_starts_its_shuffle_from_the_identity() {
      // Two epochs over n = 3: bounds 3, 2, 3, 2; the same scripted draws give the same order each epoch.
      ScriptedDraws rng = ScriptedDraws.nextInts(0, 0, 0, 0);
      Training t = KATA.gradientDescent(new double[][] {{1}, {2}, {3}}, new double[] {1, 2, 2}, 3, 2, 0.05, rng);
      assertThat(rng.bounds).as("bounds passed to rng.nextInt by two epochs over 3 samples")
          .containsExactly(3, 2, 3, 2);
      assertThat(t).as("gradientDescent over two epochs").isNotNull();
      assertThat(t.losses()).as("one loss per epoch").hasSize(2);
    }

    @Test
    void a_learning_rate_that_is_too_large_diverges_without_an_exception() {
      // Full batch on the line: the Hessian 2/n X^T X has its largest eigenvalue near 8.5, so lr 1 makes
      // every step overshoot further. The statement says the values are returned as computed.
      Training t = KATA.gradientDescent(LINE_X, LINE_Y, 4, 400, 1, new Random(1));
      assertThat(t).as("gradientDescent(line, lr 1, 400 epochs)").isNotNull();
      double last = t.losses()[399];
      assertThat(Double.isNaN(last) || last > 1e100)
          .as("the loss after 400 diverging epochs is huge, infinite or NaN (got %s)", last).isTrue();
    }

    @Test
    void zero_epochs_return_zeros() {
      Training t = KATA.gradientDescent(LINE_X, LINE_Y, 2, 0, 0.1, ScriptedDraws.nextInts());
      assertTraining("gradientDescent with 0 epochs", t, new double[] {0}, 0, new double[0], 0);
    }

    @Test
    void inputs_are_not_modified() {
      double[][] x = {{1, 2}, {0, 1}, {3, -1}, {2, 2}};
      double[] y = {1, 2, 3, 4};
      double[][] xCopy = Tensors.deepCopy(x);
      double[] w = {0.5, -1};
      KATA.fitNormalEquation(x, y, 0.5);
      KATA.mseLoss(x, y, w, 1);
      KATA.mseGradient(x, y, w, 1);
      KATA.predict(x, w, 1);
      KATA.gradientDescent(x, y, 3, 2, 0.01, new Random(3));
      assertThat(x).as("x after every method").isDeepEqualTo(xCopy);
      assertThat(y).as("y after every method").containsExactly(1, 2, 3, 4);
      assertThat(w).as("weights after every method").containsExactly(0.5, -1);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn, torch and numpy")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/linear-regression");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_library(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      double[][] x = in.matrix("x");
      double[] y = in.doubles("y");
      String what = "golden '" + c.name() + "' vs " + c.library();
      switch (c.name().substring(0, c.name().indexOf(':'))) {
        case "normal equation" -> {
          Fit f = KATA.fitNormalEquation(x, y, in.number("alpha"));
          assertFit(what + " (Ridge / LinearRegression)", f, out.doubles("weights"), out.number("intercept"));
          assertNear(() -> what + ": predict with the fitted parameters", out.doubles("predictions"),
              KATA.predict(x, f.weights(), f.intercept()), COEF);
          assertNear(what + ": mseLoss at the fit", out.number("mse"), KATA.mseLoss(x, y, f.weights(), f.intercept()),
              COEF);
        }
        case "mse" -> {
          double[] w = in.doubles("weights");
          double b = in.number("intercept");
          assertNear(what + ": mseLoss (torch mse_loss)", out.number("loss"), KATA.mseLoss(x, y, w, b), LOSS);
          Gradient g = KATA.mseGradient(x, y, w, b);
          assertThat(g).as(what + ": mseGradient").isNotNull();
          assertNear(() -> what + ": mseGradient weights (torch autograd)", out.doubles("grad_weights"), g.weights(),
              LOSS);
          assertNear(what + ": mseGradient intercept (torch autograd)", out.number("grad_intercept"), g.intercept(),
              LOSS);
        }
        default -> {
          Training t = KATA.gradientDescent(x, y, (int) in.integer("batch_size"), (int) in.integer("epochs"),
              in.number("learning_rate"), new Random(in.integer("seed")));
          assertTraining(what + " (numpy re-run with java.util.Random(" + in.integer("seed") + ") batch orders)", t,
              out.doubles("weights"), out.number("intercept"), out.doubles("losses"), TRAJECTORY);
        }
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void a_singular_system_without_penalty_is_rejected() {
      assertRejects("fitNormalEquation with a constant feature, alpha 0", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1, 2}, {2, 2}, {3, 2}}, new double[] {1, 2, 3}, 0));
      assertRejects("fitNormalEquation with a repeated feature, alpha 0", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1, 1}, {2, 2}, {4, 4}}, new double[] {1, 2, 3}, 0));
      assertRejects("fitNormalEquation with one sample, alpha 0", "x",
          () -> KATA.fitNormalEquation(new double[][] {{3}}, new double[] {1}, 0));
      assertRejects("fitNormalEquation with 2 samples and 3 features, alpha 0", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1, 0, 2}, {0, 1, 5}}, new double[] {1, 2}, 0));
    }

    @Test
    void singularity_is_judged_relative_to_the_scale_of_the_data() {
      // Columns x and 7x with x in the tens of thousands: rounding leaves a pivot of about 6e-5 instead
      // of 0, tiny next to the largest diagonal entry (about 3e11) but far above any fixed absolute threshold.
      assertRejects("fitNormalEquation with columns x and 7x, x = 1e4, 3e4, 1.1e5, 6e4, alpha 0", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1e4, 7e4}, {3e4, 2.1e5}, {1.1e5, 7.7e5}, {6e4, 4.2e5}},
              new double[] {1, 2, 3, 4}, 0));
    }

    @Test
    void the_same_systems_with_a_penalty_are_solved() {
      // Constant feature: its centred column is 0, so its weight is 0 for any alpha > 0.
      Fit f = KATA.fitNormalEquation(new double[][] {{1, 2}, {2, 2}, {3, 2}}, new double[] {1, 2, 3}, 1);
      // Feature 1: Xc^T Xc = 2, Xc^T yc = 2: w = 2 / 3; b = 2 - 2 * 2/3.
      assertFit("fitNormalEquation with a constant feature, alpha 1", f, new double[] {2.0 / 3, 0}, 2 - 4.0 / 3);
      // Repeated feature: symmetric, each weight (7 - ... ) solved from [[a+1, a], [a, a+1]] w = [c, c].
      Fit g = KATA.fitNormalEquation(new double[][] {{1, 1}, {2, 2}, {4, 4}}, new double[] {1, 2, 3}, 1);
      // Xc: [-4/3, -1/3, 5/3]: a = (16 + 1 + 25)/9 = 14/3; c = (4/3 + 0 + 5/3) = 3: w = c / (2a + 1) each.
      double each = 3 / (2 * 14.0 / 3 + 1);
      assertFit("fitNormalEquation with a repeated feature, alpha 1", g, new double[] {each, each},
          2 - 2 * each * 7.0 / 3);
    }

    @Test
    void bad_alpha_and_shapes_are_rejected() {
      assertRejects("fitNormalEquation with alpha -1", "alpha", () -> KATA.fitNormalEquation(LINE_X, LINE_Y, -1));
      assertRejects("fitNormalEquation with alpha NaN", "alpha",
          () -> KATA.fitNormalEquation(LINE_X, LINE_Y, Double.NaN));
      assertRejects("fitNormalEquation with alpha Infinity", "alpha",
          () -> KATA.fitNormalEquation(LINE_X, LINE_Y, Double.POSITIVE_INFINITY));
      assertRejects("fitNormalEquation with 4 rows and 3 targets", "y",
          () -> KATA.fitNormalEquation(LINE_X, new double[] {1, 2, 3}, 1));
      assertRejects("fitNormalEquation with no rows", "x",
          () -> KATA.fitNormalEquation(new double[0][], new double[0], 1));
      assertRejects("fitNormalEquation with a ragged x", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, 1));
      assertRejects("fitNormalEquation with a NaN feature", "x",
          () -> KATA.fitNormalEquation(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}, 1));
      assertRejects("fitNormalEquation with an infinite target", "y",
          () -> KATA.fitNormalEquation(LINE_X, new double[] {1, 2, Double.POSITIVE_INFINITY, 4}, 1));
      assertNullRejected("fitNormalEquation(null, y, 1)", () -> KATA.fitNormalEquation(null, LINE_Y, 1));
    }

    @Test
    void loss_gradient_and_predict_reject_bad_parameters() {
      assertRejects("mseLoss with 2 weights for 1 feature", "weights",
          () -> KATA.mseLoss(LINE_X, LINE_Y, new double[] {1, 2}, 0));
      assertRejects("mseGradient with a NaN weight", "weights",
          () -> KATA.mseGradient(LINE_X, LINE_Y, new double[] {Double.NaN}, 0));
      assertRejects("mseGradient with an infinite intercept", "intercept",
          () -> KATA.mseGradient(LINE_X, LINE_Y, new double[] {1}, Double.NEGATIVE_INFINITY));
      assertRejects("mseLoss with 3 targets for 4 rows", "y",
          () -> KATA.mseLoss(LINE_X, new double[] {1, 2, 3}, new double[] {1}, 0));
      assertRejects("predict with 2 weights for 1 feature", "weights",
          () -> KATA.predict(LINE_X, new double[] {1, 2}, 0));
      assertRejects("predict with a NaN intercept", "intercept",
          () -> KATA.predict(LINE_X, new double[] {1}, Double.NaN));
      assertRejects("predict with an infinite feature", "x",
          () -> KATA.predict(new double[][] {{1}, {Double.POSITIVE_INFINITY}}, new double[] {1}, 0));
      assertRejects("mseLoss with a NaN feature", "x",
          () -> KATA.mseLoss(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}, new double[] {1}, 0));
      assertNullRejected("mseGradient(x, y, null, 0)", () -> KATA.mseGradient(LINE_X, LINE_Y, null, 0));
    }

    @Test
    void gradient_descent_rejects_bad_settings() {
      assertRejects("gradientDescent with batchSize 0", "batchSize",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 0, 1, 0.1, new Random(1)));
      assertRejects("gradientDescent with batchSize 5 for 4 samples", "batchSize",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 5, 1, 0.1, new Random(1)));
      assertRejects("gradientDescent with epochs -1", "epochs",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 2, -1, 0.1, new Random(1)));
      assertRejects("gradientDescent with learningRate 0", "learningRate",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 2, 1, 0, new Random(1)));
      assertRejects("gradientDescent with learningRate NaN", "learningRate",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 2, 1, Double.NaN, new Random(1)));
      assertRejects("gradientDescent with learningRate Infinity", "learningRate",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 2, 1, Double.POSITIVE_INFINITY, new Random(1)));
      assertNullRejected("gradientDescent with a null rng",
          () -> KATA.gradientDescent(LINE_X, LINE_Y, 2, 1, 0.1, null));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_ridge_solution_zeroes_the_gradient_of_its_objective() {
      Props.check("X^T r + alpha w = 0 and sum r = 0 at the ridge solution", EXAMPLES, problems(), p -> {
        Fit f = KATA.fitNormalEquation(p.x(), p.y(), p.alpha());
        assertThat(f).as("fitNormalEquation of %s", p).isNotNull();
        double[] r = residuals(p.x(), p.y(), f.weights(), f.intercept());
        double sum = Arrays.stream(r).sum();
        double scale = Tensors.scale(p.y()) * Tensors.scale(Tensors.flatten(p.x())) * p.x().length;
        assertNear("property 'sum of residuals = 0 (the intercept is fitted, unpenalised)' for " + p, 0,
            sum / scale, COEF);
        for (int j = 0; j < f.weights().length; j++) {
          double s = p.alpha() * f.weights()[j];
          for (int i = 0; i < r.length; i++) {
            s += p.x()[i][j] * r[i];
          }
          assertNear("property 'X^T r + alpha w = 0', feature " + j + ", for " + p, 0, s / scale, COEF);
        }
      });
    }
  }

  @Nested
  @DisplayName("finite differences")
  final class GradientChecks {
    @Test
    void the_mse_gradient_matches_central_differences() {
      Props.check("mseGradient matches central differences of mseLoss", EXAMPLES, problems(), p -> {
        int d = p.x()[0].length;
        double[] theta = new double[d + 1];
        for (int j = 0; j <= d; j++) {
          theta[j] = 0.3 * (j + 1) - 0.5;
        }
        Gradient g = KATA.mseGradient(p.x(), p.y(), Arrays.copyOf(theta, d), theta[d]);
        assertThat(g).as("mseGradient of %s", p).isNotNull();
        double[] analytic = Arrays.copyOf(g.weights(), d + 1);
        analytic[d] = g.intercept();
        assertGradientMatches("mseGradient (weights, then intercept) for " + p,
            t -> REFERENCE.mseLoss(p.x(), p.y(), Arrays.copyOf(t, d), t[d]), theta, analytic, FD_STEP, FD_TOLERANCE);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_fit_matches_the_reference() {
      Props.check("fitNormalEquation agrees with the reference", EXAMPLES, problems(), p -> {
        Fit e = REFERENCE.fitNormalEquation(p.x(), p.y(), p.alpha());
        assertFit("fitNormalEquation, reference vs yours, for " + p, KATA.fitNormalEquation(p.x(), p.y(), p.alpha()),
            e.weights(), e.intercept());
      });
    }

    @Test
    void gradient_descent_matches_the_reference() {
      Props.check("gradientDescent agrees with the reference", EXAMPLES, problems().zip(integers().between(1, 1000),
          (p, seed) -> new Object[] {p, seed}).map(a -> (Object[]) a), a -> {
            Problem p = (Problem) a[0];
            int seed = (Integer) a[1];
            int n = p.x().length;
            int batch = 1 + seed % n;
            Training e = REFERENCE.gradientDescent(p.x(), p.y(), batch, 3, 0.01, new Random(seed));
            assertTraining("gradientDescent(batch " + batch + ", 3 epochs, lr 0.01, Random(" + seed + ")), reference vs "
                + "yours, for " + p, KATA.gradientDescent(p.x(), p.y(), batch, 3, 0.01, new Random(seed)),
                e.weights(), e.intercept(), e.losses(), TRAJECTORY);
          });
    }
  }

  /** A regression problem with a positive ridge penalty, so the system is always regular. */
  record Problem(double[][] x, double[] y, double alpha) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", y=" + Arrays.toString(y) + ", alpha=" + alpha;
    }
  }

  static Gen<Problem> problems() {
    return integers().between(1, 10).zip(integers().between(1, 4), (n, d) -> new int[] {n, d})
        .flatMap(s -> Gens.matrices(s[0], s[1] + 1, -3, 3).zip(Gens.simpleDoubles(0.1, 5, 30), (m, alpha) -> {
          double[][] x = new double[s[0]][s[1]];
          double[] y = new double[s[0]];
          for (int i = 0; i < s[0]; i++) {
            System.arraycopy(m.values()[i], 0, x[i], 0, s[1]);
            y[i] = m.values()[i][s[1]];
          }
          return new Problem(x, y, alpha);
        }));
  }

  static double[] residuals(double[][] x, double[] y, double[] w, double b) {
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = b - y[i];
      for (int j = 0; j < w.length; j++) {
        r[i] += x[i][j] * w[j];
      }
    }
    return r;
  }

  /** Fails naming {@code mistake} when a one-feature fit is (w, b) = {@code wrong}. */
  static void diagnose(String what, Fit actual, double[] wrong, String mistake) {
    if (actual != null && actual.weights() != null && actual.weights().length == 1
        && Math.abs(actual.weights()[0] - wrong[0]) < 1e-6 && Math.abs(actual.intercept() - wrong[1]) < 1e-6) {
      fail(String.format("%s gave w = %s, b = %s: that is the answer with %s", what, actual.weights()[0],
          actual.intercept(), mistake));
    }
  }

  static void assertFit(String what, Fit actual, double[] weights, double intercept) {
    assertThat(actual).as(what).isNotNull();
    assertNear(() -> what + ": weights", weights, actual.weights(), COEF);
    assertNear(what + ": intercept", intercept, actual.intercept(), COEF);
  }

  static void assertTraining(String what, Training actual, double[] weights, double intercept, double[] losses,
      double tol) {
    assertThat(actual).as(what).isNotNull();
    assertNear(() -> what + ": weights", weights, actual.weights(), tol);
    assertNear(what + ": intercept", intercept, actual.intercept(), tol);
    assertNear(() -> what + ": losses per epoch", losses, actual.losses(), tol);
  }
}

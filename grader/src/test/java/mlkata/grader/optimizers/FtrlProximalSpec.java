package mlkata.grader.optimizers;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import mlkata.grader.optimizers.FtrlProximalApi.Config;
import mlkata.grader.optimizers.FtrlProximalApi.State;
import mlkata.grader.optimizers.FtrlProximalApi.Step;
import mlkata.grader.optimizers.FtrlProximalGens.Example;
import mlkata.grader.optimizers.FtrlProximalGens.Stream;
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
 * Grades {@code optimizers/ftrl-proximal}.
 *
 * <p>No efficiency layer: the kata returns a copy of the state, so a step is O(d) by design, and the kata
 * is about the arithmetic of Algorithm 1. The goldens come from a numpy transcription of the paper (no
 * installed library implements FTRL), so the properties below carry more weight than usual: each is a
 * consequence of the algorithm that does not depend on anyone's transcription.
 */
@KataSpec
@DisplayName("optimizers/ftrl-proximal: FTRL-Proximal for sparse logistic regression")
final class FtrlProximalSpec {
  /**
   * Tolerance on probabilities, {@code z}, {@code n} and weights along a stream, against the goldens,
   * the reference or an equivalent computation: absolute below 1, relative above. A correct answer
   * differs only in the order of a few roundings per step (the order of the dot product, {@code p - 1}
   * when {@code p} is within an ulp of 1), about 1e-15; each wrong variant tried while writing this spec
   * (the new weight in the z update, {@code y - p} for the gradient, TensorFlow's {@code 2 * l2}, sigma
   * not divided by alpha, sigma from the updated n, sigma as {@code |g| / alpha}, {@code p - y} without
   * the feature value, {@code l1} subtracted without the sign of z) is off by far more on at least one
   * case. (A strict threshold {@code |z| < l1} is not wrong: the formula gives zero at {@code |z| = l1}.)
   */
  static final double STREAM = 1e-11;

  /** Hand-worked values are written as the formula they come from; this only absorbs rounding. */
  static final double HAND = 1e-13;

  /**
   * Central differences of the log loss with step 1e-6 have a truncation error about 1e-12 times the
   * third derivative (at most 0.1 times the cube of the largest feature value, 27) and a rounding error
   * about 1e-16 / 1e-6 = 1e-10; 1e-7 covers both with room, while a gradient of the wrong sign or scale
   * is off by at least 1e-3 on the generated inputs.
   */
  static final double GRADIENT = 1e-7;

  private static final int EXAMPLES = 200;

  private static final FtrlProximalApi KATA = Target.pick(new FtrlProximalOfExercises(), new FtrlProximalOfSolutions());
  private static final FtrlProximalApi REFERENCE = new FtrlProximalOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      Config c = new Config(0.1, 1.0, 0.6, 0.0);
      Step first = KATA.step(KATA.initial(3), new int[] {0, 2}, new double[] {1.0, 2.0}, 1, c);
      // All weights 0, p = 0.5, g = (0.5 - 1) * [1, 2] = [-0.5, -1], sigma = [0.5, 1] / 0.1, sigma * w = 0.
      assertStep("example 1 of the statement", first, 0.5, new double[] {-0.5, 0, -1}, new double[] {0.25, 0, 1},
          HAND);
      assertClose("weight(-0.5, 0.25): |z| <= l1 = 0.6", 0.0, KATA.weight(-0.5, 0.25, c), 0.0);
      assertClose("weight(-1, 1) = 0.4 / ((1 + 1) / 0.1)", 0.02, KATA.weight(-1, 1, c), HAND);
      Step second = KATA.step(first.state(), new int[] {2, 1}, new double[] {1.0, -1.0}, 0, c);
      // s = 0.02 * 1 + 0 * (-1); feature 2: g = p, sigma = (sqrt(1 + p^2) - 1) / 0.1; feature 1: g = -p.
      double p = 1 / (1 + Math.exp(-0.02));
      double sigma = (Math.sqrt(1 + p * p) - 1) / 0.1;
      assertStep("example 2 of the statement", second, p, new double[] {-0.5, -p, -1 + p - sigma * 0.02},
          new double[] {0.25, p * p, 1 + p * p}, HAND);
      assertClose("example 2 of the statement: z[2] (-0.51905594... in the statement)", -0.5190559482567649,
          second.state().z()[2], HAND);
    }

    @Test
    void a_score_far_beyond_the_range_of_exp_saturates_the_probability_in_both_directions() {
      // alpha 1, beta 1, no regularization, n = 0: w = -z / ((1 + 0) / 1) = -z. z = -2000 gives w = 2000 and,
      // with x = [1], a score of 2000; exp(2000) overflows, so exp(s) / (1 + exp(s)) is Infinity / Infinity
      // = NaN, while 1 / (1 + exp(-s)) is exactly 1. Label 0: g = 1, sigma = (sqrt(1) - 0) / 1 = 1,
      // z' = -2000 + 1 - 1 * 2000 = -3999, n' = 1. Mirrored, z = 2000 gives a score of -2000, p = 0,
      // and with label 1: g = -1, z' = 2000 - 1 + 2000 = 3999.
      Config c = new Config(1.0, 1.0, 0.0, 0.0);
      Step up = KATA.step(new State(new double[] {-2000}, new double[] {0}), new int[] {0}, new double[] {1}, 0, c);
      assertStep("one example with score +2000 (z -2000, n 0, x [1], label 0; exp(s) / (1 + exp(s)) would be NaN)",
          up, 1.0, new double[] {-3999}, new double[] {1}, HAND);
      Step down = KATA.step(new State(new double[] {2000}, new double[] {0}), new int[] {0}, new double[] {1}, 1, c);
      assertStep("one example with score -2000 (z 2000, n 0, x [1], label 1)", down, 0.0, new double[] {3999},
          new double[] {1}, HAND);
      // Label equal to the saturated prediction: the gradient is exactly 0 and nothing changes.
      Step agreed = KATA.step(new State(new double[] {-2000}, new double[] {0}), new int[] {0}, new double[] {1}, 1, c);
      assertStep("one example with score +2000 and label 1 (nothing to learn)", agreed, 1.0, new double[] {-2000},
          new double[] {0}, HAND);
    }

    @Test
    void the_initial_state_is_zero() {
      State s = KATA.initial(4);
      assertThat(s).as("State.initial(4)").isNotNull();
      assertThat(s.z()).as("State.initial(4).z").containsExactly(0, 0, 0, 0);
      assertThat(s.n()).as("State.initial(4).n").containsExactly(0, 0, 0, 0);
      assertThat(KATA.initial(0).z()).as("State.initial(0).z").isEmpty();
      assertRejects("State.initial(-1)", "size", () -> KATA.initial(-1));
    }

    @Test
    void the_weight_is_the_papers_closed_form() {
      Config c = new Config(0.5, 1.0, 0.5, 1.0);
      // (beta + sqrt(4)) / alpha + l2 = 3 / 0.5 + 1 = 7.
      assertClose("weight(2, 4) with alpha 0.5, beta 1, l1 0.5, l2 1: -(z - sign(z) l1) / 7, the opposite sign of z"
          + " (+0.214 means the sign is flipped, -0.357 that l1 was added instead of subtracted)", -1.5 / 7,
          KATA.weight(2, 4, c), HAND);
      assertClose("weight(-2, 4) with alpha 0.5, beta 1, l1 0.5, l2 1: -(z - sign(z) l1) / 7 = +0.214", 1.5 / 7,
          KATA.weight(-2, 4, c), HAND);
      assertClose("weight(0.7, 0) with alpha 0.5, beta 1, l1 0.5, l2 1: 0.2 / (1 / 0.5 + 1)", -0.2 / 3,
          KATA.weight(0.7, 0, c), HAND);
      assertClose("weight(3, 9) with alpha 2, beta 1, l1 0, l2 0: -3 / ((1 + 3) / 2)", -1.5,
          KATA.weight(3, 9, new Config(2, 1, 0, 0)), HAND);
    }

    @Test
    void a_weight_is_exactly_zero_while_the_absolute_z_is_at_most_l1() {
      Config c = new Config(0.5, 1.0, 0.5, 1.0);
      for (double z : new double[] {0.5, -0.5, 0.4999, -0.3, 0.0}) {
        assertThat(KATA.weight(z, 4, c)).as("weight(%s, 4) with l1 0.5 (|z| <= l1)", z).isZero();
      }
      assertThat(KATA.weight(0, 0, new Config(1, 1, 0, 0))).as("weight(0, 0) with l1 0").isZero();
      assertThat(KATA.weight(0.5001, 4, c)).as("weight(0.5001, 4) with l1 0.5 (just above)").isNegative();
    }

    @Test
    void the_z_update_uses_the_weight_from_before_the_example() {
      // z = -1, n = 1, alpha 0.1, beta 1, no regularization: w = 1 / ((1 + 1) / 0.1) = 0.05.
      // x = [2], y = 0: p = sigmoid(0.1), g = 2p, sigma = (sqrt(1 + g^2) - 1) / 0.1, z' = -1 + g - sigma * 0.05.
      Config c = new Config(0.1, 1.0, 0.0, 0.0);
      Step r = KATA.step(new State(new double[] {-1}, new double[] {1}), new int[] {0}, new double[] {2}, 0, c);
      double p = 1 / (1 + Math.exp(-0.1));
      double g = 2 * p;
      double sigma = (Math.sqrt(1 + g * g) - 1) / 0.1;
      assertStep("z = -1, n = 1, x = [2], y = 0 (alpha 0.1, beta 1)", r, p, new double[] {-1 + g - sigma * 0.05},
          new double[] {1 + g * g}, HAND);
    }

    @Test
    void with_no_regularization_one_coordinate_follows_adaptive_gradient_descent() {
      // alpha 1, beta 1, x = [1], y = 1 twice. Step 1: w = 0, p = 0.5, g = -0.5, n = 0.25, z = -0.5, so
      // w = 0.5 / (1 + 0.5) = 1/3 = 0 - 1 / (1 + sqrt(0.25)) * (-0.5). Step 2: p = sigmoid(1/3), g = p - 1,
      // and the new weight is 1/3 - g / (1 + sqrt(0.25 + g^2)).
      Config c = new Config(1.0, 1.0, 0.0, 0.0);
      Step first = KATA.step(KATA.initial(1), new int[] {0}, new double[] {1}, 1, c);
      assertClose("weight after one example (x 1, y 1, alpha 1, beta 1)", 1.0 / 3,
          KATA.weight(first.state().z()[0], first.state().n()[0], c), HAND);
      Step second = KATA.step(first.state(), new int[] {0}, new double[] {1}, 1, c);
      double g = 1 / (1 + Math.exp(-1.0 / 3)) - 1;
      assertClose("weight after two examples (x 1, y 1, alpha 1, beta 1)", 1.0 / 3 - g / (1 + Math.sqrt(0.25 + g * g)),
          KATA.weight(second.state().z()[0], second.state().n()[0], c), HAND);
      assertClose("probability of example 2 (sigmoid(1/3))", 1 / (1 + Math.exp(-1.0 / 3)), second.probability(), HAND);
    }

    @Test
    void features_not_in_the_example_keep_their_state_exactly() {
      State s = new State(new double[] {0.3, -2.0, 1.5, 0.0}, new double[] {0.7, 4.0, 2.0, 0.0});
      Step r = KATA.step(s, new int[] {1}, new double[] {1.0}, 1, new Config(0.1, 1, 0.5, 0.1));
      assertThat(r).as("step on feature 1 only").isNotNull();
      for (int i : new int[] {0, 2, 3}) {
        assertThat(r.state().z()[i]).as("z[%d] of a feature not in the example", i).isEqualTo(s.z()[i]);
        assertThat(r.state().n()[i]).as("n[%d] of a feature not in the example", i).isEqualTo(s.n()[i]);
      }
    }

    @Test
    void an_empty_example_predicts_one_half_and_changes_nothing() {
      State s = new State(new double[] {0.3, -2.0}, new double[] {0.7, 4.0});
      Step r = KATA.step(s, new int[0], new double[0], 1, new Config(0.1, 1, 0, 0));
      assertStep("an example with no features", r, 0.5, s.z(), s.n(), 0.0);
      Step none = KATA.step(KATA.initial(0), new int[0], new double[0], 0, new Config(0.1, 1, 0, 0));
      assertStep("an empty example with zero features", none, 0.5, new double[0], new double[0], 0.0);
    }

    @Test
    void a_listed_feature_with_value_zero_changes_nothing() {
      // Feature 0 has weight -1.5 / 7 but value 0: s = 0, p = 0.5, g = 0, sigma = 0.
      State s = new State(new double[] {2.0, 0.0}, new double[] {4.0, 0.0});
      Step r = KATA.step(s, new int[] {0}, new double[] {0.0}, 1, new Config(0.5, 1, 0.5, 1));
      assertStep("feature 0 listed with value 0", r, 0.5, s.z(), s.n(), 0.0);
    }

    @Test
    void a_label_of_zero_pushes_the_probability_down() {
      Config c = new Config(0.5, 1, 0, 0);
      Step r = KATA.step(KATA.initial(2), new int[] {0, 1}, new double[] {1, 1}, 0, c);
      // p = 0.5, g = [0.5, 0.5], z = [0.5, 0.5], n = [0.25, 0.25]; weights -0.5 / 3 each.
      assertStep("x = [1, 1], y = 0 from the initial state", r, 0.5, new double[] {0.5, 0.5},
          new double[] {0.25, 0.25}, HAND);
      Step next = KATA.step(r.state(), new int[] {1, 0}, new double[] {1, 1}, 0, c);
      assertClose("probability of the same example next time (sigmoid(-1/3))", 1 / (1 + Math.exp(1.0 / 3)),
          next.probability(), HAND);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final Config c = new Config(0.1, 1, 0.1, 0.1);

    private State fresh() {
      return new State(new double[3], new double[3]);
    }

    @Test
    void hyperparameters_must_be_in_range() {
      for (double bad : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("alpha " + bad, "alpha", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, 1,
            new Config(bad, 1, 0, 0)));
        assertRejects("beta " + bad, "beta", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, 1,
            new Config(0.1, bad, 0, 0)));
        assertRejects("weight with alpha " + bad, "alpha", () -> KATA.weight(1, 1, new Config(bad, 1, 0, 0)));
        assertRejects("weight with beta " + bad, "beta", () -> KATA.weight(1, 1, new Config(0.1, bad, 0, 0)));
      }
      for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("l1 " + bad, "l1", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, 1,
            new Config(0.1, 1, bad, 0)));
        assertRejects("l2 " + bad, "l2", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, 1,
            new Config(0.1, 1, 0, bad)));
        assertRejects("weight with l1 " + bad, "l1", () -> KATA.weight(1, 1, new Config(0.1, 1, bad, 0)));
        assertRejects("weight with l2 " + bad, "l2", () -> KATA.weight(1, 1, new Config(0.1, 1, 0, bad)));
      }
    }

    @Test
    void the_weight_needs_a_finite_z_and_a_finite_non_negative_n() {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("weight with z " + bad, "z", () -> KATA.weight(bad, 1, c));
      }
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("weight with n " + bad, "n", () -> KATA.weight(1, bad, c));
      }
      assertNullRejected("weight with null config", () -> KATA.weight(1, 1, null));
    }

    @Test
    void the_example_must_be_well_formed() {
      assertRejects("index 3 with 3 features", "indices", () -> KATA.step(fresh(), new int[] {0, 3},
          new double[] {1, 1}, 1, c));
      assertRejects("index -1", "indices", () -> KATA.step(fresh(), new int[] {-1}, new double[] {1}, 1, c));
      assertRejects("feature 1 listed twice", "indices", () -> KATA.step(fresh(), new int[] {1, 0, 1},
          new double[] {1, 1, 1}, 1, c));
      assertRejects("2 indices and 3 values", "values", () -> KATA.step(fresh(), new int[] {0, 1},
          new double[] {1, 1, 1}, 1, c));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("a feature value " + bad, "values", () -> KATA.step(fresh(), new int[] {0, 1},
            new double[] {1, bad}, 1, c));
      }
      for (int bad : new int[] {-1, 2, 5}) {
        assertRejects("label " + bad, "label", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, bad, c));
      }
    }

    @Test
    void the_state_must_be_consistent_and_finite() {
      assertRejects("z of length 3 and n of length 2", "state", () -> KATA.step(new State(new double[3],
          new double[2]), new int[] {0}, new double[] {1}, 1, c));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("state.z with " + bad, "state", () -> KATA.step(new State(new double[] {0, bad, 0},
            new double[3]), new int[] {0}, new double[] {1}, 1, c));
      }
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("state.n with " + bad, "state", () -> KATA.step(new State(new double[3],
            new double[] {0, 0, bad}), new int[] {0}, new double[] {1}, 1, c));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("step with null state", () -> KATA.step(null, new int[] {0}, new double[] {1}, 1, c));
      assertNullRejected("step with null indices", () -> KATA.step(fresh(), null, new double[] {1}, 1, c));
      assertNullRejected("step with null values", () -> KATA.step(fresh(), new int[] {0}, null, 1, c));
      assertNullRejected("step with null config", () -> KATA.step(fresh(), new int[] {0}, new double[] {1}, 1, null));
      assertNullRejected("step with null state.z", () -> KATA.step(new State(null, new double[3]), new int[] {0},
          new double[] {1}, 1, c));
      assertNullRejected("step with null state.n", () -> KATA.step(new State(new double[3], null), new int[] {0},
          new double[] {1}, 1, c));
    }

    @Test
    void inputs_are_not_modified() {
      State s = new State(new double[] {0.3, -2.0, 1.5}, new double[] {0.7, 4.0, 2.0});
      double[] z = s.z().clone();
      double[] n = s.n().clone();
      int[] indices = {2, 0};
      double[] values = {1.5, -1.0};
      Step r = KATA.step(s, indices, values, 1, c);
      assertThat(s.z()).as("state.z after a step").containsExactly(z);
      assertThat(s.n()).as("state.n after a step").containsExactly(n);
      assertThat(indices).as("indices after a step").containsExactly(2, 0);
      assertThat(values).as("values after a step").containsExactly(1.5, -1.0);
      assertThat(r).as("step result").isNotNull();
      assertThat(r.state().z()).as("the new state.z is a new array").isNotSameAs(s.z());
      assertThat(r.state().n()).as("the new state.n is a new array").isNotSameAs(s.n());
    }
  }

  @Nested
  @DisplayName("golden streams from a numpy transcription of McMahan et al. 2013, Algorithm 1")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("optimizers/ftrl-proximal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_paper_after_every_example(Goldens.Case c) {
      Goldens.Values cfg = c.input().object("config");
      Config config = new Config(cfg.number("alpha"), cfg.number("beta"), cfg.number("l1"), cfg.number("l2"));
      List<Goldens.Values> examples = c.input().objects("examples");
      List<Goldens.Values> expected = c.expected().objects("steps");
      int size = (int) c.input().integer("size");
      State state = new State(new double[size], new double[size]); // built here: only step is graded
      for (int k = 0; k < examples.size(); k++) {
        Goldens.Values x = examples.get(k);
        Step r = KATA.step(state, x.ints("indices"), x.doubles("values"), (int) x.integer("label"), config);
        Goldens.Values e = expected.get(k);
        int step = k + 1;
        String what = "golden '" + c.name() + "' (" + config + ") vs " + c.library() + ", after example " + step
            + " " + x;
        assertStep(what, r, e.number("probability"), e.doubles("z"), e.doubles("n"), STREAM);
        state = r.state();
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void weights_match_the_paper_for_every_state_of_the_stream(Goldens.Case c) {
      Goldens.Values cfg = c.input().object("config");
      Config config = new Config(cfg.number("alpha"), cfg.number("beta"), cfg.number("l1"), cfg.number("l2"));
      List<Goldens.Values> expected = c.expected().objects("steps");
      for (int k = 0; k < expected.size(); k++) {
        Goldens.Values e = expected.get(k);
        double[] z = e.doubles("z");
        double[] n = e.doubles("n");
        double[] weights = e.doubles("weights");
        for (int i = 0; i < weights.length; i++) {
          assertNear("golden '" + c.name() + "' (" + config + ") vs " + c.library() + ": weight(z " + z[i] + ", n "
              + n[i] + ") of feature " + i + " after example " + (k + 1), weights[i], KATA.weight(z[i], n[i], config),
              STREAM);
        }
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_probability_is_the_sigmoid_of_the_weights_before_the_example() {
      Props.check("p = sigmoid(sum of weight(z_i, n_i) * x_i) with the state before the example", EXAMPLES,
          FtrlProximalGens.streams(6, 6, FtrlProximalGens.configs()),
          s -> {
            State state = KATA.initial(s.size());
            for (Example x : s.examples()) {
              double score = 0;
              for (int j = 0; j < x.indices().length; j++) {
                score += paperWeight(state.z()[x.indices()[j]], state.n()[x.indices()[j]], s.config()) * x.values()[j];
              }
              Step r = stepOrFail(KATA, state, x, s);
              assertNear("property 'p = sigmoid(w . x)' for " + x + " in " + s, 1 / (1 + Math.exp(-score)),
                  r.probability(), STREAM);
              state = r.state();
            }
          });
    }

    @Test
    void only_the_features_of_the_example_change_and_n_grows_by_the_squared_log_loss_gradient() {
      Props.check("absent features keep z and n exactly; n_i grows by ((p - y) x_i)^2", EXAMPLES,
          FtrlProximalGens.streams(6, 6, FtrlProximalGens.configs()),
          s -> {
            State state = KATA.initial(s.size());
            for (Example x : s.examples()) {
              Step r = stepOrFail(KATA, state, x, s);
              double[] expectedN = state.n().clone();
              boolean[] present = new boolean[s.size()];
              for (int j = 0; j < x.indices().length; j++) {
                double g = (r.probability() - x.label()) * x.values()[j];
                expectedN[x.indices()[j]] += g * g;
                present[x.indices()[j]] = true;
              }
              for (int i = 0; i < s.size(); i++) {
                if (!present[i]) {
                  assertThat(r.state().z()[i]).as("property 'absent feature %d keeps z' for %s in %s", i, x, s)
                      .isEqualTo(state.z()[i]);
                  assertThat(r.state().n()[i]).as("property 'absent feature %d keeps n' for %s in %s", i, x, s)
                      .isEqualTo(state.n()[i]);
                } else {
                  assertNear("property 'n grows by g^2' at feature " + i + " for " + x + " in " + s, expectedN[i],
                      r.state().n()[i], STREAM);
                }
              }
              state = r.state();
            }
          });
    }

    @Test
    void without_regularization_the_weights_follow_per_coordinate_adaptive_gradient_descent() {
      Props.check("l1 = l2 = 0: w_i' = w_i - alpha / (beta + sqrt(n_i')) * g_i for the example's features",
          EXAMPLES, FtrlProximalGens.streams(5, 8, FtrlProximalGens.unregularized()),
          s -> {
            Config c = s.config();
            State state = KATA.initial(s.size());
            double[] w = new double[s.size()];
            for (Example x : s.examples()) {
              double score = 0;
              for (int j = 0; j < x.indices().length; j++) {
                score += w[x.indices()[j]] * x.values()[j];
              }
              double p = 1 / (1 + Math.exp(-score));
              double[] nextW = w.clone();
              double[] n = state.n().clone();
              for (int j = 0; j < x.indices().length; j++) {
                int i = x.indices()[j];
                double g = (p - x.label()) * x.values()[j];
                n[i] += g * g;
                nextW[i] = w[i] - c.alpha() / (c.beta() + Math.sqrt(n[i])) * g;
              }
              Step r = stepOrFail(KATA, state, x, s);
              for (int i = 0; i < s.size(); i++) {
                assertNear("property 'FTRL without regularization = adaptive gradient descent', weight " + i
                    + " after " + x + " in " + s, nextW[i], KATA.weight(r.state().z()[i], r.state().n()[i], c), STREAM);
              }
              w = nextW;
              state = r.state();
            }
          });
    }

    @Test
    void an_l1_above_the_total_absolute_feature_value_keeps_every_weight_exactly_zero() {
      Props.check("l1 >= sum of |x| over the stream: every weight is 0 and every prediction 0.5", EXAMPLES,
          FtrlProximalGens.streams(6, 8, FtrlProximalGens.configs()),
          s -> {
            double total = Arrays.stream(s.examples()).flatMapToDouble(x -> Arrays.stream(x.values()))
                .map(Math::abs).sum();
            Config c = new Config(s.config().alpha(), s.config().beta(), total, s.config().l2());
            Stream sparse = new Stream(s.size(), s.examples(), c);
            State state = KATA.initial(s.size());
            for (Example x : s.examples()) {
              Step r = stepOrFail(KATA, state, x, sparse);
              assertThat(r.probability()).as("property 'p = 0.5 while all weights are 0' (l1 %s) for %s in %s",
                  total, x, sparse).isEqualTo(0.5);
              for (int i = 0; i < s.size(); i++) {
                assertThat(KATA.weight(r.state().z()[i], r.state().n()[i], c))
                    .as("property 'weight %d stays exactly 0' (l1 %s) after %s in %s", i, total, x, sparse).isZero();
              }
              state = r.state();
            }
          });
    }

    @Test
    void the_order_of_the_features_in_an_example_does_not_matter() {
      Props.check("shuffling an example's (index, value) pairs gives the same prediction and state", EXAMPLES,
          FtrlProximalGens.streams(6, 6, FtrlProximalGens.configs()).zip(longs().all(), (s, seed) -> new Object[] {s, seed}),
          o -> {
            Stream s = (Stream) o[0];
            Random random = new Random((long) o[1]);
            State plain = KATA.initial(s.size());
            State shuffled = KATA.initial(s.size());
            for (Example x : s.examples()) {
              List<Integer> order = new ArrayList<>();
              for (int j = 0; j < x.indices().length; j++) {
                order.add(j);
              }
              Collections.shuffle(order, random);
              Example y = new Example(order.stream().mapToInt(j -> x.indices()[j]).toArray(),
                  order.stream().mapToDouble(j -> x.values()[j]).toArray(), x.label());
              Step a = stepOrFail(KATA, plain, x, s);
              Step b = stepOrFail(KATA, shuffled, y, s);
              String what = "property 'feature order does not matter': " + x + " vs " + y + " in " + s;
              assertStep(what, b, a.probability(), a.state().z(), a.state().n(), STREAM);
              plain = a.state();
              shuffled = b.state();
            }
          });
    }

    @Test
    void the_gradient_in_each_update_is_the_log_loss_gradient() {
      Props.check("g_i recovered from the update, (z_i' - z_i) + sigma_i * w_i, matches central differences of "
          + "the log loss in the example's weights", EXAMPLES,
          FtrlProximalGens.streams(5, 4, FtrlProximalGens.configs())
              .zip(doubles().between(-3, 3), (s, shift) -> new Object[] {s, shift}),
          o -> {
            Stream s = (Stream) o[0];
            double shift = (double) o[1];
            Config c = s.config();
            // Start away from zero so the weights are not all 0: z_i = shift * (i + 1), n_i = i.
            double[] z0 = new double[s.size()];
            double[] n0 = new double[s.size()];
            for (int i = 0; i < s.size(); i++) {
              z0[i] = shift * (i + 1);
              n0[i] = i;
            }
            State state = new State(z0, n0);
            for (Example x : s.examples()) {
              int k = x.indices().length;
              double[] w = new double[k];
              for (int j = 0; j < k; j++) {
                w[j] = paperWeight(state.z()[x.indices()[j]], state.n()[x.indices()[j]], c);
              }
              Step r = stepOrFail(KATA, state, x, s);
              double[] recovered = new double[k];
              for (int j = 0; j < k; j++) {
                int i = x.indices()[j];
                double sigma = (Math.sqrt(r.state().n()[i]) - Math.sqrt(state.n()[i])) / c.alpha();
                recovered[j] = r.state().z()[i] - state.z()[i] + sigma * w[j];
              }
              int label = x.label();
              assertGradientMatches("property 'the update's gradient is d(log loss)/dw' for " + x + " from z="
                  + Arrays.toString(state.z()) + ", n=" + Arrays.toString(state.n()) + " in " + s,
                  weights -> logLoss(weights, x.values(), label), w, recovered, 1e-6, GRADIENT);
              state = r.state();
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void streams_match_the_reference_after_every_example() {
      Props.check("FTRL-Proximal streams agree with the reference solution", EXAMPLES,
          FtrlProximalGens.streams(8, 10, FtrlProximalGens.configs()),
          s -> {
            State mine = KATA.initial(s.size());
            State theirs = REFERENCE.initial(s.size());
            int k = 0;
            for (Example x : s.examples()) {
              k++;
              Step e = REFERENCE.step(theirs, x.indices(), x.values(), x.label(), s.config());
              Step a = stepOrFail(KATA, mine, x, s);
              assertStep("example " + k + ", reference vs yours, for " + s, a, e.probability(), e.state().z(),
                  e.state().n(), STREAM);
              mine = a.state();
              theirs = e.state();
            }
          });
    }
  }

  /** The paper's closed form, written independently of the kata for the properties. */
  static double paperWeight(double z, double n, Config c) {
    return Math.abs(z) <= c.l1() ? 0 : -(z - Math.signum(z) * c.l1()) / ((c.beta() + Math.sqrt(n)) / c.alpha() + c.l2());
  }

  /** Log loss of one example as a function of the weights of its features. */
  static double logLoss(double[] weights, double[] values, int label) {
    double s = 0;
    for (int j = 0; j < weights.length; j++) {
      s += weights[j] * values[j];
    }
    double margin = label == 1 ? s : -s; // loss = log(1 + exp(-margin)), computed stably
    return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
  }

  static Step stepOrFail(FtrlProximalApi api, State state, Example x, Stream s) {
    Step r = api.step(state, x.indices(), x.values(), x.label(), s.config());
    if (r == null || r.state() == null) {
      assertThat(r).as("step result for %s in %s", x, s).isNotNull();
      assertThat(r.state()).as("state in the step result for %s in %s", x, s).isNotNull();
    }
    return r;
  }

  static void assertStep(String what, Step actual, double probability, double[] z, double[] n, double tol) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.state()).as("%s: state", what).isNotNull();
    assertNear(what + ": probability", probability, actual.probability(), tol);
    Supplier<String> zWhat = () -> what + ": state.z";
    assertNear(zWhat, z, actual.state().z(), tol);
    assertNear(() -> what + ": state.n", n, actual.state().n(), tol);
  }

}

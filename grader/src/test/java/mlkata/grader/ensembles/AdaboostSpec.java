package mlkata.grader.ensembles;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.ensembles.AdaboostApi.Outcome;
import mlkata.grader.ensembles.AdaboostApi.Round;
import mlkata.grader.ensembles.AdaboostGens.RoundInput;
import mlkata.grader.ensembles.AdaboostGens.Vote;
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
 * Grades {@code ensembles/adaboost}.
 *
 * <p>Tolerances: {@link #EXACT} for hand-worked rounds and for random rounds on grids of multiples of
 * 1/4 (a few float64 operations: a sum, a division, a logarithm, an exponential); {@link #ERROR},
 * {@link #ALPHA} and {@link #WEIGHT} for the scikit-learn loop replayed round by round from the
 * weights scikit-learn fitted each round with (its weights are float64 but its sums run in another order). Outcomes and predicted classes are compared exactly; no golden error lies near
 * 0 or {@code 1 - 1/K}, and no golden vote is within 1e-9 of a tie.
 */
@KataSpec
@DisplayName("ensembles/adaboost: AdaBoost (SAMME) sample and learner weights")
final class AdaboostSpec {
  /** A handful of correctly rounded float64 operations on values of order one. */
  static final double EXACT = 1e-12;
  /**
   * A weighted error after up to ten replayed rounds: each round's weights carry a few ulps from the
   * exponential and the normalization, and numpy sums pairwise where the learner sums in order.
   */
  static final double ERROR = 1e-10;
  /**
   * {@code ln((1 - e) / e)} amplifies the error's deviation by {@code 1 / (e (1 - e))}, at most about 30
   * on the goldens, and the learning rate scales it by at most 1.
   */
  static final double ALPHA = 1e-8;
  /** Normalized weights, at most 1, after up to ten replayed rounds: as {@link #ERROR}. */
  static final double WEIGHT = 1e-10;
  private static final int EXAMPLES = 300;

  private static final AdaboostApi KATA = Target.pick(new AdaboostOfExercises(), new AdaboostOfSolutions());
  private static final AdaboostApi REFERENCE = new AdaboostOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_weighted_error() {
      assertClose("weightedError([1, 1, 1, 1], [0, 1, 2, 2], [0, 1, 2, 0])", 0.25,
          KATA.weightedError(new double[] {1, 1, 1, 1}, new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}), EXACT);
    }

    @Test
    void the_problem_statement_round() {
      // err 1/4, K = 3: alpha = ln(3) + ln(2) = ln 6; the wrong weight grows 6-fold: [1, 1, 1, 6] / 9.
      assertRound("boost([1, 1, 1, 1], [0, 1, 2, 2], [0, 1, 2, 0], K = 3, learning rate 1)",
          KATA.boost(new double[] {1, 1, 1, 1}, new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}, 3, 1),
          Outcome.BOOSTED, 0.25, Math.log(6), new double[] {1.0 / 9, 1.0 / 9, 1.0 / 9, 2.0 / 3});
    }

    @Test
    void the_problem_statement_vote() {
      assertThat(KATA.predict(new int[][] {{0, 1, 2}, {1, 1, 0}, {2, 0, 0}}, new double[] {2, 1, 1}, 3))
          .as("predict([[0, 1, 2], [1, 1, 0], [2, 0, 0]], [2, 1, 1], 3)").containsExactly(0, 1, 0);
    }

    @Test
    void the_weighted_error_is_divided_by_the_weight_sum() {
      // Weights [2, 1, 1], sample 0 wrong: 2 / 4, not 2 (unnormalized) nor 1/3 (the fraction of samples wrong).
      assertClose("weightedError([2, 1, 1], [0, 0, 1], [1, 0, 1]) = wrong weight / total weight", 0.5,
          KATA.weightedError(new double[] {2, 1, 1}, new int[] {0, 0, 1}, new int[] {1, 0, 1}), EXACT);
    }

    @Test
    void boosting_uses_the_weighted_error_over_the_weight_sum() {
      // Error 2 / 4. K = 3: alpha = ln(1) + ln(2); sample 0 doubles: [4, 1, 1] / 6.
      assertRound("boost([2, 1, 1], [0, 0, 1], [1, 0, 1], K = 3)",
          KATA.boost(new double[] {2, 1, 1}, new int[] {0, 0, 1}, new int[] {1, 0, 1}, 3, 1), Outcome.BOOSTED, 0.5,
          Math.log(2), new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6});
    }

    @Test
    void two_classes_is_classic_adaboost() {
      // err 1/4, alpha = ln 3 (+ ln 1); the wrong sample's weight triples: [1, 1, 1, 3] / 6.
      assertRound("boost([.25, .25, .25, .25], [1, 0, 1, 1], [1, 0, 1, 0], K = 2)",
          KATA.boost(new double[] {.25, .25, .25, .25}, new int[] {1, 0, 1, 1}, new int[] {1, 0, 1, 0}, 2, 1),
          Outcome.BOOSTED, 0.25, Math.log(3), new double[] {1.0 / 6, 1.0 / 6, 1.0 / 6, 0.5});
    }

    @Test
    void the_ln_k_minus_1_term_keeps_a_better_than_chance_learner() {
      // K = 4, error 1/2: worse than a coin for two classes, but better than chance (3/4) for four.
      // alpha = ln((1 - 1/2) / (1/2)) + ln(K - 1) = 0 + ln 3; without the SAMME term ln(K - 1) it would be 0.
      assertRound("boost with K = 4 and error 1/2: alpha = ln((1 - err) / err) + ln(K - 1) = ln 3", KATA.boost(new double[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3},
          new int[] {0, 1, 0, 0}, 4, 1), Outcome.BOOSTED, 0.5, Math.log(3), new double[] {0.125, 0.125, 0.375, 0.375});
    }

    @Test
    void a_perfect_learner_gets_weight_one_and_the_weights_stay() {
      double[] w = {3, 1, 0.5};
      Round r = KATA.boost(w, new int[] {2, 0, 1}, new int[] {2, 0, 1}, 3, 0.5);
      assertRound("boost of a perfect learner with learning rate 0.5 (alpha 1, weights as given)", r,
          Outcome.PERFECT, 0, 1, new double[] {3, 1, 0.5});
      assertThat(r.weights()).as("the weights of a perfect round are a new array").isNotSameAs(w);
      assertRound("a learner wrong only where the weight is 0 is perfect",
          KATA.boost(new double[] {0, 1}, new int[] {0, 1}, new int[] {1, 1}, 2, 1), Outcome.PERFECT, 0, 1,
          new double[] {0, 1});
    }

    @Test
    void an_error_of_one_minus_one_over_k_or_more_is_no_better_than_chance() {
      double[] w = {1, 1, 1, 1};
      int[] y = {0, 1, 0, 1};
      assertRound("boost with K = 2 and error exactly 1/2", KATA.boost(w, y, new int[] {0, 1, 1, 0}, 2, 1),
          Outcome.NO_BETTER_THAN_CHANCE, 0.5, 0, new double[] {1, 1, 1, 1});
      assertRound("boost with K = 2 and error 3/4", KATA.boost(w, y, new int[] {1, 1, 1, 0}, 2, 1),
          Outcome.NO_BETTER_THAN_CHANCE, 0.75, 0, new double[] {1, 1, 1, 1});
      assertRound("boost with K = 4 and error exactly 3/4",
          KATA.boost(w, new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0}, 4, 1), Outcome.NO_BETTER_THAN_CHANCE, 0.75,
          0, new double[] {1, 1, 1, 1});
      assertRound("boost with K = 3 and error 1 (every sample wrong)",
          KATA.boost(new double[] {2, 1}, new int[] {0, 1}, new int[] {1, 2}, 3, 1), Outcome.NO_BETTER_THAN_CHANCE,
          1, 0, new double[] {2, 1});
    }

    @Test
    void the_learning_rate_shrinks_alpha_and_the_update() {
      // Statement example with learning rate 0.5: alpha = ln(6) / 2; the wrong weight becomes sqrt(6).
      double s = Math.sqrt(6);
      double z = 3 + s;
      assertRound("boost of the statement example with learning rate 0.5",
          KATA.boost(new double[] {1, 1, 1, 1}, new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}, 3, 0.5),
          Outcome.BOOSTED, 0.25, Math.log(6) / 2, new double[] {1 / z, 1 / z, 1 / z, s / z});
    }

    @Test
    void a_zero_weight_stays_zero_and_does_not_count() {
      // Sample 0 is wrong with weight 0: err = 1/2 from sample 2. K = 3: alpha = ln 2; [0, 1, 2] / 3.
      assertRound("boost([0, 1, 1], [0, 0, 0], [1, 0, 1], K = 3)",
          KATA.boost(new double[] {0, 1, 1}, new int[] {0, 0, 0}, new int[] {1, 0, 1}, 3, 1), Outcome.BOOSTED, 0.5,
          Math.log(2), new double[] {0, 1.0 / 3, 2.0 / 3});
    }

    @Test
    void the_vote_weighs_learners_by_alpha_and_ties_go_to_the_smaller_class() {
      int[][] p = {{1, 1, 0}, {0, 0, 1}, {0, 1, 1}};
      // Sample 0: class 1 has 3, class 0 has 1 + 2 = 3: a tie -> 0. Sample 1: class 1 has 3 + 2 -> 1.
      // Sample 2: class 0 has 3, class 1 has 3: a tie -> 0.
      assertThat(KATA.predict(p, new double[] {3, 1, 2}, 2)).as("predict(%s, [3, 1, 2], 2)", Arrays.deepToString(p))
          .containsExactly(0, 1, 0);
      // One heavy learner outvotes two light ones.
      assertThat(KATA.predict(new int[][] {{2, 2}, {1, 0}, {1, 0}}, new double[] {2.5, 1, 1}, 3))
          .as("predict([[2, 2], [1, 0], [1, 0]], [2.5, 1, 1], 3)").containsExactly(2, 2);
      assertThat(KATA.predict(new int[][] {{3, 0, 2}}, new double[] {0.7}, 4)).as("predict with one learner")
          .containsExactly(3, 0, 2);
      assertThat(KATA.predict(new int[][] {{}, {}}, new double[] {1, 2}, 2)).as("predict of no samples").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"weightedError", "boost"})
    void weighted_error_and_boost_do_not_modify_their_inputs(String method) {
      double[] w = {1, 2, 0.5, 1};
      int[] y = {0, 1, 2, 2};
      int[] p = {0, 2, 2, 0};
      if (method.equals("boost")) {
        KATA.boost(w, y, p, 3, 1);
      } else {
        KATA.weightedError(w, y, p);
      }
      assertThat(w).as("weights after %s", method).containsExactly(1, 2, 0.5, 1);
      assertThat(y).as("labels after %s", method).containsExactly(0, 1, 2, 2);
      assertThat(p).as("predictions after %s", method).containsExactly(0, 2, 2, 0);
    }

    @Test
    void predict_does_not_modify_its_inputs() {
      int[][] votes = {{0, 1, 1}, {1, 1, 0}};
      double[] alphas = {1.5, 0.5};
      KATA.predict(votes, alphas, 2);
      assertThat(votes).as("predictions after predict").isDeepEqualTo(new int[][] {{0, 1, 1}, {1, 1, 0}});
      assertThat(alphas).as("alphas after predict").containsExactly(1.5, 0.5);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void weights_must_be_finite_non_negative_with_a_positive_sum() {
      int[] y = {0, 1};
      assertRejects("weightedError with no samples", "weights", () -> KATA.weightedError(new double[0], new int[0], new int[0]));
      assertRejects("weightedError with a negative weight", "weights",
          () -> KATA.weightedError(new double[] {1, -0.5}, y, y));
      assertRejects("weightedError with a NaN weight", "weights",
          () -> KATA.weightedError(new double[] {Double.NaN, 1}, y, y));
      assertRejects("boost with an infinite weight", "weights",
          () -> KATA.boost(new double[] {1, Double.POSITIVE_INFINITY}, y, y, 2, 1));
      assertRejects("boost with weights summing to 0", "weights", () -> KATA.boost(new double[] {0, 0}, y, y, 2, 1));
      assertNullRejected("weightedError(null, ...)", () -> KATA.weightedError(null, y, y));
    }

    @Test
    void lengths_and_classes_must_match() {
      double[] w = {1, 1};
      assertRejects("weightedError with 3 labels for 2 weights", "labels",
          () -> KATA.weightedError(w, new int[] {0, 1, 1}, new int[] {0, 1}));
      assertRejects("boost with 1 prediction for 2 weights", "predictions",
          () -> KATA.boost(w, new int[] {0, 1}, new int[] {0}, 2, 1));
      assertRejects("boost with label 2 and K = 2", "labels", () -> KATA.boost(w, new int[] {0, 2}, new int[] {0, 1}, 2, 1));
      assertRejects("boost with prediction -1", "predictions",
          () -> KATA.boost(w, new int[] {0, 1}, new int[] {-1, 1}, 2, 1));
      assertRejects("boost with K = 1", "numClasses", () -> KATA.boost(w, new int[] {0, 0}, new int[] {0, 0}, 1, 1));
    }

    @Test
    void the_learning_rate_must_be_finite_and_positive() {
      double[] w = {1, 1};
      int[] y = {0, 1};
      int[] p = {0, 0};
      assertRejects("boost with learning rate 0", "learningRate", () -> KATA.boost(w, y, p, 2, 0));
      assertRejects("boost with learning rate -1", "learningRate", () -> KATA.boost(w, y, p, 2, -1));
      assertRejects("boost with learning rate NaN", "learningRate", () -> KATA.boost(w, y, p, 2, Double.NaN));
      assertRejects("boost with an infinite learning rate", "learningRate",
          () -> KATA.boost(w, y, p, 2, Double.POSITIVE_INFINITY));
    }

    @Test
    void predict_rejects_bad_ensembles() {
      int[][] p = {{0, 1}, {1, 1}};
      assertRejects("predict with no learners", "predictions", () -> KATA.predict(new int[0][], new double[0], 2));
      assertRejects("predict with 1 alpha for 2 learners", "alphas", () -> KATA.predict(p, new double[] {1}, 2));
      assertRejects("predict with a NaN alpha", "alphas", () -> KATA.predict(p, new double[] {1, Double.NaN}, 2));
      assertRejects("predict with an infinite alpha", "alphas",
          () -> KATA.predict(p, new double[] {Double.NEGATIVE_INFINITY, 1}, 2));
      assertRejects("predict with rows of lengths 2 and 1", "predictions",
          () -> KATA.predict(new int[][] {{0, 1}, {1}}, new double[] {1, 1}, 2));
      assertRejects("predict with class 2 and K = 2", "predictions", () -> KATA.predict(new int[][] {{0, 2}}, new double[] {1}, 2));
      assertRejects("predict with K = 1", "numClasses", () -> KATA.predict(new int[][] {{0}}, new double[] {1}, 1));
      assertNullRejected("predict(p, null, 2)", () -> KATA.predict(p, null, 2));
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("ensembles/adaboost");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void every_boosting_round_replays_adaboost_classifier_samme(Goldens.Case c) {
      // Each round starts from the weights scikit-learn fitted that round with, so one wrong round does
      // not hide the others; the weights a round returns are checked against the next round's.
      int[] y = c.input().ints("labels");
      int k = (int) c.input().integer("num_classes");
      double lr = c.input().number("learning_rate");
      List<Goldens.Values> rounds = c.expected().objects("rounds");
      for (int m = 0; m < rounds.size(); m++) {
        Goldens.Values expected = rounds.get(m);
        double[] weights = m == 0 ? c.input().doubles("initial_weights") : expected.doubles("weights");
        String what = "boost of golden '" + c.name() + "' round " + m + " (K = " + k + ", learning rate " + lr
            + ", weights " + abbreviate(weights) + ") vs " + c.library();
        Round r = KATA.boost(weights, y, expected.ints("predictions"), k, lr);
        assertThat(r).as(what).isNotNull();
        boolean perfect = expected.number("error") == 0;
        assertThat(r.outcome()).as("%s: outcome", what).isEqualTo(perfect ? Outcome.PERFECT : Outcome.BOOSTED);
        assertClose(what + ": weighted error (estimator_errors_)", expected.number("error"), r.error(), ERROR);
        assertClose(what + ": alpha (estimator_weights_)", expected.number("alpha"), r.alpha(), ALPHA);
        if (m + 1 < rounds.size()) {
          assertAllClose(what + ": the weights you return vs the weights scikit-learn fitted the next round with",
              rounds.get(m + 1).doubles("weights"), r.weights(), WEIGHT);
        }
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_vote_replays_adaboost_classifier_predict(Goldens.Case c) {
      List<Goldens.Values> rounds = c.expected().objects("rounds");
      int[][] predictions = new int[rounds.size()][];
      double[] alphas = new double[rounds.size()];
      for (int m = 0; m < rounds.size(); m++) {
        predictions[m] = rounds.get(m).ints("predictions");
        alphas[m] = rounds.get(m).number("alpha");
      }
      assertThat(KATA.predict(predictions, alphas, (int) c.input().integer("num_classes")))
          .as("predict of golden '%s' with scikit-learn's estimator_weights_ vs AdaBoostClassifier.predict", c.name())
          .containsExactly(c.expected().ints("predictions"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_weighted_error_is_the_wrong_weight_over_the_total() {
      Props.check("weightedError = sum of wrong weights / sum of weights", EXAMPLES, AdaboostGens.rounds(), in -> {
        double wrong = 0;
        double total = 0;
        for (int i = 0; i < in.weights().length; i++) {
          total += in.weights()[i];
          wrong += in.labels()[i] != in.predictions()[i] ? in.weights()[i] : 0;
        }
        assertClose("weightedError for " + in, wrong / total,
            KATA.weightedError(in.weights(), in.labels(), in.predictions()), EXACT);
      });
    }

    @Test
    void the_outcome_follows_the_error() {
      Props.check("PERFECT iff error 0, NO_BETTER_THAN_CHANCE iff error >= 1 - 1/K, else BOOSTED with alpha > 0",
          EXAMPLES, AdaboostGens.rounds(), in -> {
            Round r = KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), in.learningRate());
            assertThat(r).as("boost for %s", in).isNotNull();
            double err = KATA.weightedError(in.weights(), in.labels(), in.predictions());
            Outcome expected = err <= 0 ? Outcome.PERFECT
                : err >= 1.0 - 1.0 / in.classes() ? Outcome.NO_BETTER_THAN_CHANCE : Outcome.BOOSTED;
            assertThat(r.outcome()).as("outcome for error %s, for %s", err, in).isEqualTo(expected);
            assertClose("error of the round for " + in, err, r.error(), EXACT);
            if (expected == Outcome.BOOSTED) {
              double alpha = in.learningRate() * (Math.log((1 - err) / err) + Math.log(in.classes() - 1.0));
              assertClose("alpha = learningRate (ln((1 - err)/err) + ln(K - 1)) for " + in, alpha, r.alpha(), EXACT);
              assertThat(r.alpha()).as("alpha of a boosted round for %s", in).isPositive();
            } else {
              assertClose("alpha of a " + expected + " round for " + in, expected == Outcome.PERFECT ? 1 : 0,
                  r.alpha(), 0);
              assertAllClose("weights of a " + expected + " round are the input weights, for " + in, in.weights(),
                  r.weights(), 0);
            }
          });
    }

    @Test
    void only_the_misclassified_weights_grow_then_everything_is_normalized() {
      Props.check("w'_i = w_i exp(alpha [wrong_i]) / Z, summing to one", EXAMPLES, AdaboostGens.rounds(), in -> {
        Round r = KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), in.learningRate());
        assertThat(r).as("boost for %s", in).isNotNull();
        if (r.outcome() != Outcome.BOOSTED) {
          return;
        }
        double factor = Math.exp(r.alpha());
        double z = 0;
        double[] expected = new double[in.weights().length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = in.labels()[i] == in.predictions()[i] ? in.weights()[i] : in.weights()[i] * factor;
          z += expected[i];
        }
        for (int i = 0; i < expected.length; i++) {
          expected[i] /= z;
        }
        assertAllClose("next weights for " + in, expected, r.weights(), EXACT);
        assertClose("sum of the next weights for " + in, 1, Arrays.stream(r.weights()).sum(), EXACT);
      });
    }

    @Test
    void with_learning_rate_one_the_learner_is_left_at_chance_level() {
      Props.check("after a boosted round with learning rate 1, the same learner's error is 1 - 1/K", EXAMPLES,
          AdaboostGens.rounds(), in -> {
            Round r = KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), 1);
            assertThat(r).as("boost for %s", in).isNotNull();
            if (r.outcome() == Outcome.BOOSTED) {
              assertClose("weightedError under the new weights, for " + in + " with learning rate 1",
                  1 - 1.0 / in.classes(), KATA.weightedError(r.weights(), in.labels(), in.predictions()), EXACT);
            }
          });
    }

    @Test
    void scaling_the_weights_changes_nothing_and_the_learning_rate_scales_alpha() {
      Props.check("boost(4w) = boost(w), and alpha(lr) = lr * alpha(1)", EXAMPLES, AdaboostGens.rounds(), in -> {
        Round r = KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), in.learningRate());
        assertThat(r).as("boost for %s", in).isNotNull();
        double[] scaled = Arrays.stream(in.weights()).map(w -> 4 * w).toArray();
        Round s = KATA.boost(scaled, in.labels(), in.predictions(), in.classes(), in.learningRate());
        assertThat(s).as("boost with 4x the weights for %s", in).isNotNull();
        assertThat(s.outcome()).as("outcome with 4x the weights for %s", in).isEqualTo(r.outcome());
        assertClose("error with 4x the weights for " + in, r.error(), s.error(), EXACT);
        assertClose("alpha with 4x the weights for " + in, r.alpha(), s.alpha(), EXACT);
        if (r.outcome() == Outcome.BOOSTED) {
          assertAllClose("next weights with 4x the weights for " + in, r.weights(), s.weights(), EXACT);
          Round one = KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), 1);
          assertClose("alpha(lr) = lr * alpha(1) for " + in, in.learningRate() * one.alpha(), r.alpha(), EXACT);
        }
      });
    }

    @Test
    void the_vote_is_the_smallest_class_with_the_largest_total_alpha() {
      Props.check("predict = first argmax of sum_m alpha_m [prediction_m = k]", EXAMPLES, AdaboostGens.votes(), v -> {
        int[] out = KATA.predict(v.predictions(), v.alphas(), v.classes());
        assertThat(out).as("predict for %s", v).hasSize(v.size());
        for (int i = 0; i < v.size(); i++) {
          double[] score = new double[v.classes()];
          for (int m = 0; m < v.alphas().length; m++) {
            score[v.predictions()[m][i]] += v.alphas()[m];
          }
          assertThat(out[i]).as("predict of sample %d (class scores %s) for %s", i, Arrays.toString(score), v)
              .isEqualTo(BaggingGens.firstMax(score));
        }
      });
    }

    @Test
    void scaling_every_alpha_changes_no_vote() {
      Props.check("predict(p, 3 alpha) = predict(p, alpha)", EXAMPLES, AdaboostGens.votes(), v -> {
        double[] tripled = Arrays.stream(v.alphas()).map(a -> 3 * a).toArray();
        assertThat(KATA.predict(v.predictions(), tripled, v.classes())).as("predict with 3x the alphas for %s", v)
            .containsExactly(KATA.predict(v.predictions(), v.alphas(), v.classes()));
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void weighted_error_matches_the_reference() {
      Props.check("weightedError agrees with the reference", EXAMPLES, AdaboostGens.rounds(), in ->
          assertClose("weightedError, reference vs yours, for " + in,
              REFERENCE.weightedError(in.weights(), in.labels(), in.predictions()),
              KATA.weightedError(in.weights(), in.labels(), in.predictions()), EXACT));
    }

    @Test
    void boost_matches_the_reference() {
      Props.check("boost agrees with the reference", EXAMPLES, AdaboostGens.rounds(), in -> {
        Round r = REFERENCE.boost(in.weights(), in.labels(), in.predictions(), in.classes(), in.learningRate());
        assertRound("boost, reference vs yours, for " + in,
            KATA.boost(in.weights(), in.labels(), in.predictions(), in.classes(), in.learningRate()),
            r.outcome(), r.error(), r.alpha(), r.weights());
      });
    }

    @Test
    void predict_matches_the_reference() {
      Props.check("predict agrees with the reference", EXAMPLES, AdaboostGens.votes(), v ->
          assertThat(KATA.predict(v.predictions(), v.alphas(), v.classes())).as("predict, reference vs yours, for %s", v)
              .containsExactly(REFERENCE.predict(v.predictions(), v.alphas(), v.classes())));
    }
  }

  static void assertRound(String what, Round actual, Outcome outcome, double error, double alpha, double[] weights) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.outcome()).as("%s: outcome", what).isEqualTo(outcome);
    assertClose(what + ": error", error, actual.error(), EXACT);
    assertClose(what + ": alpha", alpha, actual.alpha(), EXACT);
    assertAllClose(what + ": next weights", weights, actual.weights(), EXACT);
  }
}

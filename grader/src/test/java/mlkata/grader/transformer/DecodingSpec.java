package mlkata.grader.transformer;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.transformer.DecodingApi.Hypothesis;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code transformer/decoding}.
 *
 * <p>Tolerances: {@link #LOGIT} for filtered logits (kept values are returned unchanged, removed ones are
 * exactly {@code -Infinity}; only the temperature's division rounds), {@link #SCORE} for beam-search
 * log-probabilities and scores (sums of a few log-probabilities, divided by a power of the length), and
 * {@link #MASS} for probability masses in the top-p properties. The mistakes the grader targets change a
 * kept set, a chosen token or a score by far more.
 */
@KataSpec
@DisplayName("transformer/decoding: Greedy, sampling filters and beam search")
final class DecodingSpec {
  /** Division by the temperature rounds once: 1e-12 relative. */
  static final double LOGIT = 1e-12;
  /** Sums of up to a few log-probabilities and one power: rounding only. */
  static final double SCORE = 1e-9;
  /** Softmax masses summed over up to 12 tokens: rounding only. */
  static final double MASS = 1e-12;
  private static final int EXAMPLES = 200;
  private static final double NINF = Double.NEGATIVE_INFINITY;

  private static final DecodingApi KATA = Target.pick(new DecodingOfExercises(), new DecodingOfSolutions());
  private static final DecodingApi REFERENCE = new DecodingOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void greedy_takes_the_largest_logit_and_the_lowest_id_on_ties() {
      assertThat(KATA.greedy(new double[] {0.1, 2, -1})).as("greedy([0.1, 2, -1])").isEqualTo(1);
      assertThat(KATA.greedy(new double[] {1, 3, 3})).as("greedy([1, 3, 3]): tie between ids 1 and 2").isEqualTo(1);
      assertThat(KATA.greedy(new double[] {NINF, -5, NINF, -7})).as("greedy([-inf, -5, -inf, -7])").isEqualTo(1);
      assertThat(KATA.greedy(new double[] {-3, -3})).as("greedy([-3, -3])").isEqualTo(0);
      assertThat(KATA.greedy(new double[] {7})).as("greedy([7])").isEqualTo(0);
    }

    @Test
    void temperature_divides_every_logit() {
      assertLogits("temperature([2, -4, 0], 0.5)", new double[] {4, -8, 0}, KATA.temperature(new double[] {2, -4, 0}, 0.5));
      assertLogits("temperature([3, -inf, 1], 2): a removed token stays removed", new double[] {1.5, NINF, 0.5},
          KATA.temperature(new double[] {3, NINF, 1}, 2));
    }

    @Test
    void top_k_removes_tokens_by_setting_them_to_minus_infinity() {
      // Zeroing instead would make a removed logit 0, larger than the kept -1.
      assertLogits("topK([-1, -2, -3], 1)", new double[] {-1, NINF, NINF}, KATA.topK(new double[] {-1, -2, -3}, 1));
      assertLogits("topK([5, 1, 4], 2)", new double[] {5, NINF, 4}, KATA.topK(new double[] {5, 1, 4}, 2));
    }

    @Test
    void top_k_keeps_every_tie_at_the_kth_value() {
      double[] x = {1, 3, 3, 2};
      // Sorted descending: 3, 3, 2, 1. k = 1 and k = 2: the k-th value is 3, both 3s stay.
      assertLogits("topK([1, 3, 3, 2], 1): the 1st largest is 3, both 3s are kept", new double[] {NINF, 3, 3, NINF},
          KATA.topK(x, 1));
      assertLogits("topK([1, 3, 3, 2], 2)", new double[] {NINF, 3, 3, NINF}, KATA.topK(x, 2));
      // k = 3: the 3rd largest is 2 (counting the repeated 3), so 1 goes.
      assertLogits("topK([1, 3, 3, 2], 3): the 3rd largest counts the repeated 3", new double[] {NINF, 3, 3, 2},
          KATA.topK(x, 3));
      assertLogits("topK([1, 2], 5): k above the vocabulary keeps everything", new double[] {1, 2}, KATA.topK(new double[] {1, 2}, 5));
    }

    @Test
    void top_p_keeps_the_token_that_crosses_the_threshold() {
      // Probabilities [0.5, 0.3, 0.2]. Ascending running sums: token 2: 0.2, token 1: 0.5, token 0: 1.0.
      // topP 0.6: remove running sums <= 0.4, i.e. only token 2. (Dropping every token whose running sum
      // from the top exceeds 0.6 would also drop token 1, which is the one that crosses 0.6.)
      double[] x = logs(0.5, 0.3, 0.2);
      assertLogits("topP(log [0.5, 0.3, 0.2], 0.6): tokens 0 and 1 stay", new double[] {x[0], x[1], NINF}, KATA.topP(x, 0.6));
      // topP 0.4: remove running sums <= 0.6: tokens 2 and 1; token 0 alone holds 0.5 >= 0.4.
      assertLogits("topP(log [0.5, 0.3, 0.2], 0.4)", new double[] {x[0], NINF, NINF}, KATA.topP(x, 0.4));
      // topP 0.9: remove running sums <= 0.1: none.
      assertLogits("topP(log [0.5, 0.3, 0.2], 0.9)", x, KATA.topP(x, 0.9));
    }

    @Test
    void top_p_zero_keeps_the_top_token_and_one_keeps_all() {
      double[] x = {0.3, 2, -1, 1.5};
      assertLogits("topP(x, 0): only the largest logit survives", new double[] {NINF, 2, NINF, NINF}, KATA.topP(x, 0));
      assertLogits("topP(x, 1): nothing of positive probability is removed", x, KATA.topP(x, 1));
      assertLogits("topP([4, -inf, 1], 0.99): a removed token stays removed", new double[] {4, NINF, 1},
          KATA.topP(new double[] {4, NINF, 1}, 0.99));
    }

    @Test
    void top_p_removes_the_higher_id_first_among_equal_logits_and_compares_with_less_or_equal() {
      // Four equal logits: probabilities 0.25 each, exact. Ascending order pinned as ids 3, 2, 1, 0;
      // running sums 0.25, 0.5, 0.75, 1.0. topP 0.5: remove sums <= 0.5 (exactly), so ids 3 and 2 go.
      // Lower ids first would remove ids 0 and 1; a strict < would keep id 2.
      assertLogits("topP([0, 0, 0, 0], 0.5): ids 3 and 2 removed (running sum 0.5 <= 0.5 removes)",
          new double[] {0, 0, NINF, NINF}, KATA.topP(new double[] {0, 0, 0, 0}, 0.5));
    }

    @Test
    void sampling_inverts_the_cdf_in_token_id_order() {
      double[] x = logs(0.5, 0.3, 0.2);
      // Cumulative 0.5, 0.8, 1.0.
      assertThat(KATA.sample(x, 0.6)).as("sample(log [0.5, 0.3, 0.2], u = 0.6)").isEqualTo(1);
      assertThat(KATA.sample(x, 0.0)).as("sample(log [0.5, 0.3, 0.2], u = 0)").isEqualTo(0);
      assertThat(KATA.sample(x, 0.85)).as("sample(log [0.5, 0.3, 0.2], u = 0.85)").isEqualTo(2);
      // Token-id order, not probability order: [0.2, 0.8] with u = 0.1 is token 0 (cumulative 0.2 > 0.1).
      assertThat(KATA.sample(logs(0.2, 0.8), 0.1)).as("sample(log [0.2, 0.8], u = 0.1): the CDF runs in id order")
          .isEqualTo(0);
    }

    @Test
    void sampling_needs_the_cumulative_sum_strictly_above_u_and_skips_removed_tokens() {
      // [0, 0]: probabilities exactly 0.5. u = 0.5 is not below the first cumulative 0.5, so token 1.
      assertThat(KATA.sample(new double[] {0, 0}, 0.5)).as("sample([0, 0], u = 0.5): cumulative 0.5 is not > 0.5").isEqualTo(1);
      assertThat(KATA.sample(new double[] {0, 0}, 0.4999)).as("sample([0, 0], u = 0.4999)").isEqualTo(0);
      double[] y = {NINF, 0, NINF, 0};
      assertThat(KATA.sample(y, 0)).as("sample([-inf, 0, -inf, 0], u = 0): token 0 has probability 0").isEqualTo(1);
      assertThat(KATA.sample(y, 0.75)).as("sample([-inf, 0, -inf, 0], u = 0.75)").isEqualTo(3);
      assertThat(KATA.sample(new double[] {0, 0, NINF}, Math.nextDown(1.0)))
          .as("sample([0, 0, -inf], u just below 1): never the removed last token").isEqualTo(1);
    }

    @Test
    void sampling_and_top_p_subtract_the_largest_logit_before_exp() {
      // exp(800) overflows to infinity; softmax([800, 800]) is still [0.5, 0.5].
      assertThat(KATA.sample(new double[] {800, 800}, 0.6)).as("sample([800, 800], u = 0.6)").isEqualTo(1);
      assertThat(KATA.sample(new double[] {-800, -800}, 0.4)).as("sample([-800, -800], u = 0.4)").isEqualTo(0);
      assertLogits("topP([800, 800 - ln 4], 0.5): probabilities [0.8, 0.2]", new double[] {800, NINF},
          KATA.topP(new double[] {800, 800 - Math.log(4)}, 0.5));
    }

    @Test
    void when_rounding_leaves_the_total_below_u_sampling_returns_the_last_token_of_positive_probability() {
      // softmax([0, 2]) accumulates to 0.9999999999999999 in id order, not 1; u = 0.9999999999999999 is not
      // below it. The pinned fallback is the highest id of positive probability: 1, not the removed token 2.
      assertThat(KATA.sample(new double[] {0, 2, NINF}, Math.nextDown(1.0)))
          .as("sample([0, 2, -inf], u = 1 - 2^-53): the running sum ends at 1 - 2^-53").isEqualTo(1);
    }

    @Test
    void a_wider_beam_finds_a_better_sequence_than_greedy() {
      // Tokens: 0 = EOS, 1 = a, 2 = b; lengthPenalty 0 (score = total log-probability); maxLength 2.
      // [] -> EOS 0.1, a 0.5, b 0.4;  [a] -> EOS 0.4, a 0.3, b 0.3;  [b] -> EOS 0.9, a 0.05, b 0.05.
      // Width 2, step 1: a (0.5), b (0.4) alive; [EOS] (0.1) has rank 2 >= 2 and is ignored.
      // Step 2: [b EOS] 0.36 (rank 0, finished), [a EOS] 0.2 (rank 1, finished), [a a] 0.15, [a b] 0.15 alive.
      // At maxLength the alive beams (0.15) do not beat the worst finished (0.2). Result: [b EOS], [a EOS].
      Map<String, double[]> table = Map.of("[]", logs(0.1, 0.5, 0.4), "[1]", logs(0.4, 0.3, 0.3), "[2]", logs(0.9, 0.05, 0.05));
      List<Hypothesis> two = KATA.beamSearch(table(table), 2, 2, 0, 0);
      assertBeams("beamSearch width 2 on the a/b example", List.of(
          new Hypothesis(new int[] {2, 0}, Math.log(0.36), Math.log(0.36)),
          new Hypothesis(new int[] {1, 0}, Math.log(0.2), Math.log(0.2))), two);
      // Width 1 follows a, then [a EOS] 0.2 finishes; [a a] 0.15 stays alive and loses at the end.
      assertBeams("beamSearch width 1 on the a/b example (greedy's answer)",
          List.of(new Hypothesis(new int[] {1, 0}, Math.log(0.2), Math.log(0.2))), KATA.beamSearch(table(table), 1, 2, 0, 0));
    }

    @Test
    void an_eos_ranked_outside_the_beam_width_is_ignored() {
      // Tokens 0 = EOS, 1 = a. Width 1. [] -> EOS 0.45, a 0.55: [EOS] has rank 1 >= 1, so it is not kept
      // even though 0.45 beats everything later. [a] -> EOS 0.6, a 0.4: [a EOS] 0.33 finishes; [a a] 0.22
      // is alive at maxLength 2 and does not beat 0.33.
      Map<String, double[]> table = Map.of("[]", logs(0.45, 0.55), "[1]", logs(0.6, 0.4));
      assertBeams("beamSearch width 1: [EOS] at rank 1 is ignored (HF keeps an EOS only within the top beamWidth)",
          List.of(new Hypothesis(new int[] {1, 0}, Math.log(0.33), Math.log(0.33))), KATA.beamSearch(table(table), 1, 2, 0, 0));
    }

    @Test
    void the_length_in_the_penalty_counts_the_eos_token() {
      // Tokens 0 = EOS, 1 = a; width 2, maxLength 2, lengthPenalty 1 (score = logProb / length).
      // [] -> EOS 0.3, a 0.7;  [a] -> EOS 0.6, a 0.4.
      // [EOS]: ln 0.3 / 1 = -1.204. [a EOS]: ln 0.42 / 2 = -0.434. [a a] (maxLength): ln 0.28 / 2 = -0.637.
      // The pool keeps [a EOS] and [a a]. Without counting EOS, [a EOS] would score ln 0.42 / 1 = -0.868 and
      // come second.
      Map<String, double[]> table = Map.of("[]", logs(0.3, 0.7), "[1]", logs(0.6, 0.4));
      assertBeams("beamSearch with lengthPenalty 1: length([a, EOS]) = 2", List.of(
          new Hypothesis(new int[] {1, 0}, Math.log(0.42), Math.log(0.42) / 2),
          new Hypothesis(new int[] {1, 1}, Math.log(0.28), Math.log(0.28) / 2)), KATA.beamSearch(table(table), 2, 2, 0, 1));
    }

    @Test
    void the_length_penalty_exponent_favours_long_or_short_hypotheses() {
      // Same table. lengthPenalty 0: [a EOS] ln 0.42 = -0.868, [a a] ln 0.28 = -1.273, [EOS] ln 0.3 = -1.204:
      // the pool keeps [a EOS] and [EOS] ([a a] arrives last and does not beat -1.204).
      Map<String, double[]> table = Map.of("[]", logs(0.3, 0.7), "[1]", logs(0.6, 0.4));
      assertBeams("beamSearch with lengthPenalty 0 (plain log-probability)", List.of(
          new Hypothesis(new int[] {1, 0}, Math.log(0.42), Math.log(0.42)),
          new Hypothesis(new int[] {0}, Math.log(0.3), Math.log(0.3))), KATA.beamSearch(table(table), 2, 2, 0, 0));
      // lengthPenalty 2: [a EOS] ln 0.42 / 4 = -0.217, [a a] ln 0.28 / 4 = -0.318, [EOS] -1.204.
      assertBeams("beamSearch with lengthPenalty 2 (score = logProb / length^2)", List.of(
          new Hypothesis(new int[] {1, 0}, Math.log(0.42), Math.log(0.42) / 4),
          new Hypothesis(new int[] {1, 1}, Math.log(0.28), Math.log(0.28) / 4)), KATA.beamSearch(table(table), 2, 2, 0, 2));
    }

    @Test
    void without_eos_the_beams_stop_at_max_length_and_ties_go_to_the_earlier_beam() {
      // Tokens 0 = EOS (always impossible), 1, 2 with probabilities 0.6 and 0.4 at every step; width 2,
      // maxLength 2, lengthPenalty 1. Step 1: [1], [2]. Step 2: [1 1] 0.36, then [1 2] and [2 1] tie at
      // 0.24: beam [1] comes first, so [1 2] takes the last slot.
      Function<int[], double[]> step = prefix -> new double[] {NINF, Math.log(0.6), Math.log(0.4)};
      double l12 = Math.log(0.6) + Math.log(0.4);
      assertBeams("beamSearch with EOS impossible, width 2, maxLength 2", List.of(
          new Hypothesis(new int[] {1, 1}, 2 * Math.log(0.6), Math.log(0.6)),
          new Hypothesis(new int[] {1, 2}, l12, l12 / 2)), KATA.beamSearch(step, 2, 2, 0, 1));
      // maxLength 1: one step, both alive beams finished as they are.
      assertBeams("beamSearch with maxLength 1", List.of(
          new Hypothesis(new int[] {1}, Math.log(0.6), Math.log(0.6)),
          new Hypothesis(new int[] {2}, Math.log(0.4), Math.log(0.4))), KATA.beamSearch(step, 2, 1, 0, 1));
    }

    @Test
    void an_eos_ranked_at_beam_width_or_later_is_ignored_even_with_room_in_the_pool() {
      // Tokens 0 = EOS, 1 = a, 2 = b; width 2, maxLength 3, lengthPenalty 0.
      // [] -> EOS impossible, a 0.6, b 0.4. [a] -> EOS 0.5, a 0.4, b 0.1. [b] -> EOS 0.5, a 0.3, b 0.2.
      // Step 2 ranking: [a EOS] 0.30 (rank 0, finished), [a a] 0.24 (rank 1, alive), [b EOS] 0.20 (rank 2:
      // ignored), [b a] 0.12 (rank 3, alive). Step 3: both alive beams see only impossible tokens, nothing
      // is alive any more. The pool holds [a EOS] alone.
      Map<String, double[]> table = Map.of("[]", new double[] {NINF, Math.log(0.6), Math.log(0.4)},
          "[1]", logs(0.5, 0.4, 0.1), "[2]", logs(0.5, 0.3, 0.2), "[1, 1]", new double[] {NINF, NINF, NINF},
          "[2, 1]", new double[] {NINF, NINF, NINF});
      assertBeams("beamSearch width 2: [b EOS] at rank 2 is not added", List.of(
          new Hypothesis(new int[] {1, 0}, Math.log(0.3), Math.log(0.3))), KATA.beamSearch(table(table), 2, 3, 0, 0));
    }

    @Test
    void equal_scores_keep_the_order_in_which_they_finished() {
      // Tokens 1 and 2 equally likely, EOS impossible, maxLength 1: [1] and [2] finish in rank order with
      // equal scores; the earlier one ([1], lower id) stays first.
      Function<int[], double[]> step = prefix -> new double[] {NINF, Math.log(0.5), Math.log(0.5)};
      assertBeams("beamSearch with two equally likely tokens, width 2, maxLength 1", List.of(
          new Hypothesis(new int[] {1}, Math.log(0.5), Math.log(0.5)),
          new Hypothesis(new int[] {2}, Math.log(0.5), Math.log(0.5))), KATA.beamSearch(step, 2, 1, 0, 1));
    }

    @Test
    void the_step_function_sees_the_tokens_generated_so_far() {
      List<String> calls = new ArrayList<>();
      Function<int[], double[]> step = prefix -> {
        calls.add(Arrays.toString(prefix));
        return prefix.length == 0 ? logs(0.2, 0.8) : logs(0.9, 0.1);
      };
      // Width 1, EOS 0: [] -> a (rank 0); [a] -> EOS 0.72 finishes, [a a] 0.08 alive; [a a] -> EOS, a.
      KATA.beamSearch(step, 1, 3, 0, 0);
      assertThat(calls).as("the prefixes passed to step by beamSearch(width 1, maxLength 3)")
          .containsExactly("[]", "[1]", "[1, 1]");
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void logits_must_have_a_finite_entry_and_no_nan_or_plus_infinity() {
      double[][] bad = {{}, {NINF, NINF}, {0, Double.NaN}, {Double.POSITIVE_INFINITY, 1}};
      for (double[] x : bad) {
        String s = Arrays.toString(x);
        assertRejects("greedy(" + s + ")", "logits", () -> KATA.greedy(x));
        assertRejects("temperature(" + s + ", 1)", "logits", () -> KATA.temperature(x, 1));
        assertRejects("topK(" + s + ", 1)", "logits", () -> KATA.topK(x, 1));
        assertRejects("topP(" + s + ", 0.5)", "logits", () -> KATA.topP(x, 0.5));
        assertRejects("sample(" + s + ", 0.5)", "logits", () -> KATA.sample(x, 0.5));
      }
      assertNullRejected("greedy(null)", () -> KATA.greedy(null));
      assertNullRejected("topP(null, 0.5)", () -> KATA.topP(null, 0.5));
      assertNullRejected("sample(null, 0.5)", () -> KATA.sample(null, 0.5));
      assertNullRejected("topK(null, 1)", () -> KATA.topK(null, 1));
      assertNullRejected("temperature(null, 1)", () -> KATA.temperature(null, 1));
    }

    @Test
    void parameters_must_be_in_range() {
      double[] x = {1, 2, 3};
      for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("temperature with " + t, "temperature", () -> KATA.temperature(x, t));
      }
      for (int k : new int[] {0, -2}) {
        assertRejects("topK with k = " + k, "k", () -> KATA.topK(x, k));
      }
      for (double p : new double[] {-0.01, 1.01, Double.NaN}) {
        assertRejects("topP with topP = " + p, "topP", () -> KATA.topP(x, p));
      }
      for (double u : new double[] {-0.1, 1.0, Double.NaN}) {
        assertRejects("sample with u = " + u, "u", () -> KATA.sample(x, u));
      }
    }

    @Test
    void beam_search_arguments_must_be_valid() {
      Function<int[], double[]> step = prefix -> logs(0.5, 0.5);
      assertRejects("beamSearch with beamWidth 0", "beamWidth", () -> KATA.beamSearch(step, 0, 2, 0, 1));
      assertRejects("beamSearch with maxLength 0", "maxLength", () -> KATA.beamSearch(step, 2, 0, 0, 1));
      assertRejects("beamSearch with eosToken -1", "eosToken", () -> KATA.beamSearch(step, 2, 2, -1, 1));
      assertRejects("beamSearch with eosToken 2 for a vocabulary of 2", "eosToken", () -> KATA.beamSearch(step, 2, 2, 2, 1));
      assertRejects("beamSearch with lengthPenalty NaN", "lengthPenalty", () -> KATA.beamSearch(step, 2, 2, 0, Double.NaN));
      assertRejects("beamSearch with lengthPenalty +inf", "lengthPenalty",
          () -> KATA.beamSearch(step, 2, 2, 0, Double.POSITIVE_INFINITY));
      assertNullRejected("beamSearch with a null step", () -> KATA.beamSearch(null, 2, 2, 0, 1));
    }

    @Test
    void the_step_function_must_return_consistent_log_probabilities() {
      assertRejects("beamSearch when step returns null", "step", () -> KATA.beamSearch(p -> null, 2, 2, 0, 1));
      assertRejects("beamSearch when step returns an empty array", "step", () -> KATA.beamSearch(p -> new double[0], 2, 2, 0, 1));
      assertRejects("beamSearch when step returns NaN", "step",
          () -> KATA.beamSearch(p -> new double[] {-1, Double.NaN}, 2, 2, 0, 1));
      assertRejects("beamSearch when step returns +inf", "step",
          () -> KATA.beamSearch(p -> new double[] {Double.POSITIVE_INFINITY, -1}, 2, 2, 0, 1));
      assertRejects("beamSearch when step changes the vocabulary size", "step",
          () -> KATA.beamSearch(p -> p.length == 0 ? logs(0.2, 0.8) : logs(0.2, 0.3, 0.5), 2, 3, 0, 1));
    }

    @Test
    void inputs_are_not_modified() {
      double[] x = {0.5, NINF, 2, 2, -1};
      double[] copy = x.clone();
      KATA.greedy(x);
      KATA.temperature(x, 0.7);
      KATA.topK(x, 2);
      KATA.topP(x, 0.5);
      KATA.sample(x, 0.3);
      assertThat(x).as("logits after greedy, temperature, topK, topP and sample").containsExactly(copy);
    }
  }

  @Nested
  @DisplayName("golden cases from Hugging Face's rules in PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("transformer/decoding");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_the_reference_rules(Goldens.Case c) {
      double[] x = c.input().doubles("logits");
      String what = "golden '" + c.name() + "' vs " + c.library() + ", logits=" + Arrays.toString(x);
      switch (c.input().string("op")) {
        case "temperature" -> assertLogits("temperature, " + what, c.expected().doubles("logits"),
            KATA.temperature(x, c.input().number("param")));
        case "top_k" -> assertLogits("topK, " + what, c.expected().doubles("logits"), KATA.topK(x, (int) c.input().integer("param")));
        case "top_p" -> assertLogits("topP, " + what, c.expected().doubles("logits"), KATA.topP(x, c.input().number("param")));
        case "sample" -> assertThat(KATA.sample(x, c.input().number("param"))).as("sample, %s, u=%s", what,
            c.input().number("param")).isEqualTo((int) c.expected().integer("token"));
        case "pipeline" -> {
          double[] p = c.input().doubles("param");
          double[] filtered = KATA.topP(KATA.topK(KATA.temperature(x, p[0]), (int) p[1]), p[2]);
          assertLogits("temperature, topK, topP in turn, " + what, c.expected().doubles("logits"), filtered);
          assertThat(KATA.sample(filtered, p[3])).as("sample after the filters, %s", what)
              .isEqualTo((int) c.expected().integer("token"));
        }
        default -> throw new IllegalStateException("unknown op in " + c.name());
      }
    }
  }

  /** Logits with ties (a coarse grid) and removed tokens, at least one finite, and a parameter draw. */
  record LogitsInput(double[] logits, double param) {
    @Override
    public String toString() {
      return "logits=" + Arrays.toString(logits) + ", parameter " + param;
    }
  }

  static Gen<LogitsInput> logitsInputs() {
    return integers().between(1, 12).zip(longs().all(), doubles().between(0, 1), (n, seed, param) -> {
      Random random = new Random(seed);
      double[] x = new double[n];
      for (int j = 0; j < n; j++) {
        int kind = random.nextInt(8);
        x[j] = kind == 0 ? NINF : kind < 3 ? (random.nextInt(7) - 3) * 0.5 : (2 * random.nextDouble() - 1) * 4;
      }
      x[random.nextInt(n)] = (2 * random.nextDouble() - 1) * 4;
      return new LogitsInput(x, param);
    });
  }

  /**
   * A tiny language model: vocabulary {@code V}, EOS id, and log-probabilities drawn per prefix from a seed
   * (a few are {@code -Infinity}); plus a beam width, a maximum length and a length penalty.
   */
  record BeamProblem(int vocab, int eos, int beamWidth, int maxLength, double lengthPenalty, long seed) {
    double[] logProbs(int[] prefix) {
      Random random = new Random(seed * 1_000_003L + Arrays.hashCode(prefix));
      double[] logits = new double[vocab];
      double max = NINF;
      for (int t = 0; t < vocab; t++) {
        logits[t] = random.nextInt(9) == 0 ? NINF : random.nextGaussian() * 1.5;
        max = Math.max(max, logits[t]);
      }
      if (max == NINF) {
        logits[random.nextInt(vocab)] = 0;
        max = 0;
      }
      double sum = 0;
      for (double l : logits) {
        sum += Math.exp(l - max);
      }
      double log = max + Math.log(sum);
      for (int t = 0; t < vocab; t++) {
        logits[t] -= log;
      }
      return logits;
    }

    @Override
    public String toString() {
      StringBuilder table = new StringBuilder();
      List<int[]> prefixes = new ArrayList<>();
      prefixes.add(new int[0]);
      for (int i = 0; i < prefixes.size() && table.length() < 4000; i++) {
        int[] p = prefixes.get(i);
        table.append(Arrays.toString(p)).append(" -> ").append(Arrays.toString(logProbs(p))).append("; ");
        if (p.length + 1 < maxLength) {
          for (int t = 0; t < vocab; t++) {
            if (t != eos) {
              int[] q = Arrays.copyOf(p, p.length + 1);
              q[p.length] = t;
              prefixes.add(q);
            }
          }
        }
      }
      return "vocabulary " + vocab + ", eosToken " + eos + ", beamWidth " + beamWidth + ", maxLength " + maxLength
          + ", lengthPenalty " + lengthPenalty + ", step log-probabilities " + table;
    }
  }

  static Gen<BeamProblem> beamProblems(int maxVocab, int maxWidth, int maxLength) {
    Gen<Double> penalty = integers().between(0, 4).map(i -> new double[] {0, 1, 0.5, 2, -0.5}[i]);
    return integers().between(2, maxVocab).zip(integers().between(1, maxWidth), integers().between(1, maxLength), penalty,
        longs().all(), (v, w, l, lp, seed) -> new BeamProblem(v, (int) Math.floorMod(seed, (long) v), w, l, lp, seed));
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void top_k_keeps_at_least_k_tokens_and_only_the_largest() {
      Props.check("topK keeps min(k, finite count) or more tokens, none smaller than a removed one", EXAMPLES, logitsInputs(), in -> {
        int k = 1 + (int) (in.param() * in.logits().length);
        double[] y = KATA.topK(in.logits(), k);
        assertThat(y).as("topK(%s, %d)", Arrays.toString(in.logits()), k).hasSize(in.logits().length);
        double minKept = Double.POSITIVE_INFINITY;
        double maxRemoved = NINF;
        int kept = 0;
        int finite = 0;
        for (int j = 0; j < y.length; j++) {
          finite += in.logits()[j] == NINF ? 0 : 1;
          if (y[j] == NINF) {
            maxRemoved = Math.max(maxRemoved, in.logits()[j]);
          } else {
            kept++;
            minKept = Math.min(minKept, y[j]);
            assertThat(y[j]).as("kept logit %d of topK(%s, %d) is unchanged", j, Arrays.toString(in.logits()), k)
                .isEqualTo(in.logits()[j]);
          }
        }
        assertThat(kept).as("tokens kept by topK(%s, %d)", Arrays.toString(in.logits()), k).isGreaterThanOrEqualTo(Math.min(k, finite));
        assertThat(maxRemoved).as("largest removed logit vs smallest kept %s for topK(%s, %d)", minKept,
            Arrays.toString(in.logits()), k).isLessThan(minKept);
      });
    }

    @Test
    void top_p_keeps_a_smallest_prefix_of_mass_at_least_p() {
      Props.check("topP keeps the top tokens, their mass >= p, and dropping the lowest kept one leaves < p", EXAMPLES,
          logitsInputs(), in -> {
            double p = in.param();
            double[] x = in.logits();
            double[] y = KATA.topP(x, p);
            double[] prob = softmax(x);
            double keptMass = 0;
            double lowestKept = Double.POSITIVE_INFINITY;
            double lowestKeptProb = 0;
            int kept = 0;
            for (int j = 0; j < x.length; j++) {
              if (y[j] != NINF) {
                kept++;
                keptMass += prob[j];
                assertThat(y[j]).as("kept logit %d of topP(%s, %s) is unchanged", j, Arrays.toString(x), p).isEqualTo(x[j]);
                if (x[j] <= lowestKept) {
                  lowestKept = x[j];
                  lowestKeptProb = prob[j];
                }
              }
            }
            String what = "topP(" + Arrays.toString(x) + ", " + p + ") = " + Arrays.toString(y);
            assertThat(kept).as("tokens kept by %s", what).isGreaterThanOrEqualTo(1);
            for (int j = 0; j < x.length; j++) {
              if (y[j] == NINF && x[j] != NINF) {
                assertThat(x[j]).as("removed logit %d of %s is not above a kept one", j, what).isLessThanOrEqualTo(lowestKept);
              }
            }
            if (kept > 1) {
              assertThat(keptMass).as("kept mass of %s", what).isGreaterThanOrEqualTo(p - MASS);
              assertThat(keptMass - lowestKeptProb).as("kept mass without the lowest kept token, %s", what)
                  .isLessThan(p + MASS);
            }
          });
    }

    @Test
    void sampling_over_a_grid_of_u_reproduces_the_probabilities() {
      Props.check("sample(x, u) over 4000 evenly spaced u: frequencies = softmax(x), monotone in u", 100, logitsInputs(), in -> {
        double[] x = in.logits();
        double[] prob = softmax(x);
        int n = 4000;
        int[] counts = new int[x.length];
        int previous = 0;
        for (int i = 0; i < n; i++) {
          double u = (i + 0.5) / n;
          int j = KATA.sample(x, u);
          if (j < previous || j >= x.length || !(prob[j] > 0)) {
            fail(String.format("sample(%s, %s) returned %d; it must be a token of positive probability (%s), at or after"
                + " the token %d drawn for a smaller u", Arrays.toString(x), u, j, Arrays.toString(prob), previous));
          }
          previous = j;
          counts[j]++;
        }
        for (int j = 0; j < x.length; j++) {
          assertClose("share of token " + j + " over the u grid for " + Arrays.toString(x), prob[j], counts[j] / (double) n,
              1.0 / n + MASS);
        }
      });
    }

    @Test
    void temperature_keeps_the_greedy_choice() {
      Props.check("greedy(temperature(x, t)) = greedy(x) for t > 0", EXAMPLES, logitsInputs(), in -> {
        double t = 0.05 + 5 * in.param();
        assertThat(KATA.greedy(KATA.temperature(in.logits(), t))).as("greedy(temperature(%s, %s))",
            Arrays.toString(in.logits()), t).isEqualTo(KATA.greedy(in.logits()));
      });
    }

    @Test
    void a_beam_as_wide_as_all_sequences_finds_the_exhaustive_ranking() {
      Props.check("beamSearch with beamWidth = V^maxLength returns every complete sequence, best first", EXAMPLES,
          beamProblems(3, 1, 3), pr -> {
            int width = (int) Math.pow(pr.vocab(), pr.maxLength());
            List<Hypothesis> all = exhaustive(pr);
            List<Hypothesis> found = KATA.beamSearch(pr::logProbs, width, pr.maxLength(), pr.eos(), pr.lengthPenalty());
            String what = "beamSearch with beamWidth " + width + " for " + pr;
            assertThat(found).as(what).isNotNull();
            double[] expected = all.stream().mapToDouble(Hypothesis::score).sorted().toArray();
            double[] actual = found.stream().mapToDouble(Hypothesis::score).toArray();
            double[] reversed = new double[expected.length];
            for (int i = 0; i < expected.length; i++) {
              reversed[i] = expected[expected.length - 1 - i];
            }
            assertNear(() -> "scores of " + what + " vs every complete sequence " + show(all), reversed, actual, SCORE);
            if (all.size() > 1 && reversed[0] - reversed[1] > 1e-6) {
              Hypothesis best = all.stream().filter(h -> h.score() == reversed[0]).findFirst().orElseThrow();
              assertThat(found.get(0).tokens()).as("best hypothesis of %s", what).containsExactly(best.tokens());
            }
          });
    }

    @Test
    void every_hypothesis_is_complete_and_scored_by_its_own_log_probabilities() {
      Props.check("each returned hypothesis ends in EOS or has maxLength tokens; logProb = sum; score = logProb / len^lp",
          EXAMPLES, beamProblems(4, 3, 4), pr -> {
            List<Hypothesis> found = KATA.beamSearch(pr::logProbs, pr.beamWidth(), pr.maxLength(), pr.eos(), pr.lengthPenalty());
            String what = "beamSearch for " + pr + " returned " + show(found);
            assertThat(found).as(what).isNotNull();
            assertThat(found.size()).as("number of hypotheses, %s", what).isBetween(1, pr.beamWidth());
            double best = exhaustive(pr).stream().mapToDouble(Hypothesis::score).max().orElseThrow();
            double previous = Double.POSITIVE_INFINITY;
            for (Hypothesis h : found) {
              int[] t = h.tokens();
              assertThat(t.length).as("length of %s, %s", Arrays.toString(t), what).isBetween(1, pr.maxLength());
              for (int i = 0; i < t.length - 1; i++) {
                assertThat(t[i]).as("token %d of %s is not EOS before the end, %s", i, Arrays.toString(t), what).isNotEqualTo(pr.eos());
              }
              if (t[t.length - 1] != pr.eos()) {
                assertThat(t.length).as("%s does not end in EOS so it has maxLength tokens, %s", Arrays.toString(t), what)
                    .isEqualTo(pr.maxLength());
              }
              double sum = 0;
              for (int i = 0; i < t.length; i++) {
                sum += pr.logProbs(Arrays.copyOf(t, i))[t[i]];
              }
              assertNear("logProb of " + Arrays.toString(t) + ", " + what, sum, h.logProb(), SCORE);
              assertNear("score of " + Arrays.toString(t) + ", " + what, sum / Math.pow(t.length, pr.lengthPenalty()), h.score(), SCORE);
              assertThat(h.score()).as("scores are best first, %s", what).isLessThanOrEqualTo(previous + SCORE);
              assertThat(h.score()).as("no score beats the exhaustive best %s, %s", best, what).isLessThanOrEqualTo(best + SCORE);
              previous = h.score();
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void filters_and_sampling_match_the_reference() {
      Props.check("greedy, temperature, topK, topP and sample agree with the reference", EXAMPLES, logitsInputs(), in -> {
        double[] x = in.logits();
        String s = Arrays.toString(x);
        double p = in.param();
        int k = 1 + (int) (p * x.length);
        assertThat(KATA.greedy(x)).as("greedy(%s)", s).isEqualTo(REFERENCE.greedy(x));
        assertLogits("temperature(" + s + ", " + (0.1 + p) + ")", REFERENCE.temperature(x, 0.1 + p), KATA.temperature(x, 0.1 + p));
        assertLogits("topK(" + s + ", " + k + ")", REFERENCE.topK(x, k), KATA.topK(x, k));
        assertLogits("topP(" + s + ", " + p + ")", REFERENCE.topP(x, p), KATA.topP(x, p));
        double u = Math.min(p, Math.nextDown(1.0));
        assertThat(KATA.sample(x, u)).as("sample(%s, %s)", s, u).isEqualTo(REFERENCE.sample(x, u));
      });
    }

    @Test
    void beam_search_matches_the_reference() {
      Props.check("beamSearch agrees with the reference", EXAMPLES, beamProblems(4, 3, 4), pr -> {
        List<Hypothesis> expected = REFERENCE.beamSearch(pr::logProbs, pr.beamWidth(), pr.maxLength(), pr.eos(), pr.lengthPenalty());
        assertBeams("beamSearch, reference vs yours, " + pr, expected,
            KATA.beamSearch(pr::logProbs, pr.beamWidth(), pr.maxLength(), pr.eos(), pr.lengthPenalty()));
      });
    }
  }

  /** Every complete sequence (ends in EOS, or maxLength tokens without EOS) of finite log-probability. */
  static List<Hypothesis> exhaustive(BeamProblem pr) {
    List<Hypothesis> out = new ArrayList<>();
    expand(pr, new int[0], 0, out);
    return out;
  }

  private static void expand(BeamProblem pr, int[] prefix, double sum, List<Hypothesis> out) {
    double[] lp = pr.logProbs(prefix);
    for (int t = 0; t < pr.vocab(); t++) {
      double total = sum + lp[t];
      if (total == NINF) {
        continue;
      }
      int[] tokens = Arrays.copyOf(prefix, prefix.length + 1);
      tokens[prefix.length] = t;
      if (t == pr.eos() || tokens.length == pr.maxLength()) {
        out.add(new Hypothesis(tokens, total, total / Math.pow(tokens.length, pr.lengthPenalty())));
      } else {
        expand(pr, tokens, total, out);
      }
    }
  }

  static Function<int[], double[]> table(Map<String, double[]> table) {
    Map<String, double[]> copy = new HashMap<>(table);
    return prefix -> {
      double[] lp = copy.get(Arrays.toString(prefix));
      if (lp == null) {
        throw new AssertionError("the example's step function has no entry for prefix " + Arrays.toString(prefix)
            + "; beam search should not extend it");
      }
      return lp.clone();
    };
  }

  static double[] logs(double... p) {
    return Arrays.stream(p).map(Math::log).toArray();
  }

  static double[] softmax(double[] x) {
    double max = Arrays.stream(x).max().orElseThrow();
    double[] e = Arrays.stream(x).map(v -> Math.exp(v - max)).toArray();
    double s = Arrays.stream(e).sum();
    return Arrays.stream(e).map(v -> v / s).toArray();
  }

  static String show(List<Hypothesis> hs) {
    if (hs == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("[");
    for (Hypothesis h : hs) {
      sb.append(h == null ? "null" : Arrays.toString(h.tokens()) + " logProb " + h.logProb() + " score " + h.score()).append("; ");
    }
    return sb.append("]").toString();
  }

  static void assertLogits(String what, double[] expected, double[] actual) {
    assertNear(() -> what, expected, actual, LOGIT);
  }

  static void assertBeams(String what, List<Hypothesis> expected, List<Hypothesis> actual) {
    assertThat(actual).as("%s: the result", what).isNotNull();
    String full = what + ": expected " + show(expected) + " but got " + show(actual);
    assertThat(actual.size()).as("%s: number of hypotheses", full).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Hypothesis e = expected.get(i);
      Hypothesis a = actual.get(i);
      assertThat(a).as("%s: hypothesis %d", full, i).isNotNull();
      assertThat(a.tokens()).as("%s: tokens of hypothesis %d", full, i).containsExactly(e.tokens());
      assertNear("logProb of hypothesis " + i + ", " + full, e.logProb(), a.logProb(), SCORE);
      assertNear("score of hypothesis " + i + ", " + full, e.score(), a.score(), SCORE);
    }
  }
}

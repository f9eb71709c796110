package mlkata.grader.ensembles;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import mlkata.grader.ensembles.BaggingApi.OutOfBag;
import mlkata.grader.ensembles.BaggingApi.SoftVote;
import mlkata.grader.ensembles.BaggingGens.Drawn;
import mlkata.grader.ensembles.BaggingGens.Ensemble;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code ensembles/bagging}.
 *
 * <p>Tolerances: {@link #PROBABILITY} for averaged probability rows and {@link #SCORE} for the
 * out-of-bag accuracy. Indices, votes and predicted classes are integers and compared exactly; the
 * random inputs use probabilities that are multiples of 1/8, so their sums are exact and ties are
 * exact ties. {@link #DISTINCT_PER_SEED} and {@link #DISTINCT_MEAN} bound the statistical check on
 * the fraction of distinct indices in a bootstrap sample.
 */
@KataSpec
@DisplayName("ensembles/bagging: Bootstrap, out-of-bag and voting")
final class BaggingSpec {
  /**
   * A mean of at most 25 probability rows: another summation order (or scikit-learn's pairwise sums)
   * moves the result by a few ulps of 1, far below 1e-12.
   */
  static final double PROBABILITY = 1e-12;
  /** The accuracy is a count divided by n: exact up to the one division. */
  static final double SCORE = 1e-12;
  /**
   * One bootstrap of 10,000 indices keeps a fraction of distinct indices with standard deviation about
   * 0.003 around {@code 1 - (1 - 1/n)^n}; 0.015 is five of them, and the seeds are fixed.
   */
  static final double DISTINCT_PER_SEED = 0.015;
  /** The mean over 20 such bootstraps has standard deviation about 0.0007; 0.005 is seven of them. */
  static final double DISTINCT_MEAN = 0.005;
  private static final int EXAMPLES = 300;

  private static final BaggingApi KATA = Target.pick(new BaggingOfExercises(), new BaggingOfSolutions());
  private static final BaggingApi REFERENCE = new BaggingOfSolutions();

  /** The statement example: two members, four samples, two classes. */
  private static final int[][] STATEMENT_SAMPLES = {{0, 0, 2, 3}, {1, 1, 3, 3}};
  private static final double[][][] STATEMENT_PROBABILITIES = {
      {{.8, .2}, {.4, .6}, {.5, .5}, {.1, .9}},
      {{.3, .7}, {.6, .4}, {.5, .5}, {.2, .8}}};
  private static final int[] STATEMENT_LABELS = {1, 1, 0, 1};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_out_of_bag_example() {
      OutOfBag oob = KATA.outOfBag(STATEMENT_SAMPLES, STATEMENT_PROBABILITIES, STATEMENT_LABELS);
      assertOutOfBag("outOfBag of the statement example (only members whose bootstrap left a sample out vote "
          + "on it; a sample in every bag gets NaN)", oob,
          new double[][] {{.3, .7}, {.4, .6}, {.5, .5}, {Double.NaN, Double.NaN}}, new int[] {1, 1, 0, 0}, 0.75);
    }

    @Test
    void the_problem_statement_hard_vote_example() {
      assertThat(KATA.hardVote(new int[][] {{0, 2, 1}, {2, 2, 0}}, 3))
          .as("hardVote([[0, 2, 1], [2, 2, 0]], 3): ties go to the smaller label").containsExactly(0, 2, 0);
    }

    @Test
    void a_bootstrap_sample_is_n_calls_of_next_int_n_in_order() {
      RecordingRandom recorder = new RecordingRandom(42);
      int[] sample = KATA.bootstrapSample(7, recorder);
      SplittableRandom twin = new SplittableRandom(42);
      int[] expected = new int[7];
      for (int j = 0; j < 7; j++) {
        expected[j] = twin.nextInt(7);
      }
      assertThat(sample).as("bootstrapSample(7, SplittableRandom(42)) vs seven nextInt(7) of the same generator")
          .containsExactly(expected);
      assertThat(recorder.bounds).as("the bounds passed to rng.nextInt(bound) by bootstrapSample(7, rng)")
          .containsExactly(7, 7, 7, 7, 7, 7, 7);
      assertThat(recorder.otherCalls).as("calls of rng methods other than nextInt(bound) by bootstrapSample(7, rng)")
          .isZero();
    }

    @Test
    void bootstraps_of_zero_and_one_index() {
      RecordingRandom recorder = new RecordingRandom(1);
      assertThat(KATA.bootstrapSample(0, recorder)).as("bootstrapSample(0, rng)").isEmpty();
      assertThat(recorder.bounds).as("rng.nextInt calls of bootstrapSample(0, rng) (nextInt(0) would throw)").isEmpty();
      assertThat(recorder.otherCalls).as("other rng calls of bootstrapSample(0, rng)").isZero();
      assertThat(KATA.bootstrapSample(1, recorder)).as("bootstrapSample(1, rng)").containsExactly(0);
      assertThat(recorder.bounds).as("rng.nextInt calls of bootstrapSample(1, rng)").containsExactly(1);
    }

    @Test
    void out_of_bag_indices_are_the_missing_indices_in_ascending_order() {
      assertThat(KATA.outOfBagIndices(new int[] {2, 0, 2}, 3)).as("outOfBagIndices([2, 0, 2], 3)").containsExactly(1);
      assertThat(KATA.outOfBagIndices(new int[] {4, 4, 1, 4, 0, 4, 4, 4}, 6))
          .as("outOfBagIndices([4, 4, 1, 4, 0, 4, 4, 4], 6): a sample longer than n").containsExactly(2, 3, 5);
      assertThat(KATA.outOfBagIndices(new int[] {3}, 5)).as("outOfBagIndices([3], 5): a short sample")
          .containsExactly(0, 1, 2, 4);
      assertThat(KATA.outOfBagIndices(new int[0], 3)).as("outOfBagIndices([], 3)").containsExactly(0, 1, 2);
      assertThat(KATA.outOfBagIndices(new int[] {1, 0, 2}, 3)).as("outOfBagIndices([1, 0, 2], 3)").isEmpty();
      assertThat(KATA.outOfBagIndices(new int[0], 0)).as("outOfBagIndices([], 0)").isEmpty();
    }

    @Test
    void hard_votes_and_their_ties() {
      // Sample 0: votes 1, 3, 3, 1 -> tie between 1 and 3 -> 1. Sample 1: 2, 0, 2, 2 -> 2.
      // Sample 2: 3, 2, 1, 0 -> four-way tie -> 0. Sample 3: 3, 3, 3, 0 -> 3.
      int[][] predictions = {{1, 2, 3, 3}, {3, 0, 2, 3}, {3, 2, 1, 3}, {1, 2, 0, 0}};
      assertThat(KATA.hardVote(predictions, 4)).as("hardVote(%s, 4)", Arrays.deepToString(predictions))
          .containsExactly(1, 2, 0, 3);
      assertThat(KATA.hardVote(new int[][] {{2, 0, 1}}, 5)).as("hardVote with one member is that member")
          .containsExactly(2, 0, 1);
      assertThat(KATA.hardVote(new int[][] {{4, 4}, {3, 4}, {3, 2}}, 5))
          .as("hardVote([[4, 4], [3, 4], [3, 2]], 5): the majority, not the largest label").containsExactly(3, 4);
      assertThat(KATA.hardVote(new int[][] {{}, {}}, 2)).as("hardVote of two members and no samples").isEmpty();
    }

    @Test
    void soft_votes_are_weighted_means() {
      double[][][] p = {{{1, 0, 0}, {.25, .25, .5}}, {{0, .5, .5}, {.5, .5, 0}}};
      // Weights 3 and 1: sample 0 -> (3 [1, 0, 0] + [0, .5, .5]) / 4 = [.75, .125, .125];
      // sample 1 -> (3 [.25, .25, .5] + [.5, .5, 0]) / 4 = [.3125, .3125, .375].
      SoftVote v = KATA.softVote(p, new double[] {3, 1});
      assertSoftVote("softVote with weights [3, 1]", v, new double[][] {{.75, .125, .125}, {.3125, .3125, .375}},
          new int[] {0, 2});
      // Equal weights: sample 0 -> [.5, .25, .25]; sample 1 -> [.375, .375, .25]: a tie, class 0 wins.
      assertSoftVote("softVote with weights [1, 1]", KATA.softVote(p, new double[] {1, 1}),
          new double[][] {{.5, .25, .25}, {.375, .375, .25}}, new int[] {0, 0});
      assertSoftVote("softVote with weights [0, 2] (the first member takes no part)",
          KATA.softVote(p, new double[] {0, 2}), new double[][] {{0, .5, .5}, {.5, .5, 0}}, new int[] {1, 0});
    }

    @Test
    void a_sample_never_out_of_bag_predicts_class_zero_and_still_counts() {
      // Sample 0 is in both samples: NaN row, prediction 0; its label 0 makes it "correct".
      // Sample 1 is out of bag for both members: mean of [.25, .75] and [.75, .25] is a tie -> 0, label 1.
      // Sample 2 is out of bag for member 1 only: [0, 1] -> 1, label 1.
      int[][] samples = {{0, 0, 2}, {0, 0, 0}};
      double[][][] p = {{{1, 0}, {.25, .75}, {1, 0}}, {{1, 0}, {.75, .25}, {0, 1}}};
      assertOutOfBag("outOfBag with a sample in every bag", KATA.outOfBag(samples, p, new int[] {0, 1, 1}),
          new double[][] {{Double.NaN, Double.NaN}, {.5, .5}, {0, 1}}, new int[] {0, 0, 1}, 2.0 / 3);
      assertOutOfBag("the same with label 1 for the sample in every bag",
          KATA.outOfBag(samples, p, new int[] {1, 1, 1}),
          new double[][] {{Double.NaN, Double.NaN}, {.5, .5}, {0, 1}}, new int[] {0, 0, 1}, 1.0 / 3);
    }

    @Test
    void the_out_of_bag_decision_is_the_mean_over_the_members_that_left_the_sample_out() {
      // Three classes, one sample, three members; members 0 and 2 left it out.
      int[][] samples = {{}, {0}, {}};
      double[][][] p = {{{.5, .25, .25}}, {{0, 0, 1}}, {{.25, .25, .5}}};
      assertOutOfBag("outOfBag where two of three members left the sample out",
          KATA.outOfBag(samples, p, new int[] {2}), new double[][] {{.375, .25, .375}}, new int[] {0}, 0);
    }

    @Test
    void rows_that_sum_to_one_up_to_rounding_are_accepted() {
      double third = 1.0 / 3;
      double[] tenths = new double[10];
      Arrays.fill(tenths, 0.1); // sums to 0.9999999999999999 in double
      double[][][] p = {{{third, third, third, 0, 0, 0, 0, 0, 0, 0}, tenths}};
      SoftVote v = KATA.softVote(p, new double[] {1});
      assertSoftVote("softVote of rows [1/3 x 3, 0 x 7] and [0.1 x 10]", v, p[0], new int[] {0, 0});
      assertOutOfBag("outOfBag of the same rows, both samples out of bag", KATA.outOfBag(new int[][] {{}}, p,
          new int[] {0, 9}), p[0], new int[] {0, 0}, 0.5);
    }

    @Test
    void out_of_bag_does_not_modify_its_inputs() {
      int[][] samples = deepCopy(STATEMENT_SAMPLES);
      double[][][] p = deepCopy(STATEMENT_PROBABILITIES);
      int[] labels = STATEMENT_LABELS.clone();
      KATA.outOfBag(samples, p, labels);
      assertThat(samples).as("samples after outOfBag").isDeepEqualTo(STATEMENT_SAMPLES);
      assertThat(p).as("probabilities after outOfBag").isDeepEqualTo(STATEMENT_PROBABILITIES);
      assertThat(labels).as("labels after outOfBag").containsExactly(STATEMENT_LABELS);
    }

    @Test
    void out_of_bag_indices_does_not_modify_the_sample() {
      int[][] samples = deepCopy(STATEMENT_SAMPLES);
      KATA.outOfBagIndices(samples[0], 4);
      assertThat(samples).as("the sample after outOfBagIndices").isDeepEqualTo(STATEMENT_SAMPLES);
    }

    @Test
    void soft_vote_does_not_modify_its_inputs() {
      double[][][] p = deepCopy(STATEMENT_PROBABILITIES);
      double[] weights = {2, 0.5};
      KATA.softVote(p, weights);
      assertThat(p).as("probabilities after softVote").isDeepEqualTo(STATEMENT_PROBABILITIES);
      assertThat(weights).as("weights after softVote").containsExactly(2, 0.5);
    }

    @Test
    void hard_vote_does_not_modify_the_predictions() {
      int[][] votes = {{0, 1, 1, 0}, {1, 1, 0, 0}};
      KATA.hardVote(votes, 2);
      assertThat(votes).as("predictions after hardVote").isDeepEqualTo(new int[][] {{0, 1, 1, 0}, {1, 1, 0, 0}});
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void bootstrap_and_out_of_bag_indices_reject_bad_sizes_and_indices() {
      assertRejects("bootstrapSample(-1, rng)", "n", () -> KATA.bootstrapSample(-1, new SplittableRandom(1)));
      assertNullRejected("bootstrapSample(3, null)", () -> KATA.bootstrapSample(3, null));
      assertRejects("outOfBagIndices([], -1)", "n", () -> KATA.outOfBagIndices(new int[0], -1));
      assertRejects("outOfBagIndices([0, 3], 3)", "sample", () -> KATA.outOfBagIndices(new int[] {0, 3}, 3));
      assertRejects("outOfBagIndices([-1], 3)", "sample", () -> KATA.outOfBagIndices(new int[] {-1}, 3));
      assertNullRejected("outOfBagIndices(null, 3)", () -> KATA.outOfBagIndices(null, 3));
    }

    @Test
    void hard_vote_rejects_bad_classes_and_shapes() {
      assertRejects("hardVote with numClasses 0", "numClasses", () -> KATA.hardVote(new int[][] {{0}}, 0));
      assertRejects("hardVote with no members", "predictions", () -> KATA.hardVote(new int[0][], 2));
      assertRejects("hardVote with rows of lengths 2 and 3", "predictions",
          () -> KATA.hardVote(new int[][] {{0, 1}, {0, 1, 1}}, 2));
      assertRejects("hardVote with class 2 of 2", "predictions", () -> KATA.hardVote(new int[][] {{0, 2}}, 2));
      assertRejects("hardVote with class -1", "predictions", () -> KATA.hardVote(new int[][] {{0, 1}, {-1, 0}}, 2));
      assertNullRejected("hardVote(null, 2)", () -> KATA.hardVote(null, 2));
    }

    @Test
    void soft_vote_rejects_bad_probabilities_and_weights() {
      double[] w2 = {1, 1};
      assertRejects("softVote with no members", "probabilities", () -> KATA.softVote(new double[0][][], new double[0]));
      assertRejects("softVote with 1 and 2 samples", "probabilities",
          () -> KATA.softVote(new double[][][] {{{1, 0}}, {{1, 0}, {0, 1}}}, w2));
      assertRejects("softVote with 2 and 3 classes", "probabilities",
          () -> KATA.softVote(new double[][][] {{{1, 0}}, {{1, 0, 0}}}, w2));
      assertRejects("softVote with zero classes", "probabilities", () -> KATA.softVote(new double[][][] {{{}}}, new double[] {1}));
      assertRejects("softVote with a row summing to 0.9", "probabilities",
          () -> KATA.softVote(new double[][][] {{{0.5, 0.4}}}, new double[] {1}));
      assertRejects("softVote with a negative probability", "probabilities",
          () -> KATA.softVote(new double[][][] {{{1.5, -0.5}}}, new double[] {1}));
      assertRejects("softVote with a NaN probability", "probabilities",
          () -> KATA.softVote(new double[][][] {{{Double.NaN, 1}}}, new double[] {1}));
      double[][][] p = {{{1, 0}}, {{0, 1}}};
      assertRejects("softVote with 3 weights for 2 members", "weights", () -> KATA.softVote(p, new double[] {1, 1, 1}));
      assertRejects("softVote with a negative weight", "weights", () -> KATA.softVote(p, new double[] {2, -1}));
      assertRejects("softVote with an infinite weight", "weights",
          () -> KATA.softVote(p, new double[] {1, Double.POSITIVE_INFINITY}));
      assertRejects("softVote with a NaN weight", "weights", () -> KATA.softVote(p, new double[] {1, Double.NaN}));
      assertRejects("softVote with weights summing to 0", "weights", () -> KATA.softVote(p, new double[] {0, 0}));
      assertNullRejected("softVote(p, null)", () -> KATA.softVote(p, null));
    }

    @Test
    void out_of_bag_rejects_inconsistent_ensembles() {
      int[][] s = STATEMENT_SAMPLES;
      double[][][] p = STATEMENT_PROBABILITIES;
      int[] y = STATEMENT_LABELS;
      assertRejects("outOfBag with no members", "samples", () -> KATA.outOfBag(new int[0][], new double[0][][], y));
      assertRejects("outOfBag with 1 sample list and 2 probability matrices", "samples",
          () -> KATA.outOfBag(new int[][] {s[0]}, p, y));
      assertRejects("outOfBag with index 4 of 4 samples", "samples",
          () -> KATA.outOfBag(new int[][] {{0, 4}, s[1]}, p, y));
      assertRejects("outOfBag with 3 labels for 4-row matrices", "probabilities",
          () -> KATA.outOfBag(s, p, new int[] {1, 1, 0}));
      assertRejects("outOfBag with no labels", "labels",
          () -> KATA.outOfBag(new int[][] {{}}, new double[][][] {{}}, new int[0]));
      assertRejects("outOfBag with label 2 of 2 classes", "labels", () -> KATA.outOfBag(s, p, new int[] {1, 2, 0, 1}));
      assertRejects("outOfBag with label -1", "labels", () -> KATA.outOfBag(s, p, new int[] {1, 1, -1, 1}));
      double[][][] bad = deepCopy(p);
      bad[1][2] = new double[] {0.5, 0.6};
      assertRejects("outOfBag with a row summing to 1.1", "probabilities", () -> KATA.outOfBag(s, bad, y));
      double[][][] ragged = deepCopy(p);
      ragged[0][3] = new double[] {0.2, 0.3, 0.5};
      assertRejects("outOfBag with a row of 3 classes among rows of 2", "probabilities",
          () -> KATA.outOfBag(s, ragged, y));
      assertNullRejected("outOfBag(null, p, y)", () -> KATA.outOfBag(null, p, y));
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> outOfBagCases() {
      return Goldens.cases("ensembles/bagging").stream().filter(c -> c.input().has("samples")).collect(Collectors.toList());
    }

    static List<Goldens.Case> hardCases() {
      return Goldens.cases("ensembles/bagging").stream()
          .filter(c -> c.input().has("predictions")).collect(Collectors.toList());
    }

    static List<Goldens.Case> softCases() {
      return Goldens.cases("ensembles/bagging").stream()
          .filter(c -> c.input().has("weights")).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBagCases")
    void out_of_bag_matches_bagging_classifier(Goldens.Case c) {
      OutOfBag oob = KATA.outOfBag(c.input().intMatrix("samples"), c.input().cube("probabilities"), c.input().ints("labels"));
      assertOutOfBag("outOfBag of golden '" + c.name() + "' vs " + c.library() + " (oob_decision_function_, oob_score_)",
          oob, c.expected().matrix("decision"), c.expected().ints("predictions"), c.expected().number("score"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfBagCases")
    void mean_probabilities_match_bagging_classifier(Goldens.Case c) {
      int[][] samples = c.input().intMatrix("samples");
      double[][][] p = c.input().cube("probabilities");
      String what = "golden '" + c.name() + "' vs " + c.library();
      double[] ones = new double[samples.length];
      Arrays.fill(ones, 1);
      assertSoftVote("softVote with equal weights of " + what + " (BaggingClassifier.predict_proba)",
          KATA.softVote(p, ones), c.expected().matrix("ensemble_probabilities"),
          c.expected().ints("ensemble_predictions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardCases")
    void hard_votes_match_voting_classifier(Goldens.Case c) {
      int[][] predictions = c.input().intMatrix("predictions");
      assertThat(KATA.hardVote(predictions, (int) c.input().integer("num_classes")))
          .as("hardVote of golden '%s' vs %s VotingClassifier(voting='hard').predict", c.name(), c.library())
          .containsExactly(c.expected().ints("predictions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softCases")
    void soft_votes_match_voting_classifier(Goldens.Case c) {
      double[][][] p = c.input().cube("probabilities");
      assertSoftVote("softVote of golden '" + c.name() + "' vs " + c.library() + " VotingClassifier(voting='soft')",
          KATA.softVote(p, c.input().doubles("weights")), c.expected().matrix("probabilities"),
          c.expected().ints("predictions"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void a_bootstrap_keeps_about_63_percent_distinct_indices() {
      int n = 10_000;
      double expected = 1 - Math.pow(1 - 1.0 / n, n);
      double sum = 0;
      for (long seed = 1; seed <= 20; seed++) {
        int[] sample = KATA.bootstrapSample(n, new SplittableRandom(seed));
        assertThat(sample).as("bootstrapSample(10000, SplittableRandom(%d))", seed).hasSize(n);
        double distinct = Arrays.stream(sample).distinct().count() / (double) n;
        assertClose("fraction of distinct indices in bootstrapSample(10000, SplittableRandom(" + seed
            + ")), expected about 1 - (1 - 1/n)^n", expected, distinct, DISTINCT_PER_SEED);
        sum += distinct;
      }
      assertClose("mean fraction of distinct indices over 20 bootstraps of 10000", expected, sum / 20, DISTINCT_MEAN);
    }

    @Test
    void a_bootstrap_replays_the_generator() {
      Gen<long[]> inputs = org.quicktheories.generators.SourceDSL.integers().between(0, 60)
          .zip(org.quicktheories.generators.SourceDSL.longs().all(), (n, seed) -> new long[] {n, seed});
      Props.check("bootstrapSample(n, rng) is n calls of rng.nextInt(n), in order, and nothing else", EXAMPLES,
          inputs, in -> {
            int n = (int) in[0];
            RecordingRandom recorder = new RecordingRandom(in[1]);
            int[] sample = KATA.bootstrapSample(n, recorder);
            SplittableRandom twin = new SplittableRandom(in[1]);
            int[] expected = new int[n];
            for (int j = 0; j < n; j++) {
              expected[j] = twin.nextInt(n);
            }
            String what = "bootstrapSample(" + n + ", SplittableRandom(" + in[1] + "))";
            assertThat(sample).as("%s vs %d nextInt(%d) of the same generator", what, n, n).containsExactly(expected);
            assertThat(recorder.bounds.size()).as("%s: number of nextInt(bound) calls", what).isEqualTo(n);
            assertThat(recorder.otherCalls).as("%s: calls of other rng methods", what).isZero();
          });
    }

    @Test
    void out_of_bag_indices_are_the_ascending_complement_of_the_sample() {
      Props.check("outOfBagIndices is the complement of the sample, ascending", EXAMPLES, BaggingGens.drawn(), d -> {
        int[] oob = KATA.outOfBagIndices(d.sample(), d.n());
        boolean[] in = new boolean[d.n()];
        for (int i : d.sample()) {
          in[i] = true;
        }
        int[] expected = java.util.stream.IntStream.range(0, d.n()).filter(i -> !in[i]).toArray();
        assertThat(oob).as("outOfBagIndices for %s", d).containsExactly(expected);
      });
    }

    @Test
    void the_hard_vote_is_the_smallest_most_voted_class() {
      Props.check("hardVote gives the smallest class among those with the most votes", EXAMPLES,
          BaggingGens.ensembles(false), e -> {
            int[] winners = KATA.hardVote(e.predictions(), e.classes());
            assertThat(winners).as("hardVote for %s", e).hasSize(e.size());
            for (int i = 0; i < e.size(); i++) {
              int[] counts = new int[e.classes()];
              for (int[] row : e.predictions()) {
                counts[row[i]]++;
              }
              int w = winners[i];
              assertThat(w).as("hardVote winner of sample %d is a class, for %s", i, e).isBetween(0, e.classes() - 1);
              for (int k = 0; k < e.classes(); k++) {
                if (k < w) {
                  assertThat(counts[k]).as("votes of class %d < votes of the winner %d at sample %d (counts %s) for %s",
                      k, w, i, Arrays.toString(counts), e).isLessThan(counts[w]);
                } else {
                  assertThat(counts[k]).as("votes of class %d <= votes of the winner %d at sample %d (counts %s) for %s",
                      k, w, i, Arrays.toString(counts), e).isLessThanOrEqualTo(counts[w]);
                }
              }
            }
          });
    }

    @Test
    void reordering_the_members_changes_no_vote() {
      Props.check("the order of the members does not matter", EXAMPLES, BaggingGens.ensembles(false), e -> {
        int[][] reversedVotes = reversed(e.predictions());
        double[][][] reversedP = reversed(e.probabilities());
        double[] reversedW = new double[e.members()];
        for (int m = 0; m < e.members(); m++) {
          reversedW[m] = e.weights()[e.members() - 1 - m];
        }
        assertThat(KATA.hardVote(reversedVotes, e.classes())).as("hardVote with the members reversed, for %s", e)
            .containsExactly(KATA.hardVote(e.predictions(), e.classes()));
        SoftVote v = KATA.softVote(e.probabilities(), e.weights());
        assertSoftVote("softVote with the members reversed, for " + e, KATA.softVote(reversedP, reversedW),
            v.probabilities(), v.predictions());
      });
    }

    @Test
    void soft_voting_of_one_hot_rows_is_hard_voting() {
      Props.check("soft voting of one-hot rows with equal weights = hard voting", EXAMPLES,
          BaggingGens.ensembles(true), e -> {
            double[] ones = new double[e.members()];
            Arrays.fill(ones, 1);
            SoftVote v = KATA.softVote(e.probabilities(), ones);
            assertThat(v).as("softVote for %s", e).isNotNull();
            assertThat(v.predictions()).as("softVote predictions of one-hot rows = hardVote, for %s", e)
                .containsExactly(KATA.hardVote(e.predictions(), e.classes()));
          });
    }

    @Test
    void soft_votes_are_probability_rows_and_ignore_the_weight_scale() {
      Props.check("soft votes sum to one and scaling every weight by 4 changes nothing", EXAMPLES,
          BaggingGens.ensembles(false), e -> {
            SoftVote v = KATA.softVote(e.probabilities(), e.weights());
            double[] scaled = Arrays.stream(e.weights()).map(w -> 4 * w).toArray();
            assertThat(v).as("softVote for %s", e).isNotNull();
            assertThat(v.probabilities()).as("softVote rows for %s", e).hasNumberOfRows(e.size());
            for (int i = 0; i < e.size(); i++) {
              assertClose("sum of softVote row " + i + " for " + e, 1, Arrays.stream(v.probabilities()[i]).sum(),
                  PROBABILITY);
              assertThat(v.predictions()[i]).as("softVote prediction %d is the first argmax of its row, for %s", i, e)
                  .isEqualTo(BaggingGens.firstMax(v.probabilities()[i]));
            }
            assertSoftVote("softVote with 4x the weights, for " + e, KATA.softVote(e.probabilities(), scaled),
                v.probabilities(), v.predictions());
          });
    }

    @Test
    void a_member_with_weight_two_counts_as_two_members() {
      Props.check("duplicating a member = doubling its weight", EXAMPLES, BaggingGens.ensembles(false), e -> {
        int members = e.members();
        double[][][] withCopy = Arrays.copyOf(e.probabilities(), members + 1);
        withCopy[members] = e.probabilities()[0];
        double[] copyWeights = Arrays.copyOf(e.weights(), members + 1);
        copyWeights[members] = e.weights()[0];
        double[] doubled = e.weights().clone();
        doubled[0] *= 2;
        SoftVote v = KATA.softVote(e.probabilities(), doubled);
        assertSoftVote("softVote with member 0 repeated vs with its weight doubled, for " + e,
            KATA.softVote(withCopy, copyWeights), v.probabilities(), v.predictions());
      });
    }

    @Test
    void the_out_of_bag_row_is_the_mean_vote_of_the_members_that_left_the_sample_out() {
      Props.check("outOfBag row i = softVote of the members whose sample misses i", EXAMPLES,
          BaggingGens.ensembles(false), e -> {
            OutOfBag oob = KATA.outOfBag(e.samples(), e.probabilities(), e.labels());
            assertThat(oob).as("outOfBag for %s", e).isNotNull();
            int correct = 0;
            for (int i = 0; i < e.size(); i++) {
              List<double[][]> rows = new ArrayList<>();
              for (int m = 0; m < e.members(); m++) {
                int sample = i;
                if (Arrays.stream(e.samples()[m]).noneMatch(j -> j == sample)) {
                  rows.add(new double[][] {e.probabilities()[m][i]});
                }
              }
              double[] expectedRow;
              int expectedPrediction;
              if (rows.isEmpty()) {
                expectedRow = new double[e.classes()];
                Arrays.fill(expectedRow, Double.NaN);
                expectedPrediction = 0;
              } else {
                double[] ones = new double[rows.size()];
                Arrays.fill(ones, 1);
                SoftVote v = KATA.softVote(rows.toArray(new double[0][][]), ones);
                expectedRow = v.probabilities()[0];
                expectedPrediction = v.predictions()[0];
              }
              assertAllClose("outOfBag decision row " + i + " = mean over " + rows.size()
                  + " out-of-bag members (NaN if none), for " + e, expectedRow, oob.decision()[i], PROBABILITY);
              assertThat(oob.predictions()[i]).as("outOfBag prediction %d for %s", i, e).isEqualTo(expectedPrediction);
              correct += expectedPrediction == e.labels()[i] ? 1 : 0;
            }
            assertClose("outOfBag score = fraction of right predictions, for " + e, correct / (double) e.size(),
                oob.score(), SCORE);
          });
    }

    @Test
    void a_member_trained_on_everything_changes_no_out_of_bag_estimate() {
      Props.check("adding a member whose sample holds every index changes nothing", EXAMPLES,
          BaggingGens.ensembles(false), e -> {
            int members = e.members();
            int[][] samples = Arrays.copyOf(e.samples(), members + 1);
            samples[members] = java.util.stream.IntStream.range(0, e.size()).map(i -> e.size() - 1 - i).toArray();
            double[][][] p = Arrays.copyOf(e.probabilities(), members + 1);
            p[members] = e.probabilities()[0];
            OutOfBag expected = KATA.outOfBag(e.samples(), e.probabilities(), e.labels());
            assertThat(expected).as("outOfBag for %s", e).isNotNull();
            assertOutOfBag("outOfBag with an extra member trained on every index, for " + e,
                KATA.outOfBag(samples, p, e.labels()), expected.decision(), expected.predictions(), expected.score());
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void hard_vote_matches_the_reference_on_random_ensembles() {
      Props.check("hardVote agrees with the reference", EXAMPLES, BaggingGens.ensembles(false), e ->
          assertThat(KATA.hardVote(e.predictions(), e.classes())).as("hardVote, reference vs yours, for %s", e)
              .containsExactly(REFERENCE.hardVote(e.predictions(), e.classes())));
    }

    @Test
    void soft_vote_matches_the_reference_on_random_ensembles() {
      Props.check("softVote agrees with the reference", EXAMPLES, BaggingGens.ensembles(false), e -> {
        SoftVote v = REFERENCE.softVote(e.probabilities(), e.weights());
        assertSoftVote("softVote, reference vs yours, for " + e, KATA.softVote(e.probabilities(), e.weights()),
            v.probabilities(), v.predictions());
      });
    }

    @Test
    void out_of_bag_matches_the_reference_on_random_ensembles() {
      Props.check("outOfBag agrees with the reference", EXAMPLES, BaggingGens.ensembles(false), e -> {
        OutOfBag o = REFERENCE.outOfBag(e.samples(), e.probabilities(), e.labels());
        assertOutOfBag("outOfBag, reference vs yours, for " + e, KATA.outOfBag(e.samples(), e.probabilities(),
            e.labels()), o.decision(), o.predictions(), o.score());
      });
    }

    @Test
    void out_of_bag_indices_match_the_reference_on_random_samples() {
      Props.check("outOfBagIndices agrees with the reference", EXAMPLES, BaggingGens.ensembles(false), e -> {
        for (int[] sample : e.samples()) {
          assertThat(KATA.outOfBagIndices(sample, e.size()))
              .as("outOfBagIndices(%s, %d), reference vs yours", Arrays.toString(sample), e.size())
              .containsExactly(REFERENCE.outOfBagIndices(sample, e.size()));
        }
      });
    }

    @Test
    void out_of_bag_indices_agree_with_the_reference_on_the_speed_input() {
      int n = 200_000;
      int[] sample = REFERENCE.bootstrapSample(n, new SplittableRandom(7));
      assertThat(KATA.outOfBagIndices(sample, n))
          .as("outOfBagIndices of the speed input (a bootstrap of 200,000 from SplittableRandom(7)), reference vs yours")
          .containsExactly(REFERENCE.outOfBagIndices(sample, n));
    }

    @Test
    void out_of_bag_agrees_with_the_reference_on_the_speed_input() {
      Ensemble e = BaggingGens.build(10, 50_000, 2, 11L, false);
      OutOfBag o = REFERENCE.outOfBag(e.samples(), e.probabilities(), e.labels());
      assertOutOfBag("outOfBag of the speed input (10 members on 50,000 samples, seed 11), reference vs yours",
          KATA.outOfBag(e.samples(), e.probabilities(), e.labels()), o.decision(), o.predictions(), o.score());
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void out_of_bag_indices_of_a_large_sample_take_at_most_20x_the_reference() {
      int n = 200_000;
      int[] sample = REFERENCE.bootstrapSample(n, new SplittableRandom(7));
      Efficiency.assertWithinRatio("outOfBagIndices of a bootstrap of 200,000", () -> REFERENCE.outOfBagIndices(sample, n),
          () -> KATA.outOfBagIndices(sample, n), 20);
    }

    @Test
    @Timeout(120)
    void out_of_bag_of_a_large_ensemble_takes_at_most_20x_the_reference() {
      Ensemble e = BaggingGens.build(10, 50_000, 2, 11L, false);
      Efficiency.assertWithinRatio("outOfBag of 10 members on 50,000 samples",
          () -> REFERENCE.outOfBag(e.samples(), e.probabilities(), e.labels()),
          () -> KATA.outOfBag(e.samples(), e.probabilities(), e.labels()), 20);
    }
  }

  /**
   * A generator that answers {@code nextInt(bound)} from a {@link SplittableRandom} and records the
   * bounds; every other method (they all go through {@code nextLong}) counts as another call.
   */
  static final class RecordingRandom implements RandomGenerator {
    private final SplittableRandom inner;
    final List<Integer> bounds = new ArrayList<>();
    int otherCalls;

    RecordingRandom(long seed) {
      inner = new SplittableRandom(seed);
    }

    @Override
    public int nextInt(int bound) {
      bounds.add(bound);
      return inner.nextInt(bound);
    }

    @Override
    public long nextLong() {
      otherCalls++;
      return inner.nextLong();
    }
  }

  static void assertOutOfBag(String what, OutOfBag actual, double[][] decision, int[] predictions, double score) {
    assertThat(actual).as(what).isNotNull();
    assertAllClose(what + ": decision", decision, actual.decision(), PROBABILITY);
    assertThat(actual.predictions()).as("%s: predictions", what).containsExactly(predictions);
    assertClose(what + ": score", score, actual.score(), SCORE);
  }

  static void assertSoftVote(String what, SoftVote actual, double[][] probabilities, int[] predictions) {
    assertThat(actual).as(what).isNotNull();
    assertAllClose(what + ": probabilities", probabilities, actual.probabilities(), PROBABILITY);
    assertThat(actual.predictions()).as("%s: predictions", what).containsExactly(predictions);
  }

  private static int[][] deepCopy(int[][] a) {
    return Arrays.stream(a).map(int[]::clone).toArray(int[][]::new);
  }

  private static double[][][] deepCopy(double[][][] a) {
    return Arrays.stream(a).map(m -> Arrays.stream(m).map(double[]::clone).toArray(double[][]::new))
        .toArray(double[][][]::new);
  }

  private static int[][] reversed(int[][] a) {
    int[][] out = new int[a.length][];
    for (int m = 0; m < a.length; m++) {
      out[m] = a[a.length - 1 - m];
    }
    return out;
  }

  private static double[][][] reversed(double[][][] a) {
    double[][][] out = new double[a.length][][];
    for (int m = 0; m < a.length; m++) {
      out[m] = a[a.length - 1 - m];
    }
    return out;
  }
}

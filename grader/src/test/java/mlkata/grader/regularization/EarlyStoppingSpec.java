package mlkata.grader.regularization;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import mlkata.grader.regularization.EarlyStoppingApi.Config;
import mlkata.grader.regularization.EarlyStoppingApi.Mode;
import mlkata.grader.regularization.EarlyStoppingApi.Result;
import mlkata.grader.regularization.RegularizationGens.Run;
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
 * Grades {@code regularization/early-stopping}.
 *
 * <p>The result is three epoch indices and a flag, compared exactly: there is no tolerance. The
 * values in the hand-worked examples and the generated runs are multiples of 1/8 wherever a comparison
 * is meant to be exact (a gain of exactly {@code minDelta}, an equal value), so float64 decides them the
 * same way as arithmetic on paper. No efficiency layer: any answer is a single O(n) pass.
 */
@KataSpec
@DisplayName("regularization/early-stopping: Early stopping with patience")
final class EarlyStoppingSpec {
  private static final int EXAMPLES = 300;

  private static final EarlyStoppingApi KATA = Target.pick(new EarlyStoppingOfExercises(), new EarlyStoppingOfSolutions());
  private static final EarlyStoppingApi REFERENCE = new EarlyStoppingOfSolutions();

  private static final double[] STATEMENT = {1.0, 0.9, 0.95, 0.8, 0.85, 0.9};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Epochs 0 and 1 improve; epoch 2 (0.95 > 0.9) does not and wait reaches 1 = patience: stop.
      assertResult("patience 1, restoring, on " + Arrays.toString(STATEMENT),
          simulate(STATEMENT, min(0, 1, true)), 2, true, 1, 1);
      // Patience 2: epoch 2 waits, epoch 3 improves (0.8), epochs 4 and 5 wait: stop at 5.
      assertResult("patience 2, restoring", simulate(STATEMENT, min(0, 2, true)), 5, true, 3, 3);
      assertResult("patience 2, not restoring: the last epoch's weights", simulate(STATEMENT, min(0, 2, false)),
          5, true, 3, 5);
      assertResult("patience 5: never stops, the best weights are still restored", simulate(STATEMENT, min(0, 5, true)),
          5, false, 3, 3);
    }

    @Test
    void patience_zero_stops_at_the_first_epoch_that_does_not_improve() {
      assertResult("patience 0 on [3, 2, 2, 1]: the equal value at epoch 2 is not an improvement",
          simulate(new double[] {3, 2, 2, 1}, min(0, 0, true)), 2, true, 1, 1);
      assertResult("patience 0 on [3, 4]: stops at epoch 1", simulate(new double[] {3, 4}, min(0, 0, false)), 1, true, 0, 1);
    }

    @Test
    void training_stops_when_the_wait_reaches_patience_not_one_epoch_later() {
      // [1, 2, 3, 4], patience 2: epoch 0 is best, epochs 1 and 2 do not improve (wait 1, then 2 = patience):
      // stop at epoch 2. Stopping only when wait exceeds patience would run on to epoch 3.
      assertResult("patience 2 on [1, 2, 3, 4]: wait reaches 2 at epoch 2, stop there (not at 3)",
          simulate(new double[] {1, 2, 3, 4}, min(0, 2, true)), 2, true, 0, 0);
      // An improvement resets the wait: [5, 6, 4, 7, 8, 9] waits 1, resets at 4, then stops at epoch 4.
      assertResult("patience 2 on [5, 6, 4, 7, 8, 9]: the improvement at epoch 2 resets the wait",
          simulate(new double[] {5, 6, 4, 7, 8, 9}, min(0, 2, true)), 4, true, 2, 2);
    }

    @Test
    void a_single_epoch_is_its_own_best_and_does_not_stop() {
      assertResult("one value, patience 0", simulate(new double[] {0.7}, min(0, 0, true)), 0, false, 0, 0);
    }

    @Test
    void a_gain_of_exactly_min_delta_is_not_an_improvement() {
      // 0.75 + 0.25 = 1.0 is not < 1.0: epoch 1 waits, and patience 1 stops there; best stays epoch 0.
      assertResult("minDelta 0.25, patience 1 on [1.0, 0.75, 0.5]", simulate(new double[] {1.0, 0.75, 0.5},
          min(0.25, 1, true)), 1, true, 0, 0);
      // 0.74 + 0.25 = 0.99 < 1.0 improves; 0.48 + 0.25 = 0.73 < 0.74 improves; 0.47 + 0.25 does not.
      assertResult("minDelta 0.25, patience 1 on [1.0, 0.74, 0.48, 0.47]", simulate(new double[] {1.0, 0.74, 0.48, 0.47},
          min(0.25, 1, true)), 3, true, 2, 2);
    }

    @Test
    void with_min_delta_the_best_epoch_is_not_always_the_lowest_value() {
      // 0.95 and 0.9 are lower than 1.0 but not by more than 0.125: epochs 1 and 2 wait; stop at 2.
      assertResult("minDelta 0.125, patience 2 on [1.0, 0.95, 0.9, 0.875, 0.5]",
          simulate(new double[] {1.0, 0.95, 0.9, 0.875, 0.5}, min(0.125, 2, true)), 2, true, 0, 0);
    }

    @Test
    void max_mode_wants_higher_values() {
      // 0.5, 0.625, 0.75 improve; 0.75 again does not: patience 1 stops at epoch 3.
      assertResult("MAX, patience 1 on [0.5, 0.625, 0.75, 0.75, 0.7, 0.8]",
          simulate(new double[] {0.5, 0.625, 0.75, 0.75, 0.7, 0.8}, new Config(Mode.MAX, 0, 1, OptionalDouble.empty(), true)),
          3, true, 2, 2);
      // Mode MIN on the same values: epoch 1 already fails to improve.
      assertResult("MIN, patience 1 on the same values",
          simulate(new double[] {0.5, 0.625, 0.75, 0.75, 0.7, 0.8}, min(0, 1, true)), 1, true, 0, 0);
    }

    @Test
    void gains_that_miss_the_baseline_become_best_but_do_not_reset_the_wait() {
      // Baseline 0.5, patience 2. Epochs 0..2 improve on the best but not on 0.5: wait counts 1, 2, 3
      // and improving epochs never stop training. Epoch 3 (0.75) does not improve with wait 4: stop.
      assertResult("baseline 0.5, patience 2 on [0.9, 0.8, 0.7, 0.75, 0.6]",
          simulate(new double[] {0.9, 0.8, 0.7, 0.75, 0.6}, new Config(Mode.MIN, 0, 2, OptionalDouble.of(0.5), true)),
          3, true, 2, 2);
      // Epoch 2 (0.375) beats the baseline and resets the wait; epochs 3 and 4 wait, stop at 4.
      assertResult("baseline 0.5, patience 2 on [0.875, 0.75, 0.375, 0.5, 0.375, 0.25]",
          simulate(new double[] {0.875, 0.75, 0.375, 0.5, 0.375, 0.25}, new Config(Mode.MIN, 0, 2, OptionalDouble.of(0.5), false)),
          4, true, 2, 4);
      // Improving every epoch but never reaching the baseline: training runs to the end.
      assertResult("baseline 0.1, patience 1 on [0.9, 0.8, 0.7, 0.6]",
          simulate(new double[] {0.9, 0.8, 0.7, 0.6}, new Config(Mode.MIN, 0, 1, OptionalDouble.of(0.1), true)),
          3, false, 3, 3);
    }

    @Test
    void the_rule_can_fire_on_the_last_value() {
      assertResult("patience 2 on [1, 2, 3]: epoch 2 is the second epoch without improvement",
          simulate(new double[] {1, 2, 3}, min(0, 2, true)), 2, true, 0, 0);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void values_must_be_a_non_empty_sequence_of_finite_numbers() {
      assertRejects("simulate of no values", "values", () -> KATA.simulate(new double[0], min(0, 1, false)));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("simulate of [1, " + bad + ", 0.5]", "values",
            () -> KATA.simulate(new double[] {1, bad, 0.5}, min(0, 1, false)));
      }
      // Validation covers the values after the stop, too.
      assertRejects("simulate of [1, 2, NaN] with patience 0 (stops at epoch 1)", "values",
          () -> KATA.simulate(new double[] {1, 2, Double.NaN}, min(0, 0, false)));
    }

    @Test
    void settings_are_validated() {
      double[] v = {1, 0.5};
      for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("minDelta " + bad, "minDelta", () -> KATA.simulate(v, min(bad, 1, false)));
      }
      assertRejects("patience -1", "patience", () -> KATA.simulate(v, min(0, -1, false)));
      for (double bad : new double[] {Double.NaN, Double.NEGATIVE_INFINITY}) {
        assertRejects("baseline " + bad, "baseline",
            () -> KATA.simulate(v, new Config(Mode.MIN, 0, 1, OptionalDouble.of(bad), false)));
      }
    }

    @Test
    void nulls_are_rejected() {
      assertNullRejected("simulate(null, config)", () -> KATA.simulate(null, min(0, 1, false)));
      assertNullRejected("simulate(values, null)", () -> KATA.simulate(new double[] {1}, null));
      assertNullRejected("a config with a null mode",
          () -> KATA.simulate(new double[] {1}, new Config(null, 0, 1, OptionalDouble.empty(), false)));
      assertNullRejected("a config with a null baseline",
          () -> KATA.simulate(new double[] {1}, new Config(Mode.MIN, 0, 1, null, false)));
    }

    @Test
    void the_values_are_not_modified() {
      double[] v = STATEMENT.clone();
      KATA.simulate(v, min(0, 1, true));
      assertThat(v).as("values after simulate").containsExactly(STATEMENT);
    }
  }

  @Nested
  @DisplayName("golden cases from Keras")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("regularization/early-stopping");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_keras_early_stopping(Goldens.Case c) {
      double[] values = c.input().doubles("values");
      OptionalDouble baseline = c.input().has("baseline") ? OptionalDouble.of(c.input().number("baseline"))
          : OptionalDouble.empty();
      Config config = new Config("max".equals(c.input().string("mode")) ? Mode.MAX : Mode.MIN,
          c.input().number("min_delta"), (int) c.input().integer("patience"), baseline,
          c.input().bool("restore_best_weights"));
      assertResult("golden '" + c.name() + "' (values " + abbreviate(values) + ", " + config + ") vs " + c.library(),
          KATA.simulate(values, config), (int) c.expected().integer("last_epoch"), c.expected().bool("stopped_early"),
          (int) c.expected().integer("best_epoch"), (int) c.expected().integer("restored_epoch"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void values_after_the_stop_change_nothing() {
      Props.check("appending epochs after a stop, or cutting the sequence there, changes nothing", EXAMPLES,
          RegularizationGens.runs(40), run -> {
            Result r = simulate(run.values(), run.config());
            if (!r.stoppedEarly()) {
              return;
            }
            double[] cut = Arrays.copyOf(run.values(), r.lastEpoch() + 1);
            assertThat(KATA.simulate(cut, run.config())).as("property 'cut after the stop epoch' for %s", run).isEqualTo(r);
            double[] longer = Arrays.copyOf(run.values(), run.values().length + 3);
            longer[run.values().length] = -1e6;
            longer[run.values().length + 1] = 1e6;
            longer[run.values().length + 2] = 0.5;
            assertThat(KATA.simulate(longer, run.config())).as("property 'three more epochs appended' for %s", run)
                .isEqualTo(r);
          });
    }

    @Test
    void no_shorter_prefix_stops_earlier() {
      Props.check("training on a prefix ending before the stop epoch does not stop early", EXAMPLES,
          RegularizationGens.runs(30), run -> {
            Result r = simulate(run.values(), run.config());
            for (int end = 1; end <= r.lastEpoch(); end++) {
              Result prefix = KATA.simulate(Arrays.copyOf(run.values(), end), run.config());
              assertThat(prefix).as("property 'a prefix of %d epochs runs to its end' for %s", end, run).isNotNull();
              assertThat(prefix.stoppedEarly()).as("property 'a prefix of %d epochs does not stop early' for %s", end, run)
                  .isFalse();
              assertThat(prefix.lastEpoch()).as("property 'a prefix of %d epochs runs to its end' for %s", end, run)
                  .isEqualTo(end - 1);
            }
          });
    }

    @Test
    void patience_zero_stops_at_the_first_value_not_below_its_predecessor() {
      Props.check("patience 0, minDelta 0, no baseline: stop at the first e with v[e] >= v[e-1]", EXAMPLES,
          RegularizationGens.runs(30), run -> {
            Config config = new Config(Mode.MIN, 0, 0, OptionalDouble.empty(), false);
            int stop = -1;
            for (int e = 1; e < run.values().length && stop < 0; e++) {
              if (run.values()[e] >= run.values()[e - 1]) {
                stop = e;
              }
            }
            Result r = simulate(run.values(), config);
            String what = "property 'patience 0 stops at the first non-improvement' for " + Arrays.toString(run.values());
            if (stop < 0) {
              assertResult(what, r, run.values().length - 1, false, run.values().length - 1, run.values().length - 1);
            } else {
              assertResult(what, r, stop, true, stop - 1, stop);
            }
          });
    }

    @Test
    void a_sequence_improving_by_more_than_min_delta_every_epoch_never_stops() {
      Props.check("strictly improving by more than minDelta: never stops, the last epoch is the best", EXAMPLES,
          RegularizationGens.runs(30), run -> {
            boolean max = run.config().mode() == Mode.MAX;
            double[] improving = new double[run.values().length];
            for (int e = 0; e < improving.length; e++) {
              double step = run.config().minDelta() + 0.125 + (e % 3) * 0.5;
              improving[e] = e == 0 ? run.values()[0] : improving[e - 1] + (max ? step : -step);
            }
            Config config = new Config(run.config().mode(), run.config().minDelta(), run.config().patience(),
                run.config().baseline(), run.config().restoreBestWeights());
            int last = improving.length - 1;
            assertResult("property 'an always-improving sequence never stops' for " + Arrays.toString(improving) + ", "
                + config, simulate(improving, config), last, false, last, last);
          });
    }

    @Test
    void max_mode_on_negated_values_is_min_mode() {
      Props.check("MAX on -v (baseline -b) = MIN on v (baseline b)", EXAMPLES, RegularizationGens.runs(40), run -> {
        Config c = run.config();
        Mode flipped = c.mode() == Mode.MIN ? Mode.MAX : Mode.MIN;
        OptionalDouble baseline = c.baseline().isPresent() ? OptionalDouble.of(-c.baseline().getAsDouble()) : c.baseline();
        double[] negated = Arrays.stream(run.values()).map(v -> -v).toArray();
        assertThat(KATA.simulate(negated, new Config(flipped, c.minDelta(), c.patience(), baseline, c.restoreBestWeights())))
            .as("property 'flipping the mode and the signs changes nothing' for %s", run)
            .isEqualTo(simulate(run.values(), c));
      });
    }

    @Test
    void more_patience_never_stops_sooner_and_the_result_is_consistent() {
      Props.check("patience + 1 stops no earlier; best <= last; restored is best or last", EXAMPLES,
          RegularizationGens.runs(40), run -> {
            Config c = run.config();
            Result r = simulate(run.values(), c);
            Result patient = simulate(run.values(), new Config(c.mode(), c.minDelta(), c.patience() + 1, c.baseline(),
                c.restoreBestWeights()));
            assertThat(patient.lastEpoch()).as("property 'more patience stops no earlier' for %s", run)
                .isGreaterThanOrEqualTo(r.lastEpoch());
            assertThat(r.bestEpoch()).as("property 'bestEpoch is an epoch that ran' for %s: %s", run, r)
                .isBetween(0, r.lastEpoch());
            assertThat(r.restoredEpoch()).as("property 'restoredEpoch is bestEpoch when restoring, else lastEpoch' for %s: %s",
                run, r).isEqualTo(c.restoreBestWeights() ? r.bestEpoch() : r.lastEpoch());
            assertThat(r.stoppedEarly() || r.lastEpoch() == run.values().length - 1)
                .as("property 'without a stop every epoch runs' for %s: %s", run, r).isTrue();
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void simulate_matches_the_reference_on_random_runs() {
      Props.check("simulate agrees with the reference solution", EXAMPLES, RegularizationGens.runs(60), run ->
          assertThat(KATA.simulate(run.values(), run.config())).as("simulate, reference vs yours, for %s", run)
              .isEqualTo(REFERENCE.simulate(run.values(), run.config())));
    }
  }

  static Config min(double minDelta, int patience, boolean restore) {
    return new Config(Mode.MIN, minDelta, patience, OptionalDouble.empty(), restore);
  }

  static Result simulate(double[] values, Config config) {
    Result r = KATA.simulate(values, config);
    assertThat(r).as("simulate(%s, %s)", Arrays.toString(values), config).isNotNull();
    return r;
  }

  static void assertResult(String what, Result actual, int lastEpoch, boolean stoppedEarly, int bestEpoch, int restoredEpoch) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual).as("%s: (lastEpoch, stoppedEarly, bestEpoch, restoredEpoch)", what)
        .isEqualTo(new Result(lastEpoch, stoppedEarly, bestEpoch, restoredEpoch));
  }
}

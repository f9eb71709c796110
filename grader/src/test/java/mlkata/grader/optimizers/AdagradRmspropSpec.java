package mlkata.grader.optimizers;

import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import mlkata.grader.optimizers.AdagradRmspropApi.AdagradConfig;
import mlkata.grader.optimizers.AdagradRmspropApi.AdagradState;
import mlkata.grader.optimizers.AdagradRmspropApi.AdagradStep;
import mlkata.grader.optimizers.AdagradRmspropApi.RmspropConfig;
import mlkata.grader.optimizers.AdagradRmspropApi.RmspropState;
import mlkata.grader.optimizers.AdagradRmspropApi.RmspropStep;
import mlkata.grader.optimizers.AdagradRmspropGens.AdagradSetup;
import mlkata.grader.optimizers.SgdMomentumGens.Trajectory;
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
 * Grades {@code optimizers/adagrad-rmsprop}.
 *
 * <p>No efficiency layer: one step is a single O(n) pass and the kata is about the arithmetic.
 */
@KataSpec
@DisplayName("optimizers/adagrad-rmsprop: Adagrad and RMSprop")
final class AdagradRmspropSpec {
  /**
   * Tolerance on parameters and state entries along a trajectory, against torch, the reference or an
   * equivalent computation: absolute below 1 and relative above. A correct answer differs only in the order
   * of a few roundings per step (about 1e-15 relative; the centered variance is kept away from cancellation
   * by the generators), while each wrong variant tried while writing this spec (eps inside the root, lr decay
   * counted from t, bias-corrected RMSprop, centered eps inside the root, momentum buffer holding lr) is off
   * by 1e-4 or more on at least one golden case.
   */
  static final double TRAJECTORY = 1e-11;

  /** Hand-worked values are exact in decimal to at least 14 digits; this only absorbs rounding. */
  static final double HAND = 1e-12;

  private static final int EXAMPLES = 200;

  private static final AdagradRmspropApi KATA = Target.pick(new AdagradRmspropOfExercises(),
      new AdagradRmspropOfSolutions());
  private static final AdagradRmspropApi REFERENCE = new AdagradRmspropOfSolutions();

  private static final AdagradConfig ADAGRAD = new AdagradConfig(1e-2, 0, 0, 1e-10);
  private static final RmspropConfig RMSPROP = new RmspropConfig(1e-2, 0.99, 1e-8, 0, 0, false);

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example_for_adagrad() {
      // lr 0.1, eps 0, g 3 then 4. Step 1: sum 9, p = 1 - 0.1 * 3 / 3. Step 2: sum 25, p = 0.9 - 0.1 * 4 / 5.
      AdagradConfig c = new AdagradConfig(0.1, 0, 0, 0);
      List<AdagradStep> r = runAdagrad(KATA, new Trajectory<>(new double[] {1.0}, new double[][] {{3.0}, {4.0}},
          new AdagradSetup(c, 0)));
      assertAdagrad("Adagrad step 1 of the statement example", r.get(0), new double[] {0.9}, new double[] {9}, 1,
          HAND);
      assertAdagrad("Adagrad step 2 of the statement example", r.get(1), new double[] {0.82}, new double[] {25}, 2,
          HAND);
      // lrDecay 1: step 2 uses clr = 0.1 / (1 + 1) = 0.05, p = 0.9 - 0.05 * 0.8.
      AdagradConfig decayed = new AdagradConfig(0.1, 1, 0, 0);
      List<AdagradStep> d = runAdagrad(KATA, new Trajectory<>(new double[] {1.0}, new double[][] {{3.0}, {4.0}},
          new AdagradSetup(decayed, 0)));
      assertAdagrad("Adagrad with lrDecay 1, step 1 of the statement example", d.get(0), new double[] {0.9},
          new double[] {9}, 1, HAND);
      assertAdagrad("Adagrad with lrDecay 1, step 2 of the statement example", d.get(1), new double[] {0.86},
          new double[] {25}, 2, HAND);
    }

    @Test
    void the_problem_statement_example_for_rmsprop() {
      // lr 0.01, alpha 0.75, eps 0, g 2: sq = 0.25 * 4 = 1, p = 1 - 0.01 * 2.
      RmspropConfig c = new RmspropConfig(0.01, 0.75, 0, 0, 0, false);
      RmspropStep r = KATA.rmsprop(new double[] {1.0}, new double[] {2.0}, KATA.rmspropInitial(1), c);
      assertRmsprop("RMSprop step of the statement example", r, new double[] {0.98}, new double[] {1},
          new double[] {0}, new double[] {0}, 1, HAND);
      // centered: ga = 0.5, avg = sqrt(1 - 0.25).
      RmspropConfig centered = new RmspropConfig(0.01, 0.75, 0, 0, 0, true);
      RmspropStep rc = KATA.rmsprop(new double[] {1.0}, new double[] {2.0}, KATA.rmspropInitial(1), centered);
      assertRmsprop("centered RMSprop step of the statement example", rc,
          new double[] {1 - 0.02 / Math.sqrt(0.75)}, new double[] {1}, new double[] {0.5}, new double[] {0}, 1, HAND);
    }

    @Test
    void defaults_are_torch_defaults() {
      assertThat(KATA.adagradDefaults()).as("AdagradConfig.defaults() (torch.optim.Adagrad)").isEqualTo(ADAGRAD);
      assertThat(KATA.rmspropDefaults()).as("RmspropConfig.defaults() (torch.optim.RMSprop)").isEqualTo(RMSPROP);
    }

    @Test
    void initial_states() {
      AdagradState a = KATA.adagradInitial(3, 0.1);
      assertThat(a).as("AdagradState.initial(3, 0.1)").isNotNull();
      assertThat(a.sum()).as("AdagradState.initial(3, 0.1).sum").containsExactly(0.1, 0.1, 0.1);
      assertThat(a.step()).as("AdagradState.initial(3, 0.1).step").isZero();
      assertThat(KATA.adagradInitial(2, 0).sum()).as("AdagradState.initial(2, 0).sum").containsExactly(0, 0);
      assertThat(KATA.adagradInitial(0, 1).sum()).as("AdagradState.initial(0, 1).sum").isEmpty();
      RmspropState r = KATA.rmspropInitial(3);
      assertThat(r).as("RmspropState.initial(3)").isNotNull();
      assertThat(r.squareAvg()).as("RmspropState.initial(3).squareAvg").containsExactly(0, 0, 0);
      assertThat(r.gradAvg()).as("RmspropState.initial(3).gradAvg").containsExactly(0, 0, 0);
      assertThat(r.buffer()).as("RmspropState.initial(3).buffer").containsExactly(0, 0, 0);
      assertThat(r.step()).as("RmspropState.initial(3).step").isZero();
      assertThat(KATA.rmspropInitial(0).squareAvg()).as("RmspropState.initial(0).squareAvg").isEmpty();
      assertRejects("AdagradState.initial(-1, 0)", "size", () -> KATA.adagradInitial(-1, 0));
      assertRejects("RmspropState.initial(-1)", "size", () -> KATA.rmspropInitial(-1));
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("AdagradState.initial(2, " + bad + ")", "initialAccumulatorValue",
            () -> KATA.adagradInitial(2, bad));
      }
    }

    @Test
    void adagrad_adds_eps_outside_the_square_root() {
      // lr 1, eps 0.01, g 0.01: sum = 1e-4, the move is 0.01 / (0.01 + 0.01) = 0.5 (inside: about 0.0995).
      AdagradStep r = KATA.adagrad(new double[] {0.0}, new double[] {0.01}, KATA.adagradInitial(1, 0),
          new AdagradConfig(1, 0, 0, 0.01));
      assertAdagrad("Adagrad step with eps 0.01, g 0.01, lr 1", r, new double[] {-0.5}, new double[] {1e-4}, 1, HAND);
    }

    @Test
    void adagrad_lr_decay_counts_the_steps_before_this_one() {
      // From a state after 2 steps, lr 1, lrDecay 0.5, eps 0, sum 0, g 2: clr = 1 / (1 + 2 * 0.5) = 0.5,
      // sum = 4, move = 0.5 * 2 / 2 = 0.5. Counting this step too would give clr = 0.4.
      AdagradConfig c = new AdagradConfig(1, 0.5, 0, 0);
      AdagradStep r = KATA.adagrad(new double[] {0.0}, new double[] {2.0}, new AdagradState(new double[] {0}, 2), c);
      assertAdagrad("Adagrad from step 2 with lrDecay 0.5 (lr 1, eps 0, g 2)", r, new double[] {-0.5},
          new double[] {4}, 3, HAND);
      // The first step uses the full lr: g 2 from step 0 moves by 1 * 2 / 2 = 1.
      AdagradStep first = KATA.adagrad(new double[] {0.0}, new double[] {2.0}, KATA.adagradInitial(1, 0), c);
      assertAdagrad("Adagrad first step with lrDecay 0.5 (lr 1, eps 0, g 2)", first, new double[] {-1},
          new double[] {4}, 1, HAND);
    }

    @Test
    void adagrad_starts_from_the_initial_accumulator_and_folds_decay_into_the_gradient() {
      // initial 9, wd 0.5, p 2, g 3: d = 3 + 0.5 * 2 = 4, sum = 9 + 16 = 25, move = 0.1 * 4 / 5 = 0.08.
      AdagradConfig c = new AdagradConfig(0.1, 0, 0.5, 0);
      AdagradStep r = KATA.adagrad(new double[] {2.0}, new double[] {3.0}, KATA.adagradInitial(1, 9), c);
      assertAdagrad("Adagrad from initial accumulator 9 with wd 0.5 (lr 0.1, eps 0, p 2, g 3)", r,
          new double[] {1.92}, new double[] {25}, 1, HAND);
    }

    @Test
    void rmsprop_has_no_bias_correction() {
      // alpha 0.99, eps 0, lr 0.01, g 1: sq = 0.01, move = 0.01 * 1 / 0.1 = 0.1 (bias-corrected: 0.01).
      // The step counter does not change that: the same from a state that says 5 steps were taken.
      RmspropConfig c = new RmspropConfig(0.01, 0.99, 0, 0, 0, false);
      RmspropStep fresh = KATA.rmsprop(new double[] {0.0}, new double[] {1.0}, KATA.rmspropInitial(1), c);
      assertRmsprop("RMSprop first step (alpha 0.99, eps 0, lr 0.01, g 1)", fresh, new double[] {-0.1},
          new double[] {0.01}, new double[] {0}, new double[] {0}, 1, HAND);
      RmspropState five = new RmspropState(new double[] {0}, new double[] {0}, new double[] {0}, 5);
      RmspropStep later = KATA.rmsprop(new double[] {0.0}, new double[] {1.0}, five, c);
      assertRmsprop("RMSprop from a zero state with step 5 (alpha 0.99, eps 0, lr 0.01, g 1)", later,
          new double[] {-0.1}, new double[] {0.01}, new double[] {0}, new double[] {0}, 6, HAND);
    }

    @Test
    void centered_rmsprop_divides_by_the_root_of_the_variance_with_the_new_gradient_average() {
      // alpha 0.5, eps 0, lr 1, from sq 4, ga 1 with g 3: sq = 2 + 4.5 = 6.5, ga = 0.5 + 1.5 = 2, the
      // variance is 6.5 - 2^2 = 2.5 and the move 3 / sqrt(2.5) = 1.897. Not centering divides by
      // sqrt(6.5) (move 1.177); subtracting the old average squared divides by sqrt(5.5) (move 1.279).
      RmspropConfig c = new RmspropConfig(1, 0.5, 0, 0, 0, true);
      RmspropState s = new RmspropState(new double[] {4}, new double[] {1}, new double[] {0}, 3);
      RmspropStep r = KATA.rmsprop(new double[] {0.0}, new double[] {3.0}, s, c);
      assertRmsprop("centered RMSprop from sq 4, ga 1 (alpha 0.5, eps 0, lr 1, g 3): move g / sqrt(sq - ga^2)"
          + " = 3 / sqrt(2.5) (uncentered would move 1.177, the old ga 1.279)", r, new double[] {-3 / Math.sqrt(2.5)},
          new double[] {6.5}, new double[] {2}, new double[] {0}, 4, HAND);
    }

    @Test
    void centered_rmsprop_adds_eps_after_the_root_of_the_variance() {
      // alpha 0.5, eps 0.5, lr 1, g 2: sq = 2, ga = 1, sqrt(2 - 1) + 0.5 = 1.5, move 2 / 1.5.
      // eps inside the root would give sqrt(1.5); eps added before subtracting ga^2 likewise.
      RmspropConfig c = new RmspropConfig(1, 0.5, 0.5, 0, 0, true);
      RmspropStep r = KATA.rmsprop(new double[] {0.0}, new double[] {2.0}, KATA.rmspropInitial(1), c);
      assertRmsprop("centered RMSprop (alpha 0.5, eps 0.5, lr 1, g 2)", r, new double[] {-4.0 / 3},
          new double[] {2}, new double[] {1}, new double[] {0}, 1, HAND);
    }

    @Test
    void rmsprop_momentum_accumulates_the_normalised_step_and_applies_lr_outside() {
      // alpha 0, eps 0, lr 0.1, momentum 0.5, buffer 1, g 2: sq = 4, avg = 2, buf = 0.5 * 1 + 2 / 2 = 1.5,
      // p = 0 - 0.1 * 1.5. gradAvg (not centered) comes back unchanged.
      RmspropConfig c = new RmspropConfig(0.1, 0, 0, 0, 0.5, false);
      RmspropState s = new RmspropState(new double[] {7}, new double[] {0.3}, new double[] {1}, 4);
      RmspropStep r = KATA.rmsprop(new double[] {0.0}, new double[] {2.0}, s, c);
      assertRmsprop("RMSprop with momentum 0.5 from buffer 1 (alpha 0, eps 0, lr 0.1, g 2)", r,
          new double[] {-0.15}, new double[] {4}, new double[] {0.3}, new double[] {1.5}, 5, HAND);
    }

    @Test
    void rmsprop_alpha_one_freezes_the_averages() {
      // alpha 1 is allowed: sq stays 4 and ga stays 1 whatever g is; centered avg = sqrt(4 - 1), lr 0.1, g 3.
      RmspropConfig c = new RmspropConfig(0.1, 1, 0, 0, 0, true);
      RmspropState s = new RmspropState(new double[] {4}, new double[] {1}, new double[] {0}, 2);
      RmspropStep r = KATA.rmsprop(new double[] {0.0}, new double[] {3.0}, s, c);
      assertRmsprop("centered RMSprop with alpha 1 from sq 4, ga 1 (eps 0, lr 0.1, g 3)", r,
          new double[] {-0.3 / Math.sqrt(3)}, new double[] {4}, new double[] {1}, new double[] {0}, 3, HAND);
    }

    @Test
    void rmsprop_folds_weight_decay_into_the_gradient_and_carries_unused_arrays() {
      // alpha 0.75, eps 0, lr 0.1, wd 0.5, p 2, g 1: d = 2, sq = 0.75 * 4 + 0.25 * 4 = 4, move 0.1 * 2 / 2.
      RmspropConfig c = new RmspropConfig(0.1, 0.75, 0, 0.5, 0, false);
      RmspropState s = new RmspropState(new double[] {4}, new double[] {-0.5}, new double[] {0.25}, 1);
      RmspropStep r = KATA.rmsprop(new double[] {2.0}, new double[] {1.0}, s, c);
      assertRmsprop("RMSprop with wd 0.5 (alpha 0.75, eps 0, lr 0.1, p 2, g 1)", r, new double[] {1.9},
          new double[] {4}, new double[] {-0.5}, new double[] {0.25}, 2, HAND);
    }

    @Test
    void empty_vectors_still_advance_the_step() {
      AdagradStep a = KATA.adagrad(new double[0], new double[0], KATA.adagradInitial(0, 0), ADAGRAD);
      assertThat(a.params()).as("Adagrad params after a step on empty vectors").isEmpty();
      assertThat(a.state().step()).as("Adagrad step counter after a step on empty vectors").isEqualTo(1);
      RmspropStep r = KATA.rmsprop(new double[0], new double[0], KATA.rmspropInitial(0), RMSPROP);
      assertThat(r.params()).as("RMSprop params after a step on empty vectors").isEmpty();
      assertThat(r.state().step()).as("RMSprop step counter after a step on empty vectors").isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[] p = {1.0, 2.0};
    private final double[] g = {0.5, -0.5};

    @Test
    void adagrad_lengths_and_entries() {
      AdagradState s = KATA.adagradInitial(2, 0);
      assertRejects("Adagrad with 2 params and 3 grads", "grads", () -> KATA.adagrad(p, new double[3], s, ADAGRAD));
      assertRejects("Adagrad with a sum of length 3", "state",
          () -> KATA.adagrad(p, g, KATA.adagradInitial(3, 0), ADAGRAD));
      assertRejects("Adagrad with state.step -1", "state",
          () -> KATA.adagrad(p, g, new AdagradState(new double[2], -1), ADAGRAD));
      assertRejects("Adagrad with state.step Integer.MAX_VALUE", "state",
          () -> KATA.adagrad(p, g, new AdagradState(new double[2], Integer.MAX_VALUE), ADAGRAD));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("Adagrad params with " + bad, "params", () -> KATA.adagrad(new double[] {bad, 0}, g, s, ADAGRAD));
        assertRejects("Adagrad grads with " + bad, "grads", () -> KATA.adagrad(p, new double[] {0, bad}, s, ADAGRAD));
      }
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("Adagrad state.sum with " + bad, "state",
            () -> KATA.adagrad(p, g, new AdagradState(new double[] {0, bad}, 1), ADAGRAD));
        assertRejects("Adagrad lr " + bad, "lr", () -> KATA.adagrad(p, g, s, new AdagradConfig(bad, 0, 0, 1e-10)));
        assertRejects("Adagrad lrDecay " + bad, "lrDecay",
            () -> KATA.adagrad(p, g, s, new AdagradConfig(0.1, bad, 0, 1e-10)));
        assertRejects("Adagrad weightDecay " + bad, "weightDecay",
            () -> KATA.adagrad(p, g, s, new AdagradConfig(0.1, 0, bad, 1e-10)));
        assertRejects("Adagrad eps " + bad, "eps", () -> KATA.adagrad(p, g, s, new AdagradConfig(0.1, 0, 0, bad)));
      }
    }

    @Test
    void rmsprop_lengths_and_entries() {
      RmspropState s = KATA.rmspropInitial(2);
      assertRejects("RMSprop with 2 params and 1 grad", "grads", () -> KATA.rmsprop(p, new double[1], s, RMSPROP));
      assertRejects("RMSprop with squareAvg of length 3", "state",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[3], new double[2], new double[2], 0), RMSPROP));
      assertRejects("RMSprop with gradAvg of length 1", "state",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[1], new double[2], 0), RMSPROP));
      assertRejects("RMSprop with buffer of length 0", "state",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[2], new double[0], 0), RMSPROP));
      assertRejects("RMSprop with state.step -1", "state",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[2], new double[2], -1), RMSPROP));
      assertRejects("RMSprop with state.step Integer.MAX_VALUE", "state", () -> KATA.rmsprop(p, g,
          new RmspropState(new double[2], new double[2], new double[2], Integer.MAX_VALUE), RMSPROP));
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("RMSprop params with " + bad, "params", () -> KATA.rmsprop(new double[] {bad, 0}, g, s, RMSPROP));
        assertRejects("RMSprop grads with " + bad, "grads", () -> KATA.rmsprop(p, new double[] {0, bad}, s, RMSPROP));
        assertRejects("RMSprop gradAvg with " + bad, "state",
            () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[] {bad, 0}, new double[2], 1), RMSPROP));
        assertRejects("RMSprop buffer with " + bad, "state",
            () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[2], new double[] {0, bad}, 1), RMSPROP));
      }
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("RMSprop squareAvg with " + bad, "state",
            () -> KATA.rmsprop(p, g, new RmspropState(new double[] {bad, 0}, new double[2], new double[2], 1), RMSPROP));
        assertRejects("RMSprop lr " + bad, "lr",
            () -> KATA.rmsprop(p, g, s, new RmspropConfig(bad, 0.99, 1e-8, 0, 0, false)));
        assertRejects("RMSprop eps " + bad, "eps",
            () -> KATA.rmsprop(p, g, s, new RmspropConfig(0.1, 0.99, bad, 0, 0, false)));
        assertRejects("RMSprop weightDecay " + bad, "weightDecay",
            () -> KATA.rmsprop(p, g, s, new RmspropConfig(0.1, 0.99, 1e-8, bad, 0, false)));
        assertRejects("RMSprop momentum " + bad, "momentum",
            () -> KATA.rmsprop(p, g, s, new RmspropConfig(0.1, 0.99, 1e-8, 0, bad, false)));
      }
      for (double bad : new double[] {-1e-12, 1 + 1e-12, Double.NaN}) {
        assertRejects("RMSprop alpha " + bad, "alpha",
            () -> KATA.rmsprop(p, g, s, new RmspropConfig(0.1, bad, 1e-8, 0, 0, false)));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      AdagradState a = KATA.adagradInitial(2, 0);
      assertNullRejected("Adagrad with null params", () -> KATA.adagrad(null, g, a, ADAGRAD));
      assertNullRejected("Adagrad with null grads", () -> KATA.adagrad(p, null, a, ADAGRAD));
      assertNullRejected("Adagrad with null state", () -> KATA.adagrad(p, g, null, ADAGRAD));
      assertNullRejected("Adagrad with null config", () -> KATA.adagrad(p, g, a, null));
      assertNullRejected("Adagrad with null state.sum", () -> KATA.adagrad(p, g, new AdagradState(null, 0), ADAGRAD));
      RmspropState r = KATA.rmspropInitial(2);
      assertNullRejected("RMSprop with null params", () -> KATA.rmsprop(null, g, r, RMSPROP));
      assertNullRejected("RMSprop with null grads", () -> KATA.rmsprop(p, null, r, RMSPROP));
      assertNullRejected("RMSprop with null state", () -> KATA.rmsprop(p, g, null, RMSPROP));
      assertNullRejected("RMSprop with null config", () -> KATA.rmsprop(p, g, r, null));
      assertNullRejected("RMSprop with null state.squareAvg",
          () -> KATA.rmsprop(p, g, new RmspropState(null, new double[2], new double[2], 0), RMSPROP));
      assertNullRejected("RMSprop with null state.gradAvg",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[2], null, new double[2], 0), RMSPROP));
      assertNullRejected("RMSprop with null state.buffer",
          () -> KATA.rmsprop(p, g, new RmspropState(new double[2], new double[2], null, 0), RMSPROP));
    }

    @Test
    void inputs_are_not_modified() {
      double[] params = {1.0, -2.0, 0.5};
      double[] grads = {0.3, 0.0, -1.2};
      AdagradState a = new AdagradState(new double[] {0.5, 0.01, 0.2}, 3);
      RmspropState r = new RmspropState(new double[] {0.5, 0.01, 0.2}, new double[] {0.1, -0.05, 0.2},
          new double[] {0.3, -0.2, 0.1}, 3);
      double[][] copies = {params.clone(), grads.clone(), a.sum().clone(), r.squareAvg().clone(), r.gradAvg().clone(),
          r.buffer().clone()};
      KATA.adagrad(params, grads, a, new AdagradConfig(0.1, 0.1, 0.1, 1e-10));
      for (RmspropConfig c : new RmspropConfig[] {new RmspropConfig(0.1, 0.9, 1e-8, 0.1, 0.9, true),
          new RmspropConfig(0.1, 0.9, 1e-8, 0.1, 0, false)}) {
        KATA.rmsprop(params, grads, r, c);
      }
      String what = " after Adagrad and RMSprop steps";
      assertThat(params).as("params" + what).containsExactly(copies[0]);
      assertThat(grads).as("grads" + what).containsExactly(copies[1]);
      assertThat(a.sum()).as("AdagradState.sum" + what).containsExactly(copies[2]);
      assertThat(r.squareAvg()).as("RmspropState.squareAvg" + what).containsExactly(copies[3]);
      assertThat(r.gradAvg()).as("RmspropState.gradAvg" + what).containsExactly(copies[4]);
      assertThat(r.buffer()).as("RmspropState.buffer" + what).containsExactly(copies[5]);
    }
  }

  @Nested
  @DisplayName("golden trajectories from torch.optim.Adagrad and RMSprop")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("optimizers/adagrad-rmsprop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_torch_after_every_step(Goldens.Case c) {
      Goldens.Values cfg = c.input().object("config");
      double[] params = c.input().doubles("params");
      double[][] grads = c.input().matrix("grads");
      List<Goldens.Values> expected = c.expected().objects("steps");
      int n = params.length;
      if (c.input().string("optimizer").equals("adagrad")) {
        AdagradConfig config = new AdagradConfig(cfg.number("lr"), cfg.number("lrDecay"), cfg.number("weightDecay"),
            cfg.number("eps"));
        double[] sum = new double[n];
        Arrays.fill(sum, cfg.number("initialAccumulatorValue"));
        AdagradState state = new AdagradState(sum, 0); // built here: only adagrad is graded
        for (int k = 0; k < grads.length; k++) {
          AdagradStep r = KATA.adagrad(params, grads[k], state, config);
          Goldens.Values e = expected.get(k);
          assertAdagrad(describe(c, k, grads[k]), r, e.doubles("params"), e.doubles("sum"), (int) e.integer("step"),
              TRAJECTORY);
          params = r.params();
          state = r.state();
        }
      } else {
        RmspropConfig config = new RmspropConfig(cfg.number("lr"), cfg.number("alpha"), cfg.number("eps"),
            cfg.number("weightDecay"), cfg.number("momentum"), cfg.bool("centered"));
        RmspropState state = new RmspropState(new double[n], new double[n], new double[n], 0); // only rmsprop graded
        for (int k = 0; k < grads.length; k++) {
          RmspropStep r = KATA.rmsprop(params, grads[k], state, config);
          Goldens.Values e = expected.get(k);
          // torch keeps no grad_avg / momentum_buffer when unused; the kata carries the initial zeros.
          assertRmsprop(describe(c, k, grads[k]), r, e.doubles("params"), e.doubles("squareAvg"),
              e.has("gradAvg") ? e.doubles("gradAvg") : new double[n],
              e.has("buffer") ? e.doubles("buffer") : new double[n], (int) e.integer("step"), TRAJECTORY);
          params = r.params();
          state = r.state();
        }
      }
    }

    private Supplier<String> describe(Goldens.Case c, int k, double[] gradient) {
      return () -> "golden '" + c.name() + "' (" + c.input().object("config") + ", start "
          + Arrays.toString(c.input().doubles("params")) + ") vs " + c.library() + ", after step " + (k + 1)
          + " (gradient " + Arrays.toString(gradient) + ")";
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void adagrad_lr_decay_is_a_per_step_learning_rate() {
      Props.check("Adagrad(lr, lrDecay) at step k equals Adagrad(lr / (1 + k * lrDecay), no decay)", EXAMPLES,
          SgdMomentumGens.trajectories(5, 8, OptimizersGens.gradient(), AdagradRmspropGens.adagradSetups()),
          t -> {
            AdagradConfig c = t.config().config();
            List<AdagradStep> decayed = runAdagrad(KATA, t);
            double[] p = t.params();
            AdagradState s = KATA.adagradInitial(t.size(), t.config().initial());
            for (int k = 0; k < t.steps(); k++) {
              AdagradConfig fixed = new AdagradConfig(c.lr() / (1 + k * c.lrDecay()), 0, c.weightDecay(), c.eps());
              AdagradStep byHand = KATA.adagrad(p, t.grads()[k], s, fixed);
              int step = k + 1;
              assertAdagrad(() -> "property 'lr decay = lr / (1 + (steps before) * lrDecay)', step " + step + ", for "
                  + t, decayed.get(k), byHand.params(), byHand.state().sum(), step, TRAJECTORY);
              p = byHand.params();
              s = byHand.state();
            }
          });
    }

    @Test
    void adagrad_sum_accumulates_the_squared_decayed_gradient() {
      Props.check("Adagrad: sum' = sum + (g + wd * p)^2", EXAMPLES,
          SgdMomentumGens.trajectories(5, 8, OptimizersGens.gradient(), AdagradRmspropGens.adagradSetups()),
          t -> {
            List<AdagradStep> steps = runAdagrad(KATA, t);
            double[] p = t.params();
            double[] sum = KATA.adagradInitial(t.size(), t.config().initial()).sum();
            for (int k = 0; k < t.steps(); k++) {
              double[] expected = new double[p.length];
              for (int i = 0; i < p.length; i++) {
                double d = t.grads()[k][i] + t.config().config().weightDecay() * p[i];
                expected[i] = sum[i] + d * d;
              }
              int step = k + 1;
              assertNear(() -> "property 'the sum adds the squared decayed gradient', step " + step + ", for " + t,
                  expected, steps.get(k).state().sum(), TRAJECTORY);
              p = steps.get(k).params();
              sum = steps.get(k).state().sum();
            }
          });
    }

    @Test
    void adagrad_and_rmsprop_ignore_the_gradient_scale_when_eps_is_zero() {
      Props.check("with eps 0, no decay and a zero start, scaling every gradient by c > 0 changes no parameter",
          EXAMPLES,
          SgdMomentumGens.trajectories(4, 6, OptimizersGens.nonzeroGradient(),
              AdagradRmspropGens.adagradSetups().zip(AdagradRmspropGens.rmspropConfigs(), (a, r) -> new Object[] {
                  new AdagradConfig(a.config().lr(), a.config().lrDecay(), 0, 0),
                  new RmspropConfig(r.lr(), r.alpha(), 0, 0, r.momentum(), r.centered())}))
              .zip(doubles().between(-3, 3), (t, e) -> new Object[] {t, Math.pow(10, e)}),
          x -> {
            @SuppressWarnings("unchecked")
            Trajectory<Object[]> t = (Trajectory<Object[]>) x[0];
            double c = (double) x[1];
            double[][] scaled = Arrays.stream(t.grads()).map(g -> Arrays.stream(g).map(v -> c * v).toArray())
                .toArray(double[][]::new);
            AdagradSetup a = new AdagradSetup((AdagradConfig) t.config()[0], 0);
            RmspropConfig r = (RmspropConfig) t.config()[1];
            List<AdagradStep> a1 = runAdagrad(KATA, t.with(a));
            List<AdagradStep> a2 = runAdagrad(KATA, new Trajectory<>(t.params(), scaled, a));
            List<RmspropStep> r1 = runRmsprop(KATA, t.with(r));
            List<RmspropStep> r2 = runRmsprop(KATA, new Trajectory<>(t.params(), scaled, r));
            for (int k = 0; k < t.steps(); k++) {
              int step = k + 1;
              assertNear(() -> "property 'Adagrad ignores a gradient scale of " + c + "', step " + step + ", for "
                  + t + " with " + a, a1.get(k).params(), a2.get(k).params(), TRAJECTORY);
              assertNear(() -> "property 'RMSprop ignores a gradient scale of " + c + "', step " + step + ", for "
                  + t + " with " + r, r1.get(k).params(), r2.get(k).params(), TRAJECTORY);
            }
          });
    }

    @Test
    void rmsprop_first_step_moves_by_lr_over_the_root_of_one_minus_alpha() {
      Props.check("RMSprop first step, eps 0, no decay, not centered: |p' - p| = lr / sqrt(1 - alpha)", EXAMPLES,
          SgdMomentumGens.trajectories(6, 1, OptimizersGens.nonzeroGradient(), AdagradRmspropGens.rmspropConfigs()
              .map(r -> new RmspropConfig(r.lr(), r.alpha(), 0, 0, r.momentum(), false))),
          t -> {
            RmspropStep r = KATA.rmsprop(t.params(), t.grads()[0], KATA.rmspropInitial(t.size()), t.config());
            double[] expected = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
              expected[i] = t.params()[i] - t.config().lr() * Math.signum(t.grads()[0][i])
                  / Math.sqrt(1 - t.config().alpha());
            }
            assertNear(() -> "property 'no bias correction: the first move is lr / sqrt(1 - alpha)' for " + t,
                expected, r.params(), TRAJECTORY);
          });
    }

    @Test
    void rmsprop_momentum_accumulates_the_step_taken_without_momentum() {
      Props.check("RMSprop: buf' = mu * buf + (the move of the same step with lr 1 and no momentum), p' = p - lr * buf'",
          EXAMPLES,
          SgdMomentumGens.trajectories(5, 6, OptimizersGens.gradient(), AdagradRmspropGens.rmspropConfigs()
              .map(r -> new RmspropConfig(r.lr(), r.alpha(), r.eps(), r.weightDecay(), r.momentum() + 0.25,
                  r.centered()))),
          t -> {
            RmspropConfig c = t.config();
            RmspropConfig plain = new RmspropConfig(1, c.alpha(), c.eps(), c.weightDecay(), 0, c.centered());
            double[] p = t.params();
            RmspropState s = KATA.rmspropInitial(t.size());
            for (int k = 0; k < t.steps(); k++) {
              RmspropStep with = KATA.rmsprop(p, t.grads()[k], s, c);
              RmspropStep without = KATA.rmsprop(p, t.grads()[k], s, plain);
              double[] buffer = new double[p.length];
              double[] params = new double[p.length];
              for (int i = 0; i < p.length; i++) {
                buffer[i] = c.momentum() * s.buffer()[i] + (p[i] - without.params()[i]);
                params[i] = p[i] - c.lr() * with.state().buffer()[i];
              }
              int step = k + 1;
              assertNear(() -> "property 'the buffer accumulates d / avg', step " + step + ", for " + t, buffer,
                  with.state().buffer(), TRAJECTORY);
              assertNear(() -> "property 'the move is lr times the new buffer', step " + step + ", for " + t, params,
                  with.params(), TRAJECTORY);
              p = with.params();
              s = with.state();
            }
          });
    }

    @Test
    void weight_decay_is_the_same_as_adding_wd_times_p_to_the_gradient() {
      Props.check("Adagrad and RMSprop with wd on g equal the same without decay on g + wd * p", EXAMPLES,
          SgdMomentumGens.trajectories(5, 6, OptimizersGens.gradient(),
              AdagradRmspropGens.adagradSetups().zip(AdagradRmspropGens.rmspropConfigs(), doubles().between(1e-3, 1),
                  (a, r, wd) -> new Object[] {
                      new AdagradSetup(new AdagradConfig(a.config().lr(), a.config().lrDecay(), wd, a.config().eps()),
                          a.initial()),
                      new RmspropConfig(r.lr(), r.alpha(), r.eps(), wd, r.momentum(), r.centered())})),
          t -> {
            AdagradSetup a = (AdagradSetup) t.config()[0];
            RmspropConfig r = (RmspropConfig) t.config()[1];
            double wd = r.weightDecay();
            AdagradConfig aPlain = new AdagradConfig(a.config().lr(), a.config().lrDecay(), 0, a.config().eps());
            RmspropConfig rPlain = new RmspropConfig(r.lr(), r.alpha(), r.eps(), 0, r.momentum(), r.centered());
            double[] pa = t.params();
            double[] pr = t.params();
            AdagradState sa = KATA.adagradInitial(t.size(), a.initial());
            RmspropState sr = KATA.rmspropInitial(t.size());
            for (int k = 0; k < t.steps(); k++) {
              AdagradStep aDecayed = KATA.adagrad(pa, t.grads()[k], sa, a.config());
              AdagradStep aByHand = KATA.adagrad(pa, folded(t.grads()[k], pa, wd), sa, aPlain);
              RmspropStep rDecayed = KATA.rmsprop(pr, t.grads()[k], sr, r);
              RmspropStep rByHand = KATA.rmsprop(pr, folded(t.grads()[k], pr, wd), sr, rPlain);
              int step = k + 1;
              assertAdagrad(() -> "property 'Adagrad decay = gradient + wd * p', step " + step + ", for " + t + " with "
                  + a, aDecayed, aByHand.params(), aByHand.state().sum(), step, TRAJECTORY);
              assertRmsprop(() -> "property 'RMSprop decay = gradient + wd * p', step " + step + ", for " + t + " with "
                  + r, rDecayed, rByHand.params(), rByHand.state().squareAvg(), rByHand.state().gradAvg(),
                  rByHand.state().buffer(), step, TRAJECTORY);
              pa = aDecayed.params();
              sa = aDecayed.state();
              pr = rDecayed.params();
              sr = rDecayed.state();
            }
          });
    }

    @Test
    void coordinates_are_updated_independently() {
      Props.check("each coordinate evolves as if it were alone, in Adagrad and in RMSprop", EXAMPLES,
          SgdMomentumGens.trajectories(5, 6, OptimizersGens.gradient(),
              AdagradRmspropGens.adagradSetups().zip(AdagradRmspropGens.rmspropConfigs(), (a, r) -> new Object[] {a, r})),
          t -> {
            AdagradSetup a = (AdagradSetup) t.config()[0];
            RmspropConfig r = (RmspropConfig) t.config()[1];
            List<AdagradStep> aTogether = runAdagrad(KATA, t.with(a));
            List<RmspropStep> rTogether = runRmsprop(KATA, t.with(r));
            for (int i = 0; i < t.size(); i++) {
              final int coordinate = i;
              double[][] alone = Arrays.stream(t.grads()).map(g -> new double[] {g[coordinate]}).toArray(double[][]::new);
              double[] start = {t.params()[i]};
              List<AdagradStep> aSingle = runAdagrad(KATA, new Trajectory<>(start, alone, a));
              List<RmspropStep> rSingle = runRmsprop(KATA, new Trajectory<>(start, alone, r));
              for (int k = 0; k < t.steps(); k++) {
                int step = k + 1;
                assertNear(() -> "property 'Adagrad coordinate " + coordinate + " alone', step " + step + ", for " + t
                    + " with " + a, aSingle.get(k).params(), new double[] {aTogether.get(k).params()[coordinate]},
                    TRAJECTORY);
                assertNear(() -> "property 'RMSprop coordinate " + coordinate + " alone', step " + step + ", for " + t
                    + " with " + r, rSingle.get(k).params(), new double[] {rTogether.get(k).params()[coordinate]},
                    TRAJECTORY);
              }
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void adagrad_trajectories_match_the_reference_after_every_step() {
      Props.check("Adagrad trajectories agree with the reference solution", EXAMPLES,
          SgdMomentumGens.trajectories(6, 10, OptimizersGens.gradient(), AdagradRmspropGens.adagradSetups()),
          t -> {
            List<AdagradStep> expected = runAdagrad(REFERENCE, t);
            List<AdagradStep> actual = runAdagrad(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              AdagradStep e = expected.get(k);
              int step = k + 1;
              assertAdagrad(() -> "Adagrad step " + step + ", reference vs yours, for " + t, actual.get(k), e.params(),
                  e.state().sum(), e.state().step(), TRAJECTORY);
            }
          });
    }

    @Test
    void rmsprop_trajectories_match_the_reference_after_every_step() {
      Props.check("RMSprop trajectories agree with the reference solution", EXAMPLES,
          SgdMomentumGens.trajectories(6, 10, OptimizersGens.gradient(), AdagradRmspropGens.rmspropConfigs()),
          t -> {
            List<RmspropStep> expected = runRmsprop(REFERENCE, t);
            List<RmspropStep> actual = runRmsprop(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              RmspropStep e = expected.get(k);
              int step = k + 1;
              assertRmsprop(() -> "RMSprop step " + step + ", reference vs yours, for " + t, actual.get(k), e.params(),
                  e.state().squareAvg(), e.state().gradAvg(), e.state().buffer(), e.state().step(), TRAJECTORY);
            }
          });
    }
  }

  private static double[] folded(double[] grads, double[] params, double wd) {
    double[] out = new double[grads.length];
    for (int i = 0; i < grads.length; i++) {
      out[i] = grads[i] + wd * params[i];
    }
    return out;
  }

  /** Runs an Adagrad trajectory from {@code AdagradState.initial}, feeding each step's output into the next. */
  static List<AdagradStep> runAdagrad(AdagradRmspropApi api, Trajectory<AdagradSetup> t) {
    List<AdagradStep> out = new ArrayList<>();
    double[] p = t.params();
    AdagradState s = api.adagradInitial(t.size(), t.config().initial());
    for (double[] g : t.grads()) {
      AdagradStep r = api.adagrad(p, g, s, t.config().config());
      assertThat(r).as("Adagrad step result for %s", t).isNotNull();
      assertThat(r.state()).as("state in the Adagrad step result for %s", t).isNotNull();
      out.add(r);
      p = r.params();
      s = r.state();
    }
    return out;
  }

  /** Runs an RMSprop trajectory from {@code RmspropState.initial}, feeding each step's output into the next. */
  static List<RmspropStep> runRmsprop(AdagradRmspropApi api, Trajectory<RmspropConfig> t) {
    List<RmspropStep> out = new ArrayList<>();
    double[] p = t.params();
    RmspropState s = api.rmspropInitial(t.size());
    for (double[] g : t.grads()) {
      RmspropStep r = api.rmsprop(p, g, s, t.config());
      assertThat(r).as("RMSprop step result for %s", t).isNotNull();
      assertThat(r.state()).as("state in the RMSprop step result for %s", t).isNotNull();
      out.add(r);
      p = r.params();
      s = r.state();
    }
    return out;
  }

  static void assertAdagrad(String what, AdagradStep actual, double[] params, double[] sum, int step, double tol) {
    assertAdagrad(() -> what, actual, params, sum, step, tol);
  }

  /** The step's params and sum within {@code tol} (see {@link SgdMomentumSpec#assertNear}) and its counter exact. */
  static void assertAdagrad(Supplier<String> what, AdagradStep actual, double[] params, double[] sum, int step,
      double tol) {
    if (actual == null || actual.state() == null) {
      assertThat(actual).as(what.get()).isNotNull();
      assertThat(actual.state()).as("%s: state", what.get()).isNotNull();
    }
    assertNear(() -> what.get() + ": params", params, actual.params(), tol);
    assertNear(() -> what.get() + ": state.sum", sum, actual.state().sum(), tol);
    if (actual.state().step() != step) {
      assertThat(actual.state().step()).as("%s: state.step", what.get()).isEqualTo(step);
    }
  }

  static void assertRmsprop(String what, RmspropStep actual, double[] params, double[] squareAvg, double[] gradAvg,
      double[] buffer, int step, double tol) {
    assertRmsprop(() -> what, actual, params, squareAvg, gradAvg, buffer, step, tol);
  }

  /** The step's params and state arrays within {@code tol} and its counter exact. */
  static void assertRmsprop(Supplier<String> what, RmspropStep actual, double[] params, double[] squareAvg,
      double[] gradAvg, double[] buffer, int step, double tol) {
    if (actual == null || actual.state() == null) {
      assertThat(actual).as(what.get()).isNotNull();
      assertThat(actual.state()).as("%s: state", what.get()).isNotNull();
    }
    assertNear(() -> what.get() + ": params", params, actual.params(), tol);
    assertNear(() -> what.get() + ": state.squareAvg", squareAvg, actual.state().squareAvg(), tol);
    assertNear(() -> what.get() + ": state.gradAvg", gradAvg, actual.state().gradAvg(), tol);
    assertNear(() -> what.get() + ": state.buffer", buffer, actual.state().buffer(), tol);
    if (actual.state().step() != step) {
      assertThat(actual.state().step()).as("%s: state.step", what.get()).isEqualTo(step);
    }
  }
}

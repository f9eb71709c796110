package mlkata.grader.optimizers;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import mlkata.grader.optimizers.AdamApi.Config;
import mlkata.grader.optimizers.AdamApi.State;
import mlkata.grader.optimizers.AdamApi.Step;
import mlkata.grader.optimizers.OptimizersGens.Trajectory;
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
 * Grades {@code optimizers/adam}.
 *
 * <p>No efficiency layer: one step is a single O(n) pass and the kata is about the arithmetic.
 */
@KataSpec
@DisplayName("optimizers/adam: Adam and AdamW steps")
final class AdamSpec {
  /**
   * Tolerance on parameters and state entries along a trajectory, against torch, the reference or an
   * equivalent computation: absolute below 1 and relative above (a few steps with {@code beta2 = 0} can
   * carry a parameter far away). A correct answer differs only in the order of a few roundings per step
   * (about 1e-14 relative), while each wrong variant tried while writing this spec (no bias correction,
   * eps inside the root, L2 after the moments, a wrong decoupled factor, t from 0, v instead of vMax) is
   * off by orders of magnitude more on at least one golden case.
   */
  static final double TRAJECTORY = 1e-11;

  /**
   * Slack on the first-step move beyond the analytic bound {@code lr * eps / |g|}: the move is read as
   * {@code p' - p} with {@code |p| <= 5}, which loses at most a few ulps of 5 (about 1e-15).
   */
  static final double FIRST_MOVE = 1e-12;

  /** Hand-worked values are exact in decimal to at least 14 digits; this only absorbs rounding. */
  static final double HAND = 1e-12;

  private static final int EXAMPLES = 200;

  private static final AdamApi KATA = Target.pick(new AdamOfExercises(), new AdamOfSolutions());
  private static final AdamApi REFERENCE = new AdamOfSolutions();

  private static final Config DEFAULTS = new Config(1e-3, 0.9, 0.999, 1e-8, 0, false, false);

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      State s0 = KATA.initial(1);
      Step first = KATA.step(new double[] {1.0}, new double[] {0.5}, s0, DEFAULTS);
      // t = 1: m = 0.1 * 0.5, v = 0.001 * 0.25; mHat = 0.5, vHat = 0.25; p = 1 - 1e-3 * 0.5 / (0.5 + 1e-8).
      assertStep("step 1 of the statement example", first, new double[] {0.99900000002}, new double[] {0.05},
          new double[] {0.00025}, 1, HAND);
      Step second = KATA.step(first.params(), new double[] {0.5}, first.state(), DEFAULTS);
      // t = 2: m = 0.9 * 0.05 + 0.05 = 0.095, v = 0.999 * 0.00025 + 0.00025; mHat = 0.5, vHat = 0.25 again.
      assertStep("step 2 of the statement example", second, new double[] {0.99800000004}, new double[] {0.095},
          new double[] {0.00049975}, 2, HAND);
    }

    @Test
    void defaults_are_torch_adam_and_adamw_defaults() {
      assertThat(KATA.defaults()).as("Config.defaults() (torch.optim.Adam)").isEqualTo(DEFAULTS);
      assertThat(KATA.adamW()).as("Config.adamW() (torch.optim.AdamW)")
          .isEqualTo(new Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, true, false));
    }

    @Test
    void the_initial_state_is_zero_with_zero_steps() {
      State s = KATA.initial(3);
      assertThat(s).as("State.initial(3)").isNotNull();
      assertThat(s.m()).as("State.initial(3).m").containsExactly(0, 0, 0);
      assertThat(s.v()).as("State.initial(3).v").containsExactly(0, 0, 0);
      assertThat(s.vMax()).as("State.initial(3).vMax").containsExactly(0, 0, 0);
      assertThat(s.step()).as("State.initial(3).step").isZero();
      State empty = KATA.initial(0);
      assertThat(empty.m()).as("State.initial(0).m").isEmpty();
      assertThat(empty.v()).as("State.initial(0).v").isEmpty();
      assertThat(empty.vMax()).as("State.initial(0).vMax").isEmpty();
      assertRejects("State.initial(-1)", "size", () -> KATA.initial(-1));
    }

    @Test
    void eps_is_added_outside_the_square_root() {
      // lr 1, eps 0.01, g 0.01 on step 1: mHat = 0.01, sqrt(vHat) = 0.01, so the move is 0.01 / 0.02 = 0.5.
      // With eps inside the root it would be 0.01 / sqrt(1e-4 + 0.01), about 0.0995.
      Config c = new Config(1.0, 0.9, 0.999, 0.01, 0, false, false);
      Step r = KATA.step(new double[] {0.0}, new double[] {0.01}, KATA.initial(1), c);
      assertAllClose("params after one step with eps 0.01, g 0.01, lr 1 (eps inside the square root would give"
          + " about -0.0995)", new double[] {-0.5}, r.params(), HAND);
    }

    @Test
    void bias_correction_makes_the_first_step_move_by_lr() {
      // Step 1 from zero moments, betas 0.9/0.999, lr 1, eps 0, g = 2: m = 0.2, v = 0.004. Bias-corrected,
      // mHat = 2 and vHat = 4, so the move is 2 / 2 = 1. Without bias correction it would be
      // 0.2 / sqrt(0.004) = 3.162; correcting only m gives 2 / sqrt(0.004) = 31.6.
      Config c = new Config(1.0, 0.9, 0.999, 0.0, 0, false, false);
      Step r = KATA.step(new double[] {0.0}, new double[] {2.0}, KATA.initial(1), c);
      assertStep("first step with betas 0.9/0.999, lr 1, eps 0, g 2 from p 0: bias-corrected mHat/sqrt(vHat) = 1"
          + " (no bias correction would move p by 3.162)", r, new double[] {-1.0}, new double[] {0.2},
          new double[] {0.004}, 1, HAND);
    }

    @Test
    void tiny_gradients_show_where_eps_goes() {
      // Defaults (lr 1e-3, eps 1e-8) on step 1 with g = 1e-8: mHat = 1e-8, sqrt(vHat) = 1e-8, so the move
      // is 1e-3 * 1e-8 / (1e-8 + 1e-8) = 5e-4. With eps inside the root, sqrt(1e-16 + 1e-8) is about 1e-4
      // and the move collapses to 1e-7.
      Step r = KATA.step(new double[] {0.0}, new double[] {1e-8}, KATA.initial(1), DEFAULTS);
      assertAllClose("params after one default step with g 1e-8 from p 0: lr * g / (|g| + eps) = 5e-4"
          + " (eps inside the square root would move only 1e-7)", new double[] {-5e-4}, r.params(), HAND);
    }

    @Test
    void the_first_step_uses_t_equal_one_and_a_resumed_step_uses_the_saved_count_plus_one() {
      // beta1 = beta2 = 0.5, lr 1, eps 0, resuming from m = v = 1 after one step, g = 1:
      // t = 2, m = v = 1, bias corrections 0.75, so the move is (1/0.75) / sqrt(1/0.75) = sqrt(4/3).
      Config c = new Config(1.0, 0.5, 0.5, 0.0, 0, false, false);
      State saved = new State(new double[] {1.0}, new double[] {1.0}, new double[] {0.0}, 1);
      Step r = KATA.step(new double[] {0.0}, new double[] {1.0}, saved, c);
      assertStep("one step from a state saved after step 1 (betas 0.5, lr 1, eps 0, g 1)", r,
          new double[] {-Math.sqrt(4.0 / 3)}, new double[] {1.0}, new double[] {1.0}, 2, HAND);
    }

    @Test
    void amsgrad_divides_by_the_largest_second_moment_so_far() {
      // beta1 = beta2 = 0, lr 1, eps 0: m = g and v = g^2 each step, no bias correction left.
      // Step 1, g = 2: vMax = 4, move 2 / 2 = 1. Step 2, g = 1: v = 1 but vMax stays 4, move 1 / 2.
      Config ams = new Config(1.0, 0.0, 0.0, 0.0, 0, false, true);
      Step first = KATA.step(new double[] {0.0}, new double[] {2.0}, KATA.initial(1), ams);
      Step second = KATA.step(first.params(), new double[] {1.0}, first.state(), ams);
      assertStep("amsgrad step 2 (betas 0, lr 1, eps 0, grads 2 then 1)", second, new double[] {-1.5},
          new double[] {1.0}, new double[] {1.0}, 2, HAND);
      assertAllClose("vMax after amsgrad step 2", new double[] {4.0}, second.state().vMax(), HAND);
      // Without amsgrad the second step divides by sqrt(v) = 1 and moves by a full 1; vMax is carried as is.
      Config plain = new Config(1.0, 0.0, 0.0, 0.0, 0, false, false);
      Step noAms = KATA.step(first.params(), new double[] {1.0}, first.state(), plain);
      assertAllClose("params of the same step 2 without amsgrad", new double[] {-2.0}, noAms.params(), HAND);
      assertAllClose("vMax of the same step 2 without amsgrad (carried unchanged)", new double[] {4.0},
          noAms.state().vMax(), HAND);
    }

    @Test
    void adamw_shrinks_by_one_minus_lr_times_weight_decay() {
      Step r = KATA.step(new double[] {1.0, -2.0}, new double[] {0.0, 0.0}, KATA.initial(2), KATA.adamW());
      assertAllClose("Config.adamW() on params [1, -2] with zero gradients", new double[] {0.99999, -1.99998},
          r.params(), HAND);
    }

    @Test
    void adamw_decay_is_decoupled_from_the_moments() {
      // AdamW, lr 0.1, wd 0.5, p = 4, g = 0: the weight shrinks by 1 - 0.1 * 0.5 to 3.8 and the moments
      // stay zero. Decay applied as L2 (g + wd * p = 2 through the moments) would give p = 3.9, m = 0.2.
      Config c = new Config(0.1, 0.9, 0.999, 1e-8, 0.5, true, false);
      Step r = KATA.step(new double[] {4.0}, new double[] {0.0}, KATA.initial(1), c);
      assertStep("AdamW (decoupled) with lr 0.1, wd 0.5, p 4, g 0: p * (1 - lr * wd) = 3.8, moments untouched"
          + " (L2 decay through the moments would give p 3.9, m 0.2)", r, new double[] {3.8}, new double[] {0.0},
          new double[] {0.0}, 1, HAND);
    }

    @Test
    void adam_l2_decay_goes_through_the_moments() {
      // lr 0.1, wd 0.5, p = 2, g = 0: the gradient becomes 1, so step 1 moves by 0.1 / (1 + 1e-8).
      Config c = new Config(0.1, 0.9, 0.999, 1e-8, 0.5, false, false);
      Step r = KATA.step(new double[] {2.0}, new double[] {0.0}, KATA.initial(1), c);
      assertStep("Adam with L2 decay 0.5, lr 0.1, p 2, g 0", r, new double[] {2 - 0.1 / (1 + 1e-8)},
          new double[] {0.1}, new double[] {0.001}, 1, HAND);
    }

    @Test
    void empty_vectors_still_advance_the_step() {
      Step r = KATA.step(new double[0], new double[0], KATA.initial(0), DEFAULTS);
      assertThat(r.params()).as("params after a step on empty vectors").isEmpty();
      assertThat(r.state().step()).as("step counter after a step on empty vectors").isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[] p = {1.0, 2.0};
    private final double[] g = {0.5, -0.5};

    @Test
    void lengths_must_match() {
      assertRejects("step with 2 params and 3 grads", "grads",
          () -> KATA.step(p, new double[] {1, 2, 3}, KATA.initial(2), DEFAULTS));
      assertRejects("step with state.m of length 3", "state",
          () -> KATA.step(p, g, new State(new double[3], new double[2], new double[2], 0), DEFAULTS));
      assertRejects("step with state.v of length 1", "state",
          () -> KATA.step(p, g, new State(new double[2], new double[1], new double[2], 0), DEFAULTS));
      assertRejects("step with state.vMax of length 0", "state",
          () -> KATA.step(p, g, new State(new double[2], new double[2], new double[0], 0), DEFAULTS));
    }

    @Test
    void the_step_counter_must_be_in_range() {
      assertRejects("step with state.step -1", "state",
          () -> KATA.step(p, g, new State(new double[2], new double[2], new double[2], -1), DEFAULTS));
      assertRejects("step with state.step Integer.MAX_VALUE", "state",
          () -> KATA.step(p, g, new State(new double[2], new double[2], new double[2], Integer.MAX_VALUE), DEFAULTS));
    }

    @Test
    void hyperparameters_must_be_in_range() {
      assertRejects("lr -0.1", "lr", () -> KATA.step(p, g, KATA.initial(2), withLr(-0.1)));
      assertRejects("lr NaN", "lr", () -> KATA.step(p, g, KATA.initial(2), withLr(Double.NaN)));
      assertRejects("lr +Infinity", "lr", () -> KATA.step(p, g, KATA.initial(2), withLr(Double.POSITIVE_INFINITY)));
      for (double bad : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
        assertRejects("beta1 " + bad, "beta1", () -> KATA.step(p, g, KATA.initial(2),
            new Config(1e-3, bad, 0.999, 1e-8, 0, false, false)));
        assertRejects("beta2 " + bad, "beta2", () -> KATA.step(p, g, KATA.initial(2),
            new Config(1e-3, 0.9, bad, 1e-8, 0, false, false)));
      }
      for (double bad : new double[] {-1e-8, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("eps " + bad, "eps", () -> KATA.step(p, g, KATA.initial(2),
            new Config(1e-3, 0.9, 0.999, bad, 0, false, false)));
        assertRejects("weightDecay " + bad, "weightDecay", () -> KATA.step(p, g, KATA.initial(2),
            new Config(1e-3, 0.9, 0.999, 1e-8, bad, true, false)));
      }
    }

    @Test
    void the_range_edges_are_accepted() {
      Config edges = new Config(0.0, 0.0, 0.0, 0.0, 0.0, false, false);
      Step r = KATA.step(p, g, KATA.initial(2), edges);
      assertAllClose("params after a step with lr 0 (betas 0, eps 0, wd 0)", p, r.params(), HAND);
    }

    @Test
    void params_grads_and_state_must_be_finite() {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("params with " + bad, "params",
            () -> KATA.step(new double[] {1.0, bad}, g, KATA.initial(2), DEFAULTS));
        assertRejects("grads with " + bad, "grads",
            () -> KATA.step(p, new double[] {bad, 1.0}, KATA.initial(2), DEFAULTS));
        assertRejects("state.m with " + bad, "state",
            () -> KATA.step(p, g, new State(new double[] {0, bad}, new double[2], new double[2], 1), DEFAULTS));
      }
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("state.v with " + bad, "state",
            () -> KATA.step(p, g, new State(new double[2], new double[] {bad, 0}, new double[2], 1), DEFAULTS));
        assertRejects("state.vMax with " + bad, "state",
            () -> KATA.step(p, g, new State(new double[2], new double[2], new double[] {0, bad}, 1), DEFAULTS));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("step with null params", () -> KATA.step(null, g, KATA.initial(2), DEFAULTS));
      assertNullRejected("step with null grads", () -> KATA.step(p, null, KATA.initial(2), DEFAULTS));
      assertNullRejected("step with null state", () -> KATA.step(p, g, null, DEFAULTS));
      assertNullRejected("step with null config", () -> KATA.step(p, g, KATA.initial(2), null));
      assertNullRejected("step with null state.m", () -> KATA.step(p, g, new State(null, new double[2], new double[2], 0), DEFAULTS));
      assertNullRejected("step with null state.v", () -> KATA.step(p, g, new State(new double[2], null, new double[2], 0), DEFAULTS));
      assertNullRejected("step with null state.vMax", () -> KATA.step(p, g, new State(new double[2], new double[2], null, 0), DEFAULTS));
    }

    @Test
    void inputs_are_not_modified() {
      double[] params = {1.0, -2.0, 0.5};
      double[] grads = {0.3, 0.0, -1.2};
      State state = new State(new double[] {0.1, -0.2, 0.3}, new double[] {0.5, 0.01, 0.2},
          new double[] {0.6, 0.01, 0.1}, 3);
      double[][] copies = {params.clone(), grads.clone(), state.m().clone(), state.v().clone(), state.vMax().clone()};
      for (Config c : new Config[] {new Config(0.1, 0.9, 0.99, 1e-8, 0.1, false, true),
          new Config(0.1, 0.9, 0.99, 1e-8, 0.1, true, true), new Config(0.1, 0.9, 0.99, 1e-8, 0.1, true, false)}) {
        KATA.step(params, grads, state, c);
        String what = " after step with " + c;
        assertThat(params).as("params" + what).containsExactly(copies[0]);
        assertThat(grads).as("grads" + what).containsExactly(copies[1]);
        assertThat(state.m()).as("state.m" + what).containsExactly(copies[2]);
        assertThat(state.v()).as("state.v" + what).containsExactly(copies[3]);
        assertThat(state.vMax()).as("state.vMax" + what).containsExactly(copies[4]);
        assertThat(state.step()).as("state.step" + what).isEqualTo(3);
      }
    }
  }

  @Nested
  @DisplayName("golden trajectories from torch.optim.Adam and AdamW")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("optimizers/adam");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_torch_after_every_step(Goldens.Case c) {
      Goldens.Values cfg = c.input().object("config");
      Config config = new Config(cfg.number("lr"), cfg.number("beta1"), cfg.number("beta2"), cfg.number("eps"),
          cfg.number("weightDecay"), cfg.bool("decoupled"), cfg.bool("amsgrad"));
      double[] params = c.input().doubles("params");
      double[][] grads = c.input().matrix("grads");
      List<Goldens.Values> expected = c.expected().objects("steps");
      int n = params.length;
      State state = new State(new double[n], new double[n], new double[n], 0); // built here: only step is graded
      for (int k = 0; k < grads.length; k++) {
        Step r = KATA.step(params, grads[k], state, config);
        Goldens.Values e = expected.get(k);
        double[] gradient = grads[k];
        int step = k + 1;
        Supplier<String> what = () -> "golden '" + c.name() + "' (" + config + ", start "
            + Arrays.toString(c.input().doubles("params")) + ") vs " + c.library() + ", after step " + step
            + " (gradient " + Arrays.toString(gradient) + ")";
        assertStep(what, r, e.doubles("params"), e.doubles("m"), e.doubles("v"), (int) e.integer("step"), TRAJECTORY);
        if (e.has("vMax")) {
          assertNear(() -> what.get() + ": state.vMax", e.doubles("vMax"), r.state().vMax(), TRAJECTORY);
        }
        params = r.params();
        state = r.state();
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_first_step_moves_each_coordinate_by_about_lr_against_the_gradient_sign() {
      Props.check("first step: p' - p = -lr * sign(g), up to lr * eps / |g|", EXAMPLES,
          OptimizersGens.trajectories(8, 1, OptimizersGens.nonzeroGradient(), OptimizersGens.configsWithoutDecay(1e-8)),
          t -> {
            Step r = KATA.step(t.params(), t.grads()[0], KATA.initial(t.size()), t.config());
            assertThat(r).as("step result for %s", t).isNotNull();
            double lr = t.config().lr();
            for (int i = 0; i < t.size(); i++) {
              double g = t.grads()[0][i];
              double move = r.params()[i] - t.params()[i];
              double slack = lr * 1e-8 / Math.abs(g) + FIRST_MOVE;
              if (!(Math.abs(move + lr * Math.signum(g)) <= slack)) {
                assertClose("property 'first move is -lr * sign(g)' at coordinate " + i + " for " + t,
                    -lr * Math.signum(g), move, slack);
              }
            }
          });
    }

    @Test
    void scaling_every_gradient_by_a_positive_constant_changes_nothing_when_eps_is_zero() {
      Props.check("Adam is invariant to rescaling the gradients (eps 0, no decay)", EXAMPLES,
          OptimizersGens.trajectories(5, 8, OptimizersGens.nonzeroGradient(), OptimizersGens.configsWithoutDecay(0))
              .zip(doubles().between(-3, 3), (t, e) -> new Object[] {t, Math.pow(10, e)}),
          x -> {
            Trajectory t = (Trajectory) x[0];
            double c = (double) x[1];
            double[][] scaled = new double[t.steps()][];
            for (int k = 0; k < t.steps(); k++) {
              scaled[k] = Arrays.stream(t.grads()[k]).map(v -> c * v).toArray();
            }
            List<Step> plain = run(KATA, t);
            List<Step> rescaled = run(KATA, new Trajectory(t.params(), scaled, t.config()));
            for (int k = 0; k < t.steps(); k++) {
              int step = k + 1;
              assertNear(() -> "property 'params with gradients times " + c + " equal params with the originals', step "
                  + step + ", for " + t, plain.get(k).params(), rescaled.get(k).params(), TRAJECTORY);
            }
          });
    }

    @Test
    void zero_gradients_without_decay_leave_everything_in_place() {
      Props.check("zero gradients, no weight decay: params and moments stay put", EXAMPLES,
          OptimizersGens.trajectories(6, 6, OptimizersGens.gradient().map(g -> 0.0), OptimizersGens.configsWithoutDecay(1e-8)),
          t -> {
            List<Step> steps = run(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              Step r = steps.get(k);
              assertThat(r.params()).as("property 'zero gradients do not move params', step %d, for %s", k + 1, t)
                  .containsExactly(t.params());
              assertThat(r.state().m()).as("property 'zero gradients keep m at 0', step %d, for %s", k + 1, t)
                  .containsOnly(0.0);
              assertThat(r.state().v()).as("property 'zero gradients keep v at 0', step %d, for %s", k + 1, t)
                  .containsOnly(0.0);
            }
          });
    }

    @Test
    void adamw_on_zero_gradients_shrinks_by_exactly_one_minus_lr_times_weight_decay() {
      Props.check("AdamW, zero gradients: p_k = p_0 * (1 - lr * wd)^k", EXAMPLES,
          OptimizersGens.trajectories(6, 6, OptimizersGens.gradient().map(g -> 0.0), OptimizersGens.configs()
              .zip(doubles().between(1e-3, 1), (c, wd) -> new Config(c.lr(), c.beta1(), c.beta2(), c.eps(), wd, true,
                  c.amsgrad()))),
          t -> {
            List<Step> steps = run(KATA, t);
            double factor = 1 - t.config().lr() * t.config().weightDecay();
            double[] expected = t.params().clone();
            for (int k = 0; k < t.steps(); k++) {
              for (int i = 0; i < expected.length; i++) {
                expected[i] *= factor;
              }
              int step = k + 1;
              assertNear(() -> "property 'AdamW shrinks by (1 - lr * wd) per step on zero gradients', step " + step
                  + ", for " + t, expected, steps.get(k).params(), TRAJECTORY);
            }
          });
    }

    @Test
    void the_step_counter_counts_steps() {
      Props.check("state.step is the number of steps taken", EXAMPLES,
          OptimizersGens.trajectories(4, 10, OptimizersGens.gradient(), OptimizersGens.configs())
              .zip(integers().between(0, 1_000_000), (t, s) -> new Object[] {t, s}),
          x -> {
            Trajectory t = (Trajectory) x[0];
            int start = (int) x[1];
            List<Step> steps = run(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              assertThat(steps.get(k).state().step()).as("property 'step counter after %d steps from State.initial' for %s",
                  k + 1, t).isEqualTo(k + 1);
            }
            State resumed = new State(new double[t.size()], new double[t.size()], new double[t.size()], start);
            assertThat(KATA.step(t.params(), t.grads()[0], resumed, t.config()).state().step())
                .as("property 'one step from state.step = %d gives %d' for %s", start, start + 1, t)
                .isEqualTo(start + 1);
          });
    }

    @Test
    void l2_decay_is_the_same_as_adding_wd_times_p_to_the_gradient() {
      Props.check("Adam(wd) on g equals Adam(no decay) on g + wd * p, from the same state", EXAMPLES,
          OptimizersGens.trajectories(5, 6, OptimizersGens.gradient(), OptimizersGens.configs()
              .zip(doubles().between(1e-3, 1), (c, wd) -> new Config(c.lr(), c.beta1(), c.beta2(), c.eps(), wd, false,
                  c.amsgrad()))),
          t -> {
            Config noDecay = new Config(t.config().lr(), t.config().beta1(), t.config().beta2(), t.config().eps(), 0,
                false, t.config().amsgrad());
            double[] p = t.params();
            State s = KATA.initial(t.size());
            for (int k = 0; k < t.steps(); k++) {
              double[] folded = new double[p.length];
              for (int i = 0; i < p.length; i++) {
                folded[i] = t.grads()[k][i] + t.config().weightDecay() * p[i];
              }
              Step decayed = KATA.step(p, t.grads()[k], s, t.config());
              Step byHand = KATA.step(p, folded, s, noDecay);
              int step = k + 1;
              Supplier<String> what = () -> "property 'L2 decay = gradient + wd * p before the moments', step " + step
                  + ", for " + t;
              assertStep(what, decayed, byHand.params(), byHand.state().m(), byHand.state().v(), step, TRAJECTORY);
              p = decayed.params();
              s = decayed.state();
            }
          });
    }

    @Test
    void adamw_decay_shrinks_the_weight_and_leaves_the_moments_alone() {
      Props.check("AdamW(wd) on p equals Adam(no decay) on p * (1 - lr * wd), from the same state", EXAMPLES,
          OptimizersGens.trajectories(5, 6, OptimizersGens.gradient(), OptimizersGens.configs()
              .zip(doubles().between(1e-3, 1), (c, wd) -> new Config(c.lr(), c.beta1(), c.beta2(), c.eps(), wd, true,
                  c.amsgrad()))),
          t -> {
            Config noDecay = new Config(t.config().lr(), t.config().beta1(), t.config().beta2(), t.config().eps(), 0,
                false, t.config().amsgrad());
            double factor = 1 - t.config().lr() * t.config().weightDecay();
            double[] p = t.params();
            State s = KATA.initial(t.size());
            for (int k = 0; k < t.steps(); k++) {
              double[] shrunk = Arrays.stream(p).map(x -> x * factor).toArray();
              Step decayed = KATA.step(p, t.grads()[k], s, t.config());
              Step byHand = KATA.step(shrunk, t.grads()[k], s, noDecay);
              int step = k + 1;
              Supplier<String> what = () -> "property 'AdamW = shrink p by (1 - lr * wd), then a plain Adam step', step "
                  + step + ", for " + t;
              assertStep(what, decayed, byHand.params(), byHand.state().m(), byHand.state().v(), step, TRAJECTORY);
              p = decayed.params();
              s = decayed.state();
            }
          });
    }

    @Test
    void coordinates_are_updated_independently() {
      Props.check("each coordinate evolves as if it were alone", EXAMPLES,
          OptimizersGens.trajectories(5, 6, OptimizersGens.gradient(), OptimizersGens.configs()),
          t -> {
            List<Step> together = run(KATA, t);
            for (int i = 0; i < t.size(); i++) {
              final int coordinate = i;
              double[][] alone = Arrays.stream(t.grads()).map(g -> new double[] {g[coordinate]}).toArray(double[][]::new);
              List<Step> single = run(KATA, new Trajectory(new double[] {t.params()[i]}, alone, t.config()));
              for (int k = 0; k < t.steps(); k++) {
                int step = k + 1;
                assertNear(() -> "property 'coordinate " + coordinate + " alone gives the same value', step " + step
                    + ", for " + t, single.get(k).params(), new double[] {together.get(k).params()[coordinate]}, TRAJECTORY);
              }
            }
          });
    }

    @Test
    void amsgrad_keeps_the_running_maximum_of_v() {
      Props.check("with amsgrad, vMax = max(previous vMax, new v); without, vMax is carried unchanged", EXAMPLES,
          OptimizersGens.trajectories(5, 8, OptimizersGens.gradient(), OptimizersGens.configs()),
          t -> {
            List<Step> steps = run(KATA, t);
            double[] previous = new double[t.size()];
            for (int k = 0; k < t.steps(); k++) {
              State s = steps.get(k).state();
              double[] expected = new double[t.size()];
              for (int i = 0; i < t.size(); i++) {
                expected[i] = t.config().amsgrad() ? Math.max(previous[i], s.v()[i]) : 0.0;
              }
              int step = k + 1;
              assertNear(() -> "property 'vMax is the running max of v with amsgrad, untouched without', step " + step
                  + ", for " + t, expected, s.vMax(), TRAJECTORY);
              previous = s.vMax();
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void trajectories_match_the_reference_after_every_step() {
      Props.check("Adam / AdamW trajectories agree with the reference solution", EXAMPLES,
          OptimizersGens.trajectories(6, 10, OptimizersGens.gradient(), OptimizersGens.configs()),
          t -> {
            List<Step> expected = run(REFERENCE, t);
            List<Step> actual = run(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              Step e = expected.get(k);
              int step = k + 1;
              Supplier<String> what = () -> "step " + step + ", reference vs yours, for " + t;
              assertStep(what, actual.get(k), e.params(), e.state().m(), e.state().v(), e.state().step(), TRAJECTORY);
              assertNear(() -> what.get() + ": state.vMax", e.state().vMax(), actual.get(k).state().vMax(), TRAJECTORY);
            }
          });
    }
  }

  /** Runs a whole trajectory from {@code State.initial}, feeding each step's output into the next. */
  static List<Step> run(AdamApi api, Trajectory t) {
    List<Step> out = new ArrayList<>();
    double[] p = t.params();
    State s = api.initial(t.size());
    for (double[] g : t.grads()) {
      Step r = api.step(p, g, s, t.config());
      assertThat(r).as("step result for %s", t).isNotNull();
      assertThat(r.state()).as("state in the step result for %s", t).isNotNull();
      out.add(r);
      p = r.params();
      s = r.state();
    }
    return out;
  }

  static void assertStep(String what, Step actual, double[] params, double[] m, double[] v, int step, double tol) {
    assertStep(() -> what, actual, params, m, v, step, tol);
  }

  /** The step's params, m and v within {@code tol} (see {@link #assertNear}) and its counter exact. */
  static void assertStep(Supplier<String> what, Step actual, double[] params, double[] m, double[] v, int step,
      double tol) {
    if (actual == null || actual.state() == null) {
      assertThat(actual).as(what.get()).isNotNull();
      assertThat(actual.state()).as("%s: state", what.get()).isNotNull();
    }
    assertNear(() -> what.get() + ": params", params, actual.params(), tol);
    assertNear(() -> what.get() + ": state.m", m, actual.state().m(), tol);
    assertNear(() -> what.get() + ": state.v", v, actual.state().v(), tol);
    if (actual.state().step() != step) {
      assertThat(actual.state().step()).as("%s: state.step", what.get()).isEqualTo(step);
    }
  }

  static Config withLr(double lr) {
    return new Config(lr, 0.9, 0.999, 1e-8, 0, false, false);
  }
}

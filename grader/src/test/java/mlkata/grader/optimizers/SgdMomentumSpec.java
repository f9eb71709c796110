package mlkata.grader.optimizers;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import mlkata.grader.optimizers.SgdMomentumApi.Config;
import mlkata.grader.optimizers.SgdMomentumApi.State;
import mlkata.grader.optimizers.SgdMomentumApi.Step;
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
 * Grades {@code optimizers/sgd-momentum}.
 *
 * <p>No efficiency layer: one step is a single O(n) pass and the kata is about the arithmetic.
 */
@KataSpec
@DisplayName("optimizers/sgd-momentum: SGD with momentum and Nesterov")
final class SgdMomentumSpec {
  /**
   * Tolerance on parameters and buffers along a trajectory, against torch, the reference or an equivalent
   * computation: absolute below 1 and relative above (momentum above 1 makes values grow). A correct answer
   * differs only in the order of a few roundings per step (about 1e-15 relative), while each wrong variant
   * tried while writing this spec (zero-initialised buffer, buffer initialised to (1 - dampening) * g,
   * Nesterov with the old buffer, decay added after the buffer, dampening on the first step) is off by 1e-3
   * or more on at least one golden case.
   */
  static final double TRAJECTORY = 1e-12;

  /** Hand-worked values are exact in decimal to at least 15 digits; this only absorbs rounding. */
  static final double HAND = 1e-12;

  private static final int EXAMPLES = 200;

  private static final SgdMomentumApi KATA = Target.pick(new SgdMomentumOfExercises(), new SgdMomentumOfSolutions());
  private static final SgdMomentumApi REFERENCE = new SgdMomentumOfSolutions();

  private static final Config MOMENTUM = new Config(0.1, 0.9, 0.0, 0.0, false);

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // lr 0.1, mu 0.9, p 1, g 1 twice. Step 1: buf = 1, p = 0.9. Step 2: buf = 0.9 + 1 = 1.9, p = 0.9 - 0.19.
      List<Step> plain = run(KATA, new Trajectory<>(new double[] {1.0}, new double[][] {{1.0}, {1.0}}, MOMENTUM));
      assertStep("step 1 of the statement example (lr 0.1, momentum 0.9)", plain.get(0), new double[] {0.9},
          new double[] {1.0}, 1, HAND);
      assertStep("step 2 of the statement example (lr 0.1, momentum 0.9)", plain.get(1), new double[] {0.71},
          new double[] {1.9}, 2, HAND);
      // Nesterov: step 1 moves by 1 + 0.9 * 1 = 1.9, step 2 by 1 + 0.9 * 1.9 = 2.71.
      Config nesterov = new Config(0.1, 0.9, 0.0, 0.0, true);
      List<Step> ahead = run(KATA, new Trajectory<>(new double[] {1.0}, new double[][] {{1.0}, {1.0}}, nesterov));
      assertStep("Nesterov step 1 of the statement example", ahead.get(0), new double[] {0.81}, new double[] {1.0},
          1, HAND);
      assertStep("Nesterov step 2 of the statement example", ahead.get(1), new double[] {0.539}, new double[] {1.9},
          2, HAND);
      // Dampening 0.5: step 1 unchanged, step 2 buf = 0.9 + 0.5 * 1 = 1.4, p = 0.9 - 0.14.
      Config damped = new Config(0.1, 0.9, 0.5, 0.0, false);
      List<Step> soft = run(KATA, new Trajectory<>(new double[] {1.0}, new double[][] {{1.0}, {1.0}}, damped));
      assertStep("dampening 0.5, step 1 of the statement example", soft.get(0), new double[] {0.9},
          new double[] {1.0}, 1, HAND);
      assertStep("dampening 0.5, step 2 of the statement example", soft.get(1), new double[] {0.76},
          new double[] {1.4}, 2, HAND);
    }

    @Test
    void defaults_are_torch_sgd_defaults_with_the_given_lr() {
      assertThat(KATA.defaults(0.05)).as("Config.defaults(0.05) (torch.optim.SGD(lr=0.05))")
          .isEqualTo(new Config(0.05, 0, 0, 0, false));
      assertThat(KATA.defaults(2.0)).as("Config.defaults(2.0)").isEqualTo(new Config(2.0, 0, 0, 0, false));
    }

    @Test
    void the_initial_state_is_a_zero_buffer_with_zero_steps() {
      State s = KATA.initial(3);
      assertThat(s).as("State.initial(3)").isNotNull();
      assertThat(s.buffer()).as("State.initial(3).buffer").containsExactly(0, 0, 0);
      assertThat(s.step()).as("State.initial(3).step").isZero();
      assertThat(KATA.initial(0).buffer()).as("State.initial(0).buffer").isEmpty();
      assertRejects("State.initial(-1)", "size", () -> KATA.initial(-1));
    }

    @Test
    void the_first_step_copies_the_gradient_into_the_buffer_whatever_the_dampening() {
      // mu 0.9, dampening 0.5, lr 1, g 2: torch's buffer starts as g itself, so buf = 2 and p moves by 2.
      // A zero-initialised buffer or (1 - dampening) * g would give buf = 1 and a move of 1.
      Config c = new Config(1.0, 0.9, 0.5, 0.0, false);
      Step r = KATA.step(new double[] {0.0}, new double[] {2.0}, KATA.initial(1), c);
      assertStep("first step with dampening 0.5 (lr 1, momentum 0.9, g 2)", r, new double[] {-2.0},
          new double[] {2.0}, 1, HAND);
    }

    @Test
    void the_first_step_is_decided_by_the_step_count_not_by_the_buffer() {
      // step 0 with a nonzero buffer: the buffer is overwritten by g (= 3), not decayed into.
      Config c = new Config(1.0, 0.5, 0.0, 0.0, false);
      Step fresh = KATA.step(new double[] {0.0}, new double[] {3.0}, new State(new double[] {10.0}, 0), c);
      assertStep("step from step 0 with a leftover buffer 10 (lr 1, momentum 0.5, g 3)", fresh,
          new double[] {-3.0}, new double[] {3.0}, 1, HAND);
      // step 3 with buffer 1, dampening 0.25, g 2: buf = 0.5 * 1 + 0.75 * 2 = 2.
      Config damped = new Config(1.0, 0.5, 0.25, 0.0, false);
      Step resumed = KATA.step(new double[] {0.0}, new double[] {2.0}, new State(new double[] {1.0}, 3), damped);
      assertStep("step from step 3 with buffer 1 (lr 1, momentum 0.5, dampening 0.25, g 2)", resumed,
          new double[] {-2.0}, new double[] {2.0}, 4, HAND);
    }

    @Test
    void nesterov_looks_ahead_with_the_new_buffer() {
      // From buffer 1 after one step, mu 0.5, lr 1, g 2: buf = 0.5 + 2 = 2.5, move = 2 + 0.5 * 2.5 = 3.25.
      // With the old buffer the move would be 2 + 0.5 * 1 = 2.5.
      Config c = new Config(1.0, 0.5, 0.0, 0.0, true);
      Step r = KATA.step(new double[] {0.0}, new double[] {2.0}, new State(new double[] {1.0}, 1), c);
      assertStep("Nesterov step from buffer 1 (lr 1, momentum 0.5, g 2): g + mu * newBuffer = 3.25 (classical"
          + " momentum, or Nesterov with the old buffer, would move 2.5)", r, new double[] {-3.25},
          new double[] {2.5}, 2, HAND);
    }

    @Test
    void without_momentum_the_step_is_plain_sgd_and_the_buffer_is_carried() {
      // mu 0, lr 0.5, wd 0.5, p 2, g 1: move = 1 + 0.5 * 2 = 2, p = 1. The buffer [0.7] comes back unchanged.
      Config c = new Config(0.5, 0.0, 0.0, 0.5, false);
      Step r = KATA.step(new double[] {2.0}, new double[] {1.0}, new State(new double[] {0.7}, 2), c);
      assertStep("plain SGD step (lr 0.5, wd 0.5, p 2, g 1) from buffer 0.7", r, new double[] {1.0},
          new double[] {0.7}, 3, HAND);
    }

    @Test
    void weight_decay_is_added_to_the_gradient_before_the_buffer() {
      // mu 0.9, lr 0.1, wd 0.5, p 2, g 0: the decayed gradient is 1, so buf = 1 and p = 1.9 on step 1;
      // step 2 (p = 1.9, g 0): d = 0.95, buf = 0.9 + 0.95 = 1.85, p = 1.9 - 0.185 = 1.715.
      Config c = new Config(0.1, 0.9, 0.0, 0.5, false);
      List<Step> r = run(KATA, new Trajectory<>(new double[] {2.0}, new double[][] {{0.0}, {0.0}}, c));
      assertStep("step 1 with wd 0.5 on a zero gradient (lr 0.1, momentum 0.9, p 2)", r.get(0),
          new double[] {1.9}, new double[] {1.0}, 1, HAND);
      assertStep("step 2 with wd 0.5 on a zero gradient (lr 0.1, momentum 0.9)", r.get(1), new double[] {1.715},
          new double[] {1.85}, 2, HAND);
    }

    @Test
    void empty_vectors_still_advance_the_step() {
      Step r = KATA.step(new double[0], new double[0], KATA.initial(0), MOMENTUM);
      assertThat(r.params()).as("params after a step on empty vectors").isEmpty();
      assertThat(r.state().buffer()).as("buffer after a step on empty vectors").isEmpty();
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
          () -> KATA.step(p, new double[] {1, 2, 3}, KATA.initial(2), MOMENTUM));
      assertRejects("step with 2 params and 1 grad", "grads",
          () -> KATA.step(p, new double[] {1}, KATA.initial(2), MOMENTUM));
      assertRejects("step with a buffer of length 3", "state", () -> KATA.step(p, g, KATA.initial(3), MOMENTUM));
      assertRejects("step with a buffer of length 1", "state", () -> KATA.step(p, g, KATA.initial(1), MOMENTUM));
    }

    @Test
    void step_counter_must_be_in_range() {
      assertRejects("state.step = -1", "state", () -> KATA.step(p, g, new State(new double[2], -1), MOMENTUM));
      assertRejects("state.step = Integer.MAX_VALUE", "state",
          () -> KATA.step(p, g, new State(new double[2], Integer.MAX_VALUE), MOMENTUM));
    }

    @Test
    void hyperparameters_must_be_in_range() {
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("lr " + bad, "lr", () -> KATA.step(p, g, KATA.initial(2), new Config(bad, 0.9, 0, 0, false)));
        assertRejects("momentum " + bad, "momentum",
            () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, bad, 0, 0, false)));
        assertRejects("weightDecay " + bad, "weightDecay",
            () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, 0.9, 0, bad, false)));
      }
      for (double bad : new double[] {-1e-12, 1 + 1e-12, Double.NaN, Double.NEGATIVE_INFINITY}) {
        assertRejects("dampening " + bad, "dampening",
            () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, 0.9, bad, 0, false)));
      }
    }

    @Test
    void nesterov_needs_momentum_and_no_dampening() {
      assertRejects("Nesterov with momentum 0", "nesterov",
          () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, 0.0, 0.0, 0.0, true)));
      assertRejects("Nesterov with dampening 0.1", "nesterov",
          () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, 0.9, 0.1, 0.0, true)));
      assertRejects("Nesterov with dampening 1", "nesterov",
          () -> KATA.step(p, g, KATA.initial(2), new Config(0.1, 0.9, 1.0, 0.0, true)));
    }

    @Test
    void entries_must_be_finite() {
      for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
        assertRejects("params with " + bad, "params",
            () -> KATA.step(new double[] {1, bad}, g, KATA.initial(2), MOMENTUM));
        assertRejects("grads with " + bad, "grads",
            () -> KATA.step(p, new double[] {bad, 0}, KATA.initial(2), MOMENTUM));
        assertRejects("state.buffer with " + bad, "state",
            () -> KATA.step(p, g, new State(new double[] {0, bad}, 1), MOMENTUM));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("step with null params", () -> KATA.step(null, g, KATA.initial(2), MOMENTUM));
      assertNullRejected("step with null grads", () -> KATA.step(p, null, KATA.initial(2), MOMENTUM));
      assertNullRejected("step with null state", () -> KATA.step(p, g, null, MOMENTUM));
      assertNullRejected("step with null config", () -> KATA.step(p, g, KATA.initial(2), null));
      assertNullRejected("step with null state.buffer", () -> KATA.step(p, g, new State(null, 1), MOMENTUM));
    }

    @Test
    void inputs_are_not_modified() {
      double[] params = {1.0, -2.0, 0.5};
      double[] grads = {0.3, 0.0, -1.2};
      State state = new State(new double[] {0.1, -0.2, 0.3}, 3);
      double[][] copies = {params.clone(), grads.clone(), state.buffer().clone()};
      for (Config c : new Config[] {new Config(0.1, 0.9, 0.2, 0.1, false), new Config(0.1, 0.9, 0, 0.1, true),
          new Config(0.1, 0, 0, 0.1, false)}) {
        for (State s : new State[] {state, new State(state.buffer(), 0)}) {
          KATA.step(params, grads, s, c);
          String what = " after a step from step " + s.step() + " with " + c;
          assertThat(params).as("params" + what).containsExactly(copies[0]);
          assertThat(grads).as("grads" + what).containsExactly(copies[1]);
          assertThat(state.buffer()).as("state.buffer" + what).containsExactly(copies[2]);
        }
      }
    }
  }

  @Nested
  @DisplayName("golden trajectories from torch.optim.SGD")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("optimizers/sgd-momentum");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_torch_after_every_step(Goldens.Case c) {
      Goldens.Values cfg = c.input().object("config");
      Config config = new Config(cfg.number("lr"), cfg.number("momentum"), cfg.number("dampening"),
          cfg.number("weightDecay"), cfg.bool("nesterov"));
      double[] params = c.input().doubles("params");
      double[][] grads = c.input().matrix("grads");
      List<Goldens.Values> expected = c.expected().objects("steps");
      State state = new State(new double[params.length], 0); // built here: only step is graded
      for (int k = 0; k < grads.length; k++) {
        Step r = KATA.step(params, grads[k], state, config);
        Goldens.Values e = expected.get(k);
        double[] gradient = grads[k];
        int step = k + 1;
        Supplier<String> what = () -> "golden '" + c.name() + "' (" + config + ", start "
            + Arrays.toString(c.input().doubles("params")) + ") vs " + c.library() + ", after step " + step
            + " (gradient " + Arrays.toString(gradient) + ")";
        // torch keeps no buffer without momentum; the kata carries the initial zeros.
        double[] buffer = e.has("buffer") ? e.doubles("buffer") : new double[params.length];
        assertStep(what, r, e.doubles("params"), buffer, step, TRAJECTORY);
        params = r.params();
        state = r.state();
      }
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void without_momentum_every_step_is_p_minus_lr_times_the_decayed_gradient() {
      Props.check("momentum 0: p' = p - lr * (g + wd * p) on every step", EXAMPLES,
          SgdMomentumGens.trajectories(6, 6, OptimizersGens.gradient(),
              SgdMomentumGens.configs().map(c -> new Config(c.lr(), 0, c.dampening(), c.weightDecay(), false))),
          t -> {
            List<Step> steps = run(KATA, t);
            double[] p = t.params();
            for (int k = 0; k < t.steps(); k++) {
              double[] expected = new double[p.length];
              for (int i = 0; i < p.length; i++) {
                expected[i] = p[i] - t.config().lr() * (t.grads()[k][i] + t.config().weightDecay() * p[i]);
              }
              int step = k + 1;
              assertNear(() -> "property 'momentum 0 is plain SGD', step " + step + ", for " + t, expected,
                  steps.get(k).params(), TRAJECTORY);
              p = steps.get(k).params();
            }
          });
    }

    @Test
    void the_first_momentum_step_is_a_plain_sgd_step_and_stores_the_decayed_gradient() {
      Props.check("first step with momentum (no Nesterov): buf = g + wd * p, p' = p - lr * buf", EXAMPLES,
          SgdMomentumGens.trajectories(6, 1, OptimizersGens.gradient(), SgdMomentumGens.momentumConfigs(false)),
          t -> {
            Step r = KATA.step(t.params(), t.grads()[0], KATA.initial(t.size()), t.config());
            double[] d = new double[t.size()];
            double[] expected = new double[t.size()];
            for (int i = 0; i < t.size(); i++) {
              d[i] = t.grads()[0][i] + t.config().weightDecay() * t.params()[i];
              expected[i] = t.params()[i] - t.config().lr() * d[i];
            }
            assertStep(() -> "property 'the first step stores g + wd * p and moves by lr times it' for " + t, r,
                expected, d, 1, TRAJECTORY);
          });
    }

    @Test
    void a_constant_gradient_builds_a_geometric_buffer() {
      Props.check("constant g, no dampening or decay: buf_k = g * (1 + mu + ... + mu^(k-1))", EXAMPLES,
          SgdMomentumGens.trajectories(4, 1, OptimizersGens.gradient(), SgdMomentumGens.momentumConfigs(false)
              .map(c -> new Config(c.lr(), c.momentum(), 0, 0, c.nesterov())))
              .zip(integers().between(1, 10), (t, steps) -> {
                double[][] same = new double[steps][];
                Arrays.fill(same, t.grads()[0]);
                return new Trajectory<>(t.params(), same, t.config());
              }),
          t -> {
            List<Step> steps = run(KATA, t);
            double mu = t.config().momentum();
            double sum = 0;
            for (int k = 0; k < t.steps(); k++) {
              sum = sum * mu + 1;
              double factor = sum;
              double[] expected = Arrays.stream(t.grads()[0]).map(x -> x * factor).toArray();
              int step = k + 1;
              assertNear(() -> "property 'buffer after " + step + " equal gradients is g * (1 + ... + mu^"
                  + (step - 1) + ")' for " + t, expected, steps.get(k).state().buffer(), TRAJECTORY);
            }
          });
    }

    @Test
    void nesterov_moves_by_the_gradient_plus_mu_times_the_returned_buffer() {
      Props.check("Nesterov: p' = p - lr * (d + mu * buf') with d = g + wd * p", EXAMPLES,
          SgdMomentumGens.trajectories(5, 8, OptimizersGens.gradient(), SgdMomentumGens.momentumConfigs(true)),
          t -> {
            List<Step> steps = run(KATA, t);
            double[] p = t.params();
            double mu = t.config().momentum();
            for (int k = 0; k < t.steps(); k++) {
              double[] buffer = steps.get(k).state().buffer();
              double[] expected = new double[p.length];
              for (int i = 0; i < p.length; i++) {
                double d = t.grads()[k][i] + t.config().weightDecay() * p[i];
                expected[i] = p[i] - t.config().lr() * (d + mu * buffer[i]);
              }
              int step = k + 1;
              assertNear(() -> "property 'Nesterov looks ahead with the new buffer', step " + step + ", for " + t,
                  expected, steps.get(k).params(), TRAJECTORY);
              p = steps.get(k).params();
            }
          });
    }

    @Test
    void weight_decay_is_the_same_as_adding_wd_times_p_to_the_gradient() {
      Props.check("SGD(wd) on g equals SGD(no decay) on g + wd * p, from the same state", EXAMPLES,
          SgdMomentumGens.trajectories(5, 6, OptimizersGens.gradient(), SgdMomentumGens.configs()
              .map(c -> new Config(c.lr(), c.momentum(), c.dampening(), c.weightDecay() + 0.05, c.nesterov()))),
          t -> {
            Config noDecay = new Config(t.config().lr(), t.config().momentum(), t.config().dampening(), 0,
                t.config().nesterov());
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
              assertStep(() -> "property 'decay = gradient + wd * p before the buffer', step " + step + ", for " + t,
                  decayed, byHand.params(), byHand.state().buffer(), step, TRAJECTORY);
              p = decayed.params();
              s = decayed.state();
            }
          });
    }

    @Test
    void coordinates_are_updated_independently() {
      Props.check("each coordinate evolves as if it were alone", EXAMPLES,
          SgdMomentumGens.trajectories(5, 6, OptimizersGens.gradient(), SgdMomentumGens.configs()),
          t -> {
            List<Step> together = run(KATA, t);
            for (int i = 0; i < t.size(); i++) {
              final int coordinate = i;
              double[][] alone = Arrays.stream(t.grads()).map(g -> new double[] {g[coordinate]}).toArray(double[][]::new);
              List<Step> single = run(KATA, new Trajectory<>(new double[] {t.params()[i]}, alone, t.config()));
              for (int k = 0; k < t.steps(); k++) {
                int step = k + 1;
                assertNear(() -> "property 'coordinate " + coordinate + " alone gives the same value', step " + step
                    + ", for " + t, single.get(k).params(), new double[] {together.get(k).params()[coordinate]},
                    TRAJECTORY);
              }
            }
          });
    }

    @Test
    void the_step_counter_counts_steps() {
      Props.check("state.step is the number of steps taken", EXAMPLES,
          SgdMomentumGens.trajectories(4, 10, OptimizersGens.gradient(), SgdMomentumGens.configs())
              .zip(integers().between(0, 1_000_000), (t, s) -> new Object[] {t, s}),
          x -> {
            @SuppressWarnings("unchecked")
            Trajectory<Config> t = (Trajectory<Config>) x[0];
            int start = (int) x[1];
            List<Step> steps = run(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              assertThat(steps.get(k).state().step())
                  .as("property 'step counter after %d steps from State.initial' for %s", k + 1, t).isEqualTo(k + 1);
            }
            State resumed = new State(new double[t.size()], start);
            assertThat(KATA.step(t.params(), t.grads()[0], resumed, t.config()).state().step())
                .as("property 'one step from state.step = %d gives %d' for %s", start, start + 1, t)
                .isEqualTo(start + 1);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void trajectories_match_the_reference_after_every_step() {
      Props.check("SGD trajectories agree with the reference solution", EXAMPLES,
          SgdMomentumGens.trajectories(6, 10, OptimizersGens.gradient(), SgdMomentumGens.configs()),
          t -> {
            List<Step> expected = run(REFERENCE, t);
            List<Step> actual = run(KATA, t);
            for (int k = 0; k < t.steps(); k++) {
              Step e = expected.get(k);
              int step = k + 1;
              assertStep(() -> "step " + step + ", reference vs yours, for " + t, actual.get(k), e.params(),
                  e.state().buffer(), e.state().step(), TRAJECTORY);
            }
          });
    }
  }

  /** Runs a whole trajectory from {@code State.initial}, feeding each step's output into the next. */
  static List<Step> run(SgdMomentumApi api, Trajectory<Config> t) {
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

  static void assertStep(String what, Step actual, double[] params, double[] buffer, int step, double tol) {
    assertStep(() -> what, actual, params, buffer, step, tol);
  }

  /** The step's params and buffer within {@code tol} (see {@link #assertNear}) and its counter exact. */
  static void assertStep(Supplier<String> what, Step actual, double[] params, double[] buffer, int step, double tol) {
    if (actual == null || actual.state() == null) {
      assertThat(actual).as(what.get()).isNotNull();
      assertThat(actual.state()).as("%s: state", what.get()).isNotNull();
    }
    assertNear(() -> what.get() + ": params", params, actual.params(), tol);
    assertNear(() -> what.get() + ": state.buffer", buffer, actual.state().buffer(), tol);
    if (actual.state().step() != step) {
      assertThat(actual.state().step()).as("%s: state.step", what.get()).isEqualTo(step);
    }
  }

}

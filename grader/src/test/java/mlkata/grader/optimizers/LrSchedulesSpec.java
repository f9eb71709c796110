package mlkata.grader.optimizers;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import mlkata.grader.optimizers.LrSchedulesGens.CosineCase;
import mlkata.grader.optimizers.LrSchedulesGens.MultiStepCase;
import mlkata.grader.optimizers.LrSchedulesGens.StepCase;
import mlkata.grader.optimizers.LrSchedulesGens.WarmupCase;
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
 * Grades {@code optimizers/lr-schedules}.
 *
 * <p>No efficiency layer: every schedule is O(1) per call (multi-step O(m)) and the kata is about pinning
 * which epoch gets which rate.
 */
@KataSpec
@DisplayName("optimizers/lr-schedules: Learning-rate schedules")
final class LrSchedulesSpec {
  /**
   * Tolerance on a learning rate, relative to the schedule's scale {@code baseLr + |expected|}. torch's
   * recursive updates and a closed form differ by a few ulps per epoch (under 1e-15 relative over the
   * 120-epoch goldens); every wrong variant tried while writing this spec (cosine one epoch early or late,
   * cosine clamped at eta_min after T_max, the step decaying one epoch early or late, a milestone counted
   * only after it has passed, a warm-up reaching the peak one epoch early) is off by at least 1e-4 relative
   * on some golden epoch.
   */
  static final double LR = 1e-12;

  private static final int EXAMPLES = 200;

  private static final LrSchedulesApi KATA = Target.pick(new LrSchedulesOfExercises(), new LrSchedulesOfSolutions());
  private static final LrSchedulesApi REFERENCE = new LrSchedulesOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void step_decays_at_multiples_of_the_step_size() {
      double[] expected = {0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001};
      assertSchedule("stepLr(0.1, 3, 0.1, epoch)", expected, 0.1, e -> KATA.stepLr(0.1, 3, 0.1, e));
      // step size 1 decays every epoch, like the exponential schedule.
      assertSchedule("stepLr(1, 1, 0.5, epoch)", new double[] {1, 0.5, 0.25, 0.125}, 1,
          e -> KATA.stepLr(1, 1, 0.5, e));
    }

    @Test
    void multi_step_decays_at_the_milestone_epoch() {
      assertSchedule("multiStepLr(1, {2, 5}, 0.5, epoch)", new double[] {1, 1, 0.5, 0.5, 0.5, 0.25, 0.25}, 1,
          e -> KATA.multiStepLr(1, new int[] {2, 5}, 0.5, e));
      assertSchedule("multiStepLr(0.1, {0, 3}, 0.1, epoch)", new double[] {0.01, 0.01, 0.01, 0.001}, 0.1,
          e -> KATA.multiStepLr(0.1, new int[] {0, 3}, 0.1, e));
      assertSchedule("multiStepLr(0.1, {}, 0.1, epoch)", new double[] {0.1, 0.1, 0.1}, 0.1,
          e -> KATA.multiStepLr(0.1, new int[0], 0.1, e));
    }

    @Test
    void exponential_multiplies_every_epoch() {
      assertSchedule("exponentialLr(2, 0.5, epoch)", new double[] {2, 1, 0.5, 0.25, 0.125}, 2,
          e -> KATA.exponentialLr(2, 0.5, e));
      assertSchedule("exponentialLr(1, 0, epoch) (0^0 = 1)", new double[] {1, 0, 0}, 1,
          e -> KATA.exponentialLr(1, 0, e));
    }

    @Test
    void cosine_reaches_eta_min_at_t_max_and_climbs_back_after() {
      // T_max 10, eta_min 0: cos(pi e / 10) gives 0.1, 0.05, 0, 0.05, 0.1 at e = 0, 5, 10, 15, 20.
      int[] epochs = {0, 5, 10, 15, 20, 25, 30};
      double[] expected = {0.1, 0.05, 0, 0.05, 0.1, 0.05, 0};
      for (int k = 0; k < epochs.length; k++) {
        int e = epochs[k];
        assertLr("cosineAnnealingLr(0.1, 10, 0, " + e + ")", expected[k], KATA.cosineAnnealingLr(0.1, 10, 0, e), 0.1);
      }
      // T_max 2, eta_min 0.2, base 1: 1, 0.6, 0.2, 0.6, 1.
      assertSchedule("cosineAnnealingLr(1, 2, 0.2, epoch)", new double[] {1, 0.6, 0.2, 0.6, 1}, 1,
          e -> KATA.cosineAnnealingLr(1, 2, 0.2, e));
      // T_max 1 alternates between the base rate and eta_min.
      assertSchedule("cosineAnnealingLr(0.5, 1, 0.1, epoch)", new double[] {0.5, 0.1, 0.5, 0.1}, 0.5,
          e -> KATA.cosineAnnealingLr(0.5, 1, 0.1, e));
    }

    @Test
    void warm_up_is_a_line_to_the_base_rate_then_the_cosine_restarts() {
      // base 0.1, 5 warm-up epochs from 0.1: 0.1 * (0.1 + 0.9 e / 5); the cosine (T_max 20) starts at e = 5.
      assertSchedule("warmupCosineLr(0.1, 5, 0.1, 20, 0, epoch)", new double[] {0.01, 0.028, 0.046, 0.064, 0.082,
          0.1}, 0.1, e -> KATA.warmupCosineLr(0.1, 5, 0.1, 20, 0, e));
      assertLr("warmupCosineLr(0.1, 5, 0.1, 20, 0, 15)", 0.05, KATA.warmupCosineLr(0.1, 5, 0.1, 20, 0, 15), 0.1);
      assertLr("warmupCosineLr(0.1, 5, 0.1, 20, 0, 25)", 0.0, KATA.warmupCosineLr(0.1, 5, 0.1, 20, 0, 25), 0.1);
      assertLr("warmupCosineLr(0.1, 5, 0.1, 20, 0, 45)", 0.1, KATA.warmupCosineLr(0.1, 5, 0.1, 20, 0, 45), 0.1);
      // One warm-up epoch: epoch 0 uses startFactor * base, epoch 1 the base rate.
      assertSchedule("warmupCosineLr(0.2, 1, 0.5, 2, 0, epoch)", new double[] {0.1, 0.2, 0.1, 0, 0.1}, 0.2,
          e -> KATA.warmupCosineLr(0.2, 1, 0.5, 2, 0, e));
    }

    @Test
    void each_decay_happens_exactly_at_its_boundary_epoch() {
      // Epochs count from 0. stepLr(1, 3, 0.5): epochs 0-2 use 1, epoch 3 is the first at 0.5. A schedule
      // that decays one epoch late (or early) gives 1 at epoch 3 (or 0.5 at epoch 2).
      assertLr("stepLr(1, 3, 0.5, 2): the last epoch before the boundary (0.5 means it decays one epoch early)", 1,
          KATA.stepLr(1, 3, 0.5, 2), 1);
      assertLr("stepLr(1, 3, 0.5, 3): the boundary epoch itself is decayed (1 means it decays one epoch late)", 0.5,
          KATA.stepLr(1, 3, 0.5, 3), 1);
      // multiStepLr(1, {4}, 0.5): epoch 4, the milestone, is the first decayed epoch.
      assertLr("multiStepLr(1, {4}, 0.5, 3): before the milestone (0.5 means it decays one epoch early)", 1,
          KATA.multiStepLr(1, new int[] {4}, 0.5, 3), 1);
      assertLr("multiStepLr(1, {4}, 0.5, 4): the milestone epoch is decayed (1 means it decays one epoch late)", 0.5,
          KATA.multiStepLr(1, new int[] {4}, 0.5, 4), 1);
      // warmupCosineLr(1, 4, 0.2, 8, 0): the warm-up covers epochs 0-3 (0.2, 0.4, 0.6, 0.8); epoch 4 is the
      // cosine's epoch 0, the base rate. Counting the cosine from epoch 5 would give 1 at epoch 5
      // instead of (1 + cos(pi / 8)) / 2 = 0.962.
      assertLr("warmupCosineLr(1, 4, 0.2, 8, 0, 3): the last warm-up epoch, 0.2 + 0.8 * 3 / 4", 0.8,
          KATA.warmupCosineLr(1, 4, 0.2, 8, 0, 3), 1);
      assertLr("warmupCosineLr(1, 4, 0.2, 8, 0, 4): the cosine starts at the base rate (0.962 or 0.9 means the"
          + " cosine or the warm-up is one epoch off)", 1,
          KATA.warmupCosineLr(1, 4, 0.2, 8, 0, 4), 1);
      assertLr("warmupCosineLr(1, 4, 0.2, 8, 0, 5): one epoch into the cosine, (1 + cos(pi / 8)) / 2"
          + " (1 means the cosine starts one epoch late)", (1 + Math.cos(Math.PI / 8)) / 2,
          KATA.warmupCosineLr(1, 4, 0.2, 8, 0, 5), 1);
    }

    @Test
    void a_zero_base_rate_is_allowed() {
      assertLr("stepLr(0, 3, 0.1, 4)", 0, KATA.stepLr(0, 3, 0.1, 4), 1);
      assertLr("multiStepLr(0, {1}, 0.1, 4)", 0, KATA.multiStepLr(0, new int[] {1}, 0.1, 4), 1);
      assertLr("exponentialLr(0, 0.9, 4)", 0, KATA.exponentialLr(0, 0.9, 4), 1);
      // With eta_min above a zero base rate the cosine rises: 0.2 * (1 - cos(pi / 2)) / 2 = 0.1 at epoch 1 of 2.
      assertLr("cosineAnnealingLr(0, 2, 0.2, 1)", 0.1, KATA.cosineAnnealingLr(0, 2, 0.2, 1), 1);
      assertLr("warmupCosineLr(0, 2, 0.5, 2, 0.2, 3)", 0.1, KATA.warmupCosineLr(0, 2, 0.5, 2, 0.2, 3), 1);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void rates_and_factors_must_be_finite_and_non_negative() {
      for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("stepLr with baseLr " + bad, "baseLr", () -> KATA.stepLr(bad, 3, 0.1, 0));
        assertRejects("stepLr with gamma " + bad, "gamma", () -> KATA.stepLr(0.1, 3, bad, 0));
        assertRejects("multiStepLr with baseLr " + bad, "baseLr", () -> KATA.multiStepLr(bad, new int[] {1}, 0.1, 0));
        assertRejects("multiStepLr with gamma " + bad, "gamma", () -> KATA.multiStepLr(0.1, new int[] {1}, bad, 0));
        assertRejects("exponentialLr with baseLr " + bad, "baseLr", () -> KATA.exponentialLr(bad, 0.9, 0));
        assertRejects("exponentialLr with gamma " + bad, "gamma", () -> KATA.exponentialLr(0.1, bad, 0));
        assertRejects("cosineAnnealingLr with baseLr " + bad, "baseLr", () -> KATA.cosineAnnealingLr(bad, 10, 0, 0));
        assertRejects("cosineAnnealingLr with etaMin " + bad, "etaMin", () -> KATA.cosineAnnealingLr(0.1, 10, bad, 0));
        assertRejects("warmupCosineLr with baseLr " + bad, "baseLr",
            () -> KATA.warmupCosineLr(bad, 5, 0.1, 10, 0, 0));
        assertRejects("warmupCosineLr with etaMin " + bad, "etaMin",
            () -> KATA.warmupCosineLr(0.1, 5, 0.1, 10, bad, 0));
      }
      for (double bad : new double[] {0.0, -0.5, 1 + 1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("warmupCosineLr with startFactor " + bad, "startFactor",
            () -> KATA.warmupCosineLr(0.1, 5, bad, 10, 0, 0));
      }
    }

    @Test
    void periods_must_be_at_least_one_and_epochs_non_negative() {
      for (int bad : new int[] {0, -1}) {
        assertRejects("stepLr with stepSize " + bad, "stepSize", () -> KATA.stepLr(0.1, bad, 0.1, 0));
        assertRejects("cosineAnnealingLr with tMax " + bad, "tMax", () -> KATA.cosineAnnealingLr(0.1, bad, 0, 0));
        assertRejects("warmupCosineLr with tMax " + bad, "tMax", () -> KATA.warmupCosineLr(0.1, 5, 0.1, bad, 0, 0));
        assertRejects("warmupCosineLr with warmupEpochs " + bad, "warmupEpochs",
            () -> KATA.warmupCosineLr(0.1, bad, 0.1, 10, 0, 0));
      }
      assertRejects("stepLr at epoch -1", "epoch", () -> KATA.stepLr(0.1, 3, 0.1, -1));
      assertRejects("multiStepLr at epoch -1", "epoch", () -> KATA.multiStepLr(0.1, new int[] {1}, 0.1, -1));
      assertRejects("exponentialLr at epoch -1", "epoch", () -> KATA.exponentialLr(0.1, 0.9, -1));
      assertRejects("cosineAnnealingLr at epoch -1", "epoch", () -> KATA.cosineAnnealingLr(0.1, 10, 0, -1));
      assertRejects("warmupCosineLr at epoch -1", "epoch", () -> KATA.warmupCosineLr(0.1, 5, 0.1, 10, 0, -1));
    }

    @Test
    void milestones_must_be_non_negative_and_strictly_increasing() {
      for (int[] bad : new int[][] {{-1, 3}, {3, 2}, {2, 2}, {1, 5, 4}}) {
        assertRejects("multiStepLr with milestones " + Arrays.toString(bad), "milestones",
            () -> KATA.multiStepLr(0.1, bad, 0.1, 10));
        assertRejects("multiStepLr with milestones " + Arrays.toString(bad) + " at epoch 0", "milestones",
            () -> KATA.multiStepLr(0.1, bad, 0.1, 0));
      }
      assertNullRejected("multiStepLr with null milestones", () -> KATA.multiStepLr(0.1, null, 0.1, 0));
    }

    @Test
    void milestones_are_not_modified() {
      int[] milestones = {2, 5, 9};
      for (int e = 0; e < 12; e++) {
        KATA.multiStepLr(0.1, milestones, 0.5, e);
      }
      assertThat(milestones).as("milestones after multiStepLr calls").containsExactly(2, 5, 9);
    }
  }

  @Nested
  @DisplayName("golden schedules from torch.optim.lr_scheduler")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("optimizers/lr-schedules");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_get_last_lr_epoch_by_epoch(Goldens.Case c) {
      Goldens.Values in = c.input();
      double base = in.number("baseLr");
      IntToDoubleFunction lr = switch (in.string("schedule")) {
        case "step" -> e -> KATA.stepLr(base, (int) in.integer("stepSize"), in.number("gamma"), e);
        case "multiStep" -> e -> KATA.multiStepLr(base, in.ints("milestones"), in.number("gamma"), e);
        case "exponential" -> e -> KATA.exponentialLr(base, in.number("gamma"), e);
        case "cosine" -> e -> KATA.cosineAnnealingLr(base, (int) in.integer("tMax"), in.number("etaMin"), e);
        case "warmupCosine" -> e -> KATA.warmupCosineLr(base, (int) in.integer("warmupEpochs"),
            in.number("startFactor"), (int) in.integer("tMax"), in.number("etaMin"), e);
        default -> throw new IllegalStateException("unknown schedule in the fixture: " + in.string("schedule"));
      };
      assertSchedule("golden '" + c.name() + "' (" + in + ") vs " + c.library(), c.expected().doubles("lrs"), base, lr);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void step_is_constant_within_a_block_and_multiplied_by_gamma_at_its_start() {
      Props.check("stepLr: lr(e) = gamma * lr(e - 1) when stepSize divides e, else lr(e) = lr(e - 1)", EXAMPLES,
          LrSchedulesGens.steps(), s -> {
            double previous = KATA.stepLr(s.baseLr(), s.stepSize(), s.gamma(), 0);
            assertLr("stepLr at epoch 0 for " + s, s.baseLr(), previous, s.baseLr());
            for (int e = 1; e <= 4 * s.stepSize() + 2; e++) {
              double lr = KATA.stepLr(s.baseLr(), s.stepSize(), s.gamma(), e);
              double expected = e % s.stepSize() == 0 ? s.gamma() * previous : previous;
              assertLr("property 'step schedule' at epoch " + e + " for " + s, expected, lr, s.baseLr());
              previous = lr;
            }
          });
    }

    @Test
    void multi_step_with_evenly_spaced_milestones_is_the_step_schedule() {
      Props.check("multiStepLr with milestones s, 2s, ..., 5s equals stepLr(s) up to epoch 5s + s - 1", EXAMPLES,
          LrSchedulesGens.steps(), s -> {
            int[] milestones = new int[5];
            for (int k = 0; k < 5; k++) {
              milestones[k] = (k + 1) * s.stepSize();
            }
            for (int e = 0; e < 6 * s.stepSize(); e++) {
              assertLr("property 'evenly spaced milestones = step schedule' at epoch " + e + " for " + s
                  + " with milestones " + Arrays.toString(milestones), REFERENCE.stepLr(s.baseLr(), s.stepSize(),
                  s.gamma(), e), KATA.multiStepLr(s.baseLr(), milestones, s.gamma(), e), s.baseLr());
            }
          });
    }

    @Test
    void multi_step_multiplies_by_gamma_exactly_at_each_milestone() {
      Props.check("multiStepLr: lr(e) = gamma * lr(e - 1) when e is a milestone, else lr(e) = lr(e - 1)", EXAMPLES,
          LrSchedulesGens.multiSteps(), m -> {
            int last = m.milestones().length == 0 ? 3 : m.milestones()[m.milestones().length - 1] + 3;
            double previous = KATA.multiStepLr(m.baseLr(), m.milestones(), m.gamma(), 0);
            boolean zero = m.milestones().length > 0 && m.milestones()[0] == 0;
            assertLr("multiStepLr at epoch 0 for " + m, zero ? m.baseLr() * m.gamma() : m.baseLr(), previous,
                m.baseLr());
            for (int e = 1; e <= last; e++) {
              final int epoch = e;
              boolean milestone = Arrays.stream(m.milestones()).anyMatch(x -> x == epoch);
              double lr = KATA.multiStepLr(m.baseLr(), m.milestones(), m.gamma(), e);
              assertLr("property 'multi-step schedule' at epoch " + e + " for " + m,
                  milestone ? m.gamma() * previous : previous, lr, m.baseLr());
              previous = lr;
            }
          });
    }

    @Test
    void exponential_multiplies_by_gamma_every_epoch() {
      Props.check("exponentialLr: lr(0) = baseLr and lr(e) = gamma * lr(e - 1)", EXAMPLES,
          LrSchedulesGens.steps(), s -> {
            double previous = KATA.exponentialLr(s.baseLr(), s.gamma(), 0);
            assertLr("exponentialLr at epoch 0 for " + s, s.baseLr(), previous, s.baseLr());
            for (int e = 1; e <= 30; e++) {
              double lr = KATA.exponentialLr(s.baseLr(), s.gamma(), e);
              assertLr("property 'exponential schedule' at epoch " + e + " for " + s, s.gamma() * previous, lr,
                  s.baseLr());
              previous = lr;
            }
          });
    }

    @Test
    void cosine_is_symmetric_periodic_and_bounded() {
      Props.check("cosineAnnealingLr: lr(0) = base, lr(T) = etaMin, lr(e) = lr(2T - e) = lr(e + 2T), monotone on "
          + "[0, T]", EXAMPLES, LrSchedulesGens.cosines(), c -> {
            int t = c.tMax();
            double scale = c.baseLr() + c.etaMin();
            assertLr("cosine at epoch 0 for " + c, c.baseLr(), KATA.cosineAnnealingLr(c.baseLr(), t, c.etaMin(), 0),
                scale);
            assertLr("cosine at epoch T_max for " + c, c.etaMin(), KATA.cosineAnnealingLr(c.baseLr(), t, c.etaMin(), t),
                scale);
            double previous = c.baseLr();
            for (int e = 0; e <= 2 * t; e++) {
              double lr = KATA.cosineAnnealingLr(c.baseLr(), t, c.etaMin(), e);
              assertLr("property 'cosine symmetric about T_max' at epoch " + e + " for " + c, lr,
                  KATA.cosineAnnealingLr(c.baseLr(), t, c.etaMin(), 2 * t - e), scale);
              assertLr("property 'cosine has period 2 T_max' at epoch " + e + " for " + c, lr,
                  KATA.cosineAnnealingLr(c.baseLr(), t, c.etaMin(), e + 2 * t), scale);
              if (e <= t) {
                boolean down = c.baseLr() >= c.etaMin();
                assertThat(down ? lr - previous : previous - lr)
                    .as("property 'cosine moves monotonically from base to eta_min' at epoch %d for %s", e, c)
                    .isLessThanOrEqualTo(LR * scale);
              }
              previous = lr;
            }
          });
    }

    @Test
    void warm_up_is_linear_up_to_the_base_rate_then_a_shifted_cosine() {
      Props.check("warmupCosineLr: equal increments from startFactor * base to base over the warm-up, then "
          + "the cosine formula shifted by warmupEpochs", EXAMPLES, LrSchedulesGens.warmups(), w -> {
            int warm = w.warmupEpochs();
            double scale = w.baseLr() + w.etaMin();
            double increment = w.baseLr() * (1 - w.startFactor()) / warm;
            for (int e = 0; e <= warm; e++) {
              assertLr("property 'warm-up line' at epoch " + e + " for " + w,
                  w.baseLr() * w.startFactor() + e * increment, lr(w, e), scale);
            }
            for (int k = 0; k <= 2 * w.tMax() + 1; k++) {
              double cosine = w.etaMin() + (w.baseLr() - w.etaMin()) * (1 + Math.cos(Math.PI * k / w.tMax())) / 2;
              assertLr("property 'cosine after the warm-up' at epoch " + (warm + k) + " for " + w, cosine,
                  lr(w, warm + k), scale);
            }
          });
    }

    private double lr(WarmupCase w, int epoch) {
      return KATA.warmupCosineLr(w.baseLr(), w.warmupEpochs(), w.startFactor(), w.tMax(), w.etaMin(), epoch);
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void step_and_exponential_match_the_reference() {
      Props.check("stepLr and exponentialLr agree with the reference solution", EXAMPLES, LrSchedulesGens.steps(),
          s -> {
            for (int e = 0; e <= 40; e++) {
              assertLr("stepLr at epoch " + e + ", reference vs yours, for " + s,
                  REFERENCE.stepLr(s.baseLr(), s.stepSize(), s.gamma(), e), KATA.stepLr(s.baseLr(), s.stepSize(),
                      s.gamma(), e), s.baseLr());
              assertLr("exponentialLr at epoch " + e + ", reference vs yours, for " + s,
                  REFERENCE.exponentialLr(s.baseLr(), s.gamma(), e), KATA.exponentialLr(s.baseLr(), s.gamma(), e),
                  s.baseLr());
            }
          });
    }

    @Test
    void multi_step_matches_the_reference() {
      Props.check("multiStepLr agrees with the reference solution", EXAMPLES, LrSchedulesGens.multiSteps(), m -> {
        for (int e = 0; e <= 50; e++) {
          assertLr("multiStepLr at epoch " + e + ", reference vs yours, for " + m,
              REFERENCE.multiStepLr(m.baseLr(), m.milestones(), m.gamma(), e),
              KATA.multiStepLr(m.baseLr(), m.milestones(), m.gamma(), e), m.baseLr());
        }
      });
    }

    @Test
    void cosine_and_warm_up_match_the_reference() {
      Props.check("cosineAnnealingLr and warmupCosineLr agree with the reference solution", EXAMPLES,
          LrSchedulesGens.warmups(), w -> {
            CosineCase c = new CosineCase(w.baseLr(), w.tMax(), w.etaMin());
            for (int e = 0; e <= 3 * w.tMax() + w.warmupEpochs(); e++) {
              assertLr("cosineAnnealingLr at epoch " + e + ", reference vs yours, for " + c,
                  REFERENCE.cosineAnnealingLr(c.baseLr(), c.tMax(), c.etaMin(), e),
                  KATA.cosineAnnealingLr(c.baseLr(), c.tMax(), c.etaMin(), e), c.baseLr());
              assertLr("warmupCosineLr at epoch " + e + ", reference vs yours, for " + w,
                  REFERENCE.warmupCosineLr(w.baseLr(), w.warmupEpochs(), w.startFactor(), w.tMax(), w.etaMin(), e),
                  KATA.warmupCosineLr(w.baseLr(), w.warmupEpochs(), w.startFactor(), w.tMax(), w.etaMin(), e),
                  w.baseLr());
            }
          });
    }
  }

  /** {@code lr(e)} for {@code e = 0 .. expected.length - 1}, each within {@link #LR} of the expected value. */
  static void assertSchedule(String what, double[] expected, double baseLr, IntToDoubleFunction lr) {
    for (int e = 0; e < expected.length; e++) {
      final int epoch = e;
      assertLr(() -> what + " at epoch " + epoch + " (expected schedule " + Arrays.toString(expected) + ")",
          expected[e], lr.applyAsDouble(e), baseLr);
    }
  }

  static void assertLr(String what, double expected, double actual, double baseLr) {
    assertLr(() -> what, expected, actual, baseLr);
  }

  /** Within {@link #LR} relative to {@code baseLr + |expected|}; the description is built only on failure. */
  static void assertLr(Supplier<String> what, double expected, double actual, double baseLr) {
    double tol = LR * (baseLr + Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tol)) {
      assertClose(what.get(), expected, actual, tol);
    }
  }
}

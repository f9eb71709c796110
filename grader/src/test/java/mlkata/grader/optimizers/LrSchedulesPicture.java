package mlkata.grader.optimizers;

import java.util.function.IntToDoubleFunction;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show lr-schedules}: each schedule's learning rate over 40 epochs, the learner's over the
 * reference's; off-by-one epochs, a missed warm-up or a cosine that does not reach its floor show at a glance.
 */
public final class LrSchedulesPicture implements KataPicture {
  static final int EPOCHS = 40;

  @Override
  public Figure draw() {
    LrSchedulesApi kata = Target.pick(new LrSchedulesOfExercises(), new LrSchedulesOfSolutions());
    LrSchedulesApi ref = new LrSchedulesOfSolutions();
    Figure f = new Figure("Learning-rate schedules", "base learning rate 0.1, epochs 0 to " + (EPOCHS - 1));
    int[] milestones = {10, 25, 30};
    schedule(f, "StepLR: step size 10, gamma 0.5", "stepLr",
        e -> ref.stepLr(0.1, 10, 0.5, e), e -> kata.stepLr(0.1, 10, 0.5, e),
        "Halves at epochs 10, 20, 30: the drop belongs to the first epoch of each new step.");
    schedule(f, "MultiStepLR: milestones 10, 25, 30, gamma 0.3", "multiStepLr",
        e -> ref.multiStepLr(0.1, milestones, 0.3, e), e -> kata.multiStepLr(0.1, milestones, 0.3, e),
        "One drop at each milestone, counted by how many milestones are <= the epoch.");
    schedule(f, "ExponentialLR: gamma 0.9", "exponentialLr",
        e -> ref.exponentialLr(0.1, 0.9, e), e -> kata.exponentialLr(0.1, 0.9, e),
        "0.1 * 0.9^epoch: epoch 0 keeps the base rate.");
    schedule(f, "CosineAnnealingLR: T_max 30, eta_min 0.01", "cosineAnnealingLr",
        e -> ref.cosineAnnealingLr(0.1, 30, 0.01, e), e -> kata.cosineAnnealingLr(0.1, 30, 0.01, e),
        "Reaches eta_min at T_max = 30, then climbs back: the closed form is periodic, with period 2 T_max.");
    schedule(f, "Linear warm-up over 5 epochs from 0.1 x base, then cosine over 30 epochs to 0.01", "warmupCosineLr",
        e -> ref.warmupCosineLr(0.1, 5, 0.1, 30, 0.01, e), e -> kata.warmupCosineLr(0.1, 5, 0.1, 30, 0.01, e),
        "The warm-up rises linearly from startFactor x base to base at epoch 5; the cosine starts there and reaches 0.01 at 35.");
    return f;
  }

  /**
   * Draws the schedule of a failing property or differential check, by the case's type: {@code StepCase}
   * (step and exponential), {@code MultiStepCase}, {@code CosineCase} or {@code WarmupCase}, over enough
   * epochs to show its shape (at most {@value #MAX_EPOCHS}).
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    LrSchedulesApi kata = Target.pick(new LrSchedulesOfExercises(), new LrSchedulesOfSolutions());
    LrSchedulesApi ref = new LrSchedulesOfSolutions();
    Figure f = new Figure("Learning-rate schedules", String.valueOf(input));
    if (input instanceof LrSchedulesGens.StepCase c) {
      int epochs = epochs(5L * c.stepSize() + 1);
      schedule(f, "StepLR", "stepLr", e -> ref.stepLr(c.baseLr(), c.stepSize(), c.gamma(), e),
          e -> kata.stepLr(c.baseLr(), c.stepSize(), c.gamma(), e), "Drops by gamma at each multiple of the step size.",
          epochs);
      schedule(f, "ExponentialLR", "exponentialLr", e -> ref.exponentialLr(c.baseLr(), c.gamma(), e),
          e -> kata.exponentialLr(c.baseLr(), c.gamma(), e), "base * gamma^epoch.", epochs);
    } else if (input instanceof LrSchedulesGens.MultiStepCase c) {
      int last = c.milestones().length == 0 ? 10 : c.milestones()[c.milestones().length - 1];
      schedule(f, "MultiStepLR", "multiStepLr", e -> ref.multiStepLr(c.baseLr(), c.milestones(), c.gamma(), e),
          e -> kata.multiStepLr(c.baseLr(), c.milestones().clone(), c.gamma(), e), "One drop at each milestone.",
          epochs(last + 6L));
    } else if (input instanceof LrSchedulesGens.CosineCase c) {
      schedule(f, "CosineAnnealingLR", "cosineAnnealingLr", e -> ref.cosineAnnealingLr(c.baseLr(), c.tMax(), c.etaMin(), e),
          e -> kata.cosineAnnealingLr(c.baseLr(), c.tMax(), c.etaMin(), e),
          "Reaches eta_min at T_max, then climbs back (period 2 T_max).", epochs(2L * c.tMax() + 1));
    } else if (input instanceof LrSchedulesGens.WarmupCase c) {
      schedule(f, "Linear warm-up, then cosine", "warmupCosineLr",
          e -> ref.warmupCosineLr(c.baseLr(), c.warmupEpochs(), c.startFactor(), c.tMax(), c.etaMin(), e),
          e -> kata.warmupCosineLr(c.baseLr(), c.warmupEpochs(), c.startFactor(), c.tMax(), c.etaMin(), e),
          "Rises linearly over the warm-up, then follows the cosine to eta_min.", epochs((long) c.warmupEpochs() + c.tMax() + 6));
    } else {
      return null;
    }
    return f;
  }

  /** The most epochs a failing input's panel draws. */
  static final int MAX_EPOCHS = 400;

  private static int epochs(long wanted) {
    return (int) Math.max(2, Math.min(MAX_EPOCHS, wanted));
  }

  private static void schedule(Figure f, String title, String method, IntToDoubleFunction ref, IntToDoubleFunction mine,
      String note) {
    schedule(f, title, method, ref, mine, note, EPOCHS);
  }

  private static void schedule(Figure f, String title, String method, IntToDoubleFunction ref, IntToDoubleFunction mine,
      String note, int count) {
    double[] epochs = new double[count];
    double[] r = new double[count];
    for (int e = 0; e < count; e++) {
      epochs[e] = e;
      r[e] = ref.applyAsDouble(e);
    }
    double[] m = f.learner(method, () -> {
      double[] out = new double[count];
      for (int e = 0; e < count; e++) {
        out[e] = mine.applyAsDouble(e);
      }
      return out;
    });
    Figure.Panel p = f.xy(title, "epoch", "learning rate", false).half();
    p.line("reference", Figure.REFERENCE, epochs, r);
    if (m != null) {
      p.line("yours", Figure.LEARNER, epochs, m);
      for (int e = 0; e < count; e++) {
        if (!(Math.abs(m[e] - r[e]) <= 1e-12 * Math.max(1, Math.abs(r[e])))) {
          f.error(String.format("%s: epoch %d gives %.6g where the reference gives %.6g", method, e, m[e], r[e]));
          break;
        }
      }
    }
    p.note(note);
  }
}

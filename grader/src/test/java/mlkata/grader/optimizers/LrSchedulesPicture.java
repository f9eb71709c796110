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

  private static void schedule(Figure f, String title, String method, IntToDoubleFunction ref, IntToDoubleFunction mine,
      String note) {
    double[] epochs = new double[EPOCHS];
    double[] r = new double[EPOCHS];
    for (int e = 0; e < EPOCHS; e++) {
      epochs[e] = e;
      r[e] = ref.applyAsDouble(e);
    }
    double[] m = f.learner(method, () -> {
      double[] out = new double[EPOCHS];
      for (int e = 0; e < EPOCHS; e++) {
        out[e] = mine.applyAsDouble(e);
      }
      return out;
    });
    Figure.Panel p = f.xy(title, "epoch", "learning rate", false).half();
    p.line("reference", Figure.REFERENCE, epochs, r);
    if (m != null) {
      p.line("yours", Figure.LEARNER, epochs, m);
      for (int e = 0; e < EPOCHS; e++) {
        if (!(Math.abs(m[e] - r[e]) <= 1e-12 * Math.max(1, Math.abs(r[e])))) {
          f.error(String.format("%s: epoch %d gives %.6g where the reference gives %.6g", method, e, m[e], r[e]));
          break;
        }
      }
    }
    p.note(note);
  }
}

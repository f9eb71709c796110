package mlkata.grader.optimizers;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link LrSchedulesSpec}: schedule parameters drawn from the values people use plus the
 * edges (period 1, gamma 0 and above 1, eta_min above the base rate, start factor 1).
 */
final class LrSchedulesGens {
  private LrSchedulesGens() {}

  /** A step schedule. */
  record StepCase(double baseLr, int stepSize, double gamma) {}

  /** A multi-step schedule; the milestones are strictly increasing and non-negative. */
  record MultiStepCase(double baseLr, int[] milestones, double gamma) {
    @Override
    public String toString() {
      return "MultiStepCase[baseLr=" + baseLr + ", milestones=" + Arrays.toString(milestones) + ", gamma=" + gamma
          + "]";
    }
  }

  /** A cosine schedule. */
  record CosineCase(double baseLr, int tMax, double etaMin) {}

  /** Linear warm-up then cosine. */
  record WarmupCase(double baseLr, int warmupEpochs, double startFactor, int tMax, double etaMin) {}

  static Gen<Double> baseLr() {
    return doubles().between(1e-5, 2).mix(arbitrary().pick(1e-4, 3e-4, 1e-3, 0.01, 0.1, 1.0), 60);
  }

  static Gen<Double> gamma() {
    return doubles().between(0.01, 1.2).mix(arbitrary().pick(0.0, 0.1, 0.5, 0.9, 0.99, 1.0, 1.5), 60);
  }

  static Gen<StepCase> steps() {
    return baseLr().zip(integers().between(1, 12), gamma(), StepCase::new);
  }

  static Gen<MultiStepCase> multiSteps() {
    Gen<int[]> milestones = lists().of(integers().between(1, 8)).ofSizeBetween(0, 6).zip(
        arbitrary().pick(0, 1, 3), (gaps, start) -> {
          int[] out = new int[gaps.size()];
          int at = start - 1;
          for (int i = 0; i < out.length; i++) {
            at += gaps.get(i);
            out[i] = at;
          }
          return out;
        });
    return baseLr().zip(milestones, gamma(), MultiStepCase::new);
  }

  static Gen<Double> etaMin() {
    return doubles().between(0, 0.5).mix(arbitrary().pick(0.0, 0.0, 1e-6, 1e-3, 0.05), 70);
  }

  static Gen<CosineCase> cosines() {
    return baseLr().zip(integers().between(1, 40).mix(arbitrary().pick(1, 2, 10, 50), 40), etaMin(), CosineCase::new);
  }

  static Gen<WarmupCase> warmups() {
    Gen<Double> startFactor = doubles().between(1e-3, 1).mix(arbitrary().pick(1e-3, 0.01, 0.1, 1.0 / 3, 1.0), 60);
    return cosines().zip(integers().between(1, 15), startFactor,
        (c, w, s) -> new WarmupCase(c.baseLr(), w, s, c.tMax(), c.etaMin()));
  }
}

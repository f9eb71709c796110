package mlkata.grader.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The smallest failing input of each property that failed, kept for {@code kata show}: while collecting is
 * on, {@link Props#check} records here the last value QuickTheories found falsifying (after shrinking, the
 * smallest one it reports), with the property's name and the seed that replays it. Off by default: a
 * normal grading run keeps nothing. Learner code cannot reach this class (the sandbox refuses
 * {@code mlkata.grader}, and the learner's class loader does not see it).
 */
public final class Counterexamples {
  /**
   * One failing property: its name, the smallest falsifying value found, the QuickTheories seed (or null),
   * and the failure message {@link Props#check} gave the learner.
   */
  public record Counterexample(String property, Object value, String seed, String message) {}

  private static final List<Counterexample> FOUND = new ArrayList<>();
  private static volatile boolean collecting;

  private Counterexamples() {}

  /** Starts collecting, forgetting what was collected before. */
  public static synchronized void start() {
    FOUND.clear();
    collecting = true;
  }

  /** Stops collecting and returns what was collected, in the order the properties failed. */
  public static synchronized List<Counterexample> stop() {
    collecting = false;
    List<Counterexample> out = List.copyOf(FOUND);
    FOUND.clear();
    return out;
  }

  static boolean collecting() {
    return collecting;
  }

  static synchronized void record(String property, Object value, String seed, String message) {
    if (collecting && value != null) {
      FOUND.add(new Counterexample(property, value, seed, message));
    }
  }
}

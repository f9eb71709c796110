package mlkata.grader.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * {@link Props#check} records for {@code kata show} the value QuickTheories itself reports as the smallest
 * falsifying one, with the seed, and only while {@link Counterexamples} is collecting; its message does not
 * change.
 */
class CounterexamplesTest {
  @AfterEach
  void off() {
    Counterexamples.stop();
  }

  /** A property that fails on every input of four examples or more: shrinking has work to do. */
  private static void failing(String name) {
    Props.check(name, Gens.scored(2, 40), s -> assertThat(s.size()).as("size").isLessThan(4));
  }

  @Test
  void the_recorded_value_is_the_smallest_falsifying_value_quicktheories_reports_with_its_seed() {
    Counterexamples.start();
    Throwable thrown = null;
    try {
      failing("fewer than four examples");
    } catch (AssertionFailedError e) {
      thrown = e;
    }
    assertThat(thrown).as("the property fails").isNotNull();
    List<Counterexamples.Counterexample> found = Counterexamples.stop();
    assertThat(found).hasSize(1);
    Counterexamples.Counterexample c = found.get(0);
    assertThat(c.property()).isEqualTo("fewer than four examples");
    assertThat(c.value()).isInstanceOf(Gens.Scored.class);
    // Props prints QuickTheories' "Smallest found falsifying value" under "Smallest failing input:".
    assertThat(thrown.getMessage()).contains("Smallest failing input:\n  " + c.value() + "\n");
    assertThat(((Gens.Scored) c.value()).size()).as("shrunk to the boundary").isEqualTo(4);
    assertThat(c.seed()).isNotBlank();
    assertThat(c.message()).as("the learner's message, as Props.check threw it").isEqualTo(thrown.getMessage());
    assertThat(thrown.getMessage()).contains("Seed " + c.seed() + ": replay with -DQT_SEED=" + c.seed());
  }

  @Test
  void nothing_is_recorded_when_not_collecting_or_when_the_property_holds_and_the_message_is_unchanged() {
    Throwable off = null;
    try {
      failing("not collected");
    } catch (AssertionFailedError e) {
      off = e;
    }
    Counterexamples.start();
    Props.check("holds", Gens.scored(2, 10), s -> assertThat(s.size()).isLessThan(11));
    assertThat(Counterexamples.stop()).isEmpty();
    assertThat(off).isNotNull();
    assertThat(off.getMessage()).startsWith("Property 'not collected' does not hold.\n");
  }
}

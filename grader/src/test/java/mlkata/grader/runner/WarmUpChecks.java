package mlkata.grader.runner;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mlkata.grader.support.Gens;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.Props;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks on nobody's code that go through what every spec goes through: JUnit's engine with nested
 * groups, parameterized golden cases read from a fixture, the per-check timeout thread, AssertJ and
 * the project's assertions, and properties run by QuickTheories. A spare grading JVM runs them while it
 * waits for a request ({@link KataRunner}), so that a learner's checks do not pay for the JIT's first
 * pass over that shared code. It never touches a learner's class or a spec, and grades nothing.
 */
@DisplayName("warm-up")
final class WarmUpChecks {
  @Nested
  @DisplayName("examples")
  final class Examples {
    @Test
    void doubles_and_arrays() {
      assertThat(0.1 + 0.2).as("sum of %s", List.of(0.1, 0.2)).isCloseTo(0.3, within(1e-12));
      assertThat(new double[] {1, 2, 3}).containsExactly(new double[] {1, 2, 3},
          org.assertj.core.api.Assertions.withPrecision(1e-12));
      assertClose("a close value", 1.0, 1.0 + 1e-15, 1e-12);
      assertAllClose("close rows", new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 2}, {3, 4}}, 1e-12);
    }

    @Test
    void rejections() {
      assertRejects("a negative size", "size", () -> {
        throw new IllegalArgumentException("size must be positive, was -1");
      });
    }
  }

  @Nested
  @DisplayName("golden cases")
  final class GoldenCases {
    static Stream<Goldens.Case> cases() {
      return Goldens.cases("metrics/roc-auc").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixture_values_read_back(Goldens.Case c) {
      double[] scores = c.input().doubles("scores");
      assertThat(Arrays.stream(scores).sum()).as("sum of %s", c).isFinite();
    }
  }

  @Nested
  @DisplayName("properties")
  final class Properties {
    @Test
    void sorting_keeps_the_sum() {
      Props.check("sorting keeps the sum", Gens.scored(1, 60), s -> {
        double[] sorted = s.scores().clone();
        Arrays.sort(sorted);
        assertClose("sum of " + s, Arrays.stream(s.scores()).sum(), Arrays.stream(sorted).sum(), 1e-6);
      });
    }

    @Test
    void matrices_have_their_shape() {
      Props.check("matrices have their shape", Gens.matrices(1, 6, 1, 6, -5, 5), m ->
          assertThat(m.values().length).as("rows of %s", m).isPositive());
    }
  }
}

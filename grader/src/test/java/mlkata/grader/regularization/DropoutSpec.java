package mlkata.grader.regularization;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.scale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mlkata.grader.regularization.RegularizationGens.DropoutInput;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grades {@code regularization/dropout}.
 *
 * <p>The statistical checks use fixed seeds of {@link SplittableRandom} and tolerances of six standard
 * deviations, so they are deterministic and a correct answer passes with a wide margin; the exact
 * drawing rule is pinned separately, draw by draw. No efficiency layer: every method is one O(n) pass.
 */
@KataSpec
@DisplayName("regularization/dropout: Inverted dropout, forward and backward")
final class DropoutSpec {
  /**
   * Tolerance on an output or gradient entry, relative to max(1, largest magnitude): one division by
   * {@code 1 - p} (torch multiplies by the rounded reciprocal instead, a difference of an ulp or two).
   * Dividing by {@code p}, not scaling, or scaling twice is off by a factor of at least 1.1 on the goldens.
   */
  static final double OUTPUT = 1e-12;

  /**
   * Tolerance of the adjoint identity {@code <dy, forward(x)> = <backward(dy), x>}, relative to
   * max(1, sum of |dy_i * x_i| / (1 - p)): two sums of at most 40 rounded terms.
   */
  static final double ADJOINT = 1e-12;

  /** Mixed tolerance of the finite-difference check: the map is linear, so only rounding remains. */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double H = 1e-4;

  /** Standard deviations allowed in the statistical checks on fixed seeds: never reached by chance. */
  static final double SIGMAS = 6;

  /** Elements per statistical check: the keep fraction is then known to about 0.004. */
  static final int LARGE = 20_000;

  private static final int EXAMPLES = 200;

  private static final DropoutApi KATA = Target.pick(new DropoutOfExercises(), new DropoutOfSolutions());
  private static final DropoutApi REFERENCE = new DropoutOfSolutions();

  /** The problem statement's mask: draws 0.7, 0.2, 0.5, 0.1 against p = 0.5. */
  private static final boolean[] STATEMENT_KEEP = {true, false, true, false};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_mask() {
      // keep iff u >= p: 0.7 yes, 0.2 no, 0.5 yes (equal counts as kept), 0.1 no.
      assertThat(KATA.keepMask(4, 0.5, new SequenceRandom(0.7, 0.2, 0.5, 0.1)))
          .as("keepMask(4, 0.5, draws [0.7, 0.2, 0.5, 0.1])").containsExactly(true, false, true, false);
    }

    @Test
    void the_problem_statement_training_forward() {
      assertAllClose("forwardTrain([1, 2, 3, 4], [T, F, T, F], 0.5) = kept values divided by 1 - p = 0.5 "
              + "(without the 1/(1 - p) scaling: [1, 0, 3, 0])",
          new double[] {2, 0, 6, 0}, KATA.forwardTrain(new double[] {1, 2, 3, 4}, STATEMENT_KEEP, 0.5), OUTPUT);
    }

    @Test
    void the_problem_statement_backward() {
      assertAllClose("backward([1, 1, 1, 1], [T, F, T, F], 0.5) = dy / (1 - p) where kept", new double[] {2, 0, 2, 0},
          KATA.backward(new double[] {1, 1, 1, 1}, STATEMENT_KEEP, 0.5), OUTPUT);
    }

    @Test
    void the_problem_statement_eval_forward() {
      assertAllClose("forwardEval([1, 2, 3, 4], 0.5) is the identity, not scaled by 1 - p",
          new double[] {1, 2, 3, 4}, KATA.forwardEval(new double[] {1, 2, 3, 4}, 0.5), OUTPUT);
    }

    @Test
    void the_scale_is_one_over_one_minus_p_in_the_forward_pass() {
      // p = 0.2: survivors are divided by 0.8, i.e. multiplied by 1.25 (not by 5 = 1/p, nor left alone).
      assertAllClose("forwardTrain([4, -8, 2], [T, T, F], 0.2): survivors times 1/(1 - p) = 1.25", new double[] {5, -10, 0},
          KATA.forwardTrain(new double[] {4, -8, 2}, new boolean[] {true, true, false}, 0.2), OUTPUT);
    }

    @Test
    void the_scale_is_one_over_one_minus_p_in_the_backward_pass() {
      assertAllClose("backward([4, -8, 2], [T, T, F], 0.2): kept gradients times 1/(1 - p) = 1.25",
          new double[] {5, -10, 0},
          KATA.backward(new double[] {4, -8, 2}, new boolean[] {true, true, false}, 0.2), OUTPUT);
    }

    @Test
    void p_is_the_probability_of_dropping() {
      // u = 0.1 < p = 0.2 drops; u = 0.3 >= 0.2 keeps: a low p keeps most elements.
      assertThat(KATA.keepMask(3, 0.2, new SequenceRandom(0.1, 0.3, 0.95)))
          .as("keepMask(3, 0.2, draws [0.1, 0.3, 0.95])").containsExactly(false, true, true);
    }

    @Test
    void a_draw_equal_to_p_keeps_the_element() {
      assertThat(KATA.keepMask(2, 0.25, new SequenceRandom(0.25, 0.2499999999)))
          .as("keepMask(2, 0.25, draws [0.25, 0.2499999999]): keep iff u >= p").containsExactly(true, false);
      assertThat(KATA.keepMask(1, 0.0, new SequenceRandom(0.0)))
          .as("keepMask(1, 0, draw 0.0): p = 0 keeps everything, even a draw of 0").containsExactly(true);
    }

    @Test
    void p_equal_to_one_gives_zeros_whatever_the_mask_says() {
      boolean[] keep = {true, false, true};
      assertAllClose("forwardTrain([1, 2, 3], [T, F, T], 1) (not 1/0 = Infinity or NaN)", new double[] {0, 0, 0},
          KATA.forwardTrain(new double[] {1, 2, 3}, keep, 1), OUTPUT);
    }

    @Test
    void p_equal_to_one_gives_zero_gradients_whatever_the_mask_says() {
      assertAllClose("backward([1, 2, 3], [T, F, T], 1) (not 1/0 = Infinity or NaN)", new double[] {0, 0, 0},
          KATA.backward(new double[] {1, 2, 3}, new boolean[] {true, false, true}, 1), OUTPUT);
    }

    @Test
    void p_equal_to_one_keeps_nothing_and_eval_is_still_the_identity() {
      assertThat(KATA.keepMask(3, 1, new SequenceRandom(0.0, 0.5, 0.9999999)))
          .as("keepMask(3, 1, ...) keeps nothing").containsExactly(false, false, false);
      assertAllClose("forwardEval([1, 2, 3], 1) is still the identity", new double[] {1, 2, 3},
          KATA.forwardEval(new double[] {1, 2, 3}, 1), OUTPUT);
    }

    @Test
    void p_equal_to_zero_is_the_identity_in_training_too() {
      double[] x = {1.5, -2, 0, 7};
      boolean[] keep = KATA.keepMask(4, 0, new SequenceRandom(0.0, 0.3, 0.6, 0.9));
      assertThat(keep).as("keepMask(4, 0, ...)").containsExactly(true, true, true, true);
      assertAllClose("forwardTrain(x, all kept, 0)", x, KATA.forwardTrain(x, keep, 0), OUTPUT);
    }

    @Test
    void the_mask_takes_exactly_one_next_double_per_element() {
      for (double p : new double[] {0, 0.3, 1}) {
        SequenceRandom rng = new SequenceRandom(0.9, 0.1, 0.5, 0.2, 0.8, 0.4);
        KATA.keepMask(5, p, rng);
        assertThat(rng.draws()).as("nextDouble() calls of keepMask(5, %s, ...)", p).isEqualTo(5);
      }
      SequenceRandom none = new SequenceRandom();
      assertThat(KATA.keepMask(0, 0.5, none)).as("keepMask(0, 0.5, ...)").isNotNull().isEmpty();
      assertThat(none.draws()).as("nextDouble() calls of keepMask(0, ...)").isZero();
    }

    @Test
    void empty_vectors_give_empty_results() {
      assertThat(KATA.forwardTrain(new double[0], new boolean[0], 0.5)).as("forwardTrain of []").isNotNull().isEmpty();
      assertThat(KATA.forwardEval(new double[0], 0.5)).as("forwardEval of []").isNotNull().isEmpty();
      assertThat(KATA.backward(new double[0], new boolean[0], 0.5)).as("backward of []").isNotNull().isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void p_must_be_a_probability() {
      for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
        assertRejects("keepMask with p " + p, "p", () -> KATA.keepMask(2, p, new SequenceRandom(0.5, 0.5)));
        assertRejects("forwardTrain with p " + p, "p", () -> KATA.forwardTrain(new double[] {1}, new boolean[] {true}, p));
        assertRejects("forwardEval with p " + p, "p", () -> KATA.forwardEval(new double[] {1}, p));
        assertRejects("backward with p " + p, "p", () -> KATA.backward(new double[] {1}, new boolean[] {true}, p));
      }
    }

    @Test
    void lengths_counts_and_values_are_validated() {
      assertRejects("keepMask with n = -1", "n", () -> KATA.keepMask(-1, 0.5, new SequenceRandom()));
      assertRejects("forwardTrain with a mask of length 1 for 2 values", "keep",
          () -> KATA.forwardTrain(new double[] {1, 2}, new boolean[] {true}, 0.5));
      assertRejects("backward with a mask of length 3 for 2 values", "keep",
          () -> KATA.backward(new double[] {1, 2}, new boolean[] {true, true, false}, 0.5));
      assertRejects("forwardTrain of [1, NaN]", "x",
          () -> KATA.forwardTrain(new double[] {1, Double.NaN}, new boolean[] {true, true}, 0.5));
      assertRejects("forwardEval of [Infinity]", "x", () -> KATA.forwardEval(new double[] {Double.POSITIVE_INFINITY}, 0.5));
      assertRejects("backward of [-Infinity, 1]", "dy",
          () -> KATA.backward(new double[] {Double.NEGATIVE_INFINITY, 1}, new boolean[] {false, true}, 0.5));
      // A dropped NaN is still rejected: validation does not depend on the mask.
      assertRejects("forwardTrain of [NaN] with the element dropped", "x",
          () -> KATA.forwardTrain(new double[] {Double.NaN}, new boolean[] {false}, 0.5));
    }

    @Test
    void nulls_are_rejected() {
      assertNullRejected("keepMask(2, 0.5, null)", () -> KATA.keepMask(2, 0.5, null));
      assertNullRejected("forwardTrain(null, ...)", () -> KATA.forwardTrain(null, new boolean[0], 0.5));
      assertNullRejected("forwardTrain(x, null, ...)", () -> KATA.forwardTrain(new double[] {1}, null, 0.5));
      assertNullRejected("forwardEval(null, 0.5)", () -> KATA.forwardEval(null, 0.5));
      assertNullRejected("backward(null, ...)", () -> KATA.backward(null, new boolean[0], 0.5));
      assertNullRejected("backward(dy, null, ...)", () -> KATA.backward(new double[] {1}, null, 0.5));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"forwardTrain", "backward", "forwardEval"})
    void inputs_are_not_modified_and_results_are_new_arrays(String method) {
      double[] x = {1, -2, 3};
      boolean[] keep = {true, false, true};
      double p = method.equals("forwardEval") ? 0.5 : 0;
      double[] result = switch (method) {
        case "forwardTrain" -> KATA.forwardTrain(x, keep, 0);
        case "backward" -> KATA.backward(x, keep, 0);
        default -> KATA.forwardEval(x, p);
      };
      assertThat(x).as("x after %s", method).containsExactly(1, -2, 3);
      assertThat(keep).as("keep after %s", method).containsExactly(true, false, true);
      assertThat(result).as("%s must return a new array, not its input (p = %s)", method, p).isNotSameAs(x);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("regularization/dropout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void training_forward_matches_torch(Goldens.Case c) {
      double[] y = c.expected().doubles("y");
      assertAllClose("forwardTrain of " + describe(c) + " vs " + c.library(), y,
          KATA.forwardTrain(c.input().doubles("x"), c.input().bools("keep"), c.input().number("p")), OUTPUT * scale(y));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backward_matches_torch(Goldens.Case c) {
      double[] dy = c.input().doubles("dy");
      double[] dx = c.expected().doubles("dx");
      assertAllClose("backward(dy " + abbreviate(dy) + ") of " + describe(c) + " vs " + c.library(), dx,
          KATA.backward(dy, c.input().bools("keep"), c.input().number("p")), OUTPUT * scale(dx));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eval_forward_matches_torch(Goldens.Case c) {
      assertAllClose("forwardEval of " + describe(c) + " vs " + c.library(), c.expected().doubles("eval"),
          KATA.forwardEval(c.input().doubles("x"), c.input().number("p")), 0);
    }

    private String describe(Goldens.Case c) {
      return "golden '" + c.name() + "' (x " + abbreviate(c.input().doubles("x")) + ", keep "
          + Arrays.toString(c.input().bools("keep")) + ", p " + c.input().number("p") + ")";
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_mask_follows_the_pinned_rule_draw_by_draw() {
      Props.check("keep_i = (i-th nextDouble() >= p) for a SplittableRandom", EXAMPLES,
          integers().between(0, 60).zip(longs().all(), integers().between(0, 5), (n, seed, k) -> new long[] {n, seed, k}),
          a -> {
            int n = (int) a[0];
            double p = new double[] {0, 0.1, 0.5, 0.75, 0.999, 1}[(int) a[2]];
            SplittableRandom oracle = new SplittableRandom(a[1]);
            boolean[] expected = new boolean[n];
            for (int i = 0; i < n; i++) {
              expected[i] = oracle.nextDouble() >= p;
            }
            assertThat(KATA.keepMask(n, p, new SplittableRandom(a[1])))
                .as("keepMask(%d, %s, new SplittableRandom(%d))", n, p, a[1]).containsExactly(expected);
          });
    }

    @Test
    void about_one_minus_p_of_the_elements_are_kept() {
      long seed = 20261125L;
      for (double p : new double[] {0.1, 0.5, 0.8}) {
        boolean[] keep = KATA.keepMask(LARGE, p, new SplittableRandom(seed++));
        assertThat(keep).as("keepMask(%d, %s, ...)", LARGE, p).isNotNull().hasSize(LARGE);
        int kept = 0;
        for (boolean k : keep) {
          kept += k ? 1 : 0;
        }
        double sigma = Math.sqrt(p * (1 - p) / LARGE);
        assertClose("property 'the kept fraction is about 1 - p' for p = " + p + " on " + LARGE
            + " elements (6 standard deviations allowed)", 1 - p, (double) kept / LARGE, SIGMAS * sigma);
      }
    }

    @Test
    void the_training_output_preserves_the_mean_in_expectation() {
      long seed = 7L;
      double[] x = new double[LARGE];
      Arrays.fill(x, 3.0);
      for (double p : new double[] {0.2, 0.5, 0.9}) {
        boolean[] keep = KATA.keepMask(LARGE, p, new SplittableRandom(seed++));
        double mean = Arrays.stream(KATA.forwardTrain(x, keep, p)).sum() / LARGE;
        // Each output is 3 / (1 - p) with probability 1 - p, else 0: variance 9 * p / (1 - p).
        double sigma = Math.sqrt(9 * p / (1 - p) / LARGE);
        assertClose("property 'mean of forwardTrain(3 * ones, keepMask(p), p) is about 3' for p = " + p
            + " on " + LARGE + " elements (6 standard deviations allowed)", 3.0, mean, SIGMAS * sigma);
      }
    }

    @Test
    void every_training_output_is_zero_or_the_input_over_one_minus_p() {
      Props.check("y_i = keep_i ? x_i / (1 - p) : 0, and 0 when p = 1", EXAMPLES, RegularizationGens.dropoutInputs(40), d -> {
        double[] expected = new double[d.x().length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = d.keep()[i] && d.p() < 1 ? d.x()[i] / (1 - d.p()) : 0;
        }
        assertAllClose("forwardTrain for " + d, expected, KATA.forwardTrain(d.x(), d.keep(), d.p()), OUTPUT * scale(expected));
        assertAllClose("forwardEval for " + d, d.x(), KATA.forwardEval(d.x(), d.p()), 0);
      });
    }

    @Test
    void backward_is_the_adjoint_of_the_training_forward_pass() {
      Props.check("<dy, forwardTrain(x)> = <backward(dy), x>", EXAMPLES, RegularizationGens.dropoutInputs(40), d -> {
        double[] y = KATA.forwardTrain(d.x(), d.keep(), d.p());
        double[] dx = KATA.backward(d.dy(), d.keep(), d.p());
        assertThat(dx).as("backward for %s", d).isNotNull().hasSize(d.x().length);
        double left = 0;
        double right = 0;
        double magnitude = 0;
        for (int i = 0; i < y.length; i++) {
          left += d.dy()[i] * y[i];
          right += dx[i] * d.x()[i];
          magnitude += Math.abs(d.dy()[i] * d.x()[i]);
        }
        double size = d.p() < 1 ? magnitude / (1 - d.p()) : magnitude;
        assertClose("property '<dy, forwardTrain(x)> = <backward(dy), x>' for " + d, left, right,
            ADJOINT * Math.max(1, size));
      });
    }

    @Test
    void backward_matches_central_differences() {
      Props.check("backward = d/dx sum(dy * forwardTrain(x))", 100, RegularizationGens.dropoutInputs(12), d ->
          assertGradientMatches("backward for " + d, x -> {
            double[] y = KATA.forwardTrain(x, d.keep(), d.p());
            double total = 0;
            for (int i = 0; i < y.length; i++) {
              total += d.dy()[i] * y[i];
            }
            return total;
          }, d.x(), KATA.backward(d.dy(), d.keep(), d.p()), H, FINITE_DIFFERENCE));
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_mask_matches_the_reference_on_random_seeds() {
      Props.check("keepMask agrees with the reference solution", EXAMPLES,
          RegularizationGens.dropoutInputs(40).zip(longs().all(), (d, seed) -> new Object[] {d, seed}), a -> {
            DropoutInput d = (DropoutInput) a[0];
            long seed = (Long) a[1];
            int n = d.x().length;
            assertThat(KATA.keepMask(n, d.p(), new SplittableRandom(seed)))
                .as("keepMask(%d, %s, new SplittableRandom(%d)), reference vs yours", n, d.p(), seed)
                .containsExactly(REFERENCE.keepMask(n, d.p(), new SplittableRandom(seed)));
          });
    }

    @Test
    void the_training_forward_matches_the_reference_on_random_inputs() {
      Props.check("forwardTrain agrees with the reference solution", EXAMPLES, RegularizationGens.dropoutInputs(40), d -> {
        double[] y = REFERENCE.forwardTrain(d.x(), d.keep(), d.p());
        assertAllClose("forwardTrain, reference vs yours, for " + d, y, KATA.forwardTrain(d.x(), d.keep(), d.p()),
            OUTPUT * scale(y));
      });
    }

    @Test
    void backward_matches_the_reference_on_random_inputs() {
      Props.check("backward agrees with the reference solution", EXAMPLES, RegularizationGens.dropoutInputs(40), d -> {
        double[] dx = REFERENCE.backward(d.dy(), d.keep(), d.p());
        assertAllClose("backward, reference vs yours, for " + d, dx, KATA.backward(d.dy(), d.keep(), d.p()),
            OUTPUT * scale(dx));
      });
    }
  }
}

package mlkata.grader.training;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.deepCopy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.training.GradientClippingApi.Clipped;
import mlkata.grader.training.GradientClippingGens.Case;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code training/gradient-clipping}.
 *
 * <p>The norm is a sum of at most a few dozen powers and one root, the clipped entries one division and
 * one multiplication each, so a correct answer agrees with PyTorch to about 1e-15 relative. The
 * tolerances are relative to the magnitude of the expected result, tight enough to see the {@code 1e-6}
 * forgotten (a relative change of {@code 1e-6 / total}, at least 1e-8 on these inputs). Efficiency
 * is not graded: every answer is one pass over the entries.
 */
@KataSpec
@DisplayName("training/gradient-clipping: Gradient clipping by norm and by value")
final class GradientClippingSpec {
  /**
   * Tolerance on the total norm, relative to its size (floor 1e-300): sums of a few dozen terms round
   * to about 1e-15; PyTorch's norm of per-tensor norms differs from the flat sum by rounding only.
   */
  static final double NORM = 1e-12;

  /**
   * Tolerance on a clipped entry, relative to the largest expected magnitude in the whole result:
   * a coefficient rounded differently moves entries by about 1e-16 of that scale; forgetting the
   * {@code 1e-6} moves them by at least 1e-8 of it.
   */
  static final double ENTRY = 1e-12;

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final int EXAMPLES = 300;

  private static final GradientClippingApi KATA = Target.pick(new GradientClippingOfExercises(), new GradientClippingOfSolutions());
  private static final GradientClippingApi REFERENCE = new GradientClippingOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // total sqrt(9 + 16) = 5, coef 1 / 5.000001; the norm returned is the one before clipping.
      double c = 1 / 5.000001;
      assertClipped("clipGradNorm([[3], [4]], 1, 2, false)", new double[][] {{3 * c}, {4 * c}}, 5,
          KATA.clipGradNorm(new double[][] {{3}, {4}}, 1, 2, false));
      // Infinity norm: the largest magnitude over all rows, 4 (not 3 + 4); coef 1 / 4.000001.
      double ci = 1 / 4.000001;
      assertClipped("clipGradNorm([[3], [4]], 1, inf, false)", new double[][] {{3 * ci}, {4 * ci}}, 4,
          KATA.clipGradNorm(new double[][] {{3}, {4}}, 1, INF, false));
      assertEntries("clipGradValue([[3, -0.5], [-4]], 1)", new double[][] {{1, -0.5}, {-1}},
          KATA.clipGradValue(new double[][] {{3, -0.5}, {-4}}, 1));
    }

    @Test
    void all_tensors_share_one_coefficient() {
      // Together: total sqrt(9 + 16 + 144) = 13, coef 2 / 13.000001: [[0.46, 0.62], [1.85]].
      // Clipping each tensor by its own norm (5 and 12) would give [[1.2, 1.6], [2]]: wrong.
      double c = 2 / 13.000001;
      assertClipped("clipGradNorm([[3, 4], [12]], 2, 2, false): one coefficient 2 / 13 from the global norm 13"
          + " (clipping each tensor by its own norm would give [[1.2, 1.6], [2]])", new double[][] {{3 * c, 4 * c}, {12 * c}}, 13,
          KATA.clipGradNorm(new double[][] {{3, 4}, {12}}, 2, 2, false));
    }

    @Test
    void a_norm_exactly_at_max_norm_is_still_scaled_by_the_epsilon() {
      // coef = 5 / (5 + 1e-6) = 0.9999998: [3, 4] becomes [2.9999994, 3.9999992].
      assertClipped("clipGradNorm([[3, 4]], 5, 2, false)", new double[][] {{2.99999940000012, 3.99999920000016}}, 5,
          KATA.clipGradNorm(new double[][] {{3, 4}}, 5, 2, false));
    }

    @Test
    void a_norm_below_max_norm_is_not_scaled_up() {
      // total sqrt(0.09 + 0.16 + 0.01) = sqrt(0.26); coef = min(1 / (0.5099 + 1e-6), 1) = 1.
      double[][] g = {{0.3, -0.4}, {0.1}};
      assertClipped("clipGradNorm([[0.3, -0.4], [0.1]], 1, 2, false)", new double[][] {{0.3, -0.4}, {0.1}},
          Math.sqrt(0.26), KATA.clipGradNorm(g, 1, 2, false));
    }

    @Test
    void the_one_norm_adds_magnitudes() {
      // total |1| + |-2| + |3| = 6, coef 3 / 6.000001.
      double c = 3 / 6.000001;
      assertClipped("clipGradNorm([[1, -2], [3]], 3, 1, false)", new double[][] {{c, -2 * c}, {3 * c}}, 6,
          KATA.clipGradNorm(new double[][] {{1, -2}, {3}}, 3, 1, false));
      // p = 3: (1 + 8 + 27)^(1/3) = 36^(1/3).
      double t = Math.cbrt(36);
      double c3 = 1 / (t + 1e-6);
      assertClipped("clipGradNorm([[1, -2], [3]], 1, 3, false)", new double[][] {{c3, -2 * c3}, {3 * c3}}, t,
          KATA.clipGradNorm(new double[][] {{1, -2}, {3}}, 1, 3, false));
    }

    @Test
    void zero_gradients_stay_zero_and_max_norm_zero_zeroes_everything() {
      assertClipped("clipGradNorm([[0, 0], [0]], 1, 2, false)", new double[][] {{0, 0}, {0}}, 0,
          KATA.clipGradNorm(new double[][] {{0, 0}, {0}}, 1, 2, false));
      assertClipped("clipGradNorm([[1, -2], [2]], 0, 2, false)", new double[][] {{0, 0}, {0}}, 3,
          KATA.clipGradNorm(new double[][] {{1, -2}, {2}}, 0, 2, false));
      assertEntries("clipGradValue([[1, -2], [0]], 0)", new double[][] {{0, 0}, {0}},
          KATA.clipGradValue(new double[][] {{1, -2}, {0}}, 0));
    }

    @Test
    void empty_tensors_and_no_tensors() {
      assertClipped("clipGradNorm([[], [3, 4], []], 1, inf, false)", new double[][] {{}, {3 / 4.000001, 1 / 1.00000025}, {}}, 4,
          KATA.clipGradNorm(new double[][] {{}, {3, 4}, {}}, 1, INF, false));
      assertClipped("clipGradNorm([], 1, 2, false)", new double[0][], 0, KATA.clipGradNorm(new double[0][], 1, 2, false));
      assertClipped("clipGradNorm([[]], 1, inf, false)", new double[][] {{}}, 0, KATA.clipGradNorm(new double[][] {{}}, 1, INF, false));
      assertEntries("clipGradValue([[], [5]], 1)", new double[][] {{}, {1}}, KATA.clipGradValue(new double[][] {{}, {5}}, 1));
    }

    @Test
    void the_two_argument_form_is_the_l2_norm_without_errors() {
      double c = 1 / 5.000001;
      assertClipped("clipGradNorm([[3], [4]], 1)", new double[][] {{3 * c}, {4 * c}}, 5,
          KATA.clipGradNorm(new double[][] {{3}, {4}}, 1));
      Clipped nan = KATA.clipGradNorm(new double[][] {{Double.NaN}}, 1);
      assertThat(nan).as("clipGradNorm([[NaN]], 1)").isNotNull();
      assertThat(nan.totalNorm()).as("clipGradNorm([[NaN]], 1) does not throw: its norm is NaN").isNaN();
    }

    @Test
    void non_finite_gradients_follow_pytorch_when_errors_are_off() {
      // A NaN total gives a NaN coefficient: everything NaN.
      assertClipped("clipGradNorm([[1, NaN], [2]], 1, 2, false)",
          new double[][] {{Double.NaN, Double.NaN}, {Double.NaN}}, Double.NaN,
          KATA.clipGradNorm(new double[][] {{1, Double.NaN}, {2}}, 1, 2, false));
      // An infinite total gives coefficient 0: finite entries 0, infinite ones inf * 0 = NaN.
      assertClipped("clipGradNorm([[1, inf], [-2]], 1, 2, false)", new double[][] {{0, Double.NaN}, {0}}, INF,
          KATA.clipGradNorm(new double[][] {{1, INF}, {-2}}, 1, 2, false));
      assertClipped("clipGradNorm([[1, NaN], [2]], 1, inf, false): NaN wins over the max",
          new double[][] {{Double.NaN, Double.NaN}, {Double.NaN}}, Double.NaN,
          KATA.clipGradNorm(new double[][] {{1, Double.NaN}, {2}}, 1, INF, false));
      assertClipped("clipGradNorm([[NaN, 1], [2]], 1, inf, false): NaN first",
          new double[][] {{Double.NaN, Double.NaN}, {Double.NaN}}, Double.NaN,
          KATA.clipGradNorm(new double[][] {{Double.NaN, 1}, {2}}, 1, INF, false));
      assertEntries("clipGradValue([[inf, -inf, NaN, 0.5]], 2)", new double[][] {{2, -2, Double.NaN, 0.5}},
          KATA.clipGradValue(new double[][] {{INF, Double.NEGATIVE_INFINITY, Double.NaN, 0.5}}, 2));
    }

    @Test
    void a_non_finite_norm_throws_when_errors_are_on() {
      assertRejects("clipGradNorm([[1, NaN], [2]], 1, 2, true)", "gradients",
          () -> KATA.clipGradNorm(new double[][] {{1, Double.NaN}, {2}}, 1, 2, true));
      assertRejects("clipGradNorm([[1], [inf, 2]], 1, 2, true)", "gradients",
          () -> KATA.clipGradNorm(new double[][] {{1}, {INF, 2}}, 1, 2, true));
      assertRejects("clipGradNorm([[-inf]], 1, inf, true)", "gradients",
          () -> KATA.clipGradNorm(new double[][] {{Double.NEGATIVE_INFINITY}}, 1, INF, true));
      double c = 1 / 5.000001;
      assertClipped("clipGradNorm([[3], [4]], 1, 2, true): finite, so no error", new double[][] {{3 * c}, {4 * c}}, 5,
          KATA.clipGradNorm(new double[][] {{3}, {4}}, 1, 2, true));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] g = {{3, -4}, {12, 0.5}, {}};
      double[][] copy = deepCopy(g);
      Clipped c = KATA.clipGradNorm(g, 1, 2, false);
      assertThat(g).as("gradients after clipGradNorm").isDeepEqualTo(copy);
      assertThat(c).as("clipGradNorm result").isNotNull();
      assertThat(c.gradients()).as("clipGradNorm returns new rows").isNotNull().hasNumberOfRows(3);
      for (int t = 0; t < 3; t++) {
        assertThat(c.gradients()[t]).as("row %d of the result is a new array", t).isNotSameAs(g[t]);
      }
      double[][] v = KATA.clipGradValue(g, 1);
      assertThat(g).as("gradients after clipGradValue").isDeepEqualTo(copy);
      assertThat(v).as("clipGradValue returns new rows").isNotNull().hasNumberOfRows(3);
      assertThat(v[0]).as("row 0 of clipGradValue is a new array").isNotSameAs(g[0]);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void a_negative_or_non_finite_max_norm_is_rejected() {
      for (double m : new double[] {-1, -1e-9, Double.NaN, INF, Double.NEGATIVE_INFINITY}) {
        assertRejects("clipGradNorm([[1]], " + m + ", 2, false)", "maxNorm",
            () -> KATA.clipGradNorm(new double[][] {{1}}, m, 2, false));
        assertRejects("clipGradNorm([[1]], " + m + ")", "maxNorm", () -> KATA.clipGradNorm(new double[][] {{1}}, m));
      }
    }

    @Test
    void a_norm_type_below_one_or_nan_is_rejected() {
      for (double p : new double[] {0.5, 0, -1, 0.999, Double.NaN, Double.NEGATIVE_INFINITY}) {
        assertRejects("clipGradNorm([[1]], 1, " + p + ", false)", "normType",
            () -> KATA.clipGradNorm(new double[][] {{1}}, 1, p, false));
      }
    }

    @Test
    void a_negative_or_non_finite_clip_value_is_rejected() {
      for (double v : new double[] {-1, -1e-9, Double.NaN, INF, Double.NEGATIVE_INFINITY}) {
        assertRejects("clipGradValue([[1]], " + v + ")", "clipValue", () -> KATA.clipGradValue(new double[][] {{1}}, v));
      }
    }

    @Test
    void null_gradients_or_rows_are_rejected() {
      assertNullRejected("clipGradNorm(null, 1, 2, false)", () -> KATA.clipGradNorm(null, 1, 2, false));
      assertNullRejected("clipGradNorm([[1], null], 1, 2, false)", () -> KATA.clipGradNorm(new double[][] {{1}, null}, 1, 2, false));
      assertNullRejected("clipGradValue(null, 1)", () -> KATA.clipGradValue(null, 1));
      assertNullRejected("clipGradValue([null], 1)", () -> KATA.clipGradValue(new double[][] {null}, 1));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("training/gradient-clipping");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      double[][] g = in.matrix("gradients");
      String what = c.name() + " vs " + c.library();
      if (in.string("kind").equals("value")) {
        assertEntries(what, c.expected().matrix("gradients"), KATA.clipGradValue(g, in.number("clipValue")));
        return;
      }
      double maxNorm = in.number("maxNorm");
      double p = in.number("normType");
      boolean error = in.bool("errorIfNonfinite");
      if (c.expected().bool("error")) {
        assertRejects(what + ": a non-finite norm with errorIfNonfinite", "gradients",
            () -> KATA.clipGradNorm(g, maxNorm, p, error));
        return;
      }
      assertClipped(what, c.expected().matrix("gradients"), c.expected().number("totalNorm"),
          KATA.clipGradNorm(g, maxNorm, p, error));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_returned_norm_is_the_norm_of_all_entries_before_clipping() {
      Props.check("totalNorm = ||concatenation of all rows||_p", EXAMPLES, GradientClippingGens.cases(), c -> {
        Clipped r = norm(c);
        assertNorm("property 'the returned norm is the p-norm of every entry' for " + c, pNorm(c.gradients(), c.normType()),
            r.totalNorm());
      });
    }

    @Test
    void clipping_scales_every_tensor_by_one_coefficient() {
      Props.check("clipped = min(maxNorm / (total + 1e-6), 1) * gradients", EXAMPLES, GradientClippingGens.cases(), c -> {
        Clipped r = norm(c);
        double total = pNorm(c.gradients(), c.normType());
        double coef = Math.min(c.threshold() / (total + 1e-6), 1);
        double[][] expected = new double[c.gradients().length][];
        for (int t = 0; t < expected.length; t++) {
          expected[t] = Arrays.stream(c.gradients()[t]).map(v -> v * coef).toArray();
        }
        assertEntries("property 'one clamped coefficient for all rows' for " + c, expected, r.gradients());
      });
    }

    @Test
    void the_clipped_norm_is_at_most_max_norm_and_unchanged_below_it() {
      Props.check("||clipped|| <= maxNorm, and clipped = gradients when ||gradients|| + 1e-6 <= maxNorm", EXAMPLES,
          GradientClippingGens.cases(), c -> {
            Clipped r = norm(c);
            double before = pNorm(c.gradients(), c.normType());
            double after = pNorm(r.gradients(), c.normType());
            assertThat(after).as("property 'the norm after clipping is at most maxNorm' for %s", c)
                .isLessThanOrEqualTo(Math.max(c.threshold(), before) * (1 + NORM));
            if (before + 1e-6 <= c.threshold()) {
              assertEntries("property 'gradients within the budget are untouched' for " + c, c.gradients(), r.gradients());
            } else {
              assertThat(after).as("property 'clipped gradients end just below maxNorm' for %s", c)
                  .isLessThanOrEqualTo(c.threshold() * (1 + NORM));
            }
          });
    }

    @Test
    void splitting_the_gradients_into_tensors_changes_nothing() {
      Props.check("clipping the rows equals clipping their concatenation", EXAMPLES, GradientClippingGens.cases(), c -> {
        double[] flat = Arrays.stream(c.gradients()).flatMapToDouble(Arrays::stream).toArray();
        Clipped rows = norm(c);
        Clipped one = KATA.clipGradNorm(new double[][] {flat}, c.threshold(), c.normType(), false);
        assertThat(one).as("clipGradNorm of the concatenation of %s", c).isNotNull();
        assertNorm("property 'same total norm as one concatenated tensor' for " + c, one.totalNorm(), rows.totalNorm());
        double[] rowsFlat = Arrays.stream(rows.gradients()).flatMapToDouble(Arrays::stream).toArray();
        assertAllClose("property 'same clipped entries as one concatenated tensor' for " + c, one.gradients()[0], rowsFlat,
            ENTRY * scale(new double[][] {flat}));
      });
    }

    @Test
    void larger_p_gives_a_smaller_norm() {
      Props.check("||g||_inf <= ||g||_3 <= ||g||_2 <= ||g||_1.5 <= ||g||_1", EXAMPLES, GradientClippingGens.cases(), c -> {
        double previous = -1;
        for (double p : new double[] {INF, 3, 2, 1.5, 1}) {
          double n = KATA.clipGradNorm(c.gradients(), c.threshold(), p, false).totalNorm();
          assertThat(n).as("property 'the %s-norm is at least the norms of larger p' for %s", p, c)
              .isGreaterThanOrEqualTo(previous * (1 - NORM));
          previous = n;
        }
      });
    }

    @Test
    void clipping_by_value_clamps_each_entry_on_its_own() {
      Props.check("clipGradValue = clamp(g, -v, v) entry by entry", EXAMPLES, GradientClippingGens.cases(), c -> {
        double v = c.threshold();
        double[][] expected = new double[c.gradients().length][];
        for (int t = 0; t < expected.length; t++) {
          expected[t] = Arrays.stream(c.gradients()[t]).map(x -> Math.max(-v, Math.min(v, x))).toArray();
        }
        assertEntries("property 'each entry is clamped to [-v, v]' for " + c, expected, KATA.clipGradValue(c.gradients(), v));
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void clipping_matches_the_reference() {
      Props.check("clipGradNorm and clipGradValue agree with the reference solution", EXAMPLES,
          GradientClippingGens.cases(), c -> {
            Clipped expected = REFERENCE.clipGradNorm(c.gradients(), c.threshold(), c.normType(), false);
            assertClipped("clipGradNorm, reference vs yours, for " + c, expected.gradients(), expected.totalNorm(), norm(c));
            assertEntries("clipGradValue, reference vs yours, for " + c, REFERENCE.clipGradValue(c.gradients(), c.threshold()),
                KATA.clipGradValue(c.gradients(), c.threshold()));
          });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** The kata's clipGradNorm of a generated case, checked not null. */
  static Clipped norm(Case c) {
    Clipped r = KATA.clipGradNorm(c.gradients(), c.threshold(), c.normType(), false);
    assertThat(r).as("clipGradNorm for %s", c).isNotNull();
    return r;
  }

  static void assertClipped(String what, double[][] gradients, double totalNorm, Clipped actual) {
    assertThat(actual).as(what).isNotNull();
    assertNorm(what + ": the total norm before clipping", totalNorm, actual.totalNorm());
    assertEntries(what + ": the clipped gradients", gradients, actual.gradients());
  }

  static void assertNorm(String what, double expected, double actual) {
    assertClose(what, expected, actual, NORM * Math.max(Math.abs(expected), 1e-300));
  }

  /** Row by row, every entry within {@link #ENTRY} of the largest finite expected magnitude. */
  static void assertEntries(String what, double[][] expected, double[][] actual) {
    assertThat(actual).as("%s: the result", what).isNotNull();
    assertThat(actual.length).as("%s: number of rows", what).isEqualTo(expected.length);
    double tolerance = ENTRY * scale(expected);
    for (int t = 0; t < expected.length; t++) {
      assertAllClose(what + ", row " + t, expected[t], actual[t], tolerance);
    }
  }

  /** The largest finite magnitude in {@code m}, at least 1e-300. */
  static double scale(double[][] m) {
    double s = 1e-300;
    for (double[] row : m) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          s = Math.max(s, Math.abs(v));
        }
      }
    }
    return s;
  }

  /** The p-norm of all entries together, written independently of any solution. */
  static double pNorm(double[][] g, double p) {
    if (p == INF) {
      double m = 0;
      for (double[] row : g) {
        for (double v : row) {
          m = Math.max(m, Math.abs(v));
        }
      }
      return m;
    }
    double s = 0;
    for (double[] row : g) {
      for (double v : row) {
        s += Math.pow(Math.abs(v), p);
      }
    }
    return Math.pow(s, 1 / p);
  }
}

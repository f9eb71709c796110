package mlkata.grader.drift;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.drift.DriftGens.Table;
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
 * Grades {@code drift/chi-square}. The test is O(r c) whatever the approach, so there is no efficiency
 * check.
 *
 * <p>Tolerances are relative (times {@code max(1, |expected value|)}), because statistics and expected
 * frequencies of large tables are large: {@link #STATISTIC} and {@link #FREQUENCY}.
 */
@KataSpec
@DisplayName("drift/chi-square: Chi-square test of independence")
final class ChiSquareSpec {
  /** A sum of r c terms, each a few float operations: relative rounding far below 1e-12. */
  static final double STATISTIC = 1e-12;
  /** One product and one division per cell: exact to a few ulps. */
  static final double FREQUENCY = 1e-12;
  private static final int EXAMPLES = 300;

  private static final ChiSquareApi KATA = Target.pick(new ChiSquareOfExercises(), new ChiSquareOfSolutions());
  private static final ChiSquareApi REFERENCE = new ChiSquareOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      long[][] o = {{10, 20}, {30, 40}};
      // Rows 30, 70; columns 40, 60; N = 100: E = [[12, 18], [28, 42]], every |O - E| = 2.
      double[][] e = {{12, 18}, {28, 42}};
      double sumInverse = 1.0 / 12 + 1.0 / 18 + 1.0 / 28 + 1.0 / 42;
      assertResult("test([[10, 20], [30, 40]], correction=false)", KATA.test(o, false), 4 * sumInverse, 1, e);
      assertResult("test([[10, 20], [30, 40]], correction=true)", KATA.test(o, true), 2.25 * sumInverse, 1, e);
    }

    @Test
    void yates_never_moves_a_count_past_its_expected_value() {
      long[][] o = {{5, 5}, {5, 6}};
      // Rows and columns 10, 11; N = 21: E = [[100, 110], [110, 121]] / 21, every |O - E| = 5/21 < 0.5.
      double[][] e = {{100.0 / 21, 110.0 / 21}, {110.0 / 21, 121.0 / 21}};
      double uncorrected = (25.0 / 441) * 21 * (1.0 / 100 + 2.0 / 110 + 1.0 / 121);
      assertResult("test([[5, 5], [5, 6]], correction=false)", KATA.test(o, false), uncorrected, 1, e);
      // Yates moves each count only as far as its expected value: every cell contributes 0.
      assertResult("test([[5, 5], [5, 6]], correction=true)", KATA.test(o, true), 0, 1, e);
    }

    @Test
    void perfect_association_with_and_without_yates() {
      long[][] o = {{5, 0}, {0, 5}};
      double[][] e = {{2.5, 2.5}, {2.5, 2.5}};
      // |O - E| = 2.5 everywhere: 4 * 2.5^2 / 2.5 = 10; corrected 4 * 2^2 / 2.5 = 6.4.
      assertResult("test([[5, 0], [0, 5]], correction=false)", KATA.test(o, false), 10, 1, e);
      assertResult("test([[5, 0], [0, 5]], correction=true)", KATA.test(o, true), 6.4, 1, e);
    }

    @Test
    void the_correction_flag_does_nothing_beyond_one_degree_of_freedom() {
      long[][] o = {{10, 10, 20}, {20, 20, 20}};
      // E = [[12, 12, 16], [18, 18, 24]]; X^2 = 4/12 + 4/12 + 16/16 + 4/18 + 4/18 + 16/24 = 25/9.
      double[][] e = {{12, 12, 16}, {18, 18, 24}};
      assertResult("test([[10, 10, 20], [20, 20, 20]], correction=true)", KATA.test(o, true), 25.0 / 9, 2, e);
      assertResult("test([[10, 10, 20], [20, 20, 20]], correction=false)", KATA.test(o, false), 25.0 / 9, 2, e);
    }

    @Test
    void an_independent_table_gives_zero() {
      long[][] o = {{1, 2}, {3, 6}};
      double[][] e = {{1, 2}, {3, 6}};
      assertResult("test([[1, 2], [3, 6]], correction=false)", KATA.test(o, false), 0, 1, e);
      assertResult("test([[1, 2], [3, 6]], correction=true)", KATA.test(o, true), 0, 1, e);
    }

    @Test
    void huge_counts_give_finite_results_margin_products_do_not_overflow() {
      // Margins 4e17 fit a long, but their products (1.6e35) do not: E = row * col / N in floating point.
      // E = 2e17 everywhere, |O - E| = 1e17 above and below it: X^2 = 4 * 1e34 / 2e17 = 2e17; Yates' 0.5 is lost
      // in the rounding of 1e17.
      long big = 100_000_000_000_000_000L;
      long[][] o = {{3 * big, big}, {big, 3 * big}};
      for (boolean correction : new boolean[] {false, true}) {
        String what = "test([[3e17, 1e17], [1e17, 3e17]], correction=" + correction + ")";
        ChiSquareApi.Result r = KATA.test(o, correction);
        assertThat(r).as(what).isNotNull();
        assertNear(what + ": statistic (finite, not overflowed)", 2e17, r.statistic(), STATISTIC);
        assertThat(r.dof()).as("%s: dof", what).isEqualTo(1);
        assertThat(r.expected()).as("%s: expected frequencies", what).isNotNull().hasNumberOfRows(2);
        for (int i = 0; i < 2; i++) {
          assertNear(() -> what + ": expected frequencies, row", new double[] {2e17, 2e17}, r.expected()[i], FREQUENCY);
        }
      }
    }

    @Test
    void a_single_row_or_column_has_zero_degrees_of_freedom() {
      assertResult("test([[4, 1, 7]], true)", KATA.test(new long[][] {{4, 1, 7}}, true), 0, 0,
          new double[][] {{4, 1, 7}});
      assertResult("test([[2], [8], [5]], true)", KATA.test(new long[][] {{2}, {8}, {5}}, true), 0, 0,
          new double[][] {{2}, {8}, {5}});
      assertResult("test([[9]], false)", KATA.test(new long[][] {{9}}, false), 0, 0, new double[][] {{9}});
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void empty_and_ragged_tables_are_rejected() {
      assertRejects("test(no rows)", "observed", () -> KATA.test(new long[0][], true));
      assertRejects("test(two rows of no columns)", "observed", () -> KATA.test(new long[2][0], true));
      assertRejects("test([[1, 2], [3]])", "observed", () -> KATA.test(new long[][] {{1, 2}, {3}}, true));
      assertRejects("test([[1], [2, 3]])", "observed", () -> KATA.test(new long[][] {{1}, {2, 3}}, false));
    }

    @Test
    void negative_counts_are_rejected() {
      assertRejects("test([[1, 2], [3, -1]])", "observed", () -> KATA.test(new long[][] {{1, 2}, {3, -1}}, true));
    }

    @Test
    void a_zero_margin_is_rejected_as_scipy_does() {
      assertRejects("test([[0, 0], [3, 4]]) (row of zeros)", "observed",
          () -> KATA.test(new long[][] {{0, 0}, {3, 4}}, true));
      assertRejects("test([[1, 0, 2], [3, 0, 4]]) (column of zeros)", "observed",
          () -> KATA.test(new long[][] {{1, 0, 2}, {3, 0, 4}}, false));
      assertRejects("test([[0]])", "observed", () -> KATA.test(new long[][] {{0}}, false));
    }

    @Test
    void null_tables_and_rows_are_rejected() {
      assertNullRejected("test(null)", () -> KATA.test(null, true));
      assertNullRejected("test([[1, 2], null])", () -> KATA.test(new long[][] {{1, 2}, null}, true));
    }

    @Test
    void the_input_is_not_modified() {
      long[][] o = {{5, 5}, {5, 6}};
      KATA.test(o, true);
      assertThat(o).as("observed after test(observed, true)").isDeepEqualTo(new long[][] {{5, 5}, {5, 6}});
    }
  }

  @Nested
  @DisplayName("golden cases from SciPy")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("drift/chi-square");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_scipy_chi2_contingency(Goldens.Case c) {
      double[][] raw = c.input().matrix("observed");
      long[][] o = new long[raw.length][];
      for (int i = 0; i < raw.length; i++) {
        o[i] = Arrays.stream(raw[i]).mapToLong(x -> (long) x).toArray();
      }
      boolean correction = c.input().bool("correction");
      assertResult("golden '" + c.name() + "' (observed " + Arrays.deepToString(o) + ", correction " + correction
              + ") vs " + c.library(), KATA.test(o, correction), c.expected().number("statistic"),
          (int) c.expected().integer("dof"), c.expected().matrix("expected"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_statistic_follows_its_definition() {
      Props.check("X^2 = sum (|O - E| - Yates)^2 / E with E from the margins", EXAMPLES, DriftGens.tables(1, 5, 1, 5, 12),
          t -> {
            for (boolean correction : new boolean[] {false, true}) {
              assertResult("property 'the chi-square definition' for " + t + ", correction " + correction,
                  KATA.test(t.counts(), correction), byDefinition(t.counts(), correction),
                  (t.rows() - 1) * (t.cols() - 1), expectedFrequencies(t.counts()));
            }
          });
    }

    @Test
    void the_yates_correction_of_a_2x2_table_never_increases_the_statistic() {
      Props.check("for 2 x 2 tables, 0 <= corrected <= uncorrected", EXAMPLES, DriftGens.tables(2, 2, 2, 2, 6), t -> {
        ChiSquareApi.Result plain = KATA.test(t.counts(), false);
        ChiSquareApi.Result yates = KATA.test(t.counts(), true);
        String what = "property '0 <= Yates-corrected <= uncorrected' for " + t;
        assertThat(plain).as(what).isNotNull();
        assertThat(yates).as(what).isNotNull();
        assertThat(yates.statistic()).as(what + ": corrected").isBetween(0.0, plain.statistic() * (1 + STATISTIC));
        assertClose(what + ": corrected statistic by definition", byDefinition(t.counts(), true), yates.statistic(),
            STATISTIC * Math.max(1, yates.statistic()));
      });
    }

    @Test
    void transposing_the_table_changes_nothing_but_the_shape() {
      Props.check("test(transpose(O)) = test(O)", EXAMPLES, DriftGens.tables(1, 5, 1, 5, 12), t -> {
        long[][] o = t.counts();
        long[][] tr = new long[t.cols()][t.rows()];
        for (int i = 0; i < t.rows(); i++) {
          for (int j = 0; j < t.cols(); j++) {
            tr[j][i] = o[i][j];
          }
        }
        for (boolean correction : new boolean[] {false, true}) {
          ChiSquareApi.Result r = KATA.test(o, correction);
          assertThat(r).as("test(O) for %s", t).isNotNull();
          double[][] eT = new double[t.cols()][t.rows()];
          for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.cols(); j++) {
              eT[j][i] = r.expected()[i][j];
            }
          }
          assertResult("property 'transposing changes nothing' for " + t + ", correction " + correction,
              KATA.test(tr, correction), r.statistic(), r.dof(), eT);
        }
      });
    }

    @Test
    void scaling_every_count_scales_the_uncorrected_statistic() {
      Props.check("test(3 O).statistic = 3 test(O).statistic without correction", EXAMPLES,
          DriftGens.tables(1, 5, 1, 5, 12), t -> {
            long[][] tripled = Arrays.stream(t.counts()).map(row -> Arrays.stream(row).map(x -> 3 * x).toArray())
                .toArray(long[][]::new);
            ChiSquareApi.Result r = KATA.test(t.counts(), false);
            assertThat(r).as("test(O) for %s", t).isNotNull();
            ChiSquareApi.Result s = KATA.test(tripled, false);
            assertThat(s).as("test(3 O) for %s", t).isNotNull();
            assertClose("property 'X^2(3 O) = 3 X^2(O)' for " + t, 3 * r.statistic(), s.statistic(),
                STATISTIC * Math.max(1, 3 * r.statistic()));
          });
    }

    @Test
    void an_outer_product_table_is_independent() {
      Props.check("a table u_i v_j has statistic 0", EXAMPLES, DriftGens.tables(1, 1, 1, 6, 5)
          .zip(DriftGens.tables(1, 1, 1, 6, 5), (u, v) -> {
            long[][] t = new long[u.cols()][v.cols()];
            for (int i = 0; i < u.cols(); i++) {
              for (int j = 0; j < v.cols(); j++) {
                t[i][j] = u.counts()[0][i] * v.counts()[0][j];
              }
            }
            return new Table(t);
          }), t -> {
            if (Arrays.stream(t.counts()).anyMatch(row -> Arrays.stream(row).sum() == 0)
                || Arrays.stream(t.counts()[0]).anyMatch(x -> x == 0)) {
              return; // a zero margin: invalid input, covered elsewhere
            }
            for (boolean correction : new boolean[] {false, true}) {
              ChiSquareApi.Result r = KATA.test(t.counts(), correction);
              assertThat(r).as("test(O) for %s", t).isNotNull();
              assertClose("property 'independent counts give X^2 = 0' for " + t + ", correction " + correction, 0,
                  r.statistic(), 1e-9);
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_result_matches_the_reference_on_random_tables() {
      Props.check("test agrees with the reference solution", EXAMPLES, DriftGens.tables(1, 6, 1, 6, 40), t -> {
        for (boolean correction : new boolean[] {false, true}) {
          ChiSquareApi.Result expected = REFERENCE.test(t.counts(), correction);
          assertResult("test, reference vs yours, for " + t + ", correction " + correction,
              KATA.test(t.counts(), correction), expected.statistic(), expected.dof(), expected.expected());
        }
      });
    }
  }

  static void assertResult(String what, ChiSquareApi.Result actual, double statistic, int dof, double[][] expected) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.dof()).as("%s: dof", what).isEqualTo(dof);
    assertClose(what + ": statistic", statistic, actual.statistic(), STATISTIC * Math.max(1, Math.abs(statistic)));
    assertThat(actual.expected()).as("%s: expected frequencies", what).isNotNull();
    assertThat(actual.expected().length).as("%s: rows of the expected frequencies", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.expected()[i]).as("%s: expected frequencies row %d", what, i).isNotNull();
      assertThat(actual.expected()[i].length).as("%s: length of expected frequencies row %d", what, i)
          .isEqualTo(expected[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        assertClose(String.format("%s: expected frequency [%d][%d] of %s", what, i, j, Arrays.deepToString(expected)),
            expected[i][j], actual.expected()[i][j], FREQUENCY * Math.max(1, Math.abs(expected[i][j])));
      }
    }
  }

  /** E_ij = rowSum_i colSum_j / N. */
  static double[][] expectedFrequencies(long[][] o) {
    int r = o.length;
    int c = o[0].length;
    long n = 0;
    long[] rows = new long[r];
    long[] cols = new long[c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        rows[i] += o[i][j];
        cols[j] += o[i][j];
        n += o[i][j];
      }
    }
    double[][] e = new double[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        e[i][j] = (double) rows[i] * cols[j] / n;
      }
    }
    return e;
  }

  /** The statistic straight from its definition, Yates only for 2 x 2 tables when asked. */
  static double byDefinition(long[][] o, boolean correction) {
    double[][] e = expectedFrequencies(o);
    boolean yates = correction && o.length == 2 && o[0].length == 2;
    double sum = 0;
    for (int i = 0; i < o.length; i++) {
      for (int j = 0; j < o[0].length; j++) {
        double gap = Math.abs(o[i][j] - e[i][j]);
        double corrected = yates ? Math.max(0, gap - 0.5) : gap;
        sum += corrected * corrected / e[i][j];
      }
    }
    return sum;
  }
}

package mlkata.grader.drift;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.drift.DriftGens.Binned;
import mlkata.grader.support.KataAssertions;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code drift/psi}.
 *
 * <p>Tolerances: {@link #FRACTION} for bin fractions, {@link #PSI} for the index, {@link #DIVERGENCE}
 * for KL and for the squared Jensen-Shannon distance (see {@link #assertDistance}: the square root
 * magnifies rounding near zero, so distances are compared through their squares).
 */
@KataSpec
@DisplayName("drift/psi: PSI, KL and Jensen-Shannon")
final class PsiSpec {
  /** A fraction is one count divided by the sample size: exact up to that division. */
  static final double FRACTION = 1e-12;
  /** PSI sums at most a few dozen terms of size up to about 10 (ln of epsilon): rounding stays far below 1e-10. */
  static final double PSI = 1e-10;
  /** KL and the JS divergence sum a few dozen terms below 10 each; a correct formula is exact to about 1e-15. */
  static final double DIVERGENCE = 1e-12;
  /**
   * PSI over 10^5 bins, relative above 1: 10^5 terms, each exact to about 1e-16 of its size, summed in
   * any order, stay within 1e-11 of the sum; a value binned one bin off moves it by far more.
   */
  static final double LARGE_PSI = 1e-9;
  private static final double EPS = 1e-4;
  private static final int EXAMPLES = 300;

  private static final PsiApi KATA = Target.pick(new PsiOfExercises(), new PsiOfSolutions());
  private static final PsiApi REFERENCE = new PsiOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_proportions() {
      assertAllClose("proportions([1, 2, 3, 4], cuts [2.5])", new double[] {0.5, 0.5},
          KATA.proportions(new double[] {1, 2, 3, 4}, new double[] {2.5}), FRACTION);
      assertAllClose("proportions([1, 3, 3, 3], cuts [2.5])", new double[] {0.25, 0.75},
          KATA.proportions(new double[] {1, 3, 3, 3}, new double[] {2.5}), FRACTION);
    }

    @Test
    void psi_weights_the_log_ratio_actual_over_expected_by_actual_minus_expected() {
      // Fractions e = [0.5, 0.5], a = [0.25, 0.75]:
      // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.25 (ln 2 + ln 1.5) = 0.25 ln 3.
      // The log ratio reversed, ln(e / a), gives -0.25 ln 3: every PSI term is >= 0.
      assertClose("psi(expected [1, 2, 3, 4], actual [1, 3, 3, 3], cuts [2.5], epsilon 1e-4) = "
              + "sum (a - e) ln(a / e) = 0.25 ln 3 (ln(e / a) gives -0.25 ln 3)", 0.25 * Math.log(3),
          KATA.psi(new double[] {1, 2, 3, 4}, new double[] {1, 3, 3, 3}, new double[] {2.5}, EPS), PSI);
    }

    @Test
    void kl_is_p_log_p_over_q_in_that_direction() {
      // KL(p || q) = 0.25 ln(0.25 / 0.5) + 0.75 ln(0.75 / 0.5) = 0.1308; KL(q || p) would be 0.1438.
      assertClose("klDivergence([0.25, 0.75], [0.5, 0.5]) = sum p ln(p / q) (KL(q || p) = 0.1438 is the other "
              + "direction)", 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5),
          KATA.klDivergence(new double[] {0.25, 0.75}, new double[] {0.5, 0.5}), DIVERGENCE);
    }

    @Test
    void bins_are_half_open_and_a_value_on_a_cut_goes_to_the_bin_above() {
      double[] cuts = {0, 1, 2};
      // Bins (-inf, 0), [0, 1), [1, 2), [2, inf): -5 and -0.5 | 0 and 0.5 | 1 | 2, 7 and +inf.
      assertAllClose("proportions([-5, -0.5, 0, 0.5, 1, 2, 7, +inf], cuts [0, 1, 2])",
          new double[] {0.25, 0.25, 0.125, 0.375},
          KATA.proportions(new double[] {-5, -0.5, 0, 0.5, 1, 2, 7, Double.POSITIVE_INFINITY}, cuts), FRACTION);
      assertAllClose("proportions([-0.0], cuts [0, 1, 2]) (-0.0 equals the cut 0)", new double[] {0, 1, 0, 0},
          KATA.proportions(new double[] {-0.0}, cuts), FRACTION);
      assertAllClose("proportions([-inf, 3], no cuts)", new double[] {1},
          KATA.proportions(new double[] {Double.NEGATIVE_INFINITY, 3}, new double[0]), FRACTION);
    }

    @Test
    void empty_bins_are_floored_at_epsilon() {
      // Expected fractions [0.5, 0.5], actual [0, 1] floored to [eps, 1]:
      // (eps - 0.5) ln(eps / 0.5) + (1 - 0.5) ln(1 / 0.5).
      double eps = 1e-3;
      double want = (eps - 0.5) * Math.log(eps / 0.5) + 0.5 * Math.log(2);
      assertClose("psi([1, 2], [2, 2], cuts [2], epsilon 1e-3)", want,
          KATA.psi(new double[] {1, 2}, new double[] {2, 2}, new double[] {2}, eps), PSI);
      // The empty bin on the other side: the same terms, PSI is symmetric.
      assertClose("psi([2, 2], [1, 2], cuts [2], epsilon 1e-3) (the empty bin in expected)", want,
          KATA.psi(new double[] {2, 2}, new double[] {1, 2}, new double[] {2}, eps), PSI);
      // An empty bin in both samples contributes (eps - eps) ln 1 = 0: psi of identical bins is 0.
      assertClose("psi([1, 3], [3, 1], cuts [0, 2, 5]) with two empty bins", 0,
          KATA.psi(new double[] {1, 3}, new double[] {3, 1}, new double[] {0, 2, 5}, eps), PSI);
    }

    @Test
    void epsilon_is_a_floor_not_an_additive_smoothing() {
      // Fractions [0.25, 0.75] vs [0.75, 0.25], none below epsilon = 0.2: the floor leaves them alone,
      // (0.75 - 0.25) ln 3 + (0.25 - 0.75) ln(1/3) = ln 3.
      assertClose("psi([0, 1, 1, 1], [0, 0, 0, 1], cuts [0.5], epsilon 0.2)", Math.log(3),
          KATA.psi(new double[] {0, 1, 1, 1}, new double[] {0, 0, 0, 1}, new double[] {0.5}, 0.2), PSI);
      // Fractions [0.25, 0.75] vs [0, 1] with epsilon 0.3: 0 and 0.25 are both floored to 0.3, the
      // first bin adds nothing and the second (1 - 0.75) ln(1 / 0.75).
      double floored = (1 - 0.75) * Math.log(1 / 0.75);
      assertClose("psi([0, 1, 1, 1], [1, 1], cuts [0.5], epsilon 0.3)", floored,
          KATA.psi(new double[] {0, 1, 1, 1}, new double[] {1, 1}, new double[] {0.5}, 0.3), PSI);
    }

    @Test
    void kl_normalizes_and_handles_zeros_like_scipy() {
      // [1, 1] and [1, 3] normalize to [0.5, 0.5] and [0.25, 0.75].
      assertClose("klDivergence([1, 1], [1, 3])", 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3),
          KATA.klDivergence(new double[] {1, 1}, new double[] {1, 3}), DIVERGENCE);
      // A zero in p contributes nothing, wherever q is.
      assertClose("klDivergence([0, 1], [0.5, 0.5])", Math.log(2),
          KATA.klDivergence(new double[] {0, 1}, new double[] {0.5, 0.5}), DIVERGENCE);
      assertClose("klDivergence([0, 1], [0, 1])", 0, KATA.klDivergence(new double[] {0, 1}, new double[] {0, 1}),
          DIVERGENCE);
      // Mass of p where q has none: infinite.
      assertThat(KATA.klDivergence(new double[] {0.5, 0.5}, new double[] {1, 0}))
          .as("klDivergence([0.5, 0.5], [1, 0])").isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void jensen_shannon_is_the_square_root_of_the_divergence() {
      // Disjoint supports: m = [0.5, 0.5], KL(p || m) = KL(q || m) = ln 2, distance sqrt(ln 2).
      assertDistance("jensenShannonDistance([1, 0], [0, 1])", Math.sqrt(Math.log(2)),
          KATA.jensenShannonDistance(new double[] {1, 0}, new double[] {0, 1}));
      // p = [0.5, 0.5], q = [1, 0]: m = [0.75, 0.25].
      // KL(p || m) = 0.5 ln(2/3) + 0.5 ln 2, KL(q || m) = ln(4/3).
      double divergence = (0.5 * Math.log(2.0 / 3) + 0.5 * Math.log(2) + Math.log(4.0 / 3)) / 2;
      assertDistance("jensenShannonDistance([1, 1], [2, 0])", Math.sqrt(divergence),
          KATA.jensenShannonDistance(new double[] {1, 1}, new double[] {2, 0}));
      assertDistance("jensenShannonDistance([1, 2, 3], [2, 4, 6])", 0,
          KATA.jensenShannonDistance(new double[] {1, 2, 3}, new double[] {2, 4, 6}));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void samples_must_be_non_empty_and_free_of_nan() {
      double[] cuts = {0};
      assertRejects("proportions([], cuts)", "values", () -> KATA.proportions(new double[0], cuts));
      assertRejects("proportions([NaN], cuts)", "values", () -> KATA.proportions(new double[] {Double.NaN}, cuts));
      assertRejects("psi([], [1], cuts, 1e-4)", "expected", () -> KATA.psi(new double[0], new double[] {1}, cuts, EPS));
      assertRejects("psi([1], [], cuts, 1e-4)", "actual", () -> KATA.psi(new double[] {1}, new double[0], cuts, EPS));
      assertRejects("psi([NaN], [1], cuts, 1e-4)", "expected",
          () -> KATA.psi(new double[] {Double.NaN}, new double[] {1}, cuts, EPS));
      assertRejects("psi([1], [2, NaN], cuts, 1e-4)", "actual",
          () -> KATA.psi(new double[] {1}, new double[] {2, Double.NaN}, cuts, EPS));
    }

    @Test
    void cuts_must_be_finite_and_strictly_increasing() {
      double[] x = {1, 2};
      assertRejects("proportions(x, [1, 1])", "cuts", () -> KATA.proportions(x, new double[] {1, 1}));
      assertRejects("proportions(x, [2, 1])", "cuts", () -> KATA.proportions(x, new double[] {2, 1}));
      assertRejects("proportions(x, [0, +inf])", "cuts",
          () -> KATA.proportions(x, new double[] {0, Double.POSITIVE_INFINITY}));
      assertRejects("proportions(x, [NaN])", "cuts", () -> KATA.proportions(x, new double[] {Double.NaN}));
      assertRejects("psi(x, x, [3, 0], 1e-4)", "cuts", () -> KATA.psi(x, x, new double[] {3, 0}, EPS));
    }

    @Test
    void epsilon_must_be_in_zero_one() {
      double[] x = {1, 2};
      double[] cuts = {1.5};
      for (double eps : new double[] {0, -1e-4, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("psi(x, x, cuts, " + eps + ")", "epsilon", () -> KATA.psi(x, x, cuts, eps));
      }
      assertClose("psi(x, x, cuts, 1) (epsilon 1 is allowed)", 0, KATA.psi(x, x, cuts, 1), PSI);
    }

    @Test
    void weights_must_be_valid() {
      double[] ok = {1, 2};
      // Lengths that differ, or both vectors empty, are the fault of either: the stub accepts either name.
      KataAssertions.assertRejectsNamingAnyOf("klDivergence([1, 2], [1, 2, 3])",
          () -> KATA.klDivergence(ok, new double[] {1, 2, 3}), "p", "q");
      KataAssertions.assertRejectsNamingAnyOf("klDivergence([], [])",
          () -> KATA.klDivergence(new double[0], new double[0]), "p", "q");
      assertRejects("klDivergence([1, -1], [1, 2])", "p", () -> KATA.klDivergence(new double[] {1, -1}, ok));
      assertRejects("klDivergence([1, 2], [NaN, 1])", "q", () -> KATA.klDivergence(ok, new double[] {Double.NaN, 1}));
      assertRejects("klDivergence([inf, 1], [1, 2])", "p",
          () -> KATA.klDivergence(new double[] {Double.POSITIVE_INFINITY, 1}, ok));
      assertRejects("klDivergence([1, 2], [0, 0])", "q", () -> KATA.klDivergence(ok, new double[] {0, 0}));
      assertRejects("jensenShannonDistance([0, 0], [1, 2])", "p",
          () -> KATA.jensenShannonDistance(new double[] {0, 0}, ok));
      assertRejects("jensenShannonDistance([1, 2], [1, -2])", "q",
          () -> KATA.jensenShannonDistance(ok, new double[] {1, -2}));
      KataAssertions.assertRejectsNamingAnyOf("jensenShannonDistance([1, 2], [1])",
          () -> KATA.jensenShannonDistance(ok, new double[] {1}), "p", "q");
    }

    @Test
    void null_arguments_are_rejected() {
      double[] x = {1};
      assertNullRejected("proportions(null, cuts)", () -> KATA.proportions(null, x));
      assertNullRejected("proportions(values, null)", () -> KATA.proportions(x, null));
      assertNullRejected("psi(null, actual, cuts, eps)", () -> KATA.psi(null, x, x, EPS));
      assertNullRejected("psi(expected, null, cuts, eps)", () -> KATA.psi(x, null, x, EPS));
      assertNullRejected("psi(expected, actual, null, eps)", () -> KATA.psi(x, x, null, EPS));
      assertNullRejected("klDivergence(null, q)", () -> KATA.klDivergence(null, x));
      assertNullRejected("jensenShannonDistance(p, null)", () -> KATA.jensenShannonDistance(x, null));
    }

    @Test
    void inputs_are_not_modified() {
      double[] expected = {3, 1, 2};
      double[] actual = {0.5, 4, -1};
      double[] cuts = {0, 2};
      double[] p = {2, 0, 1};
      double[] q = {1, 1, 3};
      KATA.proportions(expected, cuts);
      KATA.psi(expected, actual, cuts, EPS);
      KATA.klDivergence(p, q);
      KATA.jensenShannonDistance(p, q);
      assertThat(expected).as("expected after the calls").containsExactly(3, 1, 2);
      assertThat(actual).as("actual after the calls").containsExactly(0.5, 4, -1);
      assertThat(cuts).as("cuts after the calls").containsExactly(0, 2);
      assertThat(p).as("p after the calls").containsExactly(2, 0, 1);
      assertThat(q).as("q after the calls").containsExactly(1, 1, 3);
    }
  }

  @Nested
  @DisplayName("golden cases from SciPy and NumPy")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("drift/psi");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void proportions_match_numpy(Goldens.Case c) {
      double[] cuts = c.input().doubles("cuts");
      assertAllClose("proportions(expected) of " + binnedInput(c), c.expected().doubles("expected_proportions"),
          KATA.proportions(c.input().doubles("expected"), cuts), FRACTION);
      assertAllClose("proportions(actual) of " + binnedInput(c), c.expected().doubles("actual_proportions"),
          KATA.proportions(c.input().doubles("actual"), cuts), FRACTION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void psi_matches_the_numpy_textbook_psi(Goldens.Case c) {
      assertClose("psi of " + binnedInput(c), c.expected().number("psi"), KATA.psi(c.input().doubles("expected"),
          c.input().doubles("actual"), c.input().doubles("cuts"), c.input().number("epsilon")), PSI);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kl_divergence_matches_scipy(Goldens.Case c) {
      assertClose("klDivergence of " + weightsInput(c), c.expected().number("kl"),
          KATA.klDivergence(c.input().doubles("p"), c.input().doubles("q")), DIVERGENCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jensen_shannon_distance_matches_scipy(Goldens.Case c) {
      assertDistance("jensenShannonDistance of " + weightsInput(c), c.expected().number("js_distance"),
          KATA.jensenShannonDistance(c.input().doubles("p"), c.input().doubles("q")));
    }

    private String binnedInput(Goldens.Case c) {
      return "golden '" + c.name() + "' (expected " + abbreviate(c.input().doubles("expected")) + ", actual "
          + abbreviate(c.input().doubles("actual")) + ", cuts " + abbreviate(c.input().doubles("cuts")) + ", epsilon "
          + c.input().number("epsilon") + ") vs " + c.library();
    }

    private String weightsInput(Goldens.Case c) {
      return "golden '" + c.name() + "' (p " + abbreviate(c.input().doubles("p")) + ", q "
          + abbreviate(c.input().doubles("q")) + ") vs " + c.library();
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void proportions_count_each_value_in_its_half_open_bin() {
      Props.check("proportions follow the bin definition", EXAMPLES, DriftGens.binned(30), s ->
          assertAllClose("property 'fraction of values in [c_{k-1}, c_k)' for " + s, byDefinition(s.expected(), s.cuts()),
              KATA.proportions(s.expected(), s.cuts()), FRACTION));
    }

    @Test
    void psi_is_the_floored_sum_of_its_definition() {
      Props.check("PSI = sum (a - e) ln(a / e) over floored fractions", EXAMPLES, DriftGens.binned(30), s -> {
        double[] e = byDefinition(s.expected(), s.cuts());
        double[] a = byDefinition(s.actual(), s.cuts());
        double want = 0;
        for (int k = 0; k < e.length; k++) {
          double ek = Math.max(e[k], EPS);
          double ak = Math.max(a[k], EPS);
          want += (ak - ek) * Math.log(ak / ek);
        }
        assertClose("property 'PSI = sum (a - e) ln(a / e), fractions floored at 1e-4' for " + s, want,
            KATA.psi(s.expected(), s.actual(), s.cuts(), EPS), PSI);
      });
    }

    @Test
    void psi_is_symmetric_non_negative_and_zero_on_the_same_sample() {
      Props.check("PSI(e, a) = PSI(a, e) >= 0 and PSI(e, e) = 0", EXAMPLES, DriftGens.binned(30), s -> {
        double forward = KATA.psi(s.expected(), s.actual(), s.cuts(), EPS);
        String what = "property 'PSI symmetric, >= 0, PSI(e, e) = 0' for " + s;
        assertClose(what + ": PSI(actual, expected)", forward, KATA.psi(s.actual(), s.expected(), s.cuts(), EPS), PSI);
        assertThat(forward).as(what + ": PSI(expected, actual) >= 0").isGreaterThanOrEqualTo(0.0);
        assertClose(what + ": PSI(expected, expected)", 0, KATA.psi(s.expected(), s.expected(), s.cuts(), EPS), PSI);
      });
    }

    @Test
    void psi_without_empty_bins_is_the_symmetrized_kl() {
      Props.check("with no empty bin, PSI = KL(a || e) + KL(e || a)", EXAMPLES, DriftGens.binned(30), s -> {
        double[] e = byDefinition(s.expected(), s.cuts());
        double[] a = byDefinition(s.actual(), s.cuts());
        if (Arrays.stream(e).anyMatch(x -> x == 0) || Arrays.stream(a).anyMatch(x -> x == 0)) {
          return;
        }
        assertClose("property 'PSI = KL(a || e) + KL(e || a)' for " + s,
            KATA.klDivergence(a, e) + KATA.klDivergence(e, a), KATA.psi(s.expected(), s.actual(), s.cuts(), EPS), PSI);
      });
    }

    @Test
    void kl_is_its_definition_after_normalizing() {
      Props.check("KL(p || q) = sum p ln(p / q) after normalizing, 0 ln 0 = 0", EXAMPLES, DriftGens.weights(8), w -> {
        double[] p = normalize(w.p());
        double[] q = normalize(w.q());
        double want = 0;
        for (int k = 0; k < p.length; k++) {
          want += p[k] == 0 ? 0 : q[k] == 0 ? Double.POSITIVE_INFINITY : p[k] * Math.log(p[k] / q[k]);
        }
        assertClose("property 'KL = sum p ln(p / q) over normalized weights' for " + w, want,
            KATA.klDivergence(w.p(), w.q()), DIVERGENCE);
      });
    }

    @Test
    void kl_ignores_the_scale_and_is_zero_on_itself() {
      Props.check("KL(3p || q / 2) = KL(p || q) and KL(p || p) = 0", EXAMPLES, DriftGens.weights(8), w -> {
        double[] p3 = Arrays.stream(w.p()).map(x -> 3 * x).toArray();
        double[] qHalf = Arrays.stream(w.q()).map(x -> x / 2).toArray();
        String what = "property 'KL scale invariant, KL(p || p) = 0' for " + w;
        assertClose(what + ": KL(3p || q/2) vs KL(p || q)", KATA.klDivergence(w.p(), w.q()),
            KATA.klDivergence(p3, qHalf), DIVERGENCE);
        assertClose(what + ": KL(p || p)", 0, KATA.klDivergence(w.p(), w.p()), DIVERGENCE);
      });
    }

    @Test
    void js_is_the_square_root_of_the_mean_kl_to_the_midpoint() {
      Props.check("JS(p, q)^2 = (KL(p || m) + KL(q || m)) / 2", EXAMPLES, DriftGens.weights(8), w -> {
        double[] p = normalize(w.p());
        double[] q = normalize(w.q());
        double[] m = new double[p.length];
        for (int k = 0; k < m.length; k++) {
          m[k] = (p[k] + q[k]) / 2;
        }
        double divergence = 0;
        for (int k = 0; k < m.length; k++) {
          divergence += (p[k] == 0 ? 0 : p[k] * Math.log(p[k] / m[k])) + (q[k] == 0 ? 0 : q[k] * Math.log(q[k] / m[k]));
        }
        assertDistance("property 'JS distance = sqrt of the mean KL to the midpoint' for " + w,
            Math.sqrt(Math.max(0, divergence / 2)), KATA.jensenShannonDistance(w.p(), w.q()));
      });
    }

    @Test
    void js_is_a_bounded_symmetric_metric() {
      Props.check("JS symmetric, in [0, sqrt(ln 2)], JS(p, p) = 0 and the triangle inequality",
          EXAMPLES, DriftGens.triples(6), t -> {
            double pq = KATA.jensenShannonDistance(t.p(), t.q());
            double qr = KATA.jensenShannonDistance(t.q(), t.r());
            double pr = KATA.jensenShannonDistance(t.p(), t.r());
            String what = "property 'JS is a metric bounded by sqrt(ln 2)' for " + t;
            assertDistance(what + ": JS(q, p) vs JS(p, q)", pq, KATA.jensenShannonDistance(t.q(), t.p()));
            assertThat(pq).as(what + ": JS(p, q) in [0, sqrt(ln 2)]").isBetween(0.0, Math.sqrt(Math.log(2)) + 1e-12);
            assertDistance(what + ": JS(p, p)", 0, KATA.jensenShannonDistance(t.p(), t.p()));
            assertThat(pr).as(what + ": JS(p, r) <= JS(p, q) + JS(q, r)").isLessThanOrEqualTo(pq + qr + 1e-6);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void proportions_match_the_reference_on_random_inputs() {
      Props.check("proportions agrees with the reference solution", EXAMPLES, DriftGens.binned(60), s ->
          assertAllClose("proportions, reference vs yours, for " + s, REFERENCE.proportions(s.actual(), s.cuts()),
              KATA.proportions(s.actual(), s.cuts()), FRACTION));
    }

    @Test
    void psi_matches_the_reference_on_random_inputs() {
      Props.check("psi agrees with the reference solution", EXAMPLES, DriftGens.binned(60), s ->
          assertClose("psi, reference vs yours, for " + s, REFERENCE.psi(s.expected(), s.actual(), s.cuts(), EPS),
              KATA.psi(s.expected(), s.actual(), s.cuts(), EPS), PSI));
    }

    @Test
    void kl_divergence_matches_the_reference_on_random_weights() {
      Props.check("klDivergence agrees with the reference solution", EXAMPLES, DriftGens.weights(10), w ->
          assertClose("klDivergence, reference vs yours, for " + w, REFERENCE.klDivergence(w.p(), w.q()),
              KATA.klDivergence(w.p(), w.q()), DIVERGENCE));
    }

    @Test
    void jensen_shannon_distance_matches_the_reference_on_random_weights() {
      Props.check("jensenShannonDistance agrees with the reference solution", EXAMPLES, DriftGens.weights(10), w ->
          assertDistance("jensenShannonDistance, reference vs yours, for " + w,
              REFERENCE.jensenShannonDistance(w.p(), w.q()), KATA.jensenShannonDistance(w.p(), w.q())));
    }

    @Test
    void psi_agrees_with_the_reference_on_the_speed_input() {
      // 10^6 values in 10^5 bins: an off-by-one in the bin search shows on many bins at once here.
      Binned s = DriftGens.largeBinned(1_000_000, 100_000, 20261126L);
      assertNear("psi of the speed input (10^6 values in 10^5 bins, seed 20261126), reference vs yours",
          REFERENCE.psi(s.expected(), s.actual(), s.cuts(), EPS), KATA.psi(s.expected(), s.actual(), s.cuts(), EPS),
          LARGE_PSI);
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void a_million_values_in_100000_bins_take_at_most_20x_the_reference() {
      Binned s = DriftGens.largeBinned(1_000_000, 100_000, 20261126L);
      Efficiency.assertWithinRatio("psi of 10^6 values in 10^5 bins",
          () -> REFERENCE.psi(s.expected(), s.actual(), s.cuts(), EPS),
          () -> KATA.psi(s.expected(), s.actual(), s.cuts(), EPS), 20);
    }
  }

  /**
   * Distances compared through their squares (the divergence) within {@link #DIVERGENCE}: a square
   * root turns a 1e-17 rounding of a zero divergence into 3e-9, so comparing the distances themselves
   * would reject correct answers near zero.
   */
  static void assertDistance(String what, double expected, double actual) {
    assertThat(actual).as("%s: the distance %s, expected %s", what, actual, expected).isNotNaN();
    assertClose(what + ": squared (the divergence), expected distance " + expected + " but got " + actual,
        expected * expected, actual * actual, DIVERGENCE);
    assertThat(actual).as("%s: a distance is >= 0", what).isGreaterThanOrEqualTo(0.0);
  }

  /** The O(n B) definition: a value v is in bin k when c_{k-1} <= v < c_k. */
  static double[] byDefinition(double[] values, double[] cuts) {
    double[] out = new double[cuts.length + 1];
    for (double v : values) {
      for (int k = 0; k <= cuts.length; k++) {
        boolean aboveLower = k == 0 || v >= cuts[k - 1];
        boolean belowUpper = k == cuts.length || v < cuts[k];
        if (aboveLower && belowUpper) {
          out[k] += 1.0 / values.length;
        }
      }
    }
    return out;
  }

  static double[] normalize(double[] w) {
    double sum = Arrays.stream(w).sum();
    return Arrays.stream(w).map(x -> x / sum).toArray();
  }
}

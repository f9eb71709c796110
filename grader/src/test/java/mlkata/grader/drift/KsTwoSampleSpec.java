package mlkata.grader.drift;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.drift.DriftGens.Samples;
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
 * Grades {@code drift/ks-two-sample}.
 *
 * <p>Tolerances: {@link #STATISTIC} for D (a difference of two count ratios, exact up to how the
 * division is written), {@link #P_VALUE} for the Kolmogorov survival function (an alternating series
 * summed to double precision; SciPy's implementation and a plain series agree to about 1e-15). The
 * location is an input value and must match exactly.
 */
@KataSpec
@DisplayName("drift/ks-two-sample: Two-sample Kolmogorov-Smirnov")
final class KsTwoSampleSpec {
  /** D is a count ratio difference: any correct formula is exact to a few ulps. */
  static final double STATISTIC = 1e-12;
  /** The survival series converges to double precision; 1e-12 leaves room for summation order. */
  static final double P_VALUE = 1e-12;
  /** A strictly increasing transform moves the location through float arithmetic: a few ulps of 300. */
  static final double TRANSFORMED_LOCATION = 1e-9;
  private static final int EXAMPLES = 300;

  private static final KsTwoSampleApi KATA = Target.pick(new KsTwoSampleOfExercises(), new KsTwoSampleOfSolutions());
  private static final KsTwoSampleApi REFERENCE = new KsTwoSampleOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Pooled values 1, 2, 3, 4, 5: F_a = 1/4, 3/4, 3/4, 3/4, 1 and F_b = 0, 1/3, 2/3, 1, 1.
      // F_a - F_b = 1/4, 5/12, 1/12, -1/4, 0: D = 5/12 at 2, sign +1. p = Q(sqrt(12/7) * 5/12),
      // 0.9272207817597824 by scipy.stats.kstwobign.sf.
      assertResult("test([1, 2, 2, 5], [2, 3, 4])", KATA.test(new double[] {1, 2, 2, 5}, new double[] {2, 3, 4}),
          5.0 / 12, 2, 1, 0.9272207817597824);
    }

    @Test
    void a_value_in_both_samples_moves_both_step_functions_at_once() {
      // At 0: F_a = 1, F_b = 1/2; at 1: both 1. D = 1/2. Taking a's two zeros before b's zero
      // (one element at a time) would see a gap of 1.
      assertStatistic("test([0, 0], [0, 1])", KATA.test(new double[] {0, 0}, new double[] {0, 1}), 0.5, 0, 1);
      assertStatistic("test([0, 1], [0, 0])", KATA.test(new double[] {0, 1}, new double[] {0, 0}), 0.5, 0, -1);
      // At 1: F_a = 2/3, F_b = 2/4; at 2: 1 vs 3/4; at 3: both 1. D = 1/4 at 2.
      assertStatistic("test([1, 1, 2], [1, 2, 1, 3])",
          KATA.test(new double[] {1, 1, 2}, new double[] {1, 2, 1, 3}), 0.25, 2, 1);
    }

    @Test
    void equal_empirical_distributions_give_zero_and_p_value_one() {
      // Same ECDF ([1, 2] and every value twice): the gap is 0 everywhere; sign +1 at the smallest value.
      assertResult("test([2, 1], [2, 1, 1, 2])", KATA.test(new double[] {2, 1}, new double[] {2, 1, 1, 2}),
          0, 1, 1, 1.0);
      assertResult("test([-0.0], [0.0]) (the same value)", KATA.test(new double[] {-0.0}, new double[] {0.0}),
          0, 0, 1, 1.0);
    }

    @Test
    void minus_zero_and_zero_are_one_pooled_value() {
      // -0.0 == 0.0: at 0 both ECDFs move together (F_a = 1/2, F_b = 1/2), at 1 F_a = 1, at 2 F_b = 1:
      // D = 1/2 at 1. Sorting with Double.compare and stepping at -0.0 alone sees F_a - F_b = 1/2 there,
      // or, with the zeros swapped, -1/2 at -0.0 (sign -1).
      assertStatistic("test([-0.0, 1], [0.0, 2]): -0.0 and 0.0 are one value",
          KATA.test(new double[] {-0.0, 1}, new double[] {0.0, 2}), 0.5, 1, 1);
      assertStatistic("test([0.0, 1], [-0.0, 2]): -0.0 and 0.0 are one value",
          KATA.test(new double[] {0.0, 1}, new double[] {-0.0, 2}), 0.5, 1, 1);
    }

    @Test
    void the_sign_says_which_empirical_cdf_is_higher() {
      // a below b: F_a rises first. At 2: F_a = 1, F_b = 0, the first value with the full gap 1.
      assertStatistic("test([0, 1, 2], [5, 6, 7, 8])",
          KATA.test(new double[] {0, 1, 2}, new double[] {5, 6, 7, 8}), 1, 2, 1);
      // a above b: F_b rises first and reaches 1 at 8 while F_a is still 0.
      assertStatistic("test([5, 6, 7, 8], [0, 1, 2]) with b = [0, 1, 2]",
          KATA.test(new double[] {5, 6, 7, 8}, new double[] {0, 1, 2}), 1, 2, -1);
    }

    @Test
    void a_tie_between_both_directions_has_sign_plus_one() {
      // At 0: 0 - 1/2 = -1/2; at 1: 1 - 1/2 = +1/2; at 2: 0. Both reach 1/2: sign +1, location 1.
      assertStatistic("test([1], [0, 2])", KATA.test(new double[] {1}, new double[] {0, 2}), 0.5, 1, 1);
    }

    @Test
    void an_exact_tie_is_decided_exactly_not_by_rounding() {
      // a = [0], b = [-1, 0 x 13, 1]: gaps -1/15 at -1, 1 - 14/15 = +1/15 at 0, 0 at 1. Both directions
      // reach 1/15 exactly, so sign +1 at 0. As doubles 1 - 14/15 < 1/15, which would give sign -1 at -1.
      double[] b = new double[15];
      b[0] = -1;
      b[14] = 1;
      assertStatistic("test([0], [-1, 0 (13 times), 1])", KATA.test(new double[] {0}, b), 1.0 / 15, 0, 1);
    }

    @Test
    void the_location_is_the_smallest_value_that_reaches_the_gap() {
      // F_a - F_b at 1, 1.5, 2, 10: 0 - 1/2, 1/4 - 1/2, 2/4 - 1, 1 - 1 = -1/2, -1/4, -1/2, 0.
      // D = 1/2 with sign -1, reached at 1 and at 2: the location is 1. (SciPy 1.10 reports 2 here,
      // because 2 also occurs in a; the kata pins the smallest value.)
      assertStatistic("test([1.5, 2, 10, 10], [1, 1, 2, 2])",
          KATA.test(new double[] {1.5, 2, 10, 10}, new double[] {1, 1, 2, 2}), 0.5, 1, -1);
    }

    @Test
    void infinities_are_ordinary_values() {
      // At -inf: 1/2 - 0; at 0: 1 - 1/2; at +inf: 0. D = 1/2, first reached at -inf.
      double inf = Double.POSITIVE_INFINITY;
      assertStatistic("test([-inf, 0], [0, inf])", KATA.test(new double[] {-inf, 0}, new double[] {0, inf}),
          0.5, -inf, 1);
    }

    @Test
    void the_p_value_uses_the_effective_sample_size() {
      // n = 3, m = 4, D = 1: x = sqrt(12 / 7); Q(x) = 2 (e^{-2x^2} - e^{-8x^2} + e^{-18x^2} - ...).
      double x2 = 12.0 / 7;
      double q = 2 * (Math.exp(-2 * x2) - Math.exp(-8 * x2) + Math.exp(-18 * x2) - Math.exp(-32 * x2)
          + Math.exp(-50 * x2) - Math.exp(-72 * x2));
      assertClose("pValue of test([0, 1, 2], [5, 6, 7, 8]) = Q(sqrt(n m / (n + m)) D) = Q(sqrt(12/7)) "
          + "(not Q(D), Q(sqrt(n + m) D) or Q(sqrt(n m) D))", q,
          KATA.test(new double[] {0, 1, 2}, new double[] {5, 6, 7, 8}).pValue(), P_VALUE);
    }

    @Test
    void kolmogorov_survival_at_the_ends_and_in_the_tail() {
      assertClose("kolmogorovSurvival(0)", 1.0, KATA.kolmogorovSurvival(0), P_VALUE);
      assertClose("kolmogorovSurvival(0.1) (1 to double precision)", 1.0, KATA.kolmogorovSurvival(0.1), P_VALUE);
      assertClose("kolmogorovSurvival(+Infinity)", 0.0, KATA.kolmogorovSurvival(Double.POSITIVE_INFINITY), 0);
      // For x = 3 the second term is e^{-72}: Q(3) = 2 e^{-18} to 17 digits.
      assertClose("kolmogorovSurvival(3) = 2 e^-18 - 2 e^-72", 2 * Math.exp(-18) - 2 * Math.exp(-72),
          KATA.kolmogorovSurvival(3), 1e-20);
      // The classic 5% critical value: Q(1.3581) = 0.05 (to 4 digits).
      assertClose("kolmogorovSurvival(1.3581)", 0.05, KATA.kolmogorovSurvival(1.3581), 1e-5);
    }

    @Test
    void kolmogorov_survival_is_exact_at_the_extremes_of_x() {
      // Tiny x: the alternating series barely decays, and a fixed number of terms sums to 0 or 2, not 1.
      assertClose("kolmogorovSurvival(Double.MIN_VALUE) (1 to double precision)", 1.0,
          KATA.kolmogorovSurvival(Double.MIN_VALUE), P_VALUE);
      assertClose("kolmogorovSurvival(1e-300)", 1.0, KATA.kolmogorovSurvival(1e-300), P_VALUE);
      assertClose("kolmogorovSurvival(0.01)", 1.0, KATA.kolmogorovSurvival(0.01), P_VALUE);
      // Huge x: every term underflows to 0; x * x overflows to +Infinity for 1e300.
      assertClose("kolmogorovSurvival(40)", 0.0, KATA.kolmogorovSurvival(40), P_VALUE);
      assertClose("kolmogorovSurvival(1e300)", 0.0, KATA.kolmogorovSurvival(1e300), P_VALUE);
      assertClose("kolmogorovSurvival(Double.MAX_VALUE)", 0.0, KATA.kolmogorovSurvival(Double.MAX_VALUE), P_VALUE);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void empty_samples_are_rejected() {
      assertRejects("test([], [1])", "a", () -> KATA.test(new double[0], new double[] {1}));
      assertRejects("test([1], [])", "b", () -> KATA.test(new double[] {1}, new double[0]));
    }

    @Test
    void nan_is_rejected() {
      assertRejects("test([1, NaN], [1])", "a", () -> KATA.test(new double[] {1, Double.NaN}, new double[] {1}));
      assertRejects("test([1], [NaN, 2])", "b", () -> KATA.test(new double[] {1}, new double[] {Double.NaN, 2}));
    }

    @Test
    void null_samples_are_rejected() {
      assertNullRejected("test(null, [1])", () -> KATA.test(null, new double[] {1}));
      assertNullRejected("test([1], null)", () -> KATA.test(new double[] {1}, null));
    }

    @Test
    void kolmogorov_survival_rejects_nan_and_negative_x() {
      assertRejects("kolmogorovSurvival(NaN)", "x", () -> KATA.kolmogorovSurvival(Double.NaN));
      assertRejects("kolmogorovSurvival(-0.5)", "x", () -> KATA.kolmogorovSurvival(-0.5));
    }

    @Test
    void inputs_are_not_modified() {
      double[] a = {3, 1, 2, 1};
      double[] b = {0.5, 4, -1};
      KATA.test(a, b);
      assertThat(a).as("a after test(a, b)").containsExactly(3, 1, 2, 1);
      assertThat(b).as("b after test(a, b)").containsExactly(0.5, 4, -1);
    }
  }

  @Nested
  @DisplayName("golden cases from SciPy")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("drift/ks-two-sample");
    }

    static List<Goldens.Case> survival() {
      return Goldens.cases("drift/kolmogorov-survival");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_scipy_ks_2samp(Goldens.Case c) {
      double[] a = c.input().doubles("a");
      double[] b = c.input().doubles("b");
      assertResult("golden '" + c.name() + "' (a " + abbreviate(a) + ", b " + abbreviate(b) + ") vs " + c.library(),
          KATA.test(a, b), c.expected().number("statistic"), c.expected().number("location"),
          (int) c.expected().integer("sign"), c.expected().number("p_value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("survival")
    void kolmogorov_survival_matches_scipy_kstwobign(Goldens.Case c) {
      double x = c.input().number("x");
      assertClose("kolmogorovSurvival(" + x + ") vs " + c.library(), c.expected().number("sf"),
          KATA.kolmogorovSurvival(x), P_VALUE);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_statistic_is_the_largest_gap_between_the_empirical_cdfs() {
      Props.check("D, sign and location follow the definition", EXAMPLES, DriftGens.samples(30), s -> {
        KsTwoSampleApi.Result expected = byDefinition(s.a(), s.b());
        assertStatistic("property 'D = max |F_a - F_b| over the pooled values' for " + s, KATA.test(s.a(), s.b()),
            expected.statistic(), expected.location(), expected.sign());
      });
    }

    @Test
    void swapping_the_samples_keeps_d_and_flips_the_sign() {
      Props.check("test(b, a) has the same D and the opposite sign", EXAMPLES, DriftGens.samples(30), s -> {
        KsTwoSampleApi.Result ab = KATA.test(s.a(), s.b());
        KsTwoSampleApi.Result ba = KATA.test(s.b(), s.a());
        String what = "property 'test(b, a) mirrors test(a, b)' for " + s;
        assertThat(ab).as(what).isNotNull();
        assertThat(ba).as(what).isNotNull();
        assertClose(what + ": statistic", ab.statistic(), ba.statistic(), STATISTIC);
        assertClose(what + ": pValue", ab.pValue(), ba.pValue(), P_VALUE);
        if (!bothDirectionsTie(s.a(), s.b())) {
          assertThat(ba.sign()).as(what + ": sign").isEqualTo(-ab.sign());
          assertClose(what + ": location", ab.location(), ba.location(), 0);
        }
      });
    }

    @Test
    void a_strictly_increasing_transform_moves_only_the_location() {
      Props.check("test(3a + 1, 3b + 1) = test(a, b) with the location transformed", EXAMPLES,
          DriftGens.samples(30), s -> {
            KsTwoSampleApi.Result r = KATA.test(s.a(), s.b());
            KsTwoSampleApi.Result t = KATA.test(affine(s.a()), affine(s.b()));
            assertThat(r).as("test(a, b) for %s", s).isNotNull();
            assertStatistic("property 'transform 3x + 1 changes D and the sign not' for " + s, t, r.statistic(),
                3 * r.location() + 1, r.sign(), TRANSFORMED_LOCATION);
          });
    }

    @Test
    void the_order_of_each_sample_does_not_matter() {
      Props.check("reversing a and b changes nothing", EXAMPLES, DriftGens.samples(30), s -> {
        KsTwoSampleApi.Result r = KATA.test(s.a(), s.b());
        assertThat(r).as("test(a, b) for %s", s).isNotNull();
        assertResult("property 'the order of the values does not matter' for " + s,
            KATA.test(reversed(s.a()), reversed(s.b())), r.statistic(), r.location(), r.sign(), r.pValue());
      });
    }

    @Test
    void repeating_a_sample_keeps_its_empirical_cdf() {
      Props.check("test(a ++ a, b) has the statistic of test(a, b)", EXAMPLES, DriftGens.samples(30), s -> {
        double[] twice = new double[2 * s.a().length];
        System.arraycopy(s.a(), 0, twice, 0, s.a().length);
        System.arraycopy(s.a(), 0, twice, s.a().length, s.a().length);
        KsTwoSampleApi.Result r = KATA.test(s.a(), s.b());
        assertThat(r).as("test(a, b) for %s", s).isNotNull();
        assertStatistic("property 'a repeated twice has the same ECDF' for " + s, KATA.test(twice, s.b()),
            r.statistic(), r.location(), r.sign());
      });
    }

    @Test
    void the_p_value_is_the_kolmogorov_survival_at_the_scaled_statistic() {
      Props.check("pValue = Q(sqrt(n m / (n + m)) D)", EXAMPLES, DriftGens.samples(30), s -> {
        KsTwoSampleApi.Result r = KATA.test(s.a(), s.b());
        assertThat(r).as("test(a, b) for %s", s).isNotNull();
        double n = s.a().length;
        double m = s.b().length;
        assertClose("property 'pValue = kolmogorovSurvival(sqrt(n m / (n + m)) D)' for " + s,
            KATA.kolmogorovSurvival(Math.sqrt(n * m / (n + m)) * r.statistic()), r.pValue(), P_VALUE);
      });
    }

    @Test
    void the_kolmogorov_survival_function_decreases_from_one_to_zero() {
      Props.check("Q is in [0, 1] and decreasing", EXAMPLES,
          doubles().between(0, 4).zip(doubles().between(0, 4), (x, y) -> new double[] {Math.min(x, y), Math.max(x, y)}),
          xy -> {
            double lo = KATA.kolmogorovSurvival(xy[0]);
            double hi = KATA.kolmogorovSurvival(xy[1]);
            String what = "property 'Q decreasing and in [0, 1]' at x = " + xy[0] + " and " + xy[1];
            assertThat(lo).as(what + ": Q(smaller x)").isBetween(0.0, 1.0);
            assertThat(hi).as(what + ": Q(larger x)").isBetween(0.0, 1.0);
            assertThat(hi).as(what + ": Q(larger x) <= Q(smaller x) + tolerance").isLessThanOrEqualTo(lo + P_VALUE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void the_result_matches_the_reference_on_random_samples() {
      Props.check("test agrees with the reference solution", EXAMPLES, DriftGens.samples(80), s -> {
        KsTwoSampleApi.Result expected = REFERENCE.test(s.a(), s.b());
        assertResult("test, reference vs yours, for " + s, KATA.test(s.a(), s.b()), expected.statistic(),
            expected.location(), expected.sign(), expected.pValue());
      });
    }

    @Test
    void the_result_agrees_with_the_reference_on_the_speed_input() {
      // n m = 6 * 10^10 here overflows an int (a D of 25, then a negative x for Q): small samples never show it.
      Samples s = DriftGens.largeSamples(300_000, 200_000, 20261125L);
      KsTwoSampleApi.Result expected = REFERENCE.test(s.a(), s.b());
      assertResult("test on the speed input (samples of 300000 and 200000 values, seed 20261125), reference vs yours",
          KATA.test(s.a(), s.b()), expected.statistic(), expected.location(), expected.sign(), expected.pValue());
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void samples_of_300000_and_200000_values_take_at_most_20x_the_reference() {
      Samples s = DriftGens.largeSamples(300_000, 200_000, 20261125L);
      Efficiency.assertWithinRatio("test on samples of 300000 and 200000 values", () -> REFERENCE.test(s.a(), s.b()),
          () -> KATA.test(s.a(), s.b()), 20);
    }
  }

  static void assertResult(String what, KsTwoSampleApi.Result actual, double statistic, double location, int sign,
      double pValue) {
    assertStatistic(what, actual, statistic, location, sign);
    assertClose(what + ": pValue", pValue, actual.pValue(), P_VALUE);
  }

  static void assertStatistic(String what, KsTwoSampleApi.Result actual, double statistic, double location,
      int sign) {
    assertStatistic(what, actual, statistic, location, sign, 0);
  }

  static void assertStatistic(String what, KsTwoSampleApi.Result actual, double statistic, double location,
      int sign, double locationTolerance) {
    assertThat(actual).as(what).isNotNull();
    assertClose(what + ": statistic", statistic, actual.statistic(), STATISTIC);
    assertThat(actual.sign()).as("%s: sign", what).isEqualTo(sign);
    assertClose(what + ": location", location, actual.location(), locationTolerance);
  }

  /** The O(n m) definition with exact integer gaps: count each sample's values <= v for every pooled v. */
  static KsTwoSampleApi.Result byDefinition(double[] a, double[] b) {
    long n = a.length;
    long m = b.length;
    double[] pooled = new double[a.length + b.length];
    System.arraycopy(a, 0, pooled, 0, a.length);
    System.arraycopy(b, 0, pooled, a.length, b.length);
    Arrays.sort(pooled);
    long best = -1;
    double at = Double.NaN;
    int sign = 0;
    for (int direction : new int[] {1, -1}) {
      for (double v : pooled) {
        long gap = direction * (countAtMost(a, v) * m - countAtMost(b, v) * n);
        if (gap > best) {
          best = gap;
          at = v;
          sign = direction;
        }
      }
    }
    return new KsTwoSampleApi.Result(best / ((double) n * m), at, sign, Double.NaN);
  }

  /** Whether max(F_a - F_b) equals max(F_b - F_a): then both orders report sign +1. */
  static boolean bothDirectionsTie(double[] a, double[] b) {
    long up = 0;
    long down = 0;
    for (double v : a) {
      long gap = countAtMost(a, v) * b.length - countAtMost(b, v) * a.length;
      up = Math.max(up, gap);
      down = Math.max(down, -gap);
    }
    for (double v : b) {
      long gap = countAtMost(a, v) * b.length - countAtMost(b, v) * a.length;
      up = Math.max(up, gap);
      down = Math.max(down, -gap);
    }
    return up == down;
  }

  private static long countAtMost(double[] sample, double v) {
    return Arrays.stream(sample).filter(x -> x <= v).count();
  }

  private static double[] affine(double[] values) {
    return Arrays.stream(values).map(x -> 3 * x + 1).toArray();
  }

  private static double[] reversed(double[] values) {
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[values.length - 1 - k];
    }
    return out;
  }
}

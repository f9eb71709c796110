package mlkata.grader.losses;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.deepCopy;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.losses.DistillationGens.Batch;
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
 * Grades {@code losses/distillation}.
 *
 * <p>Logits reach a few thousand (a confident teacher), where only a log-sum-exp computation stays
 * finite; a correct one keeps about 1e-13 relative accuracy on each log-probability. The checks that
 * tell the usual mistakes apart: the hand-worked and golden values (missing {@code T^2}, KL reversed,
 * {@code 'mean'} instead of {@code 'batchmean'}, soft cross-entropy instead of KL), the temperature
 * identity (temperature applied to one side only) and the impossible-class property ({@code 'mean'}).
 * Efficiency is not graded: any O(N*C) answer is fast.
 */
@KataSpec
@DisplayName("losses/distillation: Knowledge distillation loss")
final class DistillationSpec {
  /**
   * Tolerance on a loss, relative to its magnitude with a floor of 1: log-softmax of logits up to a
   * few thousand carries about 1e-13 relative rounding; every semantic mistake changes the loss by a
   * large fraction.
   */
  static final double LOSS = 1e-9;

  /**
   * Tolerance on a gradient entry, relative to the largest entry with a floor of 1: entries are
   * differences of probabilities times {@code T/N}, accurate to about 1e-13 of that scale.
   */
  static final double GRADIENT = 1e-9;

  /**
   * Mixed tolerance of the finite-difference checks: with moderate logits the loss is smooth, so
   * central differences with step {@link #STEP} have truncation error near 1e-9 and rounding near 1e-10.
   */
  static final double FINITE_DIFFERENCE = 1e-6;

  /** Step of the central differences. */
  static final double STEP = 1e-5;

  private static final int EXAMPLES = 200;

  private static final DistillationApi KATA = Target.pick(new DistillationOfExercises(), new DistillationOfSolutions());
  private static final DistillationApi REFERENCE = new DistillationOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    private final double[][] student = {{0, 2}, {1, 1}};
    private final double[][] teacher = {{2, 0}, {0, 4}};

    @Test
    void the_problem_statement_example() {
      // T = 2. Row 0: p = softmax([1, 0]) = [a, 1 - a] with a = sigmoid(1); q = [1 - a, a]; KL = (2a - 1) * 1.
      // Row 1: p = softmax([0, 2]) = [b, 1 - b] with b = sigmoid(-2); q = [0.5, 0.5];
      // KL = b log(2b) + (1 - b) log(2(1 - b)). soft = 4 * (KL0 + KL1) / 2; gradient = T/N (q - p) = q - p.
      double a = sigmoid(1);
      double b = sigmoid(-2);
      double kl0 = 2 * a - 1;
      double kl1 = b * Math.log(2 * b) + (1 - b) * Math.log(2 * (1 - b));
      double soft = 2 * (kl0 + kl1);
      double[][] softGradient = {{1 - 2 * a, 2 * a - 1}, {0.5 - b, b - 0.5}};
      assertResult("soft([[0, 2], [1, 1]], [[2, 0], [0, 4]], 2)", soft, softGradient, KATA.soft(student, teacher, 2));
      // Hard term with labels [0, 1]: row 0 -log softmax([0, 2])[0] = log(1 + e^2), row 1 log 2.
      // Its gradient: (softmax(s) - onehot)/N = [[r - 1, 1 - r], [0.5, -0.5]]/2 with r = sigmoid(-2).
      double hard = (Math.log(1 + Math.exp(2)) + Math.log(2)) / 2;
      double r = sigmoid(-2);
      double[][] hardGradient = {{(r - 1) / 2, (1 - r) / 2}, {0.25, -0.25}};
      assertResult("combined(..., labels [0, 1], T 2, alpha 0.5)", 0.5 * soft + 0.5 * hard,
          mix(0.5, softGradient, hardGradient), KATA.combined(student, teacher, new int[] {0, 1}, 2, 0.5));
    }

    @Test
    void the_soft_term_carries_the_factor_t_squared() {
      // T = 2, student [[0, 0]] (p = [1/2, 1/2]), teacher [[2 ln 3, 0]] (q = softmax([ln 3, 0]) = [3/4, 1/4]):
      // KL(q || p) = 3/4 ln(3/2) + 1/4 ln(1/2) = 0.1308, and the loss is T^2 * KL = 0.5232. The gradient
      // T^2 * (p - q) / T / N = 2 * [-1/4, 1/4] = [-0.5, 0.5]. Without T^2: 0.1308 and [-0.125, 0.125].
      double kl = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
      assertResult("soft([[0, 0]], [[2 ln 3, 0]], T 2): T^2 * KL = 4 * 0.1308 = 0.5232 (without the factor T^2 the"
          + " loss is 0.1308 and the gradient [-0.125, 0.125])", 4 * kl, new double[][] {{-0.5, 0.5}},
          KATA.soft(new double[][] {{0, 0}}, new double[][] {{2 * Math.log(3), 0}}, 2));
    }

    @Test
    void a_student_equal_to_its_teacher_has_zero_soft_loss_and_gradient() {
      double[][] logits = {{1, -2, 0.5}, {3, 3, 0}};
      assertResult("soft(x, x, 2.5)", 0, new double[2][3], KATA.soft(logits, deepCopy(logits), 2.5));
    }

    @Test
    void one_class_gives_zero_loss_and_gradient() {
      double[][] s = {{3}, {-1}};
      double[][] t = {{0}, {7}};
      assertResult("soft with C = 1", 0, new double[2][1], KATA.soft(s, t, 2));
      assertResult("combined with C = 1", 0, new double[2][1], KATA.combined(s, t, new int[] {0, 0}, 2, 0.5));
    }

    @Test
    void large_logits_stay_finite() {
      // T = 1: p = [1, e^-1000] (0 in float64), log q = [-1000, 0] up to e^-1000: KL = 1000; gradient q - p = [-1, 1].
      assertResult("soft([[0, 1000]], [[1000, 0]], 1)", 1000, new double[][] {{-1, 1}},
          KATA.soft(new double[][] {{0, 1000}}, new double[][] {{1000, 0}}, 1));
      // T = 4 on logits 4000 apart is the same problem.
      assertResult("soft([[0, 4000]], [[4000, 0]], 4)", 16 * 1000, new double[][] {{-4, 4}},
          KATA.soft(new double[][] {{0, 4000}}, new double[][] {{4000, 0}}, 4));
      // Hard term: -log softmax([-800, 800])[0] = 1600; gradient [-1, 1].
      assertResult("combined([[-800, 800]], [[0, 0]], [0], 1, 0)", 1600, new double[][] {{-1, 1}},
          KATA.combined(new double[][] {{-800, 800}}, new double[][] {{0, 0}}, new int[] {0}, 1, 0));
    }

    @Test
    void alpha_zero_is_plain_cross_entropy_whatever_the_teacher_and_temperature() {
      // softmax([0, log 2]) = [1/3, 2/3]; label 1: -log(2/3) = log 1.5; gradient [1/3, 2/3 - 1].
      assertResult("combined([[0, log 2]], [[5, -5]], [1], 7, 0)", Math.log(1.5), new double[][] {{1.0 / 3, -1.0 / 3}},
          KATA.combined(new double[][] {{0, Math.log(2)}}, new double[][] {{5, -5}}, new int[] {1}, 7, 0));
    }

    @Test
    void alpha_one_is_the_soft_term() {
      DistillationApi.LossAndGradient s = KATA.soft(student, teacher, 3);
      assertThat(s).as("soft of the statement logits with T 3").isNotNull();
      assertResult("combined(..., alpha 1) vs soft(...)", s.loss(), s.gradient(),
          KATA.combined(student, teacher, new int[] {1, 0}, 3, 1));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] s = deepCopy(student);
      double[][] t = deepCopy(teacher);
      int[] y = {0, 1};
      KATA.soft(s, t, 2);
      KATA.combined(s, t, y, 2, 0.5);
      assertThat(s).as("student after soft and combined").isDeepEqualTo(student);
      assertThat(t).as("teacher after soft and combined").isDeepEqualTo(teacher);
      assertThat(y).as("labels after combined").containsExactly(0, 1);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] s = {{1, 2, 3}, {0, 0, 1}};
    private final double[][] t = {{0, 1, 0}, {2, 0, 0}};
    private final int[] y = {2, 0};

    @Test
    void the_student_logits_need_at_least_one_row_and_class_and_finite_values() {
      assertRejects("soft with no rows", "student", () -> KATA.soft(new double[0][], new double[0][], 1));
      assertRejects("soft with rows of no classes", "student", () -> KATA.soft(new double[][] {{}}, new double[][] {{}}, 1));
      assertRejects("soft with rows of different lengths", "student",
          () -> KATA.soft(new double[][] {{1, 2, 3}, {1, 2}}, t, 1));
      assertRejects("soft with a NaN student logit", "student",
          () -> KATA.soft(new double[][] {{1, 2, 3}, {0, Double.NaN, 1}}, t, 1));
      assertRejects("combined with an infinite student logit", "student",
          () -> KATA.combined(new double[][] {{Double.POSITIVE_INFINITY, 2, 3}, {0, 0, 1}}, t, y, 1, 0.5));
    }

    @Test
    void the_teacher_logits_need_the_students_shape_and_finite_values() {
      assertRejects("soft with 1 teacher row for 2 student rows", "teacher", () -> KATA.soft(s, new double[][] {{0, 1, 0}}, 1));
      assertRejects("soft with teacher rows of 2 classes", "teacher", () -> KATA.soft(s, new double[][] {{0, 1}, {2, 0}}, 1));
      assertRejects("soft with a NaN teacher logit", "teacher",
          () -> KATA.soft(s, new double[][] {{0, 1, 0}, {2, Double.NaN, 0}}, 1));
      assertRejects("combined with an infinite teacher logit", "teacher",
          () -> KATA.combined(s, new double[][] {{0, 1, Double.NEGATIVE_INFINITY}, {2, 0, 0}}, y, 1, 0.5));
    }

    @Test
    void the_temperature_must_be_finite_and_positive() {
      for (double temp : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("soft with temperature " + temp, "temperature", () -> KATA.soft(s, t, temp));
        assertRejects("combined with temperature " + temp, "temperature", () -> KATA.combined(s, t, y, temp, 0.5));
      }
    }

    @Test
    void labels_must_be_one_class_index_per_row() {
      assertRejects("combined with 1 label for 2 rows", "labels", () -> KATA.combined(s, t, new int[] {0}, 1, 0.5));
      assertRejects("combined with a label of -1", "labels", () -> KATA.combined(s, t, new int[] {0, -1}, 1, 0.5));
      assertRejects("combined with a label equal to C", "labels", () -> KATA.combined(s, t, new int[] {3, 0}, 1, 0.5));
    }

    @Test
    void alpha_must_be_in_zero_one() {
      for (double alpha : new double[] {-0.1, 1.5, Double.NaN}) {
        assertRejects("combined with alpha " + alpha, "alpha", () -> KATA.combined(s, t, y, 1, alpha));
      }
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("soft with student null", () -> KATA.soft(null, t, 1));
      assertNullRejected("soft with teacher null", () -> KATA.soft(s, null, 1));
      assertNullRejected("soft with a null student row", () -> KATA.soft(new double[][] {{1, 2, 3}, null}, t, 1));
      assertNullRejected("soft with a null teacher row", () -> KATA.soft(s, new double[][] {null, {2, 0, 0}}, 1));
      assertNullRejected("combined with labels null", () -> KATA.combined(s, t, null, 1, 0.5));
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("losses/distillation");
    }

    /** The cases with alpha 1, where the combined loss is the soft term alone. */
    static List<Goldens.Case> softCases() {
      return cases().stream().filter(c -> c.input().number("alpha") == 1).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void combined_matches_pytorch(Goldens.Case c) {
      assertResult("combined of " + input(c), c.expected().number("loss"), c.expected().matrix("gradient"),
          KATA.combined(c.input().matrix("student"), c.input().matrix("teacher"), c.input().ints("labels"),
              c.input().number("temperature"), c.input().number("alpha")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softCases")
    void soft_matches_pytorch(Goldens.Case c) {
      assertResult("soft of " + input(c), c.expected().number("loss"), c.expected().matrix("gradient"),
          KATA.soft(c.input().matrix("student"), c.input().matrix("teacher"), c.input().number("temperature")));
    }

    private String input(Goldens.Case c) {
      double[][] s = c.input().matrix("student");
      return "golden '" + c.name() + "' (" + s.length + " x " + s[0].length + ", T " + c.input().number("temperature")
          + ", alpha " + c.input().number("alpha") + ") vs " + c.library();
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_soft_loss_is_not_negative_and_its_gradient_rows_sum_to_zero() {
      Props.check("soft >= 0 and every row of its gradient sums to 0", EXAMPLES, DistillationGens.batches(6, 8, false), b -> {
        DistillationApi.LossAndGradient r = result("soft of " + b.shape(), b, KATA.soft(b.student(), b.teacher(), b.temperature()));
        assertThat(r.loss()).as("property 'soft >= 0' for %s", b.shape()).isGreaterThanOrEqualTo(-LOSS * Math.max(1, Math.abs(r.loss())));
        for (int i = 0; i < b.rows(); i++) {
          assertClose("property 'row " + i + " of the gradient sums to 0' for " + b.shape(), 0,
              Arrays.stream(r.gradient()[i]).sum(), GRADIENT * b.classes() * scale(r.gradient()));
        }
      });
    }

    @Test
    void adding_a_constant_to_a_row_of_logits_changes_nothing() {
      Props.check("soft(s + a_i, t + b_i) = soft(s, t) for constants per row", EXAMPLES, DistillationGens.batches(6, 8, false), b -> {
        double[][] s = deepCopy(b.student());
        double[][] t = deepCopy(b.teacher());
        for (int i = 0; i < b.rows(); i++) {
          for (int j = 0; j < b.classes(); j++) {
            s[i][j] += 7.5 * (i + 1);
            t[i][j] -= 3.25 * (i + 2);
          }
        }
        DistillationApi.LossAndGradient base = result("combined of " + b.shape(), b,
            KATA.combined(b.student(), b.teacher(), b.labels(), b.temperature(), b.alpha()));
        assertResult("property 'shifting rows of logits leaves the loss alone' for " + b.shape(), base.loss(), base.gradient(),
            KATA.combined(s, t, b.labels(), b.temperature(), b.alpha()));
      });
    }

    @Test
    void the_temperature_divides_both_logits_and_the_loss_carries_t_squared() {
      Props.check("soft(s, t, T) = T^2 soft(s/T, t/T, 1), gradient(s, t, T) = T gradient(s/T, t/T, 1)", EXAMPLES,
          DistillationGens.batches(6, 8, false), b -> {
            double temp = b.temperature();
            DistillationApi.LossAndGradient unit = result("soft at T = 1 of the logits / T of " + b.shape(), b,
                KATA.soft(scaled(b.student(), 1 / temp), scaled(b.teacher(), 1 / temp), 1));
            assertResult("property 'soft at T = " + temp + " is T^2 times soft at T = 1 of the logits / T' for " + b.shape(),
                temp * temp * unit.loss(), scaled(unit.gradient(), temp), KATA.soft(b.student(), b.teacher(), temp));
          });
    }

    @Test
    void a_class_neither_model_thinks_possible_changes_nothing() {
      // The loss averages over rows, not over rows times classes: an extra class whose logits are far
      // below every other (probability 0 for both) leaves the loss and the other gradients unchanged.
      Props.check("appending an impossible class leaves soft unchanged", EXAMPLES, DistillationGens.batches(6, 8, false), b -> {
        double low = -1e4 * b.temperature();
        double[][] s = new double[b.rows()][];
        double[][] t = new double[b.rows()][];
        for (int i = 0; i < b.rows(); i++) {
          s[i] = Arrays.copyOf(b.student()[i], b.classes() + 1);
          t[i] = Arrays.copyOf(b.teacher()[i], b.classes() + 1);
          s[i][b.classes()] = low;
          t[i][b.classes()] = low;
        }
        DistillationApi.LossAndGradient base = result("soft of " + b.shape(), b, KATA.soft(b.student(), b.teacher(), b.temperature()));
        double[][] expected = new double[b.rows()][];
        for (int i = 0; i < b.rows(); i++) {
          expected[i] = Arrays.copyOf(base.gradient()[i], b.classes() + 1);
        }
        assertResult("property 'an extra class with logit " + low + " changes nothing' for " + b.shape(), base.loss(), expected,
            KATA.soft(s, t, b.temperature()));
      });
    }

    @Test
    void combined_is_linear_in_alpha_and_alpha_zero_is_cross_entropy() {
      Props.check("combined(alpha) = alpha soft + (1 - alpha) cross-entropy, loss and gradient", EXAMPLES,
          DistillationGens.batches(6, 8, false), b -> {
            DistillationApi.LossAndGradient soft = result("soft of " + b.shape(), b, KATA.soft(b.student(), b.teacher(), b.temperature()));
            double[][] ceGradient = new double[b.rows()][b.classes()];
            double ce = 0;
            for (int i = 0; i < b.rows(); i++) {
              double max = Arrays.stream(b.student()[i]).max().getAsDouble();
              double sum = 0;
              for (double v : b.student()[i]) {
                sum += Math.exp(v - max);
              }
              double logSum = max + Math.log(sum);
              ce += logSum - b.student()[i][b.labels()[i]];
              for (int j = 0; j < b.classes(); j++) {
                ceGradient[i][j] = (Math.exp(b.student()[i][j] - logSum) - (j == b.labels()[i] ? 1 : 0)) / b.rows();
              }
            }
            ce /= b.rows();
            assertResult("property 'alpha 0 is the mean cross-entropy' for " + b.shape(), ce, ceGradient,
                KATA.combined(b.student(), b.teacher(), b.labels(), b.temperature(), 0));
            double a = b.alpha();
            assertResult("property 'combined is alpha soft + (1 - alpha) cross-entropy' for " + b.shape(),
                a * soft.loss() + (1 - a) * ce, mix(a, soft.gradient(), ceGradient),
                KATA.combined(b.student(), b.teacher(), b.labels(), b.temperature(), a));
          });
    }
  }

  @Nested
  @DisplayName("gradients against finite differences")
  final class FiniteDifferences {
    @Test
    void the_gradient_matches_central_differences() {
      Props.check("gradient = d/dstudent combined by central differences", 100, DistillationGens.batches(4, 6, true), b -> {
        DistillationApi.LossAndGradient r = result("combined of " + b.shape(), b,
            KATA.combined(b.student(), b.teacher(), b.labels(), b.temperature(), b.alpha()));
        int c = b.classes();
        assertGradientMatches("gradient of " + b.shape(),
            flat -> KATA.combined(unflatten(flat, b.rows(), c), b.teacher(), b.labels(), b.temperature(), b.alpha()).loss(),
            flatten(b.student()), flatten(r.gradient()), STEP, FINITE_DIFFERENCE);
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void soft_and_combined_match_the_reference_on_random_batches() {
      Props.check("soft and combined agree with the reference solution", EXAMPLES, DistillationGens.batches(8, 12, false), b -> {
        DistillationApi.LossAndGradient s = REFERENCE.soft(b.student(), b.teacher(), b.temperature());
        assertResult("soft, reference vs yours, for " + b.shape(), s.loss(), s.gradient(),
            KATA.soft(b.student(), b.teacher(), b.temperature()));
        DistillationApi.LossAndGradient c = REFERENCE.combined(b.student(), b.teacher(), b.labels(), b.temperature(), b.alpha());
        assertResult("combined, reference vs yours, for " + b.shape(), c.loss(), c.gradient(),
            KATA.combined(b.student(), b.teacher(), b.labels(), b.temperature(), b.alpha()));
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  /** The loss within {@link #LOSS} and the gradient within {@link #GRADIENT}, each relative to its scale. */
  static void assertResult(String what, double loss, double[][] gradient, DistillationApi.LossAndGradient actual) {
    assertThat(actual).as(what).isNotNull();
    assertClose(what + ": loss", loss, actual.loss(), LOSS * Math.max(1, Math.abs(loss)));
    assertThat(actual.gradient()).as("%s: gradient", what).isNotNull();
    assertThat(actual.gradient().length).as("%s: rows of the gradient", what).isEqualTo(gradient.length);
    double tol = GRADIENT * scale(gradient);
    for (int i = 0; i < gradient.length; i++) {
      assertAllClose(what + ": gradient row " + i, gradient[i], actual.gradient()[i], tol);
    }
  }

  /** Checks that a result is there and its gradient has the shape of the student logits. */
  static DistillationApi.LossAndGradient result(String what, Batch b, DistillationApi.LossAndGradient r) {
    assertThat(r).as(what).isNotNull();
    assertThat(r.gradient()).as("%s: gradient", what).isNotNull().hasNumberOfRows(b.rows());
    for (double[] row : r.gradient()) {
      assertThat(row).as("%s: gradient row", what).isNotNull().hasSize(b.classes());
    }
    return r;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** {@code alpha * a + (1 - alpha) * b}, entry by entry. */
  static double[][] mix(double alpha, double[][] a, double[][] b) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = alpha * a[i][j] + (1 - alpha) * b[i][j];
      }
    }
    return out;
  }

  static double[][] scaled(double[][] m, double factor) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = m[i][j] * factor;
      }
    }
    return out;
  }

  /** The largest magnitude in {@code m}, at least 1: the scale a relative tolerance applies to. */
  static double scale(double[][] m) {
    double s = 1;
    for (double[] row : m) {
      for (double e : row) {
        s = Math.max(s, Math.abs(e));
      }
    }
    return s;
  }
}

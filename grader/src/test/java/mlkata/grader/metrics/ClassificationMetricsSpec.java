package mlkata.grader.metrics;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.KataAssertions.assertRejectsNamingAnyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.metrics.ClassificationMetricsApi.Average;
import mlkata.grader.metrics.ClassificationMetricsApi.Averaged;
import mlkata.grader.metrics.ClassificationMetricsApi.PerClass;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code metrics/classification-metrics}.
 *
 * <p>Tolerance: {@link #SCORE} for every precision, recall and F-score. Each is a ratio of small counts,
 * an F-score of two such ratios, or a mean of at most a dozen of them: a correct answer differs from
 * scikit-learn's only by the rounding of a few operations (about 1e-16 each). Counts (confusion matrix,
 * support) must match exactly.
 */
@KataSpec
@DisplayName("metrics/classification-metrics: Confusion matrix, precision, recall, F1")
final class ClassificationMetricsSpec {
  static final double SCORE = 1e-12;
  private static final int EXAMPLES = 300;

  private static final ClassificationMetricsApi KATA =
      Target.pick(new ClassificationMetricsOfExercises(), new ClassificationMetricsOfSolutions());
  private static final ClassificationMetricsApi REFERENCE = new ClassificationMetricsOfSolutions();

  /** The problem statement's example: 3 classes, 5 examples. */
  private static final int[] STATEMENT_TRUE = {0, 1, 2, 2, 1};
  private static final int[] STATEMENT_PRED = {0, 2, 2, 2, 1};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_confusion_matrix() {
      // (0,0) once; true 1 predicted 2 once and predicted 1 once; true 2 predicted 2 twice.
      assertMatrix("confusionMatrix([0, 1, 2, 2, 1], [0, 2, 2, 2, 1], 3)", new int[][] {{1, 0, 0}, {0, 1, 1}, {0, 0, 2}},
          KATA.confusionMatrix(STATEMENT_TRUE, STATEMENT_PRED, 3));
    }

    @Test
    void confusion_matrix_rows_are_true_classes_and_columns_predicted() {
      // Two examples of class 0 predicted 1: matrix[true 0][predicted 1] = 2. The transpose puts them at [1][0].
      assertMatrix("confusionMatrix(yTrue=[0, 0, 1], yPred=[1, 1, 1], 2): row = true class, column = predicted "
              + "(the transpose is wrong)", new int[][] {{0, 2}, {0, 1}},
          KATA.confusionMatrix(new int[] {0, 0, 1}, new int[] {1, 1, 1}, 2));
    }

    @Test
    void the_problem_statement_per_class_scores() {
      // Class 0: TP 1, predicted 1, support 1. Class 1: TP 1, predicted 1, support 2.
      // Class 2: TP 2, predicted 3, support 2. F1 = 2PR/(P+R): 1, 2*(1/2)/(3/2) = 2/3, 2*(2/3)/(5/3) = 4/5.
      assertPerClass("perClass([0, 1, 2, 2, 1], [0, 2, 2, 2, 1], 3, beta=1, zeroDivision=0)",
          new double[] {1, 1, 2.0 / 3}, new double[] {1, 0.5, 1}, new double[] {1, 2.0 / 3, 0.8}, new int[] {1, 2, 2},
          KATA.perClass(STATEMENT_TRUE, STATEMENT_PRED, 3, 1, 0));
    }

    @Test
    void precision_divides_by_the_predicted_count_and_recall_by_the_support() {
      // Class 2 is predicted 3 times, right twice, and truly occurs twice: P = 2/3, R = 2/2.
      PerClass p = KATA.perClass(STATEMENT_TRUE, STATEMENT_PRED, 3, 1, 0);
      assertThat(p).as("perClass of the statement example").isNotNull();
      assertClose("precision of class 2 = TP/predicted = 2/3 (2/2 means precision and recall are swapped)",
          2.0 / 3, p.precision()[2], SCORE);
      assertClose("recall of class 2 = TP/support = 2/2 (2/3 means precision and recall are swapped)",
          1, p.recall()[2], SCORE);
    }

    @Test
    void macro_f1_is_the_mean_of_the_per_class_f1_not_the_f1_of_macro_precision_and_recall() {
      // Mean of [1, 2/3, 4/5] = 37/45 = 0.8222; the F1 of macro P = 8/9 and macro R = 5/6 would be 0.8602.
      Averaged a = KATA.averaged(STATEMENT_TRUE, STATEMENT_PRED, 3, 1, Average.MACRO, 0);
      assertAveraged("averaged(statement example, MACRO): P = mean(1, 1, 2/3), R = mean(1, 1/2, 1), F = mean(1, 2/3, 4/5) "
              + "(0.8602 is the F1 of macro P and macro R: wrong)", 8.0 / 9, 5.0 / 6, 37.0 / 45, a);
    }

    @Test
    void micro_average_sums_the_counts_so_it_equals_accuracy() {
      // 4 of 5 right: summed TP 4, summed predicted 5, summed support 5.
      assertAveraged("averaged(statement example, MICRO) = accuracy 4/5", 0.8, 0.8, 0.8,
          KATA.averaged(STATEMENT_TRUE, STATEMENT_PRED, 3, 1, Average.MICRO, 0));
    }

    @Test
    void weighted_average_weighs_each_class_by_its_support() {
      // Supports [1, 2, 2]: P = (1 + 2 + 2*2/3)/5 = 13/15, R = (1 + 1 + 2)/5 = 4/5, F = (1 + 4/3 + 8/5)/5 = 59/75.
      assertAveraged("averaged(statement example, WEIGHTED), weights = supports [1, 2, 2]", 13.0 / 15, 0.8,
          59.0 / 75, KATA.averaged(STATEMENT_TRUE, STATEMENT_PRED, 3, 1, Average.WEIGHTED, 0));
    }

    @Test
    void binary_average_reports_class_1() {
      // Class 1: TP 1, predicted 2, support 3: P = 1/2, R = 1/3, F1 = 2*(1/6)/(5/6) = 2/5.
      // (Class 0 has P = 1/3, R = 1/2: reporting it is wrong.)
      assertAveraged("averaged(yTrue=[1, 1, 1, 0, 0], yPred=[1, 0, 0, 1, 0], 2, BINARY): the scores of class 1",
          0.5, 1.0 / 3, 0.4, KATA.averaged(new int[] {1, 1, 1, 0, 0}, new int[] {1, 0, 0, 1, 0}, 2, 1, Average.BINARY, 0));
    }

    @Test
    void f_beta_squares_beta() {
      // Class 1 as above, beta 2: (1 + 4) * (1/6) / (4 * 1/2 + 1/3) = 5/14. Using beta unsquared gives 3/8.
      assertAveraged("averaged(yTrue=[1, 1, 1, 0, 0], yPred=[1, 0, 0, 1, 0], 2, beta=2, BINARY): "
              + "F2 = (1 + beta^2) P R / (beta^2 P + R) = 5/14", 0.5, 1.0 / 3, 5.0 / 14,
          KATA.averaged(new int[] {1, 1, 1, 0, 0}, new int[] {1, 0, 0, 1, 0}, 2, 2, Average.BINARY, 0));
    }

    @Test
    void beta_zero_gives_the_precision() {
      PerClass p = KATA.perClass(STATEMENT_TRUE, STATEMENT_PRED, 3, 0, 0);
      assertThat(p).as("perClass of the statement example, beta 0").isNotNull();
      assertAllClose("fScore with beta 0 = precision [1, 1, 2/3]", new double[] {1, 1, 2.0 / 3}, p.fScore(), SCORE);
    }

    @Test
    void a_class_never_predicted_gets_zero_division_precision_and_f_score_zero() {
      // Class 1: TP 0, predicted 0 (0/0: zeroDivision), support 2 (R = 0). F from P and R: 0 either way.
      // Class 0: TP 1, predicted 3, support 1: P = 1/3, R = 1, F = 2*(1/3)/(4/3) = 1/2.
      int[] yTrue = {0, 1, 1};
      int[] yPred = {0, 0, 0};
      assertPerClass("perClass([0, 1, 1], [0, 0, 0], 2, beta=1, zeroDivision=0)", new double[] {1.0 / 3, 0},
          new double[] {1, 0}, new double[] {0.5, 0}, new int[] {1, 2}, KATA.perClass(yTrue, yPred, 2, 1, 0));
      assertPerClass("perClass([0, 1, 1], [0, 0, 0], 2, beta=1, zeroDivision=1): class 1's precision is 0/0 -> 1, "
              + "its recall 0/2 = 0, so its F is 0, not the zeroDivision value",
          new double[] {1.0 / 3, 1}, new double[] {1, 0}, new double[] {0.5, 0}, new int[] {1, 2},
          KATA.perClass(yTrue, yPred, 2, 1, 1));
    }

    @Test
    void a_class_absent_from_both_arrays_still_counts_in_the_macro_average() {
      // 3 classes, class 2 nowhere. Class 0: P 1, R 1/2, F 2/3. Class 1: P 2/3, R 1, F 4/5.
      // Class 2: P = R = zeroDivision, F = zeroDivision (both 0 -> 0; both 1 -> 1).
      int[] yTrue = {0, 1, 0, 1};
      int[] yPred = {0, 1, 1, 1};
      assertAveraged("averaged([0, 1, 0, 1], [0, 1, 1, 1], numClasses=3, MACRO, zeroDivision=0): the absent class 2 "
              + "adds zeros and the mean divides by 3, not 2", (1 + 2.0 / 3) / 3, 0.5, (2.0 / 3 + 0.8) / 3,
          KATA.averaged(yTrue, yPred, 3, 1, Average.MACRO, 0));
      assertAveraged("averaged([0, 1, 0, 1], [0, 1, 1, 1], numClasses=3, MACRO, zeroDivision=1): the absent class 2 "
              + "has P = R = F = 1", (1 + 2.0 / 3 + 1) / 3, (0.5 + 1 + 1) / 3, (2.0 / 3 + 0.8 + 1) / 3,
          KATA.averaged(yTrue, yPred, 3, 1, Average.MACRO, 1));
    }

    @Test
    void a_class_with_support_zero_weighs_nothing_in_the_weighted_average() {
      // Class 1 is predicted once and never true: P 0, R = zeroDivision, support 0. Class 0: P 2/2, R 2/3.
      int[] yTrue = {0, 0, 0};
      int[] yPred = {0, 1, 0};
      assertAveraged("averaged([0, 0, 0], [0, 1, 0], 2, WEIGHTED, zeroDivision=1): only class 0 has support",
          1, 2.0 / 3, 0.8, KATA.averaged(yTrue, yPred, 2, 1, Average.WEIGHTED, 1));
    }

    @Test
    void binary_with_no_positive_anywhere_is_all_zero_division() {
      // Class 1: TP 0, predicted 0, support 0: P = R = zeroDivision; F = 0 for 0, and 2*1*1/2 = 1 for 1.
      int[] zeros = {0, 0, 0};
      assertAveraged("averaged([0, 0, 0], [0, 0, 0], 2, BINARY, zeroDivision=0)", 0, 0, 0,
          KATA.averaged(zeros, zeros, 2, 1, Average.BINARY, 0));
      assertAveraged("averaged([0, 0, 0], [0, 0, 0], 2, BINARY, zeroDivision=1)", 1, 1, 1,
          KATA.averaged(zeros, zeros, 2, 1, Average.BINARY, 1));
    }

    @Test
    void every_prediction_wrong_gives_zero_everywhere() {
      int[] yTrue = {0, 1, 2};
      int[] yPred = {1, 2, 0};
      for (Average average : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
        assertAveraged("averaged([0, 1, 2], [1, 2, 0], 3, " + average + "): no TP at all (F is 0, not 0/0)", 0, 0, 0,
            KATA.averaged(yTrue, yPred, 3, 1, average, 1));
      }
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void num_classes_must_be_at_least_one() {
      assertRejects("confusionMatrix with numClasses 0", "numClasses",
          () -> KATA.confusionMatrix(new int[] {0}, new int[] {0}, 0));
      assertRejects("perClass with numClasses -1", "numClasses",
          () -> KATA.perClass(new int[] {0}, new int[] {0}, -1, 1, 0));
    }

    @Test
    void classes_must_lie_below_num_classes_and_not_be_negative() {
      assertRejects("confusionMatrix with yTrue holding 2 and numClasses 2", "yTrue",
          () -> KATA.confusionMatrix(new int[] {0, 2}, new int[] {0, 1}, 2));
      assertRejects("confusionMatrix with yPred holding 3 and numClasses 3", "yPred",
          () -> KATA.confusionMatrix(new int[] {0, 1}, new int[] {3, 1}, 3));
      assertRejects("perClass with yTrue holding -1", "yTrue",
          () -> KATA.perClass(new int[] {-1, 1}, new int[] {0, 1}, 2, 1, 0));
      assertRejects("averaged with yPred holding -1", "yPred",
          () -> KATA.averaged(new int[] {0, 1}, new int[] {0, -1}, 2, 1, Average.MACRO, 0));
    }

    @Test
    void lengths_must_match_and_input_must_not_be_empty() {
      assertRejectsNamingAnyOf("confusionMatrix with 3 true and 2 predicted classes",
          () -> KATA.confusionMatrix(new int[] {0, 1, 1}, new int[] {0, 1}, 2), "yTrue", "yPred");
      assertRejectsNamingAnyOf("perClass with 1 true and 2 predicted classes",
          () -> KATA.perClass(new int[] {0}, new int[] {0, 1}, 2, 1, 0), "yTrue", "yPred");
      assertRejectsNamingAnyOf("confusionMatrix of empty arrays",
          () -> KATA.confusionMatrix(new int[0], new int[0], 2), "yTrue", "yPred");
      assertRejectsNamingAnyOf("averaged of empty arrays",
          () -> KATA.averaged(new int[0], new int[0], 2, 1, Average.MICRO, 0), "yTrue", "yPred");
    }

    @Test
    void beta_must_be_finite_and_not_negative() {
      int[] y = {0, 1};
      assertRejects("perClass with beta -1", "beta", () -> KATA.perClass(y, y, 2, -1, 0));
      assertRejects("perClass with beta NaN", "beta", () -> KATA.perClass(y, y, 2, Double.NaN, 0));
      assertRejects("averaged with beta +infinity", "beta",
          () -> KATA.averaged(y, y, 2, Double.POSITIVE_INFINITY, Average.MACRO, 0));
    }

    @Test
    void zero_division_must_be_zero_or_one() {
      int[] y = {0, 1};
      assertRejects("perClass with zeroDivision 0.5", "zeroDivision", () -> KATA.perClass(y, y, 2, 1, 0.5));
      assertRejects("perClass with zeroDivision NaN", "zeroDivision", () -> KATA.perClass(y, y, 2, 1, Double.NaN));
      assertRejects("averaged with zeroDivision -1", "zeroDivision",
          () -> KATA.averaged(y, y, 2, 1, Average.MACRO, -1));
    }

    @Test
    void binary_average_needs_exactly_two_classes() {
      assertRejects("averaged with BINARY and numClasses 3", "average",
          () -> KATA.averaged(new int[] {0, 1, 2}, new int[] {0, 1, 2}, 3, 1, Average.BINARY, 0));
      assertRejects("averaged with BINARY and numClasses 1", "average",
          () -> KATA.averaged(new int[] {0}, new int[] {0}, 1, 1, Average.BINARY, 0));
    }

    @Test
    void null_arguments_are_rejected() {
      int[] y = {0, 1};
      assertNullRejected("confusionMatrix(null, yPred, 2)", () -> KATA.confusionMatrix(null, y, 2));
      assertNullRejected("perClass(yTrue, null, 2, 1, 0)", () -> KATA.perClass(y, null, 2, 1, 0));
      assertNullRejected("averaged(..., average=null, ...)", () -> KATA.averaged(y, y, 2, 1, null, 0));
    }

    @Test
    void inputs_are_not_modified() {
      int[] yTrue = {2, 0, 1, 1, 0};
      int[] yPred = {1, 0, 2, 1, 0};
      KATA.confusionMatrix(yTrue, yPred, 3);
      KATA.perClass(yTrue, yPred, 3, 1, 0);
      KATA.averaged(yTrue, yPred, 3, 1, Average.WEIGHTED, 0);
      assertThat(yTrue).as("yTrue after confusionMatrix, perClass and averaged").containsExactly(2, 0, 1, 1, 0);
      assertThat(yPred).as("yPred after confusionMatrix, perClass and averaged").containsExactly(1, 0, 2, 1, 0);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("metrics/classification-metrics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void confusion_matrix_matches_scikit_learn(Goldens.Case c) {
      Goldens.Values in = c.input();
      assertMatrix("confusionMatrix of " + describe(c) + " vs " + c.library(), c.expected().intMatrix("confusion_matrix"),
          KATA.confusionMatrix(in.ints("y_true"), in.ints("y_pred"), (int) in.integer("num_classes")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void per_class_scores_match_scikit_learn(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      assertPerClass("perClass of " + describe(c) + " vs " + c.library(), out.doubles("precision"),
          out.doubles("recall"), out.doubles("f_score"), out.ints("support"),
          KATA.perClass(in.ints("y_true"), in.ints("y_pred"), (int) in.integer("num_classes"), in.number("beta"),
              in.number("zero_division")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void averages_match_scikit_learn(Goldens.Case c) {
      Goldens.Values in = c.input();
      for (Average average : Average.values()) {
        String key = average.name().toLowerCase(java.util.Locale.ROOT);
        if (!c.expected().has(key)) {
          continue; // BINARY only for two classes
        }
        Goldens.Values out = c.expected().object(key);
        assertAveraged("averaged(" + average + ") of " + describe(c) + " vs " + c.library(), out.number("precision"),
            out.number("recall"), out.number("f_score"),
            KATA.averaged(in.ints("y_true"), in.ints("y_pred"), (int) in.integer("num_classes"), in.number("beta"),
                average, in.number("zero_division")));
      }
    }

    private String describe(Goldens.Case c) {
      Goldens.Values in = c.input();
      return "golden '" + c.name() + "' (yTrue " + abbreviate(in.ints("y_true")) + ", yPred "
          + abbreviate(in.ints("y_pred")) + ", numClasses " + in.integer("num_classes") + ", beta "
          + in.number("beta") + ", zeroDivision " + in.number("zero_division") + ")";
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_confusion_matrix_counts_every_example_once() {
      Props.check("matrix total = n, row sums = support, diagonal = correct predictions", EXAMPLES, labelled(), l -> {
        int[][] m = KATA.confusionMatrix(l.yTrue(), l.yPred(), l.numClasses());
        String what = "property 'the matrix counts each (true, predicted) pair' for " + l;
        assertThat(m).as(what).isNotNull();
        assertThat(m.length).as(what + ": rows").isEqualTo(l.numClasses());
        for (int t = 0; t < l.numClasses(); t++) {
          assertThat(m[t]).as(what + ": row " + t).hasSize(l.numClasses());
          for (int p = 0; p < l.numClasses(); p++) {
            int count = 0;
            for (int i = 0; i < l.yTrue().length; i++) {
              count += l.yTrue()[i] == t && l.yPred()[i] == p ? 1 : 0;
            }
            assertThat(m[t][p]).as("%s: matrix[%d][%d]", what, t, p).isEqualTo(count);
          }
        }
      });
    }

    @Test
    void micro_f_score_is_the_accuracy() {
      Props.check("micro P = micro R = micro F = accuracy", EXAMPLES, labelled(), l -> {
        int correct = 0;
        for (int i = 0; i < l.yTrue().length; i++) {
          correct += l.yTrue()[i] == l.yPred()[i] ? 1 : 0;
        }
        double accuracy = (double) correct / l.yTrue().length;
        assertAveraged("property 'micro average = accuracy' for " + l + ", beta " + l.beta(), accuracy, accuracy,
            accuracy, KATA.averaged(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), Average.MICRO, l.zeroDivision()));
      });
    }

    @Test
    void scores_follow_from_the_confusion_matrix() {
      Props.check("P = diagonal / column sum, R = diagonal / row sum, support = row sum", EXAMPLES, labelled(), l -> {
        int k = l.numClasses();
        int[] tp = new int[k];
        int[] predicted = new int[k];
        int[] support = new int[k];
        for (int i = 0; i < l.yTrue().length; i++) {
          support[l.yTrue()[i]]++;
          predicted[l.yPred()[i]]++;
          tp[l.yTrue()[i]] += l.yTrue()[i] == l.yPred()[i] ? 1 : 0;
        }
        PerClass p = KATA.perClass(l.yTrue(), l.yPred(), k, l.beta(), l.zeroDivision());
        String what = "property 'per-class scores from the counts' for " + l + ", zeroDivision " + l.zeroDivision();
        assertThat(p).as(what).isNotNull();
        assertThat(p.support()).as(what + ": support").containsExactly(support);
        for (int c = 0; c < k; c++) {
          double precision = predicted[c] == 0 ? l.zeroDivision() : (double) tp[c] / predicted[c];
          double recall = support[c] == 0 ? l.zeroDivision() : (double) tp[c] / support[c];
          assertClose(what + ": precision[" + c + "]", precision, p.precision()[c], SCORE);
          assertClose(what + ": recall[" + c + "]", recall, p.recall()[c], SCORE);
        }
      });
    }

    @Test
    void the_f_score_lies_between_precision_and_recall_or_is_zero() {
      Props.check("min(P, R) <= F <= max(P, R), and F = 0 when P or R is 0", EXAMPLES, labelled(), l -> {
        PerClass p = KATA.perClass(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), l.zeroDivision());
        String what = "property 'F-beta is a weighted harmonic mean of P and R' for " + l + ", beta " + l.beta();
        assertThat(p).as(what).isNotNull();
        for (int c = 0; c < l.numClasses(); c++) {
          double lo = Math.min(p.precision()[c], p.recall()[c]);
          double hi = Math.max(p.precision()[c], p.recall()[c]);
          double f = p.fScore()[c];
          if (lo == 0) {
            assertClose(what + ": fScore[" + c + "] with P or R = 0", 0, f, SCORE);
          } else {
            assertThat(f).as("%s: fScore[%d] = %s within [%s, %s]", what, c, f, lo, hi)
                .isBetween(lo - SCORE, hi + SCORE);
          }
        }
      });
    }

    @Test
    void perfect_predictions_score_one() {
      Props.check("yPred = yTrue gives P = R = F = 1 in every average", EXAMPLES, labelled(), l -> {
        for (Average average : new Average[] {Average.MICRO, Average.WEIGHTED}) {
          assertAveraged("property 'perfect predictions score 1' for yTrue " + Arrays.toString(l.yTrue()) + ", "
              + average, 1, 1, 1, KATA.averaged(l.yTrue(), l.yTrue(), l.numClasses(), l.beta(), average, 0));
        }
      });
    }

    @Test
    void renaming_the_classes_permutes_the_per_class_scores() {
      Props.check("class c renamed K-1-c: per-class scores reversed, macro unchanged", EXAMPLES, labelled(), l -> {
        int k = l.numClasses();
        int[] yTrue = Arrays.stream(l.yTrue()).map(c -> k - 1 - c).toArray();
        int[] yPred = Arrays.stream(l.yPred()).map(c -> k - 1 - c).toArray();
        PerClass before = KATA.perClass(l.yTrue(), l.yPred(), k, l.beta(), l.zeroDivision());
        PerClass after = KATA.perClass(yTrue, yPred, k, l.beta(), l.zeroDivision());
        String what = "property 'renaming classes c -> K-1-c reverses the per-class scores' for " + l;
        assertThat(before).as(what).isNotNull();
        assertThat(after).as(what).isNotNull();
        assertAllClose(what + ": fScore", reversed(before.fScore()), after.fScore(), SCORE);
        assertAllClose(what + ": precision", reversed(before.precision()), after.precision(), SCORE);
      });
    }

    @Test
    void the_order_of_the_examples_does_not_matter() {
      Props.check("reversing the examples changes nothing", EXAMPLES, labelled(), l -> {
        int n = l.yTrue().length;
        int[] yTrue = new int[n];
        int[] yPred = new int[n];
        for (int i = 0; i < n; i++) {
          yTrue[i] = l.yTrue()[n - 1 - i];
          yPred[i] = l.yPred()[n - 1 - i];
        }
        for (Average average : new Average[] {Average.MACRO, Average.WEIGHTED}) {
          Averaged a = KATA.averaged(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), average, l.zeroDivision());
          assertThat(a).as("averaged of %s", l).isNotNull();
          assertAveraged("property 'the order of examples does not matter' for " + l + ", " + average, a.precision(),
              a.recall(), a.fScore(), KATA.averaged(yTrue, yPred, l.numClasses(), l.beta(), average, l.zeroDivision()));
        }
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void per_class_scores_match_the_reference_on_random_inputs() {
      Props.check("perClass agrees with the reference solution", EXAMPLES, labelled(), l -> {
        PerClass expected = REFERENCE.perClass(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), l.zeroDivision());
        assertPerClass("perClass, reference vs yours, for " + l, expected.precision(), expected.recall(),
            expected.fScore(), expected.support(),
            KATA.perClass(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), l.zeroDivision()));
      });
    }

    @Test
    void averages_match_the_reference_on_random_inputs() {
      Props.check("averaged agrees with the reference solution", EXAMPLES, labelled(), l -> {
        for (Average average : Average.values()) {
          if (average == Average.BINARY && l.numClasses() != 2) {
            continue;
          }
          Averaged expected = REFERENCE.averaged(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), average,
              l.zeroDivision());
          assertAveraged("averaged(" + average + "), reference vs yours, for " + l, expected.precision(),
              expected.recall(), expected.fScore(),
              KATA.averaged(l.yTrue(), l.yPred(), l.numClasses(), l.beta(), average, l.zeroDivision()));
        }
      });
    }
  }

  /** Random classes, a beta and a zeroDivision value, with a readable {@code toString}. */
  record Labelled(int[] yTrue, int[] yPred, int numClasses, double beta, double zeroDivision) {
    @Override
    public String toString() {
      return "yTrue=" + Arrays.toString(yTrue) + ", yPred=" + Arrays.toString(yPred) + ", numClasses=" + numClasses
          + ", beta=" + beta + ", zeroDivision=" + zeroDivision;
    }
  }

  private static final double[] BETAS = {1, 2, 0.5, 0};

  /**
   * 1 to 5 classes, 1 to 30 examples, predictions right about half the time (classes may be missing
   * from either array), beta from {1, 2, 0.5, 0}, zeroDivision 0 or 1. Shrinks towards one class, one
   * example, beta 1 and zeroDivision 0.
   */
  static Gen<Labelled> labelled() {
    return integers().between(1, 5).flatMap(k -> lists()
        .of(integers().between(0, k - 1).zip(integers().between(0, k - 1), integers().between(0, 1),
            (t, p, right) -> new int[] {t, right == 1 ? t : p}))
        .ofSizeBetween(1, 30)
        .zip(integers().between(0, BETAS.length - 1), integers().between(0, 1), (rows, b, zd) -> {
          int[] yTrue = rows.stream().mapToInt(r -> r[0]).toArray();
          int[] yPred = rows.stream().mapToInt(r -> r[1]).toArray();
          return new Labelled(yTrue, yPred, k, BETAS[b], zd);
        }));
  }

  static double[] reversed(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[values.length - 1 - i];
    }
    return out;
  }

  static void assertMatrix(String what, int[][] expected, int[][] actual) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual).as("%s: expected %s, got %s", what, Arrays.deepToString(expected), Arrays.deepToString(actual))
        .isDeepEqualTo(expected);
  }

  static void assertPerClass(String what, double[] precision, double[] recall, double[] fScore, int[] support,
      PerClass actual) {
    assertThat(actual).as(what).isNotNull();
    assertAllClose(what + ": precision", precision, actual.precision(), SCORE);
    assertAllClose(what + ": recall", recall, actual.recall(), SCORE);
    assertAllClose(what + ": fScore", fScore, actual.fScore(), SCORE);
    assertThat(actual.support()).as("%s: support", what).containsExactly(support);
  }

  static void assertAveraged(String what, double precision, double recall, double fScore, Averaged actual) {
    assertThat(actual).as(what).isNotNull();
    assertClose(what + ": precision", precision, actual.precision(), SCORE);
    assertClose(what + ": recall", recall, actual.recall(), SCORE);
    assertClose(what + ": fScore", fScore, actual.fScore(), SCORE);
  }
}

package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.models.PcaApi.Eigenpair;
import mlkata.grader.models.PcaApi.Fit;
import mlkata.grader.models.PcaGens.Data;
import mlkata.grader.models.PcaGens.Eigen;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code models/pca}.
 *
 * <p>Tolerances: {@link #EXACT} for hand-worked covariances and transforms of small numbers,
 * {@link #VECTOR} for unit eigenvectors and components (the stop rule leaves about 1e-11), {@link #VALUE}
 * relative for eigenvalues, variances and ratios (a Rayleigh quotient is accurate to the square of the
 * vector's error), {@link #SCORE} relative for transformed coordinates (a component's error times the
 * data's size).
 */
@KataSpec
@DisplayName("models/pca: PCA by power iteration")
final class PcaSpec {
  /** Sums and products of a handful of small numbers, one division: a few ulps. */
  static final double EXACT = 1e-12;
  /**
   * Power iteration stops when no entry moves by more than 1e-12; with consecutive eigenvalues at most
   * 0.8 apart the remaining error is below 5e-12, plus deflation's; scikit-learn's SVD is accurate to
   * about 1e-15. 1e-8 leaves room and still catches any other vector (or sign).
   */
  static final double VECTOR = 1e-8;
  /** An eigenvalue from a Rayleigh quotient: error of order the vector's squared, plus rounding. */
  static final double VALUE = 1e-9;
  /** A coordinate is a dot product of a centred row (size up to about 30) with a component. */
  static final double SCORE = 1e-8;
  private static final int EXAMPLES = 200;

  private static final PcaApi KATA = Target.pick(new PcaOfExercises(), new PcaOfSolutions());
  private static final PcaApi REFERENCE = new PcaOfSolutions();

  /** The statement example: axes as eigenvectors, both signs flipped by the data. */
  private static final double[][] STATEMENT = {{-3, 0}, {1, 0}, {2, 0}, {0, -2}, {0, 1}, {0, 1}};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_covariance_divides_by_n_minus_one() {
      // [[1], [3]]: mean 2, squared deviations 1 + 1 = 2, over n - 1 = 1.
      assertAllClose("covariance([[1], [3]]): (1 + 1) / (n - 1), not / n", new double[][] {{2}},
          KATA.covariance(new double[][] {{1}, {3}}), EXACT);
    }

    @Test
    void the_covariance_is_of_the_centred_columns() {
      // Mean (2, 4); deviations (-1, -2) and (1, 2): [[1 + 1, 2 + 2], [2 + 2, 4 + 4]] / 1.
      assertAllClose("covariance([[1, 2], [3, 6]]): columns centred first", new double[][] {{2, 4}, {4, 8}},
          KATA.covariance(new double[][] {{1, 2}, {3, 6}}), EXACT);
      // The statement example: sum x^2 = 14, sum y^2 = 6, sum xy = 0, over 5.
      assertAllClose("covariance of the statement example", new double[][] {{2.8, 0}, {0, 1.2}},
          KATA.covariance(STATEMENT), EXACT);
    }

    @Test
    void power_iteration_finds_the_dominant_eigenpair() {
      Eigenpair diagonal = KATA.dominantEigenpair(new double[][] {{1, 0}, {0, 4}});
      assertEigenpair("dominantEigenpair([[1, 0], [0, 4]]): the larger eigenvalue, not the first diagonal entry",
          diagonal, 4, new double[] {0, 1});
      double s = Math.sqrt(0.5);
      // [[2, 1], [1, 2]]: eigenvalues 3 along (1, 1) and 1 along (1, -1).
      assertEigenpair("dominantEigenpair([[2, 1], [1, 2]])", KATA.dominantEigenpair(new double[][] {{2, 1}, {1, 2}}), 3,
          new double[] {s, s});
    }

    @Test
    void the_eigenvector_is_a_unit_vector_and_the_eigenvalue_its_rayleigh_quotient() {
      // [[4, 0, 0], [0, 1, 0], [0, 0, 0.5]]: from (1, 2, 3)/|.| the iterate tends to (1, 0, 0).
      Eigenpair e = KATA.dominantEigenpair(new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 0.5}});
      assertEigenpair("dominantEigenpair(diag(4, 1, 0.5)): value 4, vector (1, 0, 0) of length 1, not the "
          + "unnormalised A^t u", e, 4, new double[] {1, 0, 0});
    }

    @Test
    void the_zero_matrix_has_eigenvalue_zero() {
      Eigenpair e = KATA.dominantEigenpair(new double[][] {{0, 0}, {0, 0}});
      assertThat(e).as("dominantEigenpair of the zero matrix").isNotNull();
      assertClose("dominantEigenpair of the zero matrix: value 0 (A u is the zero vector; no division by 0)", 0,
          e.value(), EXACT);
    }

    @Test
    void the_problem_statement_example() {
      Fit fit = KATA.fit(STATEMENT, 2);
      String what = "fit(statement example, k=2)";
      assertThat(fit).as(what).isNotNull();
      assertAllClose(what + ": mean", new double[] {0, 0}, fit.mean(), EXACT);
      assertAllClose(what + ": explained variance, the eigenvalues of the n - 1 covariance", new double[] {2.8, 1.2},
          fit.explainedVariance(), EXACT * 10);
      assertAllClose(what + ": explained variance ratio, 2.8 / 4 and 1.2 / 4", new double[] {0.7, 0.3},
          fit.explainedVarianceRatio(), EXACT * 10);
      assertAllClose(what + ": components (signs: sample 0 projects to -3 on the first axis and sample 3 to -2 on the "
          + "second, so both flip; the largest-entry-positive rule of scikit-learn 1.5 would give (1, 0), (0, 1))",
          new double[][] {{-1, 0}, {0, -1}}, fit.components(), VECTOR);
      assertAllClose("transform of (1, 1) with the statement example's fit", new double[][] {{-1, -1}},
          KATA.transform(fit, new double[][] {{1, 1}}), SCORE);
    }

    @Test
    void the_sign_follows_the_sample_with_the_largest_absolute_projection() {
      // One feature: the component is (1) or (-1). [[2], [-3], [1]]: mean 0, sample 1 projects furthest (-3).
      assertAllClose("fit([[2], [-3], [1]], 1): the furthest sample, -3, must project positively: component (-1)",
          new double[][] {{-1}}, KATA.fit(new double[][] {{2}, {-3}, {1}}, 1).components(), VECTOR);
      assertAllClose("fit([[-2], [3], [-1]], 1): the furthest sample, 3, projects positively: component (1)",
          new double[][] {{1}}, KATA.fit(new double[][] {{-2}, {3}, {-1}}, 1).components(), VECTOR);
      // Exactly tied |projections| 2 and 2: the first such sample decides.
      assertAllClose("fit([[-2], [2], [0]], 1): samples 0 and 1 tie at |2|; the first (-2) decides: component (-1)",
          new double[][] {{-1}}, KATA.fit(new double[][] {{-2}, {2}, {0}}, 1).components(), VECTOR);
      assertAllClose("fit([[2], [-2], [0]], 1): samples 0 and 1 tie at |2|; the first (2) decides: component (1)",
          new double[][] {{1}}, KATA.fit(new double[][] {{2}, {-2}, {0}}, 1).components(), VECTOR);
    }

    @Test
    void deflation_finds_the_second_direction() {
      // Centred data; covariance [[10, 6], [6, 10]] / 3: 16/3 along (1, 1), 4/3 along (1, -1).
      // Signs: sample 0 projects to +2 sqrt(2) on (1, 1) (tied with sample 1, first wins); sample 2 to +sqrt(2).
      double[][] x = {{2, 2}, {-2, -2}, {1, -1}, {-1, 1}};
      double s = Math.sqrt(0.5);
      Fit fit = KATA.fit(x, 2);
      String what = "fit([[2, 2], [-2, -2], [1, -1], [-1, 1]], 2)";
      assertThat(fit).as(what).isNotNull();
      assertAllClose(what + ": components, the second orthogonal to the first (deflate C - lambda v v^T)",
          new double[][] {{s, s}, {s, -s}}, fit.components(), VECTOR);
      assertAllClose(what + ": explained variance", new double[] {16.0 / 3, 4.0 / 3}, fit.explainedVariance(), EXACT * 10);
      assertAllClose(what + ": explained variance ratio", new double[] {0.8, 0.2}, fit.explainedVarianceRatio(), EXACT * 10);
    }

    @Test
    void the_ratio_divides_by_the_total_variance_not_by_the_kept_variance() {
      Fit fit = KATA.fit(STATEMENT, 1);
      assertThat(fit).as("fit(statement example, k=1)").isNotNull();
      assertAllClose("fit(statement example, k=1): ratio 2.8 / (2.8 + 1.2) = 0.7, not 2.8 / 2.8 = 1",
          new double[] {0.7}, fit.explainedVarianceRatio(), EXACT * 10);
    }

    @Test
    void transform_subtracts_the_training_mean() {
      double[][] shifted = Arrays.stream(STATEMENT).map(r -> new double[] {r[0] + 10, r[1] - 5}).toArray(double[][]::new);
      Fit fit = KATA.fit(shifted, 2);
      assertThat(fit).as("fit of the statement example shifted by (10, -5)").isNotNull();
      assertAllClose("fit of the statement example shifted by (10, -5): mean", new double[] {10, -5}, fit.mean(), EXACT);
      assertAllClose("transform of (11, -4) with that fit: (x - mean) . components^T = (-1, -1)",
          new double[][] {{-1, -1}}, KATA.transform(fit, new double[][] {{11, -4}}), SCORE);
      assertThat(KATA.transform(fit, new double[0][])).as("transform of no rows").isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void k_must_be_between_one_and_min_n_d() {
      assertRejects("fit with k=0", "k", () -> KATA.fit(STATEMENT, 0));
      assertRejects("fit with k=3 > d=2", "k", () -> KATA.fit(STATEMENT, 3));
      assertRejects("fit of 2 samples in 3-D with k=3 > n=2", "k", () -> KATA.fit(new double[][] {{1, 2, 3}, {0, 1, 5}}, 3));
    }

    @Test
    void a_component_without_variance_is_rejected() {
      assertRejects("fit of collinear data [[0, 0], [1, 1], [2, 2]] with k=2: no variance left for a second component",
          "k", () -> KATA.fit(new double[][] {{0, 0}, {1, 1}, {2, 2}}, 2));
      assertRejects("fit of [[1, 2], [3e6, 1e6 + 2], [6e6 + 1, 2e6 + 2]] with k=2: the second direction holds about "
          + "3e-15 of the total variance, below 1e-12 times the total (compare with the total, not with an absolute "
          + "1e-12)", "k", () -> KATA.fit(new double[][] {{1, 2}, {3e6, 1e6 + 2}, {6e6 + 1, 2e6 + 2}}, 2));
      assertRejects("fit of constant data [[1, 2], [1, 2], [1, 2]] with k=1", "k",
          () -> KATA.fit(new double[][] {{1, 2}, {1, 2}, {1, 2}}, 1));
    }

    @Test
    void data_must_have_two_rows_equal_lengths_and_finite_values() {
      assertRejects("covariance of one row", "x", () -> KATA.covariance(new double[][] {{1, 2}}));
      assertRejects("fit of one row", "x", () -> KATA.fit(new double[][] {{1, 2}}, 1));
      assertRejects("covariance of no rows", "x", () -> KATA.covariance(new double[0][]));
      assertRejects("covariance of rows without values", "x", () -> KATA.covariance(new double[][] {{}, {}}));
      assertRejects("covariance of a ragged x", "x", () -> KATA.covariance(new double[][] {{1, 2}, {3}}));
      assertRejects("fit with a NaN", "x", () -> KATA.fit(new double[][] {{1, 2}, {3, Double.NaN}, {0, 0}}, 1));
      assertRejects("covariance with an infinity", "x", () -> KATA.covariance(new double[][] {{1}, {Double.POSITIVE_INFINITY}}));
    }

    @Test
    void power_iteration_needs_a_finite_symmetric_square_matrix() {
      assertRejects("dominantEigenpair of an empty matrix", "matrix", () -> KATA.dominantEigenpair(new double[0][]));
      assertRejects("dominantEigenpair of a 2 x 3 matrix", "matrix",
          () -> KATA.dominantEigenpair(new double[][] {{1, 0, 0}, {0, 1, 0}}));
      assertRejects("dominantEigenpair of [[1, 2], [3, 1]] (not symmetric)", "matrix",
          () -> KATA.dominantEigenpair(new double[][] {{1, 2}, {3, 1}}));
      assertRejects("dominantEigenpair with a NaN", "matrix", () -> KATA.dominantEigenpair(new double[][] {{Double.NaN}}));
    }

    @Test
    void transform_needs_rows_of_the_fitted_width() {
      Fit fit = new Fit(new double[] {0, 0}, new double[][] {{1, 0}}, new double[] {1}, new double[] {1});
      assertRejects("transform of a 3-value row with a 2-feature fit", "x", () -> KATA.transform(fit, new double[][] {{1, 2, 3}}));
      assertRejects("transform of a row with a NaN", "x", () -> KATA.transform(fit, new double[][] {{1, Double.NaN}}));
      Fit bad = new Fit(new double[] {0, 0}, new double[][] {{1, 0, 0}}, new double[] {1}, new double[] {1});
      assertRejects("transform with a component of length 3 for a mean of length 2", "fit",
          () -> KATA.transform(bad, new double[][] {{1, 2}}));
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("covariance(null)", () -> KATA.covariance(null));
      assertNullRejected("fit(null, 1)", () -> KATA.fit(null, 1));
      assertNullRejected("dominantEigenpair(null)", () -> KATA.dominantEigenpair(null));
      assertNullRejected("transform(null, x)", () -> KATA.transform(null, new double[][] {{1}}));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] x = Tensors.deepCopy(STATEMENT);
      KATA.covariance(x);
      Fit fit = KATA.fit(x, 2);
      assertThat(x).as("x after covariance and fit").isDeepEqualTo(STATEMENT);
      double[][] m = {{2, 1}, {1, 2}};
      KATA.dominantEigenpair(m);
      assertThat(m).as("matrix after dominantEigenpair").isDeepEqualTo(new double[][] {{2, 1}, {1, 2}});
      double[][] rows = {{1, 1}, {0, 3}};
      double[] mean = fit.mean().clone();
      double[][] components = Tensors.deepCopy(fit.components());
      KATA.transform(fit, rows);
      assertThat(rows).as("x after transform").isDeepEqualTo(new double[][] {{1, 1}, {0, 3}});
      assertThat(fit.mean()).as("fit.mean after transform").containsExactly(mean);
      assertThat(fit.components()).as("fit.components after transform").isDeepEqualTo(components);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/pca");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void covariance_matches_numpy(Goldens.Case c) {
      assertNear(() -> "covariance of golden '" + c.name() + "' vs numpy.cov", c.expected().matrix("covariance"),
          KATA.covariance(c.input().matrix("x")), VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_fit_matches_scikit_learn(Goldens.Case c) {
      Fit fit = KATA.fit(c.input().matrix("x"), (int) c.input().integer("k"));
      String what = "fit of golden '" + c.name() + "' vs " + c.library();
      assertThat(fit).as(what).isNotNull();
      assertNear(() -> what + ": mean", c.expected().doubles("mean"), fit.mean(), EXACT * 100);
      assertNear(() -> what + ": explained variance", c.expected().doubles("explained_variance"),
          fit.explainedVariance(), VALUE);
      assertNear(() -> what + ": explained variance ratio", c.expected().doubles("explained_variance_ratio"),
          fit.explainedVarianceRatio(), VALUE);
      assertAllClose(what + ": components (signs as svd_flip)", c.expected().matrix("components"), fit.components(), VECTOR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void transform_matches_scikit_learn(Goldens.Case c) {
      Fit fit = KATA.fit(c.input().matrix("x"), (int) c.input().integer("k"));
      assertNear(() -> "transform of the training data of golden '" + c.name() + "' vs " + c.library(),
          c.expected().matrix("transform_train"), KATA.transform(fit, c.input().matrix("x")), SCORE);
      assertNear(() -> "transform of new points, golden '" + c.name() + "' vs " + c.library(),
          c.expected().matrix("transform_new"), KATA.transform(fit, c.input().matrix("new")), SCORE);
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_components_are_the_eigenvectors_of_an_independent_solver() {
      Props.check("components and variances = Jacobi eigenvectors (up to sign) and eigenvalues", EXAMPLES,
          PcaGens.separated(), data -> {
            Eigen eigen = PcaGens.jacobi(PcaGens.covariance(data.x()));
            Fit fit = KATA.fit(data.x(), data.k());
            assertThat(fit).as("fit of %s", data).isNotNull();
            for (int m = 0; m < data.k(); m++) {
              int row = m;
              double[] v = fit.components()[m];
              double dot = 0;
              for (int j = 0; j < v.length; j++) {
                dot += v[j] * eigen.vectors()[m][j];
              }
              double sign = Math.signum(dot);
              double[] expected = Arrays.stream(eigen.vectors()[m]).map(a -> a * sign).toArray();
              assertAllClose("component " + m + " of " + data + " vs the Jacobi eigenvector (up to sign)", expected, v, VECTOR);
              assertNear(() -> "explained variance of " + data, new double[] {eigen.values()[row]},
                  new double[] {fit.explainedVariance()[row]}, VALUE);
            }
          });
    }

    @Test
    void the_largest_projection_of_every_component_is_positive() {
      Props.check("svd_flip: the sample with the largest |score| has a positive score", EXAMPLES, PcaGens.separated(),
          data -> {
            Fit fit = KATA.fit(data.x(), data.k());
            double[][] scores = KATA.transform(fit, data.x());
            for (int m = 0; m < data.k(); m++) {
              int best = 0;
              for (int i = 1; i < scores.length; i++) {
                best = Math.abs(scores[i][m]) > Math.abs(scores[best][m]) ? i : best;
              }
              assertThat(scores[best][m]).as("score of sample %d (largest |score|) on component %d of %s", best, m, data)
                  .isPositive();
            }
          });
    }

    @Test
    void scores_of_the_training_data_are_centred_and_have_the_explained_variance() {
      Props.check("training scores: mean 0, variance (n - 1) = explained variance", EXAMPLES, PcaGens.separated(), data -> {
        Fit fit = KATA.fit(data.x(), data.k());
        double[][] scores = KATA.transform(fit, data.x());
        int n = scores.length;
        for (int m = 0; m < data.k(); m++) {
          double mean = 0;
          double sq = 0;
          for (double[] row : scores) {
            mean += row[m] / n;
          }
          for (double[] row : scores) {
            sq += (row[m] - mean) * (row[m] - mean) / (n - 1);
          }
          assertClose("mean score on component " + m + " of " + data, 0, mean, SCORE);
          assertClose("variance of the scores on component " + m + " of " + data + " vs its explained variance",
              fit.explainedVariance()[m], sq, VALUE * Math.max(1, sq));
        }
      });
    }

    @Test
    void the_ratios_are_decreasing_and_sum_to_at_most_one() {
      Props.check("ratios decrease, lie in (0, 1] and sum to at most 1; all components give 1", EXAMPLES,
          PcaGens.separated(), data -> {
            Fit fit = KATA.fit(data.x(), data.k());
            double[] r = fit.explainedVarianceRatio();
            double sum = Arrays.stream(r).sum();
            assertThat(sum).as("sum of the ratios of %s", data).isLessThanOrEqualTo(1 + VALUE);
            for (int m = 0; m + 1 < r.length; m++) {
              assertThat(r[m + 1]).as("ratio %d <= ratio %d for %s", m + 1, m, data).isLessThanOrEqualTo(r[m] + VALUE);
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void fit_and_transform_match_the_reference() {
      Props.check("fit and transform agree with the reference", EXAMPLES, PcaGens.separated(), data -> {
        Fit expected = REFERENCE.fit(data.x(), data.k());
        Fit actual = KATA.fit(data.x(), data.k());
        assertThat(actual).as("fit of %s", data).isNotNull();
        assertAllClose("components of " + data, expected.components(), actual.components(), VECTOR);
        assertNear(() -> "explained variance of " + data, expected.explainedVariance(), actual.explainedVariance(), VALUE);
        assertNear(() -> "explained variance ratio of " + data, expected.explainedVarianceRatio(),
            actual.explainedVarianceRatio(), VALUE);
        assertNear(() -> "transform of " + data, REFERENCE.transform(expected, data.x()), KATA.transform(actual, data.x()),
            SCORE);
      });
    }

    @Test
    void dominant_eigenpairs_match_the_reference() {
      Props.check("dominantEigenpair of a covariance agrees with the reference", EXAMPLES, PcaGens.separated(), data -> {
        double[][] c = PcaGens.covariance(data.x());
        for (int i = 0; i < c.length; i++) {
          for (int j = 0; j < i; j++) {
            c[i][j] = c[j][i]; // exactly symmetric
          }
        }
        Eigenpair expected = REFERENCE.dominantEigenpair(c);
        Eigenpair actual = KATA.dominantEigenpair(c);
        assertThat(actual).as("dominantEigenpair of the covariance of %s", data).isNotNull();
        assertNear(() -> "eigenvalue for " + data, new double[] {expected.value()}, new double[] {actual.value()}, VALUE);
        assertEigenpair("dominantEigenpair of the covariance of " + data + " vs the reference", actual, expected.value(),
            expected.vector());
      });
    }
  }

  static void assertEigenpair(String what, Eigenpair actual, double value, double[] vector) {
    assertThat(actual).as(what).isNotNull();
    assertNear(what + ": eigenvalue", value, actual.value(), VALUE);
    assertThat(actual.vector()).as("%s: eigenvector", what).hasSize(vector.length);
    double dot = 0;
    for (int j = 0; j < vector.length; j++) {
      dot += vector[j] * actual.vector()[j];
    }
    double sign = dot < 0 ? -1 : 1;
    double[] expected = Arrays.stream(vector).map(a -> a * sign).toArray();
    assertAllClose(what + ": unit eigenvector (either sign)", expected, actual.vector(), VECTOR);
  }
}

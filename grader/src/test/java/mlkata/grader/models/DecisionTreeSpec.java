package mlkata.grader.models;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.models.DecisionTreeApi.Criterion;
import mlkata.grader.models.DecisionTreeApi.Node;
import mlkata.grader.models.DecisionTreeApi.Params;
import mlkata.grader.models.DecisionTreeApi.Split;
import mlkata.grader.models.DecisionTreeApi.Tree;
import mlkata.grader.models.DecisionTreeGens.Problem;
import mlkata.grader.support.Efficiency;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code models/decision-tree}.
 *
 * <p>Tolerances: {@link #EXACT} for hand-worked impurities and decreases (fractions of small counts),
 * {@link #GOLDEN} relative for scikit-learn's impurities and leaf means (its squared error is
 * {@code sum(y^2)/n - mean^2}, which cancels), {@link #RANDOM} relative for decreases and means a
 * learner may sum in another order. Features, children, sample counts and class counts are integers
 * and compared exactly; thresholds are midpoints of values exact in binary, compared exactly.
 */
@KataSpec
@DisplayName("models/decision-tree: CART decision tree")
final class DecisionTreeSpec {
  /** Fractions of counts up to 8 and their logarithms: a few ulps. */
  static final double EXACT = 1e-12;
  /** scikit-learn's one-pass variance of targets up to about 10 loses up to about 1e-14 relative. */
  static final double GOLDEN = 1e-9;
  /** A decrease or mean summed in another order: a few ulps of the node's impurity. */
  static final double RANDOM = 1e-9;
  private static final int EXAMPLES = 300;
  private static final int NONE = Integer.MAX_VALUE;

  private static final DecisionTreeApi KATA = Target.pick(new DecisionTreeOfExercises(), new DecisionTreeOfSolutions());
  private static final DecisionTreeApi REFERENCE = new DecisionTreeOfSolutions();

  private static final Criterion GINI = Criterion.GINI;
  private static final Criterion ENTROPY = Criterion.ENTROPY;
  private static final Criterion SQUARED = Criterion.SQUARED_ERROR;

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void gini_impurity() {
      assertClose("impurity([0, 0, 1, 1], GINI) = 1 - (1/4 + 1/4)", 0.5, KATA.impurity(new double[] {0, 0, 1, 1}, GINI), EXACT);
      assertClose("impurity([0, 1, 2], GINI) = 1 - 3/9", 2.0 / 3, KATA.impurity(new double[] {0, 1, 2}, GINI), EXACT);
      assertClose("impurity([2, 2, 2], GINI): a pure node", 0, KATA.impurity(new double[] {2, 2, 2}, GINI), EXACT);
    }

    @Test
    void entropy_is_in_bits() {
      assertClose("impurity([0, 1], ENTROPY) = 1 bit (log base 2; natural log gives 0.693)", 1,
          KATA.impurity(new double[] {0, 1}, ENTROPY), EXACT);
      // p = (1/4, 1/4, 1/2): 2 * 1/4 * 2 + 1/2 * 1 = 1.5 bits.
      assertClose("impurity([0, 0, 1, 1, 2, 2, 2, 2], ENTROPY) = 1/4*2 + 1/4*2 + 1/2*1", 1.5,
          KATA.impurity(new double[] {0, 0, 1, 1, 2, 2, 2, 2}, ENTROPY), EXACT);
      assertClose("impurity([1, 1], ENTROPY): 0 log 0 counts 0 (no NaN from an absent class)", 0,
          KATA.impurity(new double[] {1, 1}, ENTROPY), EXACT);
    }

    @Test
    void squared_error_divides_by_n() {
      assertClose("impurity([1, 3], SQUARED_ERROR) = ((1 - 2)^2 + (3 - 2)^2) / 2, not / (n - 1)", 1,
          KATA.impurity(new double[] {1, 3}, SQUARED), EXACT);
    }

    @Test
    void the_decrease_weights_each_child_by_its_share() {
      // Parent [0, 0, 1, 0]: Gini 0.375. Children [0, 0] (0) and [1, 0] (1/2), each half the samples.
      assertClose("impurityDecrease([0, 0], [1, 0], GINI) = 0.375 - 1/2 * 0 - 1/2 * 1/2", 0.125,
          KATA.impurityDecrease(new double[] {0, 0}, new double[] {1, 0}, GINI), EXACT);
      // Children [0] (0, share 1/4) and [0, 1, 0] (4/9, share 3/4): 0.375 - 1/3.
      assertClose("impurityDecrease([0], [0, 1, 0], GINI) = 0.375 - 3/4 * 4/9 (children weighted by size, not averaged)",
          1.0 / 24, KATA.impurityDecrease(new double[] {0}, new double[] {0, 1, 0}, GINI), EXACT);
      // Parent [0, 1, 1, 1]: Gini 3/8. Left [0, 1] (1/2, share 1/2), right [1, 1] (0).
      assertClose("impurityDecrease([0, 1], [1, 1], GINI) = 3/8 - 1/2 * 1/2", 0.125,
          KATA.impurityDecrease(new double[] {0, 1}, new double[] {1, 1}, GINI), EXACT);
      // Parent [1, 3, 5]: variance 8/3. Left [1, 3] (variance 1, share 2/3), right [5] (0).
      assertClose("impurityDecrease([1, 3], [5], SQUARED_ERROR) = 8/3 - 2/3 * 1", 2,
          KATA.impurityDecrease(new double[] {1, 3}, new double[] {5}, SQUARED), EXACT);
    }

    @Test
    void the_problem_statement_split() {
      assertSplit("bestSplit([[1], [2], [3], [4]], [0, 0, 1, 0], GINI)", new Split(0, 2.5, 0.125),
          KATA.bestSplit(column(1, 2, 3, 4), new double[] {0, 0, 1, 0}, GINI, 1));
    }

    @Test
    void thresholds_are_midpoints_between_distinct_values() {
      // Values 1, 1, 3, 3: the only candidate is between 1 and 3.
      assertSplit("bestSplit([[1], [1], [3], [3]], [0, 0, 1, 1]): midpoint 2, equal values never separated",
          new Split(0, 2, 0.5), KATA.bestSplit(column(1, 1, 3, 3), new double[] {0, 0, 1, 1}, GINI, 1));
      // Values 1, 2, 2, 4 with labels 0, 1, 1, 1: 1.5 isolates the 0. Root Gini 3/8.
      assertSplit("bestSplit([[1], [2], [2], [4]], [0, 1, 1, 1]): threshold 1.5, between 1 and the first 2",
          new Split(0, 1.5, 0.375), KATA.bestSplit(column(1, 2, 2, 4), new double[] {0, 1, 1, 1}, GINI, 1));
      // Unsorted input: the same as sorted.
      assertSplit("bestSplit([[4], [2], [1], [2]], [1, 1, 0, 1]): the samples come in any order",
          new Split(0, 1.5, 0.375), KATA.bestSplit(column(4, 2, 1, 2), new double[] {1, 1, 0, 1}, GINI, 1));
    }

    @Test
    void a_midpoint_that_rounds_up_to_the_larger_value_becomes_the_smaller_value() {
      // a = the double just below 1, b = 1: a/2 + b/2 = 1 - 2^-54 rounds (to even) to 1 = b, which would send
      // both samples left; the threshold must then be a, so that a goes left and b right.
      double a = Math.nextDown(1.0);
      assertSplit("bestSplit([[0.9999999999999999], [1]], [0, 1]): the midpoint rounds to 1, so the threshold is "
          + "0.9999999999999999", new Split(0, a, 0.5), KATA.bestSplit(column(a, 1), new double[] {0, 1}, GINI, 1));
      Tree tree = KATA.fit(column(a, 1), new double[] {0, 1}, new Params(GINI, NONE, 2, 1));
      assertThat(KATA.predict(tree, column(a, 1))).as("predict [0.9999999999999999, 1] with that tree: x <= threshold "
          + "goes left").containsExactly(0, 1);
    }

    @Test
    void equally_good_thresholds_go_to_the_lowest() {
      // [0, 1, 1, 0]: 1.5 and 3.5 both give 0.5 - 3/4 * 4/9 = 1/6; 2.5 gives 0.
      assertSplit("bestSplit([[1], [2], [3], [4]], [0, 1, 1, 0]): 1.5 and 3.5 tie, the lowest threshold wins "
          + "(replace the best only on a strictly larger decrease)", new Split(0, 1.5, 1.0 / 6),
          KATA.bestSplit(column(1, 2, 3, 4), new double[] {0, 1, 1, 0}, GINI, 1));
    }

    @Test
    void equally_good_features_go_to_the_lowest_index() {
      // Feature 0 at 2.5 and feature 1 at 2.5 both separate the classes perfectly.
      double[][] x = {{4, 1}, {3, 2}, {2, 3}, {1, 4}};
      assertSplit("bestSplit([[4, 1], [3, 2], [2, 3], [1, 4]], [1, 1, 0, 0]): both features split perfectly; "
          + "feature 0 wins", new Split(0, 2.5, 0.5), KATA.bestSplit(x, new double[] {1, 1, 0, 0}, GINI, 1));
      // Feature 1 strictly better than feature 0: it must win despite its index.
      double[][] z = {{1, 1}, {2, 3}, {3, 2}, {4, 4}};
      assertSplit("bestSplit([[1, 1], [2, 3], [3, 2], [4, 4]], [0, 1, 0, 1]): only feature 1 separates the classes",
          new Split(1, 2.5, 0.5), KATA.bestSplit(z, new double[] {0, 1, 0, 1}, GINI, 1));
    }

    @Test
    void min_samples_leaf_rules_out_small_children() {
      // Labels [0, 1, 1, 1, 1]: 1.5 is pure but leaves one sample; with minSamplesLeaf 2 only 2.5 and 3.5
      // remain: 2.5 gives 8/25 - 2/5 * 1/2 = 0.12, 3.5 gives 8/25 - 3/5 * 4/9 = 0.0533.
      double[][] x = column(1, 2, 3, 4, 5);
      double[] y = {0, 1, 1, 1, 1};
      assertSplit("bestSplit(1..5, [0, 1, 1, 1, 1], minSamplesLeaf 1)", new Split(0, 1.5, 0.32), KATA.bestSplit(x, y, GINI, 1));
      assertSplit("bestSplit(1..5, [0, 1, 1, 1, 1], minSamplesLeaf 2): both children need 2 samples",
          new Split(0, 2.5, 0.12), KATA.bestSplit(x, y, GINI, 2));
      assertSplit("bestSplit(1..5, [0, 1, 1, 1, 1], minSamplesLeaf 3): no candidate leaves 3 on both sides",
          new Split(-1, Double.NaN, 0), KATA.bestSplit(x, y, GINI, 3));
    }

    @Test
    void no_candidate_gives_the_empty_split() {
      assertSplit("bestSplit([[2], [2], [2]], [0, 1, 0]): one distinct value, nothing to split",
          new Split(-1, Double.NaN, 0), KATA.bestSplit(column(2, 2, 2), new double[] {0, 1, 0}, GINI, 1));
      assertSplit("bestSplit([[7]], [1]): a single sample", new Split(-1, Double.NaN, 0),
          KATA.bestSplit(column(7), new double[] {1}, ENTROPY, 1));
    }

    @Test
    void a_split_with_zero_decrease_is_still_a_split() {
      // XOR: every candidate decreases Gini by 0; scikit-learn still splits, at the first candidate.
      double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
      double[] y = {0, 1, 1, 0};
      assertSplit("bestSplit(XOR): every decrease is 0, the first candidate (feature 0, 0.5) is still the best",
          new Split(0, 0.5, 0), KATA.bestSplit(x, y, GINI, 1));
      Tree tree = KATA.fit(x, y, new Params(GINI, 1, 2, 1));
      assertThat(tree).as("fit(XOR, maxDepth 1)").isNotNull();
      assertThat(tree.nodes()).as("fit(XOR, maxDepth 1): the root splits although nothing improves").hasSize(3);
    }

    @Test
    void regression_splits_minimise_the_squared_error() {
      // Root variance 3.34. At 2.5: left [1, 1.5] variance 1/16, right [4, 5, 5.5] variance 7/18.
      double expected = 3.34 - 0.4 / 16 - 0.6 * 7 / 18;
      assertSplit("bestSplit([[1], [2], [3], [4], [6]], [1, 1.5, 4, 5, 5.5], SQUARED_ERROR)",
          new Split(0, 2.5, expected), KATA.bestSplit(column(1, 2, 3, 4, 6), new double[] {1, 1.5, 4, 5, 5.5}, SQUARED, 1));
    }

    @Test
    void the_problem_statement_tree() {
      Tree tree = KATA.fit(column(1, 2, 3, 4), new double[] {0, 0, 1, 0}, new Params(GINI, NONE, 2, 1));
      assertTree("fit([[1], [2], [3], [4]], [0, 0, 1, 0], GINI, no limits)", tree, new Node[] {
          new Node(0, 2.5, 1, 2, 4, 0.375, new double[] {3, 1}),
          leaf(2, 0, 2, 0),
          new Node(0, 3.5, 3, 4, 2, 0.5, new double[] {1, 1}),
          leaf(1, 0, 0, 1),
          leaf(1, 0, 1, 0)});
      assertThat(KATA.predict(tree, column(3.5, 2.5, 0, 3.6))).as("predict 3.5, 2.5, 0 and 3.6 with the statement tree "
          + "(x <= threshold goes left)").containsExactly(1, 0, 0, 0);
    }

    @Test
    void nodes_are_numbered_in_preorder_not_breadth_first() {
      // [0, 1, 2, 2]: the root splits at 2.5 (0.625 - 1/2 * 1/2), then its left child [0, 1] at 1.5.
      Tree tree = KATA.fit(column(1, 2, 3, 4), new double[] {0, 1, 2, 2}, new Params(GINI, NONE, 2, 1));
      assertTree("fit([[1], [2], [3], [4]], [0, 1, 2, 2]): the left subtree (nodes 1-3) before the right leaf (node 4)",
          tree, new Node[] {
              new Node(0, 2.5, 1, 4, 4, 0.625, new double[] {1, 1, 2}),
              new Node(0, 1.5, 2, 3, 2, 0.5, new double[] {1, 1, 0}),
              leaf(1, 0, 1, 0, 0),
              leaf(1, 0, 0, 1, 0),
              leaf(2, 0, 0, 0, 2)});
    }

    @Test
    void max_depth_and_min_samples_split_stop_the_growth() {
      double[][] x = column(1, 2, 3, 4);
      double[] y = {0, 1, 2, 2};
      assertTree("fit([0, 1, 2, 2], maxDepth 1): a stump", KATA.fit(x, y, new Params(GINI, 1, 2, 1)), new Node[] {
          new Node(0, 2.5, 1, 2, 4, 0.625, new double[] {1, 1, 2}),
          leaf(2, 0.5, 1, 1, 0),
          leaf(2, 0, 0, 0, 2)});
      Tree tree = KATA.fit(x, y, new Params(GINI, NONE, 3, 1));
      assertTree("fit([0, 1, 2, 2], minSamplesSplit 3): the 2-sample child may not split", tree, new Node[] {
          new Node(0, 2.5, 1, 2, 4, 0.625, new double[] {1, 1, 2}),
          leaf(2, 0.5, 1, 1, 0),
          leaf(2, 0, 0, 0, 2)});
      assertThat(KATA.predict(tree, column(1, 2))).as("predict at a leaf with counts [1, 1, 0]: a tie goes to class 0")
          .containsExactly(0, 0);
      assertTree("fit([[1], [2], [3]], [0, 1, 1], minSamplesSplit 3): a node of exactly 3 samples may split",
          KATA.fit(column(1, 2, 3), new double[] {0, 1, 1}, new Params(GINI, NONE, 3, 1)), new Node[] {
              new Node(0, 1.5, 1, 2, 3, 4.0 / 9, new double[] {1, 2}),
              leaf(1, 0, 1, 0),
              leaf(2, 0, 0, 2)});
    }

    @Test
    void class_counts_cover_every_label_up_to_the_largest() {
      Tree tree = KATA.fit(column(1, 2), new double[] {0, 2}, new Params(ENTROPY, NONE, 2, 1));
      assertTree("fit([[1], [2]], [0, 2], ENTROPY): K = 3 counts per node, class 1 absent", tree, new Node[] {
          new Node(0, 1.5, 1, 2, 2, 1, new double[] {1, 0, 1}),
          leaf(1, 0, 1, 0, 0),
          leaf(1, 0, 0, 0, 1)});
      assertThat(KATA.predict(tree, column(0, 5))).as("predict with that tree").containsExactly(0, 2);
    }

    @Test
    void a_regression_tree_predicts_leaf_means() {
      Tree tree = KATA.fit(column(1, 2, 3, 4, 6), new double[] {1, 1.5, 4, 5, 5.5}, new Params(SQUARED, 1, 2, 1));
      assertTree("fit(regression stump, maxDepth 1)", tree, new Node[] {
          new Node(0, 2.5, 1, 2, 5, 3.34, new double[] {3.4}),
          new Node(-1, Double.NaN, -1, -1, 2, 1.0 / 16, new double[] {1.25}),
          new Node(-1, Double.NaN, -1, -1, 3, 7.0 / 18, new double[] {29.0 / 6})});
      assertAllClose("predict 2.5, 2.25 and 10 with the regression stump: leaf means", new double[] {1.25, 1.25, 29.0 / 6},
          KATA.predict(tree, column(2.5, 2.25, 10)), EXACT);
    }

    @Test
    void a_pure_node_is_a_leaf() {
      assertTree("fit([[1], [2], [3]], [1, 1, 1]): pure from the start, a single leaf",
          KATA.fit(column(1, 2, 3), new double[] {1, 1, 1}, new Params(GINI, NONE, 2, 1)), new Node[] {leaf(3, 0, 0, 3)});
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    private final double[][] x = column(1, 2, 3);
    private final Params plain = new Params(GINI, NONE, 2, 1);

    @Test
    void class_labels_must_be_whole_numbers_from_0_to_255() {
      assertRejects("impurity([0, 1.5], GINI)", "y", () -> KATA.impurity(new double[] {0, 1.5}, GINI));
      assertRejects("impurity([0, -1], ENTROPY)", "y", () -> KATA.impurity(new double[] {0, -1}, ENTROPY));
      assertRejects("fit with label 256", "y", () -> KATA.fit(x, new double[] {0, 1, 256}, plain));
      assertClose("impurity([255, 0], GINI): 255 is a valid label", 0.5, KATA.impurity(new double[] {255, 0}, GINI), EXACT);
      assertRejects("impurityDecrease with left [0.5]", "left", () -> KATA.impurityDecrease(new double[] {0.5}, new double[] {1}, GINI));
      assertRejects("impurityDecrease with right [NaN]", "right",
          () -> KATA.impurityDecrease(new double[] {0}, new double[] {Double.NaN}, SQUARED));
    }

    @Test
    void targets_must_be_finite_and_not_empty() {
      assertRejects("impurity of no targets", "y", () -> KATA.impurity(new double[0], SQUARED));
      assertRejects("impurity([1, NaN], SQUARED_ERROR)", "y", () -> KATA.impurity(new double[] {1, Double.NaN}, SQUARED));
      assertRejects("impurityDecrease with an empty left", "left", () -> KATA.impurityDecrease(new double[0], new double[] {1}, GINI));
      assertRejects("impurityDecrease with an empty right", "right", () -> KATA.impurityDecrease(new double[] {1}, new double[0], GINI));
      assertRejects("bestSplit with an infinite target", "y",
          () -> KATA.bestSplit(x, new double[] {1, Double.POSITIVE_INFINITY, 2}, SQUARED, 1));
    }

    @Test
    void features_must_be_non_empty_rectangular_finite_and_match_y() {
      assertRejects("bestSplit with no samples", "x", () -> KATA.bestSplit(new double[0][], new double[0], GINI, 1));
      assertRejects("bestSplit with a ragged x", "x", () -> KATA.bestSplit(new double[][] {{1, 2}, {3}}, new double[] {0, 1}, GINI, 1));
      assertRejects("bestSplit with rows without features", "x", () -> KATA.bestSplit(new double[][] {{}, {}}, new double[] {0, 1}, GINI, 1));
      assertRejects("fit with a NaN feature", "x", () -> KATA.fit(column(1, Double.NaN, 3), new double[] {0, 1, 0}, plain));
      assertRejects("fit with 2 targets for 3 rows", "y", () -> KATA.fit(x, new double[] {0, 1}, plain));
    }

    @Test
    void growth_limits_must_be_valid() {
      double[] y = {0, 1, 0};
      assertRejects("bestSplit with minSamplesLeaf 0", "minSamplesLeaf", () -> KATA.bestSplit(x, y, GINI, 0));
      assertRejects("fit with maxDepth 0", "maxDepth", () -> KATA.fit(x, y, new Params(GINI, 0, 2, 1)));
      assertRejects("fit with minSamplesSplit 1", "minSamplesSplit", () -> KATA.fit(x, y, new Params(GINI, NONE, 1, 1)));
      assertRejects("fit with minSamplesLeaf 0", "minSamplesLeaf", () -> KATA.fit(x, y, new Params(GINI, NONE, 2, 0)));
    }

    @Test
    void predict_rejects_bad_rows_and_empty_trees() {
      Tree tree = new Tree(GINI, new Node[] {new Node(1, 0.5, 1, 2, 2, 0.5, new double[] {1, 1}),
          leaf(1, 0, 1, 0), leaf(1, 0, 0, 1)});
      assertRejects("predict a 1-feature row with a tree splitting on feature 1", "x", () -> KATA.predict(tree, column(3)));
      assertRejects("predict a row with a NaN", "x", () -> KATA.predict(tree, new double[][] {{0, Double.NaN}}));
      assertRejects("predict with a tree of no nodes", "tree", () -> KATA.predict(new Tree(GINI, new Node[0]), column(1)));
      Tree broken = new Tree(GINI, new Node[] {new Node(0, 0.5, 1, 7, 2, 0.5, new double[] {1, 1}), leaf(1, 0, 1, 0)});
      assertRejects("predict with a child index 7 of 2 nodes", "tree", () -> KATA.predict(broken, column(1)));
      Tree pastTheEnd = new Tree(GINI, new Node[] {new Node(0, 0.5, 1, 2, 2, 0.5, new double[] {1, 1}), leaf(1, 0, 1, 0)});
      assertRejects("predict with a child index 2 of 2 nodes", "tree", () -> KATA.predict(pastTheEnd, column(1)));
      Tree cycle = new Tree(GINI, new Node[] {new Node(0, 0.5, 0, 0, 2, 0.5, new double[] {1, 1})});
      assertRejects("predict with a root whose children are the root (a cycle)", "tree", () -> KATA.predict(cycle, column(1)));
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("impurity(null, GINI)", () -> KATA.impurity(null, GINI));
      assertNullRejected("impurity(y, null)", () -> KATA.impurity(new double[] {0}, null));
      assertNullRejected("bestSplit(null, ...)", () -> KATA.bestSplit(null, new double[] {0}, GINI, 1));
      assertNullRejected("fit(x, y, null)", () -> KATA.fit(x, new double[] {0, 1, 0}, null));
      assertNullRejected("predict(null, x)", () -> KATA.predict(null, x));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] features = {{3, 1}, {1, 2}, {2, 0}, {1, 1}};
      double[] y = {1, 0, 1, 0};
      double[][] copy = Tensors.deepCopy(features);
      KATA.bestSplit(features, y, GINI, 1);
      Tree tree = KATA.fit(features, y, plain);
      KATA.predict(tree, features);
      KATA.impurity(y, ENTROPY);
      assertThat(features).as("x after bestSplit, fit and predict").isDeepEqualTo(copy);
      assertThat(y).as("y after bestSplit, fit and impurity").containsExactly(1, 0, 1, 0);
    }
  }

  @Nested
  @DisplayName("golden cases from scikit-learn")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("models/decision-tree");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_tree_matches_scikit_learn(Goldens.Case c) {
      Tree tree = KATA.fit(c.input().matrix("x"), c.input().doubles("y"), params(c));
      List<Goldens.Values> nodes = c.expected().objects("nodes");
      Node[] expected = new Node[nodes.size()];
      for (int i = 0; i < expected.length; i++) {
        Goldens.Values n = nodes.get(i);
        expected[i] = new Node((int) n.integer("feature"), n.number("threshold"), (int) n.integer("left"),
            (int) n.integer("right"), (int) n.integer("samples"), n.number("impurity"), n.doubles("value"));
      }
      assertTree("fit of golden '" + c.name() + "' vs " + c.library(), tree, expected, GOLDEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void predictions_match_scikit_learn(Goldens.Case c) {
      Tree tree = KATA.fit(c.input().matrix("x"), c.input().doubles("y"), params(c));
      assertNear(() -> "predict on the training rows of golden '" + c.name() + "' vs " + c.library(),
          c.expected().doubles("predict_train"), KATA.predict(tree, c.input().matrix("x")), GOLDEN);
      assertNear(() -> "predict on new rows of golden '" + c.name() + "' vs " + c.library(),
          c.expected().doubles("predict_new"), KATA.predict(tree, c.input().matrix("new")), GOLDEN);
    }

    private Params params(Goldens.Case c) {
      return new Params(Criterion.valueOf(c.input().string("criterion")), (int) c.input().integer("max_depth"),
          (int) c.input().integer("min_samples_split"), (int) c.input().integer("min_samples_leaf"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void the_best_split_has_the_largest_decrease_of_every_candidate() {
      Props.check("bestSplit's decrease = the largest decrease over every valid candidate, scored from scratch",
          EXAMPLES, DecisionTreeGens.problems(), p -> {
            int minLeaf = p.params().minSamplesLeaf();
            Split s = KATA.bestSplit(p.x(), p.y(), p.params().criterion(), minLeaf);
            List<double[]> candidates = candidates(p.x(), p.y(), p.params().criterion(), minLeaf);
            String what = "bestSplit(" + p + ")";
            assertThat(s).as(what).isNotNull();
            if (candidates.isEmpty()) {
              assertThat(s.feature()).as("%s: no valid candidate, feature", what).isEqualTo(-1);
              return;
            }
            double best = candidates.stream().mapToDouble(c -> c[2]).max().getAsDouble();
            double tol = RANDOM * Math.max(1, oracleImpurity(p.y(), p.params().criterion()));
            assertClose(what + ": decrease vs the best of " + candidates.size() + " candidates", best, s.decrease(), tol);
            double[] first = candidates.stream().filter(c -> c[2] >= best - tol).findFirst().get();
            assertThat(new double[] {s.feature(), s.threshold()})
                .as("%s: (feature, threshold), the first of the equally good candidates", what)
                .containsExactly(first[0], first[1]);
          });
    }

    @Test
    void every_node_is_consistent_with_the_samples_that_reach_it() {
      Props.check("each node holds the counts, impurity and value of its samples; children in preorder; limits "
          + "respected; a node splits exactly when a rule lets it", EXAMPLES, DecisionTreeGens.problems(),
          p -> assertConsistent(p, KATA.fit(p.x(), p.y(), p.params())));
    }

    @Test
    void a_fully_grown_tree_predicts_its_training_data() {
      Props.check("with no limits, every training row with a unique feature vector is predicted exactly", EXAMPLES,
          DecisionTreeGens.problems(), p -> {
            Params free = new Params(p.params().criterion(), NONE, 2, 1);
            double[] predicted = KATA.predict(KATA.fit(p.x(), p.y(), free), p.x());
            for (int i = 0; i < p.y().length; i++) {
              int duplicates = 0;
              for (double[] row : p.x()) {
                duplicates += Arrays.equals(row, p.x()[i]) ? 1 : 0;
              }
              if (duplicates == 1) {
                assertClose("predict of training row " + i + " with a fully grown tree for " + p, p.y()[i], predicted[i],
                    RANDOM * Math.max(1, Math.abs(p.y()[i])));
              }
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void trees_and_predictions_match_the_reference() {
      Props.check("fit and predict agree with the reference", EXAMPLES, DecisionTreeGens.problems(), p -> {
        Tree expected = REFERENCE.fit(p.x(), p.y(), p.params());
        Tree actual = KATA.fit(p.x(), p.y(), p.params());
        assertTree("fit(" + p + ")", actual, expected.nodes(), RANDOM);
        double[][] probes = new double[12][p.x()[0].length];
        Random random = new Random(p.x().length * 31L + p.y().length);
        for (double[] row : probes) {
          for (int j = 0; j < row.length; j++) {
            row[j] = random.nextInt(13) / 2.0 - 0.5;
          }
        }
        assertNear(() -> "predict on probe rows " + Arrays.deepToString(probes) + " with the tree of " + p,
            REFERENCE.predict(expected, probes), KATA.predict(actual, probes), RANDOM);
      });
    }
  }

  @Nested
  @DisplayName("efficiency")
  @Tag("efficiency")
  final class Speed {
    @Test
    @Timeout(120)
    void the_split_search_on_twenty_thousand_samples_takes_at_most_25x_the_reference() {
      Random random = new Random(20261207L);
      int n = 20_000;
      double[][] x = new double[n][3];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 3; j++) {
          x[i][j] = Math.round(random.nextGaussian() * 1e4) / 1e4;
        }
        y[i] = x[i][0] + random.nextGaussian() > 0.5 ? 2 : x[i][1] > 0 ? 1 : 0;
      }
      Efficiency.assertWithinRatio("bestSplit of 2*10^4 samples, 3 features (Gini)",
          () -> REFERENCE.bestSplit(x, y, GINI, 1), () -> KATA.bestSplit(x, y, GINI, 1), 25);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The grader's own oracle.

  static double[][] column(double... values) {
    return Arrays.stream(values).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
  }

  /** A leaf with its class counts; impurity given. */
  static Node leaf(int samples, double impurity, double... counts) {
    return new Node(-1, Double.NaN, -1, -1, samples, impurity, counts);
  }

  static void assertSplit(String what, Split expected, Split actual) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.feature()).as("%s: feature (expected %s, got %s)", what, expected, actual).isEqualTo(expected.feature());
    assertClose(what + ": threshold (expected " + expected + ", got " + actual + ")", expected.threshold(),
        actual.threshold(), 0);
    assertClose(what + ": decrease (expected " + expected + ", got " + actual + ")", expected.decrease(),
        actual.decrease(), EXACT);
  }

  static void assertTree(String what, Tree actual, Node[] expected) {
    assertTree(what, actual, expected, EXACT);
  }

  /** Same nodes: structure exactly, impurity and value within {@code tol} (relative above 1). */
  static void assertTree(String what, Tree actual, Node[] expected, double tol) {
    assertThat(actual).as(what).isNotNull();
    assertThat(actual.nodes()).as(what + ": nodes").isNotNull();
    String shape = what + ": expected nodes " + describe(expected) + "\n  but got " + describe(actual.nodes());
    assertThat(actual.nodes().length).as("%s: number of nodes", shape).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      Node e = expected[i];
      Node a = actual.nodes()[i];
      assertThat(a).as("%s: node %d", shape, i).isNotNull();
      assertThat(new int[] {a.feature(), a.left(), a.right(), a.samples()})
          .as("%s: node %d (feature, left, right, samples)", shape, i)
          .containsExactly(e.feature(), e.left(), e.right(), e.samples());
      assertClose(shape + ": node " + i + " threshold", e.threshold(), a.threshold(), 0);
      assertNear(shape + ": node " + i + " impurity", e.impurity(), a.impurity(), tol);
      int node = i;
      assertNear(() -> shape + ": node " + node + " value", e.value(), a.value(), tol);
    }
  }

  static String describe(Node[] nodes) {
    if (nodes == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < nodes.length; i++) {
      Node n = nodes[i];
      out.append("\n    ").append(i).append(": ");
      if (n == null) {
        out.append("null");
      } else if (n.left() < 0) {
        out.append("leaf samples=").append(n.samples()).append(" value=").append(Arrays.toString(n.value()));
      } else {
        out.append("x[").append(n.feature()).append("] <= ").append(n.threshold()).append(" ? ").append(n.left())
            .append(" : ").append(n.right()).append(" samples=").append(n.samples());
      }
    }
    return out.toString();
  }

  static double oracleImpurity(double[] y, Criterion criterion) {
    int n = y.length;
    if (criterion == Criterion.SQUARED_ERROR) {
      double mean = Tensors.mean(y);
      return Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / n;
    }
    double[] counts = new double[256];
    for (double v : y) {
      counts[(int) v]++;
    }
    double out = criterion == Criterion.GINI ? 1 : 0;
    for (double c : counts) {
      if (c > 0) {
        double p = c / n;
        out += criterion == Criterion.GINI ? -p * p : -p * Math.log(p) / Math.log(2);
      }
    }
    return out;
  }

  /** Every valid candidate as {feature, threshold, decrease}, features then thresholds in order. */
  static List<double[]> candidates(double[][] x, double[] y, Criterion criterion, int minLeaf) {
    List<double[]> out = new ArrayList<>();
    double parent = oracleImpurity(y, criterion);
    int n = y.length;
    for (int f = 0; f < x[0].length; f++) {
      int feature = f;
      double[] values = Arrays.stream(x).mapToDouble(r -> r[feature]).distinct().sorted().toArray();
      for (int k = 0; k + 1 < values.length; k++) {
        double t = values[k] / 2 + values[k + 1] / 2;
        List<Double> left = new ArrayList<>();
        List<Double> right = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          (x[i][f] <= t ? left : right).add(y[i]);
        }
        if (left.size() < minLeaf || right.size() < minLeaf) {
          continue;
        }
        double[] l = left.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = right.stream().mapToDouble(Double::doubleValue).toArray();
        out.add(new double[] {f, t,
            parent - (double) l.length / n * oracleImpurity(l, criterion) - (double) r.length / n * oracleImpurity(r, criterion)});
      }
    }
    return out;
  }

  /** Routes the training samples through the tree and checks every node against them and the rules. */
  static void assertConsistent(Problem p, Tree tree) {
    String what = "fit(" + p + ")";
    assertThat(tree).as(what).isNotNull();
    assertThat(tree.nodes()).as(what + ": nodes").isNotEmpty();
    int[] all = new int[p.y().length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int visited = check(p, tree.nodes(), 0, all, 0, what + ": expected nodes\n  " + describe(tree.nodes()));
    assertThat(visited).as("%s: every node is reached from the root, in preorder", what).isEqualTo(tree.nodes().length);
  }

  /** Checks the subtree at {@code at}; returns the index one past its last node (preorder). */
  private static int check(Problem p, Node[] nodes, int at, int[] samples, int depth, String what) {
    assertThat(at).as("%s: node index", what).isLessThan(nodes.length);
    Node node = nodes[at];
    Criterion criterion = p.params().criterion();
    double[] ys = Arrays.stream(samples).mapToDouble(i -> p.y()[i]).toArray();
    double impurity = oracleImpurity(ys, criterion);
    double scale = Math.max(1, impurity);
    assertThat(node.samples()).as("%s: node %d samples", what, at).isEqualTo(samples.length);
    assertClose(what + ": node " + at + " impurity", impurity, node.impurity(), RANDOM * scale);
    if (criterion == Criterion.SQUARED_ERROR) {
      assertNear(() -> what + ": node " + at + " value (mean target)", new double[] {Tensors.mean(ys)}, node.value(), RANDOM);
    } else {
      int classes = (int) Arrays.stream(p.y()).max().getAsDouble() + 1;
      double[] counts = new double[classes];
      for (double v : ys) {
        counts[(int) v]++;
      }
      assertThat(node.value()).as("%s: node %d value (class counts)", what, at).containsExactly(counts);
    }
    Params params = p.params();
    boolean mayGrow = depth < params.maxDepth() && samples.length >= params.minSamplesSplit()
        && samples.length >= 2 * params.minSamplesLeaf() && impurity > 1e-12
        && !candidates(Arrays.stream(samples).mapToObj(i -> p.x()[i]).toArray(double[][]::new), ys, criterion,
            params.minSamplesLeaf()).isEmpty();
    if (node.left() < 0) {
      assertThat(mayGrow).as("%s: node %d is a leaf although depth %d, %d samples, impurity %s and a valid split "
          + "allow a split", what, at, depth, samples.length, impurity).isFalse();
      return at + 1;
    }
    assertThat(mayGrow).as("%s: node %d splits although a stopping rule makes it a leaf (depth %d, %d samples, "
        + "impurity %s)", what, at, depth, samples.length, impurity).isTrue();
    assertThat(node.left()).as("%s: node %d's left child comes right after it (preorder)", what, at).isEqualTo(at + 1);
    int[] left = Arrays.stream(samples).filter(i -> p.x()[i][node.feature()] <= node.threshold()).toArray();
    int[] right = Arrays.stream(samples).filter(i -> p.x()[i][node.feature()] > node.threshold()).toArray();
    int next = check(p, nodes, at + 1, left, depth + 1, what);
    assertThat(node.right()).as("%s: node %d's right child comes after the left subtree (preorder)", what, at).isEqualTo(next);
    return check(p, nodes, next, right, depth + 1, what);
  }
}

package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.deepCopy;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import mlkata.grader.layers.EmbeddingBagApi.Gradients;
import mlkata.grader.layers.EmbeddingBagApi.Mode;
import mlkata.grader.layers.EmbeddingBagGens.Call;
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
 * Grades {@code layers/embedding-bag}: PyTorch's {@code F.embedding_bag} with 1-D indices and offsets,
 * modes sum / mean / max, per-sample weights and a padding index, and its gradient in coalesced sparse
 * form (distinct looked-up rows ascending, duplicates summed).
 *
 * <p>Tolerances are mixed absolute/relative ({@code KataAssertions.assertNear}): {@link #OUTPUT} for
 * bag outputs, {@link #GRADIENT} for gradient values, {@link #FD_STEP} / {@link #FD_TOLERANCE} for
 * central differences. Row lists are integers and must match exactly.
 */
@KataSpec
@DisplayName("layers/embedding-bag: EmbeddingBag: sum, mean and max bags")
final class EmbeddingBagSpec {
  /** A bag output is a sum of at most a dozen products of 4-decimal values, or one division: a few ulps. */
  static final double OUTPUT = 1e-12;
  /** A gradient value is a sum of at most a dozen such products: a few ulps. */
  static final double GRADIENT = 1e-12;
  /** Central-difference step; sum and mean are linear in the table, max piecewise linear away from ties. */
  static final double FD_STEP = 1e-6;
  /** The loss is linear in each entry near the point, so only rounding (1e-16 * |loss| / h = 1e-10) remains. */
  static final double FD_TOLERANCE = 1e-7;
  private static final int EXAMPLES = 300;
  private static final int GRADIENT_EXAMPLES = 60;

  private static final EmbeddingBagApi KATA = Target.pick(new EmbeddingBagOfExercises(), new EmbeddingBagOfSolutions());
  private static final EmbeddingBagApi REFERENCE = new EmbeddingBagOfSolutions();
  private static final OptionalInt NONE = OptionalInt.empty();

  /** The statement's table: rows 0 and 1 tie at 1 in column 0. */
  private static final double[][] TABLE = {{1, 5}, {1, 2}, {3, 5}, {0, 0}};
  /** Bags [0, 1], [], [2, 1, 3], []. */
  private static final int[] INDICES = {0, 1, 2, 1, 3};
  private static final int[] OFFSETS = {0, 2, 2, 5};
  private static final double[][] D_OUT = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // Bags [0, 1], [], [2, 1, 3], []. Sums [1+1, 5+2] = [2, 7] and [3+1+0, 5+2+0] = [4, 7].
      assertOutput("SUM of the statement example (bags 1 and 3 are empty: zeros)", new double[][] {{2, 7}, {0, 0}, {4, 7}, {0, 0}},
          KATA.forward(TABLE, INDICES, OFFSETS, Mode.SUM, null, NONE));
      assertOutput("MEAN of the statement example (bags 1 and 3 are empty: zeros, not 0 / 0 = NaN)", new double[][] {{1, 3.5}, {0, 0}, {4.0 / 3, 7.0 / 3}, {0, 0}},
          KATA.forward(TABLE, INDICES, OFFSETS, Mode.MEAN, null, NONE));
      assertOutput("MAX of the statement example (bags 1 and 3 are empty: zeros, not -Infinity)", new double[][] {{1, 5}, {0, 0}, {3, 5}, {0, 0}},
          KATA.forward(TABLE, INDICES, OFFSETS, Mode.MAX, null, NONE));
      // SUM: row 0 <- bag 0 [1, 2]; row 1 <- bags 0 and 2 [1+5, 2+6]; rows 2, 3 <- bag 2 [5, 6].
      assertGradients("SUM backward of the statement example with dOutput " + Arrays.deepToString(D_OUT),
          new int[] {0, 1, 2, 3}, new double[][] {{1, 2}, {6, 8}, {5, 6}, {5, 6}}, null,
          KATA.backward(TABLE, INDICES, OFFSETS, Mode.SUM, null, NONE, D_OUT));
      // MAX: bag 0 column 0 ties (rows 0 and 1 hold 1): the first entry, row 0, wins; column 1: row 0 (5 > 2).
      // Bag 2: row 2 wins both columns. Rows 1 and 3 are listed with zeros.
      assertGradients("MAX backward of the statement example with dOutput " + Arrays.deepToString(D_OUT)
          + " (in bag 0 rows 0 and 1 tie at 1 in column 0: the first entry, row 0, gets the gradient)",
          new int[] {0, 1, 2, 3}, new double[][] {{1, 2}, {0, 0}, {5, 6}, {0, 0}}, null,
          KATA.backward(TABLE, INDICES, OFFSETS, Mode.MAX, null, NONE, D_OUT));
    }

    @Test
    void offsets_mark_bag_starts_and_the_last_bag_runs_to_the_end() {
      // offsets [0, 3] with 5 indices: two bags, [0, 1, 2] and [1, 3] (include_last_offset = False).
      assertOutput("SUM with indices " + Arrays.toString(INDICES) + " and offsets [0, 3]: bags [0, 1, 2] and [1, 3]",
          new double[][] {{5, 12}, {1, 2}}, KATA.forward(TABLE, INDICES, new int[] {0, 3}, Mode.SUM, null, NONE));
      assertOutput("SUM with offsets [0]: one bag of everything", new double[][] {{6, 14}},
          KATA.forward(TABLE, INDICES, new int[] {0}, Mode.SUM, null, NONE));
    }

    @Test
    void an_empty_bag_gives_zeros_in_every_mode() {
      for (Mode mode : Mode.values()) {
        // Indices [2, 3] with offsets [0, 0, 1]: bag 0 is empty, bag 1 = [2] (row [3, 5]), bag 2 = [3] (row [0, 0]).
        assertOutput(mode + " with indices [2, 3] and offsets [0, 0, 1]: bag 0 is empty (zeros, not NaN or -Infinity)",
            new double[][] {{0, 0}, {3, 5}, {0, 0}}, KATA.forward(TABLE, new int[] {2, 3}, new int[] {0, 0, 1}, mode,
                null, NONE));
      }
      assertOutput("MEAN with no indices and offsets [0, 0]", new double[][] {{0, 0}, {0, 0}},
          KATA.forward(TABLE, new int[0], new int[] {0, 0}, Mode.MEAN, null, NONE));
    }

    @Test
    void mean_divides_by_the_size_of_each_bag() {
      // Bags [0, 2, 2] and [1]: (1 + 3 + 3) / 3, (5 + 5 + 5) / 3; and row 1 itself.
      assertOutput("MEAN with indices [0, 2, 2, 1], offsets [0, 3]", new double[][] {{7.0 / 3, 5}, {1, 2}},
          KATA.forward(TABLE, new int[] {0, 2, 2, 1}, new int[] {0, 3}, Mode.MEAN, null, NONE));
    }

    @Test
    void max_is_taken_per_column() {
      // Rows 1 [1, 2] and 2 [3, 5] and a table row [4, -1]: column maxima come from different rows.
      double[][] t = {{4, -1}, {1, 2}, {3, 5}};
      assertOutput("MAX of rows [0, 1, 2] of " + Arrays.deepToString(t), new double[][] {{4, 5}},
          KATA.forward(t, new int[] {0, 1, 2}, new int[] {0}, Mode.MAX, null, NONE));
      // Column 0's gradient goes to row 0, column 1's to row 2.
      assertGradients("MAX backward of rows [0, 1, 2] of " + Arrays.deepToString(t) + " with dOutput [[7, 9]]",
          new int[] {0, 1, 2}, new double[][] {{7, 0}, {0, 0}, {0, 9}}, null,
          KATA.backward(t, new int[] {0, 1, 2}, new int[] {0}, Mode.MAX, null, NONE, new double[][] {{7, 9}}));
      // All-negative rows: the maximum is negative, not 0.
      double[][] negative = {{-1, -5}, {-2, -0.5}};
      assertOutput("MAX of the negative rows " + Arrays.deepToString(negative), new double[][] {{-1, -0.5}},
          KATA.forward(negative, new int[] {0, 1}, new int[] {0}, Mode.MAX, null, NONE));
    }

    @Test
    void duplicate_rows_are_summed_and_listed_once_in_ascending_order() {
      // Indices [3, 0, 3, 3] in one bag: row 3 gets 3 * dOutput, row 0 once; rows ascending.
      assertGradients("SUM backward of indices [3, 0, 3, 3], offsets [0], dOutput [[1, -2]]", new int[] {0, 3},
          new double[][] {{1, -2}, {3, -6}}, null, KATA.backward(TABLE, new int[] {3, 0, 3, 3}, new int[] {0}, Mode.SUM,
              null, NONE, new double[][] {{1, -2}}));
      // MEAN: each of the 4 entries contributes dOutput / 4.
      assertGradients("MEAN backward of indices [3, 0, 3, 3], offsets [0], dOutput [[1, -2]]", new int[] {0, 3},
          new double[][] {{0.25, -0.5}, {0.75, -1.5}}, null, KATA.backward(TABLE, new int[] {3, 0, 3, 3}, new int[] {0},
              Mode.MEAN, null, NONE, new double[][] {{1, -2}}));
    }

    @Test
    void a_max_tie_goes_to_the_first_entry_of_the_bag() {
      double[][] t = {{2, 1}, {2, 3}, {0, 3}};
      // Bag [2, 1, 0, 1]: column 0 holds 0, 2, 2, 2 -> the first 2 is row 1 (position 1); column 1 holds 3, 3, 1, 3
      // -> the first 3 is row 2 (position 0). A repeated winning row is credited once.
      assertGradients("MAX backward of indices [2, 1, 0, 1] into " + Arrays.deepToString(t) + ", dOutput [[1, 1]]",
          new int[] {0, 1, 2}, new double[][] {{0, 0}, {1, 0}, {0, 1}}, null,
          KATA.backward(t, new int[] {2, 1, 0, 1}, new int[] {0}, Mode.MAX, null, NONE, new double[][] {{1, 1}}));
      assertGradients("MAX backward of indices [1, 1] into " + Arrays.deepToString(t) + ", dOutput [[1, 1]]: "
          + "the row wins once, not twice", new int[] {1}, new double[][] {{1, 1}}, null,
          KATA.backward(t, new int[] {1, 1}, new int[] {0}, Mode.MAX, null, NONE, new double[][] {{1, 1}}));
    }

    @Test
    void per_sample_weights_scale_rows_and_get_a_dot_product_gradient() {
      double[] psw = {2, -1, 0.5};
      // Bag [0, 2, 1] weighted 2, -1, 0.5: 2 [1, 5] - [3, 5] + 0.5 [1, 2] = [-0.5, 6].
      assertOutput("weighted SUM of indices [0, 2, 1] with weights " + Arrays.toString(psw), new double[][] {{-0.5, 6}},
          KATA.forward(TABLE, new int[] {0, 2, 1}, new int[] {0}, Mode.SUM, psw, NONE));
      // Row gradients w_k * dOutput; weight gradients dOutput . row: [1, 1] . [1, 5] = 6, . [3, 5] = 8, . [1, 2] = 3.
      assertGradients("weighted SUM backward with dOutput [[1, 1]]", new int[] {0, 1, 2},
          new double[][] {{2, 2}, {0.5, 0.5}, {-1, -1}}, new double[] {6, 8, 3},
          KATA.backward(TABLE, new int[] {0, 2, 1}, new int[] {0}, Mode.SUM, psw, NONE, new double[][] {{1, 1}}));
    }

    @Test
    void padding_entries_are_skipped_everywhere() {
      int[] idx = {0, 1, 2, 1, 3, 1, 1};
      int[] off = {0, 2, 2, 5};
      OptionalInt pad = OptionalInt.of(1);
      // With row 1 as padding the bags are [0], [], [2, 3], [] (bag 3 holds only padding).
      assertOutput("MEAN with padding index 1: bag [2, 1, 3] counts 2 entries", new double[][] {{1, 5}, {0, 0},
          {1.5, 2.5}, {0, 0}}, KATA.forward(TABLE, idx, off, Mode.MEAN, null, pad));
      assertOutput("SUM with padding index 1", new double[][] {{1, 5}, {0, 0}, {3, 5}, {0, 0}},
          KATA.forward(TABLE, idx, off, Mode.SUM, null, pad));
      // Row 1 is not in the gradient; MEAN gives dOutput / 2 to rows 2 and 3.
      assertGradients("MEAN backward with padding index 1", new int[] {0, 2, 3},
          new double[][] {{1, 2}, {2.5, 3}, {2.5, 3}}, null, KATA.backward(TABLE, idx, off, Mode.MEAN, null, pad, D_OUT));
      double[][] t = {{-1, -1}, {9, 9}};
      assertOutput("MAX of [0, 1] with padding index 1: the padding row never wins", new double[][] {{-1, -1}},
          KATA.forward(t, new int[] {0, 1}, new int[] {0}, Mode.MAX, null, pad));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void offsets_must_start_at_zero_and_never_decrease() {
      assertRejects("offsets [1, 2]", "offsets", () -> KATA.forward(TABLE, INDICES, new int[] {1, 2}, Mode.SUM, null, NONE));
      assertRejects("offsets [0, 3, 2] (decreasing)", "offsets",
          () -> KATA.forward(TABLE, INDICES, new int[] {0, 3, 2}, Mode.SUM, null, NONE));
      assertRejects("offsets [0, 7] beyond 5 indices", "offsets",
          () -> KATA.forward(TABLE, INDICES, new int[] {0, 7}, Mode.MEAN, null, NONE));
      assertRejects("no offsets", "offsets", () -> KATA.forward(TABLE, INDICES, new int[0], Mode.MAX, null, NONE));
      assertRejects("backward with offsets [0, 3, 2]", "offsets",
          () -> KATA.backward(TABLE, INDICES, new int[] {0, 3, 2}, Mode.SUM, null, NONE, new double[3][2]));
    }

    @Test
    void indices_and_the_padding_index_must_name_rows() {
      assertRejects("index 4 into a 4-row table", "indices",
          () -> KATA.forward(TABLE, new int[] {0, 4}, new int[] {0}, Mode.SUM, null, NONE));
      assertRejects("index -1", "indices", () -> KATA.forward(TABLE, new int[] {-1}, new int[] {0}, Mode.MAX, null, NONE));
      assertRejects("padding index 4", "paddingIdx",
          () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.SUM, null, OptionalInt.of(4)));
      assertRejects("padding index -1", "paddingIdx",
          () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.MEAN, null, OptionalInt.of(-1)));
    }

    @Test
    void the_table_must_be_rectangular_and_finite_where_read() {
      assertRejects("an empty table", "weight", () -> KATA.forward(new double[0][], new int[0], new int[] {0}, Mode.SUM,
          null, NONE));
      assertRejects("a table of empty rows", "weight", () -> KATA.forward(new double[2][0], new int[0], new int[] {0},
          Mode.SUM, null, NONE));
      assertRejects("a ragged table", "weight", () -> KATA.forward(new double[][] {{1, 2}, {3}}, new int[] {0},
          new int[] {0}, Mode.SUM, null, NONE));
      assertRejects("a looked-up row holding NaN", "weight", () -> KATA.forward(new double[][] {{1, 2}, {3, Double.NaN}},
          new int[] {1}, new int[] {0}, Mode.MAX, null, NONE));
      assertRejects("backward with a looked-up row holding Infinity", "weight",
          () -> KATA.backward(new double[][] {{Double.POSITIVE_INFINITY}}, new int[] {0}, new int[] {0}, Mode.SUM, null,
              NONE, new double[][] {{1}}));
    }

    @Test
    void per_sample_weights_only_with_sum_and_one_per_index() {
      double[] psw = {1, 1, 1, 1, 1};
      assertRejects("per-sample weights with MEAN", "perSampleWeights",
          () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.MEAN, psw, NONE));
      assertRejects("per-sample weights with MAX", "perSampleWeights",
          () -> KATA.backward(TABLE, INDICES, OFFSETS, Mode.MAX, psw, NONE, D_OUT));
      assertRejects("4 per-sample weights for 5 indices", "perSampleWeights",
          () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.SUM, new double[4], NONE));
      assertRejects("a NaN per-sample weight", "perSampleWeights",
          () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.SUM, new double[] {1, 1, Double.NaN, 1, 1}, NONE));
    }

    @Test
    void the_upstream_gradient_must_be_bags_by_dim_and_finite() {
      assertRejects("dOutput of 3 rows for 4 bags", "dOutput",
          () -> KATA.backward(TABLE, INDICES, OFFSETS, Mode.SUM, null, NONE, new double[3][2]));
      assertRejects("dOutput rows of length 3 for dim 2", "dOutput",
          () -> KATA.backward(TABLE, INDICES, OFFSETS, Mode.MEAN, null, NONE, new double[4][3]));
      assertRejects("dOutput holding NaN", "dOutput", () -> KATA.backward(TABLE, INDICES, OFFSETS, Mode.MAX, null, NONE,
          new double[][] {{0, 0}, {0, 0}, {0, Double.NaN}, {0, 0}}));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      assertNullRejected("forward with a null table", () -> KATA.forward(null, INDICES, OFFSETS, Mode.SUM, null, NONE));
      assertNullRejected("forward with null indices", () -> KATA.forward(TABLE, null, OFFSETS, Mode.SUM, null, NONE));
      assertNullRejected("forward with null offsets", () -> KATA.forward(TABLE, INDICES, null, Mode.SUM, null, NONE));
      assertNullRejected("forward with a null mode", () -> KATA.forward(TABLE, INDICES, OFFSETS, null, null, NONE));
      assertNullRejected("forward with a null padding index", () -> KATA.forward(TABLE, INDICES, OFFSETS, Mode.SUM,
          null, null));
      assertNullRejected("backward with a null dOutput", () -> KATA.backward(TABLE, INDICES, OFFSETS, Mode.SUM, null,
          NONE, null));
      assertNullRejected("forward with a null table row", () -> KATA.forward(new double[][] {{1}, null}, new int[] {0},
          new int[] {0}, Mode.SUM, null, NONE));
    }

    @Test
    void inputs_are_not_modified() {
      Props.check("no input array changes", 30, EmbeddingBagGens.calls(), c -> {
        double[][] weight = deepCopy(c.weight());
        int[] indices = c.indices().clone();
        int[] offsets = c.offsets().clone();
        double[] psw = c.perSampleWeights() == null ? null : c.perSampleWeights().clone();
        double[][] dOut = deepCopy(c.dOutput());
        KATA.forward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx());
        KATA.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx(), c.dOutput());
        assertThat(c.weight()).as("weight after forward and backward of %s", c.shape()).isDeepEqualTo(weight);
        assertThat(c.indices()).as("indices of %s", c.shape()).containsExactly(indices);
        assertThat(c.offsets()).as("offsets of %s", c.shape()).containsExactly(offsets);
        assertThat(c.dOutput()).as("dOutput of %s", c.shape()).isDeepEqualTo(dOut);
        if (psw != null) {
          assertThat(c.perSampleWeights()).as("perSampleWeights of %s", c.shape()).containsExactly(psw);
        }
      });
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("layers/embedding-bag");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forward_and_coalesced_gradient_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      double[][] weight = in.matrix("weight");
      int[] indices = in.ints("indices");
      int[] offsets = in.ints("offsets");
      Mode mode = Mode.valueOf(in.string("mode"));
      double[] psw = in.has("per_sample_weights") ? in.doubles("per_sample_weights") : null;
      OptionalInt pad = in.has("padding_idx") ? OptionalInt.of((int) in.integer("padding_idx")) : NONE;
      String what = "golden '" + c.name() + "' (" + mode + ", indices " + Arrays.toString(indices) + ", offsets "
          + Arrays.toString(offsets) + (psw == null ? "" : ", weights " + Arrays.toString(psw))
          + (pad.isPresent() ? ", padding " + pad.getAsInt() : "") + ") vs " + c.library();
      assertOutput(what + ": forward", c.expected().matrix("output"), KATA.forward(weight, indices, offsets, mode, psw,
          pad));
      double[][] values = c.expected().matrix("values");
      assertGradients(what + ": backward, dOutput " + Arrays.deepToString(in.matrix("d_output")),
          c.expected().ints("rows"), values, c.expected().has("d_per_sample_weights")
              ? c.expected().doubles("d_per_sample_weights") : null,
          KATA.backward(weight, indices, offsets, mode, psw, pad, in.matrix("d_output")));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void each_bag_equals_the_same_bag_computed_alone() {
      Props.check("out[b] = forward of bag b on its own", EXAMPLES, EmbeddingBagGens.calls(), c -> {
        double[][] out = KATA.forward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(),
            c.paddingIdx());
        assertThat(out).as("one row per bag for %s", c.shape()).hasNumberOfRows(c.bags());
        for (int b = 0; b < c.bags(); b++) {
          int[] alone = Arrays.copyOfRange(c.indices(), c.offsets()[b], c.end(b));
          double[] psw = c.perSampleWeights() == null ? null
              : Arrays.copyOfRange(c.perSampleWeights(), c.offsets()[b], c.end(b));
          int bag = b;
          assertNear(() -> "property 'bag " + bag + " alone' for " + c.shape(),
              KATA.forward(c.weight(), alone, new int[] {0}, c.mode(), psw, c.paddingIdx())[0], out[b], OUTPUT);
        }
      });
    }

    @Test
    void mean_is_sum_over_the_count_and_max_bounds_every_row() {
      Props.check("MEAN * count = SUM, and MAX >= each looked-up row, equal to one of them", EXAMPLES,
          EmbeddingBagGens.calls(), c -> {
            double[][] sum = KATA.forward(c.weight(), c.indices(), c.offsets(), Mode.SUM, null, c.paddingIdx());
            double[][] mean = KATA.forward(c.weight(), c.indices(), c.offsets(), Mode.MEAN, null, c.paddingIdx());
            double[][] max = KATA.forward(c.weight(), c.indices(), c.offsets(), Mode.MAX, null, c.paddingIdx());
            for (int b = 0; b < c.bags(); b++) {
              int count = 0;
              for (int k = c.offsets()[b]; k < c.end(b); k++) {
                if (!isPadding(c, k)) {
                  count++;
                  for (int d = 0; d < c.dim(); d++) {
                    assertThat(max[b][d]).as("property 'MAX >= row %d' in bag %d, column %d, for %s", c.indices()[k],
                        b, d, c.shape()).isGreaterThanOrEqualTo(c.weight()[c.indices()[k]][d]);
                  }
                }
              }
              int bag = b;
              int n = count;
              double[] scaled = Arrays.stream(mean[b]).map(v -> v * Math.max(n, 1)).toArray();
              assertNear(() -> "property 'MEAN * " + n + " = SUM' in bag " + bag + " for " + c.shape(), sum[b], scaled,
                  OUTPUT * 16);
            }
          });
    }

    @Test
    void the_sparse_rows_are_the_distinct_looked_up_rows_in_ascending_order() {
      Props.check("rows = sorted distinct non-padding indices", EXAMPLES, EmbeddingBagGens.calls(), c -> {
        Gradients g = KATA.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx(),
            c.dOutput());
        assertThat(g).as("backward of %s", c.shape()).isNotNull();
        int[] expected = Arrays.stream(c.indices()).filter(i -> c.paddingIdx().isEmpty() || i != c.paddingIdx().getAsInt())
            .distinct().sorted().toArray();
        assertThat(g.rows()).as("property 'rows' for %s", c.shape()).containsExactly(expected);
        assertThat(g.values()).as("property 'one value row per row' for %s", c.shape()).hasNumberOfRows(expected.length);
      });
    }
  }

  @Nested
  @DisplayName("gradients by finite differences")
  final class FiniteDifferences {
    @Test
    void table_gradients_match_central_differences_in_every_mode() {
      Props.check("dense(rows, values) = d/dweight sum(dOutput * forward)", GRADIENT_EXAMPLES,
          EmbeddingBagGens.smoothCalls(Mode.SUM, Mode.MEAN, Mode.MAX), c -> {
            Gradients g = KATA.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(),
                c.paddingIdx(), c.dOutput());
            assertThat(g).as("backward of %s", c.shape()).isNotNull();
            double[][] dense = new double[c.weight().length][c.dim()];
            assertThat(g.values()).as("one value row per listed row for %s", c.shape()).hasNumberOfRows(g.rows().length);
            for (int j = 0; j < g.rows().length; j++) {
              dense[g.rows()[j]] = g.values()[j].clone();
            }
            assertGradientMatches("the table gradient (scattered to dense) of " + c.shape(),
                v -> loss(c, unflatten(v, c.weight().length, c.dim()), c.perSampleWeights()), flatten(c.weight()),
                flatten(dense), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void per_sample_weight_gradients_match_central_differences() {
      Props.check("dPerSampleWeights = d/dperSampleWeights sum(dOutput * forward)", GRADIENT_EXAMPLES,
          EmbeddingBagGens.smoothCalls(Mode.SUM), c -> {
            if (c.perSampleWeights() == null) {
              return;
            }
            Gradients g = KATA.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(),
                c.paddingIdx(), c.dOutput());
            assertThat(g).as("backward of %s", c.shape()).isNotNull();
            assertGradientMatches("dPerSampleWeights of " + c.shape(), v -> loss(c, c.weight(), v),
                c.perSampleWeights(), g.dPerSampleWeights(), FD_STEP, FD_TOLERANCE);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void forward_and_backward_match_the_reference() {
      Props.check("forward and backward agree with the reference", EXAMPLES, EmbeddingBagGens.calls(), c -> {
        assertOutput("forward, reference vs yours, for " + c.shape(),
            REFERENCE.forward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx()),
            KATA.forward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx()));
        Gradients e = REFERENCE.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(),
            c.paddingIdx(), c.dOutput());
        assertGradients("backward, reference vs yours, for " + c.shape(), e.rows(), e.values(), e.dPerSampleWeights(),
            KATA.backward(c.weight(), c.indices(), c.offsets(), c.mode(), c.perSampleWeights(), c.paddingIdx(),
                c.dOutput()));
      });
    }
  }

  // ---------------------------------------------------------------------------------------------

  static boolean isPadding(Call c, int k) {
    return c.paddingIdx().isPresent() && c.indices()[k] == c.paddingIdx().getAsInt();
  }

  static double loss(Call c, double[][] weight, double[] psw) {
    double[][] out = REFERENCE.forward(weight, c.indices(), c.offsets(), c.mode(), psw, c.paddingIdx());
    double s = 0;
    for (int b = 0; b < out.length; b++) {
      for (int d = 0; d < out[b].length; d++) {
        s += c.dOutput()[b][d] * out[b][d];
      }
    }
    return s;
  }

  static void assertOutput(String what, double[][] expected, double[][] actual) {
    assertNear(() -> what, expected, actual, OUTPUT);
  }

  static void assertGradients(String what, int[] rows, double[][] values, double[] dPerSampleWeights, Gradients actual) {
    assertThat(actual).as("%s: the gradients", what).isNotNull();
    assertThat(actual.rows()).as("%s: rows (distinct looked-up indices, ascending, padding excluded)", what)
        .containsExactly(rows);
    assertNear(() -> what + ": values (the gradient of each listed row, duplicates summed)", values, actual.values(),
        GRADIENT);
    if (dPerSampleWeights == null) {
      assertThat(actual.dPerSampleWeights()).as("%s: dPerSampleWeights without per-sample weights", what).isNull();
    } else {
      assertNear(() -> what + ": dPerSampleWeights", dPerSampleWeights, actual.dPerSampleWeights(), GRADIENT);
    }
  }
}

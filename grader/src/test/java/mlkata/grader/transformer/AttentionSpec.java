package mlkata.grader.transformer;

import static mlkata.grader.support.KataAssertions.abbreviate;
import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertProbabilityVector;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.transformer.TransformerGens.AttentionInput;
import mlkata.grader.transformer.TransformerGens.Masking;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code transformer/attention}.
 *
 * <p>Tolerances: {@link #WEIGHT} for attention weights and softmax probabilities, {@link #OUTPUT} for
 * the attention output. Both only absorb rounding: the order in which the scale and the dot product are
 * applied, and scores up to 1e4 in the golden cases, whose absolute rounding error (about 1e-12) passes
 * straight into the exponent. Every wrong formula the grader targets is off by 1e-3 or much more.
 */
@KataSpec
@DisplayName("transformer/attention: Scaled dot-product attention")
final class AttentionSpec {
  /** Weights are probabilities; rounding of scores near 1e4 moves them by about 1e-12. */
  static final double WEIGHT = 1e-10;
  /** Outputs are weighted sums of values of size up to a few units: a little more than the weights. */
  static final double OUTPUT = 1e-9;
  private static final int EXAMPLES = 200;

  private static final AttentionApi KATA = Target.pick(new AttentionOfExercises(), new AttentionOfSolutions());
  private static final AttentionApi REFERENCE = new AttentionOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // scores [1/sqrt(2), 0]; softmax [0.66976, 0.33024]; output 10 * 0.66976 + 20 * 0.33024.
      double[][] q = {{1, 0}};
      double[][] k = {{1, 0}, {0, 1}};
      double[][] v = {{10}, {20}};
      double w0 = Math.exp(1 / Math.sqrt(2)) / (Math.exp(1 / Math.sqrt(2)) + 1);
      assertResult("attend of the problem statement example", KATA.attend(q, k, v, null, false),
          new double[][] {{10 * w0 + 20 * (1 - w0)}}, new double[][] {{w0, 1 - w0}});
    }

    @Test
    void the_scale_is_one_over_the_square_root_of_d_not_one_over_d() {
      // d = 4: scores [4 / 2, 0] = [2, 0] (with 1/d it would be [1, 0]).
      double[][] q = {{1, 1, 1, 1}};
      double[][] k = {{1, 1, 1, 1}, {0, 0, 0, 0}};
      double[][] v = {{1, 0}, {0, 1}};
      double w0 = Math.exp(2) / (Math.exp(2) + 1);
      assertResult("attend with d = 4, scores q.k / sqrt(4) = [2, 0] (scaling by 1/d gives [1, 0])",
          KATA.attend(q, k, v, null, false),
          new double[][] {{w0, 1 - w0}}, new double[][] {{w0, 1 - w0}});
      // An explicit scale of 1 gives scores [4, 0].
      double e0 = Math.exp(4) / (Math.exp(4) + 1);
      assertResult("attend with explicit scale 1, scores [4, 0]", KATA.attend(q, k, v, null, false, 1.0),
          new double[][] {{e0, 1 - e0}}, new double[][] {{e0, 1 - e0}});
    }

    @Test
    void the_causal_mask_keeps_the_diagonal_and_is_aligned_top_left() {
      // All scores 0: row i spreads evenly over keys 0..i (3 queries, 4 keys).
      double[][] q = {{0}, {0}, {0}};
      double[][] k = {{0}, {0}, {0}, {0}};
      double[][] v = {{1}, {2}, {3}, {4}};
      assertResult("causal attend with equal scores, Lq = 3, Lk = 4", KATA.attend(q, k, v, null, true),
          new double[][] {{1}, {1.5}, {2}},
          new double[][] {{1, 0, 0, 0}, {0.5, 0.5, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3, 0}});
      // More queries than keys: rows 2 and 3 see both keys.
      assertResult("causal attend with equal scores, Lq = 4, Lk = 2",
          KATA.attend(new double[][] {{0}, {0}, {0}, {0}}, new double[][] {{0}, {0}}, new double[][] {{1}, {3}}, null, true),
          new double[][] {{1}, {2}, {2}, {2}},
          new double[][] {{1, 0}, {0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}});
    }

    @Test
    void a_masked_key_gets_weight_zero_and_the_rest_renormalise() {
      double[][] q = {{0}, {0}};
      double[][] k = {{0}, {0}, {0}};
      double[][] v = {{1}, {2}, {6}};
      boolean[][] mask = {{true, false, true}, {false, true, false}};
      assertResult("attend with mask " + Arrays.deepToString(mask), KATA.attend(q, k, v, mask, false),
          new double[][] {{3.5}, {2}}, new double[][] {{0.5, 0, 0.5}, {0, 1, 0}});
    }

    @Test
    void a_masked_score_is_removed_not_set_to_zero() {
      // Scale 1, q = [1], keys [-2], [-2], [5]; the mask hides key 2. Scores of the allowed keys are -2 and
      // -2, so the weights are [0.5, 0.5, 0] and the output (1 + 3) / 2 = 2. Filling the masked score with
      // 0 instead of -infinity gives it weight e^2 / (2 + e^2) = 0.787; ignoring the mask gives it ~1.
      double[][] q = {{1}};
      double[][] k = {{-2}, {-2}, {5}};
      double[][] v = {{1}, {3}, {100}};
      boolean[][] mask = {{true, true, false}};
      assertResult("attend with scale 1, scores [-2, -2, 5], key 2 masked: weights [0.5, 0.5, 0] (a masked score"
          + " filled with 0 would take weight 0.787)", KATA.attend(q, k, v, mask, false, 1.0),
          new double[][] {{2}}, new double[][] {{0.5, 0.5, 0}});
    }

    @Test
    void mask_and_causal_combine_with_and() {
      double[][] q = {{0}, {0}, {0}};
      double[][] k = {{0}, {0}, {0}};
      double[][] v = {{1}, {2}, {6}};
      boolean[][] mask = {{true, true, true}, {false, true, true}, {true, false, true}};
      // Row 0: key 0. Row 1: key 1 (key 0 masked, key 2 in the future). Row 2: keys 0 and 2.
      assertResult("causal attend with mask " + Arrays.deepToString(mask), KATA.attend(q, k, v, mask, true),
          new double[][] {{1}, {2}, {3.5}}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0.5, 0, 0.5}});
    }

    @Test
    void a_row_with_every_key_masked_gives_zero_weights_and_zero_output() {
      double[][] q = {{1, 2}, {3, 4}};
      double[][] k = {{1, 0}, {0, 1}};
      double[][] v = {{5, 6, 7}, {8, 9, 10}};
      boolean[][] mask = {{false, false}, {true, true}};
      AttentionApi.Result r = KATA.attend(q, k, v, mask, false);
      assertThat(r).as("attend with a fully masked first row").isNotNull();
      assertAllClose("output row 0 with every key masked (pinned: zeros, not NaN)", new double[] {0, 0, 0},
          r.output()[0], OUTPUT);
      assertAllClose("weights row 0 with every key masked (pinned: zeros, not NaN)", new double[] {0, 0},
          r.weights()[0], WEIGHT);
      assertProbabilityVector("weights row 1, nothing masked", r.weights()[1], WEIGHT);
      // Causal and a mask that removes key 0 leave query 0 with nothing.
      AttentionApi.Result c = KATA.attend(q, k, v, new boolean[][] {{false, true}, {false, true}}, true);
      assertAllClose("causal output row 0 when the mask removes key 0", new double[] {0, 0, 0}, c.output()[0], OUTPUT);
      assertAllClose("causal output row 1 when the mask removes key 0", v[1], c.output()[1], OUTPUT);
    }

    @Test
    void scores_near_ten_thousand_stay_finite() {
      // Scores 1e4 and 9900: weights [1, e^-100] (exp(1e4) alone would overflow to infinity).
      double[][] q = {{100}};
      double[][] k = {{100}, {99}};
      double[][] v = {{1}, {2}};
      assertResult("attend with scores [1e4, 9900] (exp without subtracting the row maximum overflows to NaN)",
          KATA.attend(q, k, v, null, false, 1.0),
          new double[][] {{1 + Math.exp(-100)}}, new double[][] {{1, Math.exp(-100)}});
      // Very negative scores: -1e4 and -1e4 + ln 3 give [1/4, 3/4] (exp underflows to 0 without the shift).
      double[][] qn = {{-1}};
      double[][] kn = {{1e4}, {1e4 - Math.log(3)}};
      assertResult("attend with scores [-1e4, -1e4 + ln 3]", KATA.attend(qn, kn, v, null, false, 1.0),
          new double[][] {{0.25 + 1.5}}, new double[][] {{0.25, 0.75}});
    }

    @Test
    void softmax_examples() {
      assertAllClose("softmax([0, 0])", new double[] {0.5, 0.5}, KATA.softmax(new double[] {0, 0}), WEIGHT);
      assertAllClose("softmax([ln 1, ln 3])", new double[] {0.25, 0.75},
          KATA.softmax(new double[] {0, Math.log(3)}), WEIGHT);
      assertAllClose("softmax([1e4, 1e4]) (exp(1e4) overflows unless the maximum is subtracted first)", new double[] {0.5, 0.5}, KATA.softmax(new double[] {1e4, 1e4}), WEIGHT);
      assertAllClose("softmax([1e4, 0])", new double[] {1, 0}, KATA.softmax(new double[] {1e4, 0}), WEIGHT);
      assertAllClose("softmax([-1e4, -1e4 + ln 3])", new double[] {0.25, 0.75},
          KATA.softmax(new double[] {-1e4, -1e4 + Math.log(3)}), WEIGHT);
      assertAllClose("softmax([7])", new double[] {1}, KATA.softmax(new double[] {7}), WEIGHT);
      double ninf = Double.NEGATIVE_INFINITY;
      assertAllClose("softmax([2, -inf, 2])", new double[] {0.5, 0, 0.5}, KATA.softmax(new double[] {2, ninf, 2}), WEIGHT);
      assertAllClose("softmax([-inf, -inf]) (pinned: zeros)", new double[] {0, 0},
          KATA.softmax(new double[] {ninf, ninf}), WEIGHT);
      assertThat(KATA.softmax(new double[0])).as("softmax of an empty array").isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][] q = {{1, 2}, {3, 4}};
    final double[][] k = {{1, 0}, {0, 1}, {1, 1}};
    final double[][] v = {{1}, {2}, {3}};

    @Test
    void widths_and_lengths_must_agree() {
      assertRejects("attend with k of width 3 and q of width 2", "k",
          () -> KATA.attend(q, new double[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}}, v, null, false));
      assertRejects("attend with 2 value rows for 3 keys", "v", () -> KATA.attend(q, k, new double[][] {{1}, {2}}, null, false));
      assertRejects("attend with 4 value rows for 3 keys", "v",
          () -> KATA.attend(q, k, new double[][] {{1}, {2}, {3}, {4}}, null, true, 0.5));
    }

    @Test
    void the_mask_must_be_lq_by_lk() {
      assertRejects("attend with a 3 x 3 mask for Lq = 2", "mask",
          () -> KATA.attend(q, k, v, new boolean[3][3], false));
      assertRejects("attend with a 1 x 3 mask for Lq = 2", "mask",
          () -> KATA.attend(q, k, v, new boolean[1][3], false));
      assertRejects("attend with a 2 x 2 mask for Lk = 3", "mask",
          () -> KATA.attend(q, k, v, new boolean[2][2], true));
      assertRejects("attend with a 2 x 4 mask for Lk = 3", "mask",
          () -> KATA.attend(q, k, v, new boolean[2][4], false, 1.0));
    }

    @Test
    void empty_and_ragged_matrices_are_rejected() {
      assertRejects("attend with no queries", "q", () -> KATA.attend(new double[0][], k, v, null, false));
      assertRejects("attend with no keys", "k", () -> KATA.attend(q, new double[0][], new double[0][], null, false));
      assertRejects("attend with queries of width 0", "q",
          () -> KATA.attend(new double[][] {{}}, new double[][] {{}}, new double[][] {{1}}, null, false));
      assertRejects("attend with values of width 0", "v",
          () -> KATA.attend(q, k, new double[][] {{}, {}, {}}, null, false));
      assertRejects("attend with a ragged q", "q", () -> KATA.attend(new double[][] {{1, 2}, {3}}, k, v, null, false));
      assertRejects("attend with a ragged k", "k",
          () -> KATA.attend(q, new double[][] {{1, 0}, {0, 1}, {1}}, v, null, false));
      assertRejects("attend with a ragged v", "v",
          () -> KATA.attend(q, k, new double[][] {{1}, {2, 2}, {3}}, null, false));
    }

    @Test
    void non_finite_inputs_are_rejected() {
      assertRejects("attend with NaN in q", "q",
          () -> KATA.attend(new double[][] {{1, 2}, {3, Double.NaN}}, k, v, null, false));
      assertRejects("attend with +inf in k", "k",
          () -> KATA.attend(q, new double[][] {{1, 0}, {0, Double.POSITIVE_INFINITY}, {1, 1}}, v, null, false));
      assertRejects("attend with -inf in v", "v",
          () -> KATA.attend(q, k, new double[][] {{1}, {2}, {Double.NEGATIVE_INFINITY}}, null, false));
      assertRejects("softmax with a NaN logit", "logits", () -> KATA.softmax(new double[] {0, Double.NaN}));
      assertRejects("softmax with a +inf logit", "logits", () -> KATA.softmax(new double[] {Double.POSITIVE_INFINITY, 0}));
    }

    @Test
    void the_scale_must_be_finite_and_positive() {
      for (double scale : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("attend with scale " + scale, "scale", () -> KATA.attend(q, k, v, null, false, scale));
      }
    }

    @Test
    void inputs_are_not_modified() {
      double[][] qq = {{100, -3}, {0.5, 2}};
      double[][] kk = {{1, 0}, {0, 1}, {1, 1}};
      double[][] vv = {{1, 7}, {2, 8}, {3, 9}};
      boolean[][] mask = {{true, false, true}, {false, false, false}};
      double[] logits = {3, Double.NEGATIVE_INFINITY, 1e4};
      double[][] qc = deepCopy(qq);
      double[][] kc = deepCopy(kk);
      double[][] vc = deepCopy(vv);
      boolean[][] mc = {mask[0].clone(), mask[1].clone()};
      double[] lc = logits.clone();
      KATA.attend(qq, kk, vv, mask, true);
      KATA.attend(qq, kk, vv, mask, false, 0.3);
      KATA.softmax(logits);
      assertThat(qq).as("q after attend").isDeepEqualTo(qc);
      assertThat(kk).as("k after attend").isDeepEqualTo(kc);
      assertThat(vv).as("v after attend").isDeepEqualTo(vc);
      assertThat(mask).as("mask after attend").isDeepEqualTo(mc);
      assertThat(logits).as("logits after softmax").containsExactly(lc);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("transformer/attention");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_pytorch(Goldens.Case c) {
      double[][] q = c.input().matrix("q");
      double[][] k = c.input().matrix("k");
      double[][] v = c.input().matrix("v");
      boolean[][] mask = c.input().has("mask") ? c.input().boolMatrix("mask") : null;
      boolean causal = c.input().bool("causal");
      AttentionApi.Result r = c.input().has("scale")
          ? KATA.attend(q, k, v, mask, causal, c.input().number("scale"))
          : KATA.attend(q, k, v, mask, causal);
      assertResult("attend, golden '" + c.name() + "' vs " + c.library(), r,
          c.expected().matrix("output"), c.expected().matrix("weights"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void weights_are_distributions_over_the_allowed_keys_and_zero_elsewhere() {
      Props.check("each weight row sums to 1 over the allowed keys and is 0 on the others", EXAMPLES,
          TransformerGens.attention(6, 4, Masking.ANY), in -> {
            AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
            assertThat(r).as("result for %s", in).isNotNull();
            for (int i = 0; i < in.lq(); i++) {
              boolean any = false;
              double sum = 0;
              for (int j = 0; j < in.lk(); j++) {
                double w = r.weights()[i][j];
                if (allowed(in, i, j)) {
                  any = true;
                  assertThat(w).as("weight [%d][%d] of an allowed key is in [0, 1] for %s", i, j, in)
                      .isBetween(-WEIGHT, 1 + WEIGHT);
                } else {
                  // Exactly zero (a sign of zero does not matter): exp(-inf) is 0, a large finite fill is not.
                  assertClose("weight [" + i + "][" + j + "] of a masked key is exactly 0 for " + in, 0, w, 0);
                }
                sum += w;
              }
              assertClose("sum of weight row " + i + " (" + (any ? "some key allowed: 1" : "no key allowed: 0")
                  + ") for " + in, any ? 1 : 0, sum, WEIGHT);
              if (!any) {
                assertAllClose("output row " + i + " with no key allowed is zero for " + in,
                    new double[in.v()[0].length], r.output()[i], OUTPUT);
              }
            }
          });
    }

    @Test
    void the_output_is_the_weighted_sum_of_the_values() {
      Props.check("output = weights V", EXAMPLES, TransformerGens.attention(6, 4, Masking.ANY), in -> {
        AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
        assertAllClose("property 'output = weights V' for " + in, multiply(r.weights(), in.v()), r.output(), OUTPUT);
      });
    }

    @Test
    void permuting_keys_and_values_together_changes_nothing() {
      Props.check("permuting keys and values (and mask columns) together leaves the output unchanged", EXAMPLES,
          TransformerGens.attention(6, 4, Masking.NONE), in -> {
            int[] perm = permutation(in.lk(), new Random(in.seed() ^ 0x5DEECE66DL));
            boolean[][] mask = TransformerGens.mask(new Random(in.seed()), in.lq(), in.lk());
            double[][] k2 = new double[in.lk()][];
            double[][] v2 = new double[in.lk()][];
            boolean[][] m2 = new boolean[in.lq()][in.lk()];
            for (int j = 0; j < in.lk(); j++) {
              k2[j] = in.k()[perm[j]];
              v2[j] = in.v()[perm[j]];
              for (int i = 0; i < in.lq(); i++) {
                m2[i][j] = mask[i][perm[j]];
              }
            }
            AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), mask, false);
            AttentionApi.Result p = KATA.attend(in.q(), k2, v2, m2, false);
            String what = "keys permuted by " + Arrays.toString(perm) + ", mask " + Arrays.deepToString(mask) + ", " + in;
            assertAllClose("output with " + what, r.output(), p.output(), OUTPUT);
            for (int i = 0; i < in.lq(); i++) {
              for (int j = 0; j < in.lk(); j++) {
                assertClose("weight [" + i + "][" + j + "] moves with its key, " + what,
                    r.weights()[i][perm[j]], p.weights()[i][j], WEIGHT);
              }
            }
          });
    }

    @Test
    void with_causal_a_row_ignores_later_keys_and_values() {
      Props.check("causal: output row i does not change when keys/values after i change", EXAMPLES,
          TransformerGens.attention(6, 4, Masking.CAUSAL), in -> {
            Random random = new Random(~in.seed());
            int i = random.nextInt(in.lq());
            double[][] k2 = deepCopy(in.k());
            double[][] v2 = deepCopy(in.v());
            for (int j = i + 1; j < in.lk(); j++) {
              k2[j] = TransformerGens.matrix(random, 1, k2[j].length, 5)[0];
              v2[j] = TransformerGens.matrix(random, 1, v2[j].length, 5)[0];
            }
            AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), in.mask(), true);
            AttentionApi.Result c = KATA.attend(in.q(), k2, v2, in.mask(), true);
            String what = "rows " + (i + 1) + ".. of k and v replaced, k' = " + Arrays.deepToString(k2)
                + ", v' = " + Arrays.deepToString(v2) + ", for " + in;
            for (int row = 0; row <= i; row++) {
              assertAllClose("output row " + row + " with " + what, r.output()[row], c.output()[row], OUTPUT);
              assertAllClose("weight row " + row + " with " + what, r.weights()[row], c.weights()[row], WEIGHT);
            }
          });
    }

    @Test
    void softmax_is_unchanged_by_adding_a_constant() {
      Props.check("softmax(x + c) = softmax(x), c up to 1e4", EXAMPLES,
          TransformerGens.attention(1, 8, Masking.NONE), in -> {
            double[] x = in.q()[0];
            double c = (new Random(in.seed()).nextDouble() * 2 - 1) * 1e4;
            double[] shifted = Arrays.stream(x).map(t -> t + c).toArray();
            double[] p = KATA.softmax(x);
            assertProbabilityVector("softmax(" + Arrays.toString(x) + ")", p, WEIGHT);
            assertAllClose("softmax(x + " + c + ") = softmax(x) for x = " + Arrays.toString(x), p,
                KATA.softmax(shifted), WEIGHT);
          });
    }

    @Test
    void adding_a_constant_to_every_score_of_a_row_changes_nothing() {
      // Through Q: an extra column c_i in Q and 1 in every key adds c_i * scale to every score of row i.
      // Through K: adding one vector w to every key adds scale * (q_i . w) to every score of row i.
      Props.check("a per-row constant added to the scores (via Q or via K) changes nothing", EXAMPLES,
          TransformerGens.attention(6, 4, Masking.ANY), in -> {
            Random random = new Random(in.seed() + 17);
            int d = in.q()[0].length;
            double scale = 1 / Math.sqrt(d);
            double[][] q2 = new double[in.lq()][];
            double[][] k2 = new double[in.lk()][];
            double[] offsets = new double[in.lq()];
            for (int i = 0; i < in.lq(); i++) {
              offsets[i] = (random.nextDouble() * 2 - 1) * 50;
              q2[i] = Arrays.copyOf(in.q()[i], d + 1);
              q2[i][d] = offsets[i];
            }
            for (int j = 0; j < in.lk(); j++) {
              k2[j] = Arrays.copyOf(in.k()[j], d + 1);
              k2[j][d] = 1;
            }
            AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
            AttentionApi.Result viaQ = KATA.attend(q2, k2, in.v(), in.mask(), in.causal(), scale);
            String what = "row offsets " + Arrays.toString(offsets) + " added through an extra column of q, " + in;
            assertAllClose("output with " + what, r.output(), viaQ.output(), OUTPUT);
            assertAllClose("weights with " + what, r.weights(), viaQ.weights(), WEIGHT);
            double[] w = TransformerGens.matrix(random, 1, d, 3)[0];
            double[][] k3 = new double[in.lk()][d];
            for (int j = 0; j < in.lk(); j++) {
              for (int c = 0; c < d; c++) {
                k3[j][c] = in.k()[j][c] + w[c];
              }
            }
            AttentionApi.Result viaK = KATA.attend(in.q(), k3, in.v(), in.mask(), in.causal());
            String whatK = "w = " + Arrays.toString(w) + " added to every key, " + in;
            assertAllClose("output with " + whatK, r.output(), viaK.output(), OUTPUT);
            assertAllClose("weights with " + whatK, r.weights(), viaK.weights(), WEIGHT);
          });
    }

    @Test
    void scores_of_size_ten_thousand_give_finite_distributions() {
      Props.check("queries scaled so scores reach 1e4: finite output, rows sum to 1", EXAMPLES,
          TransformerGens.attention(6, 4, Masking.ANY), in -> {
            double[][] big = new double[in.lq()][];
            for (int i = 0; i < in.lq(); i++) {
              big[i] = Arrays.stream(in.q()[i]).map(t -> t * 1e3).toArray();
            }
            AttentionApi.Result r = KATA.attend(big, in.k(), in.v(), in.mask(), in.causal());
            for (int i = 0; i < in.lq(); i++) {
              double[] row = r.weights()[i];
              double[] out = r.output()[i];
              assertThat(Arrays.stream(row).allMatch(Double::isFinite))
                  .as("weights row %d finite (%s) with q scaled by 1000, %s", i, abbreviate(row), in).isTrue();
              assertThat(Arrays.stream(out).allMatch(Double::isFinite))
                  .as("output row %d finite (%s) with q scaled by 1000, %s", i, abbreviate(out), in).isTrue();
              boolean any = false;
              for (int j = 0; j < in.lk(); j++) {
                any |= allowed(in, i, j);
              }
              assertClose("sum of weight row " + i + " with q scaled by 1000, " + in, any ? 1 : 0,
                  Arrays.stream(row).sum(), WEIGHT);
            }
          });
    }

    @Test
    void the_default_scale_is_one_over_the_square_root_of_d() {
      Props.check("attend(q, k, v) = attend(q, k, v, scale = 1/sqrt(d)) and scaling q is scaling the scale",
          EXAMPLES, TransformerGens.attention(6, 4, Masking.ANY), in -> {
            int d = in.q()[0].length;
            AttentionApi.Result r = KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
            AttentionApi.Result explicit = KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal(), 1 / Math.sqrt(d));
            assertAllClose("output, default scale vs explicit 1/sqrt(" + d + "), " + in, r.output(), explicit.output(), OUTPUT);
            double[][] doubled = new double[in.lq()][];
            for (int i = 0; i < in.lq(); i++) {
              doubled[i] = Arrays.stream(in.q()[i]).map(t -> 2 * t).toArray();
            }
            AttentionApi.Result half = KATA.attend(doubled, in.k(), in.v(), in.mask(), in.causal(), 0.5 / Math.sqrt(d));
            assertAllClose("output with q doubled and the scale halved, " + in, r.output(), half.output(), OUTPUT);
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void output_and_weights_match_the_reference_on_random_inputs() {
      Props.check("attend agrees with the reference solution", EXAMPLES, TransformerGens.attention(7, 5, Masking.ANY), in -> {
        AttentionApi.Result expected = REFERENCE.attend(in.q(), in.k(), in.v(), in.mask(), in.causal());
        assertResult("attend, reference vs yours, for " + in, KATA.attend(in.q(), in.k(), in.v(), in.mask(), in.causal()),
            expected.output(), expected.weights());
      });
    }
  }

  static void assertResult(String what, AttentionApi.Result actual, double[][] output, double[][] weights) {
    assertThat(actual).as(what).isNotNull();
    assertAllClose(what + ": weights", weights, actual.weights(), WEIGHT);
    assertAllClose(what + ": output", output, actual.output(), OUTPUT);
  }

  /** Whether query i may attend to key j under the input's mask and causal flag (the kata's rule). */
  static boolean allowed(AttentionInput in, int i, int j) {
    return (in.mask() == null || in.mask()[i][j]) && (!in.causal() || j <= i);
  }

  static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        for (int c = 0; c < b[0].length; c++) {
          out[i][c] += a[i][j] * b[j][c];
        }
      }
    }
    return out;
  }

  static int[] permutation(int n, Random random) {
    int[] perm = new int[n];
    for (int k = 0; k < n; k++) {
      perm[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int r = random.nextInt(k + 1);
      int t = perm[k];
      perm[k] = perm[r];
      perm[r] = t;
    }
    return perm;
  }

  static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int r = 0; r < m.length; r++) {
      out[r] = m[r].clone();
    }
    return out;
  }
}

package mlkata.grader.transformer;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.transformer.MultiHeadAttentionApi.Parameters;
import mlkata.grader.transformer.TransformerGens.Masking;
import mlkata.grader.transformer.TransformerGens.MhaInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grades {@code transformer/multi-head-attention}.
 *
 * <p>Tolerances: {@link #WEIGHT} for the head-averaged weights, {@link #OUTPUT} for the output. The
 * inputs, weights and projections are of size a few units, so a correct answer differs from PyTorch
 * (float64) and from the reference only by rounding in the order of the sums, far below 1e-10; every
 * wrong layout the grader targets (heads split along the wrong axis, scale 1/sqrt(E), a missing bias)
 * is off by 1e-3 or much more.
 */
@KataSpec
@DisplayName("transformer/multi-head-attention: Multi-head self-attention")
final class MultiHeadAttentionSpec {
  /** Averaged weights are probabilities; rounding moves them by about 1e-15. */
  static final double WEIGHT = 1e-10;
  /** Outputs go through two projections of width up to 12: allow a little more than the weights. */
  static final double OUTPUT = 1e-9;
  private static final int EXAMPLES = 200;

  private static final MultiHeadAttentionApi KATA =
      Target.pick(new MultiHeadAttentionOfExercises(), new MultiHeadAttentionOfSolutions());
  private static final MultiHeadAttentionApi REFERENCE = new MultiHeadAttentionOfSolutions();
  /** The reference solution of the attention kata: an oracle for the one-head case. */
  private static final AttentionApi ATTENTION = new AttentionOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      double[][] x = {{1, 0}, {0, 1}};
      double s = sigmoid(1 / Math.sqrt(2));
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 1, identity(2, new double[] {1, -1}), null, false);
      assertResult("selfAttention of the problem statement example", r,
          new double[][] {{1 + s, -s}, {2 - s, -(1 - s)}}, new double[][] {{s, 1 - s}, {1 - s, s}});
    }

    @Test
    void two_heads_of_width_one_use_scale_one_and_average_their_weights() {
      // Head 0 sees column 0 ([1, 0]), head 1 column 1 ([0, 1]); head_dim 1 so the scale is 1.
      // Head 0: row 0 scores [1, 0], row 1 [0, 0]. Head 1: row 0 [0, 0], row 1 [0, 1].
      double[][] x = {{1, 0}, {0, 1}};
      double s = sigmoid(1);
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 2, identity(2, new double[2]), null, false);
      assertResult("selfAttention of I_2 with two heads and identity projections, scale 1 / sqrt(headDim 1) = 1"
          + " (1 / sqrt(E) would scale by 0.707)", r,
          new double[][] {{s, 0.5}, {0.5, s}},
          new double[][] {{(s + 0.5) / 2, (1 - s + 0.5) / 2}, {(0.5 + 1 - s) / 2, (0.5 + s) / 2}});
    }

    @Test
    void each_head_owns_a_contiguous_block_of_columns() {
      // E = 4, two heads of width 2: head 0 owns columns 0-1, head 1 columns 2-3; scale 1/sqrt(2).
      // x0 = [1,1,0,0] only speaks to head 0, x1 = [0,0,1,1] only to head 1. With s = sigmoid(sqrt 2):
      // head 0 row 0 weights [s, 1-s], row 1 [1/2, 1/2]; head 1 row 0 [1/2, 1/2], row 1 [1-s, s].
      double[][] x = {{1, 1, 0, 0}, {0, 0, 1, 1}};
      double s = sigmoid(Math.sqrt(2));
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 2, identity(4, new double[4]), null, false);
      assertResult("selfAttention of two block tokens, 2 heads of width 2", r,
          new double[][] {{s, s, 0.5, 0.5}, {0.5, 0.5, s, s}},
          new double[][] {{(s + 0.5) / 2, (1.5 - s) / 2}, {(1.5 - s) / 2, (0.5 + s) / 2}});
    }

    @Test
    void projections_follow_y_equals_x_w_transposed_plus_b() {
      // One token: its only weight is 1, so output = ((x Wv^T + bv) Wo^T + bo) whatever Wq and Wk are.
      double[][] x = {{1, 2}};
      double[][] in = {{5, -1}, {0.5, 3}, {2, 7}, {-4, 1}, {1, 2}, {0, -1}};
      double[] inBias = {9, 9, 9, 9, 0.5, -0.5};
      double[][] out = {{1, 1}, {0, 2}};
      double[] outBias = {0.25, -3};
      // v = [1*1 + 2*2 + 0.5, 1*0 + 2*(-1) - 0.5] = [5.5, -2.5]; output = [5.5 - 2.5 + 0.25, -5 - 3].
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 2, new Parameters(in, inBias, out, outBias), null, true);
      assertResult("selfAttention of one token", r, new double[][] {{3.25, -8}}, new double[][] {{1}});
    }

    @Test
    void scores_of_plus_and_minus_seven_thousand_stay_finite() {
      // x = [[100, 0], [-100, 0]], one head, identity projections: the scores x x^T / sqrt(2) are
      // [[7071, -7071], [-7071, 7071]], so each token attends only to itself (e^-14142 underflows to 0)
      // and the output is x. exp(7071) overflows: a softmax that does not subtract the row maximum gives NaN.
      double[][] x = {{100, 0}, {-100, 0}};
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 1, identity(2, new double[2]), null, false);
      assertResult("selfAttention of [[100, 0], [-100, 0]] with one head and identity projections: scores +-7071"
          + " (without subtracting the row maximum, exp overflows to NaN)", r, x, new double[][] {{1, 0}, {0, 1}});
    }

    @Test
    void a_token_with_nothing_to_attend_to_outputs_the_out_projection_bias() {
      double[][] x = {{1, 2}, {3, -1}, {0.5, 0.5}};
      double[] outBias = {0.7, -0.2};
      boolean[][] mask = {{true, true, true}, {false, false, false}, {true, false, true}};
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, 2, identity(2, outBias), mask, false);
      assertThat(r).as("selfAttention with a fully masked row 1").isNotNull();
      assertAllClose("output row 1 with every token masked (pinned: the out_proj bias, not NaN)", outBias,
          r.output()[1], OUTPUT);
      assertAllClose("weights row 1 with every token masked (pinned: zeros)", new double[3], r.weights()[1], WEIGHT);
      assertClose("weights [2][1], masked", 0, r.weights()[2][1], WEIGHT);
      assertClose("weights row 2 sums to 1", 1, Arrays.stream(r.weights()[2]).sum(), WEIGHT);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][] x = {{1, 2, 3, 4}, {0, 1, 0, 1}};

    @Test
    void the_number_of_heads_must_divide_the_embedding() {
      for (int heads : new int[] {0, -2, 3, 8}) {
        assertRejects("selfAttention with E = 4 and numHeads = " + heads, "numHeads",
            () -> KATA.selfAttention(x, heads, identity(4, new double[4]), null, false));
      }
    }

    @Test
    void parameter_shapes_are_checked() {
      Parameters ok = identity(4, new double[4]);
      assertRejects("inProjWeight of 8 x 4 for E = 4", "inProjWeight", () -> KATA.selfAttention(x, 2,
          new Parameters(Arrays.copyOf(ok.inProjWeight(), 8), ok.inProjBias(), ok.outProjWeight(), ok.outProjBias()), null, false));
      assertRejects("inProjWeight of 12 x 3 for E = 4", "inProjWeight", () -> KATA.selfAttention(x, 2,
          new Parameters(new double[12][3], ok.inProjBias(), ok.outProjWeight(), ok.outProjBias()), null, false));
      assertRejects("inProjBias of length 4 for E = 4", "inProjBias", () -> KATA.selfAttention(x, 2,
          new Parameters(ok.inProjWeight(), new double[4], ok.outProjWeight(), ok.outProjBias()), null, false));
      assertRejects("outProjWeight of 4 x 3", "outProjWeight", () -> KATA.selfAttention(x, 2,
          new Parameters(ok.inProjWeight(), ok.inProjBias(), new double[4][3], ok.outProjBias()), null, false));
      assertRejects("outProjWeight of 3 x 4", "outProjWeight", () -> KATA.selfAttention(x, 2,
          new Parameters(ok.inProjWeight(), ok.inProjBias(), new double[3][4], ok.outProjBias()), null, false));
      assertRejects("outProjBias of length 12", "outProjBias", () -> KATA.selfAttention(x, 2,
          new Parameters(ok.inProjWeight(), ok.inProjBias(), ok.outProjWeight(), new double[12]), null, false));
    }

    @Test
    void the_mask_must_be_l_by_l() {
      Parameters p = identity(4, new double[4]);
      assertRejects("a 3 x 2 mask for L = 2", "mask", () -> KATA.selfAttention(x, 1, p, new boolean[3][2], false));
      assertRejects("a 2 x 3 mask for L = 2", "mask", () -> KATA.selfAttention(x, 1, p, new boolean[2][3], true));
    }

    @Test
    void the_sequence_must_be_a_finite_non_empty_matrix() {
      Parameters p = identity(4, new double[4]);
      assertRejects("an empty sequence", "x", () -> KATA.selfAttention(new double[0][], 1, p, null, false));
      assertRejects("a ragged sequence", "x", () -> KATA.selfAttention(new double[][] {{1, 2, 3, 4}, {1, 2}}, 1, p, null, false));
      assertRejects("a sequence of width 0", "x", () -> KATA.selfAttention(new double[][] {{}}, 1, p, null, false));
      assertRejects("a NaN in x", "x", () -> KATA.selfAttention(new double[][] {{1, 2, Double.NaN, 4}}, 1, p, null, false));
      double[][] badIn = deepCopy(p.inProjWeight());
      badIn[5][1] = Double.POSITIVE_INFINITY;
      assertRejects("an infinite entry of inProjWeight", "inProjWeight", () -> KATA.selfAttention(x, 1,
          new Parameters(badIn, p.inProjBias(), p.outProjWeight(), p.outProjBias()), null, false));
      assertRejects("a NaN in outProjBias", "outProjBias", () -> KATA.selfAttention(x, 1,
          new Parameters(p.inProjWeight(), p.inProjBias(), p.outProjWeight(), new double[] {0, Double.NaN, 0, 0}), null, false));
    }

    @Test
    void inputs_are_not_modified() {
      Random random = new Random(7);
      double[][] xx = TransformerGens.matrix(random, 3, 4, 2);
      Parameters p = new Parameters(TransformerGens.matrix(random, 12, 4, 1), TransformerGens.matrix(random, 1, 12, 1)[0],
          TransformerGens.matrix(random, 4, 4, 1), TransformerGens.matrix(random, 1, 4, 1)[0]);
      boolean[][] mask = {{true, false, true}, {false, false, false}, {true, true, false}};
      double[][] xc = deepCopy(xx);
      double[][] inc = deepCopy(p.inProjWeight());
      double[] inbc = p.inProjBias().clone();
      double[][] outc = deepCopy(p.outProjWeight());
      double[] outbc = p.outProjBias().clone();
      boolean[][] mc = {mask[0].clone(), mask[1].clone(), mask[2].clone()};
      KATA.selfAttention(xx, 2, p, mask, true);
      assertThat(xx).as("x after selfAttention").isDeepEqualTo(xc);
      assertThat(p.inProjWeight()).as("inProjWeight after selfAttention").isDeepEqualTo(inc);
      assertThat(p.inProjBias()).as("inProjBias after selfAttention").containsExactly(inbc);
      assertThat(p.outProjWeight()).as("outProjWeight after selfAttention").isDeepEqualTo(outc);
      assertThat(p.outProjBias()).as("outProjBias after selfAttention").containsExactly(outbc);
      assertThat(mask).as("mask after selfAttention").isDeepEqualTo(mc);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("transformer/multi-head-attention");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_torch_nn_multihead_attention(Goldens.Case c) {
      double[][] x = c.input().matrix("x");
      Parameters p = new Parameters(c.input().matrix("in_proj_weight"), c.input().doubles("in_proj_bias"),
          c.input().matrix("out_proj_weight"), c.input().doubles("out_proj_bias"));
      boolean[][] mask = c.input().has("mask") ? c.input().boolMatrix("mask") : null;
      MultiHeadAttentionApi.Result r = KATA.selfAttention(x, (int) c.input().integer("num_heads"), p, mask,
          c.input().bool("causal"));
      assertResult("selfAttention, golden '" + c.name() + "' vs " + c.library(), r, c.expected().matrix("output"),
          c.expected().matrix("weights"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void one_head_with_identity_projections_is_plain_attention() {
      Props.check("1 head, identity projections, zero biases = attention(x, x, x)", EXAMPLES,
          TransformerGens.selfAttention(6, 1, 5, Masking.ANY), in -> {
            AttentionApi.Result expected = ATTENTION.attend(in.x(), in.x(), in.x(), in.mask(), in.causal());
            MultiHeadAttentionApi.Result r = KATA.selfAttention(in.x(), 1, identity(in.embed(), new double[in.embed()]),
                in.mask(), in.causal());
            assertResult("selfAttention with identity projections vs attention(x, x, x) for x = "
                + Arrays.deepToString(in.x()) + ", mask " + Arrays.deepToString(in.mask()) + ", causal " + in.causal(),
                r, expected.output(), expected.weights());
          });
    }

    @Test
    void averaged_weights_are_distributions_over_the_allowed_tokens() {
      Props.check("each averaged weight row sums to 1 over allowed tokens and is 0 elsewhere", EXAMPLES,
          TransformerGens.selfAttention(6, 3, 3, Masking.ANY), in -> {
            MultiHeadAttentionApi.Result r = KATA.selfAttention(in.x(), in.numHeads(), in.params(), in.mask(), in.causal());
            assertThat(r).as("result for %s", in).isNotNull();
            for (int i = 0; i < in.length(); i++) {
              boolean any = false;
              for (int j = 0; j < in.length(); j++) {
                boolean allowed = (in.mask() == null || in.mask()[i][j]) && (!in.causal() || j <= i);
                any |= allowed;
                if (!allowed) {
                  // Exactly zero in every head, so exactly zero on average.
                  assertClose("weight [" + i + "][" + j + "] of a masked token is exactly 0 for " + in, 0, r.weights()[i][j], 0);
                }
              }
              assertClose("sum of averaged weight row " + i + " for " + in, any ? 1 : 0,
                  Arrays.stream(r.weights()[i]).sum(), WEIGHT);
              if (!any) {
                assertAllClose("output row " + i + " with nothing to attend to is outProjBias, for " + in,
                    in.params().outProjBias(), r.output()[i], OUTPUT);
              }
            }
          });
    }

    @Test
    void with_causal_a_token_ignores_later_tokens() {
      Props.check("causal: output row i does not change when tokens after i change", EXAMPLES,
          TransformerGens.selfAttention(6, 3, 3, Masking.CAUSAL), in -> {
            Random random = new Random(~in.seed());
            int i = random.nextInt(in.length());
            double[][] x2 = deepCopy(in.x());
            for (int j = i + 1; j < in.length(); j++) {
              x2[j] = TransformerGens.matrix(random, 1, in.embed(), 4)[0];
            }
            MultiHeadAttentionApi.Result r = KATA.selfAttention(in.x(), in.numHeads(), in.params(), in.mask(), true);
            MultiHeadAttentionApi.Result c = KATA.selfAttention(x2, in.numHeads(), in.params(), in.mask(), true);
            String what = "tokens " + (i + 1) + ".. replaced, x' = " + Arrays.deepToString(x2) + ", for " + in;
            for (int row = 0; row <= i; row++) {
              assertAllClose("output row " + row + " with " + what, r.output()[row], c.output()[row], OUTPUT);
              assertAllClose("weight row " + row + " with " + what, r.weights()[row], c.weights()[row], WEIGHT);
            }
          });
    }

    @Test
    void permuting_the_tokens_permutes_the_output() {
      Props.check("without a mask, permuting the rows of x permutes the output rows and the weights", EXAMPLES,
          TransformerGens.selfAttention(6, 3, 3, Masking.NONE), in -> {
            int[] perm = AttentionSpec.permutation(in.length(), new Random(in.seed()));
            double[][] x2 = new double[in.length()][];
            for (int j = 0; j < in.length(); j++) {
              x2[j] = in.x()[perm[j]];
            }
            MultiHeadAttentionApi.Result r = KATA.selfAttention(in.x(), in.numHeads(), in.params(), null, false);
            MultiHeadAttentionApi.Result p = KATA.selfAttention(x2, in.numHeads(), in.params(), null, false);
            String what = "tokens permuted by " + Arrays.toString(perm) + ", " + in;
            for (int i = 0; i < in.length(); i++) {
              assertAllClose("output row " + i + " with " + what, r.output()[perm[i]], p.output()[i], OUTPUT);
              for (int j = 0; j < in.length(); j++) {
                assertClose("weight [" + i + "][" + j + "] with " + what, r.weights()[perm[i]][perm[j]],
                    p.weights()[i][j], WEIGHT);
              }
            }
          });
    }

    @Test
    void biases_act_where_they_should() {
      // bo adds to every output row; bk adds q_i . u to every score of row i (no effect); bv adds u to
      // every head output of a row that attends to something, so u Wo^T to its output row.
      Props.check("shifting bo shifts the output, shifting bk changes nothing, shifting bv shifts by bv Wo^T", EXAMPLES,
          TransformerGens.selfAttention(5, 3, 3, Masking.ANY), in -> {
            int e = in.embed();
            Random random = new Random(in.seed() * 31 + 1);
            double[] u = TransformerGens.matrix(random, 1, e, 2)[0];
            Parameters p = in.params();
            MultiHeadAttentionApi.Result r = KATA.selfAttention(in.x(), in.numHeads(), p, in.mask(), in.causal());
            double[] bo = p.outProjBias().clone();
            double[] bk = p.inProjBias().clone();
            double[] bv = p.inProjBias().clone();
            for (int c = 0; c < e; c++) {
              bo[c] += u[c];
              bk[e + c] += u[c];
              bv[2 * e + c] += u[c];
            }
            MultiHeadAttentionApi.Result ro = KATA.selfAttention(in.x(), in.numHeads(),
                new Parameters(p.inProjWeight(), p.inProjBias(), p.outProjWeight(), bo), in.mask(), in.causal());
            MultiHeadAttentionApi.Result rk = KATA.selfAttention(in.x(), in.numHeads(),
                new Parameters(p.inProjWeight(), bk, p.outProjWeight(), p.outProjBias()), in.mask(), in.causal());
            MultiHeadAttentionApi.Result rv = KATA.selfAttention(in.x(), in.numHeads(),
                new Parameters(p.inProjWeight(), bv, p.outProjWeight(), p.outProjBias()), in.mask(), in.causal());
            double[] shiftV = new double[e];
            for (int o = 0; o < e; o++) {
              for (int c = 0; c < e; c++) {
                shiftV[o] += u[c] * p.outProjWeight()[o][c];
              }
            }
            String what = "u = " + Arrays.toString(u) + ", " + in;
            assertAllClose("weights with bk shifted by " + what, r.weights(), rk.weights(), WEIGHT);
            assertAllClose("output with bk shifted by " + what, r.output(), rk.output(), OUTPUT);
            for (int i = 0; i < in.length(); i++) {
              double[] expectedO = new double[e];
              double[] expectedV = new double[e];
              boolean any = Arrays.stream(r.weights()[i]).sum() > 0.5;
              for (int c = 0; c < e; c++) {
                expectedO[c] = r.output()[i][c] + u[c];
                expectedV[c] = r.output()[i][c] + (any ? shiftV[c] : 0);
              }
              assertAllClose("output row " + i + " with bo shifted by " + what, expectedO, ro.output()[i], OUTPUT);
              assertAllClose("output row " + i + " with bv shifted by " + what, expectedV, rv.output()[i], OUTPUT);
            }
          });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void output_and_weights_match_the_reference_on_random_inputs() {
      Props.check("selfAttention agrees with the reference solution", EXAMPLES,
          TransformerGens.selfAttention(7, 4, 3, Masking.ANY), in -> {
            MultiHeadAttentionApi.Result expected = REFERENCE.selfAttention(in.x(), in.numHeads(), in.params(), in.mask(), in.causal());
            assertResult("selfAttention, reference vs yours, for " + in,
                KATA.selfAttention(in.x(), in.numHeads(), in.params(), in.mask(), in.causal()),
                expected.output(), expected.weights());
          });
    }
  }

  static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  /** Identity in/out projections of width e, zero in-projection bias, the given out-projection bias. */
  static Parameters identity(int e, double[] outBias) {
    double[][] in = new double[3 * e][e];
    double[][] out = new double[e][e];
    for (int r = 0; r < e; r++) {
      in[r][r] = 1;
      in[e + r][r] = 1;
      in[2 * e + r][r] = 1;
      out[r][r] = 1;
    }
    return new Parameters(in, new double[3 * e], out, outBias);
  }

  static void assertResult(String what, MultiHeadAttentionApi.Result actual, double[][] output, double[][] weights) {
    assertThat(actual).as(what).isNotNull();
    assertAllClose(what + ": head-averaged weights", weights, actual.weights(), WEIGHT);
    assertAllClose(what + ": output", output, actual.output(), OUTPUT);
  }

  static double[][] deepCopy(double[][] m) {
    return AttentionSpec.deepCopy(m);
  }
}

package mlkata.grader.detection;

import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.KataAssertions.assertRejectsNamingAnyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.detection.DetectionGens.Box;
import mlkata.grader.support.Gens;
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
import org.quicktheories.core.Gen;

/**
 * Grades {@code detection/box-coder}.
 *
 * <p>Tolerances: {@link #DELTA} for encoded deltas and {@link #COORD} for decoded coordinates, both
 * mixed absolute/relative ({@code assertNear}). Every mistake the grader targets (a +1 in the width,
 * corners instead of centres, the clamp in the wrong place, weights multiplied instead of divided) moves
 * a value by 1e-2 or more.
 */
@KataSpec
@DisplayName("detection/box-coder: Box regression deltas: encode and decode")
final class BoxCoderSpec {
  /** Deltas are a few products, quotients and a log of coordinates: rounding only, about 1e-15 relative. */
  static final double DELTA = 1e-10;
  /** Decoded corners go through exp and a product with the proposal size: a little rounding, relative. */
  static final double COORD = 1e-10;
  private static final int EXAMPLES = 200;
  private static final double[] DEFAULT = {10, 10, 5, 5};
  private static final double CLIP = Math.log(1000.0 / 16);

  private static final BoxCoderApi KATA = Target.pick(new BoxCoderOfExercises(), new BoxCoderOfSolutions());
  private static final BoxCoderApi REFERENCE = new BoxCoderOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void the_problem_statement_example() {
      // p = [0,0,10,10]: centre (5,5), size 10x10. g = [2,4,12,24]: centre (7,14), size 10x20.
      // dx = 10 * 2 / 10 = 2, dy = 10 * 9 / 10 = 9, dw = 5 log 1 = 0, dh = 5 log 2.
      double[][] deltas = {{2, 9, 0, 5 * Math.log(2)}};
      assertDeltas("encode([2,4,12,24] against [0,0,10,10]): sizes x2 - x1 = 10 and 20 (no +1), centres x1 + w/2 = (5, 5) and (7, 14)", deltas,
          KATA.encode(new double[][] {{2, 4, 12, 24}}, new double[][] {{0, 0, 10, 10}}));
      assertBoxes("decode([2, 9, 0, 5 log 2] against [0,0,10,10])", new double[][] {{2, 4, 12, 24}},
          KATA.decode(deltas, new double[][] {{0, 0, 10, 10}}));
    }

    @Test
    void identical_boxes_encode_to_zeros_and_zeros_decode_to_the_proposal() {
      double[][] box = {{3, 5, 7, 9}};
      assertDeltas("encode of a box against itself", new double[][] {{0, 0, 0, 0}}, KATA.encode(box, box));
      assertBoxes("decode of zero deltas against [3,5,7,9]", box, KATA.decode(new double[][] {{0, 0, 0, 0}}, box));
    }

    @Test
    void widths_are_x2_minus_x1_with_no_plus_one() {
      // p = [0,0,1,1]: w = h = 1, centre (0.5, 0.5). g = [0,0,2,2]: w = h = 2, centre (1, 1).
      // dx = dy = 10 * 0.5 / 1 = 5, dw = dh = 5 log 2 = 3.4657.
      // With the old +1 (w = x2 - x1 + 1): pw = 2, centre 1; gw = 3, centre 1.5: dx = 2.5, dw = 5 log 1.5.
      double l2 = 5 * Math.log(2);
      assertDeltas("encode([0,0,2,2] against [0,0,1,1]): widths 2 and 1 (a +1 gives 3 and 2, dx 2.5)",
          new double[][] {{5, 5, l2, l2}}, KATA.encode(new double[][] {{0, 0, 2, 2}}, new double[][] {{0, 0, 1, 1}}));
    }

    @Test
    void the_offset_is_between_centres_divided_by_the_proposal_size() {
      // p = [0,0,2,2]: centre (1,1), size 2. g = [4,0,8,2]: centre (6,1), size 4 x 2.
      // dx = 10 * (6 - 1) / 2 = 25 (x1 - x1 gives 40; dividing by the target width gives 12.5), dy = 0,
      // dw = 5 log(4 / 2) = 3.4657 (log(2 / 4) has the wrong sign), dh = 0.
      assertDeltas("encode([4,0,8,2] against [0,0,2,2]): dx = 10 * (6 - 1) / 2 = 25, dw = 5 log(4/2)",
          new double[][] {{25, 0, 5 * Math.log(2), 0}},
          KATA.encode(new double[][] {{4, 0, 8, 2}}, new double[][] {{0, 0, 2, 2}}));
    }

    @Test
    void encoding_multiplies_by_the_weights_in_the_order_wx_wy_ww_wh() {
      // p = [0,0,2,2]: centre (1,1), size 2x2. g = [1,1,3,5]: centre (2,3), size 2x4.
      // weights (1,2,3,4): dx = 1 * 1/2 = 0.5, dy = 2 * 2/2 = 2, dw = 3 log 1 = 0, dh = 4 log 2.
      assertDeltas("encode([1,1,3,5] against [0,0,2,2]) with weights (1, 2, 3, 4)",
          new double[][] {{0.5, 2, 0, 4 * Math.log(2)}},
          KATA.encode(new double[][] {{1, 1, 3, 5}}, new double[][] {{0, 0, 2, 2}}, new double[] {1, 2, 3, 4}));
    }

    @Test
    void decoding_divides_by_the_weights() {
      // p = [0,0,10,10], default weights: dx = 10/10 = 1, dy = 20/10 = 2, dw = (5 log 2)/5 = log 2, dh = 0.
      // Centre (1*10 + 5, 2*10 + 5) = (15, 25), size (20, 10): [5, 20, 25, 30].
      assertBoxes("decode([10, 20, 5 log 2, 0] against [0,0,10,10]) with weights (10, 10, 5, 5)",
          new double[][] {{5, 20, 25, 30}},
          KATA.decode(new double[][] {{10, 20, 5 * Math.log(2), 0}}, new double[][] {{0, 0, 10, 10}}));
      // Weights (1, 2, 3, 4): dx = 1, dy = 1, dw = log 2, dh = (4 log 3)/4 = log 3 on p = [0,0,2,2]:
      // centre (1*2 + 1, 1*2 + 1) = (3, 3), size (4, 6): [1, 0, 5, 6].
      assertBoxes("decode([1, 2, 3 log 2, 4 log 3] against [0,0,2,2]) with weights (1, 2, 3, 4)",
          new double[][] {{1, 0, 5, 6}},
          KATA.decode(new double[][] {{1, 2, 3 * Math.log(2), 4 * Math.log(3)}}, new double[][] {{0, 0, 2, 2}},
              new double[] {1, 2, 3, 4}));
    }

    @Test
    void decoding_clamps_dw_and_dh_over_the_weight_at_log_1000_over_16() {
      // p = [0,0,10,10], dw = 25: dw / 5 = 5 > log(62.5) = 4.135, so the width is 10 * 62.5 = 625 and the
      // box [5 - 312.5, 0, 5 + 312.5, 10]. Unclamped: 10 e^5 = 1484; clamping dw itself before dividing:
      // 10 e^(4.135 / 5) = 22.9.
      assertBoxes("decode([0, 0, 25, 0] against [0,0,10,10]): dw / ww = 5 is clamped to log(1000/16)",
          new double[][] {{-307.5, 0, 317.5, 10}},
          KATA.decode(new double[][] {{0, 0, 25, 0}}, new double[][] {{0, 0, 10, 10}}));
      // The same for the height, with unit weights: dh = 7 > 4.135, height 6 * 62.5 = 375 about centre 3.
      assertBoxes("decode([0, 0, 0, 7] against [0,0,2,6]) with unit weights: dh = 7 is clamped",
          new double[][] {{0, 3 - 187.5, 2, 3 + 187.5}},
          KATA.decode(new double[][] {{0, 0, 0, 7}}, new double[][] {{0, 0, 2, 6}}, new double[] {1, 1, 1, 1}));
    }

    @Test
    void there_is_no_lower_clamp_and_no_clamp_on_dx_dy() {
      // dw = -30 with ww = 5: width 10 e^-6, centred at 5. dx = 500: centre 5 + 50 * 10 = 505.
      double half = 5 * Math.exp(-6);
      assertBoxes("decode([500, 0, -30, 0] against [0,0,10,10]): nothing clamps a negative dw or a large dx",
          new double[][] {{505 - half, 0, 505 + half, 10}},
          KATA.decode(new double[][] {{500, 0, -30, 0}}, new double[][] {{0, 0, 10, 10}}));
    }

    @Test
    void rows_pair_up_one_to_one_and_empty_input_gives_empty_output() {
      double[][] targets = {{2, 4, 12, 24}, {0, 0, 2, 2}};
      double[][] proposals = {{0, 0, 10, 10}, {0, 0, 1, 1}};
      double l2 = 5 * Math.log(2);
      assertDeltas("encode of two pairs", new double[][] {{2, 9, 0, l2}, {5, 5, l2, l2}}, KATA.encode(targets, proposals));
      assertThat(KATA.encode(new double[0][], new double[0][])).as("encode of zero boxes").isEmpty();
      assertThat(KATA.decode(new double[0][], new double[0][])).as("decode of zero boxes").isEmpty();
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][] boxes = {{0, 0, 10, 10}, {1, 2, 3, 4}};

    @Test
    void lengths_must_match() {
      assertRejectsNamingAnyOf("encode with 2 targets and 1 proposal", () -> KATA.encode(boxes, new double[][] {{0, 0, 1, 1}}),
          "targets", "proposals");
      assertRejectsNamingAnyOf("decode with 1 delta row and 2 proposals", () -> KATA.decode(new double[][] {{0, 0, 0, 0}}, boxes),
          "deltas", "proposals");
    }

    @Test
    void rows_must_have_four_finite_values() {
      assertRejects("encode with a target of 3 values", "targets",
          () -> KATA.encode(new double[][] {{0, 0, 1, 1}, {0, 0, 1}}, boxes));
      assertRejects("encode with a proposal of 5 values", "proposals",
          () -> KATA.encode(boxes, new double[][] {{0, 0, 1, 1}, {0, 0, 1, 1, 1}}));
      assertRejects("decode with a delta row of 3 values", "deltas",
          () -> KATA.decode(new double[][] {{0, 0, 0, 0}, {0, 0, 0}}, boxes));
      assertRejects("encode with NaN in a target", "targets",
          () -> KATA.encode(new double[][] {{0, 0, 1, 1}, {0, Double.NaN, 1, 1}}, boxes));
      assertRejects("encode with +inf in a proposal", "proposals",
          () -> KATA.encode(boxes, new double[][] {{0, 0, Double.POSITIVE_INFINITY, 1}, {0, 0, 1, 1}}));
      assertRejects("decode with NaN in a delta", "deltas",
          () -> KATA.decode(new double[][] {{0, 0, 0, 0}, {0, 0, Double.NaN, 0}}, boxes));
      assertRejects("decode with -inf in a delta", "deltas",
          () -> KATA.decode(new double[][] {{Double.NEGATIVE_INFINITY, 0, 0, 0}, {0, 0, 0, 0}}, boxes));
      assertRejects("decode with -inf in a proposal", "proposals",
          () -> KATA.decode(new double[][] {{0, 0, 0, 0}}, new double[][] {{Double.NEGATIVE_INFINITY, 0, 1, 1}}));
    }

    @Test
    void boxes_need_a_positive_width_and_height() {
      assertRejects("encode with a zero-width proposal", "proposals",
          () -> KATA.encode(boxes, new double[][] {{0, 0, 1, 1}, {2, 2, 2, 5}}));
      assertRejects("encode with a zero-height proposal", "proposals",
          () -> KATA.encode(boxes, new double[][] {{0, 0, 1, 1}, {2, 2, 3, 2}}));
      assertRejects("encode with a zero-width target", "targets",
          () -> KATA.encode(new double[][] {{0, 0, 1, 1}, {2, 2, 2, 5}}, boxes));
      assertRejects("encode with a target of negative height", "targets",
          () -> KATA.encode(new double[][] {{0, 3, 1, 1}, {0, 0, 1, 1}}, boxes));
      assertRejects("decode with a proposal of negative width", "proposals",
          () -> KATA.decode(new double[][] {{0, 0, 0, 0}}, new double[][] {{3, 0, 1, 1}}));
      assertRejects("decode with a zero-height proposal", "proposals",
          () -> KATA.decode(new double[][] {{0, 0, 0, 0}}, new double[][] {{0, 1, 1, 1}}));
    }

    @Test
    void weights_must_be_four_finite_positive_numbers() {
      double[][] deltas = {{0, 0, 0, 0}, {1, 1, 1, 1}};
      for (double[] w : new double[][] {{1, 1, 1}, {1, 1, 1, 1, 1}, {0, 1, 1, 1}, {1, -1, 1, 1}, {1, 1, Double.NaN, 1},
          {1, 1, 1, Double.POSITIVE_INFINITY}}) {
        assertRejects("encode with weights " + Arrays.toString(w), "weights", () -> KATA.encode(boxes, boxes, w));
        assertRejects("decode with weights " + Arrays.toString(w), "weights", () -> KATA.decode(deltas, boxes, w));
      }
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("encode with null targets", () -> KATA.encode(null, boxes));
      assertNullRejected("encode with null proposals", () -> KATA.encode(boxes, null));
      assertNullRejected("encode with a null target row", () -> KATA.encode(new double[][] {null, {0, 0, 1, 1}}, boxes));
      assertNullRejected("encode with null weights", () -> KATA.encode(boxes, boxes, null));
      assertNullRejected("decode with null deltas", () -> KATA.decode(null, boxes));
      assertNullRejected("decode with a null delta row", () -> KATA.decode(new double[][] {{0, 0, 0, 0}, null}, boxes));
      assertNullRejected("decode with null proposals", () -> KATA.decode(new double[][] {{0, 0, 0, 0}}, null));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] targets = {{2, 4, 12, 24}, {0.5, 0.5, 3, 9}};
      double[][] proposals = {{0, 0, 10, 10}, {1, 1, 2, 2}};
      double[][] deltas = {{1, -2, 30, -4}, {0.5, 0.25, 1, 2}};
      double[] weights = {1, 2, 3, 4};
      double[][] tc = Tensors.deepCopy(targets);
      double[][] pc = Tensors.deepCopy(proposals);
      double[][] dc = Tensors.deepCopy(deltas);
      KATA.encode(targets, proposals, weights);
      KATA.decode(deltas, proposals, weights);
      KATA.decode(deltas, proposals);
      assertThat(targets).as("targets after encode").isDeepEqualTo(tc);
      assertThat(proposals).as("proposals after encode and decode").isDeepEqualTo(pc);
      assertThat(deltas).as("deltas after decode").isDeepEqualTo(dc);
      assertThat(weights).as("weights after encode and decode").containsExactly(1, 2, 3, 4);
    }
  }

  @Nested
  @DisplayName("golden cases from torchvision")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("detection/box-coder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_torchvision(Goldens.Case c) {
      double[][] proposals = c.input().matrix("proposals");
      double[] weights = c.input().doubles("weights");
      if (c.input().string("op").equals("encode")) {
        double[][] targets = c.input().matrix("targets");
        assertDeltas("encode, golden '" + c.name() + "' vs " + c.library() + ", targets=" + Arrays.deepToString(targets)
            + ", proposals=" + Arrays.deepToString(proposals) + ", weights=" + Arrays.toString(weights),
            c.expected().matrix("deltas"), KATA.encode(targets, proposals, weights));
      } else {
        double[][] deltas = c.input().matrix("deltas");
        assertBoxes("decode, golden '" + c.name() + "' vs " + c.library() + ", deltas=" + Arrays.deepToString(deltas)
            + ", proposals=" + Arrays.deepToString(proposals) + ", weights=" + Arrays.toString(weights),
            c.expected().matrix("boxes"), KATA.decode(deltas, proposals, weights));
      }
    }
  }

  /** Pairs of positive boxes (sides 0.5..15, so every ratio stays under the clamp's 62.5) and weights. */
  record Pairs(double[][] targets, double[][] proposals, double[] weights) {
    @Override
    public String toString() {
      return "targets=" + Arrays.deepToString(targets) + ", proposals=" + Arrays.deepToString(proposals)
          + ", weights=" + Arrays.toString(weights);
    }
  }

  /**
   * Deltas, proposals and weights. Each delta is its weight times a value in [-6, 6], so that some
   * log-sizes pass the clamp (4.135) and none underflows a width to 0.
   */
  record Decoding(double[][] deltas, double[][] proposals, double[] weights) {
    @Override
    public String toString() {
      return "deltas=" + Arrays.deepToString(deltas) + ", proposals=" + Arrays.deepToString(proposals)
          + ", weights=" + Arrays.toString(weights);
    }
  }

  static Gen<double[]> weights() {
    Gen<double[]> fixed = Gens.decimals(0, 1, 1).map(u -> u < 0.5 ? DEFAULT.clone() : new double[] {1, 1, 1, 1});
    Gen<Double> w = Gens.decimals(0.1, 20, 3);
    Gen<double[]> free = w.zip(w, w, w, (a, b, c, d) -> new double[] {a, b, c, d});
    return free.mix(fixed, 40);
  }

  static Gen<double[][]> threeBoxes() {
    Gen<double[]> box = DetectionGens.positiveBoxes().map(Box::toArray);
    return box.zip(box, box, (a, b, c) -> new double[][] {a, b, c});
  }

  static Gen<Pairs> pairs() {
    Gen<double[][]> boxes = threeBoxes();
    return integers().between(0, 3).zip(boxes, boxes, weights(),
        (n, t, p, w) -> new Pairs(Arrays.copyOf(t, n), Arrays.copyOf(p, n), w));
  }

  static Gen<Decoding> decodings() {
    Gen<Double> d = Gens.decimals(-6, 6, 4).mix(Gens.decimals(-1, 1, 4), 60);
    Gen<double[]> row = d.zip(d, d, d, (a, b, c, e) -> new double[] {a, b, c, e});
    Gen<double[][]> rows = row.zip(row, row, (a, b, c) -> new double[][] {a, b, c});
    Gen<double[][]> boxes = threeBoxes();
    return integers().between(0, 3).zip(rows, boxes, weights(), (n, r, p, w) -> {
      double[][] deltas = new double[n][4];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 4; c++) {
          deltas[i][c] = r[i][c] * w[c];
        }
      }
      return new Decoding(deltas, Arrays.copyOf(p, n), w);
    });
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void decoding_an_encoding_gives_the_target_back() {
      Props.check("decode(encode(g, p), p) == g while the size ratios stay under 62.5", EXAMPLES, pairs(), in -> {
        double[][] deltas = KATA.encode(in.targets(), in.proposals(), in.weights());
        assertBoxes("decode(encode(g, p), p) for " + in + ", deltas " + Arrays.deepToString(deltas), in.targets(),
            KATA.decode(deltas, in.proposals(), in.weights()));
      });
    }

    @Test
    void encoding_a_decoding_gives_the_deltas_back_below_the_clamp() {
      Props.check("encode(decode(d, p), p) == d when dw / ww and dh / wh are at most log(1000/16)", EXAMPLES,
          decodings(), in -> {
            double[][] boxes = KATA.decode(in.deltas(), in.proposals(), in.weights());
            double[][] expected = new double[in.deltas().length][];
            for (int n = 0; n < expected.length; n++) {
              expected[n] = in.deltas()[n].clone();
              expected[n][2] = in.weights()[2] * Math.min(expected[n][2] / in.weights()[2], CLIP);
              expected[n][3] = in.weights()[3] * Math.min(expected[n][3] / in.weights()[3], CLIP);
            }
            assertDeltas("encode(decode(d, p), p), with dw and dh clamped at ww log(62.5), wh log(62.5), for " + in
                + ", decoded " + Arrays.deepToString(boxes), expected, KATA.encode(boxes, in.proposals(), in.weights()));
          });
    }

    @Test
    void deltas_do_not_change_when_both_boxes_are_shifted_or_scaled_together() {
      Props.check("encode is invariant to a common shift and a common positive scale", EXAMPLES, pairs(), in -> {
        double[][] d = KATA.encode(in.targets(), in.proposals(), in.weights());
        double[][] t2 = transform(in.targets(), 3.5, -7.25, 2.5);
        double[][] p2 = transform(in.proposals(), 3.5, -7.25, 2.5);
        assertDeltas("encode of the boxes scaled by 2.5 and shifted by (3.5, -7.25), " + in, d,
            KATA.encode(t2, p2, in.weights()));
      });
    }

    @Test
    void the_two_argument_forms_use_weights_10_10_5_5() {
      Props.check("encode(g, p) == encode(g, p, (10, 10, 5, 5)) and the same for decode", EXAMPLES, decodings(), in -> {
        assertDeltas("encode(g, p) vs encode(g, p, (10, 10, 5, 5)) with the proposals as targets of " + in,
            KATA.encode(in.proposals(), reversed(in.proposals()), DEFAULT), KATA.encode(in.proposals(), reversed(in.proposals())));
        assertBoxes("decode(d, p) vs decode(d, p, (10, 10, 5, 5)) for " + in,
            KATA.decode(in.deltas(), in.proposals(), DEFAULT), KATA.decode(in.deltas(), in.proposals()));
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void encode_and_decode_match_the_reference() {
      Props.check("encode agrees with the reference", EXAMPLES, pairs(), in -> assertDeltas("encode, reference vs yours, " + in,
          REFERENCE.encode(in.targets(), in.proposals(), in.weights()), KATA.encode(in.targets(), in.proposals(), in.weights())));
      Props.check("decode agrees with the reference", EXAMPLES, decodings(), in -> assertBoxes("decode, reference vs yours, " + in,
          REFERENCE.decode(in.deltas(), in.proposals(), in.weights()), KATA.decode(in.deltas(), in.proposals(), in.weights())));
    }
  }

  static double[][] transform(double[][] boxes, double sx, double sy, double scale) {
    double[][] out = new double[boxes.length][];
    for (int n = 0; n < boxes.length; n++) {
      double[] b = boxes[n];
      out[n] = new double[] {scale * b[0] + sx, scale * b[1] + sy, scale * b[2] + sx, scale * b[3] + sy};
    }
    return out;
  }

  static double[][] reversed(double[][] boxes) {
    double[][] out = new double[boxes.length][];
    for (int n = 0; n < boxes.length; n++) {
      out[n] = boxes[boxes.length - 1 - n];
    }
    return out;
  }

  static void assertDeltas(String what, double[][] expected, double[][] actual) {
    assertNear(() -> what, expected, actual, DELTA);
  }

  static void assertBoxes(String what, double[][] expected, double[][] actual) {
    assertNear(() -> what, expected, actual, COORD);
  }

}

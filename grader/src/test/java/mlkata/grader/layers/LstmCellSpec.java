package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static mlkata.grader.support.Tensors.deepCopy;
import static mlkata.grader.support.Tensors.flatten;
import static mlkata.grader.support.Tensors.unflatten;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import mlkata.grader.layers.LstmCellApi.GruGradients;
import mlkata.grader.layers.LstmCellApi.LstmGradients;
import mlkata.grader.layers.LstmCellApi.LstmState;
import mlkata.grader.layers.LstmCellApi.Weights;
import mlkata.grader.layers.LstmCellGens.Step;
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
 * Grades {@code layers/lstm-cell}: one step of PyTorch's {@code LSTMCell} and {@code GRUCell}, forward
 * and backward, with PyTorch's gate order and bias placement.
 *
 * <p>Tolerances are mixed absolute/relative ({@code KataAssertions.assertNear}): {@link #OUTPUT} for
 * states, {@link #GRADIENT} for gradients against PyTorch or the reference, and {@link #FD_STEP} /
 * {@link #FD_TOLERANCE} for central differences. A wrong gate order, a missing bias or the paper's
 * placement of the reset gate moves a state by more than 1e-3 on the examples used here.
 */
@KataSpec
@DisplayName("layers/lstm-cell: LSTM and GRU cells, forward and backward")
final class LstmCellSpec {
  /** A state is a dot product of at most 20 terms of size about 1 and a few tanh/sigmoid: about 1e-15. */
  static final double OUTPUT = 1e-12;
  /** A gradient is a product of a few such values and another dot product: a few more ulps. */
  static final double GRADIENT = 1e-11;
  /** Central-difference step: truncation h^2 * f''' is about 1e-12 for these smooth cells. */
  static final double FD_STEP = 1e-6;
  /** Truncation (1e-12) plus rounding of the loss (about 1e-16 * |loss| / h = 1e-10), with a wide margin. */
  static final double FD_TOLERANCE = 1e-6;
  private static final int EXAMPLES = 150;
  private static final int GRADIENT_EXAMPLES = 40;

  private static final LstmCellApi KATA = Target.pick(new LstmCellOfExercises(), new LstmCellOfSolutions());
  private static final LstmCellApi REFERENCE = new LstmCellOfSolutions();

  @Nested
  @DisplayName("hand-worked LSTM examples")
  final class LstmExamples {
    @Test
    void the_problem_statement_example() {
      Weights w = new Weights(col(1, 0, 2, 0), col(0, 1, 0, -1), row(0, 0, 0, 0), row(0, 0, 0, 0.5));
      LstmState s = KATA.lstmForward(m(1), m(0.5), m(2), w);
      // a = [1, 0.5, 2, -0.5 + 0.5 = 0]; c' = sigmoid(0.5) * 2 + sigmoid(1) * tanh(2); h' = 0.5 * tanh(c').
      double c = sigmoid(0.5) * 2 + sigmoid(1) * Math.tanh(2);
      assertState("lstmForward of the statement example", 0.5 * Math.tanh(c), c, s);
      assertNear("the statement's c' = 1.949679", 1.949679, s.c()[0][0], 1e-6);
      assertNear("the statement's h' = 0.480147", 0.480147, s.h()[0][0], 1e-6);
    }

    @Test
    void the_gates_are_stacked_i_f_g_o() {
      // Zero weights, biases a = [1, 2, 3, -1] for blocks 0..3 and c = 1:
      // i = sigmoid(1), f = sigmoid(2), g = tanh(3), o = sigmoid(-1); c' = f + i g = 1.608240, h' = 0.248206.
      // Keras's or another order (i, f, o, g, say) gives c' = 0.324027.
      Weights w = new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(1, 2, 3, -1), row(0, 0, 0, 0));
      double c = sigmoid(2) + sigmoid(1) * Math.tanh(3);
      assertState("lstmForward with zero weights, biasIh [1, 2, 3, -1], c = 1: blocks are i, f, g, o",
          sigmoid(-1) * Math.tanh(c), c, KATA.lstmForward(m(0.7), m(0.3), m(1), w));
    }

    @Test
    void both_biases_are_added() {
      // The same pre-activations as above, split over the two biases: [1, 0, 3, 0] + [0, 2, 0, -1].
      Weights w = new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(1, 0, 3, 0), row(0, 2, 0, -1));
      double c = sigmoid(2) + sigmoid(1) * Math.tanh(3);
      assertState("lstmForward with biasIh [1, 0, 3, 0] and biasHh [0, 2, 0, -1]", sigmoid(-1) * Math.tanh(c), c,
          KATA.lstmForward(m(0.7), m(0.3), m(1), w));
    }

    @Test
    void saturated_gates_do_not_overflow() {
      // Pre-activations of +-1000: i = 1, f = 0, g = 1, o = 1 exactly in float64, so c' = 1 and h' = tanh(1).
      // exp(1000) overflows: a sigmoid written as exp(v) / (1 + exp(v)) returns NaN here.
      Weights w = new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(1000, -1000, 1000, 1000), row(0, 0, 0, 0));
      assertState("lstmForward with biasIh [1000, -1000, 1000, 1000], c = 2", Math.tanh(1), 1,
          KATA.lstmForward(m(0.5), m(0.5), m(2), w));
      // Every gate is flat, so the parameter gradients and dx, dh, dc are all zero (dc = dc'_total * f = 0).
      assertLstmGradients("lstmBackward with saturated gates, dh' = 1, dc' = 0", m(0), m(0), m(0),
          new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(0, 0, 0, 0), row(0, 0, 0, 0)),
          KATA.lstmBackward(m(0.5), m(0.5), m(2), w, m(1), m(0)));
      Weights negative = new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(-1000, 1000, -1000, -1000), row(0, 0, 0, 0));
      // i = 0, f = 1, o = 0: c' = c = 2 and h' = 0.
      assertState("lstmForward with biasIh [-1000, 1000, -1000, -1000], c = 2", 0, 2,
          KATA.lstmForward(m(0.5), m(0.5), m(2), negative));
    }

    @Test
    void dh_next_reaches_the_candidate_through_the_new_cell_state() {
      // Zero parameters, c = 0: i = f = o = 1/2, g = 0, c' = 0, h' = 0. With dh' = 1, dc' = 0:
      // dc'_total = dh' * o * (1 - tanh(c')^2) = 0.5; only g has a nonzero effect: da_g = 0.5 * i * (1 - g^2) = 0.25,
      // and dc = 0.5 * f = 0.25. With x = 2 and h = -1: dW_ih = [0, 0, 0.5, 0], dW_hh = [0, 0, -0.25, 0].
      LstmGradients g = KATA.lstmBackward(m(2), m(-1), m(0), zeros(4, 1, 1), m(1), m(0));
      assertLstmGradients("lstmBackward with zero parameters, x = 2, h = -1, c = 0, dh' = 1, dc' = 0",
          m(0), m(0), m(0.25), new Weights(col(0, 0, 0.5, 0), col(0, 0, -0.25, 0), row(0, 0, 0.25, 0),
              row(0, 0, 0.25, 0)), g);
    }

    @Test
    void dc_next_flows_to_the_forget_gate_the_candidate_and_the_old_cell() {
      // Zero parameters, c = 2, dh' = 0, dc' = 1: i = f = o = 1/2, g = 0. da_i = dc' * g * i(1 - i) = 0;
      // da_f = dc' * c * f(1 - f) = 0.5; da_g = dc' * i * (1 - g^2) = 0.5; da_o = 0; dc = dc' * f = 0.5.
      LstmGradients g = KATA.lstmBackward(m(1), m(1), m(2), zeros(4, 1, 1), m(0), m(1));
      assertLstmGradients("lstmBackward with zero parameters, x = h = 1, c = 2, dh' = 0, dc' = 1",
          m(0), m(0), m(0.5), new Weights(col(0, 0.5, 0.5, 0), col(0, 0.5, 0.5, 0), row(0, 0.5, 0.5, 0),
              row(0, 0.5, 0.5, 0)), g);
    }

    @Test
    void dh_next_uses_the_derivative_of_tanh_at_the_new_cell_state() {
      // Zero parameters, c = 2, dh' = 1, dc' = 0: c' = 1, t = tanh(1). da_o = t * o(1 - o) = t / 4;
      // dc'_total = o * (1 - t^2) = (1 - t^2) / 2; da_f = dc'_total * c / 4; da_g = dc'_total / 2; dc = dc'_total / 2.
      double t = Math.tanh(1);
      double total = (1 - t * t) / 2;
      LstmGradients g = KATA.lstmBackward(m(1), m(0), m(2), zeros(4, 1, 1), m(1), m(0));
      assertLstmGradients("lstmBackward with zero parameters, x = 1, h = 0, c = 2, dh' = 1, dc' = 0", m(0), m(0),
          m(total / 2), new Weights(col(0, total / 2, total / 2, t / 4), col(0, 0, 0, 0),
              row(0, total / 2, total / 2, t / 4), row(0, total / 2, total / 2, t / 4)), g);
    }
  }

  @Nested
  @DisplayName("hand-worked GRU examples")
  final class GruExamples {
    @Test
    void the_problem_statement_example_resets_the_hidden_term_with_its_bias() {
      Weights w = new Weights(col(0, 0, 1), col(0, 0, 1), row(0, 0, 0), row(0, 0, 1));
      // r = z = 1/2; n = tanh(1 + r * (1 * 2 + 1)) = tanh(2.5); h' = n / 2 + 2 / 2 = 1.493307.
      // The paper's n = tanh(1 + 1 * (r * 2) + 1) = tanh(3) gives 1.497527; leaving b_hn outside r gives tanh(3) too.
      assertGru("gruForward of the statement example: n = tanh(W_in x + b_in + r * (W_hn h + b_hn))",
          Math.tanh(2.5) / 2 + 1, KATA.gruForward(m(1), m(2), w));
    }

    @Test
    void the_update_gate_weights_the_old_state() {
      // Zero weights, biasIh = [0, 3, 0]: z = sigmoid(3), n = tanh(0) = 0, so h' = z * h = 1.905148 for h = 2.
      // Swapping the roles (h' = z * n + (1 - z) * h) gives 0.094852.
      Weights w = new Weights(col(0, 0, 0), col(0, 0, 0), row(0, 3, 0), row(0, 0, 0));
      assertGru("gruForward with zero weights, biasIh [0, 3, 0], h = 2: h' = (1 - z) * n + z * h",
          2 * sigmoid(3), KATA.gruForward(m(5), m(2), w));
    }

    @Test
    void the_gates_are_stacked_r_z_n() {
      // Zero weights, biasIh = [1, -1, 0.5], biasHh = [0, 0, 0.5], h = 1: r = sigmoid(1), z = sigmoid(-1),
      // n = tanh(0.5 + r * 0.5), h' = (1 - z) n + z.
      Weights w = new Weights(col(0, 0, 0), col(0, 0, 0), row(1, -1, 0.5), row(0, 0, 0.5));
      double r = sigmoid(1);
      double z = sigmoid(-1);
      double n = Math.tanh(0.5 + r * 0.5);
      assertGru("gruForward with zero weights, biasIh [1, -1, 0.5], biasHh [0, 0, 0.5], h = 1: blocks are r, z, n",
          (1 - z) * n + z, KATA.gruForward(m(0.3), m(1), w));
    }

    @Test
    void saturated_gates_do_not_overflow() {
      // r = 0 and z = 1 exactly: h' = h, whatever n is.
      Weights w = new Weights(col(0, 0, 0), col(0, 0, 0), row(-1000, 1000, 0.5), row(0, 0, 0));
      assertGru("gruForward with biasIh [-1000, 1000, 0.5], h = -0.75", -0.75, KATA.gruForward(m(0.5), m(-0.75), w));
      // r = 1 and z = 0: h' = n = tanh(0.5 + 1 * 0.25).
      Weights open = new Weights(col(0, 0, 0), col(0, 0, 0), row(1000, -1000, 0.5), row(0, 0, 0.25));
      assertGru("gruForward with biasIh [1000, -1000, 0.5], biasHh [0, 0, 0.25]", Math.tanh(0.75),
          KATA.gruForward(m(0.5), m(-0.75), open));
    }

    @Test
    void the_hidden_bias_of_n_gets_the_gradient_scaled_by_r() {
      // Zero parameters, x = 3, h = 2, dh' = 1: r = z = 1/2, n = 0, W_hn h + b_hn = 0.
      // da_n = dh' * (1 - z) * (1 - n^2) = 0.5; da_z = dh' * (h - n) * z(1 - z) = 0.5; da_r = da_n * 0 = 0.
      // Input side: db_ih = [0, 0.5, 0.5], dW_ih = 3 * that. Hidden side: the n block is da_n * r = 0.25, so
      // db_hh = [0, 0.5, 0.25] and dW_hh = 2 * that. dh = dh' * z = 0.5 (all weights are zero).
      GruGradients g = KATA.gruBackward(m(3), m(2), zeros(3, 1, 1), m(1));
      assertGruGradients("gruBackward with zero parameters, x = 3, h = 2, dh' = 1", m(0), m(0.5),
          new Weights(col(0, 1.5, 1.5), col(0, 1, 0.5), row(0, 0.5, 0.5), row(0, 0.5, 0.25)), g);
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    @Test
    void shapes_must_match() {
      Weights lstm = zeros(4, 2, 3);
      Weights gru = zeros(3, 2, 3);
      double[][] x = new double[1][2];
      double[][] h = new double[1][3];
      assertRejects("lstmForward with GRU-sized weights (3H rows)", "weightHh", () -> KATA.lstmForward(x, h, h, gru));
      assertRejects("gruForward with LSTM-sized weights (4H rows)", "weightHh", () -> KATA.gruForward(x, h, lstm));
      assertRejects("lstmForward with x of 3 columns for weightIh of 2", "weightIh",
          () -> KATA.lstmForward(new double[1][3], h, h, lstm));
      assertRejects("lstmForward with h of 2 columns, H = 3", "h", () -> KATA.lstmForward(x, new double[1][2], h, lstm));
      assertRejects("lstmForward with c of 2 rows, B = 1", "c", () -> KATA.lstmForward(x, h, new double[2][3], lstm));
      assertRejects("gruForward with h of 2 rows, B = 1", "h", () -> KATA.gruForward(x, new double[2][3], gru));
      assertRejects("lstmForward with biasIh of 11 entries", "biasIh", () -> KATA.lstmForward(x, h, h,
          new Weights(lstm.weightIh(), lstm.weightHh(), new double[11], lstm.biasHh())));
      assertRejects("gruForward with biasHh of 12 entries", "biasHh", () -> KATA.gruForward(x, h,
          new Weights(gru.weightIh(), gru.weightHh(), gru.biasIh(), new double[12])));
      assertRejects("lstmForward with no samples", "x", () -> KATA.lstmForward(new double[0][], new double[0][],
          new double[0][], lstm));
      assertRejects("lstmForward with a ragged x", "x", () -> KATA.lstmForward(new double[][] {{1, 2}, {3}},
          new double[2][3], new double[2][3], lstm));
      assertRejects("gruForward with weightIh of 8 rows", "weightIh", () -> KATA.gruForward(x, h,
          new Weights(new double[8][2], gru.weightHh(), gru.biasIh(), gru.biasHh())));
      assertRejects("lstmBackward with dhNext of 2 columns", "dhNext", () -> KATA.lstmBackward(x, h, h, lstm,
          new double[1][2], new double[1][3]));
      assertRejects("lstmBackward with c of 2 columns", "c", () -> KATA.lstmBackward(x, h, new double[1][2], lstm,
          new double[1][3], new double[1][3]));
      assertRejects("lstmBackward with dcNext of 2 rows", "dcNext", () -> KATA.lstmBackward(x, h, h, lstm,
          new double[1][3], new double[2][3]));
      assertRejects("gruBackward with dhNext of 2 rows", "dhNext", () -> KATA.gruBackward(x, h, gru, new double[2][3]));
      assertRejects("gruBackward with a ragged weightHh", "weightHh", () -> KATA.gruBackward(x, h,
          new Weights(gru.weightIh(), ragged(9, 3), gru.biasIh(), gru.biasHh()), new double[1][3]));
    }

    @Test
    void non_finite_values_are_rejected() {
      Weights lstm = zeros(4, 1, 1);
      Weights gru = zeros(3, 1, 1);
      assertRejects("lstmForward with x = NaN", "x", () -> KATA.lstmForward(m(Double.NaN), m(0), m(0), lstm));
      assertRejects("lstmForward with c = Infinity", "c", () -> KATA.lstmForward(m(0), m(0), m(Double.POSITIVE_INFINITY),
          lstm));
      assertRejects("gruForward with h = -Infinity", "h", () -> KATA.gruForward(m(0), m(Double.NEGATIVE_INFINITY), gru));
      assertRejects("gruForward with a NaN in weightHh", "weightHh", () -> KATA.gruForward(m(0), m(0),
          new Weights(col(0, 0, 0), col(0, Double.NaN, 0), row(0, 0, 0), row(0, 0, 0))));
      assertRejects("lstmForward with an infinite biasHh", "biasHh", () -> KATA.lstmForward(m(0), m(0), m(0),
          new Weights(col(0, 0, 0, 0), col(0, 0, 0, 0), row(0, 0, 0, 0), row(0, Double.POSITIVE_INFINITY, 0, 0))));
      assertRejects("gruForward with a NaN biasIh", "biasIh", () -> KATA.gruForward(m(0), m(0),
          new Weights(col(0, 0, 0), col(0, 0, 0), row(Double.NaN, 0, 0), row(0, 0, 0))));
      assertRejects("lstmForward with an infinite weightIh", "weightIh", () -> KATA.lstmForward(m(0), m(0), m(0),
          new Weights(col(0, 0, Double.NEGATIVE_INFINITY, 0), col(0, 0, 0, 0), row(0, 0, 0, 0), row(0, 0, 0, 0))));
      assertRejects("lstmBackward with dhNext = NaN", "dhNext", () -> KATA.lstmBackward(m(0), m(0), m(0), lstm,
          m(Double.NaN), m(0)));
      assertRejects("lstmBackward with dcNext = Infinity", "dcNext", () -> KATA.lstmBackward(m(0), m(0), m(0), lstm,
          m(0), m(Double.POSITIVE_INFINITY)));
      assertRejects("gruBackward with dhNext = NaN", "dhNext", () -> KATA.gruBackward(m(0), m(0), gru, m(Double.NaN)));
    }

    @Test
    void null_arguments_throw_null_pointer_exception() {
      Weights lstm = zeros(4, 1, 1);
      Weights gru = zeros(3, 1, 1);
      assertNullRejected("lstmForward of null x", () -> KATA.lstmForward(null, m(0), m(0), lstm));
      assertNullRejected("lstmForward with null c", () -> KATA.lstmForward(m(0), m(0), null, lstm));
      assertNullRejected("lstmForward with null weights", () -> KATA.lstmForward(m(0), m(0), m(0), null));
      assertNullRejected("gruForward with null h", () -> KATA.gruForward(m(0), null, gru));
      assertNullRejected("gruForward with a null biasHh", () -> KATA.gruForward(m(0), m(0),
          new Weights(gru.weightIh(), gru.weightHh(), gru.biasIh(), null)));
      assertNullRejected("lstmBackward with null dcNext", () -> KATA.lstmBackward(m(0), m(0), m(0), lstm, m(0), null));
      assertNullRejected("gruBackward with null dhNext", () -> KATA.gruBackward(m(0), m(0), gru, null));
      assertNullRejected("gruForward with a null row of x", () -> KATA.gruForward(new double[][] {null}, m(0), gru));
    }

    @Test
    void inputs_are_not_modified() {
      Props.check("no input array changes", 10, LstmCellGens.lstmSteps(2, 2, 2), s -> {
        Step copy = copy(s);
        KATA.lstmForward(s.x(), s.h(), s.c(), s.weights());
        KATA.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext());
        assertUnchanged("LSTM inputs", copy, s);
      });
      Props.check("no input array changes", 10, LstmCellGens.gruSteps(2, 2, 2), s -> {
        Step copy = copy(s);
        KATA.gruForward(s.x(), s.h(), s.weights());
        KATA.gruBackward(s.x(), s.h(), s.weights(), s.dhNext());
        assertUnchanged("GRU inputs", copy, s);
      });
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> lstmCases() {
      return Goldens.cases("layers/lstm-cell").stream().filter(c -> c.input().string("cell").equals("lstm")).toList();
    }

    static List<Goldens.Case> gruCases() {
      return Goldens.cases("layers/lstm-cell").stream().filter(c -> c.input().string("cell").equals("gru")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lstmCases")
    void lstm_forward_and_backward_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      String what = "golden '" + c.name() + "' vs " + c.library();
      Weights w = weights(in);
      LstmState s = KATA.lstmForward(in.matrix("x"), in.matrix("h"), in.matrix("c"), w);
      assertThat(s).as("%s: lstmForward", what).isNotNull();
      assertNear(() -> what + ": h'", out.matrix("h"), s.h(), OUTPUT);
      assertNear(() -> what + ": c'", out.matrix("c"), s.c(), OUTPUT);
      LstmGradients g = KATA.lstmBackward(in.matrix("x"), in.matrix("h"), in.matrix("c"), w, in.matrix("dh_next"),
          in.matrix("dc_next"));
      assertLstmGradients(what + ": lstmBackward", out.matrix("dx"), out.matrix("dh"), out.matrix("dc"),
          gradients(out), g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gruCases")
    void gru_forward_and_backward_match_pytorch(Goldens.Case c) {
      Goldens.Values in = c.input();
      Goldens.Values out = c.expected();
      String what = "golden '" + c.name() + "' vs " + c.library();
      Weights w = weights(in);
      assertNear(() -> what + ": gruForward h'", out.matrix("h"), KATA.gruForward(in.matrix("x"), in.matrix("h"), w),
          OUTPUT);
      GruGradients g = KATA.gruBackward(in.matrix("x"), in.matrix("h"), w, in.matrix("dh_next"));
      assertGruGradients(what + ": gruBackward", out.matrix("dx"), out.matrix("dh"), gradients(out), g);
    }

    private static Weights weights(Goldens.Values in) {
      return new Weights(in.matrix("weight_ih"), in.matrix("weight_hh"), in.doubles("bias_ih"), in.doubles("bias_hh"));
    }

    private static Weights gradients(Goldens.Values out) {
      return new Weights(out.matrix("dweight_ih"), out.matrix("dweight_hh"), out.doubles("dbias_ih"),
          out.doubles("dbias_hh"));
    }
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void lstm_states_are_bounded_and_each_sample_is_independent() {
      Props.check("|h'| < 1, |c'| <= |c| + 1, and a batch is its samples run one by one", EXAMPLES,
          LstmCellGens.lstmSteps(3, 3, 3), s -> {
            LstmState all = KATA.lstmForward(s.x(), s.h(), s.c(), s.weights());
            for (int b = 0; b < s.x().length; b++) {
              LstmState one = KATA.lstmForward(new double[][] {s.x()[b]}, new double[][] {s.h()[b]},
                  new double[][] {s.c()[b]}, s.weights());
              int sample = b;
              assertNear(() -> "property 'sample " + sample + " alone' (h') for " + s.shape(), one.h()[0], all.h()[b],
                  OUTPUT);
              assertNear(() -> "property 'sample " + sample + " alone' (c') for " + s.shape(), one.c()[0], all.c()[b],
                  OUTPUT);
              for (int j = 0; j < s.h()[0].length; j++) {
                assertThat(Math.abs(all.h()[b][j])).as("property '|h'| < 1' for %s", s.shape()).isLessThan(1.0);
                assertThat(Math.abs(all.c()[b][j])).as("property '|c'| <= |c| + 1' for %s", s.shape())
                    .isLessThanOrEqualTo(Math.abs(s.c()[b][j]) + 1 + OUTPUT);
              }
            }
          });
    }

    @Test
    void gru_states_lie_between_the_candidate_range_and_the_old_state() {
      Props.check("min(-1, h) <= h' <= max(1, h), and a batch is its samples run one by one", EXAMPLES,
          LstmCellGens.gruSteps(3, 3, 3), s -> {
            double[][] all = KATA.gruForward(s.x(), s.h(), s.weights());
            for (int b = 0; b < s.x().length; b++) {
              double[][] one = KATA.gruForward(new double[][] {s.x()[b]}, new double[][] {s.h()[b]}, s.weights());
              int sample = b;
              assertNear(() -> "property 'sample " + sample + " alone' for " + s.shape(), one[0], all[b], OUTPUT);
              for (int j = 0; j < s.h()[0].length; j++) {
                assertThat(all[b][j]).as("property 'convex combination of n in (-1, 1) and h' for %s", s.shape())
                    .isBetween(Math.min(-1, s.h()[b][j]) - OUTPUT, Math.max(1, s.h()[b][j]) + OUTPUT);
              }
            }
          });
    }

    @Test
    void parameter_gradients_of_a_batch_are_the_sums_over_its_samples() {
      Props.check("dW and db of a batch = sum of the per-sample dW and db", GRADIENT_EXAMPLES,
          LstmCellGens.lstmSteps(3, 2, 2), s -> {
            LstmGradients all = KATA.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext());
            Weights sum = null;
            for (int b = 0; b < s.x().length; b++) {
              LstmGradients one = KATA.lstmBackward(new double[][] {s.x()[b]}, new double[][] {s.h()[b]},
                  new double[][] {s.c()[b]}, s.weights(), new double[][] {s.dhNext()[b]}, new double[][] {s.dcNext()[b]});
              sum = sum == null ? copy(one.dWeights()) : add(sum, one.dWeights());
            }
            assertWeights("property 'batch sum' of the LSTM parameter gradients for " + s.shape(), sum,
                all.dWeights(), GRADIENT);
          });
    }
  }

  @Nested
  @DisplayName("gradients by finite differences")
  final class FiniteDifferences {
    @Test
    void lstm_gradients_of_x_h_and_c_match_central_differences() {
      Props.check("dx, dh, dc = d/dx, d/dh, d/dc of sum(dh' * h') + sum(dc' * c')", GRADIENT_EXAMPLES,
          LstmCellGens.lstmSteps(2, 3, 3), s -> {
            LstmGradients g = KATA.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext());
            assertThat(g).as("lstmBackward of %s", s.shape()).isNotNull();
            int b = s.x().length;
            assertGradientMatches("dx of " + s.shape(), v -> lstmLoss(s, unflatten(v, b, s.x()[0].length), s.h(), s.c(),
                s.weights()), flatten(s.x()), flatten(g.dx()), FD_STEP, FD_TOLERANCE);
            assertGradientMatches("dh of " + s.shape(), v -> lstmLoss(s, s.x(), unflatten(v, b, s.h()[0].length), s.c(),
                s.weights()), flatten(s.h()), flatten(g.dh()), FD_STEP, FD_TOLERANCE);
            assertGradientMatches("dc of " + s.shape(), v -> lstmLoss(s, s.x(), s.h(), unflatten(v, b, s.h()[0].length),
                s.weights()), flatten(s.c()), flatten(g.dc()), FD_STEP, FD_TOLERANCE);
          });
    }

    @Test
    void lstm_parameter_gradients_match_central_differences() {
      Props.check("dW_ih, dW_hh, db_ih, db_hh of sum(dh' * h') + sum(dc' * c')", GRADIENT_EXAMPLES,
          LstmCellGens.lstmSteps(2, 3, 3), s -> {
            LstmGradients g = KATA.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext());
            assertThat(g).as("lstmBackward of %s", s.shape()).isNotNull();
            assertParameterGradients(s, g.dWeights(), w -> lstmLoss(s, s.x(), s.h(), s.c(), w));
          });
    }

    @Test
    void gru_gradients_of_x_and_h_match_central_differences() {
      Props.check("dx, dh = d/dx, d/dh of sum(dh' * h')", GRADIENT_EXAMPLES, LstmCellGens.gruSteps(2, 3, 3), s -> {
        GruGradients g = KATA.gruBackward(s.x(), s.h(), s.weights(), s.dhNext());
        assertThat(g).as("gruBackward of %s", s.shape()).isNotNull();
        int b = s.x().length;
        assertGradientMatches("dx of " + s.shape(), v -> gruLoss(s, unflatten(v, b, s.x()[0].length), s.h(),
            s.weights()), flatten(s.x()), flatten(g.dx()), FD_STEP, FD_TOLERANCE);
        assertGradientMatches("dh of " + s.shape(), v -> gruLoss(s, s.x(), unflatten(v, b, s.h()[0].length),
            s.weights()), flatten(s.h()), flatten(g.dh()), FD_STEP, FD_TOLERANCE);
      });
    }

    @Test
    void gru_parameter_gradients_match_central_differences() {
      Props.check("dW_ih, dW_hh, db_ih, db_hh of sum(dh' * h')", GRADIENT_EXAMPLES, LstmCellGens.gruSteps(2, 3, 3), s -> {
        GruGradients g = KATA.gruBackward(s.x(), s.h(), s.weights(), s.dhNext());
        assertThat(g).as("gruBackward of %s", s.shape()).isNotNull();
        assertParameterGradients(s, g.dWeights(), w -> gruLoss(s, s.x(), s.h(), w));
      });
    }

    private void assertParameterGradients(Step s, Weights d, Function<Weights, Double> loss) {
      assertThat(d).as("the parameter gradients of %s", s.shape()).isNotNull();
      Weights w = s.weights();
      int rows = w.weightIh().length;
      assertGradientMatches("dWeightIh of " + s.shape(), v -> loss.apply(new Weights(unflatten(v, rows,
          w.weightIh()[0].length), w.weightHh(), w.biasIh(), w.biasHh())), flatten(w.weightIh()), flatten(d.weightIh()),
          FD_STEP, FD_TOLERANCE);
      assertGradientMatches("dWeightHh of " + s.shape(), v -> loss.apply(new Weights(w.weightIh(), unflatten(v, rows,
          w.weightHh()[0].length), w.biasIh(), w.biasHh())), flatten(w.weightHh()), flatten(d.weightHh()),
          FD_STEP, FD_TOLERANCE);
      assertGradientMatches("dBiasIh of " + s.shape(), v -> loss.apply(new Weights(w.weightIh(), w.weightHh(), v,
          w.biasHh())), w.biasIh(), d.biasIh(), FD_STEP, FD_TOLERANCE);
      assertGradientMatches("dBiasHh of " + s.shape(), v -> loss.apply(new Weights(w.weightIh(), w.weightHh(),
          w.biasIh(), v)), w.biasHh(), d.biasHh(), FD_STEP, FD_TOLERANCE);
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void lstm_matches_the_reference() {
      Props.check("lstmForward and lstmBackward agree with the reference", EXAMPLES, LstmCellGens.lstmSteps(3, 4, 4),
          s -> {
            LstmState e = REFERENCE.lstmForward(s.x(), s.h(), s.c(), s.weights());
            LstmState a = KATA.lstmForward(s.x(), s.h(), s.c(), s.weights());
            assertThat(a).as("lstmForward of %s", s.shape()).isNotNull();
            assertNear(() -> "h', reference vs yours, for " + s.shape(), e.h(), a.h(), OUTPUT);
            assertNear(() -> "c', reference vs yours, for " + s.shape(), e.c(), a.c(), OUTPUT);
            LstmGradients eg = REFERENCE.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext());
            assertLstmGradients("lstmBackward, reference vs yours, for " + s.shape(), eg.dx(), eg.dh(), eg.dc(),
                eg.dWeights(), KATA.lstmBackward(s.x(), s.h(), s.c(), s.weights(), s.dhNext(), s.dcNext()));
          });
    }

    @Test
    void gru_matches_the_reference() {
      Props.check("gruForward and gruBackward agree with the reference", EXAMPLES, LstmCellGens.gruSteps(3, 4, 4), s -> {
        assertNear(() -> "h', reference vs yours, for " + s.shape(), REFERENCE.gruForward(s.x(), s.h(), s.weights()),
            KATA.gruForward(s.x(), s.h(), s.weights()), OUTPUT);
        GruGradients eg = REFERENCE.gruBackward(s.x(), s.h(), s.weights(), s.dhNext());
        assertGruGradients("gruBackward, reference vs yours, for " + s.shape(), eg.dx(), eg.dh(), eg.dWeights(),
            KATA.gruBackward(s.x(), s.h(), s.weights(), s.dhNext()));
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** A 1 x 1 matrix. */
  static double[][] m(double v) {
    return new double[][] {{v}};
  }

  /** A column: one row of one entry per value (a weight matrix with one input). */
  static double[][] col(double... v) {
    double[][] out = new double[v.length][1];
    for (int k = 0; k < v.length; k++) {
      out[k][0] = v[k];
    }
    return out;
  }

  static double[] row(double... v) {
    return v;
  }

  static Weights zeros(int gates, int input, int hidden) {
    return new Weights(new double[gates * hidden][input], new double[gates * hidden][hidden], new double[gates * hidden],
        new double[gates * hidden]);
  }

  static double[][] ragged(int rows, int cols) {
    double[][] out = new double[rows][cols];
    out[rows - 1] = new double[cols + 1];
    return out;
  }

  static double lstmLoss(Step s, double[][] x, double[][] h, double[][] c, Weights w) {
    LstmState next = REFERENCE.lstmForward(x, h, c, w);
    return dot(s.dhNext(), next.h()) + dot(s.dcNext(), next.c());
  }

  static double gruLoss(Step s, double[][] x, double[][] h, Weights w) {
    return dot(s.dhNext(), REFERENCE.gruForward(x, h, w));
  }

  static double dot(double[][] a, double[][] b) {
    double sum = 0;
    for (int r = 0; r < a.length; r++) {
      for (int k = 0; k < a[r].length; k++) {
        sum += a[r][k] * b[r][k];
      }
    }
    return sum;
  }

  static Weights copy(Weights w) {
    return new Weights(deepCopy(w.weightIh()), deepCopy(w.weightHh()), w.biasIh().clone(), w.biasHh().clone());
  }

  static Step copy(Step s) {
    return new Step(deepCopy(s.x()), deepCopy(s.h()), deepCopy(s.c()), copy(s.weights()), deepCopy(s.dhNext()),
        deepCopy(s.dcNext()));
  }

  static Weights add(Weights a, Weights b) {
    return new Weights(addInto(a.weightIh(), b.weightIh()), addInto(a.weightHh(), b.weightHh()),
        addInto(new double[][] {a.biasIh()}, new double[][] {b.biasIh()})[0],
        addInto(new double[][] {a.biasHh()}, new double[][] {b.biasHh()})[0]);
  }

  private static double[][] addInto(double[][] a, double[][] b) {
    for (int r = 0; r < a.length; r++) {
      for (int k = 0; k < a[r].length; k++) {
        a[r][k] += b[r][k];
      }
    }
    return a;
  }

  static void assertUnchanged(String what, Step expected, Step actual) {
    assertThat(actual.x()).as("%s: x", what).isDeepEqualTo(expected.x());
    assertThat(actual.h()).as("%s: h", what).isDeepEqualTo(expected.h());
    assertThat(actual.c()).as("%s: c", what).isDeepEqualTo(expected.c());
    assertThat(actual.dhNext()).as("%s: dhNext", what).isDeepEqualTo(expected.dhNext());
    assertThat(actual.dcNext()).as("%s: dcNext", what).isDeepEqualTo(expected.dcNext());
    assertThat(actual.weights().weightIh()).as("%s: weightIh", what).isDeepEqualTo(expected.weights().weightIh());
    assertThat(actual.weights().weightHh()).as("%s: weightHh", what).isDeepEqualTo(expected.weights().weightHh());
    assertThat(actual.weights().biasIh()).as("%s: biasIh", what).containsExactly(expected.weights().biasIh());
    assertThat(actual.weights().biasHh()).as("%s: biasHh", what).containsExactly(expected.weights().biasHh());
  }

  static void assertState(String what, double h, double c, LstmState s) {
    assertThat(s).as("%s: the state", what).isNotNull();
    assertNear(() -> what + ": c'", m(c), s.c(), OUTPUT);
    assertNear(() -> what + ": h'", m(h), s.h(), OUTPUT);
  }

  static void assertGru(String what, double h, double[][] actual) {
    assertNear(() -> what + ": h'", m(h), actual, OUTPUT);
  }

  static void assertWeights(String what, Weights expected, Weights actual, double tol) {
    assertThat(actual).as("%s: the parameter gradients", what).isNotNull();
    assertNear(() -> what + ": dWeightIh", expected.weightIh(), actual.weightIh(), tol);
    assertNear(() -> what + ": dWeightHh", expected.weightHh(), actual.weightHh(), tol);
    assertNear(() -> what + ": dBiasIh", expected.biasIh(), actual.biasIh(), tol);
    assertNear(() -> what + ": dBiasHh", expected.biasHh(), actual.biasHh(), tol);
  }

  static void assertLstmGradients(String what, double[][] dx, double[][] dh, double[][] dc, Weights dw,
      LstmGradients actual) {
    assertThat(actual).as("%s: the gradients", what).isNotNull();
    assertNear(() -> what + ": dc", dc, actual.dc(), GRADIENT);
    assertWeights(what, dw, actual.dWeights(), GRADIENT);
    assertNear(() -> what + ": dx", dx, actual.dx(), GRADIENT);
    assertNear(() -> what + ": dh", dh, actual.dh(), GRADIENT);
  }

  static void assertGruGradients(String what, double[][] dx, double[][] dh, Weights dw, GruGradients actual) {
    assertThat(actual).as("%s: the gradients", what).isNotNull();
    assertWeights(what, dw, actual.dWeights(), GRADIENT);
    assertNear(() -> what + ": dx", dx, actual.dx(), GRADIENT);
    assertNear(() -> what + ": dh", dh, actual.dh(), GRADIENT);
  }
}

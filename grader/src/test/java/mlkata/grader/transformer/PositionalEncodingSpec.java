package mlkata.grader.transformer;

import static mlkata.grader.support.KataAssertions.assertClose;
import static mlkata.grader.support.KataAssertions.assertGradientMatches;
import static mlkata.grader.support.KataAssertions.assertNear;
import static mlkata.grader.support.KataAssertions.assertNullRejected;
import static mlkata.grader.support.KataAssertions.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataSpec;
import mlkata.grader.support.Props;
import mlkata.grader.support.Target;
import mlkata.grader.support.Tensors;
import mlkata.grader.transformer.PositionalEncodingApi.Pairing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

/**
 * Grades {@code transformer/positional-encoding}.
 *
 * <p>Tolerances: {@link #VALUE} for table entries and rotated coordinates (mixed absolute/relative),
 * {@link #GRADIENT} for finite-difference checks. The mistakes the grader targets (i instead of 2i in the
 * exponent, halves instead of alternating columns, the wrong pairing, a rotation in the wrong direction)
 * move values by 1e-3 or more.
 */
@KataSpec
@DisplayName("transformer/positional-encoding: Sinusoidal and rotary position encodings")
final class PositionalEncodingSpec {
  /**
   * Angles reach 1e5 radians in the golden cases; one ulp of the frequency (from pow computed in
   * another order) moves such an angle by about 1e-11, so values agree to about that.
   */
  static final double VALUE = 1e-9;
  /** Central differences with h = 1e-5 on a linear map: only rounding, about 1e-10. */
  static final double GRADIENT = 1e-7;
  private static final double H = 1e-5;
  private static final int EXAMPLES = 200;
  private static final double BASE = 10000;

  private static final PositionalEncodingApi KATA =
      Target.pick(new PositionalEncodingOfExercises(), new PositionalEncodingOfSolutions());
  private static final PositionalEncodingApi REFERENCE = new PositionalEncodingOfSolutions();

  @Nested
  @DisplayName("hand-worked examples")
  final class Examples {
    @Test
    void position_zero_is_sin_0_cos_0_alternating() {
      assertTable("sinusoidal(1, 4): position 0 is [sin 0, cos 0, sin 0, cos 0]", new double[][] {{0, 1, 0, 1}},
          KATA.sinusoidal(1, 4));
    }

    @Test
    void the_exponent_is_2i_over_d_and_sines_and_cosines_alternate() {
      // d = 4, position 1: frequencies 10000^0 = 1 and 10000^(-2/4) = 0.01.
      // Row 1: [sin 1, cos 1, sin 0.01, cos 0.01]. With i instead of 2i the second frequency is 0.1;
      // with sines in the first half and cosines in the second the row is [sin 1, sin 0.01, cos 1, cos 0.01].
      assertTable("sinusoidal(2, 4): row 1 = [sin 1, cos 1, sin 0.01, cos 0.01]",
          new double[][] {{0, 1, 0, 1}, {Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)}},
          KATA.sinusoidal(2, 4));
      // d = 6, position 3: frequencies 1, 10000^(-1/3), 10000^(-2/3).
      double f1 = Math.pow(10000, -1.0 / 3);
      double f2 = Math.pow(10000, -2.0 / 3);
      double[] row3 = {Math.sin(3), Math.cos(3), Math.sin(3 * f1), Math.cos(3 * f1), Math.sin(3 * f2), Math.cos(3 * f2)};
      assertRow("sinusoidal(4, 6) row 3, frequencies 1, 10000^(-2/6), 10000^(-4/6)", row3, KATA.sinusoidal(4, 6)[3]);
    }

    @Test
    void an_odd_width_ends_with_a_sine_and_uses_the_odd_d_in_the_exponent() {
      // d = 3, position 1: columns 0, 1 share frequency 1; column 2 is sin(1 / 10000^(2/3)).
      assertRow("sinusoidal(2, 3) row 1 = [sin 1, cos 1, sin(10000^(-2/3))]",
          new double[] {Math.sin(1), Math.cos(1), Math.sin(Math.pow(10000, -2.0 / 3))}, KATA.sinusoidal(2, 3)[1]);
      assertTable("sinusoidal(3, 1) = one sine column", new double[][] {{0}, {Math.sin(1)}, {Math.sin(2)}},
          KATA.sinusoidal(3, 1));
      assertThat(KATA.sinusoidal(0, 5)).as("sinusoidal(0, 5)").isEmpty();
    }

    @Test
    void rope_at_position_zero_changes_nothing() {
      double[][] x = {{1, 2, 3, 4}};
      for (Pairing p : Pairing.values()) {
        assertTable("rotate([1, 2, 3, 4]) at position 0, " + p, x, KATA.rotate(x, new int[] {0}, BASE, p));
      }
    }

    @Test
    void rope_rotates_counterclockwise_by_position_times_frequency() {
      // d = 2, position 1, angle 1: (1, 0) -> (cos 1, sin 1); (0, 1) -> (-sin 1, cos 1).
      double[][] x = {{1, 0}, {0, 1}};
      double c = Math.cos(1);
      double s = Math.sin(1);
      for (Pairing p : Pairing.values()) {
        assertTable("rotate([[1, 0], [0, 1]]) at positions [1, 1], " + p + ": a' = a cos - b sin, b' = a sin + b cos",
            new double[][] {{c, s}, {-s, c}}, KATA.rotate(x, new int[] {1, 1}, BASE, p));
      }
      // Position 3: angle 3.
      assertTable("rotate([[1, 0]]) at position 3", new double[][] {{Math.cos(3), Math.sin(3)}},
          KATA.rotate(new double[][] {{1, 0}}, new int[] {3}, BASE, Pairing.INTERLEAVED));
    }

    @Test
    void interleaved_pairs_neighbours_and_halves_pairs_i_with_i_plus_d_over_2() {
      // d = 4, position 1: pair 0 turns by 1 radian, pair 1 by 10000^(-1/2) = 0.01 radian.
      double c1 = Math.cos(1);
      double s1 = Math.sin(1);
      double c2 = Math.cos(0.01);
      double s2 = Math.sin(0.01);
      double[][] x = {{1, 2, 3, 4}};
      // INTERLEAVED: (1, 2) by 1, (3, 4) by 0.01.
      assertTable("rotate([1, 2, 3, 4]) at position 1, INTERLEAVED: (x0, x1) by 1 rad, (x2, x3) by 0.01 rad",
          new double[][] {{c1 - 2 * s1, s1 + 2 * c1, 3 * c2 - 4 * s2, 3 * s2 + 4 * c2}},
          KATA.rotate(x, new int[] {1}, BASE, Pairing.INTERLEAVED));
      // HALVES: (1, 3) by 1, (2, 4) by 0.01.
      assertTable("rotate([1, 2, 3, 4]) at position 1, HALVES: (x0, x2) by 1 rad, (x1, x3) by 0.01 rad",
          new double[][] {{c1 - 3 * s1, 2 * c2 - 4 * s2, s1 + 3 * c1, 2 * s2 + 4 * c2}},
          KATA.rotate(x, new int[] {1}, BASE, Pairing.HALVES));
    }

    @Test
    void each_row_uses_its_own_position_and_the_base_sets_the_frequencies() {
      // Base 100, d = 4: frequencies 1 and 100^(-1/2) = 0.1. Row 0 at position 2, row 1 at position 0.
      double[][] x = {{1, 0, 1, 0}, {1, 0, 1, 0}};
      assertTable("rotate([[1,0,1,0], [1,0,1,0]]) at positions [2, 0], base 100, INTERLEAVED",
          new double[][] {{Math.cos(2), Math.sin(2), Math.cos(0.2), Math.sin(0.2)}, {1, 0, 1, 0}},
          KATA.rotate(x, new int[] {2, 0}, 100, Pairing.INTERLEAVED));
      assertThat(KATA.rotate(new double[0][], new int[0], BASE, Pairing.HALVES)).as("rotate of zero rows").isEmpty();
    }

    @Test
    void the_backward_pass_rotates_by_the_opposite_angle() {
      // d = 2, position 1: the gradient of (1, 0) goes back as R(-1) (1, 0) = (cos 1, -sin 1).
      for (Pairing p : Pairing.values()) {
        assertTable("rotateBackward([[1, 0]]) at position 1, " + p + ": R(-phi) applied to the gradient",
            new double[][] {{Math.cos(1), -Math.sin(1)}}, KATA.rotateBackward(new double[][] {{1, 0}}, new int[] {1}, BASE, p));
      }
      assertTable("rotateBackward at position 0 passes the gradient through", new double[][] {{5, -2, 7, 1}},
          KATA.rotateBackward(new double[][] {{5, -2, 7, 1}}, new int[] {0}, BASE, Pairing.HALVES));
    }
  }

  @Nested
  @DisplayName("invalid input")
  final class InvalidInput {
    final double[][] x = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    final int[] pos = {0, 1};

    @Test
    void table_sizes_must_be_valid() {
      assertRejects("sinusoidal with length -1", "length", () -> KATA.sinusoidal(-1, 4));
      assertRejects("sinusoidal with d 0", "d", () -> KATA.sinusoidal(3, 0));
      assertRejects("sinusoidal with d -2", "d", () -> KATA.sinusoidal(3, -2));
    }

    @Test
    void rope_needs_an_even_positive_width() {
      assertRejects("rotate with width 3", "x", () -> KATA.rotate(new double[][] {{1, 2, 3}}, new int[] {0}, BASE, Pairing.HALVES));
      assertRejects("rotate with width 1", "x", () -> KATA.rotate(new double[][] {{1}}, new int[] {0}, BASE, Pairing.INTERLEAVED));
      assertRejects("rotate with width 0", "x", () -> KATA.rotate(new double[][] {{}}, new int[] {0}, BASE, Pairing.HALVES));
      assertRejects("rotateBackward with width 5", "gradOutput",
          () -> KATA.rotateBackward(new double[][] {{1, 2, 3, 4, 5}}, new int[] {0}, BASE, Pairing.HALVES));
    }

    @Test
    void ragged_and_non_finite_rows_are_rejected() {
      assertRejects("rotate with a ragged x", "x", () -> KATA.rotate(new double[][] {{1, 2}, {1, 2, 3, 4}}, pos, BASE, Pairing.HALVES));
      assertRejects("rotate with NaN in x", "x", () -> KATA.rotate(new double[][] {{1, 2}, {Double.NaN, 2}}, pos, BASE, Pairing.HALVES));
      assertRejects("rotate with +inf in x", "x",
          () -> KATA.rotate(new double[][] {{Double.POSITIVE_INFINITY, 2}, {1, 2}}, pos, BASE, Pairing.INTERLEAVED));
      assertRejects("rotateBackward with -inf", "gradOutput",
          () -> KATA.rotateBackward(new double[][] {{1, 2}, {1, Double.NEGATIVE_INFINITY}}, pos, BASE, Pairing.INTERLEAVED));
      assertRejects("rotateBackward with a ragged gradOutput", "gradOutput",
          () -> KATA.rotateBackward(new double[][] {{1, 2, 3, 4}, {1, 2}}, pos, BASE, Pairing.HALVES));
    }

    @Test
    void positions_must_match_the_rows_and_be_non_negative() {
      assertRejects("rotate with 3 positions for 2 rows", "positions", () -> KATA.rotate(x, new int[] {0, 1, 2}, BASE, Pairing.HALVES));
      assertRejects("rotate with 1 position for 2 rows", "positions", () -> KATA.rotate(x, new int[] {0}, BASE, Pairing.HALVES));
      assertRejects("rotate with a negative position", "positions", () -> KATA.rotate(x, new int[] {0, -1}, BASE, Pairing.INTERLEAVED));
      assertRejects("rotateBackward with a negative position", "positions",
          () -> KATA.rotateBackward(x, new int[] {-3, 0}, BASE, Pairing.HALVES));
      assertRejects("rotateBackward with 1 position for 2 rows", "positions",
          () -> KATA.rotateBackward(x, new int[] {4}, BASE, Pairing.HALVES));
    }

    @Test
    void the_base_must_be_finite_and_positive() {
      for (double base : new double[] {0, -10000, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertRejects("rotate with base " + base, "base", () -> KATA.rotate(x, pos, base, Pairing.HALVES));
        assertRejects("rotateBackward with base " + base, "base", () -> KATA.rotateBackward(x, pos, base, Pairing.INTERLEAVED));
      }
    }

    @Test
    void null_arguments_are_rejected() {
      assertNullRejected("rotate with null x", () -> KATA.rotate(null, pos, BASE, Pairing.HALVES));
      assertNullRejected("rotate with a null row", () -> KATA.rotate(new double[][] {{1, 2}, null}, pos, BASE, Pairing.HALVES));
      assertNullRejected("rotate with null positions", () -> KATA.rotate(x, null, BASE, Pairing.HALVES));
      assertNullRejected("rotate with null pairing", () -> KATA.rotate(x, pos, BASE, null));
      assertNullRejected("rotateBackward with null gradOutput", () -> KATA.rotateBackward(null, pos, BASE, Pairing.HALVES));
      assertNullRejected("rotateBackward with null pairing", () -> KATA.rotateBackward(x, pos, BASE, null));
    }

    @Test
    void inputs_are_not_modified() {
      double[][] xx = {{1, 2, 3, 4}, {5, 6, 7, 8}};
      int[] pp = {3, 9};
      for (Pairing p : Pairing.values()) {
        KATA.rotate(xx, pp, BASE, p);
        KATA.rotateBackward(xx, pp, BASE, p);
      }
      assertThat(xx).as("x after rotate and rotateBackward").isDeepEqualTo(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
      assertThat(pp).as("positions after rotate and rotateBackward").containsExactly(3, 9);
    }
  }

  @Nested
  @DisplayName("golden cases from PyTorch")
  final class GoldenCases {
    static List<Goldens.Case> cases() {
      return Goldens.cases("transformer/positional-encoding");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches_pytorch(Goldens.Case c) {
      String what = "golden '" + c.name() + "' vs " + c.library();
      if (c.input().string("op").equals("sinusoidal")) {
        assertTable("sinusoidal, " + what, c.expected().matrix("pe"),
            KATA.sinusoidal((int) c.input().integer("length"), (int) c.input().integer("d")));
        return;
      }
      double[][] x = c.input().matrix("x");
      int[] positions = c.input().ints("positions");
      double base = c.input().number("base");
      Pairing pairing = Pairing.valueOf(c.input().string("pairing"));
      assertTable("rotate, " + what, c.expected().matrix("y"), KATA.rotate(x, positions, base, pairing));
      assertTable("rotateBackward, " + what, c.expected().matrix("grad_x"),
          KATA.rotateBackward(c.input().matrix("grad_output"), positions, base, pairing));
    }
  }

  /** One RoPE input: rows, their positions, a base, a pairing, and a gradient of the output's shape. */
  record RopeInput(double[][] x, int[] positions, double base, Pairing pairing, double[][] grad, long seed) {
    @Override
    public String toString() {
      return "x=" + Arrays.deepToString(x) + ", positions=" + Arrays.toString(positions) + ", base=" + base
          + ", pairing=" + pairing;
    }
  }

  /** 1..5 rows of width 2..12, positions mostly below 64 (some up to 5000), bases 10000, 10, 500000 or random. */
  static Gen<RopeInput> ropeInputs() {
    return integers().between(1, 5).zip(integers().between(1, 6), integers().between(0, 1), longs().all(), (n, half, p, seed) -> {
      Random random = new Random(seed);
      int d = 2 * half;
      double[][] x = TransformerGens.matrix(random, n, d, 3);
      double[][] grad = TransformerGens.matrix(random, n, d, 2);
      int[] positions = new int[n];
      for (int r = 0; r < n; r++) {
        positions[r] = random.nextInt(4) == 0 ? random.nextInt(5000) : random.nextInt(64);
      }
      double[] bases = {BASE, 10, 500000, 2 + random.nextDouble() * 1e5};
      return new RopeInput(x, positions, bases[random.nextInt(4)], Pairing.values()[p], grad, seed);
    });
  }

  @Nested
  @DisplayName("properties on random inputs")
  final class Properties {
    @Test
    void rope_preserves_the_norm_of_every_row() {
      Props.check("|rotate(x)_r| = |x_r| for every row", EXAMPLES, ropeInputs(), in -> {
        double[][] y = KATA.rotate(in.x(), in.positions(), in.base(), in.pairing());
        assertThat(y).as("rotate for %s", in).isNotNull();
        for (int r = 0; r < in.x().length; r++) {
          assertNear("norm of row " + r + " after rotate, " + in, norm(in.x()[r]), norm(y[r]), VALUE);
        }
      });
    }

    @Test
    void query_key_dot_products_depend_only_on_the_position_difference() {
      Props.check("rotate(q, m) . rotate(k, n) = rotate(q, m + s) . rotate(k, n + s)", EXAMPLES, ropeInputs(), in -> {
        double[] q = in.x()[0];
        double[] k = in.grad()[0];
        int m = in.positions()[0];
        int n = (int) Math.floorMod(in.seed(), 97);
        int s = (int) Math.floorMod(in.seed() >>> 8, 300) + 1;
        double a = dot(rot(q, m, in), rot(k, n, in));
        double b = dot(rot(q, m + s, in), rot(k, n + s, in));
        double c = dot(rot(q, m - Math.min(m, n), in), rot(k, n - Math.min(m, n), in));
        String what = "q=" + Arrays.toString(q) + ", k=" + Arrays.toString(k) + ", m=" + m + ", n=" + n + ", shift " + s
            + ", base=" + in.base() + ", " + in.pairing();
        assertNear("q.k at (m + s, n + s) vs (m, n), " + what, a, b, VALUE);
        assertNear("q.k at (m - min, n - min) vs (m, n), " + what, a, c, VALUE);
      });
    }

    @Test
    void the_two_pairings_differ_by_a_column_permutation() {
      Props.check("interleaved(x) regrouped evens-then-odds = halves(x regrouped)", EXAMPLES, ropeInputs(), in -> {
        int d = in.x()[0].length;
        int[] perm = new int[d];
        for (int i = 0; i < d / 2; i++) {
          perm[i] = 2 * i;
          perm[i + d / 2] = 2 * i + 1;
        }
        double[][] inter = KATA.rotate(in.x(), in.positions(), in.base(), Pairing.INTERLEAVED);
        double[][] halves = KATA.rotate(permute(in.x(), perm), in.positions(), in.base(), Pairing.HALVES);
        assertTable("HALVES on the regrouped columns vs INTERLEAVED regrouped, " + in, permute(inter, perm), halves);
      });
    }

    @Test
    void the_sinusoidal_table_shifts_by_a_rotation_and_each_pair_has_unit_length() {
      Props.check("PE[pos + k] is PE[pos] with pair i rotated by k * 10000^(-2i/d); sin^2 + cos^2 = 1", EXAMPLES,
          integers().between(1, 40).zip(integers().between(1, 12), integers().between(0, 30), (len, d, k) -> new int[] {len, d, k}),
          a -> {
            int len = a[0];
            int d = a[1];
            int k = a[2];
            double[][] pe = KATA.sinusoidal(len + k, d);
            assertThat(pe).as("sinusoidal(%d, %d)", len + k, d).isNotNull();
            for (int pos = 0; pos < len; pos++) {
              for (int i = 0; 2 * i + 1 < d; i++) {
                double phi = k * Math.pow(10000, -2.0 * i / d);
                double s = pe[pos][2 * i];
                double c = pe[pos][2 * i + 1];
                String what = "sinusoidal(" + (len + k) + ", " + d + "), pair " + i + " of row " + pos;
                assertClose(what + ": sin^2 + cos^2", 1, s * s + c * c, VALUE);
                assertClose(what + " shifted by " + k + " (sine)", s * Math.cos(phi) + c * Math.sin(phi), pe[pos + k][2 * i], VALUE);
                assertClose(what + " shifted by " + k + " (cosine)", c * Math.cos(phi) - s * Math.sin(phi), pe[pos + k][2 * i + 1], VALUE);
              }
            }
          });
    }
  }

  @Nested
  @DisplayName("finite differences")
  final class FiniteDifferences {
    @Test
    void rotate_backward_matches_central_differences() {
      Props.check("rotateBackward(g) = d/dx sum(g * rotate(x))", EXAMPLES, ropeInputs(), in -> {
        int n = in.x().length;
        int d = in.x()[0].length;
        double[] g = Tensors.flatten(in.grad());
        double[][] analytic = KATA.rotateBackward(in.grad(), in.positions(), in.base(), in.pairing());
        assertThat(analytic).as("rotateBackward for %s", in).isNotNull();
        assertGradientMatches("rotateBackward, gradOutput=" + Arrays.deepToString(in.grad()) + ", " + in, flat -> {
          double[] y = Tensors.flatten(REFERENCE.rotate(Tensors.unflatten(flat, n, d), in.positions(), in.base(), in.pairing()));
          double s = 0;
          for (int j = 0; j < y.length; j++) {
            s += g[j] * y[j];
          }
          return s;
        }, Tensors.flatten(in.x()), Tensors.flatten(analytic), H, GRADIENT);
      });
    }

    @Test
    void backward_undoes_forward() {
      Props.check("rotateBackward(rotate(x)) = x", EXAMPLES, ropeInputs(), in -> {
        double[][] y = KATA.rotate(in.x(), in.positions(), in.base(), in.pairing());
        assertTable("rotateBackward(rotate(x)) for " + in, in.x(), KATA.rotateBackward(y, in.positions(), in.base(), in.pairing()));
      });
    }
  }

  @Nested
  @DisplayName("agreement with the reference solution")
  final class Differential {
    @Test
    void rotate_and_its_backward_match_the_reference() {
      Props.check("rotate and rotateBackward agree with the reference", EXAMPLES, ropeInputs(), in -> {
        assertTable("rotate, reference vs yours, " + in, REFERENCE.rotate(in.x(), in.positions(), in.base(), in.pairing()),
            KATA.rotate(in.x(), in.positions(), in.base(), in.pairing()));
        assertTable("rotateBackward of " + Arrays.deepToString(in.grad()) + ", reference vs yours, " + in,
            REFERENCE.rotateBackward(in.grad(), in.positions(), in.base(), in.pairing()),
            KATA.rotateBackward(in.grad(), in.positions(), in.base(), in.pairing()));
      });
    }
  }

  private static double[] rot(double[] v, int position, RopeInput in) {
    return KATA.rotate(new double[][] {v}, new int[] {position}, in.base(), in.pairing())[0];
  }

  static double[][] permute(double[][] m, int[] perm) {
    double[][] out = new double[m.length][perm.length];
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < perm.length; c++) {
        out[r][c] = m[r][perm[c]];
      }
    }
    return out;
  }

  static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int c = 0; c < a.length; c++) {
      s += a[c] * b[c];
    }
    return s;
  }

  static void assertRow(String what, double[] expected, double[] actual) {
    assertNear(() -> what, expected, actual, VALUE);
  }

  static void assertTable(String what, double[][] expected, double[][] actual) {
    assertNear(() -> what, expected, actual, VALUE);
  }
}

package mlkata.exercises.transformer;

/**
 * <h2>Kata: sinusoidal and rotary position encodings</h2>
 *
 * <p>Attention is blind to order: permuting the tokens permutes its output and nothing else. A
 * transformer therefore injects positions, either by adding a position vector to each token embedding
 * (the sinusoidal table of the original Transformer) or by rotating queries and keys by an angle that
 * grows with the position (rotary position embeddings, RoPE, used by most current language models).
 * Matrices are {@code double[row][column]}; row {@code r} is one token.
 *
 * <p><b>Sinusoidal table</b> ("Attention Is All You Need", section 3.5). For position {@code pos} and
 * column {@code c} of a width-{@code d} table, let {@code i = floor(c / 2)} and
 * {@code angle = pos / 10000^(2i / d)}; then {@code PE[pos][c] = sin(angle)} when {@code c} is even and
 * {@code cos(angle)} when {@code c} is odd. Sines and cosines alternate column by column (they are not
 * two concatenated halves), and both columns of a pair share one frequency. An odd {@code d} is allowed:
 * its last column is a sine with {@code i = (d - 1) / 2} (the widespread PyTorch recipe fails on an odd
 * width; this kata pins the formula column by column).
 *
 * <p><b>RoPE</b> (Su et al., "RoFormer", 2021). The width {@code d} must be even. Split a row into
 * {@code d / 2} pairs of coordinates {@code (a_i, b_i)}, give pair {@code i} the frequency
 * {@code theta_i = base^(-2i / d)} and rotate it by the angle {@code phi = position * theta_i}:
 * <pre>
 *   a_i' = a_i cos(phi) - b_i sin(phi)
 *   b_i' = a_i sin(phi) + b_i cos(phi)
 * </pre>
 * Which coordinates form pair {@code i} is a convention that differs between code bases, and weights
 * trained with one do not work with the other:
 * <ul>
 *   <li>{@link Pairing#INTERLEAVED}: {@code (x[2i], x[2i + 1])}, neighbours; the RoFormer paper and
 *       Meta's original LLaMA code (which views neighbouring pairs as complex numbers).
 *   <li>{@link Pairing#HALVES}: {@code (x[i], x[i + d/2])}, one coordinate from each half; Hugging Face's
 *       LLaMA and GPT-NeoX, written as {@code x * cos + rotate_half(x) * sin} with
 *       {@code rotate_half(x) = [-x_second_half, x_first_half]} and the frequencies repeated for both
 *       halves.
 * </ul>
 * Both give the same result up to a fixed permutation of the columns. The usual base is 10000.
 *
 * <p><b>Backward.</b> RoPE is linear in {@code x} and each pair is multiplied by a rotation matrix
 * {@code R(phi)}. The gradient of a loss with respect to {@code x} is therefore
 * {@code R(phi)^T gradOutput = R(-phi) gradOutput}: the same rotation with the opposite angle.
 *
 * <p>Two facts the grader checks: RoPE preserves the length of every row (and of every pair), and the dot
 * product of a rotated query at position {@code m} with a rotated key at position {@code n} depends on
 * the positions only through {@code m - n}. That second fact is why RoPE encodes <em>relative</em>
 * position inside attention.
 *
 * <p><b>Non-finite values.</b> Every entry of {@code x} and {@code gradOutput} must be finite, and
 * {@code base} finite and positive ({@link IllegalArgumentException} otherwise). Positions are
 * non-negative integers; angles are computed in double precision, so positions up to about a million
 * keep the angles accurate to about 1e-10.
 *
 * <p><b>Complexity.</b> {@code sinusoidal}: O(length * d). {@code rotate} and {@code rotateBackward}:
 * O(rows * d) time, O(d) extra memory besides the output. Inputs are never modified.
 *
 * <p>Example: {@code d = 4}, position 1. The frequencies are {@code 10000^0 = 1} and
 * {@code 10000^(-2/4) = 1/100}. The sinusoidal row is {@code [sin 1, cos 1, sin 0.01, cos 0.01]}. RoPE
 * of {@code x = [1, 2, 3, 4]} with {@link Pairing#INTERLEAVED} rotates {@code (1, 2)} by 1 radian and
 * {@code (3, 4)} by 0.01 radian; with {@link Pairing#HALVES} it rotates {@code (1, 3)} by 1 radian and
 * {@code (2, 4)} by 0.01 radian. At position 0 both leave {@code x} unchanged.
 */
public final class PositionalEncoding {
  private PositionalEncoding() {}

  /** Which coordinates RoPE rotates together. */
  public enum Pairing {
    /** Pairs {@code (x[2i], x[2i+1])}, as in the RoFormer paper and Meta's original LLaMA code. */
    INTERLEAVED,
    /** Pairs {@code (x[i], x[i + d/2])}, the {@code rotate_half} layout of Hugging Face's LLaMA and GPT-NeoX. */
    HALVES
  }

  /** The base of the sinusoidal table. */
  public static final double SINUSOID_BASE = 10000;

  /**
   * The sinusoidal position table for positions {@code 0 .. length - 1}.
   *
   * @param length number of positions, {@code >= 0} (0 gives an empty table)
   * @param d width of the table, {@code >= 1}; odd widths allowed
   * @return a new {@code length x d} table, {@code PE[pos][c]} as in the class documentation
   * @throws IllegalArgumentException naming {@code length} when it is negative, or {@code d} when it is
   *     smaller than 1
   */
  public static double[][] sinusoidal(int length, int d) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement PositionalEncoding.sinusoidal");
  }

  /**
   * Applies rotary position embeddings to each row of {@code x}.
   *
   * @param x rows to rotate, {@code n x d} with {@code d} even and positive; {@code n = 0} gives an
   *     empty result
   * @param positions the position of each row, {@code n} non-negative integers
   * @param base the frequency base (10000 in most models), finite and positive
   * @param pairing which coordinates are rotated together
   * @return a new {@code n x d} matrix, every pair of row {@code r} rotated by
   *     {@code positions[r] * base^(-2i / d)}
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException naming {@code x} when it is ragged, its width is odd or zero, or it
   *     holds a non-finite value; naming {@code positions} when its length is not {@code n} or an entry
   *     is negative; naming {@code base} when it is not finite and positive
   */
  public static double[][] rotate(double[][] x, int[] positions, double base, Pairing pairing) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement PositionalEncoding.rotate");
  }

  /**
   * The backward pass of {@link #rotate}: the gradient of a loss with respect to {@code x}, given its
   * gradient with respect to the output.
   *
   * @param gradOutput gradient with respect to {@code rotate(x, positions, base, pairing)}, {@code n x d}
   *     with {@code d} even and positive
   * @param positions the positions used in the forward pass
   * @param base the base used in the forward pass
   * @param pairing the pairing used in the forward pass
   * @return a new {@code n x d} matrix, the gradient with respect to {@code x}
   * @throws NullPointerException if an argument or a row of {@code gradOutput} is null
   * @throws IllegalArgumentException as {@link #rotate}, naming {@code gradOutput} instead of {@code x}
   */
  public static double[][] rotateBackward(double[][] gradOutput, int[] positions, double base, Pairing pairing) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement PositionalEncoding.rotateBackward");
  }
}

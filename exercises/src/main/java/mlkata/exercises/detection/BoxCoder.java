package mlkata.exercises.detection;

/**
 * <h2>Kata: box regression deltas, encode and decode</h2>
 *
 * <p>A two-stage detector (Faster R-CNN) does not predict box corners directly. For each proposal
 * (an anchor, or a region from the first stage) it predicts four numbers that say how to move and
 * resize that proposal. Training needs the inverse map: given a proposal and the ground-truth box it
 * was matched to, which four numbers should the network have predicted? This kata writes both
 * directions, with the conventions of torchvision 0.14's {@code BoxCoder}
 * ({@code torchvision.models.detection._utils}).
 *
 * <p><b>Boxes</b> are {@code {x1, y1, x2, y2}} (left, top, right, bottom), as in
 * {@code detection/non-max-suppression}. A box's width is {@code x2 - x1} and its height
 * {@code y2 - y1}, with <b>no +1</b> (older Detectron code added 1, torchvision does not); its centre is
 * {@code (x1 + 0.5 w, y1 + 0.5 h)}.
 *
 * <p><b>Encoding</b> a target box {@code g} relative to a proposal {@code p}, with weights
 * {@code (wx, wy, ww, wh)}:
 * <pre>
 *   dx = wx * (gx - px) / pw        dw = ww * log(gw / pw)
 *   dy = wy * (gy - py) / ph        dh = wh * log(gh / ph)
 * </pre>
 * where {@code (px, py)} and {@code (gx, gy)} are the centres and {@code pw, ph, gw, gh} the sizes.
 * The weights only rescale the targets so that the four regression outputs have comparable spread;
 * Faster R-CNN's box head uses {@code (10, 10, 5, 5)} (the default here), its RPN {@code (1, 1, 1, 1)}.
 *
 * <p><b>Decoding</b> deltas {@code (dx, dy, dw, dh)} against a proposal inverts that map: the centre
 * moves by {@code (dx / wx) * pw} and {@code (dy / wy) * ph}; the size becomes
 * {@code pw * exp(dw / ww)} and {@code ph * exp(dh / wh)}; the box is the centre minus and plus half
 * the size in each direction. One quirk of torchvision is pinned: before the exponential, the scaled
 * log-sizes {@code dw / ww} and {@code dh / wh} are clamped from above at
 * {@code log(1000 / 16) ≈ 4.135} (a box at most 62.5 times its proposal), so that a wild prediction
 * cannot overflow. The clamp applies <em>after</em> dividing by the weight; there is no lower clamp, and
 * {@code dx, dy} are not clamped. Because of the clamp, {@code decode(encode(g, p), p) == g} only holds
 * while {@code gw / pw} and {@code gh / ph} stay at or below 62.5.
 *
 * <p>Row {@code n} of the output always pairs row {@code n} of the first argument with proposal
 * {@code n}. Empty inputs (zero boxes) give an empty result.
 *
 * <p><b>Non-finite values.</b> Every coordinate, delta and weight must be finite
 * ({@link IllegalArgumentException} otherwise). Boxes must have a positive width and height:
 * a zero-width proposal would divide by zero, a zero-width target would take {@code log(0)}.
 *
 * <p><b>Complexity.</b> O(n) time for n boxes. Inputs are never modified.
 *
 * <p>Example: proposal {@code [0, 0, 10, 10]} (centre (5, 5), size 10 x 10), target
 * {@code [2, 4, 12, 24]} (centre (7, 14), size 10 x 20), default weights:
 * {@code dx = 10 * 2 / 10 = 2}, {@code dy = 10 * 9 / 10 = 9}, {@code dw = 5 * log 1 = 0},
 * {@code dh = 5 * log 2 ≈ 3.4657}. Decoding {@code [2, 9, 0, 3.4657]} against the same proposal gives
 * the target back.
 */
public final class BoxCoder {
  private BoxCoder() {}

  /** Faster R-CNN's box-head weights {@code (wx, wy, ww, wh)}: {@code (10, 10, 5, 5)}. */
  public static final double[] DEFAULT_WEIGHTS = {10, 10, 5, 5};

  /** The largest {@code dw / ww} (and {@code dh / wh}) that decoding passes to {@code exp}: {@code log(1000 / 16)}. */
  public static final double BBOX_XFORM_CLIP = Math.log(1000.0 / 16);

  /**
   * Encodes target boxes relative to proposals with the default weights {@code (10, 10, 5, 5)}.
   *
   * @param targets n ground-truth boxes {@code {x1, y1, x2, y2}}, each of positive width and height
   * @param proposals n proposals (anchors) in the same format, each of positive width and height
   * @return n rows {@code {dx, dy, dw, dh}}, row {@code i} encoding {@code targets[i]} against
   *     {@code proposals[i]}
   * @throws NullPointerException if an argument or one of its rows is null
   * @throws IllegalArgumentException naming {@code targets} or {@code proposals}: a row has not 4
   *     values, holds a non-finite value or has {@code x2 <= x1} or {@code y2 <= y1}; or the two arrays
   *     have different lengths
   */
  public static double[][] encode(double[][] targets, double[][] proposals) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BoxCoder.encode");
  }

  /**
   * Encodes target boxes relative to proposals with the given weights.
   *
   * @param targets n ground-truth boxes {@code {x1, y1, x2, y2}}, each of positive width and height
   * @param proposals n proposals in the same format, each of positive width and height
   * @param weights {@code {wx, wy, ww, wh}}, finite and positive
   * @return n rows {@code {dx, dy, dw, dh}}
   * @throws NullPointerException if an argument or one of its rows is null
   * @throws IllegalArgumentException as {@link #encode(double[][], double[][])}, and naming
   *     {@code weights} when it has not 4 entries or one is not finite and positive
   */
  public static double[][] encode(double[][] targets, double[][] proposals, double[] weights) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BoxCoder.encode");
  }

  /**
   * Decodes deltas against proposals with the default weights {@code (10, 10, 5, 5)}.
   *
   * @param deltas n rows {@code {dx, dy, dw, dh}} of finite values
   * @param proposals n proposals {@code {x1, y1, x2, y2}}, each of positive width and height
   * @return n boxes {@code {x1, y1, x2, y2}}, row {@code i} decoding {@code deltas[i]} against
   *     {@code proposals[i]}
   * @throws NullPointerException if an argument or one of its rows is null
   * @throws IllegalArgumentException naming {@code deltas} or {@code proposals}: a row has not 4 values
   *     or holds a non-finite value; a proposal has {@code x2 <= x1} or {@code y2 <= y1}; or the two
   *     arrays have different lengths
   */
  public static double[][] decode(double[][] deltas, double[][] proposals) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BoxCoder.decode");
  }

  /**
   * Decodes deltas against proposals with the given weights.
   *
   * @param deltas n rows {@code {dx, dy, dw, dh}} of finite values
   * @param proposals n proposals {@code {x1, y1, x2, y2}}, each of positive width and height
   * @param weights {@code {wx, wy, ww, wh}}, finite and positive
   * @return n boxes {@code {x1, y1, x2, y2}}
   * @throws NullPointerException if an argument or one of its rows is null
   * @throws IllegalArgumentException as {@link #decode(double[][], double[][])}, and naming
   *     {@code weights} when it has not 4 entries or one is not finite and positive
   */
  public static double[][] decode(double[][] deltas, double[][] proposals, double[] weights) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement BoxCoder.decode");
  }
}

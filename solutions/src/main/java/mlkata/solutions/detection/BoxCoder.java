package mlkata.solutions.detection;

import java.util.Objects;

/**
 * Reference solution: torchvision 0.14's {@code BoxCoder} (Faster R-CNN box regression targets) in
 * float64. Widths are {@code x2 - x1} with no +1, centres {@code x1 + 0.5 * w}; decoding clamps the
 * scaled log-size deltas at {@code log(1000 / 16)} before the exponential.
 */
public final class BoxCoder {
  private BoxCoder() {}

  /** Faster R-CNN's box-head weights {@code (wx, wy, ww, wh)}. */
  public static final double[] DEFAULT_WEIGHTS = {10, 10, 5, 5};

  /** The largest {@code dw / ww} (and {@code dh / wh}) decoding passes to {@code exp}: {@code log(1000 / 16)}. */
  public static final double BBOX_XFORM_CLIP = Math.log(1000.0 / 16);

  public static double[][] encode(double[][] targets, double[][] proposals) {
    return encode(targets, proposals, DEFAULT_WEIGHTS);
  }

  public static double[][] encode(double[][] targets, double[][] proposals, double[] weights) {
    checkBoxes(targets, "targets");
    checkBoxes(proposals, "proposals");
    checkWeights(weights);
    if (targets.length != proposals.length) {
      throw new IllegalArgumentException("targets has " + targets.length + " boxes but proposals has "
          + proposals.length + "; they must match");
    }
    double[][] out = new double[targets.length][];
    for (int n = 0; n < targets.length; n++) {
      double[] g = targets[n];
      double[] p = proposals[n];
      double pw = p[2] - p[0];
      double ph = p[3] - p[1];
      double px = p[0] + 0.5 * pw;
      double py = p[1] + 0.5 * ph;
      double gw = g[2] - g[0];
      double gh = g[3] - g[1];
      double gx = g[0] + 0.5 * gw;
      double gy = g[1] + 0.5 * gh;
      out[n] = new double[] {
          weights[0] * (gx - px) / pw,
          weights[1] * (gy - py) / ph,
          weights[2] * Math.log(gw / pw),
          weights[3] * Math.log(gh / ph)};
    }
    return out;
  }

  public static double[][] decode(double[][] deltas, double[][] proposals) {
    return decode(deltas, proposals, DEFAULT_WEIGHTS);
  }

  public static double[][] decode(double[][] deltas, double[][] proposals, double[] weights) {
    Objects.requireNonNull(deltas, "deltas");
    checkBoxes(proposals, "proposals");
    checkWeights(weights);
    if (deltas.length != proposals.length) {
      throw new IllegalArgumentException("deltas has " + deltas.length + " rows but proposals has "
          + proposals.length + "; they must match");
    }
    double[][] out = new double[deltas.length][];
    for (int n = 0; n < deltas.length; n++) {
      double[] d = checkRow(deltas[n], "deltas", n);
      double[] p = proposals[n];
      double pw = p[2] - p[0];
      double ph = p[3] - p[1];
      double px = p[0] + 0.5 * pw;
      double py = p[1] + 0.5 * ph;
      double dx = d[0] / weights[0];
      double dy = d[1] / weights[1];
      double dw = Math.min(d[2] / weights[2], BBOX_XFORM_CLIP);
      double dh = Math.min(d[3] / weights[3], BBOX_XFORM_CLIP);
      double cx = dx * pw + px;
      double cy = dy * ph + py;
      double w = Math.exp(dw) * pw;
      double h = Math.exp(dh) * ph;
      out[n] = new double[] {cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h};
    }
    return out;
  }

  private static void checkWeights(double[] weights) {
    Objects.requireNonNull(weights, "weights");
    if (weights.length != 4) {
      throw new IllegalArgumentException("weights has " + weights.length + " entries; expected (wx, wy, ww, wh)");
    }
    for (int c = 0; c < 4; c++) {
      if (!Double.isFinite(weights[c]) || weights[c] <= 0) {
        throw new IllegalArgumentException("weights[" + c + "] is " + weights[c] + "; weights must be finite and positive");
      }
    }
  }

  /** Rows of four finite values with x2 > x1 and y2 > y1. */
  private static void checkBoxes(double[][] boxes, String name) {
    Objects.requireNonNull(boxes, name);
    for (int n = 0; n < boxes.length; n++) {
      double[] b = checkRow(boxes[n], name, n);
      if (!(b[2] > b[0]) || !(b[3] > b[1])) {
        throw new IllegalArgumentException(name + "[" + n + "] = (" + b[0] + ", " + b[1] + ", " + b[2] + ", " + b[3]
            + ") has no positive width and height; need x2 > x1 and y2 > y1");
      }
    }
  }

  private static double[] checkRow(double[] row, String name, int n) {
    Objects.requireNonNull(row, name + " row");
    if (row.length != 4) {
      throw new IllegalArgumentException(name + "[" + n + "] has " + row.length + " values; expected 4");
    }
    for (int c = 0; c < 4; c++) {
      if (!Double.isFinite(row[c])) {
        throw new IllegalArgumentException(name + "[" + n + "][" + c + "] is " + row[c] + "; values must be finite");
      }
    }
    return row;
  }
}

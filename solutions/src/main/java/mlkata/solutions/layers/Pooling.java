package mlkata.solutions.layers;

import java.util.Objects;

/**
 * Reference solution: 2-D max and average pooling on NCHW arrays with PyTorch's semantics
 * ({@code F.max_pool2d} and {@code F.avg_pool2d}, {@code ceil_mode=False}, no dilation), and their
 * backward passes.
 *
 * <p>Window {@code (oh, ow)} covers rows {@code oh*sH - pH .. oh*sH - pH + kH - 1} and the matching
 * columns. Max pooling ignores the padded positions (they are {@code -infinity}) and keeps the first
 * maximum of a row-major scan, which alone receives the window's gradient. Average pooling divides by
 * {@code kH*kW} with {@code countIncludePad}, else by the number of real positions in the window.
 */
public final class Pooling {
  private Pooling() {}

  public static double[][][][] maxPool(double[][][][] input, int[] kernel, int[] stride, int[] padding) {
    Windows w = Windows.of(input, kernel, stride, padding);
    double[][][][] out = new double[w.n][w.c][w.hOut][w.wOut];
    for (int n = 0; n < w.n; n++) {
      for (int c = 0; c < w.c; c++) {
        for (int oh = 0; oh < w.hOut; oh++) {
          for (int ow = 0; ow < w.wOut; ow++) {
            int at = w.argmax(input[n][c], oh, ow);
            out[n][c][oh][ow] = input[n][c][at / w.wIn][at % w.wIn];
          }
        }
      }
    }
    return out;
  }

  public static double[][][][] maxPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel,
      int[] stride, int[] padding) {
    Windows w = Windows.of(input, kernel, stride, padding);
    w.checkGradient(dOutput);
    double[][][][] dInput = new double[w.n][w.c][w.hIn][w.wIn];
    for (int n = 0; n < w.n; n++) {
      for (int c = 0; c < w.c; c++) {
        for (int oh = 0; oh < w.hOut; oh++) {
          for (int ow = 0; ow < w.wOut; ow++) {
            int at = w.argmax(input[n][c], oh, ow);
            dInput[n][c][at / w.wIn][at % w.wIn] += dOutput[n][c][oh][ow];
          }
        }
      }
    }
    return dInput;
  }

  public static double[][][][] avgPool(double[][][][] input, int[] kernel, int[] stride, int[] padding,
      boolean countIncludePad) {
    Windows w = Windows.of(input, kernel, stride, padding);
    double[][][][] out = new double[w.n][w.c][w.hOut][w.wOut];
    for (int n = 0; n < w.n; n++) {
      for (int c = 0; c < w.c; c++) {
        for (int oh = 0; oh < w.hOut; oh++) {
          for (int ow = 0; ow < w.wOut; ow++) {
            int h0 = Math.max(oh * w.sH - w.pH, 0);
            int h1 = Math.min(oh * w.sH - w.pH + w.kH, w.hIn);
            int w0 = Math.max(ow * w.sW - w.pW, 0);
            int w1 = Math.min(ow * w.sW - w.pW + w.kW, w.wIn);
            double s = 0;
            for (int h = h0; h < h1; h++) {
              for (int x = w0; x < w1; x++) {
                s += input[n][c][h][x];
              }
            }
            out[n][c][oh][ow] = s / w.divisor(h0, h1, w0, w1, countIncludePad);
          }
        }
      }
    }
    return out;
  }

  public static double[][][][] avgPoolBackward(double[][][][] dOutput, double[][][][] input, int[] kernel,
      int[] stride, int[] padding, boolean countIncludePad) {
    Windows w = Windows.of(input, kernel, stride, padding);
    w.checkGradient(dOutput);
    double[][][][] dInput = new double[w.n][w.c][w.hIn][w.wIn];
    for (int n = 0; n < w.n; n++) {
      for (int c = 0; c < w.c; c++) {
        for (int oh = 0; oh < w.hOut; oh++) {
          for (int ow = 0; ow < w.wOut; ow++) {
            int h0 = Math.max(oh * w.sH - w.pH, 0);
            int h1 = Math.min(oh * w.sH - w.pH + w.kH, w.hIn);
            int w0 = Math.max(ow * w.sW - w.pW, 0);
            int w1 = Math.min(ow * w.sW - w.pW + w.kW, w.wIn);
            double share = dOutput[n][c][oh][ow] / w.divisor(h0, h1, w0, w1, countIncludePad);
            for (int h = h0; h < h1; h++) {
              for (int x = w0; x < w1; x++) {
                dInput[n][c][h][x] += share;
              }
            }
          }
        }
      }
    }
    return dInput;
  }

  /** The four dimensions of a non-empty, rectangular, finite 4-D array. */
  private static int[] dims(double[][][][] t, String name) {
    Objects.requireNonNull(t, name);
    if (t.length == 0) {
      throw new IllegalArgumentException(name + " is empty");
    }
    double[][][] t0 = Objects.requireNonNull(t[0], name + "[0]");
    double[][] t00 = t0.length == 0 ? null : Objects.requireNonNull(t0[0], name + "[0][0]");
    double[] t000 = t00 == null || t00.length == 0 ? null : Objects.requireNonNull(t00[0], name + "[0][0][0]");
    if (t000 == null || t000.length == 0) {
      throw new IllegalArgumentException(name + " has an empty dimension");
    }
    int[] dims = {t.length, t0.length, t00.length, t000.length};
    for (int a = 0; a < dims[0]; a++) {
      double[][][] ta = Objects.requireNonNull(t[a], name + "[" + a + "]");
      if (ta.length != dims[1]) {
        throw new IllegalArgumentException(name + " is ragged at [" + a + "]");
      }
      for (int b = 0; b < dims[1]; b++) {
        double[][] tb = Objects.requireNonNull(ta[b], name + "[" + a + "][" + b + "]");
        if (tb.length != dims[2]) {
          throw new IllegalArgumentException(name + " is ragged at [" + a + "][" + b + "]");
        }
        for (int c = 0; c < dims[2]; c++) {
          double[] row = Objects.requireNonNull(tb[c], name + "[" + a + "][" + b + "][" + c + "]");
          if (row.length != dims[3]) {
            throw new IllegalArgumentException(name + " is ragged at [" + a + "][" + b + "][" + c + "]");
          }
          for (int e = 0; e < dims[3]; e++) {
            if (!Double.isFinite(row[e])) {
              throw new IllegalArgumentException(name + "[" + a + "][" + b + "][" + c + "][" + e + "] is " + row[e]
                  + "; values must be finite");
            }
          }
        }
      }
    }
    return dims;
  }

  /** The validated geometry of one pooling call. */
  private static final class Windows {
    int n;
    int c;
    int hIn;
    int wIn;
    int kH;
    int kW;
    int sH;
    int sW;
    int pH;
    int pW;
    int hOut;
    int wOut;

    static Windows of(double[][][][] input, int[] kernel, int[] stride, int[] padding) {
      int[] d = dims(input, "input");
      pair(kernel, "kernel", 1);
      int[] s = stride == null ? kernel : stride;
      pair(s, "stride", 1);
      pair(padding, "padding", 0);
      for (int k = 0; k < 2; k++) {
        if (padding[k] > kernel[k] / 2) {
          throw new IllegalArgumentException("padding[" + k + "] is " + padding[k]
              + "; it must be at most half the kernel (" + kernel[k] / 2 + ")");
        }
      }
      Windows w = new Windows();
      w.n = d[0];
      w.c = d[1];
      w.hIn = d[2];
      w.wIn = d[3];
      w.kH = kernel[0];
      w.kW = kernel[1];
      w.sH = s[0];
      w.sW = s[1];
      w.pH = padding[0];
      w.pW = padding[1];
      w.hOut = size(w.hIn, w.kH, w.sH, w.pH, "height");
      w.wOut = size(w.wIn, w.kW, w.sW, w.pW, "width");
      return w;
    }

    private static int size(int in, int k, int s, int p, String axis) {
      int span = in + 2 * p - k;
      if (span < 0) {
        throw new IllegalArgumentException("input " + axis + " " + in + " with padding " + p
            + " is smaller than the kernel " + k + ": the output would be empty");
      }
      return span / s + 1;
    }

    private static void pair(int[] p, String name, int min) {
      Objects.requireNonNull(p, name);
      if (p.length != 2) {
        throw new IllegalArgumentException(name + " has " + p.length + " entries; it needs 2 (height, width)");
      }
      for (int k = 0; k < 2; k++) {
        if (p[k] < min) {
          throw new IllegalArgumentException(name + "[" + k + "] is " + p[k] + "; it must be >= " + min);
        }
      }
    }

    /** The flat index {@code h * W + w} of the window's first maximum in row-major order. */
    int argmax(double[][] plane, int oh, int ow) {
      int h0 = Math.max(oh * sH - pH, 0);
      int h1 = Math.min(oh * sH - pH + kH, hIn);
      int w0 = Math.max(ow * sW - pW, 0);
      int w1 = Math.min(ow * sW - pW + kW, wIn);
      int best = h0 * wIn + w0;
      for (int h = h0; h < h1; h++) {
        for (int x = w0; x < w1; x++) {
          if (plane[h][x] > plane[best / wIn][best % wIn]) {
            best = h * wIn + x;
          }
        }
      }
      return best;
    }

    /** {@code kH*kW} when the padding counts, else the number of real positions in the window. */
    double divisor(int h0, int h1, int w0, int w1, boolean countIncludePad) {
      return countIncludePad ? kH * kW : (h1 - h0) * (w1 - w0);
    }

    void checkGradient(double[][][][] dOutput) {
      int[] d = dims(dOutput, "dOutput");
      if (d[0] != n || d[1] != c || d[2] != hOut || d[3] != wOut) {
        throw new IllegalArgumentException("dOutput has shape (" + d[0] + ", " + d[1] + ", " + d[2] + ", " + d[3]
            + ") but the forward's output has (" + n + ", " + c + ", " + hOut + ", " + wOut + ")");
      }
    }
  }
}

package mlkata.solutions.layers;

import java.util.Objects;

/**
 * Reference solution: 2-D convolution as PyTorch's {@code torch.nn.functional.conv2d} (a
 * cross-correlation, no kernel flip) on NCHW arrays, with per-axis stride, zero padding and dilation,
 * and groups; and its backward with respect to the input, the weight and the bias.
 *
 * <p>Both directions walk the same index map: output position {@code (oh, ow)} of output channel
 * {@code oc} reads input position {@code (oh*sh - ph + kh*dh, ow*sw - pw + kw*dw)} of the input
 * channels of {@code oc}'s group, and positions outside the input are the zero padding. The backward
 * scatters each {@code dOutput} entry back along that map.
 */
public final class Conv2d {
  private Conv2d() {}

  /** The gradients of a loss with respect to the convolution's input, weight and bias. */
  public record Gradients(double[][][][] dInput, double[][][][] dWeight, double[] dBias) {}

  public static int outputSize(int size, int kernel, int stride, int padding, int dilation) {
    positive(size, "size");
    positive(kernel, "kernel");
    positive(stride, "stride");
    positive(dilation, "dilation");
    if (padding < 0) {
      throw new IllegalArgumentException("padding is " + padding + "; it must be >= 0");
    }
    int span = size + 2 * padding - dilation * (kernel - 1) - 1;
    if (span < 0) {
      throw new IllegalArgumentException("size " + size + " with padding " + padding
          + " is smaller than the dilated kernel " + (dilation * (kernel - 1) + 1));
    }
    return span / stride + 1;
  }

  public static double[][][][] forward(double[][][][] input, double[][][][] weight, double[] bias, int[] stride,
      int[] padding, int[] dilation, int groups) {
    Geometry g = Geometry.of(input, weight, stride, padding, dilation, groups);
    if (bias != null) {
      if (bias.length != g.cOut) {
        throw new IllegalArgumentException("bias has length " + bias.length + " but weight has " + g.cOut
            + " output channels");
      }
      for (int k = 0; k < bias.length; k++) {
        if (!Double.isFinite(bias[k])) {
          throw new IllegalArgumentException("bias[" + k + "] is " + bias[k] + "; values must be finite");
        }
      }
    }
    double[][][][] out = new double[g.n][g.cOut][g.hOut][g.wOut];
    for (int n = 0; n < g.n; n++) {
      for (int oc = 0; oc < g.cOut; oc++) {
        int first = (oc / g.outPerGroup) * g.inPerGroup;
        for (int oh = 0; oh < g.hOut; oh++) {
          for (int ow = 0; ow < g.wOut; ow++) {
            double s = bias == null ? 0 : bias[oc];
            for (int ic = 0; ic < g.inPerGroup; ic++) {
              double[][] plane = input[n][first + ic];
              double[][] kernel = weight[oc][ic];
              for (int kh = 0; kh < g.kH; kh++) {
                int ih = oh * stride[0] - padding[0] + kh * dilation[0];
                if (ih < 0 || ih >= g.hIn) {
                  continue;
                }
                for (int kw = 0; kw < g.kW; kw++) {
                  int iw = ow * stride[1] - padding[1] + kw * dilation[1];
                  if (iw >= 0 && iw < g.wIn) {
                    s += plane[ih][iw] * kernel[kh][kw];
                  }
                }
              }
            }
            out[n][oc][oh][ow] = s;
          }
        }
      }
    }
    return out;
  }

  public static Gradients backward(double[][][][] dOutput, double[][][][] input, double[][][][] weight,
      int[] stride, int[] padding, int[] dilation, int groups) {
    Geometry g = Geometry.of(input, weight, stride, padding, dilation, groups);
    Objects.requireNonNull(dOutput, "dOutput");
    checkShape(dOutput, g);
    double[][][][] dInput = new double[g.n][g.cIn][g.hIn][g.wIn];
    double[][][][] dWeight = new double[g.cOut][g.inPerGroup][g.kH][g.kW];
    double[] dBias = new double[g.cOut];
    for (int n = 0; n < g.n; n++) {
      for (int oc = 0; oc < g.cOut; oc++) {
        int first = (oc / g.outPerGroup) * g.inPerGroup;
        for (int oh = 0; oh < g.hOut; oh++) {
          for (int ow = 0; ow < g.wOut; ow++) {
            double d = dOutput[n][oc][oh][ow];
            dBias[oc] += d;
            for (int ic = 0; ic < g.inPerGroup; ic++) {
              for (int kh = 0; kh < g.kH; kh++) {
                int ih = oh * stride[0] - padding[0] + kh * dilation[0];
                if (ih < 0 || ih >= g.hIn) {
                  continue;
                }
                for (int kw = 0; kw < g.kW; kw++) {
                  int iw = ow * stride[1] - padding[1] + kw * dilation[1];
                  if (iw >= 0 && iw < g.wIn) {
                    dInput[n][first + ic][ih][iw] += d * weight[oc][ic][kh][kw];
                    dWeight[oc][ic][kh][kw] += d * input[n][first + ic][ih][iw];
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Gradients(dInput, dWeight, dBias);
  }

  private static void checkShape(double[][][][] d, Geometry g) {
    int[] dims = dims(d, "dOutput");
    if (dims[0] != g.n || dims[1] != g.cOut || dims[2] != g.hOut || dims[3] != g.wOut) {
      throw new IllegalArgumentException("dOutput has shape (" + dims[0] + ", " + dims[1] + ", " + dims[2] + ", "
          + dims[3] + ") but the forward's output has (" + g.n + ", " + g.cOut + ", " + g.hOut + ", " + g.wOut + ")");
    }
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " is " + value + "; it must be >= 1");
    }
  }

  /** Checks a pair argument: non-null, two entries, each at least {@code min}. */
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

  /** The validated sizes of one convolution. */
  private static final class Geometry {
    int n;
    int cIn;
    int hIn;
    int wIn;
    int cOut;
    int inPerGroup;
    int outPerGroup;
    int kH;
    int kW;
    int hOut;
    int wOut;

    static Geometry of(double[][][][] input, double[][][][] weight, int[] stride, int[] padding, int[] dilation,
        int groups) {
      int[] in = dims(input, "input");
      int[] w = dims(weight, "weight");
      pair(stride, "stride", 1);
      pair(padding, "padding", 0);
      pair(dilation, "dilation", 1);
      if (groups < 1) {
        throw new IllegalArgumentException("groups is " + groups + "; it must be >= 1");
      }
      if (in[1] % groups != 0) {
        throw new IllegalArgumentException("groups " + groups + " does not divide the " + in[1] + " input channels");
      }
      if (w[0] % groups != 0) {
        throw new IllegalArgumentException("groups " + groups + " does not divide the " + w[0]
            + " output channels (weight's first dimension)");
      }
      if (w[1] != in[1] / groups) {
        throw new IllegalArgumentException("weight has " + w[1] + " input channels per filter but input has "
            + in[1] + " channels in " + groups + " group(s), so it needs " + in[1] / groups);
      }
      Geometry g = new Geometry();
      g.n = in[0];
      g.cIn = in[1];
      g.hIn = in[2];
      g.wIn = in[3];
      g.cOut = w[0];
      g.inPerGroup = w[1];
      g.outPerGroup = w[0] / groups;
      g.kH = w[2];
      g.kW = w[3];
      g.hOut = size(g.hIn, g.kH, stride[0], padding[0], dilation[0], "height");
      g.wOut = size(g.wIn, g.kW, stride[1], padding[1], dilation[1], "width");
      return g;
    }

    private static int size(int in, int k, int s, int p, int d, String axis) {
      int span = in + 2 * p - d * (k - 1) - 1;
      if (span < 0) {
        throw new IllegalArgumentException("input " + axis + " " + in + " with padding " + p
            + " is smaller than the dilated kernel (" + (d * (k - 1) + 1) + "): the output would be empty");
      }
      return span / s + 1;
    }
  }
}

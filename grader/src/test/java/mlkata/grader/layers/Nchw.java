package mlkata.grader.layers;

import static mlkata.grader.support.KataAssertions.assertAllClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Arrays;
import mlkata.grader.support.Goldens;

/**
 * Four-dimensional (NCHW) array helpers shared by {@link Conv2dSpec} and {@link PoolingSpec}: reading a
 * fixture field, flattening for finite differences, copies, shapes, and element-wise closeness that
 * names the first {@code [n][c][h]} row that differs. {@code support/Tensors} stops at three dimensions.
 */
final class Nchw {
  private Nchw() {}

  /** A 4-D array field of a golden case. */
  static double[][][][] read(Goldens.Values values, String key) {
    JsonArray outer = values.raw(key).getAsJsonArray();
    double[][][][] out = new double[outer.size()][][][];
    for (int a = 0; a < out.length; a++) {
      JsonArray planes = outer.get(a).getAsJsonArray();
      out[a] = new double[planes.size()][][];
      for (int b = 0; b < out[a].length; b++) {
        JsonArray rows = planes.get(b).getAsJsonArray();
        out[a][b] = new double[rows.size()][];
        for (int c = 0; c < out[a][b].length; c++) {
          JsonArray row = rows.get(c).getAsJsonArray();
          out[a][b][c] = new double[row.size()];
          int k = 0;
          for (JsonElement e : row) {
            out[a][b][c][k++] = e.getAsDouble();
          }
        }
      }
    }
    return out;
  }

  static int[] shape(double[][][][] t) {
    return new int[] {t.length, t[0].length, t[0][0].length, t[0][0][0].length};
  }

  static double[][][][] zeros(int[] shape) {
    return new double[shape[0]][shape[1]][shape[2]][shape[3]];
  }

  static double[] flatten(double[][][][] t) {
    return Arrays.stream(t).flatMap(Arrays::stream).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream)
        .toArray();
  }

  static double[][][][] unflatten(double[] flat, int[] shape) {
    double[][][][] t = zeros(shape);
    int k = 0;
    for (double[][][] a : t) {
      for (double[][] b : a) {
        for (double[] row : b) {
          for (int i = 0; i < row.length; i++) {
            row[i] = flat[k++];
          }
        }
      }
    }
    return t;
  }

  static double[][][][] copy(double[][][][] t) {
    double[][][][] out = new double[t.length][][][];
    for (int a = 0; a < t.length; a++) {
      out[a] = new double[t[a].length][][];
      for (int b = 0; b < t[a].length; b++) {
        out[a][b] = new double[t[a][b].length][];
        for (int c = 0; c < t[a][b].length; c++) {
          out[a][b][c] = t[a][b][c].clone();
        }
      }
    }
    return out;
  }

  /** {@code sum(a * b)} over two arrays of one shape: the scalar loss whose gradient a backward returns. */
  static double dot(double[][][][] a, double[][][][] b) {
    double[] x = flatten(a);
    double[] y = flatten(b);
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += x[k] * y[k];
    }
    return s;
  }

  /** A compact rendering of an array for failure messages. */
  static String show(double[][][][] t) {
    return Arrays.deepToString(t);
  }

  /** Fails unless {@code actual} has the shape {@code shape}, naming the dimension that differs. */
  static void assertShape(String what, int[] shape, double[][][][] actual) {
    assertThat(actual).as("%s: the result array", what).isNotNull();
    String[] names = {"N (dimension 0)", "C (dimension 1)", "height (dimension 2)", "width (dimension 3)"};
    assertThat(actual.length).as("%s: %s", what, names[0]).isEqualTo(shape[0]);
    for (double[][][] a : actual) {
      assertThat(a).as("%s: a sample", what).isNotNull();
      assertThat(a.length).as("%s: %s", what, names[1]).isEqualTo(shape[1]);
      for (double[][] b : a) {
        assertThat(b).as("%s: a channel", what).isNotNull();
        assertThat(b.length).as("%s: %s", what, names[2]).isEqualTo(shape[2]);
        for (double[] row : b) {
          assertThat(row).as("%s: a row", what).isNotNull();
          assertThat(row.length).as("%s: %s", what, names[3]).isEqualTo(shape[3]);
        }
      }
    }
  }

  /** Same shape, and every element within {@code tolerance}; a failure names the first row that differs. */
  static void assertClose(String what, double[][][][] expected, double[][][][] actual, double tolerance) {
    assertShape(what, shape(expected), actual);
    for (int a = 0; a < expected.length; a++) {
      for (int b = 0; b < expected[a].length; b++) {
        for (int c = 0; c < expected[a][b].length; c++) {
          assertAllClose(what + ", row [" + a + "][" + b + "][" + c + "][*]", expected[a][b][c], actual[a][b][c],
              tolerance);
        }
      }
    }
  }
}

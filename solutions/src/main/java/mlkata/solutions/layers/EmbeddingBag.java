package mlkata.solutions.layers;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Reference solution of {@code layers/embedding-bag}: PyTorch 1.13's {@code F.embedding_bag} with 1-D
 * indices and offsets ({@code include_last_offset=False}), modes sum / mean / max, per-sample weights,
 * a padding index, and the coalesced sparse gradient. The problem statement is the stub's Javadoc.
 */
public final class EmbeddingBag {
  private EmbeddingBag() {}

  /** How a bag's rows are reduced. */
  public enum Mode {
    /** The (optionally weighted) sum of the rows. */
    SUM,
    /** The average of the rows. */
    MEAN,
    /** The maximum of each column over the rows. */
    MAX
  }

  /** The gradients of one backward pass. */
  public record Gradients(int[] rows, double[][] values, double[] dPerSampleWeights) {}

  /** The bags' reduced embeddings. */
  public static double[][] forward(double[][] weight, int[] indices, int[] offsets, Mode mode,
      double[] perSampleWeights, OptionalInt paddingIdx) {
    Bags bags = check(weight, indices, offsets, mode, perSampleWeights, paddingIdx);
    double[][] out = new double[offsets.length][bags.dim];
    for (int b = 0; b < offsets.length; b++) {
      int count = 0;
      for (int k = bags.start(b); k < bags.end(b); k++) {
        if (bags.skip(k)) {
          continue;
        }
        double[] row = weight[indices[k]];
        for (int d = 0; d < bags.dim; d++) {
          if (mode == Mode.MAX) {
            out[b][d] = count == 0 ? row[d] : Math.max(out[b][d], row[d]);
          } else {
            out[b][d] += (perSampleWeights == null ? 1.0 : perSampleWeights[k]) * row[d];
          }
        }
        count++;
      }
      if (mode == Mode.MEAN && count > 0) {
        for (int d = 0; d < bags.dim; d++) {
          out[b][d] /= count;
        }
      }
    }
    return out;
  }

  /** The coalesced sparse gradient of the table, and the per-sample weights' gradient. */
  public static Gradients backward(double[][] weight, int[] indices, int[] offsets, Mode mode,
      double[] perSampleWeights, OptionalInt paddingIdx, double[][] dOutput) {
    Bags bags = check(weight, indices, offsets, mode, perSampleWeights, paddingIdx);
    Objects.requireNonNull(dOutput, "dOutput");
    if (dOutput.length != offsets.length) {
      throw new IllegalArgumentException("dOutput has " + dOutput.length + " rows but there are " + offsets.length + " bags");
    }
    for (int b = 0; b < dOutput.length; b++) {
      Objects.requireNonNull(dOutput[b], "dOutput[" + b + "]");
      if (dOutput[b].length != bags.dim) {
        throw new IllegalArgumentException("dOutput[" + b + "] has length " + dOutput[b].length + ", not " + bags.dim);
      }
      for (double v : dOutput[b]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("dOutput[" + b + "] holds " + v + "; it must be finite");
        }
      }
    }
    int[] rows = distinctRows(indices, bags);
    double[][] values = new double[rows.length][bags.dim];
    double[] dWeights = perSampleWeights == null ? null : new double[indices.length];
    for (int b = 0; b < offsets.length; b++) {
      int count = 0;
      for (int k = bags.start(b); k < bags.end(b); k++) {
        count += bags.skip(k) ? 0 : 1;
      }
      if (mode == Mode.MAX) {
        maxBackward(weight, indices, bags, b, rows, values, dOutput[b]);
        continue;
      }
      for (int k = bags.start(b); k < bags.end(b); k++) {
        if (bags.skip(k)) {
          continue;
        }
        double factor = mode == Mode.MEAN ? 1.0 / count : perSampleWeights == null ? 1.0 : perSampleWeights[k];
        double[] target = values[Arrays.binarySearch(rows, indices[k])];
        for (int d = 0; d < bags.dim; d++) {
          target[d] += factor * dOutput[b][d];
        }
        if (dWeights != null) {
          double dot = 0;
          for (int d = 0; d < bags.dim; d++) {
            dot += dOutput[b][d] * weight[indices[k]][d];
          }
          dWeights[k] = dot;
        }
      }
    }
    return new Gradients(rows, values, dWeights);
  }

  /** Each column's gradient goes to the first entry of the bag holding that column's maximum. */
  private static void maxBackward(double[][] weight, int[] indices, Bags bags, int b, int[] rows, double[][] values,
      double[] dOut) {
    for (int d = 0; d < bags.dim; d++) {
      int best = -1;
      for (int k = bags.start(b); k < bags.end(b); k++) {
        if (!bags.skip(k) && (best < 0 || weight[indices[k]][d] > weight[indices[best]][d])) {
          best = k;
        }
      }
      if (best >= 0) {
        values[Arrays.binarySearch(rows, indices[best])][d] += dOut[d];
      }
    }
  }

  private static int[] distinctRows(int[] indices, Bags bags) {
    int[] all = new int[indices.length];
    int n = 0;
    for (int k = 0; k < indices.length; k++) {
      if (!bags.skip(k)) {
        all[n++] = indices[k];
      }
    }
    int[] sorted = Arrays.copyOf(all, n);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || sorted[k] != sorted[k - 1]) {
        sorted[distinct++] = sorted[k];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }

  /** Validated bag layout. */
  private record Bags(int[] indices, int[] offsets, int dim, int padding) {
    int start(int b) {
      return offsets[b];
    }

    int end(int b) {
      return b + 1 < offsets.length ? offsets[b + 1] : indices.length;
    }

    boolean skip(int k) {
      return indices[k] == padding;
    }
  }

  private static Bags check(double[][] weight, int[] indices, int[] offsets, Mode mode, double[] perSampleWeights,
      OptionalInt paddingIdx) {
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(indices, "indices");
    Objects.requireNonNull(offsets, "offsets");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(paddingIdx, "paddingIdx");
    if (weight.length == 0) {
      throw new IllegalArgumentException("weight must have at least one row");
    }
    int dim = Objects.requireNonNull(weight[0], "weight[0]").length;
    if (dim == 0) {
      throw new IllegalArgumentException("weight rows must have at least one column");
    }
    for (int r = 0; r < weight.length; r++) {
      if (Objects.requireNonNull(weight[r], "weight[" + r + "]").length != dim) {
        throw new IllegalArgumentException("weight is ragged: row " + r + " has " + weight[r].length + " columns, not " + dim);
      }
    }
    for (int k = 0; k < indices.length; k++) {
      if (indices[k] < 0 || indices[k] >= weight.length) {
        throw new IllegalArgumentException("indices[" + k + "] = " + indices[k] + " is outside [0, " + weight.length + ")");
      }
      for (double v : weight[indices[k]]) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("weight row " + indices[k] + " holds " + v + "; looked-up rows must be finite");
        }
      }
    }
    if (offsets.length == 0 || offsets[0] != 0) {
      throw new IllegalArgumentException("offsets must be non-empty and start at 0: " + Arrays.toString(offsets));
    }
    for (int b = 1; b < offsets.length; b++) {
      if (offsets[b] < offsets[b - 1]) {
        throw new IllegalArgumentException("offsets decrease at position " + b + ": " + Arrays.toString(offsets));
      }
    }
    if (offsets[offsets.length - 1] > indices.length) {
      throw new IllegalArgumentException("offsets go beyond the " + indices.length + " indices: " + Arrays.toString(offsets));
    }
    if (perSampleWeights != null) {
      if (mode != Mode.SUM) {
        throw new IllegalArgumentException("perSampleWeights are only supported in SUM mode, not " + mode);
      }
      if (perSampleWeights.length != indices.length) {
        throw new IllegalArgumentException("perSampleWeights has " + perSampleWeights.length + " entries but indices has "
            + indices.length);
      }
      for (int k = 0; k < perSampleWeights.length; k++) {
        if (!Double.isFinite(perSampleWeights[k])) {
          throw new IllegalArgumentException("perSampleWeights[" + k + "] is " + perSampleWeights[k]);
        }
      }
    }
    int padding = -1;
    if (paddingIdx.isPresent()) {
      padding = paddingIdx.getAsInt();
      if (padding < 0 || padding >= weight.length) {
        throw new IllegalArgumentException("paddingIdx " + padding + " is outside [0, " + weight.length + ")");
      }
    }
    return new Bags(indices, offsets, dim, padding);
  }
}

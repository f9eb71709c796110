package mlkata.solutions.models;

import java.util.Arrays;
import java.util.Objects;

/**
 * Reference solution: k nearest neighbours with scikit-learn's {@code KNeighbors*} semantics and a
 * stable tie rule (equal distances ordered by training index).
 *
 * <p>Each query keeps its k best candidates in a bounded max-heap ordered by (distance, index), so
 * selecting them costs O(n log k) after the O(n d) distances; the k survivors are then sorted.
 */
public final class Knn {
  private Knn() {}

  /** The distance between two points. */
  public enum Metric {
    EUCLIDEAN,
    MANHATTAN
  }

  /** How the k neighbours' votes (or targets) are weighted. */
  public enum Weighting {
    UNIFORM,
    DISTANCE
  }

  /** The k nearest training points of one query, nearest first, and their distances. */
  public record Neighbours(int[] indices, double[] distances) {}

  public static double distance(double[] a, double[] b, Metric metric) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(metric, "metric");
    if (a.length != b.length) {
      throw new IllegalArgumentException("a and b differ in length: " + a.length + " vs " + b.length);
    }
    requireFinite(a, "a");
    requireFinite(b, "b");
    return rawDistance(a, b, metric);
  }

  public static Neighbours kNeighbours(double[][] train, double[] query, int k, Metric metric) {
    int d = validateTrain(train, k, metric);
    Objects.requireNonNull(query, "query");
    if (query.length != d) {
      throw new IllegalArgumentException("query has " + query.length + " features, train has " + d);
    }
    requireFinite(query, "query");
    return select(train, query, k, metric);
  }

  public static int[] classify(double[][] train, int[] labels, double[][] queries, int k, Metric metric,
      Weighting weighting) {
    int d = validateTrain(train, k, metric);
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(weighting, "weighting");
    if (labels.length != train.length) {
      throw new IllegalArgumentException("labels has " + labels.length + " entries, train has " + train.length + " rows");
    }
    validateQueries(queries, d);
    int[] out = new int[queries.length];
    int[] votedLabels = new int[k];
    double[] votes = new double[k];
    for (int q = 0; q < queries.length; q++) {
      Neighbours nb = select(train, queries[q], k, metric);
      double[] w = weights(nb.distances(), weighting);
      // Accumulate per distinct label among the k neighbours (at most k labels).
      int distinct = 0;
      for (int j = 0; j < k; j++) {
        int label = labels[nb.indices()[j]];
        int slot = 0;
        while (slot < distinct && votedLabels[slot] != label) {
          slot++;
        }
        if (slot == distinct) {
          votedLabels[distinct] = label;
          votes[distinct] = 0;
          distinct++;
        }
        votes[slot] += w[j];
      }
      int best = 0;
      for (int s = 1; s < distinct; s++) {
        if (votes[s] > votes[best] || (votes[s] == votes[best] && votedLabels[s] < votedLabels[best])) {
          best = s;
        }
      }
      out[q] = votedLabels[best];
    }
    return out;
  }

  public static double[] regress(double[][] train, double[] targets, double[][] queries, int k, Metric metric,
      Weighting weighting) {
    int d = validateTrain(train, k, metric);
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(weighting, "weighting");
    if (targets.length != train.length) {
      throw new IllegalArgumentException("targets has " + targets.length + " entries, train has " + train.length + " rows");
    }
    requireFinite(targets, "targets");
    validateQueries(queries, d);
    double[] out = new double[queries.length];
    for (int q = 0; q < queries.length; q++) {
      Neighbours nb = select(train, queries[q], k, metric);
      double[] w = weights(nb.distances(), weighting);
      double sum = 0;
      double weightSum = 0;
      for (int j = 0; j < k; j++) {
        sum += w[j] * targets[nb.indices()[j]];
        weightSum += w[j];
      }
      out[q] = sum / weightSum;
    }
    return out;
  }

  /** Uniform: all 1. Distance: 1/d, except that exact matches (d == 0), if any, take all the weight. */
  private static double[] weights(double[] distances, Weighting weighting) {
    double[] w = new double[distances.length];
    if (weighting == Weighting.UNIFORM) {
      Arrays.fill(w, 1);
      return w;
    }
    boolean exact = false;
    for (double dist : distances) {
      exact |= dist == 0;
    }
    for (int j = 0; j < w.length; j++) {
      w[j] = exact ? (distances[j] == 0 ? 1 : 0) : 1 / distances[j];
    }
    return w;
  }

  /** The k smallest (distance, index) pairs through a bounded max-heap, then sorted ascending. */
  private static Neighbours select(double[][] train, double[] query, int k, Metric metric) {
    double[] heapDist = new double[k];
    int[] heapIdx = new int[k];
    int size = 0;
    for (int i = 0; i < train.length; i++) {
      double dist = rawDistance(train[i], query, metric);
      if (size < k) {
        heapDist[size] = dist;
        heapIdx[size] = i;
        siftUp(heapDist, heapIdx, size);
        size++;
      } else if (dist < heapDist[0]) {
        // An equal distance never replaces the root: the root has the lower index (stable order).
        heapDist[0] = dist;
        heapIdx[0] = i;
        siftDown(heapDist, heapIdx, size);
      }
    }
    // Pop the max repeatedly into the back of the output: ascending (distance, index).
    int[] indices = new int[k];
    double[] distances = new double[k];
    for (int last = k - 1; last >= 0; last--) {
      indices[last] = heapIdx[0];
      distances[last] = heapDist[0];
      heapDist[0] = heapDist[last];
      heapIdx[0] = heapIdx[last];
      siftDown(heapDist, heapIdx, last);
    }
    return new Neighbours(indices, distances);
  }

  /** Heap order: (distance, index) compared lexicographically; the largest is the root. */
  private static boolean after(double[] dist, int[] idx, int a, int b) {
    return dist[a] > dist[b] || (dist[a] == dist[b] && idx[a] > idx[b]);
  }

  private static void siftUp(double[] dist, int[] idx, int at) {
    while (at > 0) {
      int parent = (at - 1) / 2;
      if (!after(dist, idx, at, parent)) {
        return;
      }
      swap(dist, idx, at, parent);
      at = parent;
    }
  }

  private static void siftDown(double[] dist, int[] idx, int size) {
    int at = 0;
    while (true) {
      int left = 2 * at + 1;
      if (left >= size) {
        return;
      }
      int child = left + 1 < size && after(dist, idx, left + 1, left) ? left + 1 : left;
      if (!after(dist, idx, child, at)) {
        return;
      }
      swap(dist, idx, at, child);
      at = child;
    }
  }

  private static void swap(double[] dist, int[] idx, int a, int b) {
    double t = dist[a];
    dist[a] = dist[b];
    dist[b] = t;
    int u = idx[a];
    idx[a] = idx[b];
    idx[b] = u;
  }

  private static double rawDistance(double[] a, double[] b, Metric metric) {
    double sum = 0;
    if (metric == Metric.EUCLIDEAN) {
      for (int j = 0; j < a.length; j++) {
        double diff = a[j] - b[j];
        sum += diff * diff;
      }
      return Math.sqrt(sum);
    }
    for (int j = 0; j < a.length; j++) {
      sum += Math.abs(a[j] - b[j]);
    }
    return sum;
  }

  /** Checks train (non-empty, rectangular, finite, at least one feature), k and metric; returns d. */
  private static int validateTrain(double[][] train, int k, Metric metric) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(metric, "metric");
    if (train.length == 0) {
      throw new IllegalArgumentException("train is empty");
    }
    Objects.requireNonNull(train[0], "train[0]");
    int d = train[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("train rows have no features");
    }
    for (int i = 0; i < train.length; i++) {
      Objects.requireNonNull(train[i], "train[" + i + "]");
      if (train[i].length != d) {
        throw new IllegalArgumentException("train is ragged: row " + i + " has " + train[i].length + " features, row 0 has " + d);
      }
      requireFinite(train[i], "train");
    }
    if (k < 1 || k > train.length) {
      throw new IllegalArgumentException("k is " + k + "; it must be in [1, " + train.length + "] (the train size)");
    }
    return d;
  }

  private static void validateQueries(double[][] queries, int d) {
    Objects.requireNonNull(queries, "queries");
    for (int q = 0; q < queries.length; q++) {
      Objects.requireNonNull(queries[q], "queries[" + q + "]");
      if (queries[q].length != d) {
        throw new IllegalArgumentException("queries row " + q + " has " + queries[q].length + " features, train has " + d);
      }
      requireFinite(queries[q], "queries");
    }
  }

  private static void requireFinite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(name + " holds a non-finite value " + values[j] + " at index " + j);
      }
    }
  }
}

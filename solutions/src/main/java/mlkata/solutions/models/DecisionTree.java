package mlkata.solutions.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reference solution: a CART decision tree grown depth first as scikit-learn's
 * {@code DecisionTreeClassifier}/{@code DecisionTreeRegressor} (all features, no sample weights), with a
 * pinned tie rule between equally good splits (lowest feature, then lowest threshold).
 *
 * <p>The split search sorts the node's samples once per feature (a primitive merge sort of indices) and
 * sweeps the sorted order with running class counts or running sums: O(d n log n) per node.
 */
public final class DecisionTree {
  private DecisionTree() {}

  /** numpy's float64 epsilon: scikit-learn makes a node whose impurity is at most this a leaf. */
  private static final double PURE = Math.ulp(1.0);
  /** Decreases closer than this (times max(1, node impurity)) count as equally good. */
  private static final double TIE = 1e-9;
  /** Class labels are whole numbers in [0, MAX_LABEL]. */
  private static final int MAX_LABEL = 255;
  private static final double LOG2 = Math.log(2);

  /** The impurity measure: two for classification, one for regression. */
  public enum Criterion {
    GINI,
    ENTROPY,
    SQUARED_ERROR
  }

  /** Growth limits, as scikit-learn's {@code max_depth}, {@code min_samples_split}, {@code min_samples_leaf}. */
  public record Params(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf) {}

  /** A split of a node: samples with {@code x[feature] <= threshold} go left. */
  public record Split(int feature, double threshold, double decrease) {}

  /** One node of a tree in preorder; a leaf has feature, left and right -1 and a NaN threshold. */
  public record Node(int feature, double threshold, int left, int right, int samples, double impurity, double[] value) {}

  /** A grown tree: its criterion and its nodes in preorder (node 0 is the root). */
  public record Tree(Criterion criterion, Node[] nodes) {}

  public static double impurity(double[] y, Criterion criterion) {
    Objects.requireNonNull(criterion, "criterion");
    validateTargets(y, "y", criterion);
    if (y.length == 0) {
      throw new IllegalArgumentException("y is empty: the impurity of no samples is undefined");
    }
    return impurityOf(y, criterion);
  }

  public static double impurityDecrease(double[] left, double[] right, Criterion criterion) {
    Objects.requireNonNull(criterion, "criterion");
    validateTargets(left, "left", criterion);
    validateTargets(right, "right", criterion);
    if (left.length == 0 || right.length == 0) {
      throw new IllegalArgumentException((left.length == 0 ? "left" : "right") + " is empty: a split has two non-empty sides");
    }
    double[] parent = new double[left.length + right.length];
    System.arraycopy(left, 0, parent, 0, left.length);
    System.arraycopy(right, 0, parent, left.length, right.length);
    double n = parent.length;
    return impurityOf(parent, criterion) - left.length / n * impurityOf(left, criterion)
        - right.length / n * impurityOf(right, criterion);
  }

  public static Split bestSplit(double[][] x, double[] y, Criterion criterion, int minSamplesLeaf) {
    Objects.requireNonNull(criterion, "criterion");
    int d = validateData(x, y, criterion);
    if (minSamplesLeaf < 1) {
      throw new IllegalArgumentException("minSamplesLeaf is " + minSamplesLeaf + "; it must be at least 1");
    }
    int[] all = new int[x.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return search(x, y, all, d, criterion, minSamplesLeaf, classes(y, criterion), impurityOf(y, criterion));
  }

  public static Tree fit(double[][] x, double[] y, Params params) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(params.criterion(), "params.criterion");
    int d = validateData(x, y, params.criterion());
    if (params.maxDepth() < 1) {
      throw new IllegalArgumentException("maxDepth is " + params.maxDepth() + "; it must be at least 1");
    }
    if (params.minSamplesSplit() < 2) {
      throw new IllegalArgumentException("minSamplesSplit is " + params.minSamplesSplit() + "; it must be at least 2");
    }
    if (params.minSamplesLeaf() < 1) {
      throw new IllegalArgumentException("minSamplesLeaf is " + params.minSamplesLeaf() + "; it must be at least 1");
    }
    int[] all = new int[x.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    List<Node> nodes = new ArrayList<>();
    grow(x, y, all, 0, d, params, classes(y, params.criterion()), nodes);
    return new Tree(params.criterion(), nodes.toArray(new Node[0]));
  }

  public static double[] predict(Tree tree, double[][] x) {
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(tree.criterion(), "tree.criterion");
    Node[] nodes = Objects.requireNonNull(tree.nodes(), "tree.nodes");
    if (nodes.length == 0) {
      throw new IllegalArgumentException("tree has no nodes");
    }
    Objects.requireNonNull(x, "x");
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], "x[" + i + "]");
      requireFinite(x[i], "x");
      int at = 0;
      for (int steps = 0; ; steps++) {
        if (at < 0 || at >= nodes.length || steps > nodes.length) {
          throw new IllegalArgumentException("tree is malformed: node index " + at + " after " + steps + " steps");
        }
        Node node = Objects.requireNonNull(nodes[at], "tree.nodes[" + at + "]");
        if (node.left() < 0) {
          break;
        }
        if (node.feature() < 0 || node.feature() >= x[i].length) {
          throw new IllegalArgumentException("x row " + i + " has " + x[i].length + " features; the tree splits on feature "
              + node.feature());
        }
        at = x[i][node.feature()] <= node.threshold() ? node.left() : node.right();
      }
      double[] value = nodes[at].value();
      if (tree.criterion() == Criterion.SQUARED_ERROR) {
        out[i] = value[0];
      } else {
        int best = 0;
        for (int c = 1; c < value.length; c++) {
          if (value[c] > value[best]) {
            best = c;
          }
        }
        out[i] = best;
      }
    }
    return out;
  }

  /** Appends the subtree of {@code samples} in preorder and returns its root's index. */
  private static int grow(double[][] x, double[] y, int[] samples, int depth, int d, Params params, int classes,
      List<Node> nodes) {
    double[] ys = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      ys[i] = y[samples[i]];
    }
    Criterion criterion = params.criterion();
    double impurity = impurityOf(ys, criterion);
    double[] value = valueOf(ys, criterion, classes);
    int n = samples.length;
    int at = nodes.size();
    nodes.add(null);
    Split split = null;
    if (depth < params.maxDepth() && n >= params.minSamplesSplit() && n >= 2 * params.minSamplesLeaf()
        && impurity > PURE) {
      split = search(x, y, samples, d, criterion, params.minSamplesLeaf(), classes, impurity);
    }
    if (split == null || split.feature() < 0) {
      nodes.set(at, new Node(-1, Double.NaN, -1, -1, n, impurity, value));
      return at;
    }
    int leftCount = 0;
    for (int s : samples) {
      leftCount += x[s][split.feature()] <= split.threshold() ? 1 : 0;
    }
    int[] left = new int[leftCount];
    int[] right = new int[n - leftCount];
    int l = 0;
    int r = 0;
    for (int s : samples) {
      if (x[s][split.feature()] <= split.threshold()) {
        left[l++] = s;
      } else {
        right[r++] = s;
      }
    }
    int leftId = grow(x, y, left, depth + 1, d, params, classes, nodes);
    int rightId = grow(x, y, right, depth + 1, d, params, classes, nodes);
    nodes.set(at, new Node(split.feature(), split.threshold(), leftId, rightId, n, impurity, value));
    return at;
  }

  /** The best split of {@code samples}, or Split(-1, NaN, 0) when no candidate leaves minLeaf on both sides. */
  private static Split search(double[][] x, double[] y, int[] samples, int d, Criterion criterion, int minLeaf,
      int classes, double parentImpurity) {
    int n = samples.length;
    int bestFeature = -1;
    double bestThreshold = Double.NaN;
    double best = Double.NEGATIVE_INFINITY;
    double slack = TIE * Math.max(1, parentImpurity);
    int[] order = new int[n];
    int[] scratch = new int[n];
    long[] leftCounts = new long[classes];
    long[] totalCounts = new long[classes];
    double total = 0;
    double totalSq = 0;
    for (int s : samples) {
      if (criterion == Criterion.SQUARED_ERROR) {
        total += y[s];
        totalSq += y[s] * y[s];
      } else {
        totalCounts[(int) y[s]]++;
      }
    }
    for (int f = 0; f < d; f++) {
      System.arraycopy(samples, 0, order, 0, n);
      sortBy(order, scratch, x, f);
      java.util.Arrays.fill(leftCounts, 0);
      double leftSum = 0;
      for (int p = 0; p + 1 < n; p++) {
        int s = order[p];
        if (criterion == Criterion.SQUARED_ERROR) {
          leftSum += y[s];
        } else {
          leftCounts[(int) y[s]]++;
        }
        double a = x[s][f];
        double b = x[order[p + 1]][f];
        int nLeft = p + 1;
        int nRight = n - nLeft;
        if (a == b || nLeft < minLeaf || nRight < minLeaf) {
          continue;
        }
        double childImpurity;
        if (criterion == Criterion.SQUARED_ERROR) {
          // n_L var_L + n_R var_R = sum(y^2) - sum_L^2 / n_L - sum_R^2 / n_R: only the left sum is needed.
          double rightSum = total - leftSum;
          childImpurity = (totalSq - leftSum * leftSum / nLeft - rightSum * rightSum / nRight) / n;
        } else {
          childImpurity = (double) nLeft / n * countImpurity(leftCounts, null, nLeft, criterion)
              + (double) nRight / n * countImpurity(totalCounts, leftCounts, nRight, criterion);
        }
        double decrease = parentImpurity - childImpurity;
        if (decrease > best + slack) {
          best = decrease;
          bestFeature = f;
          double t = a / 2 + b / 2;
          bestThreshold = t == b || Double.isInfinite(t) ? a : t;
        }
      }
    }
    return bestFeature < 0 ? new Split(-1, Double.NaN, 0) : new Split(bestFeature, bestThreshold, best);
  }

  /** Impurity from class counts ({@code counts - minus} when minus is given) over {@code size} samples. */
  private static double countImpurity(long[] counts, long[] minus, int size, Criterion criterion) {
    double acc = 0;
    for (int c = 0; c < counts.length; c++) {
      long count = minus == null ? counts[c] : counts[c] - minus[c];
      if (count == 0) {
        continue;
      }
      double p = (double) count / size;
      acc += criterion == Criterion.GINI ? p * p : -p * Math.log(p) / LOG2;
    }
    return criterion == Criterion.GINI ? 1 - acc : acc;
  }

  private static double impurityOf(double[] y, Criterion criterion) {
    if (criterion == Criterion.SQUARED_ERROR) {
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= y.length;
      double sq = 0;
      for (double v : y) {
        sq += (v - mean) * (v - mean);
      }
      return sq / y.length;
    }
    long[] counts = new long[classes(y, criterion)];
    for (double v : y) {
      counts[(int) v]++;
    }
    return countImpurity(counts, null, y.length, criterion);
  }

  private static double[] valueOf(double[] ys, Criterion criterion, int classes) {
    if (criterion == Criterion.SQUARED_ERROR) {
      double mean = 0;
      for (double v : ys) {
        mean += v;
      }
      return new double[] {mean / ys.length};
    }
    double[] counts = new double[classes];
    for (double v : ys) {
      counts[(int) v]++;
    }
    return counts;
  }

  /** 1 + the largest label for classification; unused (1) for regression. */
  private static int classes(double[] y, Criterion criterion) {
    int k = 1;
    if (criterion != Criterion.SQUARED_ERROR) {
      for (double v : y) {
        k = Math.max(k, (int) v + 1);
      }
    }
    return k;
  }

  /** Stable merge sort of sample indices by {@code x[.][f]}. */
  private static void sortBy(int[] order, int[] scratch, double[][] x, int f) {
    int n = order.length;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          scratch[k++] = x[order[j]][f] < x[order[i]][f] ? order[j++] : order[i++];
        }
        while (i < mid) {
          scratch[k++] = order[i++];
        }
        while (j < hi) {
          scratch[k++] = order[j++];
        }
        System.arraycopy(scratch, lo, order, lo, hi - lo);
      }
    }
  }

  /** Rectangular finite x with at least one row and column, y as long with valid targets; returns d. */
  private static int validateData(double[][] x, double[] y, Criterion criterion) {
    Objects.requireNonNull(x, "x");
    validateTargets(y, "y", criterion);
    if (x.length == 0) {
      throw new IllegalArgumentException("x is empty");
    }
    if (y.length != x.length) {
      throw new IllegalArgumentException("y has " + y.length + " entries, x has " + x.length + " rows");
    }
    Objects.requireNonNull(x[0], "x[0]");
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("x rows have no features");
    }
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], "x[" + i + "]");
      if (x[i].length != d) {
        throw new IllegalArgumentException("x is ragged: row " + i + " has " + x[i].length + " features, row 0 has " + d);
      }
      requireFinite(x[i], "x");
    }
    return d;
  }

  private static void validateTargets(double[] y, String name, Criterion criterion) {
    Objects.requireNonNull(y, name);
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + v + "; targets must be finite");
      }
      if (criterion != Criterion.SQUARED_ERROR && (v != Math.rint(v) || v < 0 || v > MAX_LABEL)) {
        throw new IllegalArgumentException(name + "[" + i + "] is " + v + "; class labels must be whole numbers in [0, "
            + MAX_LABEL + "]");
      }
    }
  }

  private static void requireFinite(double[] values, String name) {
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException(name + " holds a non-finite value " + values[j] + " at column " + j);
      }
    }
  }
}

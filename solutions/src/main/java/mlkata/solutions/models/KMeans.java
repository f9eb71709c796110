package mlkata.solutions.models;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reference solution: k-means++ seeding from a documented use of the random stream, and Lloyd's
 * iterations with scikit-learn's stopping rule ({@code tol=0}); an empty cluster keeps its centroid.
 */
public final class KMeans {
  private KMeans() {}

  /** The outcome of Lloyd's iterations. */
  public record Result(double[][] centroids, int[] labels, double inertia, int iterations) {}

  public static double[][] kMeansPlusPlus(double[][] x, int k, RandomGenerator rng) {
    checkPoints(x, "x");
    Objects.requireNonNull(rng, "rng");
    int n = x.length;
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
    }
    double[][] centres = new double[k][];
    centres[0] = x[rng.nextInt(n)].clone();
    double[] nearest = new double[n];
    for (int i = 0; i < n; i++) {
      nearest[i] = squaredDistance(x[i], centres[0]);
    }
    for (int c = 1; c < k; c++) {
      double total = 0;
      int lastPositive = -1;
      for (int i = 0; i < n; i++) {
        total += nearest[i];
        if (nearest[i] > 0) {
          lastPositive = i;
        }
      }
      if (lastPositive < 0) {
        throw new IllegalArgumentException("k = " + k + " but x has only " + c + " distinct points");
      }
      double u = rng.nextDouble() * total;
      int chosen = lastPositive;
      double cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += nearest[i];
        if (cumulative > u) {
          chosen = i;
          break;
        }
      }
      centres[c] = x[chosen].clone();
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], squaredDistance(x[i], centres[c]));
      }
    }
    return centres;
  }

  public static int[] assign(double[][] x, double[][] centroids) {
    int d = checkPoints(x, "x");
    checkCentroids(centroids, d);
    int[] labels = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      labels[i] = nearest(x[i], centroids);
    }
    return labels;
  }

  public static double inertia(double[][] x, double[][] centroids, int[] labels) {
    int d = checkPoints(x, "x");
    checkCentroids(centroids, d);
    Objects.requireNonNull(labels, "labels");
    if (labels.length != x.length) {
      throw new IllegalArgumentException("labels has " + labels.length + " values but x has " + x.length + " rows");
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      if (labels[i] < 0 || labels[i] >= centroids.length) {
        throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + ", not a centroid index");
      }
      sum += squaredDistance(x[i], centroids[labels[i]]);
    }
    return sum;
  }

  public static Result lloyd(double[][] x, double[][] centroids, int maxIter) {
    int d = checkPoints(x, "x");
    checkCentroids(centroids, d);
    if (maxIter < 1) {
      throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
    }
    int k = centroids.length;
    double[][] current = new double[k][];
    for (int c = 0; c < k; c++) {
      current[c] = centroids[c].clone();
    }
    int[] previous = null;
    int iterations = 0;
    while (iterations < maxIter) {
      iterations++;
      int[] labels = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        labels[i] = nearest(x[i], current);
      }
      double[][] sums = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < x.length; i++) {
        counts[labels[i]]++;
        for (int j = 0; j < d; j++) {
          sums[labels[i]][j] += x[i][j];
        }
      }
      boolean moved = false;
      for (int c = 0; c < k; c++) {
        if (counts[c] == 0) {
          continue; // an empty cluster keeps its centroid
        }
        for (int j = 0; j < d; j++) {
          double mean = sums[c][j] / counts[c];
          moved |= mean != current[c][j];
          current[c][j] = mean;
        }
      }
      if (!moved || Arrays.equals(labels, previous)) {
        break;
      }
      previous = labels;
    }
    int[] labels = new int[x.length];
    double inertia = 0;
    for (int i = 0; i < x.length; i++) {
      labels[i] = nearest(x[i], current);
      inertia += squaredDistance(x[i], current[labels[i]]);
    }
    return new Result(current, labels, inertia, iterations);
  }

  /** The index of the centroid nearest to {@code point}, the lowest index on ties. */
  private static int nearest(double[] point, double[][] centroids) {
    int best = 0;
    double bestDistance = squaredDistance(point, centroids[0]);
    for (int c = 1; c < centroids.length; c++) {
      double dist = squaredDistance(point, centroids[c]);
      if (dist < bestDistance) {
        best = c;
        bestDistance = dist;
      }
    }
    return best;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }

  private static int checkPoints(double[][] x, String name) {
    Objects.requireNonNull(x, name);
    if (x.length == 0) {
      throw new IllegalArgumentException(name + " has no rows");
    }
    int d = x[0] == null ? 0 : x[0].length;
    for (int i = 0; i < x.length; i++) {
      Objects.requireNonNull(x[i], name + "[" + i + "]");
      if (x[i].length == 0 || x[i].length != d) {
        throw new IllegalArgumentException(name + "[" + i + "] has " + x[i].length + " values; every row needs the "
            + "same positive number of features");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + x[i][j] + "; values must be finite");
        }
      }
    }
    return d;
  }

  private static void checkCentroids(double[][] centroids, int d) {
    int dc = checkPoints(centroids, "centroids");
    if (dc != d) {
      throw new IllegalArgumentException("centroids have " + dc + " features but x has " + d);
    }
  }
}

package mlkata.grader.models;

import java.util.random.RandomGenerator;

/** What {@link KMeansSpec} needs of the code under test, in the grader's own types. */
interface KMeansApi {
  record Result(double[][] centroids, int[] labels, double inertia, int iterations) {}

  double[][] kMeansPlusPlus(double[][] x, int k, RandomGenerator rng);

  int[] assign(double[][] x, double[][] centroids);

  double inertia(double[][] x, double[][] centroids, int[] labels);

  Result lloyd(double[][] x, double[][] centroids, int maxIter);
}

package mlkata.grader.models;

import java.util.random.RandomGenerator;
import mlkata.exercises.models.KMeans;

/** Binds {@link KMeansSpec} to the learner's {@code KMeans}; the build writes the twin for the solution. */
final class KMeansOfExercises implements KMeansApi {
  @Override
  public double[][] kMeansPlusPlus(double[][] x, int k, RandomGenerator rng) {
    return KMeans.kMeansPlusPlus(x, k, rng);
  }

  @Override
  public int[] assign(double[][] x, double[][] centroids) {
    return KMeans.assign(x, centroids);
  }

  @Override
  public double inertia(double[][] x, double[][] centroids, int[] labels) {
    return KMeans.inertia(x, centroids, labels);
  }

  @Override
  public Result lloyd(double[][] x, double[][] centroids, int maxIter) {
    KMeans.Result r = KMeans.lloyd(x, centroids, maxIter);
    return r == null ? null : new Result(r.centroids(), r.labels(), r.inertia(), r.iterations());
  }
}

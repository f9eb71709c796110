package mlkata.grader.models;

import mlkata.exercises.models.Pca;

/** Binds {@link PcaSpec} to the learner's {@code Pca}; the build writes the twin for the solution. */
final class PcaOfExercises implements PcaApi {
  @Override
  public double[][] covariance(double[][] x) {
    return Pca.covariance(x);
  }

  @Override
  public Eigenpair dominantEigenpair(double[][] matrix) {
    Pca.Eigenpair e = Pca.dominantEigenpair(matrix);
    return e == null ? null : new Eigenpair(e.value(), e.vector());
  }

  @Override
  public Fit fit(double[][] x, int k) {
    Pca.Fit f = Pca.fit(x, k);
    return f == null ? null : new Fit(f.mean(), f.components(), f.explainedVariance(), f.explainedVarianceRatio());
  }

  @Override
  public double[][] transform(Fit fit, double[][] x) {
    Pca.Fit f = fit == null ? null
        : new Pca.Fit(fit.mean(), fit.components(), fit.explainedVariance(), fit.explainedVarianceRatio());
    return Pca.transform(f, x);
  }
}

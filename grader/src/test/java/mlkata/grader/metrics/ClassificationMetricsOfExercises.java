package mlkata.grader.metrics;

import mlkata.exercises.metrics.ClassificationMetrics;

/** Binds {@link ClassificationMetricsSpec} to the learner's {@code ClassificationMetrics}; the build writes the twin. */
final class ClassificationMetricsOfExercises implements ClassificationMetricsApi {
  @Override
  public int[][] confusionMatrix(int[] yTrue, int[] yPred, int numClasses) {
    return ClassificationMetrics.confusionMatrix(yTrue, yPred, numClasses);
  }

  @Override
  public PerClass perClass(int[] yTrue, int[] yPred, int numClasses, double beta, double zeroDivision) {
    ClassificationMetrics.PerClass p = ClassificationMetrics.perClass(yTrue, yPred, numClasses, beta, zeroDivision);
    return p == null ? null : new PerClass(p.precision(), p.recall(), p.fScore(), p.support());
  }

  @Override
  public Averaged averaged(int[] yTrue, int[] yPred, int numClasses, double beta, Average average,
      double zeroDivision) {
    ClassificationMetrics.Averaged a = ClassificationMetrics.averaged(yTrue, yPred, numClasses, beta,
        average == null ? null : ClassificationMetrics.Average.valueOf(average.name()), zeroDivision);
    return a == null ? null : new Averaged(a.precision(), a.recall(), a.fScore());
  }
}

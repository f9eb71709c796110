// Generated from PsiOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.drift;

import mlkata.solutions.drift.Psi;

/** Binds {@link PsiSpec} to the learner's {@code Psi}; the build writes the twin for the solution. */
final class PsiOfSolutions implements PsiApi {
  @Override
  public double[] proportions(double[] values, double[] cuts) {
    return Psi.proportions(values, cuts);
  }

  @Override
  public double psi(double[] expected, double[] actual, double[] cuts, double epsilon) {
    return Psi.psi(expected, actual, cuts, epsilon);
  }

  @Override
  public double klDivergence(double[] p, double[] q) {
    return Psi.klDivergence(p, q);
  }

  @Override
  public double jensenShannonDistance(double[] p, double[] q) {
    return Psi.jensenShannonDistance(p, q);
  }
}

// Generated from CrossEntropyOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.losses;

import mlkata.solutions.losses.CrossEntropy;

/** Binds {@link CrossEntropySpec} to the learner's {@code CrossEntropy}; the build writes the twin for the solution. */
final class CrossEntropyOfSolutions implements CrossEntropyApi {
  @Override
  public double[] losses(double[][] logits, int[] targets, double[] weight, double labelSmoothing) {
    return CrossEntropy.losses(logits, targets, weight, labelSmoothing);
  }

  @Override
  public double loss(double[][] logits, int[] targets, double[] weight, double labelSmoothing, Reduction reduction) {
    return CrossEntropy.loss(logits, targets, weight, labelSmoothing, convert(reduction));
  }

  @Override
  public double[][] gradient(double[][] logits, int[] targets, double[] weight, double labelSmoothing,
      Reduction reduction) {
    return CrossEntropy.gradient(logits, targets, weight, labelSmoothing, convert(reduction));
  }

  private static CrossEntropy.Reduction convert(Reduction reduction) {
    return reduction == null ? null : CrossEntropy.Reduction.valueOf(reduction.name());
  }
}

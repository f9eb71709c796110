package mlkata.grader.runner;

/**
 * The picture of one kata ({@code kata show}): a class named like the spec with {@code Picture} for
 * {@code Spec} ({@code mlkata.grader.metrics.RocAucPicture}), public, with a public no-argument
 * constructor. It computes the reference's result and, through {@link Figure#learner}, the learner's on
 * a fixed input chosen to show the kata's classic mistakes.
 */
public interface KataPicture {
  Figure draw();

  /**
   * The same picture on {@code input}, the smallest value the grader's property {@code property} found
   * failing for the learner's code (a value of that property's generator, {@code mlkata.grader.support.Counterexamples});
   * null when this picture cannot draw a value of that type or shape. The default draws none.
   */
  default Figure drawFailing(String property, Object input) {
    return null;
  }
}

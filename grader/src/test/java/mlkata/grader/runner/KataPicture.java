package mlkata.grader.runner;

/**
 * The picture of one kata ({@code kata show}): a class named like the spec with {@code Picture} for
 * {@code Spec} ({@code mlkata.grader.metrics.RocAucPicture}), public, with a public no-argument
 * constructor. It computes the reference's result and, through {@link Figure#learner}, the learner's on
 * a fixed input chosen to show the kata's classic mistakes.
 */
public interface KataPicture {
  Figure draw();
}

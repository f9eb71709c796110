package mlkata.grader.layers;

/**
 * What {@link MlpBackpropSpec} needs of the code under test, in the grader's own types. The kata's
 * {@code Cache} is the learner's own record: the grader carries it as an opaque {@code Object}.
 */
interface MlpBackpropApi {
  /** The grader's copy of the kata's forward result, the cache kept opaque. */
  record Forward(double loss, double[][] preActivation, double[][] hidden, double[][] logits, Object cache) {}

  /** The grader's copy of the kata's gradients record. */
  record Gradients(double[][] dW1, double[] db1, double[][] dW2, double[] db2, double[][] dx) {}

  Forward forward(double[][] x, int[] targets, double[][] w1, double[] b1, double[][] w2, double[] b2);

  /** {@code cache} must come from this same binding's {@link #forward} (or be null). */
  Gradients backward(Object cache);
}

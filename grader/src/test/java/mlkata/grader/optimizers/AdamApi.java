package mlkata.grader.optimizers;

/** What {@link AdamSpec} needs of the code under test, in the grader's own types. */
interface AdamApi {
  /** The grader's copy of the kata's hyperparameter record. */
  record Config(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled, boolean amsgrad) {}

  /** The grader's copy of the kata's state record. */
  record State(double[] m, double[] v, double[] vMax, int step) {}

  /** The grader's copy of the kata's step result. */
  record Step(double[] params, State state) {}

  Step step(double[] params, double[] grads, State state, Config config);

  State initial(int size);

  Config defaults();

  Config adamW();
}

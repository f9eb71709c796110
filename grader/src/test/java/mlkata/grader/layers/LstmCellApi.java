package mlkata.grader.layers;

/** What {@link LstmCellSpec} needs of the code under test, in the grader's own types. */
interface LstmCellApi {
  /** The grader's copy of the kata's parameter record. */
  record Weights(double[][] weightIh, double[][] weightHh, double[] biasIh, double[] biasHh) {}

  /** The grader's copy of the LSTM's next state. */
  record LstmState(double[][] h, double[][] c) {}

  /** The grader's copy of the LSTM gradients. */
  record LstmGradients(double[][] dx, double[][] dh, double[][] dc, Weights dWeights) {}

  /** The grader's copy of the GRU gradients. */
  record GruGradients(double[][] dx, double[][] dh, Weights dWeights) {}

  LstmState lstmForward(double[][] x, double[][] h, double[][] c, Weights weights);

  LstmGradients lstmBackward(double[][] x, double[][] h, double[][] c, Weights weights, double[][] dhNext,
      double[][] dcNext);

  double[][] gruForward(double[][] x, double[][] h, Weights weights);

  GruGradients gruBackward(double[][] x, double[][] h, Weights weights, double[][] dhNext);
}

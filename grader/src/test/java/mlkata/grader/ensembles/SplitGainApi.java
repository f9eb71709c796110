package mlkata.grader.ensembles;

/** What {@link SplitGainSpec} needs of the code under test, in the grader's own types. */
interface SplitGainApi {
  /** The grader's copy of the kata's loss enum. */
  enum Loss {
    SQUARED_ERROR,
    LOGISTIC
  }

  /** The grader's copy of the kata's parameter record. */
  record Params(double lambda, double alpha, double gamma, double minChildWeight) {}

  /** The grader's copy of the kata's gradient/hessian record. */
  record GradHess(double[] grad, double[] hess) {}

  /** The grader's copy of the kata's split record. */
  record Split(boolean found, double threshold, double gain, double leftWeight, double rightWeight) {}

  GradHess gradients(Loss loss, double[] margin, double[] labels);

  double leafWeight(double sumGrad, double sumHess, Params params);

  double gain(double gradLeft, double hessLeft, double gradRight, double hessRight, Params params);

  Split bestSplit(double[] feature, double[] grad, double[] hess, Params params);

  double[] predict(Split split, double[] feature);
}

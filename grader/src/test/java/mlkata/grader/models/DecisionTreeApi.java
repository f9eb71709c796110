package mlkata.grader.models;

/** What {@link DecisionTreeSpec} needs of the code under test, in the grader's own types. */
interface DecisionTreeApi {
  enum Criterion {
    GINI,
    ENTROPY,
    SQUARED_ERROR
  }

  /** The grader's copy of the kata's growth limits. */
  record Params(Criterion criterion, int maxDepth, int minSamplesSplit, int minSamplesLeaf) {}

  /** The grader's copy of the kata's split record. */
  record Split(int feature, double threshold, double decrease) {}

  /** The grader's copy of the kata's node record. */
  record Node(int feature, double threshold, int left, int right, int samples, double impurity, double[] value) {}

  /** The grader's copy of the kata's tree record. */
  record Tree(Criterion criterion, Node[] nodes) {}

  double impurity(double[] y, Criterion criterion);

  double impurityDecrease(double[] left, double[] right, Criterion criterion);

  Split bestSplit(double[][] x, double[] y, Criterion criterion, int minSamplesLeaf);

  Tree fit(double[][] x, double[] y, Params params);

  double[] predict(Tree tree, double[][] x);
}

// Generated from DecisionTreeOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.models;

import mlkata.solutions.models.DecisionTree;

/** Binds {@link DecisionTreeSpec} to the learner's {@code DecisionTree}; the build writes the twin for the solution. */
final class DecisionTreeOfSolutions implements DecisionTreeApi {
  @Override
  public double impurity(double[] y, Criterion criterion) {
    return DecisionTree.impurity(y, criterion(criterion));
  }

  @Override
  public double impurityDecrease(double[] left, double[] right, Criterion criterion) {
    return DecisionTree.impurityDecrease(left, right, criterion(criterion));
  }

  @Override
  public Split bestSplit(double[][] x, double[] y, Criterion criterion, int minSamplesLeaf) {
    DecisionTree.Split s = DecisionTree.bestSplit(x, y, criterion(criterion), minSamplesLeaf);
    return s == null ? null : new Split(s.feature(), s.threshold(), s.decrease());
  }

  @Override
  public Tree fit(double[][] x, double[] y, Params params) {
    DecisionTree.Params p = params == null ? null
        : new DecisionTree.Params(criterion(params.criterion()), params.maxDepth(), params.minSamplesSplit(),
            params.minSamplesLeaf());
    DecisionTree.Tree t = DecisionTree.fit(x, y, p);
    if (t == null) {
      return null;
    }
    DecisionTree.Node[] nodes = t.nodes();
    Node[] out = nodes == null ? null : new Node[nodes.length];
    for (int i = 0; out != null && i < out.length; i++) {
      DecisionTree.Node n = nodes[i];
      out[i] = n == null ? null
          : new Node(n.feature(), n.threshold(), n.left(), n.right(), n.samples(), n.impurity(), n.value());
    }
    return new Tree(t.criterion() == null ? null : Criterion.valueOf(t.criterion().name()), out);
  }

  @Override
  public double[] predict(Tree tree, double[][] x) {
    DecisionTree.Tree t = null;
    if (tree != null) {
      DecisionTree.Node[] nodes = tree.nodes() == null ? null : new DecisionTree.Node[tree.nodes().length];
      for (int i = 0; nodes != null && i < nodes.length; i++) {
        Node n = tree.nodes()[i];
        nodes[i] = n == null ? null
            : new DecisionTree.Node(n.feature(), n.threshold(), n.left(), n.right(), n.samples(), n.impurity(), n.value());
      }
      t = new DecisionTree.Tree(criterion(tree.criterion()), nodes);
    }
    return DecisionTree.predict(t, x);
  }

  private static DecisionTree.Criterion criterion(Criterion c) {
    return c == null ? null : DecisionTree.Criterion.valueOf(c.name());
  }
}

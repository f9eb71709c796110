package mlkata.grader.ensembles;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;

/** Generators for the ensembles topic: one tree node (feature, gradients, hessians) and its parameters. */
final class EnsemblesGens {
  private EnsemblesGens() {}

  /** A node's samples and the parameters to split it with; {@code toString} prints everything. */
  record Node(double[] feature, double[] grad, double[] hess, SplitGainApi.Params params) {
    int size() {
      return feature.length;
    }

    @Override
    public String toString() {
      return "feature=" + Arrays.toString(feature) + ", grad=" + Arrays.toString(grad) + ", hess="
          + Arrays.toString(hess) + ", " + params;
    }
  }

  /** Parameters from small grids, zero included for each. */
  static Gen<SplitGainApi.Params> params() {
    Gen<Double> lambda = integers().between(0, 3).map(i -> new double[] {0, 0.5, 1, 4}[i]);
    Gen<Double> alpha = integers().between(0, 3).map(i -> new double[] {0, 0, 0.25, 1}[i]);
    Gen<Double> gamma = integers().between(0, 3).map(i -> new double[] {0, 0, 0.5, 2}[i]);
    Gen<Double> mcw = integers().between(0, 3).map(i -> new double[] {0, 0.5, 1, 2}[i]);
    return lambda.zip(alpha, gamma, mcw, SplitGainApi.Params::new);
  }

  /**
   * Nodes of {@code minSize..maxSize} samples. With {@code dyadic}, every value is a small multiple of
   * 1/8, so every sum is exact and equal gains are exactly equal whatever the summation order;
   * otherwise continuous values are mixed in.
   */
  static Gen<Node> nodes(int minSize, int maxSize, boolean dyadic) {
    Gen<Double> x = integers().between(-12, 12).map(i -> i / 4.0);
    Gen<Double> g = integers().between(-32, 32).map(i -> i / 8.0);
    Gen<Double> h = integers().between(0, 16).map(i -> i / 8.0);
    if (!dyadic) {
      // Hessians stay positive here: a child whose hessians are all 0 has H == 0 exactly only when the
      // sums are exact, and continuous sums taken in another order are not.
      x = doubles().between(-100, 100).mix(x, 60);
      g = doubles().between(-10, 10).mix(g, 60);
      h = doubles().between(0.01, 3).mix(integers().between(1, 16).map(i -> i / 8.0), 60);
    }
    Gen<List<double[]>> rows = lists().of(x.zip(g, h, (a, b, c) -> new double[] {a, b, c}))
        .ofSizeBetween(minSize, maxSize);
    return rows.zip(params(), EnsemblesGens::toNode);
  }

  private static Node toNode(List<double[]> rows, SplitGainApi.Params params) {
    int n = rows.size();
    double[] x = new double[n];
    double[] g = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i)[0];
      g[i] = rows.get(i)[1];
      h[i] = rows.get(i)[2];
    }
    return new Node(x, g, h, params);
  }

  /** Four child sums (G_L, H_L, G_R, H_R), hessians {@code >= 0}, mostly continuous. */
  static Gen<double[]> childSums() {
    Gen<Double> g = doubles().between(-50, 50).mix(integers().between(-8, 8).map(i -> i / 2.0), 30);
    Gen<Double> h = doubles().between(0, 40).mix(integers().between(0, 8).map(i -> i / 2.0), 30);
    return g.zip(h, g, h, (a, b, c, d) -> new double[] {a, b, c, d});
  }

}

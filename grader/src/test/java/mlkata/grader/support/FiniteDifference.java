package mlkata.grader.support;

import java.util.function.Function;

/** Central finite differences, the independent oracle for every backward pass. */
public final class FiniteDifference {
  private FiniteDifference() {}

  /**
   * The gradient of a scalar function by central differences, {@code (f(x+h) - f(x-h)) / 2h} per
   * coordinate; truncation error O(h^2). {@code x} is restored before returning.
   */
  public static double[] gradient(Function<double[], Double> f, double[] x, double h) {
    double[] point = x.clone();
    double[] grad = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double saved = point[k];
      point[k] = saved + h;
      double up = f.apply(point);
      point[k] = saved - h;
      double down = f.apply(point);
      point[k] = saved;
      grad[k] = (up - down) / (2 * h);
    }
    return grad;
  }
}

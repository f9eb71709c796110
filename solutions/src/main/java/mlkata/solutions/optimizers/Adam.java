package mlkata.solutions.optimizers;

import java.util.Objects;

/**
 * Reference solution: one step of Adam / AdamW with PyTorch 1.13's semantics ({@code torch.optim.Adam}
 * and {@code torch.optim.AdamW}, the single-tensor path), written as a pure function of the parameters,
 * the gradients, the optimizer state and the hyperparameters.
 *
 * <p>The arithmetic follows torch's order: {@code step_size = lr / (1 - beta1^t)} and
 * {@code denom = sqrt(v) / sqrt(1 - beta2^t) + eps}, then {@code p - step_size * m / denom}. One pass over
 * the coordinates, O(n) time and O(n) memory for the new arrays.
 */
public final class Adam {
  private Adam() {}

  /** Hyperparameters of one Adam or AdamW step. */
  public record Config(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled, boolean amsgrad) {

    /** torch.optim.Adam's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static Config defaults() {
      return new Config(1e-3, 0.9, 0.999, 1e-8, 0.0, false, false);
    }

    /** torch.optim.AdamW's defaults: as Adam, with decoupled weight decay 1e-2. */
    public static Config adamW() {
      return new Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, true, false);
    }
  }

  /** Optimizer state: first moment, second moment, running maximum of the second moment, steps taken. */
  public record State(double[] m, double[] v, double[] vMax, int step) {

    /** The state before the first step: zero moments, zero steps. */
    public static State initial(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("size must be >= 0, got " + size);
      }
      return new State(new double[size], new double[size], new double[size], 0);
    }
  }

  /** The result of one step: the new parameters and the new state. */
  public record Step(double[] params, State state) {}

  public static Step step(double[] params, double[] grads, State state, Config config) {
    validate(params, grads, state, config);
    int n = params.length;
    int t = state.step() + 1;
    double lr = config.lr();
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double wd = config.weightDecay();
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));

    double[] p = new double[n];
    double[] m = new double[n];
    double[] v = new double[n];
    double[] vMax = state.vMax().clone();
    for (int i = 0; i < n; i++) {
      double g = grads[i];
      double param = params[i];
      if (config.decoupled()) {
        param *= 1 - lr * wd;
      } else {
        g += wd * param;
      }
      m[i] = state.m()[i] * beta1 + g * (1 - beta1);
      v[i] = state.v()[i] * beta2 + g * g * (1 - beta2);
      double second = v[i];
      if (config.amsgrad()) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      double denom = Math.sqrt(second) / bias2Sqrt + config.eps();
      p[i] = param - stepSize * m[i] / denom;
    }
    return new Step(p, new State(m, v, vMax, t));
  }

  private static void validate(double[] params, double[] grads, State state, Config config) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(grads, "grads");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(state.m(), "state.m");
    Objects.requireNonNull(state.v(), "state.v");
    Objects.requireNonNull(state.vMax(), "state.vMax");
    int n = params.length;
    if (grads.length != n) {
      throw new IllegalArgumentException("grads has length " + grads.length + " but params has length " + n);
    }
    if (state.m().length != n || state.v().length != n || state.vMax().length != n) {
      throw new IllegalArgumentException("state arrays have lengths " + state.m().length + ", " + state.v().length
          + ", " + state.vMax().length + " but params has length " + n);
    }
    if (state.step() < 0 || state.step() == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("state.step must be in [0, Integer.MAX_VALUE), got " + state.step());
    }
    requireNonNegative("config.lr", config.lr());
    requireBeta("config.beta1", config.beta1());
    requireBeta("config.beta2", config.beta2());
    requireNonNegative("config.eps", config.eps());
    requireNonNegative("config.weightDecay", config.weightDecay());
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(params[i])) {
        throw new IllegalArgumentException("params[" + i + "] is " + params[i] + "; params must be finite");
      }
      if (!Double.isFinite(grads[i])) {
        throw new IllegalArgumentException("grads[" + i + "] is " + grads[i] + "; grads must be finite");
      }
      if (!Double.isFinite(state.m()[i])) {
        throw new IllegalArgumentException("state.m[" + i + "] is " + state.m()[i] + "; it must be finite");
      }
      if (!(state.v()[i] >= 0) || state.v()[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("state.v[" + i + "] is " + state.v()[i] + "; it must be finite and >= 0");
      }
      if (!(state.vMax()[i] >= 0) || state.vMax()[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "state.vMax[" + i + "] is " + state.vMax()[i] + "; it must be finite and >= 0");
      }
    }
  }

  private static void requireNonNegative(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
  }

  private static void requireBeta(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }
}

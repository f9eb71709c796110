package mlkata.solutions.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reference solution: next-token selection with Hugging Face's logits-warper semantics (temperature,
 * top-k keeping ties at the k-th value, top-p on the ascending cumulative softmax) and beam search with
 * HF's length penalty over a step function.
 */
public final class Decoding {
  private Decoding() {}

  /** A finished beam-search hypothesis: generated tokens (with the EOS token if it ended on one). */
  public record Hypothesis(int[] tokens, double logProb, double score) {}

  public static int greedy(double[] logits) {
    check(logits);
    int best = 0;
    for (int j = 1; j < logits.length; j++) {
      if (logits[j] > logits[best]) {
        best = j;
      }
    }
    return best;
  }

  public static double[] temperature(double[] logits, double temperature) {
    check(logits);
    if (!Double.isFinite(temperature) || temperature <= 0) {
      throw new IllegalArgumentException("temperature is " + temperature + "; it must be finite and positive");
    }
    double[] out = new double[logits.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = logits[j] / temperature;
    }
    return out;
  }

  public static double[] topK(double[] logits, int k) {
    check(logits);
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + "; it must be at least 1");
    }
    int keep = Math.min(k, logits.length);
    double[] sorted = logits.clone();
    Arrays.sort(sorted);
    double kth = sorted[sorted.length - keep];
    double[] out = logits.clone();
    for (int j = 0; j < out.length; j++) {
      if (out[j] < kth) {
        out[j] = Double.NEGATIVE_INFINITY;
      }
    }
    return out;
  }

  public static double[] topP(double[] logits, double topP) {
    check(logits);
    if (!(topP >= 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP is " + topP + "; it must be in [0, 1]");
    }
    int n = logits.length;
    double[] p = softmax(logits);
    // Ascending by logit; among equal logits the higher id first (it counts as the less probable).
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> logits[j]).thenComparing(j -> -j));
    double[] out = logits.clone();
    double cumulative = 0;
    for (int r = 0; r < n - 1; r++) { // the last (most probable) token is always kept
      int j = order[r];
      cumulative += p[j];
      if (cumulative <= 1 - topP) {
        out[j] = Double.NEGATIVE_INFINITY;
      }
    }
    return out;
  }

  public static int sample(double[] logits, double u) {
    check(logits);
    if (!(u >= 0 && u < 1)) {
      throw new IllegalArgumentException("u is " + u + "; it must be in [0, 1)");
    }
    double[] p = softmax(logits);
    double cdf = 0;
    int last = -1;
    for (int j = 0; j < p.length; j++) {
      if (p[j] > 0) {
        cdf += p[j];
        last = j;
        if (u < cdf) {
          return j;
        }
      }
    }
    return last; // rounding left the total just below u: the last token of positive probability
  }

  public static List<Hypothesis> beamSearch(Function<int[], double[]> step, int beamWidth, int maxLength,
      int eosToken, double lengthPenalty) {
    Objects.requireNonNull(step, "step");
    if (beamWidth < 1) {
      throw new IllegalArgumentException("beamWidth is " + beamWidth + "; it must be at least 1");
    }
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength is " + maxLength + "; it must be at least 1");
    }
    if (eosToken < 0) {
      throw new IllegalArgumentException("eosToken is " + eosToken + "; it must be a token id >= 0");
    }
    if (!Double.isFinite(lengthPenalty)) {
      throw new IllegalArgumentException("lengthPenalty is " + lengthPenalty + "; it must be finite");
    }
    List<Hypothesis> finished = new ArrayList<>();
    List<int[]> beams = new ArrayList<>();
    List<Double> sums = new ArrayList<>();
    beams.add(new int[0]);
    sums.add(0.0);
    int vocab = -1;
    for (int length = 1; length <= maxLength && !beams.isEmpty(); length++) {
      List<double[]> candidates = new ArrayList<>(); // {total, beam, token}
      for (int b = 0; b < beams.size(); b++) {
        double[] lp = step.apply(beams.get(b).clone());
        if (lp == null || lp.length == 0 || (vocab >= 0 && lp.length != vocab)) {
          throw new IllegalArgumentException("step returned " + (lp == null ? "null" : lp.length + " log-probabilities")
              + "; it must return the same positive number every time");
        }
        vocab = lp.length;
        if (eosToken >= vocab) {
          throw new IllegalArgumentException("eosToken is " + eosToken + " but the vocabulary has " + vocab + " tokens");
        }
        for (int t = 0; t < vocab; t++) {
          if (Double.isNaN(lp[t]) || lp[t] == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("step returned " + lp[t] + " for token " + t + "; log-probabilities must be"
                + " finite or -Infinity");
          }
          double total = sums.get(b) + lp[t];
          if (total != Double.NEGATIVE_INFINITY) {
            candidates.add(new double[] {total, b, t});
          }
        }
      }
      candidates.sort(Comparator.<double[]>comparingDouble(c -> -c[0]).thenComparingDouble(c -> c[1])
          .thenComparingDouble(c -> c[2]));
      List<int[]> nextBeams = new ArrayList<>();
      List<Double> nextSums = new ArrayList<>();
      for (int rank = 0; rank < candidates.size() && nextBeams.size() < beamWidth; rank++) {
        double[] c = candidates.get(rank);
        int[] prefix = beams.get((int) c[1]);
        int[] tokens = Arrays.copyOf(prefix, prefix.length + 1);
        tokens[prefix.length] = (int) c[2];
        if ((int) c[2] == eosToken) {
          if (rank < beamWidth) {
            offer(finished, tokens, c[0], lengthPenalty, beamWidth);
          }
        } else {
          nextBeams.add(tokens);
          nextSums.add(c[0]);
        }
      }
      beams = nextBeams;
      sums = nextSums;
    }
    for (int b = 0; b < beams.size(); b++) { // still alive at maxLength
      offer(finished, beams.get(b), sums.get(b), lengthPenalty, beamWidth);
    }
    return finished;
  }

  /** Adds a hypothesis to the best-first list of at most {@code width} when it beats the worst (or there is room). */
  private static void offer(List<Hypothesis> finished, int[] tokens, double sum, double lengthPenalty, int width) {
    double score = sum / Math.pow(tokens.length, lengthPenalty);
    if (finished.size() == width && !(score > finished.get(width - 1).score())) {
      return;
    }
    int at = finished.size();
    while (at > 0 && finished.get(at - 1).score() < score) {
      at--;
    }
    finished.add(at, new Hypothesis(tokens, sum, score));
    if (finished.size() > width) {
      finished.remove(width);
    }
  }

  private static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : logits) {
      max = Math.max(max, x);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int j = 0; j < p.length; j++) {
      p[j] = Math.exp(logits[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < p.length; j++) {
      p[j] /= sum;
    }
    return p;
  }

  /** Non-empty, no NaN or +Infinity, at least one finite entry. */
  private static void check(double[] logits) {
    Objects.requireNonNull(logits, "logits");
    boolean anyFinite = false;
    for (int j = 0; j < logits.length; j++) {
      if (Double.isNaN(logits[j]) || logits[j] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("logits[" + j + "] is " + logits[j] + "; logits must be finite or -Infinity");
      }
      anyFinite |= logits[j] != Double.NEGATIVE_INFINITY;
    }
    if (!anyFinite) {
      throw new IllegalArgumentException("logits has no finite entry (length " + logits.length + "): no token to choose");
    }
  }
}

// Generated from DecodingOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mlkata.solutions.transformer.Decoding;

/** Binds {@link DecodingSpec} to the learner's {@code Decoding}; the build writes the twin for the solution. */
final class DecodingOfSolutions implements DecodingApi {
  @Override
  public int greedy(double[] logits) {
    return Decoding.greedy(logits);
  }

  @Override
  public double[] temperature(double[] logits, double temperature) {
    return Decoding.temperature(logits, temperature);
  }

  @Override
  public double[] topK(double[] logits, int k) {
    return Decoding.topK(logits, k);
  }

  @Override
  public double[] topP(double[] logits, double topP) {
    return Decoding.topP(logits, topP);
  }

  @Override
  public int sample(double[] logits, double u) {
    return Decoding.sample(logits, u);
  }

  @Override
  public List<Hypothesis> beamSearch(Function<int[], double[]> step, int beamWidth, int maxLength, int eosToken,
      double lengthPenalty) {
    List<Decoding.Hypothesis> found = Decoding.beamSearch(step, beamWidth, maxLength, eosToken, lengthPenalty);
    if (found == null) {
      return null;
    }
    List<Hypothesis> out = new ArrayList<>();
    for (Decoding.Hypothesis h : found) {
      out.add(h == null ? null : new Hypothesis(h.tokens(), h.logProb(), h.score()));
    }
    return out;
  }
}

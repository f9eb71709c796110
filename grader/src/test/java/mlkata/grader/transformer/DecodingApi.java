package mlkata.grader.transformer;

import java.util.List;
import java.util.function.Function;

/** What {@link DecodingSpec} needs of the code under test, in the grader's own types. */
interface DecodingApi {
  /** The grader's copy of the kata's finished hypothesis. */
  record Hypothesis(int[] tokens, double logProb, double score) {}

  int greedy(double[] logits);

  double[] temperature(double[] logits, double temperature);

  double[] topK(double[] logits, int k);

  double[] topP(double[] logits, double topP);

  int sample(double[] logits, double u);

  List<Hypothesis> beamSearch(Function<int[], double[]> step, int beamWidth, int maxLength, int eosToken,
      double lengthPenalty);
}

package mlkata.exercises.transformer;

import java.util.List;
import java.util.function.Function;

/**
 * <h2>Kata: greedy decoding, sampling filters and beam search</h2>
 *
 * <p>A language model gives, at each step, one score per vocabulary token (logits, or log-probabilities).
 * A decoder turns those scores into text: pick the best token (greedy), reshape and truncate the
 * distribution and draw from it (temperature, top-k, top-p sampling), or keep several partial
 * sequences alive and return the best complete ones (beam search). The semantics are those of Hugging
 * Face {@code transformers}' logits warpers and beam scorer, with the choices below pinned. Token ids are
 * array indices {@code 0 .. V-1}.
 *
 * <p><b>Greedy.</b> {@link #greedy} returns the id of the largest logit; among equal largest logits, the
 * lowest id.
 *
 * <p><b>Filters</b> return a new logits array in which removed tokens hold {@code -Infinity} (probability
 * 0 after a softmax) and kept tokens keep their value unchanged. They compose: HF applies temperature,
 * then top-k, then top-p.
 * <ul>
 *   <li>{@link #temperature}: every logit divided by {@code temperature > 0}. Below 1 sharpens the
 *       distribution, above 1 flattens it.
 *   <li>{@link #topK} ({@code TopKLogitsWarper}): let {@code v} be the k-th largest logit counting
 *       repeated values (the last value of a descending sort's first {@code k}); keep every token whose
 *       logit is {@code >= v}. Ties at the k-th value are therefore all kept, and more than {@code k}
 *       tokens may survive. A {@code k} above {@code V} keeps everything.
 *   <li>{@link #topP} ({@code TopPLogitsWarper}, nucleus): compute the softmax probabilities, order
 *       the tokens by <em>ascending</em> logit, accumulate the probabilities in that order, and remove
 *       every token whose running sum (its own probability included) is {@code <= 1 - topP}. The token
 *       with the largest logit is always kept ({@code min_tokens_to_keep = 1}). Among equal logits this
 *       kata pins the order that torch's unstable sort leaves open: the higher id counts as the less
 *       probable, so it comes first in the ascending order and is removed first. Compare the running sum
 *       with {@code 1 - topP} exactly as written: accumulating from the top and stopping at {@code topP}
 *       is the same in exact arithmetic, not in floating point. With {@code topP = 1} no token of
 *       positive probability is removed; with {@code topP = 0} only the top token survives.
 * </ul>
 *
 * <p><b>Sampling</b> ({@link #sample}) takes the uniform draw {@code u} in [0, 1) as an argument so that
 * it is reproducible: compute the softmax probabilities and return the smallest id {@code j} whose
 * cumulative probability {@code p_0 + ... + p_j} (accumulated in id order) is strictly greater than
 * {@code u} (inverse-CDF sampling). A token of probability 0 is never returned. If rounding leaves the
 * total below {@code u}, return the highest id of positive probability.
 *
 * <p><b>Beam search</b> ({@link #beamSearch}) asks {@code step} for the next-token log-probabilities of a
 * prefix (the tokens generated so far; the first call gets an empty array) and uses them as given (it
 * does not normalise them). A hypothesis' log-probability is the sum over its tokens. It starts from one
 * empty beam, and at each step {@code 1 .. maxLength}:
 * <ol>
 *   <li>every alive beam is extended by every token: candidate total = beam sum + log-probability;
 *       candidates whose total is {@code -Infinity} are dropped;
 *   <li>candidates are ranked by total, descending; ties by beam (the order of the alive beams) and then
 *       by token id, both ascending;
 *   <li>walking the ranking from rank 0: a candidate ending in {@code eosToken} becomes a finished
 *       hypothesis, but only if its rank is below {@code beamWidth} (HF's rule: an EOS that would not
 *       have made the beam is ignored); any other candidate becomes an alive beam of the next step,
 *       until {@code beamWidth} beams are alive. Finished hypotheses do not take beam slots.
 * </ol>
 * The search ends after step {@code maxLength} or when no beam is alive; beams still alive then are
 * finished as they are, without EOS, in their rank order. A finished hypothesis scores
 * {@code logProb / length^lengthPenalty}, where {@code length} counts the generated tokens <em>including
 * the EOS token</em> (as HF counts new tokens since version 4.35; there is no prompt here). The finished
 * pool keeps the {@code beamWidth} best by score: a hypothesis enters when the pool has room or its
 * score is strictly greater than the worst one's, which then leaves. The result lists the pool best
 * first; among equal scores, the one finished earlier first. HF's early-stopping heuristics can end the
 * search sooner; this kata always runs to the end (which can only improve the pool).
 *
 * <p><b>Non-finite values.</b> Logits may hold {@code -Infinity} (a token already removed) but not NaN or
 * {@code +Infinity}, and at least one must be finite ({@link IllegalArgumentException} otherwise). The
 * same holds for each array {@code step} returns, except that all of it may be {@code -Infinity}.
 *
 * <p><b>Complexity.</b> Greedy, temperature and sampling O(V); top-k O(V log V) (O(V log k) with a heap);
 * top-p O(V log V). Beam search: {@code maxLength * beamWidth} calls of {@code step} and
 * O(maxLength * beamWidth * V log(beamWidth * V)) for the ranking. Inputs are never modified.
 *
 * <p>Example: {@code greedy([1, 3, 3]) = 1}; {@code topK([1, 3, 3, 2], 2) = [-inf, 3, 3, -inf]};
 * with probabilities {@code [0.5, 0.3, 0.2]} (logits their logs), {@code topP(.., 0.7)} removes token 2
 * (running sum 0.2 <= 0.3) and keeps tokens 1 (0.5) and 0 (1.0); {@code sample(.., u = 0.6)} returns 1
 * (cumulative 0.5, 0.8, 1.0).
 */
public final class Decoding {
  private Decoding() {}

  /**
   * A finished beam-search hypothesis.
   *
   * @param tokens the generated tokens, ending with the EOS token unless the hypothesis reached
   *     {@code maxLength} without it
   * @param logProb the sum of the tokens' log-probabilities
   * @param score {@code logProb / tokens.length^lengthPenalty}
   */
  public record Hypothesis(int[] tokens, double logProb, double score) {}

  /**
   * The id of the largest logit, the lowest id among ties.
   *
   * @param logits one score per token, {@code -Infinity} allowed, at least one finite
   * @return the chosen token id
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} if it is empty, holds NaN or {@code +Infinity},
   *     or has no finite entry
   */
  public static int greedy(double[] logits) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.greedy");
  }

  /**
   * Divides every logit by the temperature.
   *
   * @param logits one score per token, {@code -Infinity} allowed, at least one finite
   * @param temperature finite and positive
   * @return a new array {@code logits[j] / temperature}
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} as in {@link #greedy}, or {@code temperature}
   *     when it is not finite and positive
   */
  public static double[] temperature(double[] logits, double temperature) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.temperature");
  }

  /**
   * Top-k filtering: keeps every logit {@code >=} the k-th largest, sets the others to {@code -Infinity}.
   *
   * @param logits one score per token, {@code -Infinity} allowed, at least one finite
   * @param k the number of tokens to keep, at least 1 (more survive on ties; above {@code V} keeps all)
   * @return a new filtered array
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} as in {@link #greedy}, or {@code k} when it is
   *     smaller than 1
   */
  public static double[] topK(double[] logits, int k) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.topK");
  }

  /**
   * Top-p (nucleus) filtering with Hugging Face's rule, as described in the class documentation.
   *
   * @param logits one score per token, {@code -Infinity} allowed, at least one finite
   * @param topP the probability mass to keep, in [0, 1]
   * @return a new filtered array
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} as in {@link #greedy}, or {@code topP} when it
   *     is NaN or outside [0, 1]
   */
  public static double[] topP(double[] logits, double topP) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.topP");
  }

  /**
   * Draws a token from {@code softmax(logits)} by inverse CDF in token-id order.
   *
   * @param logits one score per token, {@code -Infinity} allowed, at least one finite
   * @param u a uniform draw in [0, 1)
   * @return the smallest id whose cumulative probability exceeds {@code u}
   * @throws NullPointerException if {@code logits} is null
   * @throws IllegalArgumentException naming {@code logits} as in {@link #greedy}, or {@code u} when it is
   *     NaN or outside [0, 1)
   */
  public static int sample(double[] logits, double u) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.sample");
  }

  /**
   * Beam search with Hugging Face's EOS handling and length penalty.
   *
   * @param step the model: given a prefix of generated tokens (a fresh copy each call), the
   *     log-probabilities of the next token, always the same length {@code V >= 1}
   * @param beamWidth number of beams kept alive and of hypotheses returned, at least 1
   * @param maxLength the largest number of generated tokens (EOS included), at least 1
   * @param eosToken the end-of-sequence token id, in {@code 0 .. V-1}
   * @param lengthPenalty the exponent of the length in the score: 0 ranks by total log-probability,
   *     positive values favour longer hypotheses (log-probabilities are negative); finite
   * @return at most {@code beamWidth} finished hypotheses, best score first (empty when every candidate
   *     had log-probability {@code -Infinity})
   * @throws NullPointerException if {@code step} is null
   * @throws IllegalArgumentException naming {@code beamWidth}, {@code maxLength}, {@code eosToken} (negative
   *     or not below {@code V}) or {@code lengthPenalty} (not finite) when invalid, or naming {@code step}
   *     when it returns null, an empty array, arrays of different lengths, NaN or {@code +Infinity}
   */
  public static List<Hypothesis> beamSearch(Function<int[], double[]> step, int beamWidth, int maxLength,
      int eosToken, double lengthPenalty) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Decoding.beamSearch");
  }
}

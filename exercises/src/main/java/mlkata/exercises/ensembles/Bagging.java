package mlkata.exercises.ensembles;

import java.util.random.RandomGenerator;

/**
 * <h2>Kata: bagging by hand: bootstrap samples, out-of-bag estimates and voting</h2>
 *
 * <p>Bagging trains each member of an ensemble on its own bootstrap sample of the training set and
 * combines their votes. This kata leaves the members out (they can be any classifier) and builds the
 * parts around them. Classes are labels {@code 0 .. K-1}. The semantics are scikit-learn 1.2's
 * {@code BaggingClassifier} (with {@code oob_score=True}) and {@code VotingClassifier}.
 *
 * <p><b>Bootstrap sample</b> ({@link #bootstrapSample}). Draw {@code n} indices with replacement from
 * {@code 0 .. n-1}. So that a grader can replay your draw, make exactly {@code n} calls of
 * {@code rng.nextInt(n)}, one per position in order, and call nothing else on {@code rng}. (scikit-learn
 * draws with numpy's {@code randint}; only the distribution is the same, not the numbers.)
 *
 * <p><b>Out-of-bag indices</b> ({@link #outOfBagIndices}). The indices of {@code 0 .. n-1} that do not
 * appear in a sample, in ascending order. The sample may be shorter or longer than {@code n}
 * (scikit-learn's {@code max_samples}). On average a bootstrap of size {@code n} leaves out
 * {@code (1 - 1/n)^n}, about 36.8%, of the indices.
 *
 * <p><b>Hard voting</b> ({@link #hardVote}). {@code predictions[m][i]} is member {@code m}'s class
 * for sample {@code i}. Each sample gets the class with the most votes. A tie goes to the
 * <em>smallest</em> tied label, as in {@code VotingClassifier(voting="hard")}, which takes
 * {@code np.argmax} (first maximum) of the vote counts.
 *
 * <p><b>Soft voting</b> ({@link #softVote}). {@code probabilities[m][i][k]} is member {@code m}'s
 * probability of class {@code k} for sample {@code i}. The ensemble's row for sample {@code i} is the
 * weighted mean {@code sum_m w_m p_m[i] / sum_m w_m} ({@code VotingClassifier(voting="soft",
 * weights=w)}, which is {@code np.average}); equal weights give {@code BaggingClassifier.predict_proba}.
 * The predicted class is the argmax of that row, the smallest class on ties. A member with weight 0
 * takes no part.
 *
 * <p><b>Out-of-bag estimate</b> ({@link #outOfBag}), as {@code BaggingClassifier._set_oob_score}.
 * Member {@code m} was trained on the indices {@code samples[m]}, and {@code probabilities[m]} holds
 * its class probabilities for every training sample. For each sample {@code i}, add up the rows
 * {@code probabilities[m][i]} of the members for which {@code i} is out of bag (not in
 * {@code samples[m]}). Then
 * <ul>
 *   <li>{@code decision[i]} is that sum divided by its own total, which (rows summing to one) is the mean
 *       over those members: scikit-learn's {@code oob_decision_function_};
 *   <li>{@code predictions[i]} is the argmax of the sum, the smallest class on ties;
 *   <li>{@code score} is the fraction of samples with {@code predictions[i] == labels[i]}:
 *       {@code oob_score_}.
 * </ul>
 * <b>A sample that is never out of bag</b> (it is in every member's sample; likely with few members)
 * has no estimate. scikit-learn warns and carries on: its sum is all zeros, so its {@code decision}
 * row is {@code 0/0}, every entry NaN, and the argmax of the zero row is class 0. This kata does the
 * same: such a sample gets a NaN row, prediction 0, and still counts in the score (right if its label
 * is 0, wrong otherwise). Do not skip it and do not divide by zero elsewhere.
 *
 * <p><b>Non-finite values.</b> Probabilities must be finite and non-negative, and every row
 * {@code probabilities[m][i]} must sum to 1 within {@code 1e-9}; weights must be finite and
 * non-negative with a positive total. Anything else is rejected with
 * {@link IllegalArgumentException}. The only NaN ever returned is the row of a sample that is never out
 * of bag.
 *
 * <p><b>Complexity.</b> {@code bootstrapSample} O(n); {@code outOfBagIndices} O(n + sample length)
 * (an O(n^2) answer, such as searching the sample for every index, is too slow for the grader's
 * 200,000 indices); {@code hardVote} O(n (M + K)); {@code softVote} O(M n K); {@code outOfBag}
 * O(M (n K + sample length)), for M members, n samples and K classes. Do not modify the inputs.
 *
 * <p>Example. Two members, four samples, two classes. {@code samples = [[0, 0, 2, 3], [1, 1, 3, 3]]}
 * leaves sample 1 out of bag for member 0 and samples 0 and 2 for member 1; sample 3 is never out of
 * bag. With member 0's rows {@code [[.8, .2], [.4, .6], [.5, .5], [.1, .9]]}, member 1's rows
 * {@code [[.3, .7], [.6, .4], [.5, .5], [.2, .8]]} and labels {@code [1, 1, 0, 1]}: decision
 * {@code [[.3, .7], [.4, .6], [.5, .5], [NaN, NaN]]}, predictions {@code [1, 1, 0, 0]} (sample 2 ties,
 * class 0 wins; sample 3 has no estimate), score {@code 3/4}. Hard voting of
 * {@code [[0, 2, 1], [2, 2, 0]]} with three classes gives {@code [0, 2, 0]}.
 */
public final class Bagging {
  private Bagging() {}

  /**
   * The out-of-bag estimate: one row of class probabilities per sample ({@code decision}, NaN rows for
   * samples never out of bag), the predicted classes and the accuracy of those predictions.
   */
  public record OutOfBag(double[][] decision, int[] predictions, double score) {}

  /** A soft vote: the weighted mean probability rows, one per sample, and their argmax classes. */
  public record SoftVote(double[][] probabilities, int[] predictions) {}

  /**
   * Draws a bootstrap sample: {@code n} indices in {@code 0 .. n-1}, with replacement.
   *
   * @param n the number of samples to draw from, and to draw; 0 gives an empty sample
   * @param rng the source of randomness: exactly {@code n} calls of {@code rng.nextInt(n)}, in order
   * @return a new array whose element {@code j} is the result of the {@code j}-th call
   * @throws NullPointerException if {@code rng} is null
   * @throws IllegalArgumentException with a message naming {@code n} if {@code n} is negative
   */
  public static int[] bootstrapSample(int n, RandomGenerator rng) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Bagging.bootstrapSample");
  }

  /**
   * Lists the indices that a sample left out.
   *
   * @param sample drawn indices, each in {@code 0 .. n-1}, repeats allowed, any length
   * @param n the number of training samples
   * @return the indices of {@code 0 .. n-1} absent from {@code sample}, strictly ascending
   * @throws NullPointerException if {@code sample} is null
   * @throws IllegalArgumentException with a message naming {@code n} if it is negative, or
   *     {@code sample} if an index lies outside {@code 0 .. n-1}
   */
  public static int[] outOfBagIndices(int[] sample, int n) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Bagging.outOfBagIndices");
  }

  /**
   * Majority vote over the members' predicted classes, ties to the smallest label.
   *
   * @param predictions {@code predictions[m][i]}: member {@code m}'s class for sample {@code i}; at
   *     least one member, every member with the same number of samples (possibly zero)
   * @param numClasses the number of classes K, at least 1
   * @return a new array with the winning class of every sample
   * @throws NullPointerException if an argument or a row is null
   * @throws IllegalArgumentException with a message naming {@code numClasses} if it is below 1, or
   *     {@code predictions} if there are no members, the rows differ in length or a class lies outside
   *     {@code 0 .. K-1}
   */
  public static int[] hardVote(int[][] predictions, int numClasses) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Bagging.hardVote");
  }

  /**
   * Weighted mean of the members' class-probability rows, and its argmax.
   *
   * @param probabilities {@code probabilities[m][i][k]}: member {@code m}'s probability of class
   *     {@code k} for sample {@code i}; at least one member, all members {@code n x K} with
   *     {@code K >= 1} ({@code n} may be 0); each row finite, non-negative, summing to 1 within 1e-9
   * @param weights one weight per member, finite and non-negative, with a positive sum (all ones for
   *     a plain mean)
   * @return the {@code n x K} weighted mean rows (new arrays) and the argmax class of each row,
   *     smallest class on ties
   * @throws NullPointerException if an argument or a nested array is null
   * @throws IllegalArgumentException with a message naming {@code probabilities} (no members,
   *     shapes differ, {@code K == 0}, an invalid row) or {@code weights} (wrong length, negative or
   *     non-finite entry, zero sum)
   */
  public static SoftVote softVote(double[][][] probabilities, double[] weights) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Bagging.softVote");
  }

  /**
   * The out-of-bag decision function, predictions and accuracy, as {@code BaggingClassifier} with
   * {@code oob_score=True}.
   *
   * @param samples {@code samples[m]}: the training indices member {@code m} was fitted on (repeats
   *     allowed, any length), each in {@code 0 .. n-1}; at least one member
   * @param probabilities {@code probabilities[m][i][k]}: member {@code m}'s probability of class
   *     {@code k} for training sample {@code i}, every member {@code n x K} with {@code K >= 1}; each row
   *     finite, non-negative, summing to 1 within 1e-9
   * @param labels the true class of every training sample, each in {@code 0 .. K-1}; {@code n >= 1}
   * @return the {@code n x K} decision rows (NaN rows where no member left the sample out), the
   *     argmax predictions (0 for those samples) and the fraction predicted right
   * @throws NullPointerException if an argument or a nested array is null
   * @throws IllegalArgumentException with a message naming {@code samples} (no members, a count
   *     different from the number of probability matrices, an index outside {@code 0 .. n-1}),
   *     {@code probabilities} (a matrix not {@code n x K}, {@code K == 0}, an invalid row) or
   *     {@code labels} (empty, or a label outside {@code 0 .. K-1})
   */
  public static OutOfBag outOfBag(int[][] samples, double[][][] probabilities, int[] labels) {
    throw new UnsupportedOperationException("Not implemented yet: delete this line and implement Bagging.outOfBag");
  }
}

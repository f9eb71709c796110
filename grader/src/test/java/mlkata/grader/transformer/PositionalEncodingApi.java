package mlkata.grader.transformer;

/** What {@link PositionalEncodingSpec} needs of the code under test, in the grader's own types. */
interface PositionalEncodingApi {
  /** The grader's copy of the kata's pairing enum. */
  enum Pairing { INTERLEAVED, HALVES }

  double[][] sinusoidal(int length, int d);

  double[][] rotate(double[][] x, int[] positions, double base, Pairing pairing);

  double[][] rotateBackward(double[][] gradOutput, int[] positions, double base, Pairing pairing);
}

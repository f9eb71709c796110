package mlkata.grader.transformer;

import mlkata.exercises.transformer.PositionalEncoding;

/** Binds {@link PositionalEncodingSpec} to the learner's {@code PositionalEncoding}; the build writes the twin. */
final class PositionalEncodingOfExercises implements PositionalEncodingApi {
  @Override
  public double[][] sinusoidal(int length, int d) {
    return PositionalEncoding.sinusoidal(length, d);
  }

  @Override
  public double[][] rotate(double[][] x, int[] positions, double base, Pairing pairing) {
    return PositionalEncoding.rotate(x, positions, base, convert(pairing));
  }

  @Override
  public double[][] rotateBackward(double[][] gradOutput, int[] positions, double base, Pairing pairing) {
    return PositionalEncoding.rotateBackward(gradOutput, positions, base, convert(pairing));
  }

  private static PositionalEncoding.Pairing convert(Pairing pairing) {
    return pairing == null ? null : PositionalEncoding.Pairing.valueOf(pairing.name());
  }
}

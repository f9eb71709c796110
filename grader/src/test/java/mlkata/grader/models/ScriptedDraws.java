package mlkata.grader.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A {@link RandomGenerator} that returns scripted values from {@code nextInt(bound)} and
 * {@code nextDouble()}, records the bounds it was asked for, and fails loudly on any other way of
 * drawing: the models katas pin exactly which calls they make, so a grader can replay a run.
 */
final class ScriptedDraws implements RandomGenerator {
  private final int[] ints;
  private final double[] doubles;
  private int nextInt;
  private int nextDouble;
  final List<Integer> bounds = new ArrayList<>();

  private ScriptedDraws(int[] ints, double[] doubles) {
    this.ints = ints.clone();
    this.doubles = doubles.clone();
  }

  static ScriptedDraws nextInts(int... values) {
    return new ScriptedDraws(values, new double[0]);
  }

  static ScriptedDraws of(int[] ints, double... doubles) {
    return new ScriptedDraws(ints, doubles);
  }

  @Override
  public int nextInt(int bound) {
    bounds.add(bound);
    if (nextInt >= ints.length) {
      throw new IllegalStateException("nextInt(" + bound + ") was called more than the " + ints.length
          + " times this input allows (bounds so far " + bounds + ")");
    }
    int v = ints[nextInt++];
    if (v < 0 || v >= bound) {
      throw new IllegalStateException("scripted nextInt value " + v + " does not fit the bound " + bound
          + " the code asked for (bounds so far " + bounds + ")");
    }
    return v;
  }

  @Override
  public double nextDouble() {
    if (nextDouble >= doubles.length) {
      throw new IllegalStateException("nextDouble() was called more than the " + doubles.length
          + " times this input allows");
    }
    return doubles[nextDouble++];
  }

  @Override
  public long nextLong() {
    throw new IllegalStateException("draw with nextInt(bound) and nextDouble() only, as the kata pins");
  }

  int doublesDrawn() {
    return nextDouble;
  }

  @Override
  public String toString() {
    return "a generator scripted with nextInt " + Arrays.toString(ints) + " and nextDouble "
        + Arrays.toString(doubles);
  }
}

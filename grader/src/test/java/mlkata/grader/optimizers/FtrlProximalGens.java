package mlkata.grader.optimizers;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import mlkata.grader.optimizers.FtrlProximalApi.Config;
import org.quicktheories.core.Gen;

/**
 * Generators for {@link FtrlProximalSpec}: streams of sparse examples (distinct features in a shuffled
 * order, binary or real values, now and then a listed feature whose value is 0) with 0/1 labels, and
 * hyperparameters around the values used in practice.
 */
final class FtrlProximalGens {
  private FtrlProximalGens() {}

  /** One example: {@code values[j]} is the value of feature {@code indices[j]}. */
  record Example(int[] indices, double[] values, int label) {
    @Override
    public String toString() {
      return "{indices=" + Arrays.toString(indices) + ", values=" + Arrays.toString(values) + ", y=" + label + "}";
    }
  }

  /** {@code size} features, a sequence of examples, the hyperparameters for every step. */
  record Stream(int size, Example[] examples, Config config) {
    @Override
    public String toString() {
      return "size=" + size + ", examples=" + Arrays.toString(examples) + ", " + config;
    }
  }

  /** Hyperparameters: usual values and a few continuous ones. */
  static Gen<Config> configs() {
    Gen<Double> alpha = doubles().between(0.01, 3).mix(arbitrary().pick(0.05, 0.1, 0.5, 1.0, 2.0), 70);
    Gen<Double> beta = doubles().between(0.01, 3).mix(arbitrary().pick(0.1, 1.0, 2.0), 80);
    Gen<Double> l1 = arbitrary().pick(0.0, 0.01, 0.1, 0.5, 1.0);
    Gen<Double> l2 = arbitrary().pick(0.0, 0.1, 1.0, 3.0);
    return alpha.zip(beta, l1, l2, Config::new);
  }

  /** Hyperparameters with {@code l1 = l2 = 0}. */
  static Gen<Config> unregularized() {
    return configs().map(c -> new Config(c.alpha(), c.beta(), 0, 0));
  }

  /** A feature value: 1 (binary features, the common case), a grid value, a continuous one, or 0. */
  static Gen<Double> value() {
    Gen<Double> grid = integers().between(-4, 4).map(i -> i * 0.5);
    return doubles().between(-3, 3).mix(grid, 50).mix(arbitrary().constant(1.0), 40);
  }

  /** Streams over {@code 1..maxSize} features of {@code 1..maxExamples} examples. */
  static Gen<Stream> streams(int maxSize, int maxExamples, Gen<Config> configs) {
    Gen<int[]> shape = integers().between(1, maxSize).zip(integers().between(1, maxExamples),
        (d, t) -> new int[] {d, t});
    return shape.flatMap(s -> lists().of(booleans().all()).ofSize(s[0] * s[1])
        .zip(lists().of(value()).ofSize(s[0] * s[1]), lists().of(integers().between(0, 1)).ofSize(s[1]), configs,
            longs().all(), (mask, values, labels, c, seed) -> toStream(s[0], s[1], mask, values, labels, c, seed)));
  }

  private static Stream toStream(int size, int count, List<Boolean> mask, List<Double> values, List<Integer> labels,
      Config config, long seed) {
    Random random = new Random(seed);
    Example[] examples = new Example[count];
    for (int t = 0; t < count; t++) {
      List<Integer> features = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        if (mask.get(t * size + i)) {
          features.add(i);
        }
      }
      Collections.shuffle(features, random);
      int row = t;
      examples[t] = new Example(features.stream().mapToInt(Integer::intValue).toArray(),
          features.stream().mapToDouble(i -> values.get(row * size + i)).toArray(), labels.get(t));
    }
    return new Stream(size, examples, config);
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first failure a learner reads names the mistake. Each case is a mistake learners make, put into
 * the reference solution and graded by {@code kata check} as a learner's file: the first failure in the
 * report must be a hand-worked example (or a golden), never agreement with the reference or a
 * property, and a failing hand-worked example must name the mistake.
 */
@Timeout(300)
final class FirstFailureTest {
  /**
   * A learner-typical mistake.
   *
   * @param kata the kata, {@code topic/name}
   * @param from text of the reference to replace (must occur)
   * @param to the mistake
   * @param firstFailure words the first failure's name must contain
   */
  record Mistake(String label, String kata, String from, String to, String firstFailure) {
    @Override
    public String toString() {
      return kata + ": " + label;
    }
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        new Mistake("AUC without grouping ties", "metrics/roc-auc", "(tpBefore + tp)", "(2 * tpBefore)", "tie"),
        new Mistake("Adam with eps inside the square root", "optimizers/adam",
            "Math.sqrt(second) / bias2Sqrt + config.eps()", "Math.sqrt(second + config.eps()) / bias2Sqrt", "eps"),
        new Mistake("batch norm backward without the xhat term", "normalization/batch-norm",
            " - xhat[n][c][s] * sumDyXhat)", ")", "backward"),
        new Mistake("NMS suppressing at IoU >= threshold", "detection/non-max-suppression",
            "areas[j]) > iouThreshold", "areas[j]) >= iouThreshold", "equal to the threshold"),
        new Mistake("Math.round instead of half to even", "quantization/int8-quantizer",
            "Math.rint(x / p.scale())", "Math.round(x / p.scale())", "half to even"),
        new Mistake("SAMME without the ln(K - 1) term", "ensembles/adaboost",
            " + Math.log(numClasses - 1.0)", "", "ln k minus 1"),
        new Mistake("PSI with the log ratio reversed", "drift/psi",
            "(ak - ek) * Math.log(ak / ek)", "(ak - ek) * Math.log(ek / ak)", "log ratio"),
        new Mistake("attention scaled by 1/d", "transformer/attention",
            "1.0 / Math.sqrt(d)", "1.0 / d", "square root"),
        new Mistake("distillation without the T^2 factor", "losses/distillation",
            "double t2 = temperature * temperature;", "double t2 = 1.0;", "t squared"),
        new Mistake("dropout without the 1/(1-p) scale", "regularization/dropout",
            "out[i] = values[i] / scale;", "out[i] = values[i];", "one minus p"),
        new Mistake("Xavier with one fan", "training/weight-init",
            "gain * Math.sqrt(2.0 / ((double) fans.fanIn() + fans.fanOut()))", "gain * Math.sqrt(1.0 / fans.fanIn())",
            "xavier"));
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void the_first_failure_names_the_mistake(Mistake mistake) throws IOException {
    String topic = mistake.kata().substring(0, mistake.kata().indexOf('/'));
    mlkata.grading.Kata kata = new mlkata.grading.Kata(topic, mistake.kata().substring(topic.length() + 1), "");
    String reference = Files.readString(VerdictSealTest.repoRoot().resolve(kata.solutionPath()));
    assertThat(reference).as("the reference of %s still has the text the mistake replaces", kata).contains(mistake.from());
    String learner = reference.replace("package mlkata.solutions.", "package mlkata.exercises.")
        .replace(mistake.from(), mistake.to());
    VerdictSealTest.write(dir, kata.exercisePath(), learner);
    VerdictSealTest.write(dir, "grader/src/test/resources/mlkata/curriculum.txt", mistake.kata() + "  T\n");
    VerdictSealTest.write(dir, kata.specPath(), "// the real spec is on the classpath\n");
    JsonObject result = VerdictSealTest.kataCheck(dir, kata.name(), "--quick");
    assertThat(result.get("status").getAsString()).as("%s is caught: %s", mistake, result).isEqualTo("failing");
    String first = result.getAsJsonArray("failuresInOrder").get(0).getAsString();
    JsonObject firstCheck = null;
    for (JsonElement t : result.getAsJsonArray("tests")) {
      if (t.getAsJsonObject().get("name").getAsString().equals(first)) {
        firstCheck = t.getAsJsonObject();
      }
    }
    assertThat(firstCheck).isNotNull();
    assertThat(firstCheck.get("layer").getAsInt()).as("%s: the first failure '%s' is a hand-worked example or a golden",
        mistake, first).isLessThanOrEqualTo(1);
    String named = null;
    for (JsonElement f : result.getAsJsonArray("failuresInOrder")) {
      String name = f.getAsString();
      if (name.toLowerCase(java.util.Locale.ROOT).contains(mistake.firstFailure()) && name.startsWith("hand-worked")) {
        named = name;
        break;
      }
    }
    assertThat(named).as("%s: a failing hand-worked example names the mistake ('%s'); failures: %s", mistake,
        mistake.firstFailure(), result.getAsJsonArray("failuresInOrder")).isNotNull();
    System.out.println("FIRST FAILURE for " + mistake + ":\n  " + first + "\n  "
        + firstCheck.get("message").getAsString().replace("\n", "\n  ") + "\n  (named: " + named + ")");
  }
}

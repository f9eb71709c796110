package mlkata.grading;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * The data of a kata's picture ({@code kata show}), computed in a grading JVM like a check: the learner's
 * files are compiled as for grading, the grading JVM inspects the learner's classes with the same sandbox
 * before it runs any, and its {@code PictureRunner} sends the picture's data back on the results channel.
 * No learner code runs in the command's JVM.
 */
public final class PictureJob {
  /**
   * What came back: the figure's JSON (null when none), or why there is none; {@code failing}: when the
   * learner's code failed a property of the grader's, its smallest failing input drawn ({@code property},
   * {@code seed}, {@code input}, {@code message}, {@code figure}), else null.
   */
  public record Outcome(JsonObject figure, String error, List<String> compileErrors, JsonObject failing) {
    public Outcome(JsonObject figure, String error, List<String> compileErrors) {
      this(figure, error, compileErrors, null);
    }
  }

  /** How long the kata's checks may run in the grading JVM to find a failing input to draw. */
  static final Duration CHECKS = Duration.ofSeconds(20);

  private PictureJob() {}

  /** The picture's class for {@code kata}: its spec's name with {@code Picture} for {@code Spec}. */
  public static String pictureClass(Kata kata) {
    return kata.specClass().replaceAll("Spec$", "Picture");
  }

  /** Computes the picture of {@code kata}; {@code target}: {@code exercises} or {@code solutions}. */
  public static Outcome draw(Workspace ws, Kata kata, String target, Duration timeout) {
    List<String> compileErrors = List.of();
    if (ws.compile && target.equals("exercises")) {
      LearnerCompiler.Outcome compiled = new LearnerCompiler(ws).compile(List.of(kata));
      compileErrors = compiled.errors().getOrDefault(kata, List.of());
    }
    JsonObject ask = new JsonObject();
    ask.addProperty("kata", kata.id());
    ask.addProperty("pictureClass", pictureClass(kata));
    ask.addProperty("learnerMillis", Math.max(1, timeout.toMillis()));
    ask.addProperty("checksMillis", CHECKS.toMillis());
    ask.addProperty("learnerClass", kata.gradedClass(target));
    if (!compileErrors.isEmpty()) {
      ask.addProperty("skipLearner", "your code does not compile, so it was not run: " + compileErrors.get(0));
    }
    JsonObject request = new JsonObject();
    request.add("picture", ask);
    request.addProperty("target", target);
    request.addProperty("learnerClasses", ws.gradedClasses(target).toString());
    JsonObject[] picture = {null};
    try (GradingJvm jvm = GradingJvm.start(ws.childClasspath(), ws.logs.resolve("picture-jvm.log"), false)) {
      GradingJvm.End end = jvm.run(request, timeout.plusSeconds(20).plus(CHECKS), frame -> {
        if (frame.has("event") && frame.get("event").getAsString().equals("picture")) {
          picture[0] = frame;
        }
      });
      if (picture[0] == null) {
        return new Outcome(null, end.reason() == null ? "the grading JVM sent no picture" : end.reason(), compileErrors);
      }
    }
    JsonObject frame = picture[0];
    return new Outcome(frame.has("figure") ? frame.getAsJsonObject("figure") : null,
        frame.has("error") ? frame.get("error").getAsString() : null, compileErrors,
        frame.has("failing") ? frame.getAsJsonObject("failing") : null);
  }
}

package mlkata.grader.runner;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import mlkata.grader.support.Counterexamples;
import org.junit.platform.launcher.Launcher;

/**
 * The picture request of the grading JVM ({@code kata show}): {@code {"picture": {"kata", "pictureClass",
 * "learnerClass", "skipLearner", "learnerMillis", "checksMillis"}, "target", "learnerClasses"}}. The learner's
 * classes go through the same {@link Sandbox} inspection as a check before any of them runs; then the kata's
 * {@link KataPicture} computes the reference's and the learner's results on its fixed input. When the
 * learner's code (not the reference's, {@code --reference}) ran there, the kata's checks run too, as in grading (speed checks aside), with
 * {@link Counterexamples} collecting; the first smallest failing input the picture can draw becomes a second
 * figure. One {@code picture} frame carries it all back: {@code figure}, and {@code failing}
 * ({@code property}, {@code seed}, {@code input}, {@code message}: the check's own failure message,
 * {@code figure}) when there is one.
 */
final class PictureRunner {
  /** How long the kata's checks may take, in all, unless the request says otherwise. */
  static final long CHECKS_MILLIS = 20_000;

  private PictureRunner() {}

  static int run(JsonObject request, KataRunner.Channel channel, Launcher launcher) {
    JsonObject ask = request.getAsJsonObject("picture");
    JsonObject frame = new JsonObject();
    frame.addProperty("event", "picture");
    frame.addProperty("kata", ask.get("kata").getAsString());
    try {
      String target = request.has("target") ? request.get("target").getAsString() : "exercises";
      System.setProperty("kata.target", target);
      String learnerPackage = target.equals("solutions") ? "mlkata.solutions" : "mlkata.exercises";
      String blocked = ask.has("skipLearner") && !ask.get("skipLearner").isJsonNull()
          ? ask.get("skipLearner").getAsString() : null;
      if (blocked == null) {
        Sandbox sandbox = new Sandbox(Path.of(request.get("learnerClasses").getAsString()), learnerPackage);
        List<String> refusals = sandbox.check(ask.get("learnerClass").getAsString());
        if (!refusals.isEmpty()) {
          blocked = "your code was not run: it uses an API katas may not use (" + Sandbox.RULE + "): "
              + String.join("; ", refusals);
        }
      }
      Figure.blockAll(blocked);
      if (ask.has("learnerMillis")) {
        Figure.learnerMillis = ask.get("learnerMillis").getAsLong();
      }
      Class<?> type;
      try {
        type = Class.forName(ask.get("pictureClass").getAsString());
      } catch (ClassNotFoundException e) {
        frame.addProperty("error", "this kata has no picture");
        channel.send(frame);
        return 0;
      }
      KataPicture picture = (KataPicture) type.getDeclaredConstructor().newInstance();
      Figure figure = picture.draw();
      frame.add("figure", figure.json());
      // The reference passes its own checks: only a learner's code is checked for a failing input.
      if (launcher != null && target.equals("exercises") && figure.learnerRan()) {
        long budget = ask.has("checksMillis") ? ask.get("checksMillis").getAsLong() : CHECKS_MILLIS;
        JsonObject failing = failing(picture, ask, launcher, budget);
        if (failing != null) {
          frame.add("failing", failing);
        }
      }
      channel.send(frame);
      return figure.timedOut() ? 4 : 0;
    } catch (Throwable t) {
      frame.addProperty("error", "the picture could not be drawn: " + KataRunner.describe(t));
      channel.send(frame);
      return 3;
    } finally {
      JsonObject done = new JsonObject();
      done.addProperty("event", "done");
      channel.send(done);
    }
  }

  /**
   * Runs the kata's checks (speed checks aside, each with the learner's time limit) for at most
   * {@code budgetMillis}, and draws the first smallest failing input the picture accepts; null when no
   * property failed, none could be drawn, or the checks did not finish in time.
   */
  static JsonObject failing(KataPicture picture, JsonObject ask, Launcher launcher, long budgetMillis)
      throws InterruptedException {
    String kata = ask.get("kata").getAsString();
    JsonObject spec = new JsonObject();
    spec.addProperty("kata", kata);
    spec.addProperty("spec", ask.get("pictureClass").getAsString().replaceAll("Picture$", "Spec"));
    long perCheck = ask.has("learnerMillis") ? ask.get("learnerMillis").getAsLong() : Figure.learnerMillis;
    var discovery = KataRunner.checksOf(Map.of(kata, spec), Set.of(kata), perCheck + " ms", null, KataRunner.EFFICIENCY);
    AtomicReference<List<Counterexamples.Counterexample>> found = new AtomicReference<>();
    Thread checks = new Thread(() -> {
      Counterexamples.start();
      try {
        launcher.execute(discovery);
      } finally {
        found.set(Counterexamples.stop());
      }
    }, "picture-checks");
    checks.setDaemon(true);
    checks.start();
    checks.join(budgetMillis);
    if (checks.isAlive() || found.get() == null) {
      // Out of time (a loop the per-check timeout did not stop): no second picture. The JVM ends after the frame.
      Counterexamples.stop();
      return null;
    }
    for (Counterexamples.Counterexample c : found.get()) {
      Figure f;
      try {
        f = picture.drawFailing(c.property(), c.value());
      } catch (RuntimeException e) {
        // The reference's side may reject an input the property fed it only transformed: try the next one.
        continue;
      }
      if (f != null) {
        JsonObject o = new JsonObject();
        o.addProperty("property", c.property());
        o.addProperty("seed", c.seed());
        o.addProperty("input", String.valueOf(c.value()));
        o.addProperty("message", c.message());
        o.add("figure", f.json());
        return o;
      }
    }
    return null;
  }
}

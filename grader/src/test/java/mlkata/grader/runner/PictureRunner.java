package mlkata.grader.runner;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The picture request of the grading JVM ({@code kata show}): {@code {"picture": {"kata", "pictureClass",
 * "learnerClass", "skipLearner", "learnerMillis"}, "target", "learnerClasses"}}. The learner's classes go
 * through the same {@link Sandbox} inspection as a check before any of them runs; then the kata's
 * {@link KataPicture} computes the reference's and the learner's results, and one {@code picture} frame
 * carries them back.
 */
final class PictureRunner {
  private PictureRunner() {}

  static int run(JsonObject request, KataRunner.Channel channel) {
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
}

package mlkata.grading;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Spare grading JVMs for the {@code kata} command and {@code ./mvnw test}. Starting a grading JVM and loading JUnit, the specs'
 * libraries and the sandbox costs about a second, which a learner would pay on every check. So when a
 * {@code kata check} has graded, it starts the next grading JVM in the background and leaves it waiting;
 * the next command claims it instead of starting one.
 *
 * <p>A spare is used once, exactly as a grading JVM started for the command would be: it has loaded
 * none of the learner's classes when it is claimed, and it ends after that one request. It writes its
 * port and a fresh token to {@code .kata/spare.json} ({@code grader/target/kata/spare.json} for Maven; the
 * sandbox keeps learner code away from files and sockets), checks the token before it accepts a request, and ends by itself after ten idle minutes. A
 * spare whose grader build is out of date (its key differs) is stopped and replaced. One spare per
 * repository at most.
 */
final class Spares {
  /** What a spare writes about itself. */
  record Announcement(long pid, long start, int port, String token, String key) {}

  /** How long a spare waits for a request before it ends ({@code -Dkata.spareIdle} in ms overrides it). */
  static final java.time.Duration IDLE = java.time.Duration.ofMinutes(10);

  private final Workspace ws;
  private final List<Path> classpath;
  private final Path file;
  /** The key of a spare started now (see {@link #key}), computed once: for Maven it walks the class files. */
  private String key;

  /** The spares of {@code ws} for grading JVMs with {@code classpath}. */
  Spares(Workspace ws, List<Path> classpath) {
    this.ws = ws;
    this.classpath = classpath;
    // .kata/ for the kata command, the build's own directory for Maven.
    this.file = ws.compile ? ws.root.resolve(".kata/spare.json") : ws.logs.resolve("spare.json");
  }

  /** The waiting spare, claimed, or null when there is none that fits. */
  GradingJvm take() {
    Optional<Announcement> a = read(file);
    if (a.isEmpty()) {
      return null;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      return null;
    }
    ProcessHandle handle = handleOf(a.get()).orElse(null);
    if (handle == null) {
      return null;
    }
    if (!a.get().key().equals(key())) {
      handle.destroyForcibly();
      return null;
    }
    return GradingJvm.attach(handle, a.get());
  }

  /** Leaves a spare waiting for the next command, unless a fitting one waits already. */
  void leave() {
    Optional<Announcement> a = read(file);
    if (a.isPresent()) {
      Optional<ProcessHandle> h = handleOf(a.get());
      if (h.isPresent() && a.get().key().equals(key())) {
        return;
      }
      h.ifPresent(ProcessHandle::destroyForcibly);
    }
    Background.start(GradingJvm.command(classpath, false,
        List.of("-Dkata.spare=" + file, "-Dkata.spareKey=" + key(), "-Dkata.spareWarmUps=" + warmUps(),
            "-Dkata.spareIdle=" + Long.getLong("kata.spareIdle", IDLE.toMillis()))),
        ws.logs.resolve("spare-jvm.log"));
  }

  /** Rounds of warm-up checks a spare runs while it waits ({@code KATA_SPARE_WARMUPS}, default 3). */
  private static int warmUps() {
    try {
      return Math.max(0, Math.min(20, Integer.parseInt(System.getenv().getOrDefault("KATA_SPARE_WARMUPS", "3"))));
    } catch (NumberFormatException e) {
      return 3;
    }
  }

  /**
   * What a spare must have been started with to grade now: the same Java, the same classpath, and the
   * same grader build. For the kata command, the build is dated by {@code grader/target/kata-classpath.txt},
   * which the {@code kata} script touches after every build it makes (and it rebuilds whenever a source
   * of the grader or the solutions changed); for Maven, by the newest of the grader's class files and jars.
   */
  private String key() {
    if (key != null) {
      return key;
    }
    long newest = 0;
    if (ws.compile) {
      newest = Background.newestModification(ws.root.resolve("grader/target/kata-classpath.txt"));
    } else {
      for (Path entry : classpath) {
        if (!entry.equals(ws.learnerClasses)) {
          newest = Math.max(newest, Background.newestModification(entry));
        }
      }
    }
    key = Integer.toHexString(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()).hashCode())
        + "-" + newest + "-" + Integer.toHexString(System.getProperty("java.home").hashCode());
    return key;
  }

  private static Optional<Announcement> read(Path file) {
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      return Optional.of(new Announcement(o.get("pid").getAsLong(), o.get("start").getAsLong(),
          o.get("port").getAsInt(), o.get("token").getAsString(), o.get("key").getAsString()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The spare's process, if it still runs: the same pid and the same start time (pids are reused). */
  private static Optional<ProcessHandle> handleOf(Announcement a) {
    return Background.find(a.pid(), a.start());
  }
}

package mlkata.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Grades katas: compiles the learner's files in process, then runs the specs in a child JVM
 * ({@code mlkata.grader.runner.KataRunner}) so nothing the learner's code does (an endless loop,
 * {@code System.exit}, a stack overflow, running out of memory) can take the command down. The child is
 * started before compiling (it waits for its request on standard input), so both overlap.
 *
 * <p>Each check has the JUnit timeout ({@code --timeout}, 10 s by default). The command also watches
 * the child: when it sends nothing for longer than any check may take, it is killed and the check that
 * was running is reported as hung. When the child dies (a crash or an exit the JDK could not block),
 * the check that was running is reported, and katas that had not started are graded in a fresh child.
 */
final class Grading {
  /** Efficiency checks carry their own 120 s limit; the watchdog waits a little longer than that. */
  private static final Duration LONGEST_CHECK = Duration.ofSeconds(130);

  /**
   * How to grade. {@code quick}: leave the efficiency checks out. Otherwise they run, but only for katas
   * whose other checks all pass (unless {@code efficiencyAlways}): a kata that fails a check fails
   * anyway, and its efficiency checks are the slowest part of the run, so a passing verdict is the one
   * Maven gives while a failing run returns sooner.
   */
  /** A kata whose checks time out this many times is stopped: the rest of its checks are not run. */
  static final int MAX_TIMEOUTS = 3;

  record Options(Duration timeout, boolean quick, String target, boolean efficiencyAlways) {
    Options(Duration timeout, boolean quick, String target) {
      this(timeout, quick, target, false);
    }

    String efficiencyMode() {
      return quick ? "skip" : efficiencyAlways ? "all" : "after";
    }
  }

  /** One check's outcome: passed, failed, not-started, timeout, crashed or skipped. */
  record TestResult(String name, String status, String message) {}

  /** One kata's outcome. Status: passing, failing, not started, compile error. */
  static final class KataResult {
    final Kata kata;
    final List<TestResult> tests = new ArrayList<>();
    final List<String> compileErrors = new ArrayList<>();
    String crash;
    boolean finished;

    KataResult(Kata kata) {
      this.kata = kata;
    }

    String status() {
      if (!compileErrors.isEmpty()) {
        return "compile error";
      }
      long graded = tests.stream().filter(t -> !t.status().equals("skipped")).count();
      long passed = tests.stream().filter(t -> t.status().equals("passed")).count();
      long notStarted = tests.stream().filter(t -> t.status().equals("not-started")).count();
      if (graded == 0) {
        return crash != null ? "failing" : "not run";
      }
      if (passed == graded && crash == null) {
        return "passing";
      }
      if (notStarted == graded) {
        return "not started";
      }
      return "failing";
    }

    long passedCount() {
      return tests.stream().filter(t -> t.status().equals("passed")).count();
    }

    long gradedCount() {
      return tests.stream().filter(t -> !t.status().equals("skipped")).count();
    }
  }

  /** Something that reports progress: a kata finished. */
  interface Listener {
    void kataFinished(KataResult result, int done, int total);
  }

  private final Env env;
  private final Repo repo;
  private Process warm;
  /**
   * The grading JVM compiles with C1 only ({@code -XX:TieredStopAtLevel=1}) unless this is set: specs
   * run briefly, and on two cores C2's compiler threads cost more than they save (the roc-auc spec
   * takes half the CPU time). Efficiency checks compare the learner's code with the reference in the
   * same JVM, so both are compiled alike; {@code --full-jit} grades with the same JIT as Maven.
   */
  boolean fullJit;

  Grading(Env env) {
    this.env = env;
    this.repo = env.repo();
  }

  /** Starts a child JVM now, so the next {@link #grade} does not wait for one (used by watch). */
  void prestart() {
    if (warm == null || !warm.isAlive()) {
      warm = startChild();
    }
  }

  /** Stops a warm child that was not used. */
  void close() {
    if (warm != null) {
      warm.destroyForcibly();
      warm = null;
    }
  }

  List<KataResult> grade(List<Kata> katas, Options options, Listener listener) {
    Process child = warm != null && warm.isAlive() ? warm : startChild();
    warm = null;
    Map<Kata, KataResult> results = new LinkedHashMap<>();
    katas.forEach(k -> results.put(k, new KataResult(k)));
    LearnerCompiler.Outcome compiled;
    long t0 = System.nanoTime();
    try {
      compiled = new LearnerCompiler(repo).compile(katas);
      debug("compile (" + compiled.compiled() + " files)", t0);
    } catch (RuntimeException e) {
      child.destroyForcibly();
      throw e;
    }
    int[] done = {0};
    compiled.errors().forEach((k, lines) -> {
      KataResult r = results.get(k);
      r.compileErrors.addAll(lines);
      r.finished = true;
      listener.kataFinished(r, ++done[0], katas.size());
    });
    List<Kata> pending = katas.stream().filter(k -> !compiled.errors().containsKey(k)).collect(Collectors.toList());
    int rounds = 0;
    while (!pending.isEmpty()) {
      if (child == null) {
        child = startChild();
      }
      runChild(child, pending, options, results, listener, done, katas.size());
      child = null;
      rounds++;
      // Katas the dead child never reached get a fresh child; a kata it died in is reported as it stands.
      pending = pending.stream().filter(k -> !results.get(k).finished && results.get(k).tests.isEmpty()
          && results.get(k).crash == null).collect(Collectors.toList());
      if (rounds > katas.size()) {
        break;
      }
    }
    if (child != null) {
      child.destroyForcibly();
    }
    debug("graded", t0);
    for (KataResult r : results.values()) {
      if (!r.finished) {
        r.finished = true;
        listener.kataFinished(r, ++done[0], katas.size());
      }
    }
    return new ArrayList<>(results.values());
  }

  private void runChild(Process child, List<Kata> katas, Options options, Map<Kata, KataResult> results,
      Listener listener, int[] done, int total) {
    Map<String, Kata> byId = new LinkedHashMap<>();
    katas.forEach(k -> byId.put(k.id(), k));
    JsonObject request = new JsonObject();
    JsonArray specs = new JsonArray();
    katas.forEach(k -> specs.add(k.specClass()));
    request.add("specs", specs);
    request.addProperty("timeout", options.timeout().toMillis() + " ms");
    request.addProperty("target", options.target());
    request.addProperty("efficiency", options.efficiencyMode());
    request.addProperty("maxTimeouts", MAX_TIMEOUTS);
    BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(Optional.of(line));
        }
      } catch (IOException e) {
        // the child died; the end marker below reports it
      }
      lines.add(Optional.empty());
    }, "kata-child-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      Writer w = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
      w.write(request.toString() + "\n");
      w.flush();
      debug("request sent", T0);
    } catch (IOException e) {
      // the child is already gone: reading its output reports that
    }
    Duration silence = options.timeout().plusSeconds(20).compareTo(LONGEST_CHECK) > 0
        ? options.timeout().plusSeconds(20) : LONGEST_CHECK;
    String runningName = null;
    Kata runningKata = null;
    boolean sawDone = false;
    String endReason = null;
    try {
      while (true) {
        Optional<String> next = lines.poll(silence.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          child.destroyForcibly();
          endReason = "no progress for " + silence.toSeconds() + " s: the grading JVM was stopped";
          break;
        }
        if (next.isEmpty()) {
          break;
        }
        JsonObject event;
        try {
          event = Store.GSON.fromJson(next.get(), JsonObject.class);
        } catch (RuntimeException e) {
          continue;
        }
        if (event == null || !event.has("event")) {
          continue;
        }
        String type = event.get("event").getAsString();
        if (DEBUG && (type.equals("plan") || type.equals("kata-done") || type.equals("done"))) {
          debug("event " + type, T0);
        }
        Kata kata = event.has("kata") ? byId.get(event.get("kata").getAsString()) : null;
        switch (type) {
          case "started":
            runningKata = kata;
            runningName = event.get("name").getAsString();
            break;
          case "finished":
          case "container-failed":
            if (kata != null) {
              results.get(kata).tests.add(new TestResult(event.get("name").getAsString(),
                  event.get("status").getAsString(), event.has("message") ? event.get("message").getAsString() : null));
            }
            runningName = null;
            break;
          case "kata-done":
            if (kata != null) {
              KataResult r = results.get(kata);
              if (!r.finished) {
                r.finished = true;
                listener.kataFinished(r, ++done[0], total);
              }
            }
            break;
          case "abandoned":
            if (kata != null) {
              KataResult r = results.get(kata);
              r.crash = event.get("message").getAsString();
              if (!r.finished) {
                r.finished = true;
                listener.kataFinished(r, ++done[0], total);
              }
            }
            runningKata = null;
            runningName = null;
            endReason = "";
            break;
          case "done":
            sawDone = true;
            if (event.has("crash")) {
              endReason = event.get("crash").getAsString();
            }
            break;
          default:
            break;
        }
        if (sawDone) {
          break;
        }
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
      endReason = "interrupted";
    }
    if (!sawDone && endReason == null) {
      try {
        child.waitFor(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      endReason = "the grading JVM ended" + (child.isAlive() ? "" : " with exit code " + child.exitValue())
          + " while this check ran (System.exit, or a crash; see .kata/logs/child.log)";
    }
    if (endReason != null && !endReason.isEmpty() && runningKata != null) {
      KataResult r = results.get(runningKata);
      r.tests.add(new TestResult(runningName, "crashed", endReason));
      r.crash = endReason;
    }
    child.destroyForcibly();
  }

  private static final boolean DEBUG = System.getenv("KATA_DEBUG") != null;
  private static final long T0 = System.nanoTime();

  private static void debug(String what, long since) {
    if (DEBUG) {
      System.err.printf("[kata debug] %s: %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
    }
  }

  private Process startChild() {
    debug("child start", T0);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    if (!fullJit) {
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.add("-Xshare:auto");
    cmd.add("-Xmx" + System.getProperty("kata.child.xmx", "768m"));
    cmd.add("-Djava.security.manager=allow");
    cmd.add("-Dfile.encoding=UTF-8");
    // Replays a property's random inputs: `kata check --seed N`, or QT_SEED in the environment.
    String seed = System.getProperty("QT_SEED", System.getenv("QT_SEED"));
    if (seed != null && !seed.isBlank()) {
      cmd.add("-DQT_SEED=" + seed.strip());
    }
    cmd.add("-cp");
    cmd.add(classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    cmd.add("mlkata.grader.runner.KataRunner");
    try {
      Files.createDirectories(repo.logs());
      // The JVM may give up on a classpath directory that does not exist when it first looks there.
      Files.createDirectories(repo.classes());
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.root.toFile())
          .redirectError(repo.logs().resolve("child.log").toFile());
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the grading JVM", e);
    }
  }

  /** The learner's fresh classes first, then the grader's classpath. */
  List<Path> classpath() {
    List<Path> cp = new ArrayList<>();
    cp.add(repo.classes());
    if (env.graderClasspath != null) {
      cp.addAll(env.graderClasspath);
      return cp;
    }
    cp.add(repo.exercisesClasses());
    cp.add(repo.root.resolve("solutions/target/classes"));
    cp.add(repo.root.resolve("grader/target/test-classes"));
    cp.add(repo.root.resolve("grader/target/classes"));
    Path deps = repo.root.resolve("grader/target/kata-classpath.txt");
    String text = Store.readOrNull(deps);
    if (text == null) {
      throw new UserError("the grader is not built (" + deps + " is missing): run ./kata, which builds it,"
          + " or ./mvnw -q test-compile");
    }
    for (String entry : text.strip().split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (!cp.contains(p) && !entry.contains("exercises" + File.separator + "target")
          && !entry.contains("solutions" + File.separator + "target")) {
        cp.add(p);
      }
    }
    return cp;
  }
}

package mlkata.grading;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Grades katas, one way for every front ({@code kata check}, {@code watch}, {@code drill} and
 * {@code ./mvnw test}). Data flows one way:
 *
 * <ol>
 *   <li>compile the learner's files ({@link LearnerCompiler}; the Maven front has compiled them already);
 *   <li>start a grading JVM ({@link GradingJvm}), which checks the learner's classes against the
 *       sandbox's allow-list before it runs any of them, then runs the specs;
 *   <li>read its results from a channel of their own ({@link Protocol});
 *   <li>account for every check the grading JVM planned ({@link Tally}): a check with no result is a
 *       failure, never a pass.
 * </ol>
 *
 * <p>When a grading JVM dies, the check that was running is reported against it, and the katas it
 * never reached are graded in a fresh one.
 */
public final class Grader implements AutoCloseable {
  /** A kata whose checks time out this many times is stopped: the rest of its checks are not run. */
  public static final int MAX_TIMEOUTS = 3;

  /** Efficiency checks carry their own 120 s limit; the watchdog waits a little longer than that. */
  private static final Duration LONGEST_CHECK = Duration.ofSeconds(130);

  /**
   * How to grade. {@code quick}: leave the efficiency checks out. Otherwise they run, but only for katas
   * whose other checks all pass (unless {@code efficiencyAlways}). {@code target}: {@code exercises} or
   * {@code solutions}. {@code fullJit}: grade with C2 as well (by default the grading JVM uses C1 only).
   * {@code seed}: the seed of every property's random inputs ({@code QT_SEED}), or null for fresh ones.
   * It travels in the request, never in how a grading JVM was started: a spare left by a command that
   * replayed a seed must not replay it for the next command.
   */
  public record Options(Duration timeout, boolean quick, String target, boolean efficiencyAlways, boolean fullJit,
      String seed) {
    public Options(Duration timeout, boolean quick, String target, String seed) {
      this(timeout, quick, target, false, false, seed);
    }

    String efficiencyMode() {
      return quick ? "skip" : efficiencyAlways ? "all" : "after";
    }
  }

  /** Told as soon as each kata is graded. */
  public interface Listener {
    void kataFinished(KataResult result, int done, int total);
  }

  /** {@code KATA_DEBUG=1} prints when each step of a grading ends, in ms from its start, on standard error. */
  private static final boolean DEBUG = System.getenv("KATA_DEBUG") != null;

  private final Workspace ws;
  private GradingJvm warm;
  /** The spares of the last {@link #grade}, kept for {@link #leaveSpare} (their key is computed once). */
  private Spares spares;
  private boolean claimedSpare;
  private boolean warmFullJit;

  public Grader(Workspace ws) {
    this.ws = ws;
  }

  /** Starts a grading JVM now, so the next {@link #grade} does not wait for one (watch, drill). */
  public void prestart(boolean fullJit) {
    if (warm == null || !warm.isAlive() || warmFullJit != fullJit) {
      if (warm != null) {
        warm.close();
      }
      warm = GradingJvm.start(ws.childClasspath(), log(), fullJit);
      warmFullJit = fullJit;
    }
  }

  /** Whether the last {@link #grade} began in a spare grading JVM (it may have needed a fresh one later). */
  public boolean claimedSpare() {
    return claimedSpare;
  }

  /**
   * Leaves a spare grading JVM for the next command of this workspace, when it uses spares (see
   * {@link Spares}): the next check skips the second a JVM takes to start and load the grader.
   */
  public void leaveSpare() {
    if (ws.spares) {
      (spares != null ? spares : new Spares(ws, ws.childClasspath())).leave();
    }
  }

  @Override
  public void close() {
    if (warm != null) {
      warm.close();
      warm = null;
    }
  }

  public List<KataResult> grade(List<Kata> katas, Options options, Listener listener) {
    return grade(katas, Map.of(), options, listener);
  }

  /**
   * Grades {@code katas}; {@code focus} may narrow a kata to some of its checks (JUnit selectors such as
   * {@code class:mlkata.grader.metrics.RocAucSpec$Examples} or {@code method:...Spec#name}).
   */
  public List<KataResult> grade(List<Kata> katas, Map<Kata, List<String>> focus, Options options, Listener listener) {
    // Start the grading JVM first: it loads the launcher and the sandbox while javac runs.
    List<Path> classpath = ws.childClasspath();
    GradingJvm jvm = warm != null && warm.isAlive() && warmFullJit == options.fullJit() ? warm : null;
    claimedSpare = false;
    if (jvm == null && ws.spares && !options.fullJit()) {
      long t = System.nanoTime();
      spares = new Spares(ws, classpath);
      jvm = spares.take();
      claimedSpare = jvm != null;
      debug(jvm == null ? "no spare grading JVM" : "claimed the spare grading JVM", t);
    }
    if (jvm == null) {
      jvm = GradingJvm.start(classpath, log(), options.fullJit());
    }
    if (warm != null && warm != jvm) {
      warm.close();
    }
    warm = null;
    Map<Kata, KataResult> results = new LinkedHashMap<>();
    katas.forEach(k -> results.put(k, new KataResult(k)));
    int[] done = {0};
    List<Kata> pending = new ArrayList<>(katas);
    long t0 = System.nanoTime();
    // A spare compiles the learner's files itself, with a warm javac; otherwise this process does,
    // while the fresh grading JVM loads.
    boolean compileInJvm = ws.compile && jvm.isSpare();
    try {
      if (ws.compile && !compileInJvm) {
        compileHere(katas, results, pending, listener, done, jvm, t0);
      }
      int rounds = 0;
      while (!pending.isEmpty() && rounds++ <= katas.size()) {
        if (jvm == null) {
          jvm = GradingJvm.start(classpath, log(), options.fullJit());
        }
        Tally tally = new Tally(results, listener, done, katas.size());
        JsonObject request = request(pending, focus, options);
        boolean[] compiledThere = {false};
        if (compileInJvm) {
          JsonObject compile = new JsonObject();
          compile.addProperty("root", ws.root.toString());
          request.add("compile", compile);
        }
        List<Kata> round = pending;
        Reporter report = new Reporter(results, listener, done, katas.size());
        GradingJvm.End end = jvm.run(request, silence(options), frame -> {
          String event = frame.has("event") ? frame.get("event").getAsString() : "";
          if (DEBUG && !event.matches("started|finished|registered")) {
            debug("frame " + event + (frame.has("kata") ? " " + frame.get("kata").getAsString() : ""), t0);
          }
          if (DEBUG && frame.has("ms") && frame.get("ms").getAsLong() >= 20) {
            debug("check took " + frame.get("ms").getAsLong() + " ms: " + frame.get("name").getAsString(), t0);
          }
          if (event.equals("compiled")) {
            compiledThere[0] = true;
            debug("compiled " + frame.get("count").getAsInt() + " file(s) in the grading JVM", t0);
            Map<Kata, List<String>> errors = new LinkedHashMap<>();
            JsonObject byKata = frame.getAsJsonObject("errors");
            for (Kata k : round) {
              if (byKata.has(k.id())) {
                List<String> lines = new ArrayList<>();
                byKata.getAsJsonArray(k.id()).forEach(l -> lines.add(l.getAsString()));
                errors.put(k, lines);
              }
            }
            report.compileErrors(errors, round);
            return;
          }
          tally.accept(frame);
        });
        debug("grading JVM done", t0);
        boolean unclaimed = jvm.isSpare() && !end.done() && GradingJvm.UNCLAIMED.equals(end.reason());
        jvm.close();
        jvm = null;
        if (compileInJvm && !compiledThere[0]) {
          // The spare never compiled (another command claimed it, or it died first): compile here.
          compileHere(katas, results, pending, listener, done, null, t0);
        }
        compileInJvm = false;
        if (unclaimed) {
          rounds--; // a spare another command took first: nothing ran, grade in a fresh JVM
          continue;
        }
        tally.end(end);
        // Katas the dead JVM never reached get a fresh one; a kata it died in is reported as it stands.
        pending = pending.stream().filter(k -> !tally.reached(k)).collect(Collectors.toCollection(ArrayList::new));
      }
    } finally {
      if (jvm != null) {
        jvm.close();
      }
    }
    for (KataResult r : results.values()) {
      if (!r.finished) {
        r.finished = true;
        listener.kataFinished(r, ++done[0], katas.size());
      }
    }
    return new ArrayList<>(results.values());
  }

  /** Compiles the learner's files in this process; katas that do not compile are reported and left out. */
  private void compileHere(List<Kata> katas, Map<Kata, KataResult> results, List<Kata> pending, Listener listener,
      int[] done, GradingJvm jvm, long t0) {
    LearnerCompiler.Outcome compiled;
    try {
      compiled = new LearnerCompiler(ws).compile(pending);
    } catch (RuntimeException e) {
      if (jvm != null) {
        jvm.close();
      }
      throw e;
    }
    new Reporter(results, listener, done, katas.size()).compileErrors(compiled.errors(), pending);
    debug("compiled " + compiled.compiled() + " file(s)", t0);
  }

  /** Reports katas as they finish, counting them for the listener. */
  private record Reporter(Map<Kata, KataResult> results, Listener listener, int[] done, int total) {
    /**
     * Reports the katas that did not compile, wherever they were compiled, and leaves them out of
     * {@code pending}.
     */
    void compileErrors(Map<Kata, List<String>> errors, List<Kata> pending) {
      errors.forEach((k, lines) -> {
        KataResult r = results.get(k);
        r.compileErrors.addAll(lines);
        r.finished = true;
        listener.kataFinished(r, ++done[0], total);
      });
      pending.removeIf(errors::containsKey);
    }
  }

  private JsonObject request(List<Kata> katas, Map<Kata, List<String>> focus, Options options) {
    JsonObject request = new JsonObject();
    JsonArray specs = new JsonArray();
    for (Kata k : katas) {
      JsonObject spec = new JsonObject();
      spec.addProperty("kata", k.id());
      spec.addProperty("spec", k.specClass());
      spec.addProperty("learnerClass", k.gradedClass(options.target()));
      JsonArray selectors = new JsonArray();
      focus.getOrDefault(k, List.of()).forEach(selectors::add);
      spec.add("selectors", selectors);
      List<String> untouched = ws.untouchedShortcut && options.target().equals("exercises")
          ? UntouchedStubs.methodsIfUntouched(k, ws.root.resolve(k.exercisePath())) : null;
      if (untouched != null) {
        JsonArray methods = new JsonArray();
        untouched.forEach(methods::add);
        spec.add("untouched", methods);
      }
      specs.add(spec);
    }
    request.add("specs", specs);
    request.addProperty("timeout", options.timeout().toMillis() + " ms");
    request.addProperty("target", options.target());
    request.addProperty("efficiency", options.efficiencyMode());
    request.addProperty("maxTimeouts", MAX_TIMEOUTS);
    request.addProperty("learnerClasses", ws.gradedClasses(options.target()).toString());
    if (options.seed() != null && !options.seed().isBlank()) {
      request.addProperty("seed", options.seed().strip());
    }
    return request;
  }

  private static void debug(String what, long since) {
    if (DEBUG) {
      System.err.printf("[kata debug] %s: %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
    }
  }

  private static Duration silence(Options options) {
    Duration d = options.timeout().plusSeconds(20);
    return d.compareTo(LONGEST_CHECK) > 0 ? d : LONGEST_CHECK;
  }

  private Path log() {
    return ws.logs.resolve("grading-jvm.log");
  }

  /**
   * Turns one grading JVM's frames into results. The JVM first sends every check it will run (its
   * plan); each check must then come back with a result. Whatever has none when the JVM stops is
   * reported as a failure that says so.
   */
  private static final class Tally {
    private final Map<Kata, KataResult> results;
    private final Map<String, Kata> byId = new HashMap<>();
    private final Listener listener;
    private final int[] done;
    private final int total;
    /** Planned checks and containers not yet accounted for, by JUnit unique id. */
    private final Map<String, Node> open = new LinkedHashMap<>();
    private String running;

    private record Node(String id, String parent, Kata kata, String kind, String name, int layer) {}

    Tally(Map<Kata, KataResult> results, Listener listener, int[] done, int total) {
      this.results = results;
      results.keySet().forEach(k -> byId.put(k.id(), k));
      this.listener = listener;
      this.done = done;
      this.total = total;
    }

    boolean reached(Kata k) {
      KataResult r = results.get(k);
      return r.finished || !r.checks.isEmpty() || r.crash != null || !r.refusals.isEmpty();
    }

    void accept(JsonObject frame) {
      String event = string(frame, "event");
      Kata kata = byId.get(string(frame, "kata"));
      if (event == null) {
        return;
      }
      switch (event) {
        case "plan":
          for (JsonElement e : frame.getAsJsonArray("nodes")) {
            plan(e.getAsJsonObject());
          }
          break;
        case "registered":
          plan(frame);
          break;
        case "started":
          running = string(frame, "id");
          break;
        case "finished":
          finished(kata, frame);
          break;
        case "refused":
          if (kata != null) {
            KataResult r = results.get(kata);
            frame.getAsJsonArray("lines").forEach(l -> r.refusals.add(l.getAsString()));
            open.values().removeIf(n -> n.kata() == kata);
          }
          break;
        case "kata-done":
        case "abandoned":
          if (kata != null) {
            KataResult r = results.get(kata);
            if (event.equals("abandoned")) {
              r.crash = string(frame, "message");
              running = null;
            }
            closeKata(kata, event.equals("abandoned") ? "not run: " + r.crash : null);
            finish(r);
          }
          break;
        default:
          break;
      }
    }

    private void plan(JsonObject node) {
      Kata kata = byId.get(string(node, "kata"));
      if (kata != null) {
        String id = string(node, "id");
        open.put(id, new Node(id, string(node, "parent"), kata, string(node, "kind"), string(node, "name"),
            node.has("layer") ? node.get("layer").getAsInt() : 3));
      }
    }

    private void finished(Kata kata, JsonObject frame) {
      String id = string(frame, "id");
      Node node = open.remove(id);
      if (id != null && id.equals(running)) {
        running = null;
      }
      if (kata == null) {
        return;
      }
      String status = string(frame, "status");
      CheckResult result = new CheckResult(string(frame, "name"), frame.has("layer") ? frame.get("layer").getAsInt() : 3,
          status, string(frame, "message"), frame.has("output") ? string(frame, "output") : "");
      boolean container = node != null ? !node.kind().equals("test") : "container".equals(string(frame, "kind"));
      if (!container) {
        results.get(kata).checks.add(result);
        return;
      }
      if (status.equals(CheckResult.PASSED)) {
        return; // a group that ran fine: its checks report themselves (some may run in a later pass)
      }
      // A container that failed or was skipped (a @BeforeAll that threw, an argument source that threw,
      // checks left out after a timeout): its checks never ran, and each is reported with its reason.
      List<Node> below = descendants(id);
      if (below.stream().noneMatch(n -> n.kind().equals("test"))) {
        results.get(kata).checks.add(result);
        return;
      }
      for (Node n : below) {
        open.remove(n.id());
        if (n.kind().equals("test")) {
          results.get(kata).checks.add(new CheckResult(n.name(), n.layer(), status, result.message(), ""));
        }
      }
    }

    private List<Node> descendants(String id) {
      List<Node> out = new ArrayList<>();
      for (Node n : open.values()) {
        for (String p = n.parent(); p != null; p = open.containsKey(p) ? open.get(p).parent() : null) {
          if (p.equals(id)) {
            out.add(n);
            break;
          }
        }
      }
      return out;
    }

    /** Everything of {@code kata} still open gets a result: no result, for the reason given. */
    private void closeKata(Kata kata, String reason) {
      List<Node> left = open.values().stream().filter(n -> n.kata() == kata).collect(Collectors.toList());
      for (Node n : left) {
        boolean leaf = n.kind().equals("test") || n.kind().equals("method") && descendants(n.id()).isEmpty();
        if (leaf && reason != null) {
          results.get(kata).checks.add(new CheckResult(n.name(), n.layer(), CheckResult.NO_RESULT, reason, ""));
        } else if (leaf) {
          results.get(kata).checks.add(new CheckResult(n.name(), n.layer(), CheckResult.NO_RESULT,
              "no result came back from this check: the grading JVM skipped it without saying why", ""));
        }
      }
      open.values().removeIf(n -> n.kata() == kata);
    }

    private void finish(KataResult r) {
      if (!r.finished) {
        r.finished = true;
        listener.kataFinished(r, ++done[0], total);
      }
    }

    /** The grading JVM stopped: account for the check it was running and everything else still open. */
    void end(GradingJvm.End end) {
      String reason = end.reason();
      Node runningNode = running == null ? null : open.get(running);
      if (!end.done() && runningNode != null) {
        open.remove(running);
        KataResult r = results.get(runningNode.kata());
        r.checks.add(new CheckResult(runningNode.name(), runningNode.layer(), CheckResult.CRASHED, reason, ""));
        r.crash = reason;
      } else if (end.done() && reason != null && runningNode != null) {
        results.get(runningNode.kata()).crash = reason;
      }
      for (KataResult r : results.values()) {
        Kata k = r.kata;
        boolean hadOpen = open.values().stream().anyMatch(n -> n.kata() == k);
        if (!hadOpen) {
          continue;
        }
        if (!end.done() && !reached(k)) {
          open.values().removeIf(n -> n.kata() == k); // never reached: graded again in a fresh JVM
          continue;
        }
        closeKata(k, end.done() ? null : "no result: " + reason);
        finish(r);
      }
    }

    private static String string(JsonObject o, String key) {
      return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }
  }
}

package mlkata.grader.runner;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mlkata.grader.support.KataId;
import mlkata.grader.support.NotStarted;
import mlkata.grader.support.Runaways;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The child-JVM entry point of the {@code kata} command: runs the specs of some katas through the
 * JUnit Platform launcher and streams one JSON object per line (started, finished, done) on the
 * process's original standard output. Whatever the code under test prints goes to standard error.
 *
 * <p>The process starts, loads the launcher, then waits for one request line on standard input, so the
 * command can start it while it compiles the learner's code: {@code {"specs":[...], "timeout":"10 s",
 * "efficiency":"all|skip|after", "target":"exercises"}}. An empty line or end of input ends it.
 *
 * <p>The code under test may not end the JVM: {@code System.exit} throws a {@link SecurityException}
 * that fails the check. A check that times out leaves its thread spinning; the runner stops it.
 */
public final class KataRunner {
  private static final Gson GSON = new Gson();

  /** Set just before the runner ends the JVM itself ({@code Runtime.halt} also asks the guard). */
  private static volatile boolean exiting;

  private KataRunner() {}

  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    guardExit();
    Launcher launcher = newLauncher();
    Launcher timingLauncher = newLauncher();
    try {
      // Warm up while the command compiles the learner's code: load the engine and its discovery.
      launcher.discover(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(KataRunner.class)).build());
      warmUp();
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      // only a warm-up
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    int code = 0;
    if (line != null && !line.isBlank()) {
      code = run(launcher, timingLauncher, GSON.fromJson(line, JsonObject.class), protocol);
    }
    protocol.flush();
    exiting = true;
    Runtime.getRuntime().halt(code);
  }

  /**
   * Loads and exercises the libraries every spec uses (AssertJ, QuickTheories, Gson), none of which
   * touches the learner's code, so their first use is off the critical path.
   */
  private static void warmUp() throws ReflectiveOperationException {
    org.assertj.core.api.Assertions.assertThat(List.of(1.0, 2.0)).as("warm-up %s", 1).containsExactly(1.0, 2.0);
    org.assertj.core.api.Assertions.assertThat(new double[] {1.0}).containsExactly(new double[] {1.0},
        org.assertj.core.api.Assertions.withPrecision(1e-9));
    org.assertj.core.api.Assertions.assertThat(1.0).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    GSON.fromJson("{\"a\": [1.5, 2], \"b\": \"x\"}", JsonObject.class);
    for (String name : List.of("org.quicktheories.QuickTheory", "org.quicktheories.generators.SourceDSL",
        "org.quicktheories.core.Strategy", "org.junit.jupiter.params.ParameterizedTest")) {
      Class.forName(name, true, KataRunner.class.getClassLoader());
    }
  }

  private static Launcher newLauncher() {
    return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
  }

  private static int run(Launcher launcher, Launcher timingLauncher, JsonObject request, PrintStream protocol) {
    Events events = new Events(protocol);
    try {
      if (request.has("target")) {
        System.setProperty("kata.target", request.get("target").getAsString());
      }
      List<String> specs = new ArrayList<>();
      request.getAsJsonArray("specs").forEach(s -> specs.add(s.getAsString()));
      String timeout = request.has("timeout") ? request.get("timeout").getAsString() : null;
      if (request.has("maxTimeouts")) {
        events.maxTimeouts = request.get("maxTimeouts").getAsInt();
      }
      // "all": every check at once; "skip": no efficiency checks; "after": efficiency checks only for
      // katas whose other checks all passed (a kata that fails already fails; timing it adds nothing).
      String efficiency = request.has("efficiency") ? request.get("efficiency").getAsString() : "all";
      if (efficiency.equals("all")) {
        launcher.execute(discovery(specs, timeout, null, null), events);
      } else {
        boolean after = efficiency.equals("after");
        // "after" times the efficiency checks speculatively on a second thread (the machine has two
        // cores) while the other checks run, and keeps their results only for katas whose other
        // checks all pass. The timings compare the learner with the reference under the same load.
        Speculation speculation = after ? Speculation.start(timingLauncher, specs, timeout) : null;
        events.holdPassing = after;
        launcher.execute(discovery(specs, timeout, null, EFFICIENCY), events);
        events.holdPassing = false;
        if (after) {
          List<String> passing = new ArrayList<>();
          Set<String> passingKatas = new HashSet<>();
          for (String spec : specs) {
            KataId id = KataId.ofSpecClass(spec);
            if (id != null && !events.failedKatas.contains(id.toString()) && events.ranKatas.contains(id.toString())) {
              passing.add(spec);
              passingKatas.add(id.toString());
            }
          }
          if (passing.isEmpty()) {
            speculation.cancel();
          } else if (!speculation.replay(passingKatas, events)) {
            launcher.execute(discovery(passing, timeout, EFFICIENCY, null), events);
          }
        }
      }
      events.done(null);
      return 0;
    } catch (Throwable t) {
      // OutOfMemoryError and friends escape JUnit; report them against the check that was running.
      events.done(t);
      return 3;
    }
  }

  private static final String EFFICIENCY = "efficiency";

  private static LauncherDiscoveryRequest discovery(List<String> specs, String timeout, String includeTag, String excludeTag) {
    LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
        .filters(EngineFilter.includeEngines("junit-jupiter"));
    specs.forEach(s -> builder.selectors(DiscoverySelectors.selectClass(s)));
    if (includeTag != null) {
      builder.filters(TagFilter.includeTags(includeTag));
    }
    if (excludeTag != null) {
      builder.filters(TagFilter.excludeTags(excludeTag));
    }
    if (timeout != null) {
      builder.configurationParameter("junit.jupiter.execution.timeout.default", timeout);
    }
    return builder.build();
  }

  private static void guardExit() {
    try {
      @SuppressWarnings("removal")
      SecurityManager guard = new SecurityManager() {
        @Override
        public void checkPermission(Permission perm) {}

        @Override
        public void checkPermission(Permission perm, Object context) {}

        @Override
        public void checkExit(int status) {
          if (!exiting) {
            throw new SecurityException("System.exit(" + status + ") was called by the code under test;"
                + " the grader does not let it end the run");
          }
        }
      };
      setSecurityManager(guard);
    } catch (UnsupportedOperationException | SecurityException e) {
      // Newer JDKs refuse a security manager: System.exit then ends this child, and the kata command
      // reports the check that was running as having ended the JVM.
    }
  }

  @SuppressWarnings("removal")
  private static void setSecurityManager(SecurityManager guard) {
    System.setSecurityManager(guard);
  }

  /** The efficiency checks, run on their own thread into a buffer while the other checks run. */
  private static final class Speculation {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile Throwable crash;

    private Speculation(Launcher timingLauncher, List<String> specs, String timeout) {
      Events buffered = new Events(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      thread = new Thread(() -> {
        try {
          timingLauncher.execute(discovery(specs, timeout, EFFICIENCY, null), buffered);
        } catch (Throwable t) {
          crash = t;
        }
      }, "efficiency-pass");
      thread.setDaemon(true);
    }

    static Speculation start(Launcher timingLauncher, List<String> specs, String timeout) {
      Speculation s = new Speculation(timingLauncher, specs, timeout);
      s.thread.start();
      return s;
    }

    /**
     * Waits for the timings and passes on the events of {@code katas}; false when the pass crashed
     * (an OutOfMemoryError, say) and the checks must be run again the ordinary way.
     */
    boolean replay(Set<String> katas, Events events) throws InterruptedException {
      thread.join();
      if (crash != null) {
        return false;
      }
      for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject event = GSON.fromJson(line, JsonObject.class);
        if (event.has("kata") && katas.contains(event.get("kata").getAsString())) {
          events.emit(event);
        }
      }
      return true;
    }

    /** No kata needs the timings: stop the pass and the candidate it may be timing. */
    void cancel() {
      Runaways.stop(t -> t == thread || t.getName().startsWith("efficiency-check"));
    }
  }

  /** Streams the run as JSON lines. */
  private static final class Events implements TestExecutionListener {
    private final PrintStream out;
    private TestPlan plan;
    private final Map<String, String> names = new HashMap<>();
    /** Katas with at least one check run, and those with a check that did not pass. */
    final Set<String> ranKatas = new HashSet<>();
    final Set<String> failedKatas = new HashSet<>();
    /** After this many timed-out checks in one kata, the run stops (an endless loop would cost every check). */
    int maxTimeouts = Integer.MAX_VALUE;
    private final Map<String, Integer> timeouts = new HashMap<>();
    /** In the first phase of "after": a kata with no failure is not done yet (its efficiency checks follow). */
    volatile boolean holdPassing;

    Events(PrintStream out) {
      this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      this.plan = testPlan;
      this.names.clear();
      JsonObject o = new JsonObject();
      o.addProperty("event", "plan");
      int count = 0;
      for (TestIdentifier root : testPlan.getRoots()) {
        count += testPlan.getDescendants(root).stream().filter(TestIdentifier::isTest).count();
      }
      o.addProperty("tests", count);
      emit(o);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
      KataId kata = kataOf(test);
      if (kata == null) {
        return;
      }
      JsonObject o = new JsonObject();
      o.addProperty("event", test.isTest() ? "started" : "container-started");
      o.addProperty("kata", kata.toString());
      o.addProperty("id", test.getUniqueId());
      o.addProperty("name", nameOf(test));
      emit(o);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      KataId kata = kataOf(test);
      // Checks (or groups of checks) skipped because an earlier check of the kata ran out of time
      // count as failing, as on the Maven scoreboard (GradingExtension skips them).
      boolean afterTimeout = reason != null && reason.contains("ran out of time");
      if (kata == null || (!test.isTest() && !afterTimeout)) {
        return;
      }
      JsonObject o = new JsonObject();
      o.addProperty("event", "finished");
      o.addProperty("kata", kata.toString());
      o.addProperty("id", test.getUniqueId());
      o.addProperty("name", nameOf(test));
      o.addProperty("status", afterTimeout ? "failed" : "skipped");
      o.addProperty("message", reason);
      if (afterTimeout) {
        ranKatas.add(kata.toString());
        failedKatas.add(kata.toString());
      }
      emit(o);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      KataId kata = kataOf(test);
      if (kata == null) {
        return;
      }
      boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
      Throwable cause = result.getThrowable().orElse(null);
      if (cause != null && Runaways.isTimeout(cause)) {
        Runaways.stopTimedOutChecks();
      }
      boolean specClass = !test.isTest() && test.getSource().get() instanceof ClassSource
          && ((ClassSource) test.getSource().get()).getClassName().indexOf('$') < 0;
      if (!test.isTest() && !failed) {
        if (specClass) {
          kataDone(kata);
        }
        return;
      }
      JsonObject o = new JsonObject();
      o.addProperty("event", test.isTest() ? "finished" : "container-failed");
      o.addProperty("kata", kata.toString());
      o.addProperty("id", test.getUniqueId());
      o.addProperty("name", nameOf(test));
      String status;
      if (!failed) {
        status = "passed";
      } else if (cause != null && NotStarted.isStub(cause)) {
        status = "not-started";
      } else if (cause != null && Runaways.isTimeout(cause)) {
        status = "timeout";
      } else {
        status = "failed";
      }
      o.addProperty("status", status);
      ranKatas.add(kata.toString());
      if (!status.equals("passed")) {
        failedKatas.add(kata.toString());
      }
      if (cause != null) {
        o.addProperty("message", describe(cause));
      }
      emit(o);
      if (specClass) {
        kataDone(kata);
      }
      if (status.equals("timeout") && timeouts.merge(kata.toString(), 1, Integer::sum) >= maxTimeouts) {
        // The code under test loops; each further check would wait out its timeout too. Stop here:
        // the kata command grades the katas this run has not reached in a fresh JVM.
        JsonObject stop = new JsonObject();
        stop.addProperty("event", "abandoned");
        stop.addProperty("kata", kata.toString());
        stop.addProperty("message", maxTimeouts + " checks timed out; the remaining checks of " + kata
            + " were not run (fix the endless loop first)");
        emit(stop);
        out.flush();
        exiting = true;
        Runtime.getRuntime().halt(4);
      }
    }

    private void kataDone(KataId kata) {
      if (holdPassing && !failedKatas.contains(kata.toString()) && ranKatas.contains(kata.toString())) {
        return;
      }
      JsonObject o = new JsonObject();
      o.addProperty("event", "kata-done");
      o.addProperty("kata", kata.toString());
      emit(o);
    }

    void done(Throwable crash) {
      JsonObject o = new JsonObject();
      o.addProperty("event", "done");
      if (crash != null) {
        o.addProperty("crash", describe(crash));
      }
      emit(o);
    }

    private String nameOf(TestIdentifier test) {
      String cached = names.get(test.getUniqueId());
      if (cached != null) {
        return cached;
      }
      List<String> parts = new ArrayList<>();
      TestIdentifier t = test;
      while (t != null && kataOf(t) != null) {
        parts.add(0, t.getDisplayName());
        Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(t);
        t = parent.orElse(null);
      }
      if (parts.size() > 1) {
        parts.remove(0); // the spec's own display name repeats the kata's
      }
      String name = String.join(" > ", parts);
      names.put(test.getUniqueId(), name);
      return name;
    }

    private synchronized void emit(JsonObject o) {
      out.println(GSON.toJson(o));
      out.flush();
    }
  }

  static String describe(Throwable cause) {
    String type = cause.getClass().getName();
    String message = cause.getMessage();
    if (cause instanceof StackOverflowError) {
      return "StackOverflowError: the code recursed too deeply (endless recursion?)";
    }
    if (cause instanceof OutOfMemoryError) {
      return "OutOfMemoryError: " + (message == null ? "the code ran out of memory" : message);
    }
    if (Runaways.isTimeout(cause)) {
      return message == null ? "timed out" : message;
    }
    if (message == null || message.isBlank()) {
      Throwable inner = cause.getCause();
      if (inner != null && inner != cause) {
        return type.substring(type.lastIndexOf('.') + 1) + " caused by " + describe(inner);
      }
      return type;
    }
    if (cause instanceof AssertionError || type.startsWith("org.opentest4j")) {
      return message.strip();
    }
    return type.substring(type.lastIndexOf('.') + 1) + ": " + message.strip();
  }

  private static KataId kataOf(TestIdentifier test) {
    return ScoreboardListener.kataOf(test);
  }

}

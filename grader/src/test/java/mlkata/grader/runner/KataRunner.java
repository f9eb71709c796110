package mlkata.grader.runner;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mlkata.grader.support.KataId;
import mlkata.grader.support.Layer;
import mlkata.grader.support.LearnerFrames;
import mlkata.grader.support.NotStarted;
import mlkata.grader.support.Runaways;
import mlkata.grader.support.UntouchedStub;
import mlkata.grading.Kata;
import mlkata.grading.LearnerCompiler;
import mlkata.grading.Protocol;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
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
 * The grading JVM (started by {@code mlkata.grading.Grader}): checks the learner's classes against the
 * {@link Sandbox}, runs the specs through the JUnit Platform launcher, and reports every check on the
 * results channel ({@code mlkata.grading.Protocol}), never on standard output.
 *
 * <p>It starts, loads the launcher and the sandbox, then waits for one request line on standard input
 * ({@code {"specs": [{"kata", "spec", "learnerClass", "selectors"}], "timeout", "efficiency", "target",
 * "learnerClasses", "port", "token"}}), connects to the port and opens with the token. It first sends
 * its plan (every check it will run), then a result for each. It ends when it is done, and at once when
 * its standard input closes: the command that started it is gone.
 */
public final class KataRunner {
  private static final Gson GSON = new Gson();
  /** The tag of the timed checks (Speed groups). */
  static final String EFFICIENCY = "efficiency";

  /** Set just before the runner ends the JVM itself ({@code Runtime.halt} also asks the guard). */
  private static volatile boolean exiting;

  private KataRunner() {}

  /** {@code KATA_DEBUG=1}: when each phase ends, in ms since the JVM started, on the log (standard error). */
  private static final java.io.PrintStream DEBUG = System.getenv("KATA_DEBUG") == null ? null : System.err;

  static void debug(String what) {
    if (DEBUG != null) {
      long since = java.time.Duration.between(ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now()),
          java.time.Instant.now()).toMillis();
      DEBUG.println("[grading jvm] " + what + ": " + since + " ms after its start");
      DEBUG.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    debug("main");
    guardExit();
    // A spare (mlkata.grading.Spares) announces itself before it warms up: a command may connect at once,
    // and its request waits in the socket's queue until the warm-up is over.
    Spare spare = System.getProperty("kata.spare") == null ? null : Spare.open(Path.of(System.getProperty("kata.spare")),
        System.getProperty("kata.spareKey", ""));
    // ArchUnit's class reader takes a while to load: on the second core, while JUnit loads on this one.
    Thread sandboxWarmUp = new Thread(KataRunner::warmUpSandbox, "sandbox-warm-up");
    sandboxWarmUp.setDaemon(true);
    sandboxWarmUp.start();
    Launcher launcher = newLauncher();
    Launcher timingLauncher = newLauncher();
    try {
      // Warm up while the command compiles the learner's code: the engine, the libraries, the sandbox.
      launcher.discover(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(KataRunner.class)).build());
      warmUp();
    } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
      // only a warm-up
    }
    debug("warmed up");
    if (spare != null) {
      serveAsSpare(spare, launcher, timingLauncher);
      return;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    debug("request");
    if (line == null || line.isBlank()) {
      halt(0);
    }
    JsonObject request = GSON.fromJson(line, JsonObject.class);
    // The command keeps standard input open while it waits for results.
    guardOrphan(in::read);
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), request.get("port").getAsInt());
    Channel channel = new Channel(new DataOutputStream(new BufferedOutputStream(socket.getOutputStream())));
    JsonObject hello = new JsonObject();
    hello.addProperty("token", request.get("token").getAsString());
    channel.send(hello);
    serve(request, channel, launcher, timingLauncher);
  }

  /** Reads what the command sends: -1 once the command is gone. */
  private interface CommandInput {
    int read() throws IOException;
  }

  /** Ends this JVM at once when the command that asked for it is gone (even by {@code kill -9}). */
  private static void guardOrphan(CommandInput input) {
    Thread orphanGuard = new Thread(() -> {
      try {
        while (input.read() >= 0) {
          // the command sends nothing more; its stream ends when it is gone
        }
      } catch (IOException e) {
        // closed
      }
      halt(5);
    }, "kata-orphan-guard");
    orphanGuard.setDaemon(true);
    orphanGuard.start();
  }

  /** Serves one request on {@code channel}, with the learner's output captured, then ends the JVM. */
  private static void serve(JsonObject request, Channel channel, Launcher launcher, Launcher timingLauncher) {
    // The seed of the properties' random inputs comes with the request (QuickTheories reads QT_SEED at
    // each property), so a spare replays a seed only for the command that asked for it.
    if (request.has("seed")) {
      System.setProperty("QT_SEED", request.get("seed").getAsString());
    } else {
      System.clearProperty("QT_SEED");
    }
    OutputCapture capture = new OutputCapture();
    capture.install();
    OutputCapture.lane("main");
    // kata show: a picture of one kata instead of its checks (PictureRunner), under the same sandbox.
    int code = request.has("picture") ? PictureRunner.run(request, channel, launcher)
        : new KataRunner.Run(launcher, timingLauncher, request, channel, capture).run();
    channel.close();
    halt(code);
  }

  /**
   * A spare grading JVM started ahead of time by the {@code kata} command: it waits, warm, for the next
   * command to connect and send its token and request, serves that one request exactly as a JVM started
   * for it would, and ends. Unclaimed, it ends after {@code kata.spareIdle} ms.
   */
  private static void serveAsSpare(Spare spare, Launcher launcher, Launcher timingLauncher) throws IOException {
    long idle = Long.getLong("kata.spareIdle", 600_000L);
    int warmUps = Integer.getInteger("kata.spareWarmUps", 3);
    while (true) {
      Socket socket;
      try {
        // While nobody asks, run the warm-up checks a few times; then wait.
        spare.server.setSoTimeout(warmUps > 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, idle));
        socket = spare.server.accept();
      } catch (java.net.SocketTimeoutException unclaimed) {
        if (warmUps-- > 0) {
          LearnerCompiler.warmUp();
          warmUpChecks(launcher);
          continue;
        }
        spare.forget();
        halt(0);
        return;
      }
      JsonObject hello;
      java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
      try {
        socket.setSoTimeout(5_000);
        hello = Protocol.read(in);
      } catch (IOException | RuntimeException e) {
        hello = null;
      }
      if (hello == null || !hello.has("token") || !spare.token.equals(hello.get("token").getAsString())
          || !hello.has("request")) {
        socket.close();
        continue;
      }
      // Claimed: no second command can reach this JVM any more.
      spare.forget();
      spare.server.close();
      socket.setSoTimeout(0);
      JsonObject request = hello.getAsJsonObject("request");
      Channel channel = new Channel(new DataOutputStream(new BufferedOutputStream(socket.getOutputStream())));
      JsonObject accepted = new JsonObject();
      accepted.addProperty("event", "accepted");
      channel.send(accepted);
      guardOrphan(in::read);
      serve(request, channel, launcher, timingLauncher);
      return;
    }
  }

  /** Runs {@link WarmUpChecks}: JIT-compiles the engine and libraries every check goes through. */
  private static void warmUpChecks(Launcher launcher) {
    try {
      launcher.execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(DiscoverySelectors.selectClass(WarmUpChecks.class)).build());
    } catch (RuntimeException | LinkageError e) {
      // only a warm-up
    }
    debug("warm-up checks");
  }

  /** The announcement of a spare: its port and token, in a file only the grader's own code reads. */
  private static final class Spare {
    final Path file;
    final java.net.ServerSocket server;
    final String token = Protocol.newToken();

    private Spare(Path file, java.net.ServerSocket server) {
      this.file = file;
      this.server = server;
    }

    static Spare open(Path file, String key) throws IOException {
      Spare s = new Spare(file, new java.net.ServerSocket(0, 4, InetAddress.getLoopbackAddress()));
      JsonObject o = new JsonObject();
      o.addProperty("pid", ProcessHandle.current().pid());
      o.addProperty("start", mlkata.grading.Background.startOfThisProcess());
      o.addProperty("port", s.server.getLocalPort());
      o.addProperty("token", s.token);
      o.addProperty("key", key);
      Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      java.nio.file.Files.writeString(tmp, o.toString(), StandardCharsets.UTF_8);
      java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      debug("spare announced");
      return s;
    }

    /** Removes the announcement if it is still this JVM's. */
    void forget() {
      try {
        if (java.nio.file.Files.readString(file, StandardCharsets.UTF_8).contains(token)) {
          java.nio.file.Files.deleteIfExists(file);
        }
      } catch (IOException | RuntimeException e) {
        // gone already, or replaced by a newer spare
      }
    }
  }

  private static void halt(int code) {
    exiting = true;
    Runtime.getRuntime().halt(code);
  }

  /** Loads the libraries every spec uses, and the sandbox's class reader, off the critical path. */
  private static void warmUp() throws ReflectiveOperationException, URISyntaxException {
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

  private static void warmUpSandbox() {
    try {
      Path own = Path.of(KataRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Sandbox.warmUp(own.resolve("mlkata/grader/runner"));
    } catch (RuntimeException | LinkageError | URISyntaxException e) {
      // only a warm-up
    }
    debug("sandbox warmed up");
  }

  private static Launcher newLauncher() {
    return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
  }

  /** The results channel: frames, written one at a time. */
  static final class Channel {
    private final DataOutputStream out;

    Channel(DataOutputStream out) {
      this.out = out;
    }

    synchronized void send(JsonObject frame) {
      try {
        Protocol.write(out, frame);
      } catch (IOException e) {
        halt(6); // the command is gone
      }
    }

    synchronized void close() {
      try {
        out.flush();
        out.close();
      } catch (IOException e) {
        // nothing left to tell
      }
    }
  }

  /** One request: sandbox, plan, checks. */
  private static final class Run {
    private final Launcher launcher;
    private final Launcher timingLauncher;
    private final JsonObject request;
    private final Channel channel;
    private final OutputCapture capture;
    private final Map<String, JsonObject> specs = new LinkedHashMap<>();
    /** Unique ids of the planned efficiency checks, by kata. */
    private final Map<String, List<JsonObject>> efficiencyChecks = new HashMap<>();

    Run(Launcher launcher, Launcher timingLauncher, JsonObject request, Channel channel, OutputCapture capture) {
      this.launcher = launcher;
      this.timingLauncher = timingLauncher;
      this.request = request;
      this.channel = channel;
      this.capture = capture;
    }

    int run() {
      Events events = new Events(channel, capture, "main");
      try {
        String target = request.has("target") ? request.get("target").getAsString() : "exercises";
        System.setProperty("kata.target", target);
        if (request.has("compile")) {
          compile(request);
        }
        String learnerPackage = target.equals("solutions") ? "mlkata.solutions" : "mlkata.exercises";
        Sandbox sandbox = new Sandbox(Path.of(request.get("learnerClasses").getAsString()), learnerPackage);
        Map<String, JsonObject> requested = new LinkedHashMap<>();
        for (JsonElement e : request.getAsJsonArray("specs")) {
          requested.put(e.getAsJsonObject().get("kata").getAsString(), e.getAsJsonObject());
        }
        String timeout = request.has("timeout") ? request.get("timeout").getAsString() : null;
        // The sandbox reads the learner's class files while JUnit discovers the checks: discovery loads
        // classes but runs none of the learner's code, and nothing runs before the sandbox has spoken.
        Map<String, List<String>> refusals = new LinkedHashMap<>();
        Thread inspection = new Thread(() -> requested.forEach((kata, spec) ->
            refusals.put(kata, sandbox.check(spec.get("learnerClass").getAsString()))), "sandbox");
        inspection.start();
        specs.putAll(requested);
        UntouchedStub.clear();
        for (JsonObject spec : requested.values()) {
          if (spec.has("untouched")) {
            List<String> methods = new ArrayList<>();
            spec.getAsJsonArray("untouched").forEach(m -> methods.add(m.getAsString()));
            UntouchedStub.mark(KataId.parse(spec.get("kata").getAsString()), methods);
          }
        }
        TestPlan plan = launcher.discover(discovery(timeout, null, null));
        debug("discovered");
        inspection.join();
        debug("inspected");
        for (Map.Entry<String, List<String>> r : refusals.entrySet()) {
          if (!r.getValue().isEmpty()) {
            specs.remove(r.getKey());
            JsonObject o = new JsonObject();
            o.addProperty("event", "refused");
            o.addProperty("kata", r.getKey());
            JsonArray lines = new JsonArray();
            r.getValue().forEach(lines::add);
            o.add("lines", lines);
            channel.send(o);
          }
        }
        if (refusals.size() < requested.size()) {
          throw new IllegalStateException("the sandbox could not inspect every kata's classes");
        }
        if (specs.isEmpty()) {
          events.done(null);
          return 0;
        }
        if (request.has("maxTimeouts")) {
          events.maxTimeouts = request.get("maxTimeouts").getAsInt();
        }
        sendPlan(plan);
        // "all": every check at once; "skip": no efficiency checks; "after": efficiency checks only for
        // katas whose other checks all passed (a kata that fails already fails; timing it adds nothing).
        String efficiency = request.has("efficiency") ? request.get("efficiency").getAsString() : "all";
        events.unrunEfficiency = efficiency.equals("skip") ? "speed not checked (quick mode)"
            : efficiency.equals("after") ? "speed not checked: it is timed once every other check passes" : null;
        events.efficiencyChecks = efficiencyChecks;
        if (efficiency.equals("all")) {
          launcher.execute(discovery(timeout, null, null), events);
        } else {
          boolean after = efficiency.equals("after");
          Speculation speculation = after ? Speculation.start(timingLauncher, discovery(timeout, EFFICIENCY, null),
              capture) : null;
          events.holdPassing = after;
          launcher.execute(discovery(timeout, null, EFFICIENCY), events);
          events.holdPassing = false;
          if (after) {
            Set<String> passing = new HashSet<>();
            for (String kata : specs.keySet()) {
              if (!events.failedKatas.contains(kata) && events.ranKatas.contains(kata)) {
                passing.add(kata);
              }
            }
            if (passing.isEmpty()) {
              speculation.cancel();
            } else if (!speculation.replay(passing, events)) {
              events.unrunEfficiency = null;
              launcher.execute(discoveryOf(passing, timeout, EFFICIENCY, null), events);
            }
            for (String kata : passing) {
              events.kataDone(kata);
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

    /**
     * A spare compiles the learner's files itself ({@code mlkata.grading.LearnerCompiler}, as the command
     * would) before anything reads them, reports the outcome, and leaves out the katas that did not compile.
     */
    private void compile(JsonObject request) {
      List<Kata> katas = new ArrayList<>();
      for (JsonElement e : request.getAsJsonArray("specs")) {
        String[] id = e.getAsJsonObject().get("kata").getAsString().split("/", 2);
        katas.add(new Kata(id[0], id[1], ""));
      }
      JsonObject frame = LearnerCompiler.compileFrame(Path.of(request.getAsJsonObject("compile").get("root").getAsString()),
          Path.of(request.get("learnerClasses").getAsString()), katas);
      debug("compiled");
      channel.send(frame);
      JsonArray kept = new JsonArray();
      for (JsonElement e : request.getAsJsonArray("specs")) {
        if (!frame.getAsJsonObject("errors").has(e.getAsJsonObject().get("kata").getAsString())) {
          kept.add(e);
        }
      }
      request.add("specs", kept);
    }

    /** Every check and group the run will report, so the command can tell a missing result. */
    private void sendPlan(TestPlan plan) {
      JsonArray nodes = new JsonArray();
      for (TestIdentifier root : plan.getRoots()) {
        for (TestIdentifier t : plan.getDescendants(root)) {
          KataId kata = kataOf(t);
          if (kata == null || !specs.containsKey(kata.toString())) {
            continue;
          }
          JsonObject node = Events.node(plan, t, kata);
          nodes.add(node);
          boolean check = t.isTest() || t.getSource().orElse(null) instanceof MethodSource;
          if (check && isEfficiency(plan, t)) {
            efficiencyChecks.computeIfAbsent(kata.toString(), k -> new ArrayList<>()).add(node);
          }
        }
      }
      JsonObject o = new JsonObject();
      o.addProperty("event", "plan");
      o.add("nodes", nodes);
      channel.send(o);
    }

    private static boolean isEfficiency(TestPlan plan, TestIdentifier t) {
      for (Optional<TestIdentifier> x = Optional.of(t); x.isPresent(); x = plan.getParent(x.get())) {
        if (x.get().getTags().contains(TestTag.create(EFFICIENCY))) {
          return true;
        }
      }
      return false;
    }

    private LauncherDiscoveryRequest discovery(String timeout, String includeTag, String excludeTag) {
      return discoveryOf(specs.keySet(), timeout, includeTag, excludeTag);
    }

    private LauncherDiscoveryRequest discoveryOf(Set<String> katas, String timeout, String includeTag, String excludeTag) {
      return checksOf(specs, katas, timeout, includeTag, excludeTag);
    }
  }

  /**
   * The discovery request for the checks of {@code katas} (each described in {@code specs} as in a grading
   * request), with the per-check {@code timeout} and tag filters; {@link PictureRunner} asks for a kata's
   * checks the same way.
   */
  static LauncherDiscoveryRequest checksOf(Map<String, JsonObject> specs, Set<String> katas, String timeout,
      String includeTag, String excludeTag) {
    LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
        .filters(EngineFilter.includeEngines("junit-jupiter"));
    for (String kata : katas) {
      JsonObject spec = specs.get(kata);
      JsonArray selectors = spec.has("selectors") ? spec.getAsJsonArray("selectors") : new JsonArray();
      if (selectors.isEmpty()) {
        builder.selectors(DiscoverySelectors.selectClass(spec.get("spec").getAsString()));
      }
      for (JsonElement s : selectors) {
        String sel = s.getAsString();
        if (sel.startsWith("method:")) {
          builder.selectors(DiscoverySelectors.selectMethod(sel.substring("method:".length())));
        } else {
          builder.selectors(DiscoverySelectors.selectClass(sel.substring(sel.indexOf(':') + 1)));
        }
      }
    }
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
      // Newer JDKs refuse a security manager; the sandbox refuses System.exit before any code runs anyway.
    }
  }

  @SuppressWarnings("removal")
  private static void setSecurityManager(SecurityManager guard) {
    System.setSecurityManager(guard);
  }

  /** The efficiency checks, run on their own thread into a buffer while the other checks run. */
  private static final class Speculation {
    private final List<JsonObject> buffer = new ArrayList<>();
    private final Thread thread;
    private volatile Throwable crash;

    private Speculation(Launcher timingLauncher, LauncherDiscoveryRequest request, OutputCapture capture) {
      Events buffered = new Events(null, capture, "efficiency") {
        @Override
        void emit(JsonObject o) {
          synchronized (buffer) {
            buffer.add(o);
          }
        }
      };
      thread = new Thread(() -> {
        OutputCapture.lane("efficiency");
        try {
          timingLauncher.execute(request, buffered);
        } catch (Throwable t) {
          crash = t;
        }
      }, "efficiency-pass");
      thread.setDaemon(true);
    }

    static Speculation start(Launcher timingLauncher, LauncherDiscoveryRequest request, OutputCapture capture) {
      Speculation s = new Speculation(timingLauncher, request, capture);
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
      synchronized (buffer) {
        for (JsonObject event : buffer) {
          if (event.has("kata") && katas.contains(event.get("kata").getAsString())
              && !"kata-done".equals(event.get("event").getAsString())) {
            events.emit(event);
          }
        }
      }
      return true;
    }

    /** No kata needs the timings: stop the pass and the candidate it may be timing. */
    void cancel() {
      Runaways.stop(t -> t == thread || t.getName().startsWith("efficiency-check"));
    }
  }

  /** Reports the run on the channel as it happens. */
  private static class Events implements TestExecutionListener {
    private final Channel channel;
    private final OutputCapture capture;
    private final String lane;
    private TestPlan plan;
    private final Map<String, String> names = new HashMap<>();
    /** Katas with at least one check run, and those with a check that did not pass. */
    final Set<String> ranKatas = new HashSet<>();
    final Set<String> failedKatas = new HashSet<>();
    private final Map<String, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** After this many timed-out checks in one kata, the run stops (an endless loop would cost every check). */
    int maxTimeouts = Integer.MAX_VALUE;
    private final Map<String, Integer> timeouts = new HashMap<>();
    /** In the first phase of "after": a kata with no failure is not done yet (its efficiency checks follow). */
    volatile boolean holdPassing;
    /** Why efficiency checks left out of this pass did not run, or null when they all run. */
    String unrunEfficiency;
    Map<String, List<JsonObject>> efficiencyChecks = Map.of();

    Events(Channel channel, OutputCapture capture, String lane) {
      this.channel = channel;
      this.capture = capture;
      this.lane = lane;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      this.plan = testPlan;
      this.names.clear();
      OutputCapture.lane(lane);
    }

    static JsonObject node(TestPlan plan, TestIdentifier t, KataId kata) {
      JsonObject node = new JsonObject();
      node.addProperty("id", t.getUniqueId());
      node.addProperty("parent", t.getParentId().orElse(null));
      node.addProperty("kata", kata.toString());
      node.addProperty("kind", t.isTest() ? "test" : t.getSource().orElse(null) instanceof MethodSource ? "method" : "class");
      node.addProperty("name", nameOf(plan, t));
      node.addProperty("layer", layerOf(t).ordinal());
      return node;
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier test) {
      KataId kata = kataOf(test);
      if (kata == null) {
        return;
      }
      JsonObject o = node(plan, test, kata);
      o.addProperty("event", "registered");
      emit(o);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
      KataId kata = kataOf(test);
      if (kata == null || !test.isTest()) {
        return;
      }
      capture.start(test.getUniqueId());
      startedAt.put(test.getUniqueId(), System.nanoTime());
      JsonObject o = new JsonObject();
      o.addProperty("event", "started");
      o.addProperty("kata", kata.toString());
      o.addProperty("id", test.getUniqueId());
      emit(o);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      KataId kata = kataOf(test);
      if (kata == null) {
        return;
      }
      // Checks (or groups of checks) skipped because an earlier check of the kata ran out of time
      // count as failing (GradingExtension skips them).
      boolean afterTimeout = reason != null && reason.contains("ran out of time");
      JsonObject o = result(test, kata, afterTimeout ? "failed" : "skipped", reason, "");
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
      boolean specClass = !test.isTest() && test.getSource().orElse(null) instanceof ClassSource
          && ((ClassSource) test.getSource().get()).getClassName().indexOf('$') < 0;
      String output = test.isTest() ? capture.finish(test.getUniqueId()) : "";
      if (!test.isTest() && !failed) {
        emit(result(test, kata, "passed", null, ""));
        if (specClass) {
          specFinished(kata.toString());
        }
        return;
      }
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
      ranKatas.add(kata.toString());
      if (!status.equals("passed")) {
        failedKatas.add(kata.toString());
      }
      emit(result(test, kata, status, cause == null ? null : describe(cause), output));
      if (specClass) {
        specFinished(kata.toString());
      }
      if (status.equals("timeout") && timeouts.merge(kata.toString(), 1, Integer::sum) >= maxTimeouts) {
        // The code under test loops; each further check would wait out its timeout too. Stop here:
        // the command grades the katas this run has not reached in a fresh JVM.
        JsonObject stop = new JsonObject();
        stop.addProperty("event", "abandoned");
        stop.addProperty("kata", kata.toString());
        stop.addProperty("message", maxTimeouts + " checks timed out; the remaining checks of " + kata
            + " were not run (fix the endless loop first)");
        emit(stop);
        done(null);
        halt(4);
      }
    }

    private JsonObject result(TestIdentifier test, KataId kata, String status, String message, String output) {
      JsonObject o = new JsonObject();
      o.addProperty("event", "finished");
      o.addProperty("kata", kata.toString());
      o.addProperty("id", test.getUniqueId());
      o.addProperty("kind", test.isTest() ? "test" : "container");
      o.addProperty("name", nameOf(plan, test));
      o.addProperty("layer", layerOf(test).ordinal());
      o.addProperty("status", status);
      if (message != null) {
        o.addProperty("message", message);
      }
      o.addProperty("output", output);
      Long t0 = startedAt.remove(test.getUniqueId());
      if (t0 != null) {
        o.addProperty("ms", (System.nanoTime() - t0) / 1_000_000);
      }
      return o;
    }

    /** The spec's checks of this pass are over: say why its untimed efficiency checks did not run. */
    private void specFinished(String kata) {
      if (unrunEfficiency != null && (!holdPassing || failedKatas.contains(kata) || !ranKatas.contains(kata))) {
        for (JsonObject check : efficiencyChecks.getOrDefault(kata, List.of())) {
          JsonObject o = check.deepCopy();
          o.addProperty("event", "finished");
          o.addProperty("status", "skipped");
          o.addProperty("message", unrunEfficiency);
          o.addProperty("output", "");
          emit(o);
        }
      }
      if (holdPassing && !failedKatas.contains(kata) && ranKatas.contains(kata)) {
        return;
      }
      kataDone(kata);
    }

    void kataDone(String kata) {
      JsonObject o = new JsonObject();
      o.addProperty("event", "kata-done");
      o.addProperty("kata", kata);
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

    void emit(JsonObject o) {
      channel.send(o);
    }

    private static Layer layerOf(TestIdentifier t) {
      TestSource source = t.getSource().orElse(null);
      if (source instanceof MethodSource) {
        return Layer.ofClass(((MethodSource) source).getClassName());
      }
      if (source instanceof ClassSource) {
        return Layer.ofClass(((ClassSource) source).getClassName());
      }
      return Layer.PROPERTIES;
    }

    private static String nameOf(TestPlan plan, TestIdentifier test) {
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
      return String.join(" > ", parts);
    }
  }

  /** A failure in words, with the learner's own lines when the learner's code threw. */
  static String describe(Throwable cause) {
    String type = cause.getClass().getName();
    String message = cause.getMessage();
    if (cause instanceof StackOverflowError) {
      return LearnerFrames.append("StackOverflowError: the code recursed too deeply (endless recursion?)", cause);
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
      return LearnerFrames.append(type, cause);
    }
    if (cause instanceof AssertionError || type.startsWith("org.opentest4j")) {
      return message.strip();
    }
    return LearnerFrames.append(type.substring(type.lastIndexOf('.') + 1) + ": " + message.strip(), cause);
  }

  static KataId kataOf(TestIdentifier test) {
    Optional<TestSource> source = test.getSource();
    if (source.isEmpty()) {
      return null;
    }
    String className;
    if (source.get() instanceof MethodSource) {
      className = ((MethodSource) source.get()).getClassName();
    } else if (source.get() instanceof ClassSource) {
      className = ((ClassSource) source.get()).getClassName();
    } else {
      return null;
    }
    int nested = className.indexOf('$');
    try {
      return KataId.ofSpecClass(nested < 0 ? className : className.substring(0, nested));
    } catch (IllegalArgumentException notAKataName) {
      return null;
    }
  }
}

package mlkata.cli;

import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Grade your code (a kata, a topic, or all).",
        "Compiles the kata's file and runs its specs in a separate JVM.",
        "Exit code 0 only when every kata asked for passes."})
final class CheckCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "KATA|TOPIC", description = "A kata (roc-auc or metrics/roc-auc) or a topic; all katas when omitted.")
  String selector;

  @Option(names = "--all", description = "Grade every kata.")
  boolean all;

  @Option(names = "--json", description = "Print machine-readable results (per check: name, status, message).")
  boolean json;

  @Option(names = "--quick", description = "Skip the efficiency checks (the ones that time a large input against the reference).")
  boolean quick;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Time limit of each check in seconds (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = {"-v", "--verbose"}, description = "Show every failing check, not just the first few.")
  boolean verbose;

  @Option(names = "--efficiency-always", description = "Run the efficiency checks even when other checks fail"
      + " (by default they run once the others pass).")
  boolean efficiencyAlways;

  @Option(names = "--full-jit", description = "Grade in a JVM with the full JIT (C2), as Maven does;"
      + " by default the grading JVM uses C1 only, which starts faster.")
  boolean fullJit;

  @Option(names = "--seed", paramLabel = "SEED",
      description = "Replay the random inputs of a failed property (the seed its message printed).")
  Long seed;

  @Option(names = "--target", hidden = true, defaultValue = "exercises")
  String target;

  @Override
  public Integer call() {
    debug("parsed");
    Duration checkTimeout = Limits.timeout(timeoutSeconds);
    Session s = new Session(main, spec.commandLine());
    List<Kata> katas = all || selector == null ? s.catalog().all() : s.catalog().select(selector);
    Grader.Options options = new Grader.Options(checkTimeout, quick, target,
        efficiencyAlways, fullJit, seed != null ? Long.toString(seed) : s.seed());
    List<KataResult> results = run(s, katas, options, json, verbose ? Integer.MAX_VALUE : 5);
    boolean ok = results.stream().allMatch(r -> r.status().equals("passing"));
    if (json) {
      s.out.println(Store.GSON.toJson(json(results, ok)));
      s.out.flush();
    }
    return ok ? 0 : 1;
  }

  /** {@code KATA_DEBUG=1}: when each step of the command ends, in ms since its JVM started, on standard error. */
  static void debug(String what) {
    if (System.getenv("KATA_DEBUG") != null) {
      long since = java.time.Duration.between(ProcessHandle.current().info().startInstant().orElse(java.time.Instant.now()),
          java.time.Instant.now()).toMillis();
      System.err.println("[kata debug] command: " + what + " at " + since + " ms after its JVM started (wall clock " + System.currentTimeMillis() % 100000 + ")");
    }
  }

  /** Grades and prints progress (to err when the output is JSON). */
  static List<KataResult> run(Session s, List<Kata> katas, Grader.Options options, boolean json, int maxFailures) {
    debug("grading starts");
    long t0 = System.nanoTime();
    if (katas.size() > 1) {
      (json ? s.err : s.out).println("Grading " + katas.size() + " katas" + (options.quick() ? " (quick: no efficiency checks)" : "") + "...");
      (json ? s.err : s.out).flush();
    }
    List<KataResult> results;
    try (Grader grader = s.grader()) {
      results = grader.grade(katas, options, (r, done, total) -> {
      if (json) {
        if (total > 1) {
          s.err.printf("[%d/%d] %s %s%n", done, total, r.kata.id(), r.status());
          s.err.flush();
        }
      } else {
        if (total > 1) {
          s.out.printf("[%d/%d] ", done, total);
        }
        s.print(r, maxFailures);
        if (r.status().equals("failing") && r.compileErrors().isEmpty() && ShowCommand.hasPicture(s.repo, r.kata)) {
          s.out.println("  See it: kata show " + r.kata.name() + "   (draws your result next to the reference's)");
          s.out.flush();
        }
      }
      });
      debug("graded");
      if (options.target().equals("exercises")) {
        s.recordChecks(results);
        debug("recorded");
      }
      if (!json) {
        long passing = results.stream().filter(r -> r.status().equals("passing")).count();
        s.out.printf("%d of %d passing (%.1f s)%n", passing, results.size(), (System.nanoTime() - t0) / 1e9);
        s.out.flush();
      }
      // Last: the spare's start should not slow the verdict.
      grader.leaveSpare();
      debug("spare left");
    }
    return results;
  }

  static JsonObject json(List<KataResult> results, boolean ok) {
    JsonObject o = new JsonObject();
    o.addProperty("ok", ok);
    JsonArray arr = new JsonArray();
    results.forEach(r -> arr.add(Session.toJson(r)));
    o.add("katas", arr);
    return o;
  }
}

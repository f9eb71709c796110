package mlkata.cli;

import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import mlkata.grading.Workspace;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** What every subcommand shares: the environment, the catalog, the output writers and the state. */
final class Session {
  final Env env;
  final Repo repo;
  final PrintWriter out;
  final PrintWriter err;
  final Ansi ansi;
  private Catalog catalog;

  Session(Main main, CommandLine cl) {
    this.env = main.env;
    this.repo = env.repo();
    this.out = cl.getOut();
    this.err = cl.getErr();
    this.ansi = cl.getColorScheme().ansi();
    Store.checkStateDir(repo);
  }

  Catalog catalog() {
    if (catalog == null) {
      catalog = Catalog.load(repo);
      new Pristine(repo).remember(catalog.all());
      Store.cleanLeftovers(repo, catalog.all().stream()
          .map(k -> repo.file(k.exercisePath()).getParent()).collect(java.util.stream.Collectors.toList()),
          Instant.now()); // file times are the wall clock's, whatever env.clock says
    }
    return catalog;
  }

  Instant now() {
    return env.clock.instant();
  }

  String color(String style, String text) {
    return ansi.string("@|" + style + " " + text.replace("|@", "| @") + "|@");
  }

  String statusColored(String status) {
    switch (status) {
      case "passing":
        return color("green", status);
      case "failing":
      case "compile error":
        return color("red", status);
      case "not started":
        return color("faint", status);
      default:
        return color("yellow", status);
    }
  }

  Store.State state() {
    return Store.loadState(repo, now(), err);
  }

  void save(Store.State state) {
    Store.saveJson(repo.stateFile(), state);
  }

  Store.History history() {
    return Store.loadHistory(repo, now(), err);
  }

  /** The drill in progress, or null. */
  Store.Drill activeDrill() {
    if (!java.nio.file.Files.exists(repo.drillFile())) {
      return null;
    }
    return Store.loadJson(repo.drillFile(), Store.Drill.class, null, now(), err);
  }

  String hashOf(Kata k) {
    return Store.sha256(Store.read(repo.file(k.exercisePath())));
  }

  /** True when the last check of this kata passed on the file as it is now. */
  boolean passesNow(Store.State state, Kata k) {
    Store.KataState ks = state.katas.get(k.id());
    return ks != null && "passing".equals(ks.lastStatus) && hashOf(k).equals(ks.lastHash);
  }

  /** Status for {@code list}: from the last check when the file has not changed since. */
  String listedStatus(Store.State state, Kata k) {
    String source = Store.read(repo.file(k.exercisePath()));
    Store.KataState ks = state.katas.get(k.id());
    if (ks != null && ks.lastStatus != null && Store.sha256(source).equals(ks.lastHash)) {
      return ks.lastStatus;
    }
    if (source.equals(Store.readOrNull(repo.pristineCopies().resolve(k.exercisePath())))) {
      return "not started";
    }
    return "not checked";
  }

  void recordChecks(List<KataResult> results) {
    Store.State state = state();
    String when = now().toString();
    for (KataResult r : results) {
      Store.KataState ks = state.of(r.kata);
      ks.lastStatus = r.status().equals("compile error") ? "failing" : r.status();
      ks.lastHash = hashOf(r.kata);
      ks.lastChecked = when;
      ks.checks++;
      if (r.status().equals("passing")) {
        ks.passes++;
        if (ks.firstPassed == null) {
          ks.firstPassed = when;
        }
      }
    }
    save(state);
    Store.Checks log = Store.loadChecks(repo, now(), err);
    for (KataResult r : results) {
      Store.CheckRun run = new Store.CheckRun();
      run.kata = r.kata.id();
      run.time = when;
      run.status = r.status();
      run.passed = r.passedCount();
      run.total = r.gradedCount();
      log.runs.add(run);
    }
    if (log.runs.size() > Store.MAX_RUNS) {
      log.runs.subList(0, log.runs.size() - Store.MAX_RUNS).clear();
    }
    Store.saveJson(repo.checksLog(), log);
  }

  /** Prints one kata's result (see {@link Report}). */
  void print(KataResult r, int maxFailures) {
    new Report(out, this::color).print(r, statusColored(r.status()), maxFailures);
  }

  /** One kata's result as JSON (see {@link Report#toJson}). */
  static JsonObject toJson(KataResult r) {
    return Report.toJson(r);
  }

  /** The seed of the properties' random inputs from {@code QT_SEED}, or null for fresh ones. */
  String seed() {
    return env.getenv("QT_SEED");
  }

  /** The grader of this repository for the kata command. */
  Grader grader() {
    // Spare grading JVMs only for a real run of the command: tests give their own classpath.
    boolean spares = env.graderClasspath == null && !"0".equals(env.getenv("KATA_SPARE"));
    return new Grader(Workspace.kataCommand(repo.root, env.graderClasspath).withSpares(spares));
  }

  /**
   * Before the kata passes, asks whether to reveal the reference (unless {@code yes}), and records that
   * the solution was seen (in the state, and in the running drill of this kata). Returns false when the
   * learner declines.
   */
  boolean confirmSpoiler(Kata kata, boolean yes, String what) {
    Store.State state = state();
    if (passesNow(state, kata)) {
      return true;
    }
    if (!yes) {
      out.print(kata + " does not pass yet (as of its last check). Show " + what
          + "? This is recorded as 'solution seen'. [y/N] ");
      out.flush();
      String answer;
      try {
        answer = env.in.readLine();
      } catch (java.io.IOException e) {
        answer = null;
      }
      if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
        out.println("Not shown. (--yes skips this question.)");
        out.flush();
        return false;
      }
    }
    state.of(kata).solutionSeen = true;
    save(state);
    Store.Drill drill = activeDrill();
    if (drill != null && kata.id().equals(drill.kata)) {
      drill.solutionSeen = true;
      Store.saveJson(repo.drillFile(), drill);
    }
    return true;
  }
}

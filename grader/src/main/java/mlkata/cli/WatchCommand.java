package mlkata.cli;

import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Re-grade every time you save. Ctrl-C stops.",
        "Grades once at the start, then after every save that changes a file. On a terminal the screen",
        "is cleared before each grading. Skips the efficiency (speed) checks unless --full; a grading JVM",
        "is kept warm between saves."})
final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "KATA|TOPIC", description = "What to watch (default: all katas).")
  String selector;

  @Option(names = "--full", description = "Also run the efficiency checks on every save.")
  boolean full;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Time limit of each check (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--max-runs", hidden = true, defaultValue = "-1", description = "Stop after this many gradings (for tests and benchmarks).")
  int maxRuns;

  @Override
  public Integer call() throws InterruptedException {
    Duration checkTimeout = Limits.timeout(timeoutSeconds);
    Session s = new Session(main, spec.commandLine());
    List<Kata> katas = selector == null ? s.catalog().all() : s.catalog().select(selector);
    Grader.Options options = new Grader.Options(checkTimeout, !full, "exercises", s.seed());
    Grader grading = s.grader();
    int runs = 0;
    try (FileWatch watch = new FileWatch(s.repo, katas)) {
      s.out.println("Watching " + (katas.size() == 1 ? katas.get(0).exercisePath() : katas.size() + " kata files")
          + (full ? "" : " (quick: efficiency checks skipped, --full runs them)") + ". Ctrl-C stops.");
      s.out.flush();
      boolean terminal = s.env.terminal();
      long started = System.currentTimeMillis();
      s.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] grading " + describe(katas) + " as it is now");
      s.out.flush();
      List<KataResult> first = grading.grade(katas, options, (r, d, t) -> s.print(r, 5));
      s.recordChecks(first);
      s.out.println("  graded in " + (System.currentTimeMillis() - started) + " ms" + quickNote());
      s.out.println("Waiting for a save...");
      s.out.flush();
      grading.prestart(false);
      while (maxRuns < 0 || runs < maxRuns) {
        Set<Kata> changed = watch.await(s.env.poll);
        if (changed.isEmpty()) {
          continue;
        }
        long savedAt = changed.stream().mapToLong(k -> mtime(s, k)).max().orElse(System.currentTimeMillis());
        long detected = System.currentTimeMillis();
        if (terminal) {
          s.out.print(CLEAR_SCREEN);
        }
        s.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] saved: "
            + String.join(", ", changed.stream().map(Kata::id).toArray(String[]::new))
            + " (grading started " + Math.max(0, detected - savedAt) + " ms after the save)");
        s.out.flush();
        List<KataResult> results = grading.grade(new ArrayList<>(changed), options,
            (r, d, t) -> s.print(r, 5));
        s.recordChecks(results);
        s.out.println("  graded " + (System.currentTimeMillis() - savedAt) + " ms after the save" + quickNote());
        s.out.flush();
        runs++;
        grading.prestart(false);
      }
    } finally {
      grading.close();
    }
    return 0;
  }

  /** Moves the cursor home and erases the screen (ANSI; every terminal emulator in use understands it). */
  static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

  private String quickNote() {
    return full ? "" : " (quick: the speed checks were left out; --full runs them)";
  }

  private static String describe(List<Kata> katas) {
    return katas.size() == 1 ? katas.get(0).id() : katas.size() + " katas";
  }

  private static long mtime(Session s, Kata k) {
    try {
      return Files.getLastModifiedTime(s.repo.file(k.exercisePath())).toMillis();
    } catch (java.io.IOException e) {
      return System.currentTimeMillis();
    }
  }
}

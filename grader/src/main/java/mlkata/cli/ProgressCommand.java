package mlkata.cli;

import mlkata.grading.Kata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "progress", mixinStandardHelpOptions = true,
    description = {"Show your progress: check runs and how many passed, drills, passes, best and median time, hints.",
        "A chart of best drill times in the terminal, and an HTML report in .kata/progress.html."})
final class ProgressCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  /** One kata's figures. */
  record Row(Kata kata, String status, int drills, int passes, long best, long median, int hints, boolean solutionSeen) {}

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Store.State state = s.state();
    Store.History history = s.history();
    Store.Checks checks = Store.loadChecks(s.repo, s.now(), s.err);
    List<Row> rows = new ArrayList<>();
    for (Kata k : s.catalog().all()) {
      Practice p = Practice.of(k, history, state);
      rows.add(new Row(k, s.listedStatus(state, k), p.drills(), p.passes(), p.best(), p.median(), p.hints(),
          p.solutionSeen()));
    }
    int idWidth = rows.stream().mapToInt(r -> r.kata().id().length()).max().orElse(4);
    String header = "%-" + idWidth + "s %-13s %6s %6s %7s | %6s %6s %6s %6s %5s %s%n";
    String row = "%-" + idWidth + "s %-13s %6d %6d %7s | %6d %6d %6s %6s %5d %s%n";
    s.out.printf(header, "kata", "status", "checks", "passed", "last", "drills", "passes", "best", "median", "hints", "solution");
    for (Row r : rows) {
      CheckFigures f = CheckFigures.of(checks, r.kata());
      s.out.printf(row, r.kata().id(), r.status(), f.runs(), f.passing(), f.last(), r.drills(), r.passes(),
          Text.duration(r.best()), Text.duration(r.median()), r.hints(), r.solutionSeen() ? "seen" : "");
    }
    s.out.println("checks: times graded (check, watch, drill); passed: runs that passed; last: checks passed in"
        + " the last run. drills, passes: drills taken and passed.");
    long max = rows.stream().mapToLong(Row::best).max().orElse(-1);
    if (max > 0) {
      s.out.println();
      s.out.println("Best drill time");
      for (Row r : rows) {
        if (r.best() < 0) {
          continue;
        }
        int width = (int) Math.max(1, Math.round(40.0 * r.best() / max));
        s.out.printf("  %-30s %s %s%n", r.kata().name(), s.color("cyan", "#".repeat(width)), Text.duration(r.best()));
      }
    }
    List<String> quiz = QuizCommand.progressLines(s);
    if (!quiz.isEmpty()) {
      s.out.println();
      quiz.forEach(s.out::println);
    }
    ProgressPage.Model model = ProgressPage.Model.of(s.catalog().all(), k -> s.listedStatus(state, k), state, history,
        checks, quiz, s.now(), s.env.clock.getZone(), k -> !ShowCommand.hasPicture(s.repo, k) ? null
            : java.nio.file.Files.isRegularFile(ShowCommand.page(s.repo, k)) ? "show/" + k.topic() + "/" + k.name() + ".html"
            : "kata show " + k.name());
    Store.writeAtomic(s.repo.progressHtml(), ProgressPage.render(model));
    s.out.println();
    s.out.println("Report: " + s.repo.progressHtml().toUri());
    s.out.flush();
    return 0;
  }

  /** A kata's check runs: how many, how many passed, and the checks passed in the last one ("12/33"). */
  /**
   * One kata's drills and help: drills taken and passed, the best and median passing times in seconds
   * (-1 without a pass), hint tiers read (in drills or outside them) and whether the solution was seen.
   */
  record Practice(int drills, int passes, long best, long median, int hints, boolean solutionSeen) {
    static Practice of(Kata k, Store.History history, Store.State state) {
      List<Long> times = new ArrayList<>();
      int drills = 0;
      int hints = 0;
      boolean seen = false;
      for (Store.Drill d : history.drills) {
        if (!d.kata.equals(k.id())) {
          continue;
        }
        drills++;
        hints += d.hintsUsed;
        seen |= d.solutionSeen;
        if ("passed".equals(d.outcome)) {
          times.add(d.seconds);
        }
      }
      Store.KataState ks = state.katas.get(k.id());
      if (ks != null) {
        hints = Math.max(hints, ks.hintsSeen.size());
        seen |= ks.solutionSeen;
      }
      times.sort(Long::compare);
      long best = times.isEmpty() ? -1 : times.get(0);
      long median = times.isEmpty() ? -1 : times.size() % 2 == 1 ? times.get(times.size() / 2)
          : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
      return new Practice(drills, times.size(), best, median, hints, seen);
    }
  }

  record CheckFigures(int runs, int passing, String last) {
    static CheckFigures of(Store.Checks checks, Kata k) {
      int runs = 0;
      int passing = 0;
      Store.CheckRun last = null;
      for (Store.CheckRun run : checks.runs) {
        if (run.kata.equals(k.id())) {
          runs++;
          if ("passing".equals(run.status)) {
            passing++;
          }
          last = run;
        }
      }
      return new CheckFigures(runs, passing, last == null ? "-" : last.passed + "/" + last.total);
    }
  }
}

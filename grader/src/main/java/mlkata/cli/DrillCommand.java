package mlkata.cli;

import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
    description = {"A timed mock interview on one kata.",
        "Picks a kata (never tried first, then failed, then the one solved least recently or most slowly),",
        "saves your file and resets it to the stub, shows the problem and a countdown, re-grades on every",
        "save, and stops when every check passes or time is up. The result (time, hints used, solution",
        "seen) goes to .kata/history.json. Ctrl-C abandons the drill; your file stays as it is.",
        "--interview: then conceptual questions of the kata's topic (kata quiz), under the same clock."})
final class DrillCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Option(names = "--minutes", defaultValue = "30", description = "Time allowed (default: ${DEFAULT-VALUE}).")
  int minutes;

  static final class Choice {
    @Option(names = "--topic", description = "Pick among this topic's katas.")
    String topic;

    @Option(names = "--kata", description = "Drill this kata.")
    String kata;
  }

  @ArgGroup(exclusive = true)
  Choice choice;

  @Option(names = "--json", description = "Print the result as JSON at the end.")
  boolean json;

  @Option(names = "--quick", description = "Skip the efficiency checks while grading.")
  boolean quick;

  @Option(names = "--interview", description = {"A mock interview: the coding part, then --questions conceptual",
      "questions of the kata's topic, under the one clock (the coding part ends 2 minutes a question early)."})
  boolean interview;

  @Option(names = "--questions", defaultValue = "3", description = "Conceptual questions of --interview (default: ${DEFAULT-VALUE}).")
  int questions;

  /** The time the coding part of an interview leaves for each conceptual question. */
  static final Duration QUESTION_TIME = Duration.ofMinutes(2);

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "Time limit of each check (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    Duration checkTimeout = Limits.timeout(timeoutSeconds);
    Limits.drillMinutes(minutes);
    Session s = new Session(main, spec.commandLine());
    closeStale(s);
    List<Kata> candidates = choice == null ? s.catalog().all()
        : choice.kata != null ? List.of(s.catalog().kata(choice.kata)) : s.catalog().topic(choice.topic);
    Kata kata = pick(candidates, s.history());
    Instant start = s.now();
    Duration reserved = interview ? QUESTION_TIME.multipliedBy(questions) : Duration.ZERO;
    if (interview && (questions < 1 || reserved.compareTo(Duration.ofMinutes(minutes)) >= 0)) {
      throw new UserError("--interview needs --questions >= 1 and more than " + reserved.toMinutes() + " minutes");
    }
    Path saved = ResetCommand.reset(s, kata, "drill");
    // Watch from the stub on: a save that comes before the loop starts is still seen as a change.
    FileWatch watch = new FileWatch(s.repo, List.of(kata));
    Store.Drill drill = new Store.Drill();
    drill.kata = kata.id();
    drill.started = start.toString();
    drill.deadline = start.plus(Duration.ofMinutes(minutes)).toString();
    drill.minutes = minutes;
    drill.savedAttempt = saved == null ? null : s.repo.root.relativize(saved).toString();
    drill.pid = ProcessHandle.current().pid();
    drill.pidStarted = ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null);
    Store.saveJson(s.repo.drillFile(), drill);
    boolean[] finished = {false};
    // Ctrl-C during the conceptual part keeps the coding part's outcome.
    String[] codingOutcome = {"abandoned"};
    Instant[] codingEnded = {null};
    Thread hook = new Thread(() -> {
      synchronized (finished) {
        if (!finished[0]) {
          finish(s, kata, codingOutcome[0], codingEnded[0]);
        }
      }
    }, "kata-drill-abandon");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintOut p = new PrintOut(s, json, !json && s.env.terminal());
    p.println(s.color("bold", "Drill: " + kata.id() + " (" + kata.title() + "), " + minutes + " minutes."));
    if (saved != null) {
      p.println("Your previous file was saved to " + drill.savedAttempt + " ('kata restore " + kata.name() + "').");
    }
    p.println("Edit " + kata.exercisePath() + "; every save is graded. 'kata hint " + kata.name()
        + "' in another terminal if stuck. Ctrl-C abandons.");
    p.println("");
    p.println(Text.problemStatement(Store.read(s.repo.file(kata.exercisePath()))));
    p.println("");
    Grader grading = s.grader();
    Grader.Options options = new Grader.Options(checkTimeout, quick, "exercises", s.seed());
    Instant deadline = start.plus(Duration.ofMinutes(minutes));
    Instant codingDeadline = deadline.minus(reserved);
    String outcome = "time-up";
    KataResult last = null;
    long lastShown = -1;
    try (watch) {
      grading.prestart(false);
      while (true) {
        Duration left = Duration.between(s.now(), codingDeadline);
        if (left.isNegative() || left.isZero()) {
          break;
        }
        if (p.terminal) {
          long secondsLeft = (left.toMillis() + 999) / 1000;
          if (secondsLeft != lastShown) {
            lastShown = secondsLeft;
            p.countdown("  " + Text.duration(secondsLeft) + " left");
          }
        } else {
          long minuteLeft = (left.toSeconds() + 59) / 60;
          if (minuteLeft != lastShown) {
            lastShown = minuteLeft;
            p.println("  " + Text.duration(left) + " left");
          }
        }
        Set<Kata> changed = watch.await(s.env.poll);
        if (changed.isEmpty()) {
          continue;
        }
        p.println("Saved at " + Text.duration(Duration.between(start, s.now())) + ", grading...");
        p.endCountdown();
        List<KataResult> results = grading.grade(List.of(kata), options, (r, d, t) -> {
          if (!json) {
            s.print(r, 3);
          }
        });
        s.recordChecks(results);
        last = results.get(0);
        if (last.status().equals("passing")) {
          outcome = "passed";
          break;
        }
        grading.prestart(false);
      }
    } finally {
      grading.close();
      p.endCountdown();
    }
    Instant ended = s.now();
    if (interview) {
      codingEnded[0] = ended;
      codingOutcome[0] = outcome;
      p.println(outcome.equals("passed") ? "Coding part passed." : "Coding part: time is up.");
      QuizState.Outcome quiz = QuizCommand.interview(s, json ? s.err : s.out, kata.topic(), questions, deadline);
      Store.Drill running = s.activeDrill();
      if (quiz != null && running != null) {
        running.quiz = quiz;
        Store.saveJson(s.repo.drillFile(), running);
      }
    }
    Store.Drill result;
    synchronized (finished) {
      result = finish(s, kata, outcome, interview ? ended : null);
      finished[0] = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down
    }
    if (json) {
      JsonObject o = new JsonObject();
      o.addProperty("kata", result.kata);
      o.addProperty("outcome", result.outcome);
      o.addProperty("seconds", result.seconds);
      o.addProperty("minutes", result.minutes);
      o.addProperty("hintsUsed", result.hintsUsed);
      o.addProperty("solutionSeen", result.solutionSeen);
      if (last != null) {
        o.add("result", Session.toJson(last));
      }
      if (result.quiz != null) {
        o.add("quiz", Store.GSON.toJsonTree(result.quiz));
      }
      s.out.println(Store.GSON.toJson(o));
    } else {
      s.out.println(outcome.equals("passed")
          ? s.color("green", "Passed " + kata.id() + " in " + Text.duration(result.seconds)) + " (hints: "
              + result.hintsUsed + ", solution seen: " + (result.solutionSeen ? "yes" : "no") + ")."
          : s.color("red", "Time is up.") + " " + kata.id() + " is not passing yet; the drill is recorded."
              + " 'kata hint " + kata.name() + "' or 'kata diff " + kata.name() + "' to learn, then drill again.");
    }
    if (!json && result.quiz != null) {
      s.out.println("Conceptual part: " + QuizCommand.summaryLine(result.quiz));
    }
    s.out.flush();
    return outcome.equals("passed") ? 0 : 1;
  }

  /** Moves the running drill to the history with its outcome, then deletes {@code drill.json}. */
  static Store.Drill finish(Session s, Kata kata, String outcome, Instant endedAt) {
    Store.Drill drill = s.activeDrill();
    if (drill == null) {
      drill = new Store.Drill();
      drill.kata = kata.id();
      drill.started = s.now().toString();
    }
    Instant ended = endedAt != null ? endedAt : s.now();
    drill.ended = ended.toString();
    drill.outcome = outcome;
    Instant started = Instant.parse(drill.started);
    Instant deadline = drill.deadline == null ? ended : Instant.parse(drill.deadline);
    drill.seconds = Duration.between(started, ended.isAfter(deadline) && !outcome.equals("passed") ? deadline : ended).toSeconds();
    drill.pid = 0;
    Store.History history = s.history();
    history.drills.add(drill);
    Store.saveJson(s.repo.historyFile(), history);
    try {
      Files.deleteIfExists(s.repo.drillFile());
    } catch (java.io.IOException e) {
      // the next drill will close it as abandoned
    }
    return drill;
  }

  /** A drill file left by a drill that died (killed, machine off) is recorded as abandoned. */
  private static void closeStale(Session s) {
    Store.Drill stale = s.activeDrill();
    if (stale == null) {
      return;
    }
    if (stillRunning(stale)) {
      throw new UserError("a drill of " + stale.kata + " is already running (process " + stale.pid + ", started "
          + stale.started + "): finish it, or press Ctrl-C in its terminal to abandon it. If no drill is running"
          + " (process " + stale.pid + " is something else), delete " + s.repo.drillFile() + " and start again.");
    }
    Kata kata;
    try {
      kata = s.catalog().kata(stale.kata);
    } catch (UserError e) {
      kata = new Kata("unknown", "unknown", stale.kata);
    }
    s.err.println("note: the drill of " + stale.kata + " started " + stale.started + " did not finish; recorded as abandoned.");
    finish(s, kata, "abandoned", null);
  }

  /**
   * Two readings of a process's start time differ by less than this (they come from the same kernel
   * record); a recycled PID belongs to a process started at least its predecessor's lifetime later.
   */
  static final Duration SAME_START = Duration.ofSeconds(1);

  /**
   * True when the process that wrote {@code drill.json} still runs: its PID is alive and, when the file
   * recorded the start time, started at that time (otherwise the PID was recycled by another process).
   */
  static boolean stillRunning(Store.Drill drill) {
    if (drill.pid == 0 || drill.pid == ProcessHandle.current().pid()) {
      return false;
    }
    java.util.Optional<ProcessHandle> handle = ProcessHandle.of(drill.pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return false;
    }
    if (drill.pidStarted == null) {
      return true;
    }
    Instant recorded;
    try {
      recorded = Instant.parse(drill.pidStarted);
    } catch (java.time.format.DateTimeParseException e) {
      return true;
    }
    return handle.get().info().startInstant()
        .map(actual -> Duration.between(recorded, actual).abs().compareTo(SAME_START) < 0).orElse(true);
  }

  /**
   * Spaced repetition, simply: katas never drilled come first (curriculum order); then katas whose last
   * drill was not passed (the longest ago first); then the one passed least recently, the slowest best
   * time breaking ties.
   */
  static Kata pick(List<Kata> candidates, Store.History history) {
    List<Kata> never = new ArrayList<>();
    List<Kata> failed = new ArrayList<>();
    List<Kata> passed = new ArrayList<>();
    for (Kata k : candidates) {
      List<Store.Drill> ds = history.drills.stream().filter(d -> d.kata.equals(k.id())).collect(Collectors.toList());
      if (ds.isEmpty()) {
        never.add(k);
      } else if (!"passed".equals(ds.get(ds.size() - 1).outcome)) {
        failed.add(k);
      } else {
        passed.add(k);
      }
    }
    if (!never.isEmpty()) {
      return never.get(0);
    }
    if (!failed.isEmpty()) {
      return failed.stream().min(Comparator.comparing(k -> lastOf(history, k, false))).get();
    }
    return passed.stream().min(Comparator.comparing((Kata k) -> lastOf(history, k, true))
        .thenComparing(Comparator.comparingLong((Kata k) -> best(history, k)).reversed())).get();
  }

  private static String lastOf(Store.History history, Kata k, boolean passedOnly) {
    String last = "";
    for (Store.Drill d : history.drills) {
      if (d.kata.equals(k.id()) && (!passedOnly || "passed".equals(d.outcome)) && d.started != null && d.started.compareTo(last) > 0) {
        last = d.started;
      }
    }
    return last;
  }

  private static long best(Store.History history, Kata k) {
    return history.drills.stream().filter(d -> d.kata.equals(k.id()) && "passed".equals(d.outcome))
        .mapToLong(d -> d.seconds).min().orElse(Long.MAX_VALUE);
  }

  /**
   * Progress lines go to err when the result is JSON, so stdout stays one JSON document. On a terminal
   * the countdown is one line rewritten in place ({@code \r}); elsewhere (a file, a pipe) it is a line a
   * minute, since a log cannot be rewritten.
   */
  private static final class PrintOut {
    private final Session s;
    private final boolean json;
    final boolean terminal;
    private boolean countdownShown;

    PrintOut(Session s, boolean json, boolean terminal) {
      this.s = s;
      this.json = json;
      this.terminal = terminal;
    }

    void println(String line) {
      endCountdown();
      (json ? s.err : s.out).println(line);
      (json ? s.err : s.out).flush();
    }

    /** Rewrites the countdown line (terminal only); erases the rest of the line after it. */
    void countdown(String text) {
      s.out.print("\r" + text + "\u001b[K");
      s.out.flush();
      countdownShown = true;
    }

    /** Clears the countdown line so other output starts at the left margin. */
    void endCountdown() {
      if (countdownShown) {
        s.out.print("\r\u001b[K");
        s.out.flush();
        countdownShown = false;
      }
    }
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A drill driven by a fake clock: the time recorded is the clock's, not the wall's. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class DrillCommandTest {
  @TempDir
  Path dir;

  private final java.io.StringWriter out = new java.io.StringWriter();
  private final java.io.StringWriter err = new java.io.StringWriter();

  private Thread start(FakeRepo repo, AtomicReference<FakeRepo.Run> result, String... args) throws Exception {
    Thread t = new Thread(() -> result.set(repo.runInto(out, err, "", args)));
    t.start();
    long until = System.nanoTime() + 20_000_000_000L;
    while (!Files.exists(dir.resolve(".kata/drill.json")) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(dir.resolve(".kata/drill.json")).exists();
    Thread.sleep(200); // let the drill start watching
    return t;
  }

  @Test
  void a_drill_passes_when_the_saved_code_passes_and_records_the_time() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list");
    repo.learner("return x; // earlier work");
    String earlier = repo.read(repo.kata.exercisePath());
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "drill", "--kata", "echo", "--minutes", "20", "--json");
    assertThat(repo.read(repo.kata.exercisePath())).as("the drill starts from the stub").isEqualTo(FakeRepo.STUB);

    assertThat(repo.run("hint", "echo").out()).contains("Tier 1");
    repo.clock.advance(Duration.ofMinutes(7));
    repo.learner("return x;");
    drill.join(60_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.err()).contains("Kata: echo").contains("Return the argument x unchanged.");
    assertThat(run.out()).contains("\"outcome\": \"passed\"").contains("\"seconds\": 420").contains("\"hintsUsed\": 1");
    assertThat(dir.resolve(".kata/drill.json")).doesNotExist();
    assertThat(Store.read(dir.resolve(".kata/history.json"))).contains("\"seconds\": 420");
    assertThat(new Attempts(new Repo(dir)).list(repo.kata)).hasSize(1);
    assertThat(Store.read(new Attempts(new Repo(dir)).list(repo.kata).get(0))).isEqualTo(earlier);
    assertThat(repo.run("progress").out()).contains("fake/echo").contains("7:00");
  }

  @Test
  void time_up_ends_the_drill_as_not_passed() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list");
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "drill", "--minutes", "5");
    repo.clock.advance(Duration.ofMinutes(6));
    drill.join(30_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("Time is up");
    Store.History h = Store.loadHistory(new Repo(dir), repo.clock.instant(), new java.io.PrintWriter(System.err));
    assertThat(h.drills).hasSize(1);
    assertThat(h.drills.get(0).outcome).isEqualTo("time-up");
    assertThat(h.drills.get(0).seconds).isEqualTo(300);
  }

  @Test
  void on_a_terminal_the_countdown_is_one_line_rewritten_in_place() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list");
    repo.terminal = true;
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "drill", "--minutes", "5");
    repo.clock.advance(Duration.ofSeconds(90));
    long until = System.nanoTime() + 30_000_000_000L;
    while (!out.toString().contains("3:30 left") && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    repo.clock.advance(Duration.ofMinutes(6));
    drill.join(30_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.out()).contains("\r  5:00 left\u001b[K").contains("\r  3:30 left\u001b[K")
        .doesNotContain("  5:00 left\n").contains("\r\u001b[K").contains("Time is up");
    assertThat(run.out()).as("the statement is laid out, not raw HTML").contains("Kata: echo").doesNotContain("<h2>");
  }

  @Test
  void off_a_terminal_the_countdown_is_a_line_a_minute() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list");
    repo.terminal = false;
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "drill", "--minutes", "5");
    repo.clock.advance(Duration.ofMinutes(6));
    drill.join(30_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.out()).contains("  5:00 left\n").doesNotContain("\r").doesNotContain("\u001b");
  }

  @Test
  void ctrl_c_records_the_drill_as_abandoned_and_keeps_the_learners_files() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list"); // keeps a copy of the untouched stub (the fixture has no git)
    repo.learner("return x; // earlier work");
    String earlier = repo.read(repo.kata.exercisePath());
    String classpath = String.join(File.pathSeparator,
        FakeRepo.testClasspath().stream().map(Path::toString).toArray(String[]::new));
    repo.write("grader/target/kata-classpath.txt", classpath);
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Dkata.root=" + dir, "mlkata.cli.Main", "drill", "--kata", "echo", "--minutes", "20")
        .redirectErrorStream(true).redirectOutput(dir.resolve("drill.log").toFile()).start();
    try {
      long until = System.nanoTime() + 60_000_000_000L;
      while (!Files.exists(dir.resolve(".kata/drill.json")) && System.nanoTime() < until && process.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(dir.resolve(".kata/drill.json")).as("drill started; its output: %s",
          Files.readString(dir.resolve("drill.log"))).exists();
      repo.learner("return x + 0; // half done when the learner pressed Ctrl-C");
      String halfDone = repo.read(repo.kata.exercisePath());
      process.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C's SIGINT
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the drill ends on SIGTERM").isTrue();

      assertThat(dir.resolve(".kata/drill.json")).as("no stale running drill").doesNotExist();
      Store.History h = Store.loadHistory(new Repo(dir), repo.clock.instant(), new java.io.PrintWriter(System.err));
      assertThat(h.drills).hasSize(1);
      assertThat(h.drills.get(0).outcome).isEqualTo("abandoned");
      assertThat(repo.read(repo.kata.exercisePath())).as("the learner's file is left as it was").isEqualTo(halfDone);
      List<Path> attempts = new Attempts(new Repo(dir)).list(repo.kata);
      assertThat(attempts).hasSize(1);
      assertThat(Store.read(attempts.get(0))).as("the file from before the drill").isEqualTo(earlier);
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void the_next_drill_prefers_never_tried_then_failed_katas() {
    Kata a = new Kata("t", "a", "A");
    Kata b = new Kata("t", "b", "B");
    Kata c = new Kata("t", "c", "C");
    Store.History h = new Store.History();
    h.drills.add(drill("t/a", "passed", "2026-01-01T00:00:00Z", 100));
    h.drills.add(drill("t/b", "time-up", "2026-01-02T00:00:00Z", 300));
    assertThat(DrillCommand.pick(java.util.List.of(a, b, c), h)).isEqualTo(c);
    assertThat(DrillCommand.pick(java.util.List.of(a, b), h)).isEqualTo(b);
    h.drills.add(drill("t/b", "passed", "2026-01-03T00:00:00Z", 200));
    assertThat(DrillCommand.pick(java.util.List.of(a, b), h)).as("least recently solved").isEqualTo(a);
  }

  private static Store.Drill drill(String kata, String outcome, String started, long seconds) {
    Store.Drill d = new Store.Drill();
    d.kata = kata;
    d.outcome = outcome;
    d.started = started;
    d.seconds = seconds;
    return d;
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kata check} on the fake kata: statuses, exit codes, JSON, compile errors, and isolation. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class CheckCommandTest {
  @TempDir
  Path dir;

  @Test
  void the_stub_is_not_started_and_the_solution_passes() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run stub = repo.run("check", "echo");
    assertThat(stub.code()).as(stub.toString()).isEqualTo(1);
    assertThat(stub.out()).contains("fake/echo").contains("not started");
    JsonObject stubJson = Store.GSON.fromJson(repo.run("check", "echo", "--json").out(), JsonObject.class)
        .getAsJsonArray("katas").get(0).getAsJsonObject();
    assertThat(stubJson.get("status").getAsString()).as("one spelling in JSON: %s", stubJson).isEqualTo("not-started");
    assertThat(stubJson.getAsJsonArray("tests").get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("not-started");

    repo.learner("return x;");
    FakeRepo.Run solved = repo.run("check", "fake/echo", "--json");
    assertThat(solved.code()).as(solved.toString()).isZero();
    JsonObject json = Store.GSON.fromJson(solved.out(), JsonObject.class);
    assertThat(json.get("ok").getAsBoolean()).isTrue();
    JsonObject kata = json.getAsJsonArray("katas").get(0).getAsJsonObject();
    assertThat(kata.get("status").getAsString()).isEqualTo("passing");
    assertThat(kata.getAsJsonArray("tests")).hasSize(2);
    assertThat(kata.getAsJsonArray("tests").get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("passed");

    FakeRepo.Run list = repo.run("list");
    assertThat(list.out()).contains("echo").contains("passing");

    // Three runs recorded (two of the stub, none of whose 2 checks ran, then the solution), one passing.
    Store.Checks log = Store.loadChecks(new Repo(dir), repo.clock.instant(), new java.io.PrintWriter(System.err));
    assertThat(log.runs).extracting(r -> r.status + " " + r.passed + "/" + r.total)
        .containsExactly("not started 0/2", "not started 0/2", "passing 2/2");
    FakeRepo.Run progress = repo.run("progress");
    assertThat(progress.out()).as(progress.toString()).containsPattern("fake/echo +passing +3 +1 +2/2 \\|")
        .containsPattern("fake/twice +not started +0 +0 +- \\|");
  }

  @Test
  void a_wrong_answer_fails_with_the_check_name_and_message() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("return x == 1 ? 1 : 0;");
    FakeRepo.Run run = repo.run("check", "echo");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("failing").contains("1/2 checks pass").contains("echoes two").contains("echo(2)");
  }

  @Test
  void a_compile_error_is_reported_with_file_and_line() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("return y;");
    FakeRepo.Run run = repo.run("check", "echo", "--json");
    assertThat(run.code()).isEqualTo(1);
    JsonObject kata = Store.GSON.fromJson(run.out(), JsonObject.class).getAsJsonArray("katas").get(0).getAsJsonObject();
    assertThat(kata.get("status").getAsString()).isEqualTo("compile-error");
    assertThat(kata.getAsJsonArray("compileErrors").get(0).getAsString())
        .startsWith(repo.kata.exercisePath() + ":13:").contains("cannot find symbol");
  }

  @Test
  void an_endless_loop_fails_its_check_after_the_timeout() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("while (x == 1) { Thread.onSpinWait(); } return x;");
    long t0 = System.nanoTime();
    FakeRepo.Run run = repo.run("check", "echo", "--timeout", "1", "--json");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(seconds).as("wall time of a check with a 1 s timeout").isLessThan(15);
    JsonObject kata = Store.GSON.fromJson(run.out(), JsonObject.class).getAsJsonArray("katas").get(0).getAsJsonObject();
    assertThat(kata.get("status").getAsString()).isEqualTo("failing");
    assertThat(run.out()).contains("\"timeout\"").contains("\"passed\"");
  }

  @Test
  void system_exit_in_learner_code_is_refused_before_it_runs() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("if (x == 1) { System.exit(3); } return x;");
    long t0 = System.nanoTime();
    FakeRepo.Run run = repo.run("check", "echo");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("failing").contains("not graded")
        .contains("exercises/src/main/java/mlkata/exercises/fake/Echo.java:13 uses System.exit: a kata may not end the JVM");
  }

  @Test
  void stack_overflow_and_out_of_memory_are_reported() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("if (x == 1) { return echo(x) + 1; }"
        + " java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 20]); }");
    FakeRepo.Run run = repo.run("check", "echo", "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("StackOverflowError").contains("OutOfMemoryError");
    FakeRepo.Run again = repo.run("list");
    assertThat(again.code()).isZero();
  }

  @Test
  void a_compile_error_in_one_kata_leaves_the_others_gradable() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("return y;");
    repo.learnerTwice("return 2 * x;");
    FakeRepo.Run run = repo.run("check", "fake", "--json");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    var katas = Store.GSON.fromJson(run.out(), JsonObject.class).getAsJsonArray("katas");
    assertThat(katas.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("compile-error");
    assertThat(katas.get(1).getAsJsonObject().get("status").getAsString()).isEqualTo("passing");
    assertThat(run.err()).as("progress of a multi-kata run").contains("[1/2]").contains("[2/2]");
  }

  @Test
  void the_grading_jvm_ends_when_the_command_is_killed() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("while (true) { }");
    String classpath = String.join(java.io.File.pathSeparator,
        FakeRepo.testClasspath().stream().map(Path::toString).toArray(String[]::new));
    repo.write("grader/target/kata-classpath.txt", classpath);
    Process command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, "-Dkata.root=" + dir, "mlkata.cli.Main", "check", "echo", "--timeout", "60")
        .redirectErrorStream(true).redirectOutput(dir.resolve("check.log").toFile()).start();
    try {
      java.util.Optional<ProcessHandle> grading = java.util.Optional.empty();
      long until = System.nanoTime() + 60_000_000_000L;
      while (grading.isEmpty() && System.nanoTime() < until && command.isAlive()) {
        Thread.sleep(100);
        grading = command.descendants().filter(p -> p.info().commandLine().orElse("").contains("KataRunner")).findFirst();
      }
      assertThat(grading).as("a grading JVM was started; the command said: %s",
          java.nio.file.Files.readString(dir.resolve("check.log"))).isPresent();
      Thread.sleep(1500); // the learner's endless loop is running now
      command.destroyForcibly(); // kill -9: no shutdown hook runs
      ProcessHandle child = grading.get();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.isAlive()).as("the grading JVM outlived the command that started it").isFalse();
    } finally {
      command.destroyForcibly();
    }
  }

  @Test
  void a_kata_is_compiled_against_the_files_as_they_are_now() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write(repo.kata.exercisePath(), FakeRepo.STUB.replace("  /** Returns x. */",
        "  /** A helper only this version has. */\n  public static int two() { return 2; }\n\n  /** Returns x. */"));
    repo.learnerTwice("return Echo.two() * x;");
    FakeRepo.Run first = repo.run("check", "twice", "--quick");
    assertThat(first.code()).as("twice, using echo's helper: " + first).isZero();

    repo.write(repo.kata.exercisePath(), FakeRepo.STUB);
    FakeRepo.Run again = repo.run("check", "twice", "--quick");
    assertThat(again.code()).as("echo's helper is gone from its file: " + again).isEqualTo(1);
    assertThat(again.out()).contains("compile error").contains("two()");
  }

  @Test
  void an_efficiency_check_decides_only_when_the_other_checks_pass() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    String slowAtZero = "if (x == 0) { try { Thread.sleep(100); } catch (InterruptedException e) { return -1; } }";
    repo.learnerTwice(slowAtZero + " return 2 * x;");
    FakeRepo.Run slow = repo.run("check", "twice");
    assertThat(slow.code()).as(slow.toString()).isEqualTo(1);
    assertThat(slow.out()).contains("failing").contains("4/5 checks pass").contains("ten calls of twice(0)")
        .contains("took more than");

    FakeRepo.Run quick = repo.run("check", "twice", "--quick");
    assertThat(quick.code()).as("--quick leaves the efficiency check out: " + quick).isZero();
    assertThat(quick.out()).contains("passing").contains("4/4");

    repo.learnerTwice(slowAtZero + " return x;");
    FakeRepo.Run wrong = repo.run("check", "twice");
    assertThat(wrong.code()).as(wrong.toString()).isEqualTo(1);
    assertThat(wrong.out()).as("a kata failing other checks is not timed").doesNotContain("took more than");

    repo.learnerTwice("return 2 * x;");
    FakeRepo.Run fast = repo.run("check", "twice");
    assertThat(fast.code()).as(fast.toString()).isZero();
    assertThat(fast.out()).contains("passing").contains("5/5");
  }

  @Test
  void a_kata_looping_in_every_check_is_stopped_and_the_next_kata_still_graded() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learnerTwice("while (true) { Thread.onSpinWait(); }");
    repo.learner("return x;");
    long t0 = System.nanoTime();
    FakeRepo.Run run = repo.run("check", "--all", "--timeout", "0.5");
    assertThat((System.nanoTime() - t0) / 1e9).as("wall time").isLessThan(20);
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    // The first timeout makes the grader skip the kata's remaining checks (counted as failing).
    assertThat(run.out()).contains("fake/echo").contains("passing")
        .contains("timed out").contains("ran out of time");
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state directory or file in a shape the command cannot use, options out of range, a stale drill lock
 * and temporaries of a killed write: each is one line saying what is wrong and what to do, exit code 2,
 * never a stack trace.
 */
// Starting a process (the live-PID case) on a loaded 2-core CI machine can exceed the 10 s default.
@Timeout(120)
class StateErrorsTest {
  @TempDir
  Path dir;

  /** One line on standard error, no stack trace, exit code 2. */
  private static void assertOneLineError(FakeRepo.Run run, String... expected) {
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).as(run.toString()).contains(expected).doesNotContain("internal error")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
  }

  @Test
  void a_file_named_kata_is_reported_with_the_fix() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write(".kata", "not a directory");
    for (String cmd : List.of("list", "hint", "progress")) {
      FakeRepo.Run run = cmd.equals("hint") ? repo.run(cmd, "echo") : repo.run(cmd);
      assertOneLineError(run, ".kata is a file", "mv ");
    }
  }

  @Test
  void a_read_only_kata_directory_is_reported_with_the_fix() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    assertThat(repo.run("list").code()).isZero();
    Path kata = dir.resolve(".kata");
    Files.setPosixFilePermissions(kata, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assertOneLineError(repo.run("hint", "echo"), ".kata is read-only", "chmod -R u+w");
    } finally {
      Files.setPosixFilePermissions(kata, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void a_directory_where_a_state_file_should_be_is_reported_with_the_fix() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    for (String file : List.of("state.json", "history.json", "drill.json")) {
      Path p = dir.resolve(".kata").resolve(file);
      Files.createDirectories(p);
      FakeRepo.Run run = file.equals("drill.json") ? repo.run("drill", "--kata", "echo") : repo.run("progress");
      assertOneLineError(run, file + " is a directory", "move it away");
      Files.delete(p);
    }
    Files.createDirectories(dir.resolve(".kata/state.json"));
    assertOneLineError(repo.run("hint", "echo"), "state.json is a directory");
  }

  @Test
  void timeouts_out_of_range_are_refused_before_any_work() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    for (String t : List.of("0", "-1", "NaN", "1e12", "1e30", "0.05", "3601", "Infinity")) {
      for (String cmd : List.of("check", "watch", "drill")) {
        FakeRepo.Run run = cmd.equals("drill") ? repo.run(cmd, "--kata", "echo", "--timeout", t) : repo.run(cmd, "echo", "--timeout", t);
        assertOneLineError(run, "--timeout", "out of range", "from 0.1 to 3600");
      }
    }
    assertThat(dir.resolve(".kata/drill.json")).as("no drill was started").doesNotExist();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(FakeRepo.STUB);
  }

  @Test
  void drill_minutes_out_of_range_are_refused() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.learner("return x; // work in progress");
    for (String m : List.of("-5", "0", "481", "2000000000")) {
      assertOneLineError(repo.run("drill", "--kata", "echo", "--minutes", m), "--minutes " + m, "from 1 to 480 minutes");
    }
    for (String m : List.of("NaN", "1e9", "99999999999")) {
      FakeRepo.Run run = repo.run("drill", "--kata", "echo", "--minutes", m);
      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).as(run.toString()).contains("Invalid value for option '--minutes'").doesNotContain("\tat ");
    }
    assertThat(repo.read(repo.kata.exercisePath())).as("the learner's file is untouched").contains("work in progress");
  }

  @Test
  void a_drill_lock_of_a_live_drill_blocks_with_the_way_out_and_a_recycled_pid_does_not() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    Process other = new ProcessBuilder("sleep", "120").start();
    try {
      Instant otherStart = other.info().startInstant().orElseThrow();
      Store.Drill lock = new Store.Drill();
      lock.kata = "fake/echo";
      lock.started = repo.clock.instant().toString();
      lock.deadline = repo.clock.instant().plusSeconds(1800).toString();
      lock.pid = other.pid();
      lock.pidStarted = otherStart.toString();
      Store.saveJson(dir.resolve(".kata/drill.json"), lock);
      assertOneLineError(repo.run("drill", "--kata", "echo"), "already running", "process " + other.pid(),
          "Ctrl-C", "delete " + dir.resolve(".kata/drill.json"));

      // The same PID, started an hour earlier: another process has it now, the drill died.
      lock.pidStarted = otherStart.minusSeconds(3600).toString();
      Store.saveJson(dir.resolve(".kata/drill.json"), lock);
      // --interview with more questions than minutes stops right after the stale lock is dealt with.
      FakeRepo.Run run = repo.run("drill", "--kata", "echo", "--minutes", "2", "--interview", "--questions", "1");
      assertThat(run.err()).as(run.toString()).contains("did not finish; recorded as abandoned")
          .doesNotContain("already running");
      assertThat(Store.read(dir.resolve(".kata/history.json"))).contains("\"outcome\": \"abandoned\"");
      assertThat(dir.resolve(".kata/drill.json")).doesNotExist();
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void a_gone_pid_is_a_stale_lock() {
    Store.Drill lock = new Store.Drill();
    lock.pid = Long.MAX_VALUE - 1;
    assertThat(DrillCommand.stillRunning(lock)).isFalse();
    lock.pid = ProcessHandle.current().parent().orElseThrow().pid();
    assertThat(DrillCommand.stillRunning(lock)).as("a live PID without a start time is taken as running").isTrue();
    lock.pidStarted = ProcessHandle.current().parent().orElseThrow().info().startInstant().orElseThrow().toString();
    assertThat(DrillCommand.stillRunning(lock)).isTrue();
  }

  @Test
  void reset_writes_its_temporary_file_under_kata_and_cleans_old_leftovers() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list"); // keeps a copy of the stub (the fixture has no git)
    Path folder = dir.resolve(repo.kata.exercisePath()).getParent();
    Path leftover = folder.resolve(".Echo.java.8812345.tmp");
    Path fresh = folder.resolve(".Echo.java.8899999.tmp");
    Files.writeString(leftover, "half a file");
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.writeString(fresh, "a write in progress");
    Path oldTmp = dir.resolve(".kata/tmp/.Echo.java.77.tmp");
    Files.createDirectories(oldTmp.getParent());
    Files.writeString(oldTmp, "half a file");
    Files.setLastModifiedTime(oldTmp, FileTime.from(Instant.now().minusSeconds(3600)));
    repo.learner("return x; // mine");

    FakeRepo.Run run = repo.run("reset", "echo");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(FakeRepo.STUB);
    assertThat(leftover).as("a leftover of a killed write").doesNotExist();
    assertThat(oldTmp).doesNotExist();
    assertThat(fresh).as("too recent to be a leftover").exists();
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .filteredOn(n -> n.endsWith(".tmp")).containsExactly(fresh.getFileName().toString());
    }
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reset and restore never lose the learner's code. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class ResetRestoreTest {
  @TempDir
  Path dir;

  @Test
  void reset_then_restore_round_trip_loses_nothing() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.run("list"); // first sight: keeps a copy of the stub (this repository has no git)
    repo.learner("return x; // my first try");
    String first = repo.read(repo.kata.exercisePath());

    FakeRepo.Run reset = repo.run("reset", "echo");
    assertThat(reset.code()).as(reset.toString()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(FakeRepo.STUB);

    repo.clock.advance(java.time.Duration.ofMinutes(1));
    repo.learner("return x; // second try");
    String second = repo.read(repo.kata.exercisePath());

    FakeRepo.Run restore = repo.run("restore", "echo", "1");
    assertThat(restore.code()).as(restore.toString()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(first);

    FakeRepo.Run list = repo.run("restore", "echo", "--list");
    assertThat(list.out()).contains("-reset.java").contains("-before-restore.java");
    FakeRepo.Run back = repo.run("restore", "echo");
    assertThat(back.code()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(second);
  }

  @Test
  void reset_takes_the_stub_from_git_head() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    Process init = new ProcessBuilder("sh", "-c",
        "git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -q -m stub")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(init.waitFor()).isZero();
    repo.learner("return x;");
    assertThat(repo.run("reset", "fake/echo").code()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).isEqualTo(FakeRepo.STUB);
    assertThat(repo.run("restore", "echo").code()).isZero();
    assertThat(repo.read(repo.kata.exercisePath())).contains("return x;");
  }
}

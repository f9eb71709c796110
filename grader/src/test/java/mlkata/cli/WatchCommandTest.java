package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kata watch}: a save is graded, a save that changes nothing is not, and the result is recorded. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class WatchCommandTest {
  @TempDir
  Path dir;

  @Test
  void each_save_is_graded_and_an_unchanged_save_is_not() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread watch = new Thread(() -> result.set(repo.runInto(out, err, "", "watch", "echo", "--max-runs", "2")));
    watch.start();
    awaitOutput(out, "Waiting for a save", 1);
    assertThat(out.toString()).as("graded at once on start").contains("grading fake/echo as it is now")
        .contains("not started").contains("graded in ").contains("quick: the speed checks were left out");

    repo.learner("return x == 1 ? 1 : 0;"); // wrong for echo(2)
    awaitOutput(out, "after the save (quick", 1);
    assertThat(out.toString()).contains("saved: fake/echo").contains("1/2 checks pass").contains("echo(2)");

    repo.write(repo.kata.exercisePath(), repo.read(repo.kata.exercisePath())); // same content: no grading
    Thread.sleep(1000);
    assertThat(count(out.toString(), "after the save (quick")).as("a save that leaves the content as it was: %s", out).isEqualTo(1);

    repo.learner("return x;");
    watch.join(60_000);
    assertThat(result.get()).as("watch ended after its two gradings; so far: %s %s", out, err).isNotNull();
    assertThat(result.get().code()).isZero();
    assertThat(count(out.toString(), "after the save (quick")).isEqualTo(2);
    assertThat(out.toString()).contains("passing");
    assertThat(repo.run("list").out()).as("the last grading is recorded").contains("echo").contains("passing");
  }

  @Test
  void on_a_terminal_the_screen_is_cleared_before_each_grading_after_a_save() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.terminal = true;
    StringWriter out = new StringWriter();
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread watch = new Thread(() -> result.set(repo.runInto(out, new StringWriter(), "", "watch", "echo", "--max-runs", "1", "--full")));
    watch.start();
    awaitOutput(out, "Waiting for a save", 1);
    assertThat(out.toString()).doesNotContain(WatchCommand.CLEAR_SCREEN).doesNotContain("speed checks were left out");
    repo.learner("return x;");
    watch.join(60_000);
    assertThat(result.get()).as("so far: %s", out).isNotNull();
    assertThat(out.toString()).contains(WatchCommand.CLEAR_SCREEN + "[").contains("passing");
  }

  private static void awaitOutput(StringWriter out, String text, int times) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (count(out.toString(), text) < times && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(count(out.toString(), text)).as("waiting for '%s' in: %s", text, out).isGreaterThanOrEqualTo(times);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code drill --interview}: the coding part, then conceptual questions under the same clock; and progress. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class QuizInterviewTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Thread start(FakeRepo repo, AtomicReference<FakeRepo.Run> result, String stdin, String... args) throws Exception {
    Thread t = new Thread(() -> result.set(repo.runInto(out, err, stdin, args)));
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
  void the_interview_asks_questions_of_the_katas_topic_after_the_coding_part_and_records_both() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write("hints/fake/questions.md", QuizCommandTest.BANK);
    repo.run("list");
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "b\n0.5\n", "drill", "--kata", "echo", "--minutes", "20", "--interview",
        "--questions", "2");
    repo.clock.advance(Duration.ofMinutes(5));
    repo.learner("return x;");
    drill.join(60_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Coding part passed.").contains("Now 2 conceptual questions on fake, 15:00 left.")
        .contains("Which letter comes second?").contains("Three quarters")
        .contains("Conceptual part: Answered 2, auto-graded right 1 of 2; ratings: good again.");

    Store.History h = Store.loadHistory(new Repo(dir), repo.clock.instant(), new PrintWriter(System.err));
    assertThat(h.drills).hasSize(1);
    Store.Drill d = h.drills.get(0);
    assertThat(d.outcome).isEqualTo("passed");
    assertThat(d.seconds).as("the coding part's time").isEqualTo(300);
    assertThat(d.quiz).isNotNull();
    assertThat(d.quiz.asked).isEqualTo(2);
    assertThat(d.quiz.correct).isEqualTo(1);
    assertThat(d.quiz.ids).containsExactly("fake-choice", "fake-number");
    assertThat(d.quiz.ratings).containsExactly("good", "again");

    FakeRepo.Run progress = repo.run("progress");
    assertThat(progress.out()).contains("Quiz: 2 questions seen, 0 due today")
        .contains("Retention (reviews rated good or easy, last 30 days): 50% of 2 reviews");
    assertThat(Files.readString(dir.resolve(".kata/progress.html"))).contains("<h2>Quiz</h2>");
    repo.clock.advance(Duration.ofDays(1));
    assertThat(repo.run("progress").out()).contains("2 due today");
  }

  @Test
  void time_up_in_the_coding_part_leaves_the_reserved_minutes_to_the_questions() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write("hints/fake/questions.md", QuizCommandTest.BANK);
    repo.run("list");
    AtomicReference<FakeRepo.Run> result = new AtomicReference<>();
    Thread drill = start(repo, result, "b\n", "drill", "--kata", "echo", "--minutes", "10", "--interview",
        "--questions", "3", "--json");
    repo.clock.advance(Duration.ofMinutes(4)); // the coding part ends after 10 - 3 * 2 = 4 minutes
    drill.join(60_000);
    FakeRepo.Run run = result.get();
    assertThat(run).as("the drill still runs; so far: %s %s", out, err).isNotNull();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("Coding part: time is up.").contains("6:00 left").contains("Stopped.");
    assertThat(run.out()).contains("\"outcome\": \"time-up\"").contains("\"seconds\": 240").contains("\"quiz\"")
        .contains("\"asked\": 1");
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kata quiz} driven by scripted input and a fake clock; no grading JVM is involved. */
class QuizCommandTest {
  /** Three questions, one of each kind, in the order a first session asks them. */
  static final String BANK = String.join("\n",
      "# Fake questions",
      "",
      "## fake-choice",
      "kind: choice",
      "question: Which letter comes second?",
      "- [ ] a letter before b",
      "- [x] b",
      "- [ ] c",
      "explanation: b is second.",
      "",
      "## fake-number",
      "kind: numeric",
      "question: Three quarters as a decimal?",
      "answer: 0.75",
      "tolerance: 1e-9",
      "explanation: 3 / 4 = 0.75.",
      "",
      "## fake-recall",
      "kind: recall",
      "question: Why echo?",
      "answer:",
      "- Because identity is the simplest function.",
      "- And it is easy to test.",
      "");

  @TempDir
  Path dir;

  private final FakeRepo.MutableClock clock = new FakeRepo.MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

  private FakeRepo.Run quiz(String stdin, String... args) {
    Env env = new Env(dir, clock, new BufferedReader(new StringReader(stdin)), null, Duration.ofMillis(50));
    CommandLine cl = Main.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "quiz";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cl.execute(all);
    return new FakeRepo.Run(code, out.toString(), err.toString());
  }

  private void writeBank() throws Exception {
    Path file = dir.resolve("hints/fake/questions.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, BANK, StandardCharsets.UTF_8);
  }

  private QuizState state() {
    return QuizState.load(new Repo(dir), clock.instant(), new PrintWriter(new StringWriter()));
  }

  @Test
  void a_session_grades_the_answers_shows_explanations_and_schedules_each_card() throws Exception {
    writeBank();
    FakeRepo.Run run = quiz("b\n3/4\nidentity, easy to test\ng\n", "--topic", "fake");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Quiz: 0 due, 3 new").contains("b) b").contains("Right.").contains("b is second.")
        .contains("3 / 4 = 0.75.").contains("- Because identity is the simplest function.")
        .contains("Answered 3, auto-graded right 2 of 2; ratings: good good good.");
    QuizState s = state();
    assertThat(s.cards).containsOnlyKeys("fake-choice", "fake-number", "fake-recall");
    assertThat(s.cards.values()).allSatisfy(c -> {
      assertThat(c.due).isEqualTo("2026-01-06");
      assertThat(c.repetitions).isEqualTo(1);
      assertThat(c.ef).isEqualTo(2.5);
    });
    assertThat(s.reviews).extracting(r -> r.rating).containsExactly("good", "good", "good");
    assertThat(s.reviews).extracting(r -> r.correct).containsExactly(true, true, null);
  }

  @Test
  void a_wrong_answer_is_again_and_quitting_midway_keeps_what_was_rated_then_due_cards_come_back() throws Exception {
    writeBank();
    // Wrong choice, then the input ends while the number is asked: the first rating must survive.
    FakeRepo.Run first = quiz("a, c\n");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Not quite: the answer is b.").contains("Stopped.")
        .contains("Answered 1, auto-graded right 0 of 1; ratings: again.");
    QuizState afterQuit = state();
    assertThat(afterQuit.cards).containsOnlyKeys("fake-choice");
    assertThat(afterQuit.cards.get("fake-choice").due).isEqualTo("2026-01-06");
    assertThat(afterQuit.cards.get("fake-choice").ef).as("EF after q = 1").isCloseTo(1.96, org.assertj.core.data.Offset.offset(1e-12));

    // Later the same day: the failed card is not due yet, the two unseen ones are new.
    FakeRepo.Run sameDay = quiz("q\n");
    assertThat(sameDay.out()).contains("Quiz: 0 due, 2 new").contains("Three quarters").doesNotContain("Which letter");

    // The next day the failed card is due, and comes before the new ones.
    clock.advance(Duration.ofDays(1));
    FakeRepo.Run nextDay = quiz("b\nq\n");
    assertThat(nextDay.out()).contains("Quiz: 1 due, 2 new");
    assertThat(nextDay.out().indexOf("Which letter")).isLessThan(nextDay.out().indexOf("Three quarters"));
    QuizState s = state();
    assertThat(s.cards.get("fake-choice").due).isEqualTo("2026-01-07");
    assertThat(s.reviews).extracting(r -> r.rating).containsExactly("again", "good");
  }

  @Test
  void new_cards_are_capped_per_day_and_nothing_due_says_when_to_come_back() throws Exception {
    writeBank();
    FakeRepo.Run capped = quiz("b\n0.75\n", "--new", "2");
    assertThat(capped.out()).contains("Quiz: 0 due, 2 new").doesNotContain("Why echo?");
    FakeRepo.Run again = quiz("", "--new", "2");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("Nothing due. Next review: 2026-01-06.").contains("1 new questions wait");
    clock.advance(Duration.ofDays(1));
    assertThat(quiz("q\n", "--new", "2").out()).contains("Quiz: 2 due, 1 new");
  }

  @Test
  void a_recall_answer_can_be_skipped_and_rated_hard_or_easy() throws Exception {
    writeBank();
    FakeRepo.Run run = quiz("b\n1\n\nmaybe\n2\n", "--count", "3");
    assertThat(run.out()).contains("Not quite: 0.75").contains("A model answer:")
        .contains("Type 1, 2, 3 or 4").contains("ratings: good again hard.");
    QuizState s = state();
    assertThat(s.cards.get("fake-recall").ef).as("EF after q = 3").isCloseTo(2.36, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(s.cards.get("fake-number").due).isEqualTo("2026-01-06");
  }

  @Test
  void an_unknown_topic_is_a_usage_error_and_a_corrupt_state_is_set_aside() throws Exception {
    writeBank();
    FakeRepo.Run unknown = quiz("", "--topic", "metrix");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no questions for topic 'metrix'").contains("fake");

    Files.createDirectories(dir.resolve(".kata"));
    Files.writeString(dir.resolve(".kata/quiz.json"), "{\"cards\": {\"fake-choice\": {\"due\": ");
    FakeRepo.Run run = quiz("b\nq\n");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.err()).contains("quiz.json could not be read").contains("quiz.json.corrupt-");
    assertThat(state().cards).containsOnlyKeys("fake-choice");
  }

  @Test
  void choices_and_numbers_are_read_leniently_and_prose_is_wrapped() {
    assertThat(QuizCommand.letters("A, c", 3)).containsExactly('a', 'c');
    assertThat(QuizCommand.letters("ad", 3)).as("d is not a choice").isNull();
    assertThat(QuizCommand.parseNumber("3/4")).isEqualTo(0.75);
    assertThat(QuizCommand.parseNumber("1e-3")).isEqualTo(0.001);
    assertThat(QuizCommand.parseNumber("three")).isNull();
    assertThat(QuizCommand.wrap("word ".repeat(40).strip(), "  ").lines())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(QuizCommand.WIDTH)).hasSizeGreaterThan(1);
    assertThat(quiz("", "--help").out()).contains("Usage: kata quiz").contains("--topic").contains("--count");
    assertThat(QuizCommand.format(1e-5)).isEqualTo("0.00001");
    assertThat(QuizCommand.format(1050624)).isEqualTo("1050624");
    assertThat(QuizCommand.format(0.8411919906)).isEqualTo("0.841192");
  }
}

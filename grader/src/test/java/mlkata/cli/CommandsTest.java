package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The commands that do not grade: help, list, unknown names, hints, solution, diff, progress. */
// Each test starts grading JVMs; on a loaded 2-core CI machine that takes longer than the 10 s default.
@Timeout(120)
class CommandsTest {
  @TempDir
  Path dir;

  @Test
  void every_command_has_help() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    for (String cmd : List.of("list", "check", "watch", "hint", "notes", "solution", "diff", "reset", "restore", "drill", "progress")) {
      FakeRepo.Run run = repo.run(cmd, "--help");
      assertThat(run.code()).as(cmd).isZero();
      assertThat(run.out()).as(cmd).contains("Usage: kata " + cmd);
    }
    assertThat(repo.run("--help").out()).contains("drill").contains("progress");
    assertThat(repo.run("help", "check").out()).contains("Usage: kata check");
    assertThat(repo.run("chek", "roc-auc").err()).contains("Did you mean").contains("check");
  }

  /** main builds only the subcommand it runs: each is registered under the name its {@code @Command} gives. */
  @Test
  void every_command_is_registered_under_its_own_name() {
    Main.COMMANDS.forEach((name, type) ->
        assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name()).as(type.getName()).isEqualTo(name));
    assertThat(Main.commandLine(null, new String[] {"check", "x"}).getSubcommands()).containsOnlyKeys("check");
    assertThat(Main.commandLine(null, new String[] {"help", "check"}).getSubcommands()).containsKeys("check", "list", "help");
  }

  @Test
  void list_shows_available_katas_only() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run run = repo.run("list");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("fake").contains("echo").contains("not started").doesNotContain("missing");
  }

  @Test
  void an_unknown_kata_gets_the_closest_names() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run run = repo.run("hint", "ecoh");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown kata 'ecoh'").contains("Did you mean: echo");
  }

  @Test
  void hints_come_one_tier_at_a_time_and_are_remembered() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run first = repo.run("hint", "echo");
    assertThat(first.out()).contains("Tier 1: Nudge").contains("identity").doesNotContain("Tier 2");
    FakeRepo.Run second = repo.run("hint", "echo");
    assertThat(second.out()).contains("Tier 2: Approach").doesNotContain("Tier 1").doesNotContain("Tier 3");
    repo.run("hint", "echo");
    FakeRepo.Run fourth = repo.run("hint", "echo");
    assertThat(fourth.out()).contains("Talking points").contains("Complexity");
    assertThat(repo.run("hint", "echo", "--again").out()).contains("Tier 1").contains("Tier 2").contains("Tier 3");
    Store.State state = Store.loadState(new Repo(dir), repo.clock.instant(), new java.io.PrintWriter(System.err));
    assertThat(state.katas.get("fake/echo").hintsSeen).containsExactly(1, 2, 3);
  }

  @Test
  void the_solution_asks_first_before_the_kata_passes() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run declined = repo.runWith("n\n", "solution", "echo");
    assertThat(declined.code()).isEqualTo(1);
    assertThat(declined.out()).contains("[y/N]").doesNotContain("return x;");
    assertThat(Files.exists(dir.resolve(".kata/state.json"))
        && Store.read(dir.resolve(".kata/state.json")).contains("\"solutionSeen\": true")).isFalse();

    FakeRepo.Run accepted = repo.runWith("y\n", "solution", "echo");
    assertThat(accepted.code()).isZero();
    assertThat(accepted.out()).contains("return x;");
    assertThat(Store.read(dir.resolve(".kata/state.json"))).contains("\"solutionSeen\": true");
  }

  @Test
  void diff_ignores_the_package_line() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run run = repo.run("diff", "echo", "--yes");
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("-    throw new UnsupportedOperationException").contains("+    return x;")
        .doesNotContain("-package").doesNotContain("+package");
    repo.learner("return x;");
    assertThat(repo.run("diff", "echo", "-y").out()).contains("(no differences)");
  }

  @Test
  void diff_compares_the_code_only_unless_full() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    String mine = FakeRepo.STUB
        .replace(" * <p>Return the argument {@code x} unchanged.", " * <p>My own notes: x comes back.\n * Second line.")
        .replace("  /** Returns x. */\n", "")
        .replace("throw new UnsupportedOperationException(\"Not implemented yet: delete this line and implement Echo.echo\");",
            "// the identity\n    return   x;  /* done */\n\n    // String s = \"// not a comment\";");
    repo.write(repo.kata.exercisePath(), mine);
    FakeRepo.Run code = repo.run("diff", "echo", "--yes");
    assertThat(code.code()).as(code.toString()).isZero();
    assertThat(code.out()).as("comments, Javadoc, blank lines and spacing are not code").contains("(no differences)")
        .contains("code only");

    repo.write(repo.kata.exercisePath(), mine.replace("return   x;", "String s = \"// kept\"; return x + 1;"));
    FakeRepo.Run changed = repo.run("diff", "echo", "--yes");
    // Hunks start at the class line: the learner's line 9 (two lines of notes in the Javadoc), the reference's 8.
    assertThat(changed.out()).contains("@@ -9,6 +8,6 @@")
        .contains("-    String s = \"// kept\"; return x + 1;\n+    return x;\n")
        .doesNotContain("My own notes").doesNotContain("/* done */").doesNotContain("Returns x.");

    FakeRepo.Run full = repo.run("diff", "echo", "--yes", "--full");
    assertThat(full.out()).contains("- * <p>My own notes: x comes back.").contains("+  /** Returns x. */")
        .contains("+ * <p>Return the argument {@code x} unchanged.").doesNotContain("code only");
  }

  @Test
  void list_fits_one_100_column_screen_aligned() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run run = repo.run("list");
    List<String> rows = run.out().lines().filter(l -> l.startsWith("  ")).collect(java.util.stream.Collectors.toList());
    assertThat(rows).isNotEmpty();
    assertThat(run.out().lines()).allMatch(l -> l.length() <= ListCommand.WIDTH, "at most 100 columns");
    assertThat(rows.stream().map(l -> l.indexOf("not started")).distinct()).as("statuses in one column: %s", rows).hasSize(1);
    assertThat(rows).as("a topic's katas in two columns").anyMatch(l -> l.contains("echo") && l.contains("twice"));

    FakeRepo.Run long_ = repo.run("list", "--long");
    List<String> longRows = long_.out().lines().filter(l -> l.startsWith("  ")).collect(java.util.stream.Collectors.toList());
    assertThat(longRows).as("one kata a line, with its title").hasSize(2).anyMatch(l -> l.contains("echo") && l.contains("Echo"));
    assertThat(long_.out().lines()).allMatch(l -> l.length() <= ListCommand.WIDTH, "at most 100 columns");
  }

  @Test
  void notes_show_talking_points_without_spending_a_tier() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    FakeRepo.Run run = repo.run("notes", "echo");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Talking points").contains("Trivial.").contains("Complexity").contains("O(1).")
        .doesNotContain("Tier");
    assertThat(repo.run("hint", "echo").out()).as("the first hint is still tier 1").contains("Tier 1: Nudge");
  }

  @Test
  void line_diff_finds_the_minimal_edit() {
    List<LineDiff.Edit> edits = LineDiff.diff(List.of("a", "b", "c", "d"), List.of("a", "c", "d", "e"), String::equals);
    assertThat(edits).extracting(LineDiff.Edit::op).containsExactly(' ', '-', ' ', ' ', '+');
    assertThat(LineDiff.unified(edits, 1)).containsExactly("@@ -1,4 +1,4 @@", " a", "-b", " c", " d", "+e");
  }

  @Test
  void progress_survives_a_corrupted_history_and_writes_a_report() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write(".kata/history.json", "{\"drills\": [ {\"kata\": \"fake/echo\", \"outc");
    FakeRepo.Run run = repo.run("progress");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.err()).contains("history.json could not be read").contains("history.json.corrupt-");
    try (var files = Files.list(dir.resolve(".kata"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("history.json.corrupt-"));
    }
    assertThat(Files.readString(dir.resolve(".kata/progress.html"))).contains("fake/echo");
    assertThat(repo.run("progress").err()).isEmpty();
  }
}

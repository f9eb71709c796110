package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mlkata.grading.Grader;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;
import mlkata.grading.UntouchedStubs;
import mlkata.grading.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The untouched-stub shortcut ({@link UntouchedStubs}) gives the verdict a full run gives: on shipped
 * stubs of katas with plain checks, check factories, properties, nested types and speed checks, every
 * check, its status and the methods named are the same with the shortcut as without it. An edited stub
 * is run in full. ({@code PristineStubsTest} covers every kata's stub and keeps the list current.)
 */
@Timeout(300)
class UntouchedStubsTest {
  private static final List<Kata> KATAS = List.of(
      new Kata("metrics", "roc-auc", ""),
      new Kata("optimizers", "adam", ""),
      new Kata("normalization", "batch-norm", ""),
      new Kata("models", "decision-tree", ""),
      new Kata("transformer", "attention", ""));

  @TempDir
  Path dir;

  @Test
  void the_shortcut_reports_what_a_full_run_reports() throws IOException {
    copyExercises();
    for (Kata k : KATAS) {
      assumeThat(UntouchedStubs.methodsIfUntouched(k, dir.resolve(k.exercisePath())))
          .as("%s is the shipped stub in this checkout", k).isNotNull();
    }
    List<String> full = summary(grade(false), true);
    List<String> shortcut = summary(grade(true), false);
    assertThat(shortcut).isEqualTo(full);
    assertThat(full).anyMatch(line -> line.contains("not-started")).noneMatch(line -> line.contains(" passed"));
  }

  @Test
  void an_edited_stub_is_run_in_full() throws IOException {
    copyExercises();
    Kata rocAuc = KATAS.get(0);
    Path file = dir.resolve(rocAuc.exercisePath());
    Files.writeString(file, Files.readString(file) + "\n// an edit\n");
    assertThat(UntouchedStubs.methodsIfUntouched(rocAuc, file)).isNull();
    KataResult r = grade(true, List.of(rocAuc)).get(0);
    assertThat(r.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.message()).doesNotContain("untouched stub"));
  }

  private List<KataResult> grade(boolean shortcut) {
    return grade(shortcut, KATAS);
  }

  private List<KataResult> grade(boolean shortcut, List<Kata> katas) {
    Workspace ws = Workspace.kataCommand(dir, FakeRepo.testClasspath()).withUntouchedShortcut(shortcut);
    try (Grader g = new Grader(ws)) {
      return g.grade(katas, new Grader.Options(Duration.ofSeconds(20), false, "exercises", null), (r, done, total) -> { });
    }
  }

  /** One line per kata (status, counts, methods named) and one per check (name and status, by name). */
  private static List<String> summary(List<KataResult> results, boolean full) {
    List<String> lines = new ArrayList<>();
    for (KataResult r : results) {
      lines.add(r.kata.id() + ": " + r.status() + ", " + r.checks().size() + " checks, not started "
          + r.notStartedCount() + ", methods " + r.notStartedMethods());
      // sorted: checks of some layers run in parallel, so results arrive in either order
      r.checks().stream().map(c -> r.kata.id() + " > " + c.name() + ": " + c.status()).sorted().forEach(lines::add);
      if (!full) {
        assertThat(r.checks()).filteredOn(c -> c.status().equals("not-started"))
            .allSatisfy(c -> assertThat(c.message()).contains("untouched stub"));
      }
    }
    return lines;
  }

  private void copyExercises() throws IOException {
    Path from = VerdictSealTest.repoRoot().resolve("exercises/src/main/java");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = dir.resolve("exercises/src/main/java").resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }
}

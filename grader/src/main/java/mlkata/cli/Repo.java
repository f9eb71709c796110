package mlkata.cli;

import mlkata.grading.Kata;
import java.nio.file.Path;

/** Paths inside the repository and under its {@code .kata/} state directory. */
final class Repo {
  final Path root;

  Repo(Path root) {
    this.root = root;
  }

  Path kataDir() {
    return root.resolve(".kata");
  }

  Path classes() {
    return kataDir().resolve("classes");
  }

  Path stamps() {
    return kataDir().resolve("classes.stamps.json");
  }

  Path attempts(Kata kata) {
    return kataDir().resolve("attempts").resolve(kata.topic()).resolve(kata.name());
  }

  Path stateFile() {
    return kataDir().resolve("state.json");
  }

  Path historyFile() {
    return kataDir().resolve("history.json");
  }

  Path drillFile() {
    return kataDir().resolve("drill.json");
  }

  /** Temporary files of atomic writes, on the same file system as the repository. */
  Path tmp() {
    return kataDir().resolve("tmp");
  }

  /** Every check run (check, watch, drill): time, kata, status, checks passed. */
  Path checksLog() {
    return kataDir().resolve("checks.json");
  }

  Path logs() {
    return kataDir().resolve("logs");
  }

  Path pristineCopies() {
    return kataDir().resolve("pristine");
  }

  Path progressHtml() {
    return kataDir().resolve("progress.html");
  }

  Path curriculum() {
    return root.resolve("grader/src/test/resources/mlkata/curriculum.txt");
  }

  Path exercisesClasses() {
    return root.resolve("exercises/target/classes");
  }

  Path file(String relative) {
    return root.resolve(relative);
  }
}

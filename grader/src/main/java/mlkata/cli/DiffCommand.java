package mlkata.cli;

import mlkata.grading.Kata;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Diff your file against the reference solution.",
        "The package lines are ignored.",
        "Before the kata passes, asks first and records that the solution was seen."})
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "KATA")
  String kataName;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = {"-U", "--context"}, defaultValue = "3", description = "Lines of context (default: ${DEFAULT-VALUE}).")
  int context;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    String solution = Store.readOrNull(s.repo.file(kata.solutionPath()));
    if (solution == null) {
      throw new UserError("no reference solution for " + kata + " (" + kata.solutionPath() + ")");
    }
    if (!s.confirmSpoiler(kata, yes, "the diff against the reference solution")) {
      return 1;
    }
    String mine = Store.read(s.repo.file(kata.exercisePath()));
    List<LineDiff.Edit> edits = LineDiff.diff(Text.lines(mine), Text.lines(solution), DiffCommand::sameLine);
    List<String> hunks = LineDiff.unified(edits, context);
    s.out.println("--- " + kata.exercisePath() + " (yours)");
    s.out.println("+++ " + kata.solutionPath() + " (reference)");
    if (hunks.isEmpty()) {
      s.out.println("(no differences)");
    }
    for (String line : hunks) {
      if (line.startsWith("@@")) {
        s.out.println(s.color("cyan", line));
      } else if (line.startsWith("-")) {
        s.out.println(s.color("red", line));
      } else if (line.startsWith("+")) {
        s.out.println(s.color("green", line));
      } else {
        s.out.println(line);
      }
    }
    s.out.flush();
    return 0;
  }

  /** Lines match when equal, and the two package declarations match each other. */
  static boolean sameLine(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    return a.startsWith("package mlkata.exercises.") && b.startsWith("package mlkata.solutions.")
        && a.substring("package mlkata.exercises.".length()).equals(b.substring("package mlkata.solutions.".length()));
  }
}

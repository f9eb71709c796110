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
    description = {"Diff your file against the reference solution: yours as -, the reference as +.",
        "By default only the code: comments, Javadoc, blank lines and spacing are ignored (--full compares",
        "everything). The package lines are ignored. Line numbers are the files' own.",
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

  @Option(names = "--full", description = "Compare every line, comments and Javadoc included.")
  boolean full;

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
    List<String> hunks = full ? LineDiff.unified(LineDiff.diff(Text.lines(mine), Text.lines(solution), DiffCommand::sameLine), context)
        : codeDiff(mine, solution, context);
    s.out.println(s.color("bold", "--- " + kata.exercisePath() + " (yours)"));
    s.out.println(s.color("bold", "+++ " + kata.solutionPath() + " (reference)" + (full ? "" : ", code only (--full: everything)")));
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

  /** The diff of the code alone: comments and blank lines left out, spacing ignored, the files' line numbers kept. */
  static List<String> codeDiff(String mine, String solution, int context) {
    List<CodeOnly.Line> a = CodeOnly.lines(mine);
    List<CodeOnly.Line> b = CodeOnly.lines(solution);
    List<LineDiff.Edit> edits = LineDiff.diff(texts(a), texts(b),
        (x, y) -> sameLine(CodeOnly.normalized(x), CodeOnly.normalized(y)));
    List<LineDiff.Edit> numbered = new java.util.ArrayList<>();
    for (LineDiff.Edit e : edits) {
      int lineA = e.op() != '+' ? a.get(e.lineA() - 1).number() : e.lineA();
      int lineB = e.op() != '-' ? b.get(e.lineB() - 1).number() : e.lineB();
      numbered.add(new LineDiff.Edit(e.op(), e.text(), lineA, lineB));
    }
    return LineDiff.unified(numbered, context);
  }

  private static List<String> texts(List<CodeOnly.Line> lines) {
    return lines.stream().map(CodeOnly.Line::text).collect(java.util.stream.Collectors.toList());
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

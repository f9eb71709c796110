package mlkata.cli;

import mlkata.grading.Kata;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "solution", mixinStandardHelpOptions = true,
    description = {"Show the reference solution of a kata.",
        "Before the kata passes, asks first and records that the solution was seen."})
final class SolutionCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "KATA")
  String kataName;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    String solution = Store.readOrNull(s.repo.file(kata.solutionPath()));
    if (solution == null) {
      throw new UserError("no reference solution for " + kata + " (" + kata.solutionPath() + ")");
    }
    if (!s.confirmSpoiler(kata, yes, "the reference solution")) {
      return 1;
    }
    s.out.println(s.color("bold", "// " + kata.solutionPath()));
    s.out.print(solution);
    s.out.flush();
    return 0;
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "notes", mixinStandardHelpOptions = true,
    description = {"The kata's talking points and complexity notes, for the interview.",
        "Shows the '## Talking points' and '## Complexity' sections of its hints file; no hint tier is",
        "used up and nothing is recorded."})
final class NotesCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "KATA")
  String kataName;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    String md = Store.readOrNull(s.repo.file(kata.hintsPath()));
    if (md == null) {
      throw new UserError("no hints for " + kata + " (" + kata.hintsPath() + " is missing)");
    }
    Map<String, String> sections = Text.sections(md);
    boolean any = HintCommand.show(s, sections, "Talking points");
    any |= HintCommand.show(s, sections, "Complexity");
    s.out.flush();
    if (!any) {
      throw new UserError(kata.hintsPath() + " has no '## Talking points' nor '## Complexity' section");
    }
    return 0;
  }
}

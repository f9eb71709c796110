package mlkata.cli;

import mlkata.grading.Kata;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Bring a saved attempt back (the latest by default).",
        "Your current file is saved first."})
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KATA")
  String kataName;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ATTEMPT",
      description = "The attempt's number in --list, or its file name (or a unique prefix of it).")
  String attempt;

  @Option(names = {"-l", "--list"}, description = "List the saved attempts.")
  boolean list;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    Attempts attempts = new Attempts(s.repo);
    if (list) {
      List<Path> all = attempts.list(kata);
      if (all.isEmpty()) {
        s.out.println("No saved attempts of " + kata + ".");
      }
      for (int i = 0; i < all.size(); i++) {
        s.out.printf("%3d  %s%n", i + 1, all.get(i).getFileName());
      }
      s.out.flush();
      return 0;
    }
    Path chosen = attempts.find(kata, attempt);
    String content = Store.read(chosen);
    String stub = null;
    try {
      stub = new Pristine(s.repo).stub(kata);
    } catch (UserError e) {
      // without a stub to compare with, the current file is always saved
    }
    Path saved = attempts.save(kata, "before-restore", s.now(), stub);
    Store.writeAtomic(s.repo.file(kata.exercisePath()), content.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.repo.tmp());
    s.out.println((saved != null && !saved.equals(chosen) ? "Saved your current file to " + s.repo.root.relativize(saved) + ". " : "")
        + "Restored " + chosen.getFileName() + " to " + kata.exercisePath() + ".");
    s.out.flush();
    return 0;
  }
}

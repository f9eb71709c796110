package mlkata.cli;

import mlkata.grading.Kata;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Put the untouched stub back (your file is saved first).",
        "The current file goes to .kata/attempts/; 'kata restore KATA' brings it back."})
final class ResetCommand implements Callable<Integer> {
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
    Path saved = reset(s, kata, "reset");
    s.out.println((saved == null ? "Your file was already the stub; nothing to save. " : "Saved your work to "
        + s.repo.root.relativize(saved) + ". ") + "Reset " + kata.exercisePath() + " to the stub.");
    s.out.flush();
    return 0;
  }

  /** Saves the current file, then writes the stub over it (atomically). Returns the saved copy or null. */
  static Path reset(Session s, Kata kata, String reason) {
    String stub = new Pristine(s.repo).stub(kata);
    Path saved = new Attempts(s.repo).save(kata, reason, s.now(), stub);
    Store.writeAtomic(s.repo.file(kata.exercisePath()), stub.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.repo.tmp());
    return saved;
  }
}

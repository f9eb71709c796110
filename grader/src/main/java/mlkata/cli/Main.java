package mlkata.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code kata} command: grade, hint, drill and track progress on the ML katas. */
@Command(name = "kata", mixinStandardHelpOptions = true, version = "kata 1.0",
    description = "Practise the ML katas: grade your code, get hints, drill against the clock.",
    subcommands = {ListCommand.class, CheckCommand.class, WatchCommand.class, HintCommand.class,
        SolutionCommand.class, DiffCommand.class, ResetCommand.class, RestoreCommand.class,
        DrillCommand.class, NotesCommand.class, QuizCommand.class, ProgressCommand.class, ShowCommand.class, WarmupCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  final Env env;

  @Spec
  CommandSpec spec;

  public Main(Env env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command line wired to {@code env}; tests set its out and err writers to capture the output. */
  public static CommandLine commandLine(Env env) {
    CommandLine cl = new CommandLine(new Main(env));
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      PrintWriter err = line.getErr();
      if (ex instanceof UserError || ex instanceof mlkata.grading.GradingException) {
        err.println(line.getColorScheme().errorText("kata: " + ex.getMessage()));
        err.flush();
        return 2;
      }
      java.io.IOException io = ioCause(ex);
      if (io != null) {
        java.nio.file.Path where = io instanceof java.nio.file.FileSystemException
            && ((java.nio.file.FileSystemException) io).getFile() != null
            ? java.nio.file.Path.of(((java.nio.file.FileSystemException) io).getFile()) : null;
        err.println(line.getColorScheme().errorText("kata: " + (where != null ? Store.describe("use", where, io)
            : "input/output error: " + Store.oneLine(io.getMessage()) + "; check that the repository and .kata/ are readable and writable")));
        err.flush();
        return 2;
      }
      err.println(line.getColorScheme().errorText("kata: internal error: " + ex));
      ex.printStackTrace(err);
      err.flush();
      return 3;
    });
    return cl;
  }

  /** The I/O failure behind {@code ex}, if any: a file-system problem is the user's to fix, not a bug. */
  private static java.io.IOException ioCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException) {
        return (java.io.IOException) t;
      }
    }
    return null;
  }

  public static void main(String[] args) {
    int code = commandLine(Env.system()).execute(args);
    System.exit(code);
  }
}

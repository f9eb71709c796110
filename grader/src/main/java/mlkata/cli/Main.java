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
        DrillCommand.class, QuizCommand.class, ProgressCommand.class, WarmupCommand.class, CommandLine.HelpCommand.class})
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
      err.println(line.getColorScheme().errorText("kata: internal error: " + ex));
      ex.printStackTrace(err);
      err.flush();
      return 3;
    });
    return cl;
  }

  public static void main(String[] args) {
    int code = commandLine(Env.system()).execute(args);
    System.exit(code);
  }
}

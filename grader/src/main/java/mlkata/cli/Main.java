package mlkata.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code kata} command: grade, hint, drill and track progress on the ML katas. */
@Command(name = "kata", mixinStandardHelpOptions = true, version = "kata 1.0",
    description = "Practise the ML katas: grade your code, get hints, drill against the clock.")
public final class Main implements Runnable {
  /**
   * The subcommands by name, in the order {@code kata --help} lists them. They are registered here rather
   * than in {@code @Command}, so that a run of one command builds only that command's model: building all
   * of them took a fifth of the command's start.
   */
  static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("list", ListCommand.class);
    COMMANDS.put("check", CheckCommand.class);
    COMMANDS.put("watch", WatchCommand.class);
    COMMANDS.put("hint", HintCommand.class);
    COMMANDS.put("solution", SolutionCommand.class);
    COMMANDS.put("diff", DiffCommand.class);
    COMMANDS.put("reset", ResetCommand.class);
    COMMANDS.put("restore", RestoreCommand.class);
    COMMANDS.put("drill", DrillCommand.class);
    COMMANDS.put("notes", NotesCommand.class);
    COMMANDS.put("quiz", QuizCommand.class);
    COMMANDS.put("progress", ProgressCommand.class);
    COMMANDS.put("show", ShowCommand.class);
    COMMANDS.put("warmup", WarmupCommand.class);
    COMMANDS.put("help", CommandLine.HelpCommand.class);
  }

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
    return commandLine(env, COMMANDS.keySet());
  }

  /**
   * As {@link #commandLine(Env)}, with only the subcommand {@code args} names when it names one (other than
   * {@code help}, which needs them all); otherwise with every subcommand, for the usage and its suggestions.
   */
  static CommandLine commandLine(Env env, String[] args) {
    String first = args.length > 0 ? args[0] : "";
    return commandLine(env, COMMANDS.containsKey(first) && !first.equals("help") ? Set.of(first) : COMMANDS.keySet());
  }

  private static CommandLine commandLine(Env env, Set<String> names) {
    CommandLine cl = new CommandLine(new Main(env));
    COMMANDS.forEach((name, command) -> {
      if (names.contains(name)) {
        cl.addSubcommand(name, command);
      }
    });
    if (env != null && env.ansi() != null) {
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(env.ansi()));
    }
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
    CheckCommand.debug("main");
    int code = commandLine(Env.system(), args).execute(args);
    if (args.length > 0 && args[0].equals(CommandServer.SERVED)) {
      // The next check is answered by a resident process, if this command came from the kata script.
      CommandServer.leave(Env.system().root);
    }
    CheckCommand.debug("exit " + code);
    System.exit(code);
  }
}

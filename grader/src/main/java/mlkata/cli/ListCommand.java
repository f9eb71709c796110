package mlkata.cli;

import mlkata.grading.Kata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the katas with their status and best drill time.",
        "The status is the last check's, while the file has not changed since."})
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Store.State state = s.state();
    Store.History history = s.history();
    String topic = null;
    int passing = 0;
    int nameWidth = Math.min(MAX_NAME, s.catalog().all().stream().mapToInt(k -> k.name().length()).max().orElse(4));
    int titleWidth = WIDTH - INDENT.length() - nameWidth - 1 - 1 - STATUS - 1 - BEST.length();
    for (Kata k : s.catalog().all()) {
      if (!k.topic().equals(topic)) {
        topic = k.topic();
        s.out.println(s.color("bold", topic));
      }
      String status = s.listedStatus(state, k);
      if (status.equals("passing")) {
        passing++;
      }
      List<Long> times = new ArrayList<>();
      for (Store.Drill d : history.drills) {
        if (d.kata.equals(k.id()) && "passed".equals(d.outcome)) {
          times.add(d.seconds);
        }
      }
      String best = times.isEmpty() ? "" : String.format("%" + BEST.length() + "s",
          "best " + Text.duration(times.stream().min(Long::compare).get()));
      String line = INDENT + padRight(Text.clip(k.name(), nameWidth), nameWidth) + " "
          + padRight(Text.clip(k.title(), titleWidth), titleWidth) + " " + pad(s.statusColored(status), status, STATUS)
          + " " + best;
      s.out.println(line.stripTrailing());
    }
    s.out.printf("%d of %d katas passing. 'kata check KATA' grades one, 'kata drill' starts a timed drill.%n",
        passing, s.catalog().all().size());
    s.out.flush();
    return 0;
  }

  /** One screen: every line fits in 100 columns. */
  static final int WIDTH = 100;
  private static final String INDENT = "  ";
  /** Names longer than this are clipped (the longest in the curriculum is shorter). */
  private static final int MAX_NAME = 28;
  /** "not started", the longest status, and "compile error". */
  private static final int STATUS = 13;
  /** The widest best-time column: "best 123:45". */
  private static final String BEST = "best 123:45";

  private static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String pad(String colored, String plain, int width) {
    return colored + " ".repeat(Math.max(0, width - plain.length()));
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the katas with their status and best drill time, topic by topic, in two columns",
        "(one screen); --long lists one kata a line with its title.",
        "The status is the last check's, while the file has not changed since."})
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Option(names = "--long", description = "One kata a line, with its title.")
  boolean long_;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Store.State state = s.state();
    Store.History history = s.history();
    int passing = 0;
    List<Kata> all = s.catalog().all();
    // Two columns of 2 + 22 + 1 + 13 + 1 + 10 characters and a gap of 2 fill 100 columns exactly.
    int nameWidth = Math.min(long_ ? MAX_NAME : SHORT_NAME, all.stream().mapToInt(k -> k.name().length()).max().orElse(4));
    Map<String, List<String>> cellsByTopic = new LinkedHashMap<>();
    for (Kata k : all) {
      String status = s.listedStatus(state, k);
      if (status.equals("passing")) {
        passing++;
      }
      String best = best(history, k);
      String cell;
      if (long_) {
        int titleWidth = WIDTH - INDENT.length() - nameWidth - 1 - 1 - STATUS - 1 - BEST.length();
        cell = padRight(Text.clip(k.name(), nameWidth), nameWidth) + " "
            + padRight(Text.clip(k.title(), titleWidth), titleWidth) + " " + pad(s.statusColored(status), status, STATUS)
            + " " + String.format("%" + BEST.length() + "s", best);
      } else {
        cell = padRight(Text.clip(k.name(), nameWidth), nameWidth) + " " + pad(s.statusColored(status), status, STATUS)
            + " " + String.format("%-" + SHORT_BEST + "s", Text.clip(best, SHORT_BEST));
      }
      cellsByTopic.computeIfAbsent(k.topic(), t -> new ArrayList<>()).add(cell);
    }
    for (Map.Entry<String, List<String>> topic : cellsByTopic.entrySet()) {
      s.out.println(s.color("bold", topic.getKey()));
      List<String> cells = topic.getValue();
      if (long_) {
        cells.forEach(c -> s.out.println((INDENT + c).stripTrailing()));
        continue;
      }
      // Two columns, filled down: the first half of the topic on the left, in curriculum order.
      int rows = (cells.size() + 1) / 2;
      for (int r = 0; r < rows; r++) {
        String left = INDENT + cells.get(r);
        String right = r + rows < cells.size() ? GAP + cells.get(r + rows) : "";
        s.out.println((left + right).stripTrailing());
      }
    }
    s.out.printf("%d of %d katas passing. 'kata check KATA' grades one, 'kata drill' starts a drill%s.%n",
        passing, all.size(), long_ ? "" : "; --long: titles");
    s.out.flush();
    return 0;
  }

  /** "best 12:34" for the fastest passed drill of {@code k}, or "". */
  private static String best(Store.History history, Kata k) {
    List<Long> times = new ArrayList<>();
    for (Store.Drill d : history.drills) {
      if (d.kata.equals(k.id()) && "passed".equals(d.outcome)) {
        times.add(d.seconds);
      }
    }
    return times.isEmpty() ? "" : "best " + Text.duration(times.stream().min(Long::compare).get());
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
  /** The best-time column of the two-column list ("best 12:34"; a longer time is clipped). */
  private static final int SHORT_BEST = 10;
  /** Names in the two-column list (the longest in the curriculum, mean-average-precision, has 22). */
  private static final int SHORT_NAME = 22;
  private static final String GAP = "  ";

  private static String padRight(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String pad(String colored, String plain, int width) {
    return colored + " ".repeat(Math.max(0, width - plain.length()));
  }
}

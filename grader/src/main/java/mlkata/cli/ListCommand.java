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
      String best = times.isEmpty() ? "" : "best drill " + Text.duration(times.stream().min(Long::compare).get());
      s.out.printf("  %-30s %-40s %s  %s%n", k.name(), k.title(), pad(s.statusColored(status), status, 12), best);
    }
    s.out.printf("%d of %d katas passing. 'kata check KATA' grades one, 'kata drill' starts a timed drill.%n",
        passing, s.catalog().all().size());
    s.out.flush();
    return 0;
  }

  private static String pad(String colored, String plain, int width) {
    return colored + " ".repeat(Math.max(0, width - plain.length()));
  }
}

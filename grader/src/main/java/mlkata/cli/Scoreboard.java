package mlkata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mlkata.grading.Kata;
import mlkata.grading.KataResult;

/**
 * The one-screen board that ends {@code ./mvnw test}: in curriculum order, a topic none of whose katas
 * is started takes one line (so a fresh clone's board fits a screen); the other topics show a line per
 * kata with its check count and, when it fails, its first failure. Then how many pass and what to try next.
 */
final class Scoreboard {
  private static final int WIDTH = 100;

  private Scoreboard() {}

  static String render(boolean reference, List<Kata> curriculum, Map<Kata, KataResult> results) {
    StringBuilder out = new StringBuilder();
    String rule = "-".repeat(72);
    out.append(rule).append('\n');
    out.append("ML Kata scoreboard (grading ").append(reference ? "the reference solutions" : "your code in exercises/")
        .append(")\n").append(rule).append('\n');
    Kata next = null;
    int passing = 0;
    int shown = 0;
    Map<String, List<Kata>> byTopic = new LinkedHashMap<>();
    for (Kata k : curriculum) {
      if (results.containsKey(k)) {
        byTopic.computeIfAbsent(k.topic(), t -> new ArrayList<>()).add(k);
      }
    }
    for (Map.Entry<String, List<Kata>> topic : byTopic.entrySet()) {
      List<Kata> katas = topic.getValue();
      shown += katas.size();
      if (katas.stream().allMatch(k -> results.get(k).status().equals("not started"))) {
        out.append(wrap(String.format("%-15s not started: %s", topic.getKey(),
            katas.stream().map(Kata::name).collect(Collectors.joining(", "))), WIDTH, 29)).append('\n');
        continue;
      }
      out.append(topic.getKey()).append('\n');
      for (Kata k : katas) {
        KataResult r = results.get(k);
        String status = r.status();
        if (status.equals("passing")) {
          passing++;
        }
        out.append(String.format("  %-28s %-13s %s%n", k.name(), status, Report.detail(r)).stripTrailing()).append('\n');
        if (!status.equals("passing") && !status.equals("not started")) {
          String first = firstFailure(r);
          if (first != null) {
            out.append("      first failure: ").append(Text.clip(first, WIDTH - 21)).append('\n');
          }
          if (next == null) {
            next = k;
          }
        }
      }
    }
    if (next == null) {
      for (Kata k : curriculum) {
        KataResult r = results.get(k);
        if (r != null && r.status().equals("not started")) {
          next = k;
          break;
        }
      }
    }
    out.append(rule).append('\n');
    out.append(passing).append(" of ").append(shown).append(" katas passing.");
    if (next != null) {
      out.append(" Next: ").append(next.id()).append("  (./mvnw -q test -Dkata=").append(next.name())
          .append("; stub: ").append(next.exercisePath()).append(")");
    }
    out.append('\n').append(rule).append('\n');
    return out.toString();
  }

  private static String firstFailure(KataResult r) {
    if (!r.compileErrors().isEmpty()) {
      return r.compileErrors().get(0);
    }
    if (!r.refusals().isEmpty()) {
      return r.refusals().get(0);
    }
    return r.failures().stream().findFirst()
        .map(c -> c.name() + (c.message() == null ? "" : ": " + c.message().strip().lines().findFirst().orElse("")))
        .orElse(r.crash());
  }

  /** Breaks {@code s} after a comma so no line is longer than {@code width}; later lines are indented. */
  private static String wrap(String s, int width, int indent) {
    StringBuilder out = new StringBuilder();
    String rest = s;
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(", ", width - 1);
      if (cut <= indent) {
        break;
      }
      out.append(rest, 0, cut + 1).append('\n');
      rest = " ".repeat(indent) + rest.substring(cut + 2);
    }
    return out.append(rest).toString();
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The katas available in this checkout: the curriculum ({@code curriculum.txt}, read from the repository
 * at run time) restricted to katas whose stub and spec exist, in curriculum order.
 */
final class Catalog {
  private final List<Kata> katas;

  private Catalog(List<Kata> katas) {
    this.katas = List.copyOf(katas);
  }

  static Catalog load(Repo repo) {
    List<Kata> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(repo.curriculum(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot read the curriculum " + repo.curriculum()
          + ": run kata from the repository root (" + e.getMessage() + ")");
    }
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+", 2);
      int slash = parts[0].indexOf('/');
      if (slash < 0) {
        continue;
      }
      Kata kata = new Kata(parts[0].substring(0, slash), parts[0].substring(slash + 1),
          parts.length > 1 ? parts[1].strip() : parts[0]);
      if (Files.isRegularFile(repo.file(kata.exercisePath())) && Files.isRegularFile(repo.file(kata.specPath()))) {
        out.add(kata);
      }
    }
    return new Catalog(out);
  }

  List<Kata> all() {
    return katas;
  }

  List<String> topics() {
    return katas.stream().map(Kata::topic).distinct().collect(Collectors.toList());
  }

  /** One kata by {@code name} or {@code topic/name}; an unknown name fails with the closest matches. */
  Kata kata(String query) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    for (Kata k : katas) {
      if (k.id().equals(q) || k.name().equals(q)) {
        return k;
      }
    }
    throw unknown("kata", query);
  }

  /** The katas a selector names: a kata, a topic, or {@code all}. */
  List<Kata> select(String query) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    if (q.equals("all") || q.equals("*")) {
      return katas;
    }
    List<Kata> topic = katas.stream().filter(k -> k.topic().equals(q)).collect(Collectors.toList());
    if (!topic.isEmpty()) {
      return topic;
    }
    for (Kata k : katas) {
      if (k.id().equals(q) || k.name().equals(q)) {
        return List.of(k);
      }
    }
    throw unknown("kata or topic", query);
  }

  List<Kata> topic(String topic) {
    List<Kata> out = katas.stream().filter(k -> k.topic().equals(topic.strip().toLowerCase(Locale.ROOT)))
        .collect(Collectors.toList());
    if (out.isEmpty()) {
      throw unknown("topic", topic);
    }
    return out;
  }

  private UserError unknown(String what, String query) {
    Set<String> names = new LinkedHashSet<>();
    for (Kata k : katas) {
      names.add(k.name());
      names.add(k.id());
      names.add(k.topic());
    }
    String q = query.strip().toLowerCase(Locale.ROOT);
    List<String> close = names.stream()
        .filter(n -> distance(q, n) <= Math.max(2, n.length() / 3) || n.contains(q) && q.length() >= 3)
        .sorted(Comparator.comparingInt((String n) -> distance(q, n)).thenComparing(n -> n))
        .limit(3)
        .collect(Collectors.toList());
    StringBuilder msg = new StringBuilder("unknown " + what + " '" + query + "'.");
    if (!close.isEmpty()) {
      msg.append(" Did you mean: ").append(String.join(", ", close)).append('?');
    } else {
      msg.append(" See 'kata list' for the katas.");
    }
    return new UserError(msg.toString());
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

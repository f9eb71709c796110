package mlkata.cli;

import mlkata.grading.Kata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Saved copies of the learner's work: {@code .kata/attempts/<topic>/<name>/<time>-<reason>.java}.
 * Reset, restore and drill save the current file here (atomically) before they replace it.
 */
final class Attempts {
  private final Repo repo;

  Attempts(Repo repo) {
    this.repo = repo;
  }

  /** Saves the kata's current file unless it is the stub or already the latest attempt; returns the copy. */
  Path save(Kata kata, String reason, Instant now, String stub) {
    String current = Store.read(repo.file(kata.exercisePath()));
    List<Path> existing = list(kata);
    if (!existing.isEmpty() && current.equals(Store.readOrNull(existing.get(existing.size() - 1)))) {
      return existing.get(existing.size() - 1);
    }
    if (stub != null && current.equals(stub)) {
      return null; // nothing to lose
    }
    Path target = repo.attempts(kata).resolve(Store.stamp(now) + "-" + reason + ".java");
    for (int n = 2; Files.exists(target); n++) {
      target = repo.attempts(kata).resolve(Store.stamp(now) + "-" + reason + "-" + n + ".java");
    }
    Store.writeAtomic(target, current);
    return target;
  }

  /** The saved attempts, oldest first. */
  List<Path> list(Kata kata) {
    Path dir = repo.attempts(kata);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An attempt by file name, name prefix, or 1-based number in {@link #list} order. */
  Path find(Kata kata, String which) {
    List<Path> all = list(kata);
    if (all.isEmpty()) {
      throw new UserError("no saved attempts of " + kata + " (they are saved by reset, restore and drill)");
    }
    if (which == null) {
      return all.get(all.size() - 1);
    }
    if (which.matches("\\d{1,4}")) {
      int n = Integer.parseInt(which);
      if (n >= 1 && n <= all.size()) {
        return all.get(n - 1);
      }
      throw new UserError("attempt " + n + " does not exist: " + kata + " has " + all.size() + " saved attempts");
    }
    List<Path> matching = all.stream().filter(p -> p.getFileName().toString().startsWith(which)).collect(Collectors.toList());
    if (matching.size() == 1) {
      return matching.get(0);
    }
    throw new UserError((matching.isEmpty() ? "no" : "more than one") + " attempt of " + kata + " matches '" + which
        + "'; see kata restore " + kata.name() + " --list");
  }
}

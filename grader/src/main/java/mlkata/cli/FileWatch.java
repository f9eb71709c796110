package mlkata.cli;

import mlkata.grading.Kata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reports which kata files changed, by content: the OS notifies us (inotify on Linux), and a file counts
 * as changed only when its SHA-256 differs from the last one seen, so editors that write twice or touch
 * a file trigger one grading at most.
 */
final class FileWatch implements AutoCloseable {
  private final Repo repo;
  private final WatchService service;
  private final Map<Kata, String> lastHash = new LinkedHashMap<>();

  FileWatch(Repo repo, List<Kata> katas) {
    this.repo = repo;
    try {
      this.service = FileSystems.getDefault().newWatchService();
      Set<Path> dirs = new LinkedHashSet<>();
      for (Kata k : katas) {
        dirs.add(repo.file(k.exercisePath()).getParent());
        lastHash.put(k, hash(k));
      }
      for (Path d : dirs) {
        d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the kata files", e);
    }
  }

  private String hash(Kata k) {
    String text = Store.readOrNull(repo.file(k.exercisePath()));
    return text == null ? "" : Store.sha256(text);
  }

  /** Marks the current content as seen (after the command wrote the file itself). */
  void seen(Kata k) {
    lastHash.put(k, hash(k));
  }

  /** Waits up to {@code wait} for a change; returns the katas whose content changed (maybe none). */
  Set<Kata> await(Duration wait) throws InterruptedException {
    Set<Kata> changed = new LinkedHashSet<>();
    WatchKey key;
    try {
      key = service.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ClosedWatchServiceException e) {
      return changed;
    }
    while (key != null) {
      List<WatchEvent<?>> events = key.pollEvents();
      assert events != null;
      key.reset();
      key = service.poll(15, TimeUnit.MILLISECONDS); // let a burst of events from one save settle
    }
    // Also compare contents on every tick: catches saves the OS did not report (network file systems).
    for (Map.Entry<Kata, String> e : lastHash.entrySet()) {
      String now = hash(e.getKey());
      if (!now.equals(e.getValue())) {
        e.setValue(now);
        changed.add(e.getKey());
      }
    }
    return changed;
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}

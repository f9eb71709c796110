package mlkata.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a command leaves running for the next command (a spare grading JVM, the {@code kata}
 * command's server): how they are started without holding the command up, how they are found again,
 * and how the build they were started from is dated.
 */
public final class Background {
  private Background() {}

  /**
   * Starts {@code command} with no input and its output in {@code log}, for the next command. Where a
   * POSIX shell is there, a shell starts it that returns at once (so this JVM has no child to wait for:
   * HotSpot's exit waits 0.3 s for a thread blocked in native code, such as the one waiting for a child
   * process) and half a second later (so its start does not take the cores while this command prints its
   * verdict and exits). Both made {@code kata check} end 0.3 to 0.9 s later. {@code exec} keeps the pid:
   * the process announces itself with its own, as without the shell.
   *
   * @throws UncheckedIOException when it cannot be started
   */
  public static void start(List<String> command, Path log) {
    boolean viaShell = File.separatorChar == '/' && new File("/bin/sh").canExecute();
    List<String> cmd = new ArrayList<>();
    if (viaShell) {
      cmd.addAll(List.of("/bin/sh", "-c", "(sleep 0.5 2>/dev/null || sleep 1; exec \"$0\" \"$@\") &"));
    }
    cmd.addAll(command);
    Workspace.createDirectories(log.getParent());
    try {
      Process p = new ProcessBuilder(cmd)
          .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
          .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
          .start();
      if (viaShell) {
        // The shell returns as soon as it has put the process in the background: wait for that, so no
        // thread of this JVM is still waiting for it when this JVM exits.
        p.waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + command.get(command.size() - 1), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(command.size() - 1), e);
    }
  }

  /** This process's start time in ms since the epoch, as {@link #find} compares it (0 when unknown). */
  public static long startOfThisProcess() {
    return ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
  }

  /** The process {@code pid} if it still runs and started at {@code start} (pids are reused). */
  public static Optional<ProcessHandle> find(long pid, long start) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(h -> h.info().startInstant().map(i -> i.toEpochMilli() == start).orElse(false));
  }

  /**
   * The newest modification time of {@code entry}, or of it and anything below it for a directory (a
   * directory's own time changes when a file in it is removed); 0 when unreadable.
   */
  public static long newestModification(Path entry) {
    if (!Files.isDirectory(entry)) {
      try {
        return Files.getLastModifiedTime(entry).toMillis();
      } catch (IOException e) {
        return 0;
      }
    }
    long[] newest = {0};
    try {
      Files.walkFileTree(entry, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          newest[0] = Math.max(newest[0], attrs.lastModifiedTime().toMillis());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
          newest[0] = Math.max(newest[0], attrs.lastModifiedTime().toMillis());
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return newest[0];
    }
    return newest[0];
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The command's files under {@code .kata/}. Every write goes to a temporary file in the same directory,
 * is forced to disk, then moved over the target with {@code ATOMIC_MOVE}: a crash or Ctrl-C leaves the
 * old file or the new one, never half of one. A file that does not parse is set aside (renamed to
 * {@code <name>.corrupt-<time>}) with a message, and the command starts from an empty one.
 */
final class Store {
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private Store() {}

  /** Writes {@code text} to {@code target} atomically. */
  static void writeAtomic(Path target, String text) {
    writeAtomic(target, text.getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomic(Path target, byte[] bytes) {
    writeAtomic(target, bytes, null);
  }

  /**
   * Writes {@code bytes} to {@code target} atomically, the temporary file in {@code tmpDir} (created when
   * missing) rather than next to the target: a process killed mid-write then leaves nothing in the
   * learner's source folder. When the two are on different file systems (the move cannot be atomic), the
   * temporary file goes next to the target after all.
   */
  static void writeAtomic(Path target, byte[] bytes, Path tmpDir) {
    if (Files.isDirectory(target)) {
      throw new UserError(directoryInTheWay(target));
    }
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      if (tmpDir != null) {
        Files.createDirectories(tmpDir);
        try {
          writeVia(tmpDir, target, bytes, true);
          return;
        } catch (AtomicMoveNotSupportedException e) {
          // another file system: fall through to a temporary file in the target's directory
        }
      }
      try {
        writeVia(dir, target, bytes, true);
      } catch (AtomicMoveNotSupportedException e) {
        writeVia(dir, target, bytes, false);
      }
    } catch (IOException e) {
      throw new UserError(describe("write", target, e));
    }
  }

  private static void writeVia(Path tmpDir, Path target, byte[] bytes, boolean atomic) throws IOException {
    Path tmp = Files.createTempFile(tmpDir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (atomic) {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Temporary files older than this are leftovers of a killed command, never a write in progress. */
  static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(1);

  /**
   * Deletes the temporary files a killed command left behind: in {@code .kata/tmp/}, and the
   * {@code .<File>.java.<digits>.tmp} that earlier versions wrote next to the kata files.
   */
  static void cleanLeftovers(Repo repo, List<Path> sourceDirs, Instant now) {
    List<Path> dirs = new ArrayList<>(sourceDirs);
    dirs.add(repo.tmp());
    for (Path dir : new TreeSet<>(dirs)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var files = Files.list(dir)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = p.getFileName().toString();
          boolean ours = dir.equals(repo.tmp()) ? name.endsWith(".tmp") : LEFTOVER.matcher(name).matches();
          if (ours && Files.isRegularFile(p)
              && Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(LEFTOVER_AGE))) {
            Files.deleteIfExists(p);
          }
        }
      } catch (IOException e) {
        // leftovers are harmless; a folder we cannot list is reported by whatever needs it
      }
    }
  }

  private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("\\.[A-Za-z0-9_$]+\\.java\\.\\d+\\.tmp");

  /**
   * What went wrong with a state or kata file, in one line, with what to do about it: a directory or a
   * file standing where the other should be, missing permissions, or the system's own reason.
   */
  static String describe(String verb, Path path, IOException e) {
    if (Files.isDirectory(path) && !verb.equals("list")) {
      return directoryInTheWay(path);
    }
    for (Path p = path.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return p + " is a file, but kata needs a directory there; move it away (mv " + p + " " + p
            + ".old) and run the command again";
      }
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      String where = ((java.nio.file.AccessDeniedException) e).getFile();
      return "cannot " + verb + " " + path + ": permission denied" + (where == null || where.equals(path.toString())
          ? "" : " (on " + where + ")") + "; give yourself write access (chmod -R u+w .kata) or run kata as the"
          + " owner of the repository";
    }
    String reason = e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null
        ? ((java.nio.file.FileSystemException) e).getReason() : e.getClass().getSimpleName() + " " + oneLine(e.getMessage());
    return "cannot " + verb + " " + path + ": " + reason;
  }

  static String directoryInTheWay(Path path) {
    return path + " is a directory, but kata keeps a file there; move it away (mv " + path + " " + path
        + ".old) and run the command again";
  }

  /**
   * Refuses to start when {@code .kata} cannot hold the command's state: a file of that name, or a
   * directory without write permission for its owner (checked on the mode bits too, so that running as
   * root does not hide the problem from the learner's own account).
   */
  static void checkStateDir(Repo repo) {
    Path dir = repo.kataDir();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserError(dir + " is a file, but kata keeps its state in a directory of that name; move it away"
          + " (mv " + dir + " " + dir + ".old) and run the command again");
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    boolean writable = Files.isWritable(dir);
    try {
      writable &= Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: isWritable has the answer
    }
    if (!writable) {
      throw new UserError(dir + " is read-only, and kata keeps its state there; make it writable (chmod -R u+w "
          + dir + ") and run the command again");
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(describe("read", file, e));
    }
  }

  static String readOrNull(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UserError(describe("read", file, e));
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String stamp(Instant when) {
    return STAMP.format(when);
  }

  /** Reads a JSON file into {@code type}; a missing file gives {@code fresh}, a corrupted one is set aside. */
  static <T> T loadJson(Path file, Class<T> type, T fresh, Instant now, PrintWriter err) {
    String text = readOrNull(file);
    if (text == null) {
      return fresh;
    }
    try {
      T value = GSON.fromJson(text, type);
      if (value == null) {
        throw new JsonParseException("empty file");
      }
      return value;
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp(now));
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException io) {
        throw new UserError(file + " could not be read (" + oneLine(e.getMessage()) + ") nor set aside ("
            + describe("move", file, io) + ")");
      }
      err.println("warning: " + file.getFileName() + " could not be read (" + oneLine(e.getMessage())
          + "); it was moved to " + aside + " and a fresh one is used.");
      err.flush();
      return fresh;
    }
  }

  static void saveJson(Path file, Object value) {
    writeAtomic(file, GSON.toJson(value) + "\n");
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** What the command remembers per kata: hint tiers seen, solution seen, last check. */
  static final class State {
    int version = 1;
    Map<String, KataState> katas = new TreeMap<>();

    KataState of(Kata kata) {
      return katas.computeIfAbsent(kata.id(), k -> new KataState());
    }
  }

  static final class KataState {
    TreeSet<Integer> hintsSeen = new TreeSet<>();
    boolean solutionSeen;
    /** The status of the last check and the hash of the learner's file it graded. */
    String lastStatus;
    String lastHash;
    String lastChecked;
    String firstPassed;
    int checks;
    int passes;
  }

  /** Every check run of the learner's code, oldest first (at most {@link #MAX_RUNS}). */
  static final class Checks {
    int version = 1;
    List<CheckRun> runs = new ArrayList<>();
  }

  /** The log keeps this many runs, dropping the oldest: years of practice, a few megabytes. */
  static final int MAX_RUNS = 20_000;

  /** One kata graded once. */
  static final class CheckRun {
    String kata;
    String time;
    /** passing, failing, not started... as in {@code kata list}. */
    String status;
    long passed;
    long total;
  }

  static Checks loadChecks(Repo repo, Instant now, PrintWriter err) {
    Checks c = loadJson(repo.checksLog(), Checks.class, new Checks(), now, err);
    if (c.runs == null) {
      c.runs = new ArrayList<>();
    }
    c.runs.removeIf(r -> r == null || r.kata == null);
    return c;
  }

  /** Every drill taken. */
  static final class History {
    int version = 1;
    List<Drill> drills = new ArrayList<>();
  }

  /** One drill; also the file {@code .kata/drill.json} while it runs. */
  static final class Drill {
    String kata;
    String started;
    String deadline;
    String ended;
    /** passed, time-up or abandoned. */
    String outcome;
    long seconds;
    int minutes;
    int hintsUsed;
    boolean solutionSeen;
    String savedAttempt;
    long pid;
    /** When the process {@link #pid} started (ProcessHandle), so that a recycled PID is not taken for the drill's. */
    String pidStarted;
    /** The conceptual part of {@code drill --interview}; null for a coding-only drill. */
    QuizState.Outcome quiz;
  }

  /** The quiz's cards and reviews ({@code kata quiz}); loaded and saved by {@link QuizState}. */
  static Path quizFile(Repo repo) {
    return repo.kataDir().resolve("quiz.json");
  }

  static State loadState(Repo repo, Instant now, PrintWriter err) {
    State s = loadJson(repo.stateFile(), State.class, new State(), now, err);
    if (s.katas == null) {
      s.katas = new TreeMap<>();
    }
    s.katas.values().removeIf(v -> v == null);
    s.katas.values().forEach(v -> {
      if (v.hintsSeen == null) {
        v.hintsSeen = new TreeSet<>();
      }
    });
    return s;
  }

  static History loadHistory(Repo repo, Instant now, PrintWriter err) {
    History h = loadJson(repo.historyFile(), History.class, new History(), now, err);
    if (h.drills == null) {
      h.drills = new ArrayList<>();
    }
    h.drills.removeIf(d -> d == null || d.kata == null);
    return h;
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static String readOrNull(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
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
        throw new UncheckedIOException("cannot set aside the corrupted " + file, io);
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

package mlkata.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stubs as they are shipped, by content: a learner's file that is byte for byte its kata's shipped stub
 * (line endings aside) is graded without running the bodies of its checks. Every check still appears, each
 * reported "not started" with the stub methods a real run reaches; the self-check's
 * {@code PristineStubsTest} runs every check of every shipped stub for real, requires exactly that
 * outcome, and requires this file ({@value #RESOURCE}) to hold each stub's hash and those methods.
 * A whole {@code ./mvnw test} grades every kata, most of them untouched while a learner works on one:
 * their checks cost a few milliseconds each instead of building inputs and running the reference first.
 *
 * <p>Lines: {@code topic/kata sha256 Class.method,Class.method} ({@code #} starts a comment).
 */
public final class UntouchedStubs {
  /** Where the list lives on the grader's classpath (written by {@code PristineStubsTest}). */
  public static final String RESOURCE = "mlkata/untouched-stubs.txt";

  private record Entry(String sha256, List<String> methods) {}

  private static volatile Map<String, Entry> entries;

  private UntouchedStubs() {}

  /**
   * The stub methods a run of {@code kata}'s checks reaches, when {@code source} is its shipped stub;
   * otherwise (edited, missing, unreadable, or not listed) null.
   */
  public static List<String> methodsIfUntouched(Kata kata, Path source) {
    Entry e = entries().get(kata.id());
    if (e == null) {
      return null;
    }
    try {
      return e.sha256().equals(sha256(Files.readString(source, StandardCharsets.UTF_8))) ? e.methods() : null;
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** The hash this list keeps for a stub's text: SHA-256 of its UTF-8 bytes with CRLF read as LF. */
  public static String sha256(String source) {
    return LearnerCompiler.sha256(source.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Entry> entries() {
    Map<String, Entry> m = entries;
    if (m == null) {
      m = new HashMap<>();
      try (InputStream in = UntouchedStubs.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in != null) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
              continue;
            }
            String[] f = l.split("\\s+");
            if (f.length == 3) {
              m.put(f[0], new Entry(f[1], List.of(f[2].split(","))));
            }
          }
        }
      } catch (IOException e) {
        m = Map.of(); // no list: every kata is run in full, which is only slower
      }
      entries = m;
    }
    return m;
  }
}

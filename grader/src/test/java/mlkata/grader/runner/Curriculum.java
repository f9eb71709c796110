package mlkata.grader.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mlkata.grader.support.KataId;

/**
 * The katas in the order a learner should take them, read from {@code mlkata/curriculum.txt}: one
 * {@code topic/name  Title} per line, {@code #} starts a comment. The catalog check keeps it in step
 * with the stubs, solutions, specs and hints.
 */
public final class Curriculum {
  private static final String RESOURCE = "/mlkata/curriculum.txt";

  private Curriculum() {}

  /** One kata of the curriculum. */
  public record Entry(KataId id, String title) {}

  /** Every kata, in curriculum order. */
  public static List<Entry> entries() {
    try (InputStream in = Curriculum.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      List<Entry> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", 2);
        out.add(new Entry(KataId.parse(parts[0]), parts.length > 1 ? parts[1] : parts[0]));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

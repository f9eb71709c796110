package mlkata.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers: the problem statement from a stub's Javadoc, hint sections, durations. */
final class Text {
  private Text() {}

  /** The class Javadoc of a stub, as plain text: the kata's problem statement. */
  static String problemStatement(String source) {
    int classAt = indexOfClass(source);
    int end = source.lastIndexOf("*/", classAt < 0 ? source.length() : classAt);
    int start = end < 0 ? -1 : source.lastIndexOf("/**", end);
    if (start < 0) {
      return "(the stub has no Javadoc)";
    }
    StringBuilder out = new StringBuilder();
    for (String line : source.substring(start + 3, end).split("\n")) {
      String l = line.strip();
      if (l.startsWith("*")) {
        l = l.substring(1);
        if (l.startsWith(" ")) {
          l = l.substring(1);
        }
      }
      out.append(l).append('\n');
    }
    return JavadocText.render(out.toString());
  }

  private static int indexOfClass(String source) {
    Matcher m = Pattern.compile("(?m)^public\\s+(final\\s+)?(class|interface|record|enum)\\s").matcher(source);
    return m.find() ? m.start() : -1;
  }

  /** The sections of a hints file by heading ({@code ## Tier 1: Nudge} gives "Tier 1: Nudge"). */
  static Map<String, String> sections(String markdown) {
    Map<String, String> out = new LinkedHashMap<>();
    String heading = null;
    StringBuilder body = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("## ")) {
        if (heading != null) {
          out.put(heading, body.toString().strip());
        }
        heading = line.substring(3).strip();
        body.setLength(0);
      } else if (heading != null) {
        body.append(line).append('\n');
      }
    }
    if (heading != null) {
      out.put(heading, body.toString().strip());
    }
    return out;
  }

  /** The section whose heading starts with {@code prefix} ("Tier 2"), or null. */
  static Map.Entry<String, String> section(Map<String, String> sections, String prefix) {
    for (Map.Entry<String, String> e : sections.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        return e;
      }
    }
    return null;
  }

  static String duration(long seconds) {
    if (seconds < 0) {
      return "-";
    }
    return String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  static String duration(Duration d) {
    return duration(d.toSeconds());
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** The lines of {@code s}, at most {@code maxLines} of them, each clipped to {@code width}. */
  static List<String> block(String s, int maxLines, int width) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    String[] lines = s.strip().split("\\R");
    for (int k = 0; k < lines.length && k < maxLines; k++) {
      String line = lines[k].stripTrailing();
      out.add(line.length() <= width ? line : line.substring(0, width - 3) + "...");
    }
    if (lines.length > maxLines) {
      out.add("... (" + (lines.length - maxLines) + " more lines)");
    }
    return out;
  }

  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = Store.oneLine(s);
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}

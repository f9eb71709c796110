package mlkata.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The code of a Java source without its comments and Javadoc, for {@code kata diff}: a lexer that knows
 * string literals, character literals and text blocks (a {@code //} inside a string is not a comment),
 * so the learner's notes and the reference's documentation never show up as differences.
 */
final class CodeOnly {
  private CodeOnly() {}

  /** One line of code: its text and its 1-based number in the original file. */
  record Line(String text, int number) {}

  /** The lines that keep some code once the comments are removed, comments cut out of them. */
  static List<Line> lines(String source) {
    String code = withoutComments(source);
    List<Line> out = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      String line = lines[k].stripTrailing();
      if (!line.isBlank()) {
        out.add(new Line(line, k + 1));
      }
    }
    return out;
  }

  /** {@code source} with every comment replaced by nothing; the line breaks inside comments are kept. */
  static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int n = source.length();
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      char next = i + 1 < n ? source.charAt(i + 1) : '\0';
      if (c == '/' && next == '/') {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && next == '*') {
        int end = source.indexOf("*/", i + 2);
        int stop = end < 0 ? n : end + 2;
        for (int k = i; k < stop; k++) {
          if (source.charAt(k) == '\n') {
            out.append('\n');
          }
        }
        i = stop;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = i + 3;
        while (end < n && !source.startsWith("\"\"\"", end)) {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(n, end + 3);
        out.append(source, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = i + 1;
        while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(n, end + 1);
        out.append(source, i, end);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Two lines of code are the same when they differ only in spacing. */
  static String normalized(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }
}

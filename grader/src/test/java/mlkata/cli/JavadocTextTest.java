package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The problem statement as terminal text: no HTML tag, no Javadoc tag, paragraphs and bullets. */
class JavadocTextTest {
  private static final String SOURCE = String.join("\n",
      "package mlkata.exercises.fake;",
      "",
      "/**",
      " * <h2>Kata: a state machine</h2>",
      " *",
      " * <p>Start from {@link State#initial(int) State.initial(1)}; compare with {@code a < b && c > d}",
      " * and {@code Map<String, {List}>}. See {@link Other#step(int, double)} and {@linkplain #run the run}.",
      " * <ul>",
      " *   <li><b>First</b>: one",
      " *   <li>Second: {@literal x<y}",
      " * </ul>",
      " * <ol><li>alpha<li>beta</ol>",
      " * <pre>",
      " *   y = a * x",
      " *     + b",
      " * </pre>",
      " * Fish &amp; chips.",
      " *",
      " * @see Other#step(int, double)",
      " */",
      "public final class Machine {",
      "}",
      "");

  @Test
  void inline_tags_and_html_become_plain_text() {
    String text = Text.problemStatement(SOURCE);
    assertThat(text).doesNotContain("<h2>").doesNotContain("<p>").doesNotContain("<li>").doesNotContain("{@")
        .doesNotContain("State#initial").doesNotContain("State.initial(int)").doesNotContain("&amp;");
    assertThat(text).startsWith("Kata: a state machine\n\nStart from State.initial(1); compare with a < b && c > d")
        .contains("Map<String, {List}>").contains("See\nOther.step(int, double)").contains("and the run.")
        .contains("\n  - First: one\n  - Second: x<y\n").contains("\n  1. alpha\n  2. beta\n")
        .contains("\n  y = a * x\n    + b\n").contains("Fish & chips.").endsWith("See also: Other.step(int, double)");
  }

  @Test
  void paragraphs_wrap_with_a_hanging_indent_and_never_split_code() {
    String longItem = "<ul><li>" + "word ".repeat(30) + "<code>keep these together</code> " + "word ".repeat(30) + "</ul>";
    String text = JavadocText.toText(longItem, 40);
    assertThat(text.lines()).allMatch(l -> l.length() <= 40, "at most 40 columns");
    assertThat(text.lines().skip(1)).allMatch(l -> l.startsWith("    ") && !l.startsWith("     "), "hanging indent");
    assertThat(text.lines()).anyMatch(l -> l.contains("keep these together"));
    assertThat(text).startsWith("  - word word");
  }
}

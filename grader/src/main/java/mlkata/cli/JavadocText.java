package mlkata.cli;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A Javadoc comment as terminal text: the problem statement of a kata. Two steps: Javadoc's own syntax
 * (inline tags such as {@code {@code x}} and {@code {@link A#b(int) label}}, block tags such as
 * {@code @see}) becomes HTML, then jsoup parses the HTML and the element tree is laid out as text:
 * paragraphs separated by a blank line and wrapped, list items with a bullet (or a number) and a hanging
 * indent, {@code <pre>} blocks as they are, headings on a line of their own.
 */
final class JavadocText {
  /** The width paragraphs are wrapped to: one 100-column terminal. */
  static final int WIDTH = 100;

  private static final char NBSP = '\u00a0';

  private JavadocText() {}

  /** {@code comment}: the text between {@code /**} and its end, the leading asterisks already removed. */
  static String render(String comment) {
    return toText(toHtml(comment), WIDTH);
  }

  /** Javadoc to HTML: inline tags become HTML (their code escaped), block tags become paragraphs. */
  static String toHtml(String javadoc) {
    StringBuilder html = new StringBuilder();
    boolean inPre = false;
    for (String line : javadoc.split("\n", -1)) {
      String lower = line.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("<pre>")) {
        inPre = true;
      }
      String stripped = line.strip();
      if (!inPre && stripped.startsWith("@") && stripped.length() > 1 && Character.isLetter(stripped.charAt(1))) {
        int space = stripped.indexOf(' ');
        String tag = space < 0 ? stripped.substring(1) : stripped.substring(1, space);
        String rest = space < 0 ? "" : stripped.substring(space + 1);
        html.append("<p>").append(tag.equals("see") ? "See also: " + reference(rest) : tag + ": " + rest).append('\n');
      } else {
        html.append(line).append('\n');
      }
      if (lower.contains("</pre>")) {
        inPre = false;
      }
    }
    return inlineTags(html.toString());
  }

  /** Replaces every inline tag of {@code s} by HTML, nested braces included. */
  static String inlineTags(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int at = s.indexOf("{@", i);
      if (at < 0) {
        out.append(s, i, s.length());
        break;
      }
      out.append(s, i, at);
      int end = closingBrace(s, at);
      if (end < 0) {
        out.append(s, at, s.length());
        break;
      }
      String body = s.substring(at + 2, end);
      int split = firstWhitespace(body);
      String tag = split < 0 ? body : body.substring(0, split);
      String content = split < 0 ? "" : body.substring(split).strip();
      out.append(inlineTag(tag, content));
      i = end + 1;
    }
    return out.toString();
  }

  private static String inlineTag(String tag, String content) {
    switch (tag) {
      case "code":
        return "<code>" + Entities.escape(content) + "</code>";
      case "literal":
        return Entities.escape(content);
      case "link":
      case "linkplain": {
        int split = firstWhitespaceOutsideParens(content);
        if (split >= 0) {
          String label = inlineTags(content.substring(split).strip());
          return tag.equals("link") ? "<code>" + label + "</code>" : label;
        }
        String ref = Entities.escape(reference(content));
        return tag.equals("link") ? "<code>" + ref + "</code>" : ref;
      }
      case "value":
        return "<code>" + Entities.escape(reference(content)) + "</code>";
      default: // {@inheritDoc}, {@index x}, {@summary x} and the like: their text
        return inlineTags(content);
    }
  }

  /** A Javadoc reference as a reader writes it: {@code A#b(int)} is {@code A.b(int)}, {@code #b} is {@code b}. */
  static String reference(String ref) {
    String r = ref.strip();
    if (r.startsWith("#")) {
      return r.substring(1);
    }
    return r.replace('#', '.');
  }

  private static int closingBrace(String s, int open) {
    int depth = 0;
    for (int k = open; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static int firstWhitespace(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.isWhitespace(s.charAt(k))) {
        return k;
      }
    }
    return -1;
  }

  private static int firstWhitespaceOutsideParens(String s) {
    int depth = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && Character.isWhitespace(c)) {
        return k;
      }
    }
    return -1;
  }

  /** HTML laid out as text {@code width} columns wide. */
  static String toText(String html, int width) {
    Layout layout = new Layout(width);
    layout.children(Jsoup.parseBodyFragment(html).body(), "");
    layout.flush();
    while (!layout.lines.isEmpty() && layout.lines.get(0).isEmpty()) {
      layout.lines.remove(0);
    }
    return String.join("\n", layout.lines).stripTrailing();
  }

  /** Walks the element tree, collecting inline text into a paragraph that each block boundary flushes. */
  private static final class Layout {
    final int width;
    final List<String> lines = new ArrayList<>();
    final StringBuilder para = new StringBuilder();
    /** Inside {@code <code>}: spaces are kept unbreakable, so a wrap never splits a piece of code. */
    int code;
    String firstPrefix = "";
    String restPrefix = "";

    Layout(int width) {
      this.width = width;
    }

    void children(Element e, String indent) {
      for (Node n : e.childNodes()) {
        node(n, indent);
      }
    }

    void node(Node n, String indent) {
      if (n instanceof TextNode) {
        String text = ((TextNode) n).getWholeText().replaceAll("\\s+", " ");
        para.append(code > 0 ? text.replace(' ', NBSP) : text);
        return;
      }
      if (!(n instanceof Element)) {
        return;
      }
      Element e = (Element) n;
      switch (e.normalName()) {
        case "br":
          flush();
          break;
        case "p": case "div": case "blockquote": case "dl": case "table":
          block(indent);
          children(e, indent);
          block(indent);
          break;
        case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
          block(indent);
          children(e, indent);
          block(indent);
          break;
        case "pre":
          block(indent);
          for (String line : e.wholeText().replaceAll("^\\s*\\n|\\s+$", "").split("\n", -1)) {
            lines.add((indent + line).stripTrailing());
          }
          blank();
          break;
        case "ul": case "ol": {
          block(indent);
          int number = 1;
          for (Element item : e.children()) {
            String bullet = e.normalName().equals("ol") ? (number++) + ". " : "- ";
            flush();
            firstPrefix = indent + "  " + bullet;
            restPrefix = indent + "  " + " ".repeat(bullet.length());
            children(item, restPrefix);
            flush();
          }
          block(indent);
          break;
        }
        case "tr": case "dt":
          flush();
          setPrefix(indent);
          children(e, indent);
          flush();
          break;
        case "dd":
          flush();
          setPrefix(indent + "    ");
          children(e, indent + "    ");
          flush();
          setPrefix(indent);
          break;
        case "td": case "th":
          para.append(' ');
          children(e, indent);
          para.append(' ');
          break;
        case "code":
          code++;
          children(e, indent);
          code--;
          break;
        default: // b, em, i, a, span...: inline
          children(e, indent);
      }
    }

    private void setPrefix(String indent) {
      firstPrefix = indent;
      restPrefix = indent;
    }

    /** Ends the paragraph with a blank line; what follows starts at {@code indent}. */
    private void block(String indent) {
      flush();
      blank();
      setPrefix(indent);
    }

    private void blank() {
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
        lines.add("");
      }
    }

    /** Wraps the paragraph collected so far into lines. */
    void flush() {
      String text = para.toString().strip();
      para.setLength(0);
      if (text.isEmpty()) {
        return;
      }
      StringBuilder line = new StringBuilder(firstPrefix);
      int start = firstPrefix.length();
      for (String word : text.split(" ")) {
        if (line.length() > start && line.length() + 1 + word.length() > width) {
          lines.add(line.toString().replace(NBSP, ' '));
          line = new StringBuilder(restPrefix);
          start = restPrefix.length();
        }
        if (line.length() > start) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString().replace(NBSP, ' '));
      firstPrefix = restPrefix;
    }
  }
}

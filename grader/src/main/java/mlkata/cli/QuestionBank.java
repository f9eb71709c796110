package mlkata.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The conceptual questions of {@code hints/<topic>/questions.md}, one file per topic. The format (also
 * in {@code grader/README.md}): a question starts at a {@code ## <id>} heading and is a list of
 * {@code key: value} fields, a field running on over the following lines until the next field:
 *
 * <pre>
 * ## metrics-auc-four-scores
 * kind: numeric                 choice, numeric or recall
 * question: What is the AUC of ...
 * answer: 0.75                  numeric: the value; recall: bullet lines below "answer:"
 * tolerance: 1e-9               numeric only: absolute tolerance
 * check: metrics/roc-auc auc scores=[0.1,0.4,0.35,0.8] labels=[0,0,1,1]
 * explanation: Why.             required for choice and numeric
 * </pre>
 *
 * A multiple-choice question lists its choices as {@code - [x] right} and {@code - [ ] wrong} lines.
 * Text before the first heading is free prose. Parsing is strict: an unknown field, a missing one, or a
 * choice question without a right choice is an error naming the file and line.
 */
public final class QuestionBank {
  /** The three kinds of question. */
  public enum Kind { CHOICE, NUMERIC, RECALL }

  /** One choice of a multiple-choice question. */
  public record Choice(String text, boolean right) {}

  /**
   * One question. {@code choices} only for {@link Kind#CHOICE}; {@code answer} and {@code tolerance}
   * only for {@link Kind#NUMERIC}; {@code modelAnswer} (bullet lines) only for {@link Kind#RECALL};
   * {@code check} is optional (numeric only), {@code explanation} optional for recall.
   */
  public record Question(String id, String topic, Kind kind, String text, List<Choice> choices, double answer,
      double tolerance, String check, List<String> modelAnswer, String explanation, String source, int line) {

    /** True when {@code given} is within the tolerance of the answer (numeric questions). */
    public boolean accepts(double given) {
      return Math.abs(given - answer) <= tolerance;
    }

    /** The letters of the right choices, "a", "b"... in order. */
    public Set<Character> rightLetters() {
      Set<Character> out = new TreeSet<>();
      for (int k = 0; k < choices.size(); k++) {
        if (choices.get(k).right()) {
          out.add((char) ('a' + k));
        }
      }
      return out;
    }
  }

  /** A malformed questions file. */
  public static final class FormatError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormatError(String message) {
      super(message);
    }
  }

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern FIELD = Pattern.compile("^(kind|question|answer|tolerance|check|explanation):(.*)$");
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("^[a-z]+:( .*)?$");
  private static final Set<String> FIELDS = Set.of("kind", "question", "answer", "tolerance", "check", "explanation");

  private final List<Question> questions;

  private QuestionBank(List<Question> questions) {
    this.questions = List.copyOf(questions);
  }

  /** The relative path of a topic's questions. */
  public static String path(String topic) {
    return "hints/" + topic + "/questions.md";
  }

  /** Every {@code hints/<topic>/questions.md} under {@code root}, topics in directory-name order. */
  public static QuestionBank load(Path root) {
    Path hints = root.resolve("hints");
    List<Question> all = new ArrayList<>();
    if (!Files.isDirectory(hints)) {
      return new QuestionBank(all);
    }
    try (Stream<Path> dirs = Files.list(hints)) {
      for (Path dir : dirs.sorted().collect(Collectors.toList())) {
        Path file = dir.resolve("questions.md");
        if (Files.isRegularFile(file)) {
          all.addAll(parse(dir.getFileName().toString(), root.relativize(file).toString(),
              Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the questions under " + hints, e);
    }
    return new QuestionBank(all);
  }

  static QuestionBank of(List<Question> questions) {
    return new QuestionBank(questions);
  }

  public List<Question> all() {
    return questions;
  }

  public List<Question> topic(String topic) {
    return questions.stream().filter(q -> q.topic().equals(topic)).collect(Collectors.toList());
  }

  public List<String> topics() {
    return questions.stream().map(Question::topic).distinct().collect(Collectors.toList());
  }

  /** The question with this id, or null. */
  public Question byId(String id) {
    for (Question q : questions) {
      if (q.id().equals(id)) {
        return q;
      }
    }
    return null;
  }

  /** Parses one topic's file; {@code source} names it in error messages. */
  public static List<Question> parse(String topic, String source, String markdown) {
    Objects.requireNonNull(markdown, "markdown");
    List<Question> out = new ArrayList<>();
    String[] lines = markdown.split("\\R", -1);
    int k = 0;
    while (k < lines.length && !lines[k].startsWith("## ")) {
      k++;
    }
    while (k < lines.length) {
      int start = k;
      String id = lines[k].substring(3).strip();
      k++;
      int end = k;
      while (end < lines.length && !lines[end].startsWith("## ")) {
        end++;
      }
      out.add(question(topic, source, id, start + 1, List.of(lines).subList(k, end)));
      k = end;
    }
    return out;
  }

  private static Question question(String topic, String source, String id, int line, List<String> body) {
    String where = source + ":" + line + " (" + id + ")";
    if (!ID.matcher(id).matches()) {
      throw new FormatError(where + ": the id must be lower-case words joined by '-'");
    }
    Map<String, StringBuilder> fields = new LinkedHashMap<>();
    List<Choice> choices = new ArrayList<>();
    List<String> bullets = new ArrayList<>();
    String current = null;
    for (int k = 0; k < body.size(); k++) {
      String raw = body.get(k);
      String l = raw.strip();
      var m = FIELD.matcher(raw);
      if (m.matches()) {
        current = m.group(1);
        if (fields.containsKey(current)) {
          throw new FormatError(where + ": field '" + current + "' given twice");
        }
        fields.put(current, new StringBuilder(m.group(2).strip()));
      } else if (l.startsWith("- [x] ") || l.startsWith("- [X] ") || l.startsWith("- [ ] ")) {
        choices.add(new Choice(l.substring(6).strip(), l.charAt(3) != ' '));
        current = "choices";
      } else if (l.startsWith("- ") && "answer".equals(current)) {
        bullets.add(l.substring(2).strip());
      } else if (l.isEmpty()) {
        continue;
      } else if (UNKNOWN_FIELD.matcher(raw).matches()) {
        throw new FormatError(where + ": unknown field '" + raw.substring(0, raw.indexOf(':'))
            + "' (the fields are " + String.join(", ", new TreeSet<>(FIELDS)) + "; indent a text line that looks like one)");
      } else if (current == null || current.equals("choices")) {
        throw new FormatError(where + ": text outside a field: '" + l + "'");
      } else if (current.equals("answer") && !bullets.isEmpty()) {
        bullets.set(bullets.size() - 1, bullets.get(bullets.size() - 1) + " " + l);
      } else {
        StringBuilder b = fields.get(current);
        b.append(b.length() == 0 ? "" : "\n").append(raw.stripTrailing());
      }
    }
    String kindText = text(fields, "kind");
    if (kindText == null) {
      throw new FormatError(where + ": missing 'kind:'");
    }
    Kind kind;
    try {
      kind = Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FormatError(where + ": kind must be choice, numeric or recall, not '" + kindText + "'");
    }
    String question = require(fields, "question", where);
    String explanation = text(fields, "explanation");
    String check = text(fields, "check");
    double answer = Double.NaN;
    double tolerance = Double.NaN;
    switch (kind) {
      case CHOICE:
        if (choices.size() < 2) {
          throw new FormatError(where + ": a choice question needs at least two '- [ ]' choices");
        }
        if (choices.stream().noneMatch(Choice::right)) {
          throw new FormatError(where + ": no choice is marked right ('- [x] ...')");
        }
        if (choices.size() > 26) {
          throw new FormatError(where + ": at most 26 choices");
        }
        forbid(fields, where, kind, "answer", "tolerance", "check");
        require(fields, "explanation", where);
        break;
      case NUMERIC:
        answer = number(require(fields, "answer", where), where, "answer");
        tolerance = number(require(fields, "tolerance", where), where, "tolerance");
        if (!(tolerance >= 0) || !Double.isFinite(answer)) {
          throw new FormatError(where + ": the answer must be finite and the tolerance >= 0");
        }
        require(fields, "explanation", where);
        if (!choices.isEmpty() || !bullets.isEmpty()) {
          throw new FormatError(where + ": a numeric question has no choices or bullets");
        }
        break;
      case RECALL:
        if (!choices.isEmpty()) {
          throw new FormatError(where + ": a recall question has no choices");
        }
        forbid(fields, where, kind, "tolerance", "check");
        if (bullets.isEmpty()) {
          throw new FormatError(where + ": a recall question needs a model answer: 'answer:' then '- ' bullet lines");
        }
        if (fields.containsKey("answer") && fields.get("answer").length() > 0) {
          throw new FormatError(where + ": a recall answer is bullet lines below 'answer:', nothing on its line");
        }
        break;
      default:
        throw new IllegalStateException();
    }
    return new Question(id, topic, kind, question, List.copyOf(choices), answer, tolerance, check,
        Collections.unmodifiableList(new ArrayList<>(bullets)), explanation, where, line);
  }

  private static String text(Map<String, StringBuilder> fields, String key) {
    StringBuilder b = fields.get(key);
    return b == null || b.toString().isBlank() ? null : b.toString().strip();
  }

  private static String require(Map<String, StringBuilder> fields, String key, String where) {
    String v = text(fields, key);
    if (v == null) {
      throw new FormatError(where + ": missing '" + key + ":'");
    }
    return v;
  }

  private static void forbid(Map<String, StringBuilder> fields, String where, Kind kind, String... keys) {
    for (String key : keys) {
      if (text(fields, key) != null) {
        throw new FormatError(where + ": a " + kind.name().toLowerCase(Locale.ROOT) + " question has no '" + key + ":'");
      }
    }
  }

  private static double number(String s, String where, String what) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new FormatError(where + ": " + what + " is not a number: '" + s + "'");
    }
  }
}

package mlkata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "quiz", mixinStandardHelpOptions = true,
    description = {"Conceptual interview questions, drilled with spaced repetition (SM-2).",
        "Asks the questions due today, then new ones (at most --new a day). Multiple-choice and numeric",
        "questions are graded (right = good, wrong = again); for open questions you answer in your own",
        "words, read the model answer and rate yourself: again, hard, good or easy. Every rating is saved",
        "at once in .kata/quiz.json, so stopping (q, Ctrl-D or Ctrl-C) loses nothing already rated."})
final class QuizCommand implements Callable<Integer> {
  /** New questions introduced per day by default: about a quarter of an hour of new material. */
  static final int DEFAULT_NEW_PER_DAY = 10;

  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Option(names = "--topic", description = "Only this topic's questions.")
  String topic;

  @Option(names = "--count", defaultValue = "20", description = "At most this many questions (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--new", defaultValue = "" + DEFAULT_NEW_PER_DAY,
      description = "At most this many new questions a day (default: ${DEFAULT-VALUE}).")
  int newPerDay;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    if (count < 1 || newPerDay < 0) {
      throw new UserError("--count must be >= 1 and --new >= 0");
    }
    QuestionBank bank = QuestionBank.load(s.repo.root);
    List<QuestionBank.Question> pool = pool(bank, topic);
    ZoneId zone = s.env.clock.getZone();
    QuizState state = QuizState.load(s.repo, s.now(), s.err);
    LocalDate today = QuizState.day(s.now(), zone);
    List<QuestionBank.Question> due = state.due(pool, today);
    int newLeft = Math.max(0, newPerDay - state.introducedOn(today));
    List<QuestionBank.Question> fresh = state.fresh(pool);
    List<QuestionBank.Question> session = new ArrayList<>(due.subList(0, Math.min(count, due.size())));
    int newTaken = Math.min(Math.min(newLeft, fresh.size()), count - session.size());
    session.addAll(fresh.subList(0, newTaken));
    if (session.isEmpty()) {
      LocalDate next = state.nextDue(today);
      s.out.println("Nothing due" + (topic == null ? "" : " in " + topic) + "."
          + (next == null ? "" : " Next review: " + next + ".")
          + (fresh.isEmpty() ? "" : " " + fresh.size() + " new questions wait; today's " + newPerDay
              + " new ones are used up (--new raises it)."));
      s.out.flush();
      return 0;
    }
    s.out.println(s.color("bold", "Quiz: " + Math.min(due.size(), session.size()) + " due, " + newTaken + " new")
        + " (" + pool.size() + " questions" + (topic == null ? "" : " in " + topic) + ")."
        + " Answer and press Enter; q stops (every rating is kept).");
    s.out.println();
    QuizState.Outcome outcome = ask(s, s.out, state, session, null);
    s.out.println();
    s.out.println(summaryLine(outcome) + (outcome.asked < session.size() ? " Stopped early; the rest waits." : ""));
    LocalDate next = state.nextDue(today);
    long stillDue = pool.stream().filter(q -> state.isDue(q.id(), today)).count();
    s.out.println(stillDue > 0 ? stillDue + " questions are still due today." : next == null ? "" : "Next review: " + next + ".");
    s.out.flush();
    return 0;
  }

  /** The questions of one topic, or of every topic; an unknown topic is a usage error. */
  static List<QuestionBank.Question> pool(QuestionBank bank, String topic) {
    if (topic == null) {
      if (bank.all().isEmpty()) {
        throw new UserError("no questions found: hints/<topic>/questions.md");
      }
      return bank.all();
    }
    String t = topic.strip().toLowerCase(Locale.ROOT);
    List<QuestionBank.Question> qs = bank.topic(t);
    if (qs.isEmpty()) {
      throw new UserError("no questions for topic '" + topic + "'. Topics: " + String.join(", ", bank.topics()));
    }
    return qs;
  }

  /**
   * The conceptual part of {@code drill --interview}: {@code n} questions of {@code topic} (due ones,
   * then new ones, then the least recently seen), asked until {@code deadline}. Ratings are scheduled
   * and saved like in a quiz. Returns null when the topic has no questions.
   */
  static QuizState.Outcome interview(Session s, PrintWriter out, String topic, int n, Instant deadline) {
    List<QuestionBank.Question> pool = QuestionBank.load(s.repo.root).topic(topic);
    if (pool.isEmpty() || n <= 0) {
      out.println("(No conceptual questions for " + topic + ": " + QuestionBank.path(topic) + " is missing.)");
      return null;
    }
    QuizState state = QuizState.load(s.repo, s.now(), s.err);
    LocalDate today = QuizState.day(s.now(), s.env.clock.getZone());
    List<QuestionBank.Question> order = new ArrayList<>(state.due(pool, today));
    order.addAll(state.fresh(pool));
    pool.stream().filter(q -> !order.contains(q))
        .sorted(Comparator.comparing((QuestionBank.Question q) -> state.cards.get(q.id()).lastReviewed,
            Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(order::add);
    List<QuestionBank.Question> session = order.subList(0, Math.min(n, order.size()));
    out.println(s.color("bold", "Now " + session.size() + " conceptual questions on " + topic + ", "
        + Text.duration(Duration.between(s.now(), deadline)) + " left."));
    out.println();
    QuizState.Outcome o = ask(s, out, state, session, deadline);
    o.topic = topic;
    return o;
  }

  /** Why a session stopped asking. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  /** Asks each question in turn, saving the state after every rating; stops at q, end of input or the deadline. */
  static QuizState.Outcome ask(Session s, PrintWriter out, QuizState state, List<QuestionBank.Question> questions, Instant deadline) {
    QuizState.Outcome o = new QuizState.Outcome();
    Instant start = s.now();
    ZoneId zone = s.env.clock.getZone();
    try {
      for (int k = 0; k < questions.size(); k++) {
        if (deadline != null && !s.now().isBefore(deadline)) {
          o.timeUp = true;
          out.println(s.color("yellow", "Time is up."));
          break;
        }
        QuestionBank.Question q = questions.get(k);
        out.println(s.color("bold", "[" + (k + 1) + "/" + questions.size() + "] " + q.topic() + ", "
            + kindLabel(q)) + "  (" + q.id() + ")");
        out.println(wrap(q.text(), ""));
        Boolean correct;
        Sm2.Rating rating;
        switch (q.kind()) {
          case CHOICE:
            correct = askChoice(s, out, q);
            rating = correct ? Sm2.Rating.GOOD : Sm2.Rating.AGAIN;
            break;
          case NUMERIC:
            correct = askNumeric(s, out, q);
            rating = correct ? Sm2.Rating.GOOD : Sm2.Rating.AGAIN;
            break;
          default:
            correct = null;
            rating = askRecall(s, out, q);
            break;
        }
        QuizState.Card card = state.rate(q, rating, correct, s.now(), zone);
        state.save(s.repo);
        o.asked++;
        o.ids.add(q.id());
        o.ratings.add(rating.label());
        if (correct != null) {
          o.autoGraded++;
          o.correct += correct ? 1 : 0;
        }
        out.println(s.color("faint", "Rated " + rating.label() + " (q=" + rating.quality + "); next in "
            + card.interval + (card.interval == 1 ? " day" : " days") + ", on " + card.due + "."));
        out.println();
        out.flush();
      }
    } catch (Stop stop) {
      out.println();
      out.println("Stopped.");
    }
    o.seconds = Duration.between(start, s.now()).toSeconds();
    out.flush();
    return o;
  }

  static String summaryLine(QuizState.Outcome o) {
    return "Answered " + o.asked + (o.autoGraded > 0 ? ", auto-graded right " + o.correct + " of " + o.autoGraded : "")
        + "; ratings: " + (o.ratings.isEmpty() ? "none" : String.join(" ", o.ratings)) + ".";
  }

  private static String kindLabel(QuestionBank.Question q) {
    switch (q.kind()) {
      case CHOICE:
        return q.rightLetters().size() == 1 ? "one answer" : "select every right answer";
      case NUMERIC:
        return "a number";
      default:
        return "in your own words";
    }
  }

  /** One line of input; q (or end of input) stops the session. */
  private static String read(Session s, PrintWriter out, String prompt) {
    out.print(prompt);
    out.flush();
    String line;
    try {
      line = s.env.in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (line == null || line.strip().equalsIgnoreCase("q") || line.strip().equalsIgnoreCase("quit")) {
      throw new Stop();
    }
    return line.strip();
  }

  private static boolean askChoice(Session s, PrintWriter out, QuestionBank.Question q) {
    for (int k = 0; k < q.choices().size(); k++) {
      out.println("  " + (char) ('a' + k) + ") " + wrap(q.choices().get(k).text(), "     "));
    }
    Set<Character> given = null;
    while (given == null) {
      String line = read(s, out, "Your answer (letters, e.g. " + (q.rightLetters().size() == 1 ? "b" : "a,c") + "): ");
      given = letters(line, q.choices().size());
      if (given == null) {
        out.println("Type the letters of your choices, a to " + (char) ('a' + q.choices().size() - 1) + ".");
      }
    }
    boolean right = given.equals(q.rightLetters());
    String answer = q.rightLetters().stream().map(String::valueOf).collect(Collectors.joining(", "));
    out.println(right ? s.color("green", "Right.") : s.color("red", "Not quite:") + " the answer is " + answer + ".");
    out.println(wrap(q.explanation(), ""));
    return right;
  }

  /** The letters in {@code line} ("a,c", "a c", "AC"), or null when it names a choice that does not exist. */
  static Set<Character> letters(String line, int choices) {
    Set<Character> out = new TreeSet<>();
    for (char c : line.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == ',' || c == ' ' || c == ';') {
        continue;
      }
      if (c < 'a' || c >= 'a' + choices) {
        return null;
      }
      out.add(c);
    }
    return out;
  }

  private static boolean askNumeric(Session s, PrintWriter out, QuestionBank.Question q) {
    while (true) {
      String line = read(s, out, "Your answer (a number; Enter if you do not know): ");
      Double given = null;
      if (!line.isEmpty()) {
        given = parseNumber(line);
        if (given == null) {
          out.println("That is not a number (3, 0.25, 1e-3 or 3/4).");
          continue;
        }
      }
      boolean right = given != null && q.accepts(given);
      out.println((right ? s.color("green", "Right.") : s.color("red", given == null ? "Skipped:" : "Not quite:"))
          + " " + format(q.answer()) + (q.tolerance() >= SHOWN_TOLERANCE ? " (within " + format(q.tolerance()) + ")" : "") + ".");
      out.println(wrap(q.explanation(), ""));
      return right;
    }
  }

  /** A decimal number or a fraction a/b; null if it is neither. */
  static Double parseNumber(String s) {
    String t = s.strip().replace("_", "");
    try {
      int slash = t.indexOf('/');
      if (slash > 0) {
        return Double.parseDouble(t.substring(0, slash).strip()) / Double.parseDouble(t.substring(slash + 1).strip());
      }
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Six significant digits, no exponent, no trailing zeros: 0.75, 0.00001, 1050624. */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** Tolerances below this are exact answers up to rounding, not worth showing. */
  private static final double SHOWN_TOLERANCE = 1e-6;

  private static Sm2.Rating askRecall(Session s, PrintWriter out, QuestionBank.Question q) {
    String answer = read(s, out, "Your answer (in your own words; Enter to skip): ");
    out.println(s.color("bold", answer.isEmpty() ? "A model answer:" : "Compare with a model answer:"));
    for (String b : q.modelAnswer()) {
      out.println("  - " + wrap(b, "    "));
    }
    if (q.explanation() != null) {
      out.println(wrap(q.explanation(), ""));
    }
    while (true) {
      Sm2.Rating r = Sm2.Rating.parse(read(s, out, "How did you do? 1 again, 2 hard, 3 good, 4 easy: "));
      if (r != null) {
        return r;
      }
      out.println("Type 1, 2, 3 or 4 (or again, hard, good, easy).");
    }
  }

  /** The quiz's figures for {@code kata progress}: cards due, 30-day retention, weakest topics; empty before any quiz. */
  static List<String> progressLines(Session s) {
    QuizState state = QuizState.load(s.repo, s.now(), s.err);
    if (state.cards.isEmpty()) {
      return List.of();
    }
    QuizState.Summary sum = state.summary(s.now(), s.env.clock.getZone(), WEAK_TOPIC_MIN_REVIEWS, 3);
    List<String> out = new ArrayList<>();
    out.add("Quiz: " + sum.cards() + " questions seen, " + sum.due() + " due today ('kata quiz').");
    out.add("  Retention (reviews rated good or easy, last 30 days): "
        + (sum.reviews30() == 0 ? "no reviews" : percent(sum.retention30()) + " of " + sum.reviews30() + " reviews"));
    if (!sum.weakest().isEmpty()) {
      out.add("  Weakest topics: " + sum.weakest().stream()
          .map(t -> t.topic() + " " + percent(t.retention()) + " of " + t.reviews())
          .collect(Collectors.joining(", ")) + " ('kata quiz --topic " + sum.weakest().get(0).topic() + "')");
    }
    return out;
  }

  /** A topic counts among the weakest only with this many reviews in the window: one or two are noise. */
  static final int WEAK_TOPIC_MIN_REVIEWS = 3;

  private static String percent(double share) {
    return Math.round(100 * share) + "%";
  }

  /** Terminal width the quiz wraps its prose to. */
  static final int WIDTH = 100;

  /**
   * Wraps each line of {@code text} at spaces to {@link #WIDTH} columns, continuation lines starting
   * with {@code indent}; the first line is assumed to follow a prefix as long as the indent.
   */
  static String wrap(String text, String indent) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n').append(indent);
      }
      int col = indent.length();
      boolean first = true;
      for (String word : line.split(" ")) {
        if (!first && col + 1 + word.length() > WIDTH) {
          out.append('\n').append(indent);
          col = indent.length();
        } else if (!first) {
          out.append(' ');
          col++;
        }
        out.append(word);
        col += word.length();
        first = false;
      }
    }
    return out.toString();
  }
}

package mlkata.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code .kata/quiz.json}: one SM-2 schedule per question seen, and every rating given. Saved after each
 * rating through {@link Store#saveJson} (atomic), loaded through {@link Store#loadJson} (a corrupt file
 * is set aside).
 */
final class QuizState {
  int version = 1;
  /** Per question id. */
  Map<String, Card> cards = new TreeMap<>();
  /** Every rating, oldest first. */
  List<Review> reviews = new ArrayList<>();

  /** One question's schedule. Dates are days in the clock's time zone. */
  static final class Card {
    String topic;
    int repetitions;
    double ef = Sm2.INITIAL_EF;
    int interval;
    /** The day it is due again, ISO yyyy-mm-dd. */
    String due;
    /** The day it was first asked. */
    String introduced;
    String lastReviewed;
    int lapses;
  }

  /** One rating. */
  static final class Review {
    String id;
    String topic;
    String at;
    /** again, hard, good or easy. */
    String rating;
    int quality;
    /** For auto-graded questions, whether the answer was right; null for recall. */
    Boolean correct;
  }

  /** The conceptual part of a mock interview, as recorded in the drill history. */
  static final class Outcome {
    String topic;
    int asked;
    /** Auto-graded questions answered right. */
    int correct;
    int autoGraded;
    /** Ratings in order (again, hard, good, easy), one per question answered. */
    List<String> ratings = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    long seconds;
    /** True when the clock ran out before every question was asked. */
    boolean timeUp;
  }

  static QuizState load(Repo repo, Instant now, PrintWriter err) {
    QuizState s = Store.loadJson(Store.quizFile(repo), QuizState.class, new QuizState(), now, err);
    if (s.cards == null) {
      s.cards = new TreeMap<>();
    }
    s.cards.values().removeIf(c -> c == null || c.due == null);
    if (s.reviews == null) {
      s.reviews = new ArrayList<>();
    }
    s.reviews.removeIf(r -> r == null || r.id == null || r.at == null || r.rating == null);
    return s;
  }

  void save(Repo repo) {
    Store.saveJson(Store.quizFile(repo), this);
  }

  static LocalDate day(Instant t, ZoneId zone) {
    return LocalDate.ofInstant(t, zone);
  }

  /** Applies one rating: the SM-2 update, the due day, the review log. The caller saves. */
  Card rate(QuestionBank.Question q, Sm2.Rating rating, Boolean correct, Instant now, ZoneId zone) {
    LocalDate today = day(now, zone);
    Card c = cards.get(q.id());
    if (c == null) {
      c = new Card();
      c.introduced = today.toString();
      cards.put(q.id(), c);
    }
    c.topic = q.topic();
    Sm2.Schedule next = Sm2.review(new Sm2.Schedule(c.repetitions, c.ef, c.interval), rating.quality);
    if (rating.quality < 3 && c.repetitions > 0) {
      c.lapses++;
    }
    c.repetitions = next.repetitions();
    c.ef = next.ef();
    c.interval = next.intervalDays();
    c.due = today.plusDays(next.intervalDays()).toString();
    c.lastReviewed = now.toString();
    Review r = new Review();
    r.id = q.id();
    r.topic = q.topic();
    r.at = now.toString();
    r.rating = rating.label();
    r.quality = rating.quality;
    r.correct = correct;
    reviews.add(r);
    return c;
  }

  boolean isDue(String id, LocalDate today) {
    Card c = cards.get(id);
    return c != null && !LocalDate.parse(c.due).isAfter(today);
  }

  /** New cards introduced on {@code today}. */
  int introducedOn(LocalDate today) {
    String d = today.toString();
    return (int) cards.values().stream().filter(c -> d.equals(c.introduced)).count();
  }

  /** The due cards among {@code pool}, most overdue first, then the hardest (lowest EF). */
  List<QuestionBank.Question> due(List<QuestionBank.Question> pool, LocalDate today) {
    return pool.stream().filter(q -> isDue(q.id(), today))
        .sorted(Comparator.comparing((QuestionBank.Question q) -> cards.get(q.id()).due)
            .thenComparingDouble(q -> cards.get(q.id()).ef))
        .collect(Collectors.toList());
  }

  /** The questions of {@code pool} never asked, taking topics in turn so a session mixes them. */
  List<QuestionBank.Question> fresh(List<QuestionBank.Question> pool) {
    Map<String, List<QuestionBank.Question>> byTopic = new LinkedHashMap<>();
    for (QuestionBank.Question q : pool) {
      if (!cards.containsKey(q.id())) {
        byTopic.computeIfAbsent(q.topic(), t -> new ArrayList<>()).add(q);
      }
    }
    List<QuestionBank.Question> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      boolean any = false;
      for (List<QuestionBank.Question> qs : byTopic.values()) {
        if (k < qs.size()) {
          out.add(qs.get(k));
          any = true;
        }
      }
      if (!any) {
        return out;
      }
    }
  }

  /** The day the next card falls due after {@code today}, or null. */
  LocalDate nextDue(LocalDate today) {
    return cards.values().stream().map(c -> LocalDate.parse(c.due)).filter(d -> d.isAfter(today))
        .min(Comparator.naturalOrder()).orElse(null);
  }

  /** Figures for {@code kata progress}. */
  record Summary(int cards, int due, int reviews30, double retention30, List<TopicFigure> weakest) {}

  /** One topic's retention over the last 30 days. */
  record TopicFigure(String topic, int reviews, double retention) {}

  static final Duration RETENTION_WINDOW = Duration.ofDays(30);

  /**
   * Cards due today, the share of the last 30 days' reviews rated good or easy, and the topics with the
   * lowest such share (at least {@code minReviews} reviews), weakest first.
   */
  Summary summary(Instant now, ZoneId zone, int minReviews, int maxTopics) {
    LocalDate today = day(now, zone);
    int due = (int) cards.keySet().stream().filter(id -> isDue(id, today)).count();
    Instant since = now.minus(RETENTION_WINDOW);
    int total = 0;
    int kept = 0;
    Map<String, int[]> byTopic = new TreeMap<>();
    for (Review r : reviews) {
      if (Instant.parse(r.at).isBefore(since)) {
        continue;
      }
      boolean ok = r.quality >= 4;
      total++;
      kept += ok ? 1 : 0;
      int[] t = byTopic.computeIfAbsent(r.topic == null ? "?" : r.topic, x -> new int[2]);
      t[0]++;
      t[1] += ok ? 1 : 0;
    }
    List<TopicFigure> weakest = byTopic.entrySet().stream().filter(e -> e.getValue()[0] >= minReviews)
        .map(e -> new TopicFigure(e.getKey(), e.getValue()[0], (double) e.getValue()[1] / e.getValue()[0]))
        .sorted(Comparator.comparingDouble(TopicFigure::retention).thenComparing(TopicFigure::topic))
        .limit(maxTopics).collect(Collectors.toList());
    return new Summary(cards.size(), due, total, total == 0 ? Double.NaN : (double) kept / total, weakest);
  }
}

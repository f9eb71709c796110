package mlkata.cli;

import java.util.Locale;

/**
 * SM-2, the spaced-repetition schedule of SuperMemo 2 (P. A. Wozniak, "Optimization of learning",
 * 1990). Each card carries a repetition count n, an easiness factor EF (2.5 for a new card) and an
 * interval I in days. After a response of quality q (0 to 5):
 *
 * <ul>
 *   <li>EF' = EF + (0.1 - (5 - q)(0.08 + (5 - q) 0.02)), never below 1.3;
 *   <li>q &lt; 3: n = 0 and I = 1 (the card is learnt again; EF keeps its update);
 *   <li>q &ge; 3: I = 1 when n = 0, 6 when n = 1, round(I * EF) afterwards; then n = n + 1.
 * </ul>
 *
 * The interval is computed with the factor the card had before this response, and the factor is updated
 * afterwards (the order of the algorithm's steps 3 and 4). The command's four ratings map to q: again 1,
 * hard 3, good 4, easy 5.
 */
final class Sm2 {
  static final double INITIAL_EF = 2.5;
  static final double MIN_EF = 1.3;

  /** The learner's rating of one answer. */
  enum Rating {
    AGAIN(1), HARD(3), GOOD(4), EASY(5);

    final int quality;

    Rating(int quality) {
      this.quality = quality;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** "1".."4", "a"/"h"/"g"/"e" or the whole word; null when it is none of them. */
    static Rating parse(String s) {
      String t = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
      switch (t) {
        case "1": case "a": case "again": return AGAIN;
        case "2": case "h": case "hard": return HARD;
        case "3": case "g": case "good": return GOOD;
        case "4": case "e": case "easy": return EASY;
        default: return null;
      }
    }
  }

  /** A card's schedule: repetitions in a row rated 3 or more, easiness factor, interval in days. */
  record Schedule(int repetitions, double ef, int intervalDays) {
    static Schedule fresh() {
      return new Schedule(0, INITIAL_EF, 0);
    }
  }

  private Sm2() {}

  /** The schedule after a response of quality {@code q} in 0..5. */
  static Schedule review(Schedule s, int q) {
    if (q < 0 || q > 5) {
      throw new IllegalArgumentException("q must be in 0..5, got " + q);
    }
    int d = 5 - q;
    double ef = Math.max(MIN_EF, s.ef() + (0.1 - d * (0.08 + d * 0.02)));
    if (q < 3) {
      return new Schedule(0, ef, 1);
    }
    int interval;
    if (s.repetitions() == 0) {
      interval = 1;
    } else if (s.repetitions() == 1) {
      interval = 6;
    } else {
      interval = (int) Math.max(1, Math.round(s.intervalDays() * s.ef()));
    }
    return new Schedule(s.repetitions() + 1, ef, interval);
  }
}

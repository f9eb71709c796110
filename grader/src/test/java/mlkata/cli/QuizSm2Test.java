package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The SM-2 schedule against sequences worked out by hand from Wozniak's formulas. */
class QuizSm2Test {
  /** EF moves by sums of a few decimal fractions; only float64 rounding separates it from the hand value. */
  private static final double EF_TOLERANCE = 1e-12;

  @Test
  void good_answers_give_intervals_of_1_then_6_then_interval_times_ef() {
    Sm2.Schedule s = Sm2.Schedule.fresh();
    s = Sm2.review(s, 4);
    assertThat(s).isEqualTo(new Sm2.Schedule(1, 2.5, 1));
    s = Sm2.review(s, 4);
    assertThat(s).isEqualTo(new Sm2.Schedule(2, 2.5, 6));
    s = Sm2.review(s, 4);
    assertThat(s).as("6 * 2.5").isEqualTo(new Sm2.Schedule(3, 2.5, 15));
    s = Sm2.review(s, 5);
    assertThat(s.intervalDays()).as("round(15 * 2.5) with the EF before this review").isEqualTo(38);
    assertThat(s.ef()).as("q = 5 adds 0.1").isCloseTo(2.6, within(EF_TOLERANCE));
  }

  @Test
  void a_lapse_resets_the_repetitions_but_keeps_the_lowered_ef() {
    Sm2.Schedule s = new Sm2.Schedule(4, 2.6, 38);
    s = Sm2.review(s, 1);
    assertThat(s.repetitions()).isZero();
    assertThat(s.intervalDays()).isEqualTo(1);
    assertThat(s.ef()).as("q = 1 subtracts 0.1 - 4 * (0.08 + 4 * 0.02) = -0.54").isCloseTo(2.06, within(EF_TOLERANCE));
    s = Sm2.review(Sm2.review(Sm2.review(s, 4), 4), 4);
    assertThat(s.intervalDays()).as("1, 6, then round(6 * 2.06)").isEqualTo(12);
  }

  @Test
  void hard_lowers_ef_and_ef_never_drops_below_1_3() {
    assertThat(Sm2.review(Sm2.Schedule.fresh(), 3).ef()).as("q = 3 subtracts 0.14").isCloseTo(2.36, within(EF_TOLERANCE));
    Sm2.Schedule s = Sm2.Schedule.fresh();
    for (int k = 0; k < 5; k++) {
      s = Sm2.review(s, 1);
    }
    assertThat(s.ef()).isEqualTo(Sm2.MIN_EF);
    assertThat(Sm2.review(s, 0).ef()).isEqualTo(Sm2.MIN_EF);
  }

  @Test
  void the_four_ratings_map_to_qualities_1_3_4_5() {
    assertThat(Sm2.Rating.parse("1")).isEqualTo(Sm2.Rating.AGAIN);
    assertThat(Sm2.Rating.parse("h")).isEqualTo(Sm2.Rating.HARD);
    assertThat(Sm2.Rating.parse(" Good ")).isEqualTo(Sm2.Rating.GOOD);
    assertThat(Sm2.Rating.parse("4")).isEqualTo(Sm2.Rating.EASY);
    assertThat(Sm2.Rating.parse("5")).isNull();
    assertThat(Sm2.Rating.AGAIN.quality).isEqualTo(1);
    assertThat(Sm2.Rating.HARD.quality).isEqualTo(3);
    assertThat(Sm2.Rating.GOOD.quality).isEqualTo(4);
    assertThat(Sm2.Rating.EASY.quality).isEqualTo(5);
    assertThatThrownBy(() -> Sm2.review(Sm2.Schedule.fresh(), 6)).isInstanceOf(IllegalArgumentException.class);
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mlkata.grading.Kata;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of {@code kata progress}: its figures from the records, the page, and the page in a browser. */
@org.junit.jupiter.api.Timeout(120)
class ProgressPageTest {
  static final Kata ROC = new Kata("metrics", "roc-auc", "ROC curve and AUC");
  static final Kata AP = new Kata("metrics", "average-precision", "Average precision");
  static final Kata ADAM = new Kata("optimizers", "adam", "Adam");
  static final Kata SGD = new Kata("optimizers", "sgd-momentum", "SGD with momentum");
  static final List<Kata> CURRICULUM = List.of(ROC, AP, ADAM, SGD);
  static final Map<Kata, String> STATUS = Map.of(ROC, "passing", AP, "failing", ADAM, "failing", SGD, "not started");
  static final Instant NOW = Instant.parse("2026-01-08T18:00:00Z");

  @TempDir
  Path dir;

  static Store.CheckRun run(String when, Kata k, String status, long passed, long total) {
    Store.CheckRun r = new Store.CheckRun();
    r.time = when;
    r.kata = k.id();
    r.status = status;
    r.passed = passed;
    r.total = total;
    return r;
  }

  static Store.Drill drill(Kata k, String started, String ended, String outcome, long seconds, int hints) {
    Store.Drill d = new Store.Drill();
    d.kata = k.id();
    d.started = started;
    d.ended = ended;
    d.outcome = outcome;
    d.seconds = seconds;
    d.hintsUsed = hints;
    return d;
  }

  /**
   * A learner's week: a drill of roc-auc on Monday 5 January (7 min, passed), roc-auc fixed on Tuesday in
   * two runs 10 minutes apart, average precision tried on Wednesday, adam twice on Thursday 20 minutes
   * apart; two hint tiers read for roc-auc, the solution of adam seen.
   */
  static ProgressPage.Model week(List<String> quiz) {
    Store.Checks checks = new Store.Checks();
    checks.runs.add(run("2026-01-06T10:00:00Z", ROC, "failing", 3, 10));
    checks.runs.add(run("2026-01-06T10:10:00Z", ROC, "passing", 10, 10));
    checks.runs.add(run("2026-01-07T09:00:00Z", AP, "failing", 5, 12));
    checks.runs.add(run("2026-01-08T17:00:00Z", ADAM, "not started", 0, 8));
    checks.runs.add(run("2026-01-08T17:20:00Z", ADAM, "failing", 2, 8));
    Store.History history = new Store.History();
    history.drills.add(drill(ROC, "2026-01-05T12:00:00Z", "2026-01-05T12:07:00Z", "passed", 420, 0));
    Store.State state = new Store.State();
    state.of(ROC).hintsSeen = new TreeSet<>(List.of(1, 2));
    state.of(ADAM).solutionSeen = true;
    return ProgressPage.Model.of(CURRICULUM, STATUS::get, state, history, checks, quiz, NOW, ZoneOffset.UTC,
        k -> k.equals(ROC) ? "show/metrics/roc-auc.html" : null);
  }

  @Test
  void the_summary_counts_passing_katas_streak_sittings_and_time_practised() {
    ProgressPage.Model m = week(List.of());
    assertThat(m.passing()).isEqualTo(1);
    assertThat(m.katas()).isEqualTo(4);
    // active on 5, 6, 7 and 8 January, today the 8th: four days in a row
    assertThat(m.currentStreak()).isEqualTo(4);
    assertThat(m.longestStreak()).isEqualTo(4);
    // 7 min of drill + 10 min on the 6th + 20 min on the 8th; one sitting a day
    assertThat(m.practisedSeconds()).isEqualTo((7 + 10 + 20) * 60);
    assertThat(m.sittings()).isEqualTo(4);
    assertThat(m.checkRuns()).isEqualTo(5);
    assertThat(m.passingRuns()).isEqualTo(1);
    assertThat(m.drillsTaken()).isEqualTo(1);
    assertThat(m.drillsPassed()).isEqualTo(1);
    assertThat(m.hintTiers()).isEqualTo(2);
    assertThat(m.solutionsSeen()).isEqualTo(1);
    assertThat(m.topics()).extracting(ProgressPage.Topic::name).containsExactly("metrics", "optimizers");
    assertThat(m.topics().get(0).count("passing")).isEqualTo(1);
    assertThat(m.topics().get(1).count("not started")).isEqualTo(1);
    assertThat(m.recent()).extracting(ProgressPage.Run::kata).first().isEqualTo(ADAM.id());
    assertThat(m.activity()).hasSize(ProgressPage.ACTIVITY_DAYS);
    assertThat(m.activity().get(ProgressPage.ACTIVITY_DAYS - 1).other()).as("today: two adam runs, none passing").isEqualTo(2);
  }

  @Test
  void a_streak_survives_until_the_end_of_the_next_day_and_breaks_after_a_missed_day() {
    Store.Checks checks = new Store.Checks();
    checks.runs.add(run("2026-01-01T10:00:00Z", ROC, "failing", 0, 1));
    checks.runs.add(run("2026-01-02T10:00:00Z", ROC, "failing", 0, 1));
    checks.runs.add(run("2026-01-03T10:00:00Z", ROC, "failing", 0, 1));
    checks.runs.add(run("2026-01-06T10:00:00Z", ROC, "failing", 0, 1));
    checks.runs.add(run("2026-01-07T23:30:00Z", ROC, "failing", 0, 1));
    ProgressPage.Model m = ProgressPage.Model.of(CURRICULUM, STATUS::get, new Store.State(), new Store.History(), checks,
        List.of(), NOW, ZoneOffset.UTC, k -> null);
    assertThat(m.currentStreak()).as("the 6th and 7th; nothing yet on the 8th").isEqualTo(2);
    assertThat(m.longestStreak()).isEqualTo(3);
    // in Tokyo (UTC+9) the last run falls on the 8th, the day "now" is in there too
    ProgressPage.Model tokyo = ProgressPage.Model.of(CURRICULUM, STATUS::get, new Store.State(), new Store.History(),
        checks, List.of(), NOW, ZoneId.of("Asia/Tokyo"), k -> null);
    assertThat(tokyo.currentStreak()).as("runs on the 6th (19:00) and the 8th (08:30), today the 9th: only yesterday")
        .isEqualTo(1);
  }

  @Test
  void the_next_kata_is_the_one_worked_on_last_then_the_first_not_started_then_a_drill() {
    assertThat(week(List.of()).next().kata()).isEqualTo(ADAM);
    assertThat(week(List.of()).next().why()).contains("2/8");
    Map<Kata, String> fresh = Map.of(ROC, "passing", AP, "not started", ADAM, "not started", SGD, "not started");
    ProgressPage.Model m = ProgressPage.Model.of(CURRICULUM, fresh::get, new Store.State(), new Store.History(),
        new Store.Checks(), List.of(), NOW, ZoneOffset.UTC, k -> null);
    assertThat(m.next().kata()).isEqualTo(AP);
    assertThat(m.next().command()).contains("kata drill --kata average-precision");
    Store.Checks checks = new Store.Checks();
    checks.runs.add(run("2026-01-06T10:00:00Z", AP, "passing", 1, 1));
    checks.runs.add(run("2026-01-06T11:00:00Z", ROC, "passing", 1, 1));
    checks.runs.add(run("2026-01-06T12:00:00Z", ADAM, "passing", 1, 1));
    checks.runs.add(run("2026-01-06T13:00:00Z", SGD, "passing", 1, 1));
    ProgressPage.Model done = ProgressPage.Model.of(CURRICULUM, k -> "passing", new Store.State(), new Store.History(),
        checks, List.of(), NOW, ZoneOffset.UTC, k -> null);
    assertThat(done.next().kata()).as("all pass: the one practised least recently").isEqualTo(AP);
    assertThat(done.next().why()).contains("every kata passes");
  }

  @Test
  void the_page_is_self_contained_with_one_svg_chart_per_section_and_unique_ids() {
    String html = ProgressPage.render(week(List.of("Quiz: 3 questions seen, 1 due today ('kata quiz').")));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script, link, img, iframe")).as("no script, stylesheet link, image or frame").isEmpty();
    for (Element e : doc.getAllElements()) {
      for (String attr : List.of("src", "href")) {
        assertThat(e.attr(attr)).as("nothing fetched from the network").doesNotContain("//");
      }
    }
    assertThat(doc.select("svg")).as("topics, drill times and check runs").hasSize(3);
    assertThat(doc.select("#drills, svg").size()).isPositive();
    Set<String> ids = new HashSet<>();
    for (Element e : doc.select("[id]")) {
      assertThat(ids.add(e.id())).as("id %s is unique on the page", e.id()).isTrue();
    }
    assertThat(doc.select(".card .v").eachText()).containsExactly("1 / 4", "4 days", "37 min", "5", "1 / 1", "2");
    assertThat(doc.select("#next").text()).contains("optimizers/adam").contains("kata check adam");
    assertThat(doc.select("#topic-metrics summary").text()).contains("1 of 2 passing");
    assertThat(doc.select("#topic-optimizers tr").eachText()).anyMatch(t -> t.contains("adam") && t.contains("failing"));
    assertThat(doc.select("a[href=show/metrics/roc-auc.html]")).as("the picture of roc-auc is linked").hasSize(1);
    assertThat(doc.select("#recent tr")).as("header and five runs").hasSize(6);
    assertThat(doc.select("#quiz").text()).contains("3 questions seen");
    assertThat(doc.select("#hints").text()).as("roc-auc passes, but after two hint tiers").contains("0 katas pass without a hint.");
    assertThat(doc.select("#hints tr").eachText()).anyMatch(t -> t.contains("metrics/roc-auc") && t.contains("2 of 3"))
        .anyMatch(t -> t.contains("optimizers/adam") && t.contains("seen"));
    // The charts are JFreeChart's: their legends name the series
    assertThat(doc.select("svg").get(0).text()).contains("passing").contains("not started");
    assertThat(doc.select("svg").get(1).text()).contains("roc-auc");
  }

  @Test
  void a_new_learners_page_says_what_to_do_instead_of_drawing_empty_charts() {
    ProgressPage.Model m = ProgressPage.Model.of(CURRICULUM, k -> "not started", new Store.State(), new Store.History(),
        new Store.Checks(), List.of(), NOW, ZoneOffset.UTC, k -> null);
    Document doc = Jsoup.parse(ProgressPage.render(m));
    assertThat(doc.select("svg")).as("only the topics chart").hasSize(1);
    assertThat(doc.select(".empty").eachText()).anyMatch(t -> t.contains("kata drill")).anyMatch(t -> t.contains("kata check"));
    assertThat(doc.select("#next").text()).contains("metrics/roc-auc");
  }

  @Test
  void kata_progress_writes_the_page_and_prints_its_address() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.write(".kata/checks.json", "{\"runs\": [{\"kata\": \"fake/echo\", \"time\": \"2026-01-05T09:50:00Z\","
        + " \"status\": \"failing\", \"passed\": 1, \"total\": 2}]}");
    FakeRepo.Run run = repo.run("progress");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Report: " + dir.resolve(".kata/progress.html").toUri());
    Document doc = Jsoup.parse(Files.readString(dir.resolve(".kata/progress.html"), StandardCharsets.UTF_8));
    assertThat(doc.select("#recent tr").eachText()).anyMatch(t -> t.contains("fake/echo") && t.contains("1 / 2"));
    assertThat(doc.select(".card .v").first().text()).isEqualTo("0 / 2"); // fake/missing has no files and is not in the catalogue
  }

  /** A browser start takes a second or two on an idle machine, many more on a loaded CI runner. */
  @Test
  void the_page_renders_in_a_headless_browser_without_errors() throws Exception {
    HeadlessBrowser browser = HeadlessBrowser.find(dir);
    Path page = dir.resolve("progress.html");
    Files.writeString(page, ProgressPage.render(week(List.of("Quiz: 3 questions seen, 1 due today ('kata quiz')."))),
        StandardCharsets.UTF_8);
    HeadlessBrowser.Visit visit = browser.visit(page, "progress", 1200, 1800);
    visit.assertRenderedCleanly("progress.html");
    assertThat(visit.colours()).as("the charts' colours are on the screenshot").isGreaterThan(8);
    HeadlessBrowser.keep(dir, "progress");
  }
}

package mlkata.cli;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import mlkata.grading.Kata;

/**
 * The HTML report of {@code kata progress} ({@code .kata/progress.html}): one self-contained page (inline
 * CSS, charts as inline SVG drawn by {@link Charts}, no script, nothing fetched). {@link Model#of} turns
 * the command's records into the figures shown; {@link #render} lays them out. Both are pure, so the
 * tests feed them records and read the figures and the page.
 */
final class ProgressPage {
  /** A gap longer than this between two recorded actions starts a new sitting. */
  static final Duration SITTING_GAP = Duration.ofMinutes(30);
  /** Days shown in the check-activity chart. */
  static final int ACTIVITY_DAYS = 30;
  /** Check runs listed in the history table. */
  static final int RECENT_RUNS = 12;

  private ProgressPage() {}

  /** One kata's figures. */
  record KataRow(Kata kata, String status, int checkRuns, int checksPassing, String lastRun, int drills, int passes,
      long best, long median, int hints, boolean solutionSeen, String picture) {}

  /** A topic: its katas in curriculum order, and how many pass, fail, or wait. */
  record Topic(String name, List<KataRow> katas) {
    long count(String status) {
      return katas.stream().filter(r -> group(r.status()).equals(status)).count();
    }
  }

  /** Where a kata's status belongs in the per-topic counts: passing, started (failing or changed) or not started. */
  static String group(String status) {
    return status.equals("passing") ? "passing" : status.equals("not started") ? "not started" : "started";
  }

  /** The kata to do next, and why. */
  record Next(Kata kata, String why, String command) {}

  /** One check run, as listed. */
  record Run(Instant when, String kata, String status, long passed, long total) {}

  /** A passed drill: when and how long it took. */
  record DrillTime(Kata kata, Instant when, long seconds) {}

  /** Check runs on one day: passing and not passing. */
  record Day(LocalDate date, int passing, int other) {}

  record Model(Instant generated, ZoneId zone, int katas, int passing, int currentStreak, int longestStreak,
      long practisedSeconds, int sittings, int checkRuns, int passingRuns, int drillsTaken, int drillsPassed,
      int hintTiers, int solutionsSeen, List<Topic> topics, Next next, List<DrillTime> drillTimes,
      List<Day> activity, List<Run> recent, List<String> quiz) {

    /**
     * The figures of the page. {@code status}: each kata's status as {@code kata list} shows it;
     * {@code picture}: the {@code kata show} page of a kata relative to the report ({@code show/...html}),
     * the command that draws it when it is not drawn yet, or null where the kata has no picture.
     */
    static Model of(List<Kata> curriculum, Function<Kata, String> status, Store.State state, Store.History history,
        Store.Checks checks, List<String> quiz, Instant now, ZoneId zone, Function<Kata, String> picture) {
      List<KataRow> rows = new ArrayList<>();
      int hintTiers = 0;
      int solutions = 0;
      for (Kata k : curriculum) {
        ProgressCommand.Practice p = ProgressCommand.Practice.of(k, history, state);
        hintTiers += p.hints();
        solutions += p.solutionSeen() ? 1 : 0;
        ProgressCommand.CheckFigures f = ProgressCommand.CheckFigures.of(checks, k);
        rows.add(new KataRow(k, status.apply(k), f.runs(), f.passing(), f.last(), p.drills(), p.passes(), p.best(),
            p.median(), p.hints(), p.solutionSeen(), picture.apply(k)));
      }
      Map<String, List<KataRow>> byTopic = new LinkedHashMap<>();
      rows.forEach(r -> byTopic.computeIfAbsent(r.kata().topic(), t -> new ArrayList<>()).add(r));
      List<Topic> topics = new ArrayList<>();
      byTopic.forEach((t, list) -> topics.add(new Topic(t, List.copyOf(list))));

      List<Instant> actions = new ArrayList<>();
      List<Run> runs = new ArrayList<>();
      int passingRuns = 0;
      for (Store.CheckRun r : checks.runs) {
        Instant when = instant(r.time);
        if (when == null) {
          continue;
        }
        actions.add(when);
        runs.add(new Run(when, r.kata, r.status == null ? "?" : r.status, r.passed, r.total));
        passingRuns += "passing".equals(r.status) ? 1 : 0;
      }
      List<DrillTime> drillTimes = new ArrayList<>();
      int drillsPassed = 0;
      Map<String, Kata> byId = new LinkedHashMap<>();
      curriculum.forEach(k -> byId.put(k.id(), k));
      for (Store.Drill d : history.drills) {
        Instant start = instant(d.started);
        Instant end = instant(d.ended);
        if (start != null) {
          actions.add(start);
        }
        if (end != null) {
          actions.add(end);
        }
        if ("passed".equals(d.outcome)) {
          drillsPassed++;
          if (byId.containsKey(d.kata) && (end != null || start != null)) {
            drillTimes.add(new DrillTime(byId.get(d.kata), end != null ? end : start, d.seconds));
          }
        }
      }
      actions.sort(Comparator.naturalOrder());
      long practised = 0;
      int sittings = 0;
      for (int i = 0; i < actions.size(); i++) {
        if (i == 0 || Duration.between(actions.get(i - 1), actions.get(i)).compareTo(SITTING_GAP) > 0) {
          sittings++;
        } else {
          practised += Duration.between(actions.get(i - 1), actions.get(i)).getSeconds();
        }
      }
      TreeSet<LocalDate> days = new TreeSet<>();
      actions.forEach(a -> days.add(a.atZone(zone).toLocalDate()));
      LocalDate today = now.atZone(zone).toLocalDate();
      int current = 0;
      LocalDate d = days.contains(today) ? today : today.minusDays(1);
      while (days.contains(d)) {
        current++;
        d = d.minusDays(1);
      }
      int longest = 0;
      int run = 0;
      LocalDate previous = null;
      for (LocalDate day : days) {
        run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
        longest = Math.max(longest, run);
        previous = day;
      }
      TreeMap<LocalDate, int[]> perDay = new TreeMap<>();
      for (int i = ACTIVITY_DAYS - 1; i >= 0; i--) {
        perDay.put(today.minusDays(i), new int[2]);
      }
      for (Run r : runs) {
        int[] counts = perDay.get(r.when().atZone(zone).toLocalDate());
        if (counts != null) {
          counts[r.status().equals("passing") ? 0 : 1]++;
        }
      }
      List<Day> activity = new ArrayList<>();
      perDay.forEach((day, c) -> activity.add(new Day(day, c[0], c[1])));
      List<Run> recent = new ArrayList<>(runs.subList(Math.max(0, runs.size() - RECENT_RUNS), runs.size()));
      java.util.Collections.reverse(recent);
      int passing = (int) rows.stream().filter(r -> r.status().equals("passing")).count();
      return new Model(now, zone, rows.size(), passing, current, longest, practised, sittings, runs.size(), passingRuns,
          history.drills.size(), drillsPassed, hintTiers, solutions, topics, next(rows, runs), drillTimes, activity,
          recent, List.copyOf(quiz));
    }

    /**
     * What to do next: the kata worked on most recently that does not pass yet; else the first kata not
     * started, in curriculum order; else the passing kata practised least recently, as a drill.
     */
    static Next next(List<KataRow> rows, List<Run> runs) {
      Map<String, KataRow> byId = new LinkedHashMap<>();
      rows.forEach(r -> byId.put(r.kata().id(), r));
      for (int i = runs.size() - 1; i >= 0; i--) {
        KataRow r = byId.get(runs.get(i).kata());
        if (r != null && !r.status().equals("passing") && !r.status().equals("not started")) {
          return new Next(r.kata(), "you were working on it: its last check had " + r.lastRun() + " checks passing",
              "kata check " + r.kata().name());
        }
      }
      for (KataRow r : rows) {
        if (!r.status().equals("passing") && !r.status().equals("not started")) {
          return new Next(r.kata(), "it is started but does not pass yet", "kata check " + r.kata().name());
        }
      }
      for (KataRow r : rows) {
        if (r.status().equals("not started")) {
          return new Next(r.kata(), "the next kata of the curriculum you have not started",
              "kata drill --kata " + r.kata().name() + "   (or edit " + r.kata().exercisePath() + ")");
        }
      }
      Map<String, Instant> last = new LinkedHashMap<>();
      runs.forEach(r -> last.put(r.kata(), r.when()));
      return rows.stream().min(Comparator.comparing((KataRow r) -> last.getOrDefault(r.kata().id(), Instant.EPOCH)))
          .map(r -> new Next(r.kata(), "every kata passes: drill the one you practised least recently",
              "kata drill --kata " + r.kata().name()))
          .orElse(null);
    }
  }

  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final String CSS = String.join("\n",
      ":root{--fg:#24292f;--muted:#57606a;--line:#d0d7de;--pass:#1a7f37;--fail:#cf222e;--wait:#8c8c8c;--accent:#0969da}",
      "*{box-sizing:border-box}",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);margin:0;background:#f6f8fa}",
      "main{max-width:1080px;margin:0 auto;padding:24px}",
      "h1{margin:0 0 4px;font-size:28px}h2{margin:32px 0 12px;font-size:20px;border-bottom:1px solid var(--line);padding-bottom:6px}",
      ".sub{color:var(--muted);margin:0 0 20px}",
      ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}",
      ".card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}",
      ".card .v{font-size:26px;font-weight:600}.card .l{color:var(--muted);font-size:13px}",
      ".next{background:#ddf4ff;border:1px solid #54aeff;border-radius:8px;padding:14px 16px;margin-top:16px}",
      ".next code{background:#fff;padding:2px 6px;border-radius:4px}",
      ".panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;margin:12px 0}",
      "svg{display:block;width:100%;height:auto}",
      "table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}",
      "th,td{padding:5px 8px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}",
      "th{color:var(--muted);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}",
      ".b{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;white-space:nowrap}",
      ".b.passing{background:var(--pass)}.b.failing,.b.compile-error{background:var(--fail)}",
      ".b.not-started{background:var(--wait)}.b.not-checked{background:#bf8700}",
      "details{background:#fff;border:1px solid var(--line);border-radius:8px;margin:8px 0}",
      "summary{cursor:pointer;padding:10px 12px;font-weight:600}summary small{color:var(--muted);font-weight:400}",
      "details table{border-top:1px solid var(--line)}small{color:var(--muted)}",
      ".meter{display:inline-block;width:120px;height:8px;background:#eaeef2;border-radius:4px;vertical-align:middle;margin-left:8px;overflow:hidden}",
      ".meter span{display:block;height:100%;background:var(--pass)}",
      ".empty{color:var(--muted);font-style:italic;padding:12px}",
      "footer{color:var(--muted);font-size:13px;margin-top:32px}");

  /** The page. */
  static String render(Model m) {
    StringBuilder h = new StringBuilder();
    DateTimeFormatter when = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(m.zone());
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>ML Kata progress</title>\n<style>\n").append(CSS).append("\n</style></head>\n<body><main>\n")
        .append("<h1>ML Kata progress</h1>\n<p class=\"sub\">").append(esc(when.format(m.generated())))
        .append(" &middot; made by <code>kata progress</code> from your records in <code>.kata/</code></p>\n");

    h.append("<section id=\"summary\"><div class=\"cards\">\n");
    card(h, m.passing() + " / " + m.katas(), "katas passing");
    card(h, m.currentStreak() + (m.currentStreak() == 1 ? " day" : " days"), "practice streak (longest " + m.longestStreak() + ")");
    card(h, hours(m.practisedSeconds()), "practised, in " + m.sittings() + (m.sittings() == 1 ? " sitting" : " sittings"));
    card(h, String.valueOf(m.checkRuns()), "check runs, " + m.passingRuns() + " passing");
    card(h, m.drillsPassed() + " / " + m.drillsTaken(), "drills passed");
    card(h, String.valueOf(m.hintTiers()), "hint tiers read, " + m.solutionsSeen() + " solutions seen");
    h.append("</div>\n");
    if (m.next() != null) {
      h.append("<div class=\"next\" id=\"next\"><strong>Next: ").append(esc(m.next().kata().id())).append("</strong> &middot; ")
          .append(esc(m.next().kata().title())).append("<br><small>").append(esc(m.next().why())).append("</small><br>")
          .append("<code>").append(esc(m.next().command())).append("</code></div>\n");
    }
    h.append("</section>\n");

    h.append("<h2>Katas by topic</h2>\n<div class=\"panel\">\n");
    List<String> names = new ArrayList<>();
    double[] passing = new double[m.topics().size()];
    double[] started = new double[m.topics().size()];
    double[] waiting = new double[m.topics().size()];
    for (int i = 0; i < m.topics().size(); i++) {
      Topic t = m.topics().get(i);
      names.add(t.name());
      passing[i] = t.count("passing");
      started[i] = t.count("started");
      waiting[i] = t.count("not started");
    }
    h.append(Charts.bars("topics", null, "katas", names, List.of("passing", "started, not passing yet", "not started"),
        List.of(passing, started, waiting), List.of(Charts.GREEN, Charts.ORANGE, new Color(0xd0d7de)), true, true,
        1000, Math.max(160, 28 * names.size() + 90))).append("\n</div>\n");
    for (Topic t : m.topics()) {
      long ok = t.count("passing");
      boolean touched = t.katas().stream().anyMatch(r -> !r.status().equals("not started") || r.checkRuns() > 0);
      h.append("<details id=\"topic-").append(esc(t.name())).append("\"").append(touched ? " open" : "").append("><summary>")
          .append(esc(t.name())).append(" <small>").append(ok).append(" of ").append(t.katas().size()).append(" passing</small>")
          .append("<span class=\"meter\"><span style=\"width:").append(Math.round(100.0 * ok / Math.max(1, t.katas().size())))
          .append("%\"></span></span></summary>\n<table><tr><th>Kata</th><th>Status</th><th>Checks</th><th>Last run</th>")
          .append("<th>Drills</th><th>Best</th><th>Median</th><th>Hints</th><th>Solution</th><th>Picture</th></tr>\n");
      for (KataRow r : t.katas()) {
        h.append("<tr><td>").append(esc(r.kata().name())).append("<br><small>").append(esc(r.kata().title())).append("</small></td>")
            .append("<td><span class=\"b ").append(esc(r.status().replace(' ', '-'))).append("\">").append(esc(r.status()))
            .append("</span></td>")
            .append("<td class=\"n\">").append(r.checkRuns()).append(r.checkRuns() > 0 ? " <small>(" + r.checksPassing() + " passing)</small>" : "")
            .append("</td><td class=\"n\">").append(esc(r.lastRun())).append("</td>")
            .append("<td class=\"n\">").append(r.drills() == 0 ? "-" : r.passes() + "/" + r.drills()).append("</td>")
            .append("<td class=\"n\">").append(Text.duration(r.best())).append("</td><td class=\"n\">")
            .append(Text.duration(r.median())).append("</td>")
            .append("<td class=\"n\">").append(r.hints() == 0 ? "-" : r.hints()).append("</td><td>")
            .append(r.solutionSeen() ? "seen" : "").append("</td><td>");
        if (r.picture() != null && r.picture().endsWith(".html")) {
          h.append("<a href=\"").append(esc(r.picture())).append("\">picture</a>");
        } else if (r.picture() != null) {
          h.append("<small><code>").append(esc(r.picture())).append("</code></small>");
        }
        h.append("</td></tr>\n");
      }
      h.append("</table></details>\n");
    }

    h.append("<h2>Drill times</h2>\n<div class=\"panel\">\n");
    if (m.drillTimes().isEmpty()) {
      h.append("<p class=\"empty\">No drill passed yet. <code>kata drill</code> picks a kata and starts the clock;"
          + " each passed drill adds a point here.</p>\n");
    } else {
      Map<Kata, List<Charts.TimePoint>> series = new LinkedHashMap<>();
      for (DrillTime d : m.drillTimes()) {
        series.computeIfAbsent(d.kata(), k -> new ArrayList<>()).add(new Charts.TimePoint(d.when(), d.seconds() / 60.0));
      }
      List<String> labels = new ArrayList<>();
      series.keySet().forEach(k -> labels.add(k.name()));
      h.append(Charts.overTime("drills", null, "minutes to pass", labels, new ArrayList<>(series.values()), 1000, 360));
      h.append("<p><small>Each point is a passed drill: the minutes from its start to the passing check. Lower is better.</small></p>\n");
    }
    h.append("</div>\n");

    h.append("<h2>Check runs</h2>\n<div class=\"panel\">\n");
    List<String> days = new ArrayList<>();
    double[] ok = new double[m.activity().size()];
    double[] other = new double[m.activity().size()];
    DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    for (int i = 0; i < m.activity().size(); i++) {
      Day d = m.activity().get(i);
      days.add(d.date().format(day));
      ok[i] = d.passing();
      other[i] = d.other();
    }
    if (m.checkRuns() == 0) {
      h.append("<p class=\"empty\">No check run recorded yet: <code>kata check KATA</code> grades your code and is recorded here.</p>\n");
    } else {
      h.append(Charts.bars("activity", null, "check runs", days, List.of("passing", "not passing"), List.of(ok, other),
          List.of(Charts.GREEN, Charts.RED), true, false, 1000, 300));
      h.append("<p><small>Check runs per day over the last ").append(ACTIVITY_DAYS).append(" days (check, watch and drill all count).</small></p>\n");
      h.append("<table id=\"recent\"><tr><th>When</th><th>Kata</th><th>Result</th><th>Checks passed</th></tr>\n");
      DateTimeFormatter at = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(m.zone());
      for (Run r : m.recent()) {
        h.append("<tr><td>").append(esc(at.format(r.when()))).append("</td><td>").append(esc(r.kata())).append("</td><td>")
            .append("<span class=\"b ").append(esc(r.status().replace(' ', '-'))).append("\">").append(esc(r.status()))
            .append("</span></td><td class=\"n\">").append(r.passed()).append(" / ").append(r.total()).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</div>\n");

    h.append("<h2>Hints and solutions</h2>\n<div class=\"panel\" id=\"hints\">\n");
    List<KataRow> helped = new ArrayList<>();
    List<KataRow> alone = new ArrayList<>();
    for (Topic t : m.topics()) {
      for (KataRow r : t.katas()) {
        if (r.hints() > 0 || r.solutionSeen()) {
          helped.add(r);
        } else if (r.status().equals("passing")) {
          alone.add(r);
        }
      }
    }
    h.append("<p>").append(alone.size()).append(alone.size() == 1 ? " kata passes" : " katas pass")
        .append(" without a hint").append(alone.isEmpty() ? "." : ": " + esc(String.join(", ", alone.stream().map(r -> r.kata().name()).toList())) + ".")
        .append("</p>\n");
    if (helped.isEmpty()) {
      h.append("<p class=\"empty\">No hint read and no solution opened.</p>\n");
    } else {
      h.append("<table><tr><th>Kata</th><th>Hint tiers read</th><th>Solution</th><th>Status</th></tr>\n");
      for (KataRow r : helped) {
        h.append("<tr><td>").append(esc(r.kata().id())).append("</td><td class=\"n\">").append(r.hints()).append(" of 3</td><td>")
            .append(r.solutionSeen() ? "seen" : "").append("</td><td><span class=\"b ").append(esc(r.status().replace(' ', '-')))
            .append("\">").append(esc(r.status())).append("</span></td></tr>\n");
      }
      h.append("</table>\n<p><small>Reading a hint is part of learning; a kata passed after a hint is worth a drill later without one.</small></p>\n");
    }
    h.append("</div>\n");

    if (!m.quiz().isEmpty()) {
      h.append("<h2>Quiz</h2>\n<div class=\"panel\" id=\"quiz\">\n");
      for (String line : m.quiz()) {
        h.append("<p>").append(esc(line.strip())).append("</p>\n");
      }
      h.append("</div>\n");
    }
    h.append("<footer>Sittings and time practised are estimated from the times of your check runs and drills:")
        .append(" a gap over ").append(SITTING_GAP.toMinutes()).append(" minutes starts a new sitting. Streak: consecutive days with")
        .append(" at least one check run or drill, up to today (or yesterday, if you have not practised yet today).</footer>\n")
        .append("</main></body></html>\n");
    return h.toString();
  }

  private static void card(StringBuilder h, String value, String label) {
    h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"l\">").append(esc(label))
        .append("</div></div>\n");
  }

  /** A duration for the summary: {@code 2 h 05 min}, {@code 12 min}. */
  static String hours(long seconds) {
    long minutes = Math.round(seconds / 60.0);
    return minutes >= 60 ? minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min" : minutes + " min";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

package mlkata.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mlkata.grading.Kata;
import mlkata.grading.PictureJob;

/**
 * The page of {@code kata show}: the figure the grading JVM computed (see {@code mlkata.grader.runner.Figure})
 * drawn with {@link Charts} into one self-contained HTML page. The learner's lines are orange and dashed
 * with a dot on each point, over the reference's in solid blue; what went wrong with the learner's code
 * comes first, in words. When the grading JVM also found a smallest failing input for the learner's code
 * (a property of the grader's that does not hold), a second section draws the same picture on it.
 */
final class ShowPage {
  private ShowPage() {}

  private static final String CSS = String.join("\n",
      ":root{--fg:#24292f;--muted:#57606a;--line:#d0d7de}",
      "*{box-sizing:border-box}",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);margin:0;background:#f6f8fa}",
      "main{max-width:1080px;margin:0 auto;padding:24px}",
      "h1{margin:0 0 4px;font-size:26px}.sub{color:var(--muted);margin:0 0 16px}",
      ".input{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;font-size:14px}",
      ".errors{background:#ffebe9;border:1px solid #ff8182;border-radius:8px;padding:10px 14px;margin:12px 0}",
      ".errors li{margin:4px 0;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:13px}",
      ".ok{background:#dafbe1;border:1px solid #4ac26b;border-radius:8px;padding:10px 14px;margin:12px 0}",
      ".panels{display:flex;flex-wrap:wrap;gap:16px;margin:16px 0}",
      ".panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;flex:1 1 100%;min-width:0}",
      ".panel.half{flex:1 1 calc(50% - 16px)}",
      ".panel h2{font-size:17px;margin:0 0 8px}.note{color:var(--muted);font-size:14px;margin:8px 0 0}",
      ".side{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}",
      ".legend span{display:inline-block;margin-right:16px;font-size:13px}",
      ".sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}",
      "svg{display:block;width:100%;height:auto}",
      ".failing{border-top:3px solid #ff8182;margin-top:28px;padding-top:8px}.failing h2{font-size:20px;margin:8px 0}",
      "footer{color:var(--muted);font-size:13px;margin-top:24px}");

  /** The page for {@code kata}; {@code outcome}: what the grading JVM sent back. */
  static String render(Kata kata, PictureJob.Outcome outcome, String target, Instant now, ZoneId zone) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(esc(kata.id())).append(" - kata show</title>\n<style>\n").append(CSS).append("\n</style></head>\n<body><main>\n")
        .append("<h1>").append(esc(kata.title())).append("</h1>\n<p class=\"sub\">").append(esc(kata.id())).append(" &middot; ")
        .append(target.equals("solutions") ? "the reference drawn as yours (--reference)" : "your code in " + esc(kata.exercisePath()))
        .append(" &middot; ").append(esc(DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(zone).format(now)))
        .append("</p>\n");
    JsonObject figure = outcome.figure();
    List<String> problems = new ArrayList<>();
    if (outcome.error() != null) {
      problems.add(outcome.error());
    }
    if (figure != null) {
      for (JsonElement e : figure.getAsJsonArray("learnerErrors")) {
        problems.add(e.getAsString());
      }
    }
    if (!outcome.compileErrors().isEmpty()) {
      problems.add("javac:\n" + String.join("\n", outcome.compileErrors().subList(0, Math.min(12, outcome.compileErrors().size()))));
    }
    if (!problems.isEmpty()) {
      h.append("<div class=\"errors\" id=\"errors\"><strong>What went wrong with your code</strong><ul>\n");
      for (String p : problems) {
        h.append("<li>").append(esc(p)).append("</li>\n");
      }
      h.append("</ul>").append(figure != null ? "The reference's picture is drawn below all the same." : "").append("</div>\n");
    } else if (figure != null && outcome.failing() != null) {
      h.append("<div class=\"ok\" id=\"ok\">Your code agrees with the reference on this input, but one of the grader's")
          .append(" properties fails on another: it is drawn <a href=\"#failing\">below</a>.</div>\n");
    } else if (figure != null) {
      h.append("<div class=\"ok\" id=\"ok\">Your code ran on this input without an error and agrees with the reference; the pictures show how.</div>\n");
    }
    if (figure != null) {
      figure(h, kata, figure, kata.name() + "-");
    }
    JsonObject failing = outcome.failing();
    if (figure != null && failing != null && failing.has("figure")) {
      JsonObject f = failing.getAsJsonObject("figure");
      h.append("<section class=\"failing\" id=\"failing\"><h2>On the smallest failing input the grader found: property '")
          .append(esc(failing.get("property").getAsString())).append("'")
          .append(failing.has("seed") && !failing.get("seed").isJsonNull() ? ", seed " + esc(failing.get("seed").getAsString()) : "")
          .append("</h2>\n<p class=\"note\">One of the grader's properties does not hold for your code; QuickTheories shrank")
          .append(" the input it failed on to this one. ")
          .append(failing.has("seed") && !failing.get("seed").isJsonNull()
              ? "<code>kata check " + esc(kata.name()) + " --seed " + esc(failing.get("seed").getAsString()) + "</code> replays it."
              : "")
          .append("</p>\n");
      JsonArray errors = f.getAsJsonArray("learnerErrors");
      boolean said = failing.has("message") && !failing.get("message").isJsonNull();
      if (said || !errors.isEmpty()) {
        h.append("<div class=\"errors\"><ul>\n");
        if (said) {
          // the check's own words first: the picture may not see a difference as small as the check does
          h.append("<li class=\"said\">").append(esc(failing.get("message").getAsString().strip())).append("</li>\n");
        }
        for (JsonElement e : errors) {
          h.append("<li>").append(esc(e.getAsString())).append("</li>\n");
        }
        h.append("</ul></div>\n");
      }
      figure(h, kata, f, kata.name() + "-failing-");
      h.append("</section>\n");
    }
    h.append("<footer>Made by <code>kata show ").append(esc(kata.name())).append("</code>: your code ran in the grading JVM,")
        .append(" under the same sandbox as <code>kata check</code>. Charts by JFreeChart, as SVG by JFreeSVG.</footer>\n")
        .append("</main></body></html>\n");
    return h.toString();
  }

  /** A figure's input, legend and panels; {@code idPrefix} keeps the SVG ids of two figures on one page apart. */
  private static void figure(StringBuilder h, Kata kata, JsonObject figure, String idPrefix) {
    h.append("<div class=\"input\"><strong>Input:</strong> ").append(esc(figure.get("input").getAsString())).append("</div>\n");
    h.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#1f77b4\"></i>reference: blue (solid lines)</span>")
        .append("<span><i class=\"sw\" style=\"background:#ff7f0e\"></i>yours: orange (dashed lines, dots)</span></p>\n");
    int n = 0;
    h.append("<div class=\"panels\">\n");
    for (JsonElement e : figure.getAsJsonArray("panels")) {
      panel(h, idPrefix, e.getAsJsonObject(), n++);
    }
    h.append("</div>\n");
  }

  private static void panel(StringBuilder h, String idPrefix, JsonObject p, int n) {
    String id = idPrefix + n;
    String kind = p.get("kind").getAsString();
    boolean half = p.has("half") && p.get("half").getAsBoolean();
    h.append("<section class=\"panel").append(half ? " half" : "").append("\" id=\"")
        .append(idPrefix.endsWith("failing-") ? "failing-panel-" : "panel-").append(n).append("\"><h2>")
        .append(esc(p.get("title").getAsString())).append("</h2>\n");
    switch (kind) {
      case "xy": {
        List<Charts.Line> lines = new ArrayList<>();
        int learner = 0;
        int reference = 0;
        int data = 0;
        for (JsonElement e : p.getAsJsonArray("lines")) {
          JsonObject l = e.getAsJsonObject();
          String who = l.get("who").getAsString();
          double[] x = numbers(l.getAsJsonArray("x"));
          double[] y = numbers(l.getAsJsonArray("y"));
          String name = l.get("name").getAsString();
          switch (who) {
            case "learner":
              lines.add(new Charts.Line(name, x, y, shade(Charts.ORANGE, learner++), true, x.length <= 60, 2f));
              break;
            case "reference":
              lines.add(new Charts.Line(name, x, y, shade(Charts.BLUE, reference++), false, false, 3.5f));
              break;
            case "data":
              lines.add(new Charts.Line(name, x, y, data++ % 2 == 0 ? Charts.GREEN : Charts.PURPLE, false, false, 2f));
              break;
            default:
              lines.add(new Charts.Line(name, x, y, Charts.GREY, true, false, 1f));
          }
        }
        boolean square = p.get("square").getAsBoolean();
        h.append(square ? "<div style=\"max-width:640px;margin:0 auto\">" : "<div>")
            .append(Charts.xy(id, null, p.get("xLabel").getAsString(), p.get("yLabel").getAsString(), lines,
            square ? 640 : half ? 520 : 1000, square ? 600 : half ? 380 : 420, square)).append("</div>\n");
        break;
      }
      case "grids": {
        h.append("<div class=\"side\">\n");
        int k = 0;
        for (JsonElement e : p.getAsJsonArray("grids")) {
          JsonObject g = e.getAsJsonObject();
          JsonArray rows = g.getAsJsonArray("values");
          double[][] values = new double[rows.size()][];
          for (int r = 0; r < values.length; r++) {
            values[r] = numbers(rows.get(r).getAsJsonArray());
          }
          boolean[][] marked = null;
          if (g.has("marked")) {
            JsonArray m = g.getAsJsonArray("marked");
            marked = new boolean[m.size()][];
            for (int r = 0; r < marked.length; r++) {
              JsonArray row = m.get(r).getAsJsonArray();
              marked[r] = new boolean[row.size()];
              for (int c = 0; c < row.size(); c++) {
                marked[r][c] = row.get(c).getAsBoolean();
              }
            }
          }
          boolean mine = g.get("who").getAsString().equals("learner");
          int cells = Math.max(values.length, values.length == 0 ? 0 : values[0].length);
          int size = Math.min(520, 140 + 48 * cells);
          // a grid of a few cells is drawn small: scaled up to the column's width its labels would be huge
          h.append(size < 300 ? "<div style=\"max-width:" + size + "px\">" : "<div>").append(Charts.heatmap(id + "-" + k++, g.get("name").getAsString(), p.get("xLabel").getAsString(),
              p.get("yLabel").getAsString(), values, marked, p.get("lo").getAsDouble(), p.get("hi").getAsDouble(),
              mine ? new Color(0xd9480f) : new Color(0x1c5d99), size, size)).append("</div>\n");
        }
        h.append("</div>\n");
        break;
      }
      case "boxes": {
        h.append("<div class=\"side\">\n");
        int k = 0;
        for (JsonElement e : p.getAsJsonArray("sets")) {
          JsonObject set = e.getAsJsonObject();
          List<Charts.Box> boxes = new ArrayList<>();
          for (JsonElement b : set.getAsJsonArray("boxes")) {
            JsonObject o = b.getAsJsonObject();
            double[] xy = numbers(o.getAsJsonArray("box"));
            boxes.add(new Charts.Box(xy[0], xy[1], xy[2], xy[3], o.get("score").getAsDouble(), o.get("state").getAsString(),
                o.get("tip").getAsString()));
          }
          h.append("<div>").append(Charts.boxes(id + "-" + k++, set.get("name").getAsString(), p.get("width").getAsDouble(),
              p.get("height").getAsDouble(), boxes, 480)).append("</div>\n");
        }
        h.append("</div>\n<p class=\"legend\"><span><i class=\"sw\" style=\"background:#2ca02c\"></i>kept</span>")
            .append("<span><i class=\"sw\" style=\"background:#ff7f0e\"></i>kept with a decayed score</span>")
            .append("<span><i class=\"sw\" style=\"background:#d62728\"></i>suppressed (dashed)</span>")
            .append("<span>fill opacity: score; hover a box for its IoUs</span></p>\n");
        break;
      }
      case "bars": {
        List<String> categories = new ArrayList<>();
        p.getAsJsonArray("categories").forEach(c -> categories.add(c.getAsString()));
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        int learner = 0;
        int reference = 0;
        for (JsonElement e : p.getAsJsonArray("series")) {
          JsonObject s = e.getAsJsonObject();
          names.add(s.get("name").getAsString());
          values.add(numbers(s.getAsJsonArray("values")));
          String who = s.get("who").getAsString();
          colors.add(who.equals("learner") ? shade(Charts.ORANGE, learner++) : who.equals("reference")
              ? shade(Charts.BLUE, reference++) : Charts.GREY);
        }
        h.append(Charts.bars(id, null, p.get("yLabel").getAsString(), categories, names, values, colors, false, false, 1000, 400));
        break;
      }
      default:
        h.append("<p>(a panel of kind ").append(esc(kind)).append(" this command cannot draw)</p>");
    }
    if (p.has("note")) {
      h.append("<p class=\"note\">").append(esc(p.get("note").getAsString())).append("</p>\n");
    }
    h.append("</section>\n");
  }

  /** Darker or lighter variants of a colour for a second and third line of the same side. */
  private static Color shade(Color c, int k) {
    if (k == 0) {
      return c;
    }
    return k % 2 == 1 ? Charts.blend(c, Color.BLACK, 0.35 * ((k + 1) / 2)) : Charts.blend(c, Color.WHITE, 0.3 * (k / 2));
  }

  static double[] numbers(JsonArray a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement e = a.get(i);
      out[i] = e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : parse(e.getAsString());
    }
    return out;
  }

  private static double parse(String s) {
    switch (s) {
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }

  static String esc(String s) {
    return ProgressPage.esc(s);
  }
}

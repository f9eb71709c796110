package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;
import mlkata.grading.Kata;
import mlkata.grading.PictureJob;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kata picture ({@code kata show}), drawn in this JVM for the reference (as the learner's code) and
 * for the pristine stub: the reference's page names no problem and draws the learner's data on every
 * panel; the stub's page says "not started" and still draws the reference's. Then one page of each kind
 * of panel (lines, heatmaps, boxes, bars) in a headless browser. (The grading JVM's part, the sandbox
 * and the command, are tested on the fixture by {@link ShowCommandTest}.)
 */
@Timeout(300)
class PicturesTest {
  /** Every kata with a picture, and the kind of its panels. */
  static final Map<Kata, String> PICTURES = new LinkedHashMap<>();

  static {
    PICTURES.put(new Kata("metrics", "roc-auc", "ROC curve and AUC"), "xy");
    PICTURES.put(new Kata("metrics", "average-precision", "Average precision (step sum)"), "xy");
    PICTURES.put(new Kata("optimizers", "lr-schedules", "Learning-rate schedules"), "xy");
    PICTURES.put(new Kata("training", "activations", "Activations and their derivatives"), "xy");
    PICTURES.put(new Kata("training", "weight-init", "Xavier and He initialization"), "xy");
    PICTURES.put(new Kata("quantization", "int8-quantizer", "Int8 quantize and dequantize"), "xy");
    PICTURES.put(new Kata("drift", "ks-two-sample", "Two-sample Kolmogorov-Smirnov"), "xy");
    PICTURES.put(new Kata("drift", "psi", "PSI, KL and Jensen-Shannon"), "bars");
    PICTURES.put(new Kata("transformer", "attention", "Scaled dot-product attention"), "grids");
    PICTURES.put(new Kata("normalization", "batch-norm", "Batch norm, forward and backward"), "grids");
    PICTURES.put(new Kata("normalization", "layer-norm", "Layer norm, forward and backward"), "grids");
    PICTURES.put(new Kata("normalization", "group-norm", "Group norm, forward and backward"), "grids");
    PICTURES.put(new Kata("transformer", "multi-head-attention", "Multi-head self-attention"), "grids");
    PICTURES.put(new Kata("detection", "non-max-suppression", "IoU and non-max suppression"), "boxes");
    PICTURES.put(new Kata("detection", "soft-nms", "Soft-NMS (linear and Gaussian)"), "boxes");
    PICTURES.put(new Kata("detection", "mean-average-precision", "Mean average precision (COCO)"), "xy");
  }

  @TempDir
  Path dir;

  /** Draws {@code kata}'s picture with the learner's binding pointing at {@code target}. */
  static JsonObject draw(Kata kata, String target) throws Exception {
    String before = System.getProperty(Target.PROPERTY);
    System.setProperty(Target.PROPERTY, target);
    try {
      KataPicture p = (KataPicture) Class.forName(PictureJob.pictureClass(kata)).getDeclaredConstructor().newInstance();
      Figure f = p.draw();
      return f.json();
    } finally {
      if (before == null) {
        System.clearProperty(Target.PROPERTY);
      } else {
        System.setProperty(Target.PROPERTY, before);
      }
    }
  }

  static String page(Kata kata, JsonObject figure, String target) {
    return ShowPage.render(kata, new PictureJob.Outcome(figure, null, List.of()), target, Instant.parse("2026-01-08T18:00:00Z"),
        ZoneOffset.UTC);
  }

  /** The learner's entries of a panel: lines, grids, box sets or bar series with who = learner. */
  static long learnerParts(JsonObject panel) {
    long n = 0;
    for (String key : List.of("lines", "grids", "sets", "series")) {
      if (panel.has(key)) {
        for (JsonElement e : panel.getAsJsonArray(key)) {
          n += e.getAsJsonObject().get("who").getAsString().equals("learner") ? 1 : 0;
        }
      }
    }
    return n;
  }

  static long referenceParts(JsonObject panel) {
    long n = 0;
    for (String key : List.of("lines", "grids", "sets", "series")) {
      if (panel.has(key)) {
        for (JsonElement e : panel.getAsJsonArray(key)) {
          n += e.getAsJsonObject().get("who").getAsString().equals("reference") ? 1 : 0;
        }
      }
    }
    return n;
  }

  @Test
  void every_picture_class_is_listed_here_and_every_listed_kata_is_in_the_curriculum() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Set<String> found = new HashSet<>();
    try (var files = Files.walk(root.resolve("grader/src/test/java/mlkata/grader"))) {
      files.filter(p -> p.getFileName().toString().endsWith("Picture.java") && !p.getParent().endsWith("runner"))
          .forEach(p -> found.add(p.toString()));
    }
    Set<String> listed = new HashSet<>();
    String curriculum = Files.readString(root.resolve("grader/src/test/resources/mlkata/curriculum.txt"));
    for (Kata k : PICTURES.keySet()) {
      listed.add(root.resolve(k.specPath().replace("Spec.java", "Picture.java")).toString());
      assertThat(curriculum).contains(k.id());
      assertThat(ShowCommand.hasPicture(new Repo(root), k)).as(k.id()).isTrue();
    }
    assertThat(listed).isEqualTo(found);
  }

  @Test
  void the_reference_drawn_as_the_learners_code_names_no_problem_and_is_drawn_on_every_panel() throws Exception {
    for (Kata k : PICTURES.keySet()) {
      JsonObject f = draw(k, "solutions");
      assertThat(f.getAsJsonArray("learnerErrors")).as(k + ": problems of the reference with itself").isEmpty();
      int svgs = 0;
      for (JsonElement e : f.getAsJsonArray("panels")) {
        JsonObject panel = e.getAsJsonObject();
        assertThat(panel.get("kind").getAsString()).as(k.id()).isEqualTo(PICTURES.get(k));
        assertThat(learnerParts(panel)).as(k + ": the learner's data on panel " + panel.get("title")).isPositive();
        assertThat(referenceParts(panel)).as(k + ": the reference's data on panel " + panel.get("title")).isPositive();
        svgs += panel.has("grids") ? panel.getAsJsonArray("grids").size() : panel.has("sets")
            ? panel.getAsJsonArray("sets").size() : 1;
      }
      String html = page(k, f, "solutions");
      Path kept = Path.of("target", "show-pages", k.name() + ".html");
      Files.createDirectories(kept.getParent());
      Files.writeString(kept, html, StandardCharsets.UTF_8); // to look at after the build
      Document doc = Jsoup.parse(html);
      assertThat(doc.select("#ok")).as(k.id()).hasSize(1);
      assertThat(doc.select("svg")).as(k + ": one chart per panel (per grid, per box set)").hasSize(svgs);
      assertThat(doc.select("script, img, link, iframe")).isEmpty();
      if (PICTURES.get(k).equals("boxes")) {
        assertThat(doc.select("svg title").eachText()).as(k + ": each box tells its IoUs on hover")
            .anyMatch(t -> t.startsWith("box 0, score 0.90; IoU with 1: 0.747"));
      }
      Set<String> ids = new HashSet<>();
      for (Element el : doc.select("[id]")) {
        assertThat(ids.add(el.id())).as(k + ": id " + el.id() + " is unique").isTrue();
      }
    }
  }

  @Test
  void a_stub_gets_the_reference_picture_and_not_started_for_each_method() throws Exception {
    for (Kata k : PICTURES.keySet()) {
      JsonObject f = draw(k, "exercises");
      List<String> errors = new ArrayList<>();
      f.getAsJsonArray("learnerErrors").forEach(e -> errors.add(e.getAsString()));
      assertThat(errors).as(k.id()).isNotEmpty().allMatch(e -> e.contains("not started"), "says not started");
      for (JsonElement e : f.getAsJsonArray("panels")) {
        assertThat(learnerParts(e.getAsJsonObject())).as(k.id()).isZero();
        assertThat(referenceParts(e.getAsJsonObject())).as(k.id()).isPositive();
      }
      Document doc = Jsoup.parse(page(k, f, "exercises"));
      assertThat(doc.select("#errors").text()).as(k.id()).contains("not started");
      assertThat(doc.select("svg")).as(k.id()).isNotEmpty();
    }
  }

  @Test
  void one_page_of_each_kind_renders_in_a_headless_browser() throws Exception {
    HeadlessBrowser browser = HeadlessBrowser.find(dir);
    Set<String> kinds = new HashSet<>();
    for (Map.Entry<Kata, String> e : PICTURES.entrySet()) {
      if (!kinds.add(e.getValue())) {
        continue;
      }
      Kata k = e.getKey();
      Path page = dir.resolve(k.name() + ".html");
      Files.writeString(page, page(k, draw(k, "solutions"), "solutions"), StandardCharsets.UTF_8);
      HeadlessBrowser.Visit visit = browser.visit(page, "show-" + k.name(), 1100, 1400);
      visit.assertRenderedCleanly("kata show " + k.name());
      assertThat(visit.colours()).as(k + ": the chart's colours are on the screenshot").isGreaterThan(4);
      HeadlessBrowser.keep(dir, "show-" + k.name());
    }
  }
}

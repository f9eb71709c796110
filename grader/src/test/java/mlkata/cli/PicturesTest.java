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

  /**
   * Per picture, the generators of its specs' properties and differential checks whose values its
   * {@code drawFailing} draws: class, static method, arguments (the generators are package-private, so
   * they are called reflectively).
   */
  static final Map<String, List<Object[]>> FAILING_INPUTS = new LinkedHashMap<>();

  static {
    String g = "mlkata.grader.";
    FAILING_INPUTS.put("roc-auc", List.<Object[]>of(new Object[] {g + "support.Gens", "scored", 2, 40}));
    FAILING_INPUTS.put("average-precision", List.<Object[]>of(new Object[] {g + "support.Gens", "scored", 1, 40}));
    FAILING_INPUTS.put("lr-schedules", List.<Object[]>of(new Object[] {g + "optimizers.LrSchedulesGens", "steps"},
        new Object[] {g + "optimizers.LrSchedulesGens", "multiSteps"}, new Object[] {g + "optimizers.LrSchedulesGens", "cosines"},
        new Object[] {g + "optimizers.LrSchedulesGens", "warmups"}));
    FAILING_INPUTS.put("activations", List.<Object[]>of(new Object[] {g + "training.ActivationsGens", "smoothPoints"},
        new Object[] {g + "training.ActivationsGens", "input"}));
    FAILING_INPUTS.put("weight-init", List.<Object[]>of(new Object[] {g + "training.WeightInitGens", "settings"}));
    FAILING_INPUTS.put("int8-quantizer", List.<Object[]>of(new Object[] {g + "quantization.QuantizationGens", "observed"},
        new Object[] {g + "quantization.QuantizationGens", "explicit"},
        new Object[] {g + "quantization.QuantizationGens", "channels"}));
    FAILING_INPUTS.put("ks-two-sample", List.<Object[]>of(new Object[] {g + "drift.DriftGens", "samples", 30}));
    FAILING_INPUTS.put("psi", List.<Object[]>of(new Object[] {g + "drift.DriftGens", "binned", 30},
        new Object[] {g + "drift.DriftGens", "weights", 8}, new Object[] {g + "drift.DriftGens", "triples", 6}));
    FAILING_INPUTS.put("attention", List.<Object[]>of(new Object[] {g + "transformer.TransformerGens", "attention", 6, 4, "ANY"}));
    FAILING_INPUTS.put("batch-norm", List.<Object[]>of(new Object[] {g + "normalization.BatchNormGens", "problems"}));
    FAILING_INPUTS.put("layer-norm", List.<Object[]>of(new Object[] {g + "normalization.LayerNormGens", "batches", 6, 12}));
    FAILING_INPUTS.put("group-norm", List.<Object[]>of(new Object[] {g + "normalization.GroupNormGens", "batches", 3, 4, 3, 5}));
    FAILING_INPUTS.put("multi-head-attention", List.<Object[]>of(new Object[] {g + "transformer.TransformerGens", "selfAttention", 5,
        3, 3, "ANY"}));
    FAILING_INPUTS.put("non-max-suppression", List.<Object[]>of(new Object[] {g + "detection.DetectionGens", "detections", 1, 25},
        new Object[] {g + "detection.DetectionGens", "boxPairs"}, new Object[] {g + "detection.DetectionGens", "positiveBoxes"}));
    FAILING_INPUTS.put("soft-nms", List.<Object[]>of(new Object[] {g + "detection.DetectionGens", "softDetections", 1, 40}));
    FAILING_INPUTS.put("mean-average-precision", List.<Object[]>of(new Object[] {g + "detection.DetectionGens", "evaluations", 8, 14}));
  }

  /** The generator {@code spec} names: {class, method, arguments...}; a String argument is an enum constant's name. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static org.quicktheories.core.Gen<Object> generator(Object[] spec) throws Exception {
    Class<?> type = Class.forName((String) spec[0]);
    for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(spec[1]) && m.getParameterCount() == spec.length - 2) {
        Object[] args = new Object[spec.length - 2];
        for (int i = 0; i < args.length; i++) {
          Class<?> want = m.getParameterTypes()[i];
          args[i] = want.isEnum() ? Enum.valueOf((Class<Enum>) want, (String) spec[i + 2]) : spec[i + 2];
        }
        m.setAccessible(true);
        return (org.quicktheories.core.Gen<Object>) m.invoke(null, args);
      }
    }
    throw new IllegalArgumentException("no generator " + spec[0] + "." + spec[1]);
  }

  @Test
  void each_picture_draws_the_failing_inputs_of_its_specs_generators_and_refuses_other_types() throws Exception {
    assertThat(FAILING_INPUTS.keySet()).as("every picture draws some failing input")
        .containsExactlyInAnyOrderElementsOf(PICTURES.keySet().stream().map(Kata::name).toList());
    String before = System.getProperty(Target.PROPERTY);
    System.setProperty(Target.PROPERTY, "solutions");
    try {
      for (Kata k : PICTURES.keySet()) {
        KataPicture picture = (KataPicture) Class.forName(PictureJob.pictureClass(k)).getDeclaredConstructor().newInstance();
        assertThat(picture.drawFailing("a property", "a string")).as(k + ": a value of another type").isNull();
        JsonObject fixed = draw(k, "solutions");
        for (Object[] spec : FAILING_INPUTS.get(k.name())) {
          List<Object> drawn = new ArrayList<>();
          org.quicktheories.QuickTheory.qt().withFixedSeed(20260108L).withExamples(4).withShrinkCycles(0).forAll(generator(spec))
              .checkAssert(value -> {
                Figure f = picture.drawFailing("a property", value);
                assertThat(f).as(k + ": draws " + value).isNotNull();
                JsonObject json = f.json();
                assertThat(json.getAsJsonArray("learnerErrors")).as(k + ": the reference against itself on " + value)
                    .isEmpty();
                assertThat(json.getAsJsonArray("panels")).as(k.id()).isNotEmpty();
                for (JsonElement e : json.getAsJsonArray("panels")) {
                  assertThat(learnerParts(e.getAsJsonObject())).as(k + ": the learner's data on " + value).isPositive();
                  assertThat(referenceParts(e.getAsJsonObject())).as(k.id()).isPositive();
                }
                drawn.add(value);
                if (drawn.size() == 1) {
                  JsonObject failing = new JsonObject();
                  failing.addProperty("property", "a property");
                  failing.addProperty("seed", "42");
                  failing.addProperty("input", String.valueOf(value));
                  failing.add("figure", json);
                  Document doc = Jsoup.parse(ShowPage.render(k, new PictureJob.Outcome(fixed, null, List.of(),
                      failing), "exercises", Instant.parse("2026-01-08T18:00:00Z"), ZoneOffset.UTC));
                  assertThat(doc.select("#failing > h2").text()).as(k.id())
                      .isEqualTo("On the smallest failing input the grader found: property 'a property', seed 42");
                  assertThat(doc.select("#failing svg")).as(k.id()).isNotEmpty();
                  Set<String> ids = new HashSet<>();
                  for (Element el : doc.select("[id]")) {
                    assertThat(ids.add(el.id())).as(k + ": id " + el.id() + " is unique with two figures").isTrue();
                  }
                }
              });
          assertThat(drawn).as(k + ": " + spec[1]).isNotEmpty();
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty(Target.PROPERTY);
      } else {
        System.setProperty(Target.PROPERTY, before);
      }
    }
  }

  /**
   * The golden screenshots: each reference page (drawn as the learner's code, clock fixed) in headless
   * chromium, a window of {@value #SHOT_WIDTH}x{@value #SHOT_HEIGHT} CSS pixels at scale {@value #SHOT_SCALE},
   * against {@code src/test/resources/screenshots/<kata>.png}.
   */
  static final int SHOT_WIDTH = 1000;
  static final int SHOT_HEIGHT = 1100;
  /** Device pixels per CSS pixel: the page's layout at 1000 px wide, drawn at 650 x 715 to keep each PNG small. */
  static final double SHOT_SCALE = 0.65;

  /**
   * Tolerance of the screenshot comparison: a pixel differs when its red, green and blue differ by more
   * than {@value #PIXEL_THRESHOLD} in sum (anti-aliasing and font hinting move edges by a few levels), and
   * a page matches when at most {@value #MAX_DIFFERING_FRACTION} of its pixels differ: a moved line, a lost
   * panel or a wrong colour changes several percent, a new font build a fraction of one.
   */
  static final int PIXEL_THRESHOLD = 48;
  static final double MAX_DIFFERING_FRACTION = 0.005;

  /** {@code -Dkata.screenshots=update}: write the goldens instead of comparing with them. */
  static final String UPDATE = "kata.screenshots";

  @Test
  void every_reference_page_renders_in_a_headless_browser_and_matches_its_golden_screenshot() throws Exception {
    HeadlessBrowser browser = HeadlessBrowser.find(dir);
    boolean update = "update".equals(System.getProperty(UPDATE));
    Path goldens = Path.of("src", "test", "resources", "screenshots");
    List<String> failures = new ArrayList<>();
    for (Kata k : PICTURES.keySet()) {
      Path page = dir.resolve(k.name() + ".html");
      Files.writeString(page, page(k, draw(k, "solutions"), "solutions"), StandardCharsets.UTF_8);
      HeadlessBrowser.Visit visit = browser.visit(page, "show-" + k.name(), SHOT_WIDTH, SHOT_HEIGHT, SHOT_SCALE);
      visit.assertRenderedCleanly("kata show " + k.name());
      assertThat(visit.colours()).as(k + ": the chart's colours are on the screenshot").isGreaterThan(4);
      HeadlessBrowser.keep(dir, "show-" + k.name());
      Path golden = goldens.resolve(k.name() + ".png");
      Path shot = dir.resolve("show-" + k.name() + ".png");
      if (update) {
        Files.createDirectories(goldens);
        Files.copy(shot, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        continue;
      }
      String difference = Screenshots.compare(golden, visit.screenshot(), PIXEL_THRESHOLD, MAX_DIFFERING_FRACTION);
      if (difference != null) {
        Path fresh = goldens.resolve(k.name() + ".new.png");
        Path diff = goldens.resolve(k.name() + ".diff.png");
        Files.copy(shot, fresh, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(golden)) {
          javax.imageio.ImageIO.write(Screenshots.diff(javax.imageio.ImageIO.read(golden.toFile()), visit.screenshot(),
              PIXEL_THRESHOLD), "png", diff.toFile());
        }
        failures.add(k.id() + ": " + difference + "; the new screenshot is " + fresh.toAbsolutePath()
            + (Files.exists(golden) ? ", the differing pixels in red on " + diff.toAbsolutePath() : "")
            + ". Look at both; if the change is meant, regenerate with -D" + UPDATE + "=update and commit the PNGs.");
      }
    }
    assertThat(failures).as("screenshots that differ from their golden").isEmpty();
  }
}

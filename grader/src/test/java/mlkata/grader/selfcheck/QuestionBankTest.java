package mlkata.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mlkata.cli.QuestionBank;
import mlkata.cli.QuestionBank.Kind;
import mlkata.cli.QuestionBank.Question;
import mlkata.grader.runner.Curriculum;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conceptual question bank ({@code hints/<topic>/questions.md}, asked by {@code kata quiz}): every
 * file parses, every topic of the curriculum has questions, ids are unique, every multiple-choice
 * question has a right answer, and every numeric question with a {@code check:} line gets its typed
 * answer recomputed by the reference solution.
 *
 * <p>The reference is called by name, through reflection, as {@link CatalogTest} reads its API:
 * {@code ArchitectureTest} keeps compile-time dependencies on {@code mlkata.solutions} for the generated
 * bindings, which are package-private per topic. A renamed method fails here with its name.
 */
final class QuestionBankTest {
  /** The issue asks for at least this many questions in all. */
  private static final int MIN_QUESTIONS = 150;
  /** And at least this many per topic. */
  private static final int MIN_PER_TOPIC = 8;

  private static QuestionBank bank() {
    return QuestionBank.load(CatalogTest.root());
  }

  private static List<String> curriculumTopics() {
    return Curriculum.entries().stream().map(e -> e.id().topic()).distinct().collect(Collectors.toList());
  }

  @Test
  void every_topic_of_the_curriculum_has_a_question_file_with_enough_questions() {
    QuestionBank bank = bank();
    for (String topic : curriculumTopics()) {
      assertThat(CatalogTest.root().resolve(QuestionBank.path(topic))).as("questions of %s", topic).isRegularFile();
      assertThat(bank.topic(topic)).as("questions of %s", topic).hasSizeGreaterThanOrEqualTo(MIN_PER_TOPIC);
    }
    assertThat(bank.all()).as("questions in all").hasSizeGreaterThanOrEqualTo(MIN_QUESTIONS);
    assertThat(bank.topics()).as("question topics are curriculum topics").isSubsetOf(curriculumTopics());
  }

  @Test
  void every_kind_of_question_is_used_in_every_topic() {
    QuestionBank bank = bank();
    for (String topic : curriculumTopics()) {
      Set<Kind> kinds = bank.topic(topic).stream().map(Question::kind).collect(Collectors.toSet());
      assertThat(kinds).as("kinds of questions in %s", topic).containsExactlyInAnyOrder(Kind.values());
    }
  }

  @Test
  void ids_are_unique_and_start_with_their_topic() {
    Map<String, String> seen = new HashMap<>();
    for (Question q : bank().all()) {
      String before = seen.put(q.id(), q.source());
      assertThat(before).as("id %s is used at %s and at %s", q.id(), before, q.source()).isNull();
      assertThat(q.id()).as("id at %s", q.source()).startsWith(q.topic() + "-");
    }
  }

  @Test
  void every_choice_question_has_a_right_and_a_wrong_choice_and_no_duplicate() {
    for (Question q : bank().all()) {
      if (q.kind() != Kind.CHOICE) {
        continue;
      }
      assertThat(q.rightLetters()).as("right choices of %s", q.source()).isNotEmpty();
      assertThat(q.rightLetters().size()).as("wrong choices of %s", q.source()).isLessThan(q.choices().size());
      Set<String> texts = q.choices().stream().map(c -> c.text().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      assertThat(texts).as("distinct choices of %s", q.source()).hasSize(q.choices().size());
      assertThat(q.explanation()).as("explanation of %s", q.source()).isNotBlank();
    }
  }

  @Test
  void every_recall_question_has_a_model_answer_of_a_few_bullets() {
    for (Question q : bank().all()) {
      if (q.kind() == Kind.RECALL) {
        assertThat(q.modelAnswer()).as("model answer of %s", q.source()).hasSizeBetween(2, 8);
      }
    }
  }

  @Test
  void a_malformed_file_is_rejected_with_its_line() {
    String noRight = "## t-a\nkind: choice\nquestion: Q?\n- [ ] one\n- [ ] two\nexplanation: E.\n";
    assertRejected(noRight, "t.md:1 (t-a)", "no choice is marked right");
    assertRejected("## t-b\nkind: numeric\nquestion: Q?\nanswer: x\ntolerance: 0\nexplanation: E.\n", "answer is not a number");
    assertRejected("## t-c\nkind: recall\nquestion: Q?\nanswer:\nexplanation: E.\n", "needs a model answer");
    assertRejected("## t-d\nkind: choice\nquestion: Q?\n- [x] one\n- [ ] two\nexplaination: E.\n", "unknown field 'explaination'");
    assertRejected("## T D\nkind: recall\n", "the id must be");
  }

  private static void assertRejected(String markdown, String... fragments) {
    try {
      QuestionBank.parse("t", "t.md", markdown);
      fail("accepted: " + markdown);
    } catch (QuestionBank.FormatError e) {
      assertThat(e.getMessage()).contains(fragments);
    }
  }

  @Test
  void enough_numeric_questions_are_recomputed_by_the_reference() {
    List<Question> checked = bank().all().stream().filter(q -> q.check() != null).collect(Collectors.toList());
    assertThat(checked.size()).as("numeric questions with a check: line").isGreaterThanOrEqualTo(40);
    for (String topic : curriculumTopics()) {
      assertThat(checked).as("checked questions of %s", topic).anyMatch(q -> q.topic().equals(topic));
    }
  }

  @TestFactory
  Stream<DynamicTest> every_numeric_check_is_recomputed_by_the_reference() {
    return bank().all().stream().filter(q -> q.check() != null).map(q -> DynamicTest.dynamicTest(q.id(), () -> {
      Check c = Check.parse(q.check());
      ToDoubleFunction<Args> call = CALLS.get(c.kata() + " " + c.call());
      assertThat(call).as("%s: '%s %s' is not a supported check; supported: %s", q.source(), c.kata(), c.call(),
          new TreeSet<>(CALLS.keySet())).isNotNull();
      double reference = call.applyAsDouble(c.args());
      assertThat(Math.abs(reference - q.answer()))
          .as("%s: the typed answer %s against the reference's %s (tolerance %s)", q.source(), q.answer(), reference,
              q.tolerance())
          .isLessThanOrEqualTo(q.tolerance());
      c.args().assertAllUsed(q.source());
    }));
  }

  // ---------------------------------------------------------------------------------------------
  // The check: lines. "check: <topic/kata> <call> name=value ...", values as JSON (numbers, arrays,
  // true/false) or bare words (enum names).

  record Check(String kata, String call, Args args) {
    static Check parse(String line) {
      String[] parts = line.strip().split("\\s+");
      assertThat(parts.length).as("check '%s' needs a kata and a call", line).isGreaterThanOrEqualTo(2);
      Map<String, String> values = new LinkedHashMap<>();
      for (int k = 2; k < parts.length; k++) {
        int eq = parts[k].indexOf('=');
        assertThat(eq).as("'%s' in check '%s' is name=value", parts[k], line).isPositive();
        values.put(parts[k].substring(0, eq), parts[k].substring(eq + 1));
      }
      return new Check(parts[0], parts[1], new Args(values));
    }
  }

  /** Typed access to a check's arguments; remembers which were read so unused ones are reported. */
  static final class Args {
    private final Map<String, String> values;
    private final Set<String> used = new TreeSet<>();

    Args(Map<String, String> values) {
      this.values = values;
    }

    private JsonElement json(String name) {
      String v = values.get(name);
      assertThat(v).as("check argument '%s' (given: %s)", name, values.keySet()).isNotNull();
      used.add(name);
      return JsonParser.parseString(v);
    }

    boolean has(String name) {
      return values.containsKey(name);
    }

    double num(String name) {
      return json(name).getAsDouble();
    }

    int integer(String name) {
      return json(name).getAsInt();
    }

    boolean bool(String name) {
      return json(name).getAsBoolean();
    }

    String word(String name) {
      assertThat(values).as("check argument '%s'", name).containsKey(name);
      used.add(name);
      return values.get(name);
    }

    double[] vec(String name) {
      return vec(json(name).getAsJsonArray());
    }

    int[] ints(String name) {
      return Arrays.stream(vec(name)).mapToInt(d -> (int) d).toArray();
    }

    boolean[] bools(String name) {
      JsonArray a = json(name).getAsJsonArray();
      boolean[] out = new boolean[a.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = a.get(k).getAsBoolean();
      }
      return out;
    }

    double[][] mat(String name) {
      JsonArray a = json(name).getAsJsonArray();
      double[][] out = new double[a.size()][];
      for (int k = 0; k < out.length; k++) {
        out[k] = vec(a.get(k).getAsJsonArray());
      }
      return out;
    }

    private static double[] vec(JsonArray a) {
      double[] out = new double[a.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = a.get(k).getAsDouble();
      }
      return out;
    }

    void assertAllUsed(String where) {
      assertThat(used).as("%s: check arguments the call did not read", where).containsExactlyInAnyOrderElementsOf(values.keySet());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The supported kata calls, each computing one number with the reference solution.

  private static final Map<String, ToDoubleFunction<Args>> CALLS = new LinkedHashMap<>();

  private static void define(String key, ToDoubleFunction<Args> f) {
    CALLS.put(key, f);
  }

  static {
    define("models/linear-regression ridge-weight", a -> ((double[]) get(call("models.LinearRegression",
        "fitNormalEquation", a.mat("x"), a.vec("y"), a.num("alpha")), "weights"))[a.integer("index")]);
    define("models/linear-regression mse-gradient-weight", a -> ((double[]) get(call("models.LinearRegression",
        "mseGradient", a.mat("x"), a.vec("y"), a.vec("w"), a.num("b")), "weights"))[a.integer("index")]);
    define("models/logistic-regression gradient-weight", a -> ((double[]) get(call("models.LogisticRegression",
        "logLossGradient", a.mat("x"), a.ints("y"), a.vec("w"), a.num("b"), a.num("lambda")), "weights"))[a.integer("index")]);
    define("models/k-means inertia",
        a -> (double) call("models.KMeans", "inertia", a.mat("x"), a.mat("centroids"), a.ints("labels")));
    define("metrics/roc-auc auc", a -> (double) call("metrics.RocAuc", "auc", a.vec("scores"), a.ints("labels")));
    define("metrics/average-precision ap",
        a -> (double) call("metrics.AveragePrecision", "averagePrecision", a.vec("scores"), a.ints("labels")));
    define("detection/non-max-suppression iou",
        a -> (double) call("detection.NonMaxSuppression", "iou", a.vec("a"), a.vec("b")));
    define("detection/non-max-suppression kept", a -> ((int[]) call("detection.NonMaxSuppression", "nms",
        a.mat("boxes"), a.vec("scores"), a.num("threshold"))).length);
    define("detection/soft-nms score", a -> {
      Object config = make("detection.SoftNms$Config", enumOf("detection.SoftNms$Method", a.word("method")),
          a.num("iou"), a.num("sigma"), a.num("floor"));
      Object result = call("detection.SoftNms", "softNms", a.mat("boxes"), a.vec("scores"), config);
      int[] indices = (int[]) get(result, "indices");
      double[] scores = (double[]) get(result, "scores");
      int index = a.integer("index");
      for (int k = 0; k < indices.length; k++) {
        if (indices[k] == index) {
          return scores[k];
        }
      }
      return fail("box " + index + " was not kept: " + Arrays.toString(indices));
    });
    define("quantization/int8-quantizer scale", a -> (double) get(qparams(a), "scale"));
    define("quantization/int8-quantizer zero-point", a -> (int) get(qparams(a), "zeroPoint"));
    define("quantization/int8-quantizer round-trip", a -> {
      Object params = qparams(a);
      Object dtype = dtype(a);
      int[] q = (int[]) call("quantization.Int8Quantizer", "quantize", new double[] {a.num("x")}, params, dtype);
      return ((double[]) call("quantization.Int8Quantizer", "dequantize", q, params, dtype))[0];
    });
    define("quantization/fake-quant forward", a -> ((double[]) call("quantization.FakeQuant", "fakeQuantize",
        new double[] {a.num("x")}, a.num("scale"), a.integer("zeropoint"), a.integer("qmin"), a.integer("qmax")))[0]);
    define("layers/embedding-bag grad", a -> {
      Object g = call("layers.EmbeddingBag", "backward", a.mat("weight"), a.ints("indices"), a.ints("offsets"),
          enumOf("layers.EmbeddingBag$Mode", a.word("mode")), null, OptionalInt.empty(), a.mat("dout"));
      int row = Arrays.binarySearch((int[]) get(g, "rows"), a.integer("row"));
      assertThat(row).as("row %s is among the gradient's rows", a.integer("row")).isNotNegative();
      return ((double[][]) get(g, "values"))[row][a.integer("col")];
    });
    define("normalization/batch-norm y", a -> {
      double[][][] y = (double[][][]) get(batchNorm(a.vec("x"), 0.1, a.num("eps")), "y");
      return y[a.integer("index")][0][0];
    });
    define("normalization/batch-norm running-var",
        a -> ((double[]) get(batchNorm(a.vec("x"), a.num("momentum"), 1e-5), "newRunningVar"))[0]);
    define("normalization/layer-norm y", a -> {
      double[] x = a.vec("x");
      double[] ones = new double[x.length];
      Arrays.fill(ones, 1);
      Object f = call("normalization.LayerNorm", "forward", new double[][] {x}, ones, new double[x.length], a.num("eps"));
      return ((double[][]) get(f, "y"))[0][a.integer("index")];
    });
    define("optimizers/adam param", a -> {
      Object config = make("optimizers.Adam$Config", a.num("lr"), a.num("beta1"), a.num("beta2"), a.num("eps"), 0.0,
          false, false);
      return steps(a, "optimizers.Adam", "step", call("optimizers.Adam$State", "initial", 1), config);
    });
    define("optimizers/sgd-momentum param", a -> {
      Object config = make("optimizers.SgdMomentum$Config", a.num("lr"), a.num("momentum"), 0.0, 0.0, a.bool("nesterov"));
      return steps(a, "optimizers.SgdMomentum", "step", call("optimizers.SgdMomentum$State", "initial", 1), config);
    });
    define("optimizers/adagrad-rmsprop adagrad", a -> {
      Object config = make("optimizers.AdagradRmsprop$AdagradConfig", a.num("lr"), 0.0, 0.0, a.num("eps"));
      return steps(a, "optimizers.AdagradRmsprop", "adagrad",
          call("optimizers.AdagradRmsprop$AdagradState", "initial", 1, 0.0), config);
    });
    define("optimizers/adagrad-rmsprop rmsprop", a -> {
      Object config = make("optimizers.AdagradRmsprop$RmspropConfig", a.num("lr"), a.num("alpha"), a.num("eps"), 0.0,
          0.0, false);
      return steps(a, "optimizers.AdagradRmsprop", "rmsprop",
          call("optimizers.AdagradRmsprop$RmspropState", "initial", 1), config);
    });
    define("optimizers/ftrl-proximal weight", a -> (double) call("optimizers.FtrlProximal", "weight", a.num("z"),
        a.num("n"), make("optimizers.FtrlProximal$Config", a.num("alpha"), a.num("beta"), a.num("l1"), a.num("l2"))));
    define("optimizers/lr-schedules cosine", a -> (double) call("optimizers.LrSchedules", "cosineAnnealingLr",
        a.num("base"), a.integer("tmax"), a.num("etamin"), a.integer("epoch")));
    define("optimizers/lr-schedules step", a -> (double) call("optimizers.LrSchedules", "stepLr",
        a.num("base"), a.integer("stepsize"), a.num("gamma"), a.integer("epoch")));
    define("optimizers/lr-schedules warmup-cosine", a -> (double) call("optimizers.LrSchedules", "warmupCosineLr",
        a.num("base"), a.integer("warmup"), a.num("start"), a.integer("tmax"), a.num("etamin"), a.integer("epoch")));
    define("ensembles/adaboost alpha", a -> (double) get(call("ensembles.Adaboost", "boost", a.vec("weights"),
        a.ints("labels"), a.ints("predictions"), a.integer("classes"), a.num("lr")), "alpha"));
    define("ensembles/split-gain gain", a -> (double) call("ensembles.SplitGain", "gain", a.num("gl"), a.num("hl"),
        a.num("gr"), a.num("hr"), make("ensembles.SplitGain$Params", a.num("lambda"), a.num("alpha"), a.num("gamma"), 0.0)));
    define("ensembles/split-gain leaf-weight", a -> (double) call("ensembles.SplitGain", "leafWeight", a.num("g"),
        a.num("h"), make("ensembles.SplitGain$Params", a.num("lambda"), a.num("alpha"), 0.0, 0.0)));
    define("drift/psi psi", a -> {
      double[] expected = a.vec("expected");
      double[] actual = a.vec("actual");
      double[] cuts = new double[expected.length - 1];
      for (int k = 0; k < cuts.length; k++) {
        cuts[k] = k + 1;
      }
      return (double) call("drift.Psi", "psi", sample(expected), sample(actual), cuts, a.num("eps"));
    });
    define("drift/psi kl", a -> (double) call("drift.Psi", "klDivergence", a.vec("p"), a.vec("q")));
    define("drift/psi js", a -> (double) call("drift.Psi", "jensenShannonDistance", a.vec("p"), a.vec("q")));
    define("drift/ks-two-sample statistic",
        a -> (double) get(call("drift.KsTwoSample", "test", a.vec("a"), a.vec("b")), "statistic"));
    define("drift/chi-square statistic", a -> {
      double[][] m = a.mat("observed");
      long[][] observed = new long[m.length][];
      for (int k = 0; k < m.length; k++) {
        observed[k] = Arrays.stream(m[k]).mapToLong(d -> (long) d).toArray();
      }
      return (double) get(call("drift.ChiSquare", "test", observed, a.bool("correction")), "statistic");
    });
    define("transformer/attention softmax",
        a -> ((double[]) call("transformer.Attention", "softmax", a.vec("logits")))[a.integer("index")]);
    define("transformer/attention weight", a -> ((double[][]) get(call("transformer.Attention", "attend",
        a.mat("q"), a.mat("k"), a.mat("v"), null, false), "weights"))[a.integer("row")][a.integer("col")]);
    define("losses/cross-entropy loss", a -> {
      double[][] logits = a.mat("logits");
      double[] weight = new double[logits[0].length];
      Arrays.fill(weight, 1);
      return (double) call("losses.CrossEntropy", "loss", logits, new int[] {a.integer("target")}, weight,
          a.num("smoothing"), enumOf("losses.CrossEntropy$Reduction", "mean"));
    });
    define("losses/binary-losses bce", a -> (double) call("losses.BinaryLosses", "bceWithLogits",
        new double[] {a.num("logit")}, new double[] {a.num("target")}, a.num("posweight"),
        enumOf("losses.BinaryLosses$Reduction", "mean")));
    define("losses/binary-losses focal", a -> (double) call("losses.BinaryLosses", "focalLoss",
        new double[] {a.num("logit")}, new double[] {a.num("target")}, a.num("alpha"), a.num("gamma"),
        enumOf("losses.BinaryLosses$Reduction", "mean")));
    define("losses/robust-losses huber", a -> (double) get(call("losses.RobustLosses", "huber",
        new double[] {a.num("prediction")}, new double[] {a.num("target")}, a.num("delta")), "loss"));
    define("losses/robust-losses hinge", a -> (double) get(call("losses.RobustLosses", "hinge",
        new double[] {a.num("score")}, new int[] {a.integer("label")}), "loss"));
    define("losses/distillation soft", a -> (double) get(call("losses.Distillation", "soft",
        a.mat("student"), a.mat("teacher"), a.num("temperature")), "loss"));
    define("regularization/penalties elastic-net",
        a -> (double) call("regularization.Penalties", "elasticNet", a.vec("w"), a.num("alpha"), a.num("l1ratio")));
    define("regularization/penalties soft-threshold", a -> ((double[]) call("regularization.Penalties",
        "softThreshold", a.vec("v"), a.num("threshold")))[a.integer("index")]);
    define("regularization/penalties decay-step", a -> ((double[]) call("regularization.Penalties", "sgdStep",
        new double[] {a.num("param")}, new double[] {a.num("grad")}, a.num("lr"), a.num("decay"), a.bool("decoupled")))[0]);
    define("regularization/dropout train", a -> ((double[]) call("regularization.Dropout", "forwardTrain",
        a.vec("x"), a.bools("keep"), a.num("p")))[0]);
    define("regularization/early-stopping last-epoch", a -> {
      Object config = make("regularization.EarlyStopping$Config", enumOf("regularization.EarlyStopping$Mode", a.word("mode")),
          a.num("mindelta"), a.integer("patience"), OptionalDouble.empty(), false);
      return (int) get(call("regularization.EarlyStopping", "simulate", a.vec("values"), config), "lastEpoch");
    });
    define("training/activations derivative", a -> activation(a, "Derivative"));
    define("training/activations value", a -> activation(a, ""));
    define("training/weight-init kaiming-std", a -> (double) call("training.WeightInit", "kaimingStd", a.ints("shape"),
        a.num("slope"), enumOf("training.WeightInit$Mode", a.word("mode")),
        enumOf("training.WeightInit$Nonlinearity", a.word("nonlinearity"))));
    define("training/weight-init xavier-bound",
        a -> (double) call("training.WeightInit", "xavierBound", a.ints("shape"), a.num("gain")));
    define("training/weight-init fan-in", a -> (long) get(call("training.WeightInit", "fans", a.ints("shape")), "fanIn"));
    define("training/gradient-clipping clip-norm", a -> ((double[][]) get(call("training.GradientClipping",
        "clipGradNorm", a.mat("grads"), a.num("max")), "gradients"))[a.integer("row")][a.integer("col")]);
    define("layers/conv2d output-size", a -> (int) call("layers.Conv2d", "outputSize", a.integer("size"),
        a.integer("kernel"), a.integer("stride"), a.integer("padding"), a.integer("dilation")));
    define("layers/pooling avg-ones-top-left", a -> {
      double[][][][] ones = new double[1][1][a.integer("size")][a.integer("size")];
      for (double[] row : ones[0][0]) {
        Arrays.fill(row, 1);
      }
      int[] k = {a.integer("kernel"), a.integer("kernel")};
      int[] s = {a.integer("stride"), a.integer("stride")};
      int[] p = {a.integer("padding"), a.integer("padding")};
      return ((double[][][][]) call("layers.Pooling", "avgPool", ones, k, s, p, a.bool("include")))[0][0][0][0];
    });
    define("models/knn regress", a -> ((double[]) call("models.Knn", "regress", a.mat("train"), a.vec("targets"),
        new double[][] {a.vec("query")}, a.integer("k"), enumOf("models.Knn$Metric", a.word("metric")),
        enumOf("models.Knn$Weighting", a.word("weighting"))))[0]);
    define("models/decision-tree impurity", a -> (double) call("models.DecisionTree", "impurity", a.vec("y"),
        enumOf("models.DecisionTree$Criterion", a.word("criterion"))));
    define("models/pca variance", a -> ((double[]) get(call("models.Pca", "fit", a.mat("x"), a.integer("k")),
        "explainedVariance"))[a.integer("index")]);
    define("models/pca ratio", a -> ((double[]) get(call("models.Pca", "fit", a.mat("x"), a.integer("k")),
        "explainedVarianceRatio"))[a.integer("index")]);
  }

  private static Object dtype(Args a) {
    return enumOf("quantization.Int8Quantizer$Dtype", a.word("dtype"));
  }

  private static Object qparams(Args a) {
    String mode = a.word("mode");
    assertThat(mode).as("quantization mode").isIn("affine", "symmetric");
    return call("quantization.Int8Quantizer", mode + "Params", a.num("min"), a.num("max"), dtype(a));
  }

  /** Training-mode batch norm of one channel: the values are the batch, gamma 1, beta 0, running stats (0, 1). */
  private static Object batchNorm(double[] x, double momentum, double eps) {
    double[][][] batch = new double[x.length][1][1];
    for (int k = 0; k < x.length; k++) {
      batch[k][0][0] = x[k];
    }
    return call("normalization.BatchNorm", "trainForward", batch, new double[] {1}, new double[] {0},
        new double[] {0}, new double[] {1}, momentum, eps);
  }

  /** One scalar parameter from p0 through one optimizer step per gradient in "grads". */
  private static double steps(Args a, String cls, String method, Object state, Object config) {
    double[] params = {a.num("p0")};
    for (double g : a.vec("grads")) {
      Object step = call(cls, method, params, new double[] {g}, state, config);
      params = (double[]) get(step, "params");
      state = get(step, "state");
    }
    return params[0];
  }

  /** A sample of 100 values whose shares in bins [k, k + 1) are the given proportions (multiples of 0.01). */
  private static double[] sample(double[] proportions) {
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < proportions.length; k++) {
      long count = Math.round(proportions[k] * 100);
      assertThat(Math.abs(count - proportions[k] * 100)).as("proportion %s is a multiple of 0.01", proportions[k])
          .isLessThan(1e-9);
      for (int c = 0; c < count; c++) {
        out.add(k + 0.5);
      }
    }
    assertThat(out).as("proportions %s sum to one", Arrays.toString(proportions)).hasSize(100);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double activation(Args a, String suffix) {
    StringBuilder method = new StringBuilder();
    for (String part : a.word("name").split("-")) {
      method.append(method.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    method.append(suffix);
    Object v = a.has("slope") ? call("training.Activations", method.toString(), a.num("x"), a.num("slope"))
        : call("training.Activations", method.toString(), a.num("x"));
    return (double) v;
  }

  // ---------------------------------------------------------------------------------------------
  // Reflection on mlkata.solutions.

  private static Class<?> solution(String name) {
    try {
      return Class.forName("mlkata.solutions." + name);
    } catch (ClassNotFoundException e) {
      return fail("no reference class mlkata.solutions." + name);
    }
  }

  /** Calls the public static method {@code name} of the reference class whose parameters accept {@code args}. */
  static Object call(String cls, String name, Object... args) {
    Class<?> c = solution(cls);
    for (Method m : c.getMethods()) {
      if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) && accepts(m.getParameterTypes(), args)) {
        try {
          return m.invoke(null, args);
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        } catch (InvocationTargetException e) {
          throw new AssertionError(cls + "." + name + " threw " + e.getCause(), e.getCause());
        }
      }
    }
    return fail("no public static " + cls + "." + name + " accepting " + Arrays.toString(types(args)));
  }

  /** Builds a reference record through its canonical constructor. */
  static Object make(String cls, Object... args) {
    Class<?> c = solution(cls);
    for (Constructor<?> k : c.getConstructors()) {
      if (accepts(k.getParameterTypes(), args)) {
        try {
          return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("cannot build " + cls, e);
        }
      }
    }
    return fail("no constructor of " + cls + " accepting " + Arrays.toString(types(args)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object enumOf(String cls, String name) {
    return Enum.valueOf((Class) solution(cls), name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** A record component of a reference result. */
  static Object get(Object record, String component) {
    try {
      return record.getClass().getMethod(component).invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no component " + component + " in " + record.getClass(), e);
    }
  }

  private static boolean accepts(Class<?>[] params, Object[] args) {
    if (params.length != args.length) {
      return false;
    }
    for (int k = 0; k < params.length; k++) {
      Class<?> p = params[k].isPrimitive() ? boxed(params[k]) : params[k];
      if (args[k] == null ? params[k].isPrimitive() : !p.isInstance(args[k])) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> boxed(Class<?> primitive) {
    if (primitive == double.class) {
      return Double.class;
    } else if (primitive == int.class) {
      return Integer.class;
    } else if (primitive == long.class) {
      return Long.class;
    } else if (primitive == boolean.class) {
      return Boolean.class;
    }
    return primitive;
  }

  private static String[] types(Object[] args) {
    return Arrays.stream(args).map(o -> o == null ? "null" : o.getClass().getSimpleName()).toArray(String[]::new);
  }
}

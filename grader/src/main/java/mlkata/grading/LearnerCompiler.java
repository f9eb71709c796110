package mlkata.grading;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's files for the {@code kata} command, in process (javax.tools), into
 * {@code .kata/classes}, so that what is graded is always the source as it is now.
 *
 * <p>Every source file under {@code exercises/src/main/java} has a stamp (its SHA-256) once its classes
 * are in {@code .kata/classes}. Before each compile, the classes of every file whose content changed
 * (or that is gone) are deleted, and so are classes with no stamp at all. The selected katas' files are
 * then compiled against {@code .kata/classes} with the exercise sources on the source path, so a kata
 * that uses another (multi-head attention and attention) is compiled against that file's current
 * source, never against classes left over from an earlier check. Nothing is compiled when no file changed.
 * A file that does not compile is reported with javac's diagnostics (file:line:column) and its kata is
 * left out of the run; the other katas are compiled and graded.
 */
public final class LearnerCompiler {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Workspace ws;

  LearnerCompiler(Workspace ws) {
    this.ws = ws;
  }

  /**
   * Compiles in a spare grading JVM, whose javac is warm (see {@link Spares}), exactly as the command
   * would: the frame it sends back, {@code {"event": "compiled", "count", "errors": {kata: [lines]}}}.
   */
  public static JsonObject compileFrame(Path root, Path learnerClasses, List<Kata> katas) {
    Workspace ws = Workspace.kataCommand(root, List.of());
    if (!ws.learnerClasses.equals(learnerClasses.toAbsolutePath().normalize())) {
      throw new GradingException("a spare compiles into .kata/classes only, not " + learnerClasses);
    }
    Outcome o = new LearnerCompiler(ws).compile(katas);
    JsonObject frame = new JsonObject();
    frame.addProperty("event", "compiled");
    frame.addProperty("count", o.compiled());
    JsonObject errors = new JsonObject();
    o.errors().forEach((k, lines) -> {
      JsonArray a = new JsonArray();
      lines.forEach(a::add);
      errors.add(k.id(), a);
    });
    frame.add("errors", errors);
    return frame;
  }

  /** Compiles a small class in memory, output discarded: a spare's javac is JIT-compiled before it is needed. */
  public static void warmUp() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      return;
    }
    String source = String.join("\n",
        "package warm;",
        "import java.util.*;",
        "public final class Warm {",
        "  public record Point(double x, double y) {}",
        "  private Warm() {}",
        "  /** Sums a sorted copy. */",
        "  public static double area(double[] scores, int[] labels) {",
        "    if (scores.length != labels.length) throw new IllegalArgumentException(\"scores and labels\");",
        "    Integer[] order = new Integer[scores.length];",
        "    for (int i = 0; i < order.length; i++) order[i] = i;",
        "    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));",
        "    List<Point> points = new ArrayList<>();",
        "    double tp = 0, fp = 0, sum = 0;",
        "    for (int i : order) { if (labels[i] == 1) tp++; else fp++; points.add(new Point(fp, tp)); }",
        "    for (int i = 1; i < points.size(); i++) sum += (points.get(i).x() - points.get(i - 1).x()) * points.get(i).y();",
        "    Map<String, Double> m = new HashMap<>(); m.put(\"sum\", sum);",
        "    return m.getOrDefault(\"sum\", 0.0) / Math.max(1, tp * fp);",
        "  }",
        "}");
    JavaFileObject file = new javax.tools.SimpleJavaFileObject(java.net.URI.create("string:///warm/Warm.java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    try (StandardJavaFileManager std = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      javax.tools.JavaFileManager discard = new javax.tools.ForwardingJavaFileManager<>(std) {
        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            javax.tools.FileObject sibling) {
          return new javax.tools.SimpleJavaFileObject(java.net.URI.create("mem:///" + className.replace('.', '/')
              + kind.extension), kind) {
            @Override
            public java.io.OutputStream openOutputStream() {
              return java.io.OutputStream.nullOutputStream();
            }
          };
        }
      };
      // The learner's options (but the paths): --release reads the platform's API from ct.sym, which
      // the real compile then finds open.
      javac.getTask(new java.io.StringWriter(), discard, null, List.of("-implicit:class", "-proc:none", "-g",
          "-encoding", "UTF-8", "-Xlint:none", "--release", "17", "-nowarn"), null, List.of(file)).call();
    } catch (IOException | RuntimeException e) {
      // only a warm-up
    }
  }

  /** Diagnostics of the katas that did not compile, by kata, and how many files javac was given. */
  record Outcome(Map<Kata, List<String>> errors, int compiled) {}

  Outcome compile(List<Kata> katas) {
    Map<String, String> stamps = loadStamps();
    Map<String, String> hashes = currentHashes();
    boolean invalidated = forgetStale(stamps, hashes);
    List<Kata> todo = new ArrayList<>();
    for (Kata k : katas) {
      if (invalidated || !stamps.containsKey(k.exercisePath())
          || !Files.isRegularFile(ws.learnerClasses.resolve(k.exerciseClassPath() + ".class"))) {
        todo.add(k);
      }
    }
    Map<Kata, List<String>> errors = new LinkedHashMap<>();
    int compiled = 0;
    List<Kata> round = new ArrayList<>(todo);
    while (!round.isEmpty()) {
      Map<Kata, List<String>> failed = javac(round);
      compiled += round.size();
      if (failed.isEmpty()) {
        break;
      }
      errors.putAll(failed);
      List<Kata> next = round.stream().filter(k -> !failed.containsKey(k)).collect(Collectors.toList());
      if (next.size() == round.size()) {
        break; // errors we could not pin on a kata file are reported on every kata of this round
      }
      round = next;
    }
    // Whatever exists now was compiled from the current sources: stamp it. A kata that did not compile
    // has no classes (javac writes none when a file has errors), so it stays unstamped.
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      if (!stamps.containsKey(e.getKey()) && Files.isRegularFile(classFileOf(e.getKey()))) {
        stamps.put(e.getKey(), e.getValue());
      }
    }
    for (Kata k : errors.keySet()) {
      deleteClassesOf(k.exercisePath());
      stamps.remove(k.exercisePath());
    }
    saveStamps(stamps);
    return new Outcome(errors, compiled);
  }

  /** SHA-256 of every exercise source, by path relative to the repository root. */
  private Map<String, String> currentHashes() {
    Map<String, String> out = new TreeMap<>();
    Path sources = ws.exerciseSources();
    if (!Files.isDirectory(sources)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        out.put(ws.root.relativize(p).toString().replace(File.separatorChar, '/'), sha256(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sources, e);
    }
    return out;
  }

  /**
   * Deletes the classes of sources that changed or are gone, and every class whose source has no stamp.
   * Returns true when anything was stale.
   */
  private boolean forgetStale(Map<String, String> stamps, Map<String, String> hashes) {
    boolean stale = false;
    for (String source : new ArrayList<>(stamps.keySet())) {
      if (!stamps.get(source).equals(hashes.get(source))) {
        deleteClassesOf(source);
        stamps.remove(source);
        stale = true;
      }
    }
    Path classes = ws.learnerClasses;
    if (!Files.isDirectory(classes)) {
      return stale;
    }
    List<Path> orphans;
    try (Stream<Path> files = Files.walk(classes)) {
      orphans = files.filter(f -> f.toString().endsWith(".class"))
          .filter(f -> !stamps.containsKey(sourceOf(classes.relativize(f))))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classes, e);
    }
    for (Path orphan : orphans) {
      delete(orphan);
      stale = true;
    }
    return stale;
  }

  /** {@code mlkata/exercises/t/Name$Inner.class} to {@code exercises/src/main/java/mlkata/exercises/t/Name.java}. */
  private String sourceOf(Path relativeClassFile) {
    String s = relativeClassFile.toString().replace(File.separatorChar, '/');
    int dollar = s.indexOf('$', s.lastIndexOf('/') + 1);
    String top = dollar >= 0 ? s.substring(0, dollar) : s.substring(0, s.length() - ".class".length());
    return "exercises/src/main/java/" + top + ".java";
  }

  private Path classFileOf(String source) {
    String top = source.substring("exercises/src/main/java/".length(), source.length() - ".java".length());
    return ws.learnerClasses.resolve(top + ".class");
  }

  private void deleteClassesOf(String source) {
    Path top = classFileOf(source);
    Path dir = top.getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String simple = top.getFileName().toString().replace(".class", "");
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String n = p.getFileName().toString();
        if (n.equals(simple + ".class") || n.startsWith(simple + "$") && n.endsWith(".class")) {
          delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }

  private Map<Kata, List<String>> javac(List<Kata> katas) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new GradingException("no Java compiler in this runtime: kata needs a JDK (17 or newer), not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<Kata, List<String>> errors = new LinkedHashMap<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(ws.learnerClasses);
      List<File> sources = katas.stream().map(k -> ws.root.resolve(k.exercisePath()).toFile()).collect(Collectors.toList());
      List<String> options = List.of("-d", ws.learnerClasses.toString(), "-cp", ws.learnerClasses.toString(),
          "-sourcepath", ws.exerciseSources().toString(), "-implicit:class", "-proc:none", "-g",
          "-encoding", "UTF-8", "-Xlint:none", "--release", "17", "-nowarn");
      StringWriter out = new StringWriter();
      boolean ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
      if (ok) {
        return errors;
      }
      Map<Path, Kata> byPath = new HashMap<>();
      for (Kata k : katas) {
        byPath.put(ws.root.resolve(k.exercisePath()).toAbsolutePath().normalize(), k);
      }
      List<String> unplaced = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        Kata owner = null;
        String where = "";
        if (d.getSource() != null) {
          Path p = Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
          owner = byPath.get(p);
          where = (p.startsWith(ws.root) ? ws.root.relativize(p) : p) + ":" + d.getLineNumber() + ":"
              + d.getColumnNumber() + ": ";
        }
        String line = where + "error: " + d.getMessage(Locale.ROOT);
        if (owner == null) {
          unplaced.add(line);
        } else {
          errors.computeIfAbsent(owner, k -> new ArrayList<>()).add(line);
        }
      }
      if (!out.toString().isBlank()) {
        unplaced.add(out.toString().strip());
      }
      if (errors.isEmpty() || !unplaced.isEmpty()) {
        for (Kata k : katas) {
          errors.computeIfAbsent(k, x -> new ArrayList<>()).addAll(unplaced);
        }
      }
      return errors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> loadStamps() {
    try {
      String text = Files.readString(ws.stamps(), StandardCharsets.UTF_8);
      Map<String, String> m = GSON.fromJson(text, new TypeToken<TreeMap<String, String>>() {}.getType());
      return m == null ? new TreeMap<>() : new TreeMap<>(m);
    } catch (IOException | RuntimeException e) {
      return new TreeMap<>(); // a cache: rebuilding it is always safe
    }
  }

  private void saveStamps(Map<String, String> stamps) {
    try {
      Files.createDirectories(ws.stamps().getParent());
      Path tmp = Files.createTempFile(ws.stamps().getParent(), ".stamps", ".tmp");
      Files.writeString(tmp, GSON.toJson(stamps), StandardCharsets.UTF_8);
      Files.move(tmp, ws.stamps(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ws.stamps(), e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

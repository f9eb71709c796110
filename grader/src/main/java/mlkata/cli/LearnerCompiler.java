package mlkata.cli;

import com.google.gson.reflect.TypeToken;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's kata files in process (javax.tools) into {@code .kata/classes}, which the
 * grading JVM puts in front of {@code exercises/target/classes}. A file whose content has not changed
 * since its last successful compile (SHA-256 in {@code .kata/classes.stamps.json}) is not compiled again.
 * A file that does not compile is reported with javac's diagnostics (file:line:column) and its kata
 * is left out of the run; the other katas are compiled and graded.
 */
final class LearnerCompiler {
  private final Repo repo;

  LearnerCompiler(Repo repo) {
    this.repo = repo;
  }

  /** Diagnostics of the katas that did not compile, by kata. */
  record Outcome(Map<Kata, List<String>> errors, int compiled) {}

  Outcome compile(List<Kata> katas) {
    Map<String, String> stamps = loadStamps();
    Map<Kata, String> hashes = new LinkedHashMap<>();
    List<Kata> todo = new ArrayList<>();
    for (Kata k : katas) {
      String source = Store.read(repo.file(k.exercisePath()));
      String hash = Store.sha256(source);
      hashes.put(k, hash);
      boolean fresh = hash.equals(stamps.get(k.id()))
          && Files.isRegularFile(repo.classes().resolve(k.exerciseClassPath() + ".class"));
      if (!fresh) {
        todo.add(k);
      }
    }
    Map<Kata, List<String>> errors = new LinkedHashMap<>();
    int compiled = 0;
    List<Kata> round = new ArrayList<>(todo);
    while (!round.isEmpty()) {
      for (Kata k : round) {
        deleteClasses(k);
        stamps.remove(k.id());
      }
      Map<Kata, List<String>> failed = javac(round);
      if (failed.isEmpty()) {
        for (Kata k : round) {
          stamps.put(k.id(), hashes.get(k));
        }
        compiled += round.size();
        break;
      }
      errors.putAll(failed);
      List<Kata> next = round.stream().filter(k -> !failed.containsKey(k)).collect(Collectors.toList());
      if (next.size() == round.size()) {
        // Errors we could not pin on a kata file: report them on every kata of this round.
        break;
      }
      round = next;
    }
    for (Kata k : errors.keySet()) {
      deleteClasses(k);
    }
    Store.saveJson(repo.stamps(), stamps);
    return new Outcome(errors, compiled);
  }

  private Map<Kata, List<String>> javac(List<Kata> katas) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new UserError("no Java compiler in this runtime: kata needs a JDK (17 or newer), not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<Kata, List<String>> errors = new LinkedHashMap<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(repo.classes());
      List<File> sources = katas.stream().map(k -> repo.file(k.exercisePath()).toFile()).collect(Collectors.toList());
      String classpath = repo.classes() + File.pathSeparator + repo.exercisesClasses();
      List<String> options = List.of("-d", repo.classes().toString(), "-cp", classpath, "-proc:none",
          "-implicit:none", "-g", "-encoding", "UTF-8", "-Xlint:none", "--release", "17", "-nowarn");
      StringWriter out = new StringWriter();
      boolean ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
      if (ok) {
        return errors;
      }
      Map<Path, Kata> byPath = new HashMap<>();
      for (Kata k : katas) {
        byPath.put(repo.file(k.exercisePath()).toAbsolutePath().normalize(), k);
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
          where = repo.root.relativize(p) + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": ";
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

  private void deleteClasses(Kata k) {
    Path dir = repo.classes().resolve(k.exerciseClassPath()).getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String simple = k.className();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (n.equals(simple + ".class") || n.startsWith(simple + "$") && n.endsWith(".class")) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> loadStamps() {
    String text = Store.readOrNull(repo.stamps());
    if (text == null) {
      return new TreeMap<>();
    }
    try {
      Map<String, String> m = Store.GSON.fromJson(text, new TypeToken<TreeMap<String, String>>() {}.getType());
      return m == null ? new TreeMap<>() : m;
    } catch (RuntimeException e) {
      return new TreeMap<>(); // a cache: rebuilding it is always safe
    }
  }
}

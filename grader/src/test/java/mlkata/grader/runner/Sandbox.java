package mlkata.grader.runner;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaConstructorReference;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a kata's code may use, checked on its compiled classes before any of them runs (ArchUnit reads
 * the class files; nothing is loaded). A kata may use {@code java.lang}, {@code java.util} and its
 * sub-packages, and {@code java.math}, and print with {@code System.out} and {@code System.err}; no
 * other API. Within {@code java.lang} and {@code java.util}, what could reach the grader, the reference
 * or the files is refused too: ending or inspecting the JVM, reflection, class loading, stack traces,
 * processes, redirecting the standard streams, service and resource loading, file-backed formatters.
 *
 * <p>The check follows the kata's class to every learner class it uses, so a helper class cannot carry
 * what the kata class may not. A learner class outside the learner's package is refused outright: it
 * could otherwise pose as one of the grader's classes.
 */
public final class Sandbox {
  /** The sentence every refusal ends with. */
  public static final String RULE = "katas may use java.lang, java.util and java.math only"
      + " (printing with System.out and System.err is fine)";

  /** {@code java.lang} classes a kata may not touch at all. */
  private static final Set<String> REFUSED_LANG_CLASSES = Set.of("Runtime", "ProcessBuilder", "Process", "ProcessHandle",
      "ClassLoader", "StackWalker", "StackTraceElement", "SecurityManager", "Module", "ModuleLayer", "Package",
      "ThreadGroup", "Compiler", "RuntimePermission", "InheritableThreadLocal", "ClassValue", "System$Logger",
      "System$LoggerFinder", "Thread$UncaughtExceptionHandler");

  /** {@code java.util} packages and classes that read or write files, or load code by name. */
  private static final Set<String> REFUSED_UTIL = Set.of("java.util.prefs", "java.util.logging", "java.util.jar",
      "java.util.zip", "java.util.spi", "java.util.ServiceLoader", "java.util.ResourceBundle",
      "java.util.PropertyResourceBundle", "java.util.ListResourceBundle");

  /** The members of {@code System} a kata may use. */
  private static final Set<String> SYSTEM_ALLOWED = Set.of("out", "err", "nanoTime", "currentTimeMillis", "arraycopy",
      "identityHashCode", "lineSeparator");

  /** The members of {@code Class} a kata may use (an {@code assert} calls desiredAssertionStatus). */
  private static final Set<String> CLASS_ALLOWED = Set.of("getName", "getSimpleName", "desiredAssertionStatus",
      "isInstance", "cast", "isArray", "getComponentType", "isPrimitive", "toString", "hashCode", "equals");

  /** The members of {@code Thread} a kata may use. */
  private static final Set<String> THREAD_ALLOWED = Set.of("<init>", "currentThread", "sleep", "onSpinWait", "interrupted",
      "isInterrupted", "interrupt", "getName", "setName", "getId", "join", "start", "run", "isAlive", "setDaemon",
      "isDaemon", "yield", "toString");

  /** Methods refused whatever class declares them: they reach the call stack. */
  private static final Set<String> STACK_METHODS = Set.of("getStackTrace", "setStackTrace", "getAllStackTraces",
      "dumpStack");

  private final Path classes;
  private final String learnerPackage;

  /**
   * @param classes the directory of the learner's compiled classes
   * @param learnerPackage {@code mlkata.exercises} (or {@code mlkata.solutions} when the reference is graded)
   */
  public Sandbox(Path classes, String learnerPackage) {
    this.classes = classes;
    this.learnerPackage = learnerPackage;
  }

  /** Loads ArchUnit's importer while nothing waits for it (the grading JVM does this before its request). */
  public static void warmUp(Path someClasses) {
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    if (someClasses != null && Files.isDirectory(someClasses)) {
      new ClassFileImporter().importPath(someClasses);
    }
  }

  /**
   * The refusals for the kata whose class is {@code kataClass}, one line each ("file:line uses API:
   * reason"); empty when the kata's code keeps to the allow-list. A missing class file is no refusal:
   * the kata then fails on its own checks.
   */
  public List<String> check(String kataClass) {
    ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    Set<String> out = new LinkedHashSet<>(strangers());
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(topLevel(kataClass));
    while (!todo.isEmpty()) {
      String top = todo.poll();
      if (!seen.add(top)) {
        continue;
      }
      List<Path> files = classFiles(top);
      if (files.isEmpty()) {
        continue;
      }
      JavaClasses imported = new ClassFileImporter().importPaths(files);
      for (JavaClass c : imported) {
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          JavaClass target = base(d.getTargetClass());
          if (target.isPrimitive()) {
            continue;
          }
          String name = target.getName();
          if (name.startsWith(learnerPackage + ".")) {
            todo.add(topLevel(name));
            continue;
          }
          String why = refusedClass(name, d);
          if (why != null) {
            out.add(where(d.getOriginClass(), d.getSourceCodeLocation().getLineNumber()) + " uses " + display(name)
                + ": " + why);
          }
        }
        for (JavaAccess<?> a : c.getAccessesFromSelf()) {
          String why = refusedMember(a);
          if (why != null) {
            AccessTarget t = a.getTarget();
            out.add(where(c, a.getLineNumber()) + " uses " + simple(t.getOwner().getName()) + "." + memberName(t)
                + ": " + why);
          }
        }
      }
    }
    List<String> sorted = new ArrayList<>(out);
    sorted.sort(Comparator.comparing((String line) -> line.substring(0, line.indexOf(' ')).replaceAll(":\\d+$", ""))
        .thenComparingInt(Sandbox::lineNumber));
    return sorted;
  }

  private static int lineNumber(String refusal) {
    String where = refusal.substring(0, refusal.indexOf(' '));
    int colon = where.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(where.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Learner classes outside the learner's package: each could pose as a grader class. */
  private List<String> strangers() {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    String own = learnerPackage.replace('.', '/') + "/";
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class"))
          .map(f -> classes.relativize(f).toString().replace('\\', '/'))
          .filter(rel -> !rel.startsWith(own))
          .map(rel -> rel.replace(".class", "").replace('/', '.'))
          .map(name -> sourceOf(name) + " declares " + name + " outside " + learnerPackage
              + ": kata code lives in " + learnerPackage + " only")
          .distinct().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String refusedClass(String name, Dependency d) {
    String pkg = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
    if (pkg.equals("java.lang")) {
      String simple = name.substring("java.lang.".length());
      String outer = simple.contains("$") ? simple.substring(0, simple.indexOf('$')) : simple;
      if (REFUSED_LANG_CLASSES.contains(simple) || REFUSED_LANG_CLASSES.contains(outer)) {
        return refusedLangReason(outer);
      }
      return null;
    }
    if (pkg.equals("java.math")) {
      return null;
    }
    if (pkg.equals("java.util") || pkg.startsWith("java.util.")) {
      for (String refused : REFUSED_UTIL) {
        if (name.equals(refused) || name.startsWith(refused + "$") || pkg.equals(refused) || pkg.startsWith(refused + ".")) {
          return "it reads or writes files, or loads classes or resources by name; " + RULE;
        }
      }
      return null;
    }
    if (name.equals("java.io.PrintStream")) {
      // System.out.println(...) is a call on PrintStream: fine. A new PrintStream could open a file.
      boolean construct = d.getDescription().contains("calls constructor") || d.getDescription().contains("references constructor");
      return construct ? "a new PrintStream can write to a file; print with System.out or System.err" : null;
    }
    if (name.equals("java.io.Serializable")) {
      return null;
    }
    if (pkg.equals("java.lang.reflect") || pkg.equals("java.lang.invoke")) {
      return "reflection can reach the grader and the reference; " + RULE;
    }
    if (pkg.startsWith("java.io") || pkg.startsWith("java.nio")) {
      return "katas do not read or write files or streams; " + RULE;
    }
    return RULE;
  }

  private static String refusedLangReason(String simple) {
    switch (simple) {
      case "Runtime":
      case "ProcessBuilder":
      case "Process":
      case "ProcessHandle":
        return "a kata may not start processes, add shutdown hooks or end the JVM; " + RULE;
      case "ClassLoader":
      case "Module":
      case "ModuleLayer":
      case "Package":
        return "a kata may not load classes or resources; " + RULE;
      case "StackWalker":
      case "StackTraceElement":
        return "a kata may not inspect the call stack; " + RULE;
      default:
        return RULE;
    }
  }

  private String refusedMember(JavaAccess<?> access) {
    AccessTarget t = access.getTarget();
    String owner = base(t.getOwner()).getName();
    String member = t.getName();
    if (STACK_METHODS.contains(member)) {
      return "a kata may not inspect the call stack; " + RULE;
    }
    switch (owner) {
      case "java.lang.System":
        if (SYSTEM_ALLOWED.contains(member)) {
          return null;
        }
        if (member.equals("exit")) {
          return "a kata may not end the JVM; return a value or throw an exception instead";
        }
        if (member.startsWith("set") || member.equals("in")) {
          return "a kata may not replace or read the standard streams, or change system settings; " + RULE;
        }
        return "of System, katas may use out, err, nanoTime, currentTimeMillis, arraycopy, identityHashCode and"
            + " lineSeparator only";
      case "java.lang.Class":
        return CLASS_ALLOWED.contains(member) ? null
            : "reflection can reach the grader and the reference; " + RULE;
      case "java.lang.Thread":
        return THREAD_ALLOWED.contains(member) ? null : "a kata may not inspect or control other threads; " + RULE;
      case "java.util.Formatter":
      case "java.util.Scanner":
        if (member.equals("<init>") && (access instanceof JavaConstructorCall || access instanceof JavaConstructorReference)
            && t.getFullName().contains("java.lang.String")) {
          return owner.equals("java.util.Formatter") ? "new Formatter(fileName) writes to a file; use String.format"
              : null;
        }
        return null;
      default:
        return null;
    }
  }

  private static JavaClass base(JavaClass c) {
    JavaClass b = c;
    while (b.isArray()) {
      b = b.getComponentType();
    }
    return b;
  }

  private static String memberName(AccessTarget t) {
    return t.getName().equals("<init>") ? "<new>" : t.getName();
  }

  private String where(JavaClass origin, int line) {
    String file = origin.getSource().flatMap(s -> s.getFileName()).orElse(simple(topLevel(origin.getName())) + ".java");
    String pkgPath = origin.getPackageName().replace('.', '/');
    String path = (learnerPackage.startsWith("mlkata.exercises") ? "exercises" : "solutions") + "/src/main/java/"
        + pkgPath + "/" + file;
    return line > 0 ? path + ":" + line : path;
  }

  private String sourceOf(String className) {
    String top = topLevel(className);
    return "exercises/src/main/java/" + top.replace('.', '/') + ".java";
  }

  private List<Path> classFiles(String topLevel) {
    Path file = classes.resolve(topLevel.replace('.', '/') + ".class");
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String simple = file.getFileName().toString().replace(".class", "");
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> {
        String n = p.getFileName().toString();
        return n.equals(simple + ".class") || n.startsWith(simple + "$") && n.endsWith(".class");
      }).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  private static String display(String className) {
    return className.replace('$', '.');
  }
}

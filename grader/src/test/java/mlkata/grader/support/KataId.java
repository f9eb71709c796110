package mlkata.grader.support;

import java.util.Locale;
import java.util.Objects;

/**
 * A kata's name: its topic and its kebab-case name, as in {@code metrics/roc-auc}. The stub class is
 * the PascalCase form of the name ({@code RocAuc}) in package {@code mlkata.exercises.<topic>}, the
 * spec is {@code mlkata.grader.<topic>.<Class>Spec}, the hints are {@code hints/<topic>/<name>.md}.
 */
public record KataId(String topic, String name) implements Comparable<KataId> {
  private static final String SPEC_PACKAGE = "mlkata.grader.";
  private static final String SPEC_SUFFIX = "Spec";

  public KataId {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(name, "name");
    if (!topic.matches("[a-z][a-z0-9]*") || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("not a kata id: " + topic + "/" + name);
    }
  }

  /** Parses {@code topic/name}. */
  public static KataId parse(String id) {
    int slash = id.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("a kata id is topic/name, not " + id);
    }
    return new KataId(id.substring(0, slash), id.substring(slash + 1));
  }

  /** The kata a spec class grades, or null when the class is not a spec of the form above. */
  public static KataId ofSpecClass(String className) {
    if (!className.startsWith(SPEC_PACKAGE) || !className.endsWith(SPEC_SUFFIX)) {
      return null;
    }
    String rest = className.substring(SPEC_PACKAGE.length(), className.length() - SPEC_SUFFIX.length());
    int dot = rest.indexOf('.');
    if (dot < 0 || rest.indexOf('.', dot + 1) >= 0 || rest.contains("$")) {
      return null;
    }
    return new KataId(rest.substring(0, dot), kebab(rest.substring(dot + 1)));
  }

  /** The simple class name of the stub and of the reference solution. */
  public String className() {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  /** The fully qualified name of the spec class. */
  public String specClassName() {
    return SPEC_PACKAGE + topic + "." + className() + SPEC_SUFFIX;
  }

  /** Path of the stub relative to the repository root. */
  public String exercisePath() {
    return "exercises/src/main/java/mlkata/exercises/" + topic + "/" + className() + ".java";
  }

  /** Path of the reference solution relative to the repository root. */
  public String solutionPath() {
    return "solutions/src/main/java/mlkata/solutions/" + topic + "/" + className() + ".java";
  }

  /** Path of the hints relative to the repository root. */
  public String hintsPath() {
    return "hints/" + topic + "/" + name + ".md";
  }

  /** True when {@code filter} (a kata name, a topic, {@code topic/name}, or {@code *}) selects this kata. */
  public boolean matches(String filter) {
    String f = filter.trim().toLowerCase(Locale.ROOT);
    if (f.isEmpty() || f.equals("*") || f.equals("all")) {
      return true;
    }
    for (String one : f.split(",")) {
      String o = one.trim();
      if (o.equals(name) || o.equals(topic) || o.equals(toString())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int compareTo(KataId other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return topic + "/" + name;
  }

  private static String kebab(String pascal) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < pascal.length(); k++) {
      char c = pascal.charAt(k);
      if (Character.isUpperCase(c) && k > 0) {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}

package mlkata.grader.support;

import java.util.Locale;

/**
 * The layers of a spec, in the order a learner should meet their failures: a hand-worked example or a
 * golden names the mistake; a 1e-9 miss against the reference does not. Each {@code @Nested} group of a
 * spec belongs to one layer by its name ({@code Examples}, {@code GoldenCases}, {@code InvalidInput},
 * {@code Properties}, {@code Differential}, {@code Speed}, and the few variants below); the checks run
 * and are reported in this order. {@code LayerTest} keeps every spec's groups in a known layer.
 */
public enum Layer {
  EXAMPLES("hand-worked examples"),
  GOLDENS("golden cases"),
  INVALID_INPUT("invalid input"),
  PROPERTIES("properties"),
  REFERENCE("agreement with the reference"),
  SPEED("speed");

  private final String label;

  Layer(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }

  /** The layer of a spec's nested group by its simple name, or null when the name says none. */
  public static Layer ofGroup(String simpleName) {
    String n = simpleName.toLowerCase(Locale.ROOT);
    if (n.endsWith("examples") || n.equals("specialcases") || n.equals("tables")) {
      return EXAMPLES;
    }
    if (n.startsWith("golden")) {
      return GOLDENS;
    }
    if (n.equals("invalidinput")) {
      return INVALID_INPUT;
    }
    if (n.endsWith("properties") || n.equals("finitedifferences") || n.equals("gradientchecks") || n.equals("sampling")) {
      return PROPERTIES;
    }
    if (n.equals("differential")) {
      return REFERENCE;
    }
    if (n.equals("speed")) {
      return SPEED;
    }
    return null;
  }

  /**
   * The layer of a check declared in {@code className} (binary name, {@code Spec$Group} for a nested
   * group): its group's layer, and properties for a check outside any known group.
   */
  public static Layer ofClass(String className) {
    int dollar = className.lastIndexOf('$');
    if (dollar < 0) {
      return PROPERTIES;
    }
    Layer l = ofGroup(className.substring(dollar + 1));
    return l == null ? PROPERTIES : l;
  }
}

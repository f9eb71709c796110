package mlkata.cli;

/**
 * One kata of the curriculum: {@code topic/name} and its title. Mirrors the grader's {@code KataId}
 * (which lives with the specs, in test code the command cannot depend on).
 */
record Kata(String topic, String name, String title) {
  String id() {
    return topic + "/" + name;
  }

  String className() {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  String exercisePath() {
    return "exercises/src/main/java/mlkata/exercises/" + topic + "/" + className() + ".java";
  }

  String solutionPath() {
    return "solutions/src/main/java/mlkata/solutions/" + topic + "/" + className() + ".java";
  }

  String specPath() {
    return "grader/src/test/java/mlkata/grader/" + topic + "/" + className() + "Spec.java";
  }

  String specClass() {
    return "mlkata.grader." + topic + "." + className() + "Spec";
  }

  String hintsPath() {
    return "hints/" + topic + "/" + name + ".md";
  }

  /** The binary name prefix of the learner's classes, as a path: {@code mlkata/exercises/topic/Class}. */
  String exerciseClassPath() {
    return "mlkata/exercises/" + topic + "/" + className();
  }

  @Override
  public String toString() {
    return id();
  }
}

package mlkata.grading;

/**
 * One kata of the curriculum: {@code topic/name} and its title, and the names every file of the kata
 * derives from it. Mirrors the specs' {@code KataId}, which lives in test code.
 */
public record Kata(String topic, String name, String title) {
  /** {@code topic/name}, such as {@code metrics/roc-auc}. */
  public String id() {
    return topic + "/" + name;
  }

  /** The simple class name shared by stub, solution and spec: {@code roc-auc} gives {@code RocAuc}. */
  public String className() {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  public String exercisePath() {
    return "exercises/src/main/java/mlkata/exercises/" + topic + "/" + className() + ".java";
  }

  public String solutionPath() {
    return "solutions/src/main/java/mlkata/solutions/" + topic + "/" + className() + ".java";
  }

  public String specPath() {
    return "grader/src/test/java/mlkata/grader/" + topic + "/" + className() + "Spec.java";
  }

  public String specClass() {
    return "mlkata.grader." + topic + "." + className() + "Spec";
  }

  public String hintsPath() {
    return "hints/" + topic + "/" + name + ".md";
  }

  /** The learner's class, such as {@code mlkata.exercises.metrics.RocAuc}. */
  public String exerciseClass() {
    return "mlkata.exercises." + topic + "." + className();
  }

  /** The class graded for {@code target}: the exercise's, or for {@code solutions} the reference's. */
  public String gradedClass(String target) {
    return target.equals("solutions") ? exerciseClass().replace("mlkata.exercises.", "mlkata.solutions.")
        : exerciseClass();
  }

  /** The binary name prefix of the learner's classes, as a path: {@code mlkata/exercises/topic/Class}. */
  public String exerciseClassPath() {
    return "mlkata/exercises/" + topic + "/" + className();
  }

  @Override
  public String toString() {
    return id();
  }
}

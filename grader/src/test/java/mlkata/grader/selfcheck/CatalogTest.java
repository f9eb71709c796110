package mlkata.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mlkata.grader.runner.Curriculum;
import mlkata.grader.support.Goldens;
import mlkata.grader.support.KataId;
import mlkata.grader.support.KataSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every kata of the curriculum has its stub, solution, spec, bindings, hints and golden fixture. */
final class CatalogTest {
  private static final List<String> HINT_HEADINGS = List.of(
      "## Tier 1: Nudge", "## Tier 2: Approach", "## Tier 3: Near-solution", "## Talking points", "## Complexity");

  static Path root() {
    return Path.of(System.getProperty("kata.root", "..")).toAbsolutePath().normalize();
  }

  @TestFactory
  Stream<DynamicTest> every_kata_has_all_its_pieces() {
    return Curriculum.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.id().toString(), () -> {
      KataId id = entry.id();
      for (String path : List.of(id.exercisePath(), id.solutionPath(), id.hintsPath())) {
        assertThat(root().resolve(path)).as("%s needs %s", id, path).isRegularFile();
      }
      String hints = Files.readString(root().resolve(id.hintsPath()));
      for (String heading : HINT_HEADINGS) {
        assertThat(hints).as("%s: hints need the heading '%s'", id, heading).contains("\n" + heading + "\n");
      }
      Class<?> spec = Class.forName(id.specClassName());
      assertThat(spec.isAnnotationPresent(KataSpec.class)).as("%s is annotated @KataSpec", spec).isTrue();
      String bindingPackage = "mlkata.grader." + id.topic() + "." + id.className();
      assertThatCode(() -> Class.forName(bindingPackage + "OfExercises")).as("%s binding", id).doesNotThrowAnyException();
      assertThat(Goldens.cases(id.topic() + "/" + id.name())).as("%s golden cases", id).isNotEmpty();
    }));
  }

  @TestFactory
  Stream<DynamicTest> every_reference_binding_is_generated_from_the_learner_binding() throws IOException {
    Path specs = root().resolve("grader/src/test/java");
    List<Path> bindings;
    try (Stream<Path> files = Files.walk(specs)) {
      bindings = files.filter(p -> p.toString().endsWith("OfExercises.java")).sorted().collect(Collectors.toList());
    }
    assertThat(bindings).as("bindings under %s", specs).isNotEmpty();
    return bindings.stream().map(exercises -> DynamicTest.dynamicTest(specs.relativize(exercises).toString(), () -> {
      String name = exercises.getFileName().toString();
      Path solutions = exercises.resolveSibling(name.replace("OfExercises", "OfSolutions"));
      String expected = "// Generated from " + name + " by grader/tools/bindings: edit that file, then run the tool.\n"
          + Files.readString(exercises).replace("mlkata.exercises.", "mlkata.solutions.").replace("OfExercises", "OfSolutions");
      assertThat(solutions).as("the reference twin of %s (run grader/tools/bindings)", name).isRegularFile();
      assertThat(Files.readString(solutions)).as("%s is stale: run grader/tools/bindings", solutions.getFileName())
          .isEqualTo(expected);
    }));
  }

  @TestFactory
  Stream<DynamicTest> every_group_of_checks_belongs_to_a_layer() {
    return Curriculum.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.id().toString(), () -> {
      Class<?> spec = Class.forName(entry.id().specClassName());
      for (Class<?> group : spec.getDeclaredClasses()) {
        if (group.isAnnotationPresent(org.junit.jupiter.api.Nested.class)) {
          assertThat(mlkata.grader.support.Layer.ofGroup(group.getSimpleName()))
              .as("the layer of %s (name the group Examples, GoldenCases, InvalidInput, Properties, Differential"
                  + " or Speed; see support/Layer) ", group.getName()).isNotNull();
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> stub_and_solution_have_the_same_public_api() {
    return Curriculum.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.id().toString(), () -> {
      KataId id = entry.id();
      Class<?> stub = Class.forName("mlkata.exercises." + id.topic() + "." + id.className());
      Class<?> solution = Class.forName("mlkata.solutions." + id.topic() + "." + id.className());
      assertThat(api(solution)).as("public API of the solution vs the stub of %s", id).isEqualTo(api(stub));
    }));
  }

  @Test
  void every_stub_spec_and_hint_is_in_the_curriculum() throws IOException {
    Set<String> listed = Curriculum.entries().stream().map(e -> e.id().toString()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> stubs = new TreeSet<>();
    Path exercises = root().resolve("exercises/src/main/java/mlkata/exercises");
    try (Stream<Path> files = Files.walk(exercises)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        String topic = exercises.relativize(p).getParent().toString();
        String cls = p.getFileName().toString().replace(".java", "");
        stubs.add(topic + "/" + KataId.ofSpecClass("mlkata.grader." + topic + "." + cls + "Spec").name());
      });
    }
    assertThat(stubs).as("stubs in exercises/ vs curriculum.txt").isEqualTo(listed);
    Set<String> hints = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root().resolve("hints"))) {
      // questions.md is a topic's question bank (kata quiz, checked by QuestionBankTest), not a kata's hints.
      files.filter(p -> p.toString().endsWith(".md") && p.getParent() != null
              && !p.getParent().equals(root().resolve("hints")) && !p.getFileName().toString().equals("questions.md"))
          .forEach(p -> hints.add(root().resolve("hints").relativize(p).toString().replace(".md", "")));
    }
    assertThat(hints).as("hints/ vs curriculum.txt").isEqualTo(listed);
  }

  /** Public static and instance methods and nested public types, with the package prefix removed. */
  private static List<String> api(Class<?> kata) {
    String prefix = kata.getPackageName() + ".";
    Stream<String> methods = Stream.concat(Stream.of(kata), Arrays.stream(kata.getDeclaredClasses()))
        .filter(c -> Modifier.isPublic(c.getModifiers()))
        .flatMap(c -> Stream.concat(Stream.of("type " + c.getName()),
            Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(CatalogTest::signature)));
    Stream<String> constructors = Arrays.stream(kata.getConstructors()).map(c -> "new " + Arrays.toString(c.getParameterTypes()));
    return Stream.concat(methods, constructors).map(s -> s.replace(prefix, "")).sorted().collect(Collectors.toList());
  }

  private static String signature(Method m) {
    return (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getGenericReturnType().getTypeName() + " "
        + m.getDeclaringClass().getName() + "." + m.getName()
        + Arrays.stream(m.getGenericParameterTypes()).map(t -> t.getTypeName()).collect(Collectors.joining(", ", "(", ")"));
  }
}

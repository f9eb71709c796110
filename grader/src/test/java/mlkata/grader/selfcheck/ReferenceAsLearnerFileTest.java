package mlkata.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import mlkata.grader.runner.Curriculum;
import mlkata.grader.support.KataId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A learner who gives up on a kata copies the reference over their stub ({@code ./kata solution},
 * README step 6). That only works if the reference compiles there: in package {@code mlkata.exercises},
 * next to the other <em>stubs</em>, with nothing else on the class path. This check does exactly that
 * for every kata, one javac task per file (so two references can never satisfy each other), and fails
 * with javac's own diagnostics.
 */
final class ReferenceAsLearnerFileTest {
  private static JavaCompiler compiler;
  private static StandardJavaFileManager files;

  @BeforeAll
  static void openCompiler() throws IOException {
    compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler).as("a JDK's compiler (javax.tools) is available to the tests").isNotNull();
    Path stubs = CatalogTest.root().resolve("exercises/target/classes");
    assertThat(stubs.resolve("mlkata/exercises")).as("the compiled stubs (build the whole reactor first)")
        .isDirectory();
    files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of(stubs));
    files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
  }

  @AfterAll
  static void closeCompiler() throws IOException {
    if (files != null) {
      files.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_reference_compiles_in_place_of_its_stub_against_the_other_stubs() {
    return Curriculum.entries().stream().map(entry -> DynamicTest.dynamicTest(entry.id().toString(), () -> {
      KataId id = entry.id();
      String reference = Files.readString(CatalogTest.root().resolve(id.solutionPath()), StandardCharsets.UTF_8);
      String asLearnerFile = reference.replace("mlkata.solutions", "mlkata.exercises");
      String path = "mlkata/exercises/" + id.topic() + "/" + id.className() + ".java";
      JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return asLearnerFile;
        }
      };
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics,
          List.of("--release", "17", "-proc:none", "-implicit:none"), null, List.of(source));
      task.analyze();
      String errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
      assertThat(errors)
          .as("%s copied over its stub (package renamed to mlkata.exercises) compiles against the stubs alone;"
              + " javac says", id.solutionPath())
          .isEmpty();
    }));
  }
}

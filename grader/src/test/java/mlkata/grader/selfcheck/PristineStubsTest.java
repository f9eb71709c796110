package mlkata.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import mlkata.grader.runner.Curriculum;
import mlkata.grader.support.KataId;
import mlkata.grader.support.NotStarted;
import mlkata.grader.support.Target;
import mlkata.grading.UntouchedStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs every spec against the untouched stubs and requires that each check reports "not started" and
 * nothing else: a check that passes on a stub cannot fail, and one that crashes differently would greet
 * a new learner with noise. Runs in its own surefire execution with {@code -Dkata.target=exercises}.
 *
 * <p>It also keeps the grader's list of untouched stubs honest ({@link UntouchedStubs}: a file identical
 * to its shipped stub is reported "not started" without running its checks' bodies): the list must hold
 * each stub's hash and the stub methods this real run reached. {@code -Dkata.updateStubs=true} rewrites it.
 */
final class PristineStubsTest {

  @Test
  @Timeout(600)
  void every_check_of_every_kata_reports_not_started_on_the_stubs() throws IOException {
    assertThat(Target.current()).as("this check runs against the stubs (-Dkata.target=exercises)").isEqualTo(Target.EXERCISES);
    Map<String, Integer> checksPerKata = new TreeMap<>();
    Map<String, Set<String>> methodsPerKata = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (!test.isTest()) {
          if (failed) {
            problems.add("container " + test.getDisplayName() + " failed: " + result.getThrowable().orElse(null));
          }
          return;
        }
        String cls = test.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getClassName()).orElse("?");
        KataId id = KataId.ofSpecClass(cls.contains("$") ? cls.substring(0, cls.indexOf('$')) : cls);
        String name = (id == null ? cls : id.toString()) + " > " + test.getDisplayName();
        checksPerKata.merge(id == null ? cls : id.toString(), 1, Integer::sum);
        if (!failed) {
          problems.add(name + " PASSED on the stub: it cannot fail");
        } else if (!NotStarted.isStub(result.getThrowable().orElse(null))) {
          problems.add(name + " failed with something other than 'not started': " + result.getThrowable().orElse(null));
        } else {
          String message = result.getThrowable().get().getMessage().substring(NotStarted.MARKER.length()).strip();
          methodsPerKata.computeIfAbsent(id == null ? cls : id.toString(), k -> new TreeSet<>())
              .add(message.substring(0, message.indexOf(" still ")));
        }
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectPackage("mlkata.grader"))
        .filters(TagFilter.includeTags("kata"))
        .build(), listener);

    assertThat(problems).as("checks that do not report 'not started' on the pristine stubs").isEmpty();
    for (Curriculum.Entry entry : Curriculum.entries()) {
      assertThat(checksPerKata.getOrDefault(entry.id().toString(), 0))
          .as("number of checks run for %s", entry.id()).isGreaterThan(0);
    }
    checkUntouchedList(methodsPerKata);
  }

  private static void checkUntouchedList(Map<String, Set<String>> methodsPerKata) throws IOException {
    Path root = CatalogTest.root();
    StringBuilder expected = new StringBuilder()
        .append("# The shipped stubs (mlkata.grading.UntouchedStubs): kata, SHA-256 of the stub, the stub methods its\n")
        .append("# checks reach. Written by PristineStubsTest with -Dkata.updateStubs=true; it fails when this is stale.\n");
    for (Curriculum.Entry entry : Curriculum.entries()) {
      String source = Files.readString(root.resolve(entry.id().exercisePath()), StandardCharsets.UTF_8);
      expected.append(entry.id()).append(' ').append(UntouchedStubs.sha256(source)).append(' ')
          .append(String.join(",", methodsPerKata.getOrDefault(entry.id().toString(), Set.of("?")))).append('\n');
    }
    Path list = root.resolve("grader/src/main/resources").resolve(UntouchedStubs.RESOURCE);
    if (Boolean.getBoolean("kata.updateStubs")) {
      Files.writeString(list, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(list) ? Files.readString(list, StandardCharsets.UTF_8) : "")
        .as("%s lists every shipped stub and the methods its checks reach; after changing a stub or a spec,"
            + " rewrite it: ./mvnw -q -Pself-check test -pl grader -am -Dtest=PristineStubsTest"
            + " -Dkata.target=exercises -Dkata.updateStubs=true", list)
        .isEqualTo(expected.toString());
  }
}

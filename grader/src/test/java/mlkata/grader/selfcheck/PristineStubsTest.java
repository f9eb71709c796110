package mlkata.grader.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mlkata.grader.runner.Curriculum;
import mlkata.grader.support.KataId;
import mlkata.grader.support.NotStarted;
import mlkata.grader.support.Target;
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
 */
final class PristineStubsTest {

  @Test
  @Timeout(600)
  void every_check_of_every_kata_reports_not_started_on_the_stubs() {
    assertThat(Target.current()).as("this check runs against the stubs (-Dkata.target=exercises)").isEqualTo(Target.EXERCISES);
    Map<String, Integer> checksPerKata = new TreeMap<>();
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
  }
}

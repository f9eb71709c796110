package mlkata.grader.support;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link KataSpec}: skips specs outside the focus ({@code -Dkata=roc-auc}, a topic,
 * or a comma-separated list) and reports an untouched stub as one short "not started" line instead of
 * a stack trace.
 */
public final class GradingExtension implements ExecutionCondition, TestExecutionExceptionHandler {
  /** The system property that focuses a run. */
  public static final String FOCUS_PROPERTY = "kata";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Class<?>> specClass = context.getTestClass();
    if (specClass.isEmpty()) {
      return ConditionEvaluationResult.enabled("no spec class");
    }
    KataId id = KataId.ofSpecClass(specClass.get().getName());
    String focus = System.getProperty(FOCUS_PROPERTY, "*");
    if (id == null || id.matches(focus)) {
      return ConditionEvaluationResult.enabled("in focus");
    }
    return ConditionEvaluationResult.disabled(id + " is outside -D" + FOCUS_PROPERTY + "=" + focus);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (NotStarted.isStub(failure) && !(failure.getMessage() != null && failure.getMessage().startsWith(NotStarted.MARKER))) {
      AssertionFailedError notStarted = new AssertionFailedError(
          NotStarted.MARKER + " " + NotStarted.stubMethod(failure)
              + " still throws the stub's UnsupportedOperationException");
      notStarted.setStackTrace(new StackTraceElement[0]);
      throw notStarted;
    }
    throw failure;
  }
}

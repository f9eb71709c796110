package mlkata.grader.support;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link KataSpec}: skips specs outside the focus ({@code -Dkata=roc-auc}, a topic,
 * or a comma-separated list), reports a check that reaches an untouched stub as aborted with one short
 * "not started" line instead of a failure with a stack trace, skips the rest of a kata once one of
 * its checks ran out of time, and reports the checks of an {@link UntouchedStub} not started without
 * running their bodies.
 */
public final class GradingExtension implements ExecutionCondition, TestExecutionExceptionHandler,
    InvocationInterceptor {
  /** The system property that focuses a run. */
  public static final String FOCUS_PROPERTY = "kata";

  /** Katas with a check that ran out of time: their remaining checks are skipped, not run into the wall again. */
  private static final Set<KataId> TIMED_OUT = ConcurrentHashMap.newKeySet();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    KataId id = kataOf(context);
    if (id == null) {
      return ConditionEvaluationResult.enabled("not a kata spec");
    }
    String focus = System.getProperty(FOCUS_PROPERTY, "*");
    if (!id.matches(focus)) {
      return ConditionEvaluationResult.disabled(id + " is outside -D" + FOCUS_PROPERTY + "=" + focus);
    }
    if (TIMED_OUT.contains(id)) {
      return ConditionEvaluationResult.disabled(
          "skipped: an earlier check of " + id + " ran out of time (an endless loop?); fix that first");
    }
    return ConditionEvaluationResult.enabled("in focus");
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (Runaways.isTimeout(failure)) {
      KataId id = kataOf(context);
      if (id != null) {
        TIMED_OUT.add(id);
      }
      Runaways.stopTimedOutChecks();
      throw failure;
    }
    if (NotStarted.isStub(failure) && !(failure instanceof TestAbortedException)) {
      // Aborted, not failed: build tools list it as skipped instead of printing a failure for every
      // check of every kata a learner has not begun. The scoreboard still counts it as not started.
      TestAbortedException notStarted = new TestAbortedException(
          NotStarted.message(List.of(NotStarted.stubMethod(failure))));
      notStarted.setStackTrace(new StackTraceElement[0]);
      throw notStarted;
    }
    throw failure;
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    proceedUnlessUntouched(invocation, context);
  }

  @Override
  public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
      ExtensionContext context) throws Throwable {
    proceedUnlessUntouched(invocation, context);
  }

  @Override
  public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
      ExtensionContext context) throws Throwable {
    proceedUnlessUntouched(invocation, context);
  }

  private static void proceedUnlessUntouched(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
    KataId id = kataOf(context);
    if (UntouchedStub.isMarked(id)) {
      invocation.skip();
      throw UntouchedStub.notStarted(id);
    }
    invocation.proceed();
  }

  private static KataId kataOf(ExtensionContext context) {
    Optional<Class<?>> specClass = context.getTestClass();
    if (specClass.isEmpty()) {
      return null;
    }
    Class<?> outer = specClass.get();
    while (outer.getEnclosingClass() != null) {
      outer = outer.getEnclosingClass();
    }
    return KataId.ofSpecClass(outer.getName());
  }
}

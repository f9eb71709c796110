package mlkata.grader.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opentest4j.TestAbortedException;

/**
 * The katas of this grading run whose learner file is its shipped stub, byte for byte
 * ({@code mlkata.grading.UntouchedStubs}, which also says why this is sound): {@link GradingExtension}
 * reports each of their checks "not started" without running its body. Check factories still run, so
 * every check a real run would report is reported.
 */
public final class UntouchedStub {
  private static final Map<KataId, List<String>> METHODS = new ConcurrentHashMap<>();

  private UntouchedStub() {}

  /** Marks {@code kata} untouched for this run; {@code methods}: the stub methods its checks reach. */
  public static void mark(KataId kata, List<String> methods) {
    METHODS.put(kata, List.copyOf(methods));
  }

  /** Forgets every mark (a grading JVM serves one request; tests may run several). */
  public static void clear() {
    METHODS.clear();
  }

  static boolean isMarked(KataId kata) {
    return kata != null && METHODS.containsKey(kata);
  }

  /** What a check of an untouched kata reports, worded like a real run's not-started check. */
  static TestAbortedException notStarted(KataId kata) {
    TestAbortedException e = new TestAbortedException(NotStarted.message(METHODS.get(kata))
        + " (the file is the untouched stub, so this check's body was not run)");
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }
}

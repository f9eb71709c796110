package mlkata.grader.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The one entry point for the grader's domain checks. Every check takes a description first: it names
 * the property and the input, and is printed with expected and actual when the check fails.
 */
public final class KataAssertions {
  private KataAssertions() {}

  /** {@code actual} is within {@code tolerance} of {@code expected}; NaN matches only NaN. */
  public static void assertClose(String what, double expected, double actual, double tolerance) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else if (Double.isInfinite(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }
  }

  /**
   * Same length and every element within {@code tolerance}, element by element (absolute); a failure
   * names the first index that differs. Messages are built only on failure, so properties shrink fast.
   */
  public static void assertAllClose(String what, double[] expected, double[] actual, double tolerance) {
    assertThat(actual).as("%s: the result array", what).isNotNull();
    if (actual.length != expected.length) {
      assertThat(actual.length).as("%s: length, expected %s but got %s", what,
          abbreviate(expected), abbreviate(actual)).isEqualTo(expected.length);
    }
    for (int k = 0; k < expected.length; k++) {
      if (!close(expected[k], actual[k], tolerance)) {
        assertClose(String.format("%s: element [%d]; expected %s but got %s", what, k,
            abbreviate(expected), abbreviate(actual)), expected[k], actual[k], tolerance);
      }
    }
  }

  /** The test behind {@link #assertClose}: NaN matches NaN, infinities match exactly. */
  public static boolean close(double expected, double actual, double tolerance) {
    if (Double.isNaN(expected) || Double.isInfinite(expected)) {
      return Double.compare(expected, actual) == 0 || (Double.isNaN(expected) && Double.isNaN(actual));
    }
    return Math.abs(expected - actual) <= tolerance;
  }

  /**
   * {@code actual} is within {@code tol} of {@code expected}, absolute below 1 and relative above
   * ({@code tol * max(1, |expected|)}): for quantities whose size varies over orders of magnitude.
   */
  public static void assertNear(String what, double expected, double actual, double tol) {
    assertClose(what, expected, actual, tol * Math.max(1, Math.abs(expected)));
  }

  /**
   * Element by element {@link #assertNear(String, double, double, double)}; NaN matches only NaN and an
   * infinity only itself. The description is built only on failure: properties call this thousands of
   * times while shrinking.
   */
  public static void assertNear(Supplier<String> what, double[] expected, double[] actual, double tol) {
    if (actual == null || actual.length != expected.length) {
      assertThat(actual).as("%s: the result array", what.get()).isNotNull();
      assertThat(actual.length).as("%s: length, expected %s but got %s", what.get(), abbreviate(expected),
          abbreviate(actual)).isEqualTo(expected.length);
    }
    for (int k = 0; k < expected.length; k++) {
      double e = expected[k];
      double a = actual[k];
      double scaled = tol * Math.max(1, Math.abs(e));
      boolean ok = Double.isNaN(e) ? Double.isNaN(a) : Double.isInfinite(e) ? a == e : Math.abs(a - e) <= scaled;
      if (!ok) {
        assertClose(String.format("%s: element [%d]; expected %s but got %s", what.get(), k, abbreviate(expected),
            abbreviate(actual)), e, a, scaled);
      }
    }
  }

  /** Row by row {@link #assertNear(Supplier, double[], double[], double)}. */
  public static void assertNear(Supplier<String> what, double[][] expected, double[][] actual, double tol) {
    if (actual == null || actual.length != expected.length) {
      assertThat(actual).as("%s: the result rows", what.get()).isNotNull();
      assertThat(actual.length).as("%s: number of rows", what.get()).isEqualTo(expected.length);
    }
    for (int r = 0; r < expected.length; r++) {
      int row = r;
      assertNear(() -> what.get() + ", row " + row, expected[r], actual[r], tol);
    }
  }

  /** Row by row {@link #assertAllClose} on a rectangular matrix. */
  public static void assertAllClose(String what, double[][] expected, double[][] actual, double tolerance) {
    assertThat(actual).as("%s: the result matrix", what).isNotNull();
    assertThat(actual.length).as("%s: number of rows", what).isEqualTo(expected.length);
    for (int r = 0; r < expected.length; r++) {
      assertAllClose(what + ", row " + r, expected[r], actual[r], tolerance);
    }
  }

  /** The values are probabilities that sum to one within {@code tolerance}. */
  public static void assertProbabilityVector(String what, double[] p, double tolerance) {
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      assertThat(p[k]).as("%s: p[%d] of %s is a probability", what, k, abbreviate(p))
          .isBetween(-tolerance, 1 + tolerance);
      sum += p[k];
    }
    assertThat(sum).as("%s: sum of %s", what, abbreviate(p)).isCloseTo(1.0, within(tolerance));
  }

  /**
   * Calling {@code call} throws {@link IllegalArgumentException} whose message mentions
   * {@code mentioned} (the offending argument, as the stub's {@code @throws} promises).
   */
  public static void assertRejects(String what, String mentioned, ThrowingCallable call) {
    assertRejection(what, catchThrowable(call), mentioned);
  }

  /**
   * {@code call} throws {@link IllegalArgumentException} whose message names one of {@code names}: for
   * input where the stub lets the message blame either argument (lengths that differ, say).
   */
  public static void assertRejectsNamingAnyOf(String what, ThrowingCallable call, String... names) {
    assertRejection(what, catchThrowable(call), names);
  }

  /**
   * As {@link #assertRejects(String, String, ThrowingCallable)} for a call that returns a value: when it
   * returns instead of throwing, the failure shows what came back (a NaN, say).
   */
  public static void assertRejects(String what, String mentioned, Callable<?> call) {
    Object[] returned = new Object[1];
    boolean[] returnedNormally = new boolean[1];
    Throwable thrown = catchThrowable(() -> {
      returned[0] = call.call();
      returnedNormally[0] = true;
    });
    if (returnedNormally[0]) {
      fail(String.format("%s must throw IllegalArgumentException naming '%s', but it returned %s",
          what, mentioned, show(returned[0])));
    }
    assertRejection(what, thrown, mentioned);
  }

  /**
   * {@code thrown} is an {@link IllegalArgumentException} whose message names one of {@code names}. A
   * stub's "not started" passes through; anything else fails with what was thrown and the learner's own
   * lines, not AssertJ's dump of the whole stack.
   */
  private static void assertRejection(String what, Throwable thrown, String... names) {
    if (thrown instanceof RuntimeException && NotStarted.isStub(thrown)) {
      throw (RuntimeException) thrown;
    }
    String expected = "IllegalArgumentException naming "
        + (names.length == 1 ? "'" + names[0] + "'" : "one of " + Arrays.toString(names));
    if (thrown == null) {
      fail(what + " must throw " + expected + ", but it returned normally");
    }
    if (!(thrown instanceof IllegalArgumentException)) {
      String type = thrown.getClass().getName();
      fail(LearnerFrames.append(String.format("%s must throw %s, but it threw %s%s", what, expected,
          type.substring(type.lastIndexOf('.') + 1), thrown.getMessage() == null ? "" : ": " + thrown.getMessage()),
          thrown));
    }
    String message = thrown.getMessage();
    if (message == null || Arrays.stream(names).noneMatch(message::contains)) {
      fail(String.format("%s must throw %s (the offending argument), but its message was: %s", what, expected,
          message));
    }
  }

  /** A value as a learner reads it: arrays by their elements, records by their components. */
  public static String show(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof double[]) {
      return abbreviate((double[]) value);
    }
    if (value instanceof int[]) {
      return abbreviate((int[]) value);
    }
    if (value instanceof Object[]) {
      StringBuilder out = new StringBuilder("[");
      Object[] items = (Object[]) value;
      for (int k = 0; k < items.length && k < 8; k++) {
        out.append(k == 0 ? "" : ", ").append(show(items[k]));
      }
      return out.append(items.length > 8 ? ", ...]" : "]").toString();
    }
    if (value.getClass().isArray()) {
      return value.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(value) + "]";
    }
    if (value.getClass().isRecord()) {
      StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('[');
      RecordComponent[] components = value.getClass().getRecordComponents();
      for (int k = 0; k < components.length; k++) {
        Object part;
        try {
          components[k].getAccessor().setAccessible(true);
          part = components[k].getAccessor().invoke(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
          part = "?";
        }
        out.append(k == 0 ? "" : ", ").append(components[k].getName()).append('=').append(show(part));
      }
      return out.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** Calling {@code call} with a null argument throws {@link NullPointerException}. */
  public static void assertNullRejected(String what, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (thrown instanceof RuntimeException && NotStarted.isStub(thrown)) {
      throw (RuntimeException) thrown;
    }
    if (thrown == null) {
      fail(what + " must throw NullPointerException, but it returned normally");
    }
    if (!(thrown instanceof NullPointerException)) {
      String type = thrown.getClass().getName();
      fail(LearnerFrames.append(what + " must throw NullPointerException, but it threw "
          + type.substring(type.lastIndexOf('.') + 1) + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage()),
          thrown));
    }
  }

  /**
   * An analytic gradient agrees with central finite differences of {@code f} at {@code x}:
   * {@code (f(x + h e_i) - f(x - h e_i)) / 2h}, compared with a mixed absolute/relative tolerance.
   */
  public static void assertGradientMatches(String what, Function<double[], Double> f, double[] x,
      double[] analytic, double h, double tolerance) {
    double[] numeric = FiniteDifference.gradient(f, x, h);
    assertThat(analytic).as("%s: gradient array", what).isNotNull();
    assertThat(analytic.length).as("%s: gradient length", what).isEqualTo(x.length);
    for (int k = 0; k < x.length; k++) {
      double scale = Math.max(1.0, Math.abs(numeric[k]));
      assertThat(analytic[k]).as("%s: d/dx[%d]; finite differences give %s, analytic %s", what, k,
          abbreviate(numeric), abbreviate(analytic)).isCloseTo(numeric[k], within(tolerance * scale));
    }
  }

  /** A short rendering of an array for failure messages. */
  public static String abbreviate(double[] values) {
    if (values == null) {
      return "null";
    }
    if (values.length <= 24) {
      return Arrays.toString(values);
    }
    return Arrays.toString(Arrays.copyOf(values, 24)).replace("]", ", ... (" + values.length + " values)]");
  }

  /** A short rendering of an array for failure messages. */
  public static String abbreviate(int[] values) {
    if (values == null) {
      return "null";
    }
    if (values.length <= 32) {
      return Arrays.toString(values);
    }
    return Arrays.toString(Arrays.copyOf(values, 32)).replace("]", ", ... (" + values.length + " values)]");
  }
}

package mlkata.grader.support;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * Runs a group's checks in the order the spec declares them, which is simplest first by the specs'
 * convention (the problem statement's example, then the edge cases). The order is the class file's,
 * which the JVM reports for {@link Class#getDeclaredMethods} and javac writes in source order.
 */
public final class DeclarationOrder implements MethodOrderer {
  @Override
  public void orderMethods(MethodOrdererContext context) {
    List<Method> declared = Arrays.asList(context.getTestClass().getDeclaredMethods());
    context.getMethodDescriptors().sort(Comparator.comparingInt(d -> declared.indexOf(d.getMethod())));
  }
}

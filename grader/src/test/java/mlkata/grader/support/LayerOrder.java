package mlkata.grader.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs a spec's nested groups in {@link Layer} order (hand-worked examples first, speed last), so the
 * first failure a learner reads is the one that names the mistake. Top-level classes keep their order.
 * Configured for every run in {@code junit-platform.properties}.
 */
public final class LayerOrder implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparingInt(d -> Layer.ofClass(d.getTestClass().getName()).ordinal()));
  }
}

package mlkata.grader.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class as the spec of one kata. The kata is named by the spec's package (the topic) and class
 * name: {@code mlkata.grader.metrics.RocAucSpec} grades {@code metrics/roc-auc}, the stub
 * {@code mlkata.exercises.metrics.RocAuc}. The extension focuses runs on {@code -Dkata=...} and turns
 * an untouched stub into a short "not started" failure.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("kata")
@ExtendWith(GradingExtension.class)
public @interface KataSpec {}

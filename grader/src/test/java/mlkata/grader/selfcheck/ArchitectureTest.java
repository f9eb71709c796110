package mlkata.grader.selfcheck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The module boundaries, as rules over the compiled classes. */
@AnalyzeClasses(packages = "mlkata")
final class ArchitectureTest {

  @ArchTest
  static final ArchRule exercises_use_only_the_jdk = classes()
      .that().resideInAPackage("mlkata.exercises..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "mlkata.exercises..")
      .because("a learner's stub compiles with nothing but a JDK");

  @ArchTest
  static final ArchRule solutions_use_only_the_jdk = classes()
      .that().resideInAPackage("mlkata.solutions..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "mlkata.solutions..")
      .because("the reference solutions show what can be done from scratch");

  @ArchTest
  static final ArchRule each_reference_solution_depends_only_on_the_jdk_and_its_own_top_level_class = classes()
      .that().resideInAPackage("mlkata.solutions..")
      .should(dependOnlyOnTheJdkAndTheirOwnTopLevelClass())
      .because("a learner must be able to copy a reference over their stub, where the other katas are stubs"
          + " (and helpers another reference keeps to itself do not exist)");

  @ArchTest
  static final ArchRule exercises_never_see_solutions = noClasses()
      .that().resideInAPackage("mlkata.exercises..")
      .should().dependOnClassesThat().resideInAPackage("mlkata.solutions..")
      .because("the stubs must not leak the answers");

  @ArchTest
  static final ArchRule solutions_never_see_exercises = noClasses()
      .that().resideInAPackage("mlkata.solutions..")
      .should().dependOnClassesThat().resideInAPackage("mlkata.exercises..")
      .because("the reference must not depend on a learner's code");

  @ArchTest
  static final ArchRule only_bindings_touch_the_learners_code = noClasses()
      .that().resideOutsideOfPackage("mlkata.exercises..")
      .and().haveSimpleNameNotEndingWith("OfExercises")
      .should().dependOnClassesThat().resideInAPackage("mlkata.exercises..")
      .because("specs reach the code under test only through compile-time bindings");

  @ArchTest
  static final ArchRule only_bindings_touch_the_solutions = noClasses()
      .that().resideOutsideOfPackage("mlkata.solutions..")
      .and().haveSimpleNameNotEndingWith("OfSolutions")
      .should().dependOnClassesThat().resideInAPackage("mlkata.solutions..")
      .because("specs reach the reference only through the generated bindings");

  @ArchTest
  static final ArchRule kata_classes_are_final = classes()
      .that().resideInAnyPackage("mlkata.exercises..", "mlkata.solutions..")
      .and().areTopLevelClasses()
      .should().haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
      .because("a kata is a small final class");

  @ArchTest
  static final ArchRule no_jqwik = noClasses()
      .should().dependOnClassesThat().resideInAPackage("net.jqwik..")
      .because("jqwik's maintainers ask AI coding agents not to use it; properties use QuickTheories");

  private static ArchCondition<JavaClass> dependOnlyOnTheJdkAndTheirOwnTopLevelClass() {
    return new ArchCondition<>("depend only on the JDK and their own top-level class") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = topLevelName(item);
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          boolean allowed = target.isPrimitive() || target.getPackageName().startsWith("java.")
              || topLevelName(target).equals(own);
          if (!allowed) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static String topLevelName(JavaClass type) {
    String name = type.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }
}

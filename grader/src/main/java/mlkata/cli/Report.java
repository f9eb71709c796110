package mlkata.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiFunction;
import mlkata.grading.CheckResult;
import mlkata.grading.KataResult;

/**
 * One kata's result as the learner reads it, the same on every front ({@code kata check}, {@code watch},
 * {@code drill}, {@code ./mvnw test}): a status line; then why nothing ran (a compile error, code the
 * sandbox refused) or the failing checks in teaching order, the first in full with what the code
 * printed during it; the checks that only reached an untouched stub last, folded into one line.
 */
final class Report {
  /** How many lines of a failure message, and of the code's output, are shown in full. */
  private static final int FULL_MESSAGE_LINES = 40;
  private static final int OUTPUT_LINES = 20;

  private final PrintWriter out;
  /** Colours a text with a picocli style ({@code red}, {@code green}, {@code faint}...). */
  private final BiFunction<String, String, String> color;

  Report(PrintWriter out, BiFunction<String, String, String> color) {
    this.out = out;
    this.color = color;
  }

  /** The count shown after the status: passing n/n, failing k/n (with the speed checks left out said so). */
  static String detail(KataResult r) {
    long skipped = r.checks().stream().filter(c -> c.status().equals(CheckResult.SKIPPED)).count();
    String speed = skipped > 0 ? ", speed not checked" : "";
    switch (r.status()) {
      case "passing":
        return r.gradedCount() + "/" + r.gradedCount() + " checks" + speed;
      case "failing":
        if (!r.refusals().isEmpty()) {
          return "not graded: the code uses an API katas may not use";
        }
        return r.passedCount() + "/" + r.gradedCount() + " checks pass" + (r.notStartedCount() > 0
            ? ", " + r.notStartedCount() + " not started" : "");
      case "not started":
        return r.gradedCount() + " checks, none started";
      default:
        return "";
    }
  }

  void print(KataResult r, String statusColored, int maxFailures) {
    out.printf("%-36s %s  %s%n", r.kata.id(), statusColored, detail(r));
    for (String line : r.compileErrors()) {
      out.println("  " + line);
    }
    if (!r.refusals().isEmpty()) {
      out.println("  " + color.apply("red", "!") + " not graded: the grader runs no code that uses these:");
      for (String line : r.refusals()) {
        out.println("      " + line);
      }
    }
    if (r.crash() != null && r.status().equals("failing")) {
      out.println("  " + color.apply("red", "!") + " " + Text.clip(r.crash(), 200));
    }
    List<CheckResult> failures = r.failures();
    int shown = 0;
    for (CheckResult c : failures) {
      if (shown++ == maxFailures) {
        out.println("  ... and " + (failures.size() - maxFailures) + " more (kata check " + r.kata.name()
            + " --verbose shows all)");
        break;
      }
      out.println("  " + color.apply("red", "x") + " " + c.name() + " [" + c.status() + "]");
      boolean full = shown == 1 || maxFailures == Integer.MAX_VALUE;
      if (c.message() != null) {
        if (full) {
          for (String line : Text.block(c.message(), FULL_MESSAGE_LINES, 200)) {
            out.println("      " + line);
          }
        } else {
          out.println("      " + Text.clip(c.message(), 160));
        }
      }
      if (full && !c.output().isEmpty()) {
        out.println("      Your code printed:");
        for (String line : Text.block(c.output(), OUTPUT_LINES, 200)) {
          out.println("      | " + line);
        }
      }
    }
    if (r.notStartedCount() > 0) {
      String methods = String.join(", ", r.notStartedMethods());
      String verb = r.notStartedMethods().size() == 1 ? " still throws" : " still throw";
      if (r.status().equals("not started")) {
        out.println("  Not started: " + (methods.isEmpty() ? "every method" : methods)
            + verb + " the stub's exception. Next: implement " + (r.notStartedMethods().size() == 1 ? "it" : "them")
            + " in " + r.kata.exercisePath() + " (its Javadoc is the problem statement), then check again.");
      } else {
        out.println("  " + color.apply("faint", "-") + " " + r.notStartedCount() + " checks not started: "
            + methods + verb + " the stub's exception");
      }
    }
    if (maxFailures == Integer.MAX_VALUE) {
      for (CheckResult c : r.checks()) {
        if (!c.isFailure() && !c.output().isEmpty()) {
          out.println("  " + c.name() + " [" + c.status() + "] printed:");
          for (String line : Text.block(c.output(), OUTPUT_LINES, 200)) {
            out.println("      | " + line);
          }
        }
      }
    } else {
      long printing = r.checks().stream().filter(c -> !c.isFailure() && !c.output().isEmpty()).count();
      if (printing > 0) {
        out.println("  (" + printing + " passing checks printed output; --verbose shows it)");
      }
    }
    out.flush();
  }

  /** The JSON spelling of a status. */
  static String jsonStatus(String status) {
    return status.strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace('_', '-');
  }

  /**
   * One kata's result as JSON ({@code kata check --json}), every status in one spelling: lower case,
   * words joined by a hyphen ({@code not-started}, {@code compile-error}, like the checks' own
   * {@code not-started} and {@code no-result}), where the text output says "not started".
   */
  static JsonObject toJson(KataResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("kata", r.kata.id());
    o.addProperty("status", jsonStatus(r.status()));
    o.addProperty("passed", r.passedCount());
    o.addProperty("total", r.gradedCount());
    JsonArray errors = new JsonArray();
    r.compileErrors().forEach(errors::add);
    o.add("compileErrors", errors);
    JsonArray refusals = new JsonArray();
    r.refusals().forEach(refusals::add);
    o.add("refused", refusals);
    JsonArray failures = new JsonArray();
    r.failures().forEach(c -> failures.add(c.name()));
    o.add("failuresInOrder", failures);
    JsonArray tests = new JsonArray();
    for (CheckResult t : r.checks()) {
      JsonObject to = new JsonObject();
      to.addProperty("name", t.name());
      to.addProperty("status", t.status());
      to.addProperty("layer", t.layer());
      to.addProperty("message", t.message());
      to.addProperty("output", t.output());
      tests.add(to);
    }
    o.add("tests", tests);
    if (r.crash() != null) {
      o.addProperty("crash", r.crash());
    }
    return o;
  }
}

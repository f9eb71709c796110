package mlkata.grader.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mlkata.grader.support.KataId;
import mlkata.grader.support.Target;

/**
 * Prints the scoreboard as the last step of {@code ./mvnw test} and fails the build unless every graded
 * kata passes. Surefire is told to carry on after failing checks (its own report lists them), so the
 * scoreboard is what the learner sees last. Arguments: the results file, the focus ({@code -Dkata}).
 */
public final class ScoreboardMain {
  private ScoreboardMain() {}

  public static void main(String[] args) throws Exception {
    Path results = Path.of(args[0]);
    String focus = args.length > 1 ? args[1] : "*";
    if (!Files.exists(results)) {
      throw new IllegalStateException("No kata was graded" + ("*".equals(focus) ? "" : " for -Dkata=" + focus)
          + ". Kata names look like roc-auc; topics like metrics (see README.md, 'The katas').");
    }
    Map<KataId, Scoreboard.Tally> tallies = Scoreboard.read(results);
    Files.delete(results);
    System.out.println(Scoreboard.render(Target.current(), tallies));
    long passing = tallies.values().stream().filter(t -> t.status() == Scoreboard.Status.PASSING).count();
    if (tallies.isEmpty() || passing < tallies.size()) {
      throw new IllegalStateException(passing + " of " + tallies.size() + " katas passing (scoreboard above)");
    }
  }
}

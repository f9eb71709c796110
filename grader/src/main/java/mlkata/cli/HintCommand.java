package mlkata.cli;

import mlkata.grading.Kata;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "hint", mixinStandardHelpOptions = true,
    description = {"Reveal the next hint tier of a kata.",
        "Tier 1 is a nudge, tier 2 the approach, tier 3 a near-solution.",
        "Tiers seen are remembered (and counted in a running drill); after tier 3 come the talking points."})
final class HintCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "KATA")
  String kataName;

  @Option(names = "--again", description = "Show the tiers already seen instead of a new one.")
  boolean again;

  @Override
  public Integer call() {
    Session s = new Session(main, spec.commandLine());
    Kata kata = s.catalog().kata(kataName);
    String md = Store.readOrNull(s.repo.file(kata.hintsPath()));
    if (md == null) {
      throw new UserError("no hints for " + kata + " (" + kata.hintsPath() + " is missing)");
    }
    Map<String, String> sections = Text.sections(md);
    Store.State state = s.state();
    Store.KataState ks = state.of(kata);
    Store.Drill drill = s.activeDrill();
    boolean inDrill = drill != null && kata.id().equals(drill.kata);
    int seen = inDrill ? drill.hintsUsed : (ks.hintsSeen.isEmpty() ? 0 : ks.hintsSeen.last());
    if (again) {
      if (seen == 0) {
        s.out.println("No hint of " + kata + " seen yet: 'kata hint " + kata.name() + "' shows the first.");
      }
      for (int t = 1; t <= seen; t++) {
        show(s, sections, "Tier " + t);
      }
      s.out.flush();
      return 0;
    }
    if (seen >= 3) {
      s.out.println("You have seen all three tiers of " + kata + " (--again shows them). For the interview:");
      show(s, sections, "Talking points");
      show(s, sections, "Complexity");
      s.out.flush();
      return 0;
    }
    int tier = seen + 1;
    if (!show(s, sections, "Tier " + tier)) {
      throw new UserError(kata.hintsPath() + " has no '## Tier " + tier + "' section");
    }
    ks.hintsSeen.add(tier);
    s.save(state);
    if (inDrill) {
      drill.hintsUsed = tier;
      Store.saveJson(s.repo.drillFile(), drill);
    }
    s.out.println(tier < 3 ? "(tier " + tier + " of 3; run again for the next)" : "(last tier; run again for the talking points)");
    s.out.flush();
    return 0;
  }

  static boolean show(Session s, Map<String, String> sections, String prefix) {
    Map.Entry<String, String> e = Text.section(sections, prefix);
    if (e == null) {
      return false;
    }
    s.out.println(s.color("bold", "## " + e.getKey()));
    s.out.println(e.getValue());
    s.out.println();
    return true;
  }
}

package mlkata.cli;

import mlkata.grading.Kata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the untouched stub of a kata comes from, for {@code reset} and {@code drill}.
 *
 * <ol>
 *   <li>{@code git show HEAD:<stub path>}, when that version still looks like a stub (it throws the
 *       stub's "Not implemented yet" exception). This follows upstream changes to the stub.</li>
 *   <li>Otherwise (the learner committed work over the stub), the newest commit in the file's history
 *       whose version looks like a stub ({@code git log --format=%H -- <path>}).</li>
 *   <li>Without git, a copy under {@code .kata/pristine/} taken the first time the command saw the kata
 *       file while it still looked like a stub (normally the first run on a fresh clone).</li>
 * </ol>
 */
final class Pristine {
  static final String STUB_MARKER = "Not implemented yet";

  private final Repo repo;

  Pristine(Repo repo) {
    this.repo = repo;
  }

  static boolean looksLikeStub(String source) {
    return source != null && source.contains("UnsupportedOperationException") && source.contains(STUB_MARKER);
  }

  /** Keeps a first-sight copy of stubs that still look untouched, for checkouts without git. */
  void remember(List<Kata> katas) {
    for (Kata k : katas) {
      var copy = repo.pristineCopies().resolve(k.exercisePath());
      String current = Store.readOrNull(repo.file(k.exercisePath()));
      if (looksLikeStub(current) && !java.nio.file.Files.exists(copy)) {
        Store.writeAtomic(copy, current);
      }
    }
  }

  String stub(Kata kata) {
    String path = kata.exercisePath();
    String head = git("show", "HEAD:" + path);
    if (looksLikeStub(head)) {
      return head;
    }
    String log = git("log", "--format=%H", "-n", "50", "--", path);
    if (log != null) {
      for (String commit : log.strip().split("\\s+")) {
        if (commit.isBlank()) {
          continue;
        }
        String version = git("show", commit + ":" + path);
        if (looksLikeStub(version)) {
          return version;
        }
      }
    }
    String copy = Store.readOrNull(repo.pristineCopies().resolve(path));
    if (copy != null) {
      return copy;
    }
    throw new UserError("cannot find the untouched stub of " + kata + ": not in git (" + path
        + ") and no copy under .kata/pristine/");
  }

  private String git(String... args) {
    if (!Files.exists(repo.root.resolve(".git"))) {
      return null;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-C");
    cmd.add(repo.root.toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(out);
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out.toString(StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}

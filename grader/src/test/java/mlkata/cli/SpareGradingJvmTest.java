package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mlkata.grading.CheckResult;
import mlkata.grading.Grader;
import mlkata.grading.KataResult;
import mlkata.grading.Protocol;
import mlkata.grading.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spare grading JVM the {@code kata} command leaves for its next check ({@code mlkata.grading.Spares}):
 * it is claimed and gives the verdict a fresh JVM gives, it serves only the holder of its token, one
 * request only, and a spare of another grader build is stopped rather than used.
 */
@Timeout(120)
class SpareGradingJvmTest {
  @TempDir
  Path dir;

  private FakeRepo repo;
  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void stopSpares() {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    if (repo != null) {
      spare().ifPresent(s -> ProcessHandle.of(s.get("pid").getAsLong()).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  private Workspace workspace(List<Path> classpath) {
    return Workspace.kataCommand(repo.root, classpath).withSpares(true);
  }

  private List<Path> classpath() {
    return repo.classpath();
  }

  private KataResult grade(Workspace ws, boolean leave, boolean[] claimed) {
    return grade(ws, leave, claimed, null);
  }

  private KataResult grade(Workspace ws, boolean leave, boolean[] claimed, String seed) {
    try (Grader g = new Grader(ws)) {
      List<KataResult> r = g.grade(List.of(repo.kata), new Grader.Options(Duration.ofSeconds(10), false, "exercises", seed),
          (result, done, total) -> { });
      claimed[0] = g.claimedSpare();
      if (leave) {
        g.leaveSpare();
      }
      return r.get(0);
    }
  }

  private Optional<JsonObject> spare() {
    try {
      return Optional.of(JsonParser.parseString(Files.readString(repo.root.resolve(".kata/spare.json"),
          StandardCharsets.UTF_8)).getAsJsonObject());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private JsonObject awaitSpare() throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Optional<JsonObject> s = spare();
      if (s.isPresent()) {
        pids.add(s.get().get("pid").getAsLong());
        return s.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no spare grading JVM announced itself in 30 s");
  }

  @Test
  void a_spare_is_claimed_once_and_gives_the_fresh_verdict() throws Exception {
    repo = new FakeRepo(dir);
    repo.learner("return x + 1;");
    Workspace ws = workspace(classpath());
    boolean[] claimed = {false};
    KataResult fresh = grade(ws, true, claimed);
    assertThat(claimed[0]).as("no spare exists before the first check").isFalse();
    long pid = awaitSpare().get("pid").getAsLong();

    KataResult viaSpare = grade(ws, false, claimed);
    assertThat(claimed[0]).as("the second check claims the spare").isTrue();
    assertThat(viaSpare.status()).isEqualTo(fresh.status()).isEqualTo("failing");
    assertThat(viaSpare.passedCount()).isEqualTo(fresh.passedCount());
    assertThat(viaSpare.gradedCount()).isEqualTo(fresh.gradedCount());
    assertThat(spare()).as("a claimed spare's announcement is gone").isEmpty();
    assertThat(ProcessHandle.of(pid).map(h -> h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
        .handle((x, t) -> !h.isAlive()).join()).orElse(true)).as("a spare serves one request, then ends").isTrue();

    repo.learner("return x;");
    KataResult fixed = grade(ws, true, claimed);
    assertThat(claimed[0]).as("no spare was left this time").isFalse();
    assertThat(fixed.status()).isEqualTo("passing");

    // The spare compiles the learner's file itself: a compile error reads as it does without a spare.
    awaitSpare();
    repo.learner("return x");
    KataResult brokenViaSpare = grade(ws, false, claimed);
    assertThat(claimed[0]).isTrue();
    repo.learner("return x");
    KataResult brokenFresh = grade(ws, false, claimed);
    assertThat(claimed[0]).isFalse();
    assertThat(brokenViaSpare.status()).isEqualTo(brokenFresh.status()).isEqualTo("compile error");
    assertThat(brokenViaSpare.compileErrors()).isEqualTo(brokenFresh.compileErrors()).isNotEmpty();
  }

  @Test
  void a_replayed_seed_is_not_replayed_by_the_spare_it_left() throws Exception {
    repo = new FakeRepo(dir);
    repo.addEchoProperty();
    repo.learner("return x > 500 ? 0 : x;");
    Workspace ws = workspace(classpath());
    boolean[] claimed = {false};
    KataResult replayed = grade(ws, true, claimed, "4242");
    assertThat(claimed[0]).isFalse();
    assertThat(propertyMessage(replayed)).as("the property replays the seed asked for").contains("Seed 4242:");
    awaitSpare();

    KataResult next = grade(ws, true, claimed, null);
    assertThat(claimed[0]).as("the next check claims the spare the replay left").isTrue();
    assertThat(propertyMessage(next)).as("a check without a seed draws a fresh one").contains("Seed ")
        .doesNotContain("Seed 4242:");
    awaitSpare();

    KataResult again = grade(ws, false, claimed, "4242");
    assertThat(claimed[0]).isTrue();
    assertThat(propertyMessage(again)).as("a spare replays the seed its request asks for").contains("Seed 4242:");
  }

  private static String propertyMessage(KataResult r) {
    return r.failures().stream().map(CheckResult::message).filter(m -> m != null && m.contains("echo(x) = x"))
        .findFirst().orElseThrow(() -> new AssertionError("the property did not fail: " + r.failures()));
  }

  @Test
  void the_maven_front_claims_its_own_spare() throws Exception {
    repo = new FakeRepo(dir);
    Workspace ws = Workspace.maven(repo.root, repo.classpath()).withSpares(true);
    boolean[] claimed = {false};
    KataResult fresh = grade(ws, true, claimed);
    assertThat(claimed[0]).isFalse();
    JsonObject announced = awaitMavenSpare();
    KataResult viaSpare = grade(ws, false, claimed);
    assertThat(claimed[0]).as("./mvnw test claims the spare its previous run left").isTrue();
    assertThat(viaSpare.status()).isEqualTo(fresh.status()).isEqualTo("not started");
    assertThat(viaSpare.gradedCount()).isEqualTo(fresh.gradedCount());
    assertThat(spare()).as("the kata command's spare is another one").isEmpty();
    pids.add(announced.get("pid").getAsLong());
  }

  private JsonObject awaitMavenSpare() throws Exception {
    Path file = repo.root.resolve("grader/target/kata/spare.json");
    for (int i = 0; i < 600; i++) {
      if (Files.isRegularFile(file)) {
        try {
          JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
          pids.add(o.get("pid").getAsLong());
          return o;
        } catch (IOException | RuntimeException stillWriting) {
          // read again
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no spare for the Maven front in 30 s");
  }

  @Test
  void a_spare_serves_only_its_token_and_a_stale_one_is_stopped() throws Exception {
    repo = new FakeRepo(dir);
    repo.learner("return x;");
    Workspace ws = workspace(classpath());
    boolean[] claimed = {false};
    grade(ws, true, claimed);
    JsonObject announced = awaitSpare();

    // A wrong token is dropped; the spare keeps waiting for the right one.
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), announced.get("port").getAsInt())) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
      JsonObject hello = new JsonObject();
      hello.addProperty("token", "0".repeat(32));
      hello.add("request", new JsonObject());
      Protocol.write(out, hello);
      s.setSoTimeout(30_000);
      assertThat(Protocol.read(new DataInputStream(new BufferedInputStream(s.getInputStream()))))
          .as("what a spare answers a wrong token").isNull();
    }
    assertThat(ProcessHandle.of(announced.get("pid").getAsLong()).map(ProcessHandle::isAlive)).contains(true);

    // Another grader build (here, another classpath): the spare is stopped, a fresh JVM grades.
    List<Path> other = new ArrayList<>(classpath());
    other.add(dir.resolve("another-build"));
    KataResult r = grade(workspace(other), false, claimed);
    assertThat(claimed[0]).as("a spare of another build is not used").isFalse();
    assertThat(r.status()).isEqualTo("passing");
    ProcessHandle.of(announced.get("pid").getAsLong()).ifPresent(h ->
        assertThat(h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).handle((x, t) -> !h.isAlive()).join())
            .as("the stale spare was stopped").isTrue());
  }
}

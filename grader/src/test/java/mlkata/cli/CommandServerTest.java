package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command server ({@link CommandServer}) through the script's own bash client
 * ({@code grader/src/main/sh/kata-client.bash}) on the fake kata: a check it answers reads as the
 * command run in its own process (output, exit code, colours, the replay seed); it refuses, and lets the
 * script run the command itself, whatever it would not answer the same way; it ends when the command
 * was rebuilt, and when its client goes away mid-check, taking the grading JVM with it.
 */
@Timeout(240)
final class CommandServerTest {
  /** What the client exits with when the server did not answer. */
  private static final int NOT_ANSWERED = 97;
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir
  Path dir;

  private FakeRepo repo;
  private String classpath;
  private Process server;

  /** What a command printed and how it ended. */
  private record Run(int code, String out, String err) {
    /** The output without the run's duration ("1 of 1 passing (0.8 s)"), the only part that may differ. */
    String outWithoutTime() {
      return out.replaceAll("\\(\\d+\\.\\d s\\)", "(time)");
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    repo = new FakeRepo(dir);
    classpath = String.join(File.pathSeparator, FakeRepo.testClasspath().stream().map(Path::toString).toList());
    repo.write("grader/target/kata-classpath.txt", classpath);
    server = start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
    }
  }

  private Process start() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(JAVA, "-XX:TieredStopAtLevel=1", "-cp", classpath, "-Dkata.root=" + dir,
        "-Dkata.java=" + JAVA, "-Dkata.serverIdle=120000", "mlkata.cli.CommandServer")
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    // Without spares: a fixture's check then starts one grading JVM of its own, and leaves nothing behind.
    pb.environment().put("KATA_SPARE", "0");
    pb.environment().remove("KATA_DEBUG");
    pb.environment().remove("KATA_SPARE_WARMUPS");
    Process p = pb.start();
    Path announcement = dir.resolve(".kata/server");
    for (int i = 0; i < 600 && !Files.exists(announcement); i++) {
      assertThat(p.isAlive()).as("the server ended at its start: %s", log()).isTrue();
      Thread.sleep(50);
    }
    assertThat(announcement).as("the server announced itself").exists();
    return p;
  }

  private String log() throws IOException {
    return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
  }

  private static Map<String, String> environment(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("KATA_SPARE", "0");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        env.remove(pairs[i]);
      } else {
        env.put(pairs[i], pairs[i + 1]);
      }
    }
    return env;
  }

  /** The kata script's client, as the script runs it: bash, the repository root, the java launcher, the arguments. */
  private Run clientAs(Map<String, String> env, String root, String java, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash",
        VerdictSealTest.repoRoot().resolve("grader/src/main/sh/kata-client.bash").toString(), root, java));
    cmd.addAll(List.of(args));
    return run(cmd, env);
  }

  private Run client(Map<String, String> env, String... args) throws Exception {
    return clientAs(env, dir.toString(), JAVA, args);
  }

  /** The command in a JVM of its own, as the script runs it when no server answers. */
  private Run direct(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", classpath, "-Dkata.root=" + dir, "mlkata.cli.Main"));
    cmd.addAll(List.of(args));
    return run(cmd, env);
  }

  private Run run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(dir.resolve("run.out").toFile()).redirectError(dir.resolve("run.err").toFile());
    pb.environment().keySet().removeIf(k -> CommandServer.PASSED_VARIABLES.contains(k)
        || CommandServer.PROCESS_VARIABLES.contains(k));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return new Run(p.exitValue(), Files.readString(dir.resolve("run.out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("run.err"), StandardCharsets.UTF_8));
  }

  @Test
  void a_check_it_answers_reads_as_the_command_run_in_its_own_process() throws Exception {
    repo.learner("return x + 1;");
    Run served = client(environment(), "check", "echo");
    Run own = direct(environment(), "check", "echo");
    assertThat(served.code()).as("a failing kata's exit code, served: %s", served).isEqualTo(1).isEqualTo(own.code());
    assertThat(served.out()).contains("fake/echo").contains("failing");
    assertThat(served.outWithoutTime()).isEqualTo(own.outWithoutTime());
    assertThat(served.err()).isEqualTo(own.err());

    Run servedJson = client(environment(), "check", "echo", "--json");
    Run ownJson = direct(environment(), "check", "echo", "--json");
    assertThat(servedJson.out()).contains("\"ok\": false").isEqualTo(ownJson.out());

    Run coloured = client(environment("CLICOLOR_FORCE", "1"), "check", "echo");
    Run ownColoured = direct(environment("CLICOLOR_FORCE", "1"), "check", "echo");
    assertThat(coloured.out()).as("CLICOLOR_FORCE colours the served output").contains("\u001b[");
    assertThat(coloured.outWithoutTime()).isEqualTo(ownColoured.outWithoutTime());
    assertThat(client(environment("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), "check", "echo").out())
        .as("NO_COLOR wins").doesNotContain("\u001b[");

    Run usage = client(environment(), "check", "--no-such-option");
    assertThat(usage.code()).isEqualTo(direct(environment(), "check", "--no-such-option").code()).isEqualTo(2);
    assertThat(usage.err()).contains("Unknown option: '--no-such-option'");

    repo.learner("return x;");
    Run passing = client(environment(), "check", "echo");
    assertThat(passing.code()).isZero();
    assertThat(passing.outWithoutTime()).isEqualTo(direct(environment(), "check", "echo").outWithoutTime())
        .contains("1 of 1 passing");
    assertThat(server.isAlive()).as("the server answers one check after another").isTrue();
  }

  @Test
  void the_replay_seed_of_the_client_is_the_one_used() throws Exception {
    repo.addEchoProperty();
    repo.learner("return x > 500 ? 0 : x;");
    Run replayed = client(environment("QT_SEED", "4242"), "check", "echo", "--verbose");
    assertThat(replayed.code()).isEqualTo(1);
    assertThat(replayed.out()).contains("Seed 4242:");
    Run fresh = client(environment(), "check", "echo", "--verbose");
    assertThat(fresh.out()).contains("Seed ").doesNotContain("Seed 4242:");
    assertThat(client(environment(), "check", "echo", "--verbose", "--seed", "77").out()).contains("Seed 77:");
  }

  @Test
  void it_refuses_what_it_would_not_answer_as_the_command_would() throws Exception {
    repo.learner("return x;");
    assertThat(clientAs(environment(), dir.resolve("elsewhere").toString(), JAVA, "check", "echo").code())
        .as("another repository").isEqualTo(NOT_ANSWERED);
    assertThat(clientAs(environment(), dir.toString(), "/another/java", "check", "echo").code())
        .as("another java").isEqualTo(NOT_ANSWERED);
    assertThat(client(environment(), "list").code()).as("a command other than check").isEqualTo(NOT_ANSWERED);
    assertThat(client(environment("KATA_SPARE", null), "check", "echo").code())
        .as("another KATA_SPARE than the server's").isEqualTo(NOT_ANSWERED);
    assertThat(client(environment("KATA_DEBUG", "1"), "check", "echo").code())
        .as("KATA_DEBUG, which the server was started without").isEqualTo(NOT_ANSWERED);
    assertThat(client(environment(), "check", "echo\nsecond line").code())
        .as("an argument of two lines").isEqualTo(NOT_ANSWERED);
    assertThat(Files.getPosixFilePermissions(dir.resolve(".kata/server"))).as("the token is for this user only")
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    String announcement = Files.readString(dir.resolve(".kata/server"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(".kata/server"), announcement.replaceFirst(" [0-9a-f]{32} ", " " + "0".repeat(32) + " "));
    assertThat(client(environment(), "check", "echo").code()).as("a wrong token").isEqualTo(NOT_ANSWERED);
    Files.writeString(dir.resolve(".kata/server"), announcement);
    assertThat(server.isAlive()).as("a refusal does not end the server").isTrue();

    // A client that gave up waiting (the server was busy) has closed its connection: its queued request
    // is dropped, and the server lives on.
    String[] fields = announcement.strip().split(" ");
    try (java.net.Socket gone = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(fields[0]))) {
      gone.getOutputStream().write(("kata-server 1\n" + fields[1] + "\n" + dir + "\n" + JAVA + "\ntty 0\n"
          + "env KATA_SPARE=0\narg check\narg echo\nend\n").getBytes(StandardCharsets.UTF_8));
    }
    Thread.sleep(1000);
    assertThat(server.isAlive()).as("a request whose client is gone does not end the server").isTrue();
    assertThat(client(environment(), "check", "echo").code()).as("and it answers the next right request").isZero();
  }

  @Test
  void a_rebuilt_command_ends_the_server() throws Exception {
    repo.learner("return x;");
    assertThat(client(environment(), "check", "echo").code()).isZero();
    Path built = dir.resolve("grader/target/kata-classpath.txt");
    Files.setLastModifiedTime(built, FileTime.fromMillis(Files.getLastModifiedTime(built).toMillis() + 10_000));
    assertThat(client(environment(), "check", "echo").code()).as("the script runs the new build itself")
        .isEqualTo(NOT_ANSWERED);
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the stale server ended").isTrue();
    assertThat(dir.resolve(".kata/server")).as("and took its announcement").doesNotExist();
    assertThat(client(environment(), "check", "echo").code()).as("no server: the script runs the command")
        .isEqualTo(NOT_ANSWERED);
  }

  @Test
  void a_client_gone_mid_check_ends_the_server_and_its_grading_jvm() throws Exception {
    repo.learner("while (true) { }");
    ProcessBuilder pb = new ProcessBuilder("bash",
        VerdictSealTest.repoRoot().resolve("grader/src/main/sh/kata-client.bash").toString(), dir.toString(), JAVA,
        "check", "echo", "--timeout", "60").redirectErrorStream(true).redirectOutput(dir.resolve("client.log").toFile());
    pb.environment().put("KATA_SPARE", "0");
    pb.environment().remove("KATA_DEBUG");
    pb.environment().remove("KATA_SPARE_WARMUPS");
    Process client = pb.start();
    try {
      Optional<ProcessHandle> grading = Optional.empty();
      long until = System.nanoTime() + 60_000_000_000L;
      while (grading.isEmpty() && System.nanoTime() < until && client.isAlive()) {
        Thread.sleep(100);
        grading = server.descendants().filter(p -> p.info().commandLine().orElse("").contains("KataRunner")).findFirst();
      }
      assertThat(grading).as("the server started a grading JVM; the client said: %s",
          Files.readString(dir.resolve("client.log"))).isPresent();
      Thread.sleep(1500); // the endless loop runs
      client.destroyForcibly(); // as Ctrl-C ends it: its end of the connection closes
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server ended with its client").isTrue();
      ProcessHandle child = grading.get();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(child.isAlive()).as("the grading JVM outlived the server").isFalse();
      assertThat(dir.resolve(".kata/server")).doesNotExist();
    } finally {
      client.destroyForcibly();
    }
  }
}

package mlkata.grading;

import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One grading JVM ({@code mlkata.grader.runner.KataRunner}): starts it, sends it one request, reads its
 * results from the {@link Protocol} socket, and makes sure it ends. Its standard output and error go to
 * a log file: the learner's output is captured inside it and reported per check.
 *
 * <p>It lives only as long as this process: it ends itself when its standard input closes (this process
 * died, even by {@code kill -9}), a shutdown hook ends it on Ctrl-C, and {@link #close} ends it and
 * anything it started.
 */
final class GradingJvm implements AutoCloseable {
  /** Why a run ended: the JVM said it was done, it ended early, or it went silent and was stopped. */
  record End(boolean done, String reason) {}

  /** The JVM was a spare that another command claimed first (or that died): start a fresh one instead. */
  static final String UNCLAIMED = "unclaimed spare";

  /** The grading JVM started for this command, or null for a spare. */
  private final Process process;
  private final ProcessHandle handle;
  /** A spare's port and token (see {@link Spares}); null for a JVM started for this command. */
  private final Spares.Announcement spare;
  private final Thread reaper;

  private GradingJvm(Process process, ProcessHandle handle, Spares.Announcement spare) {
    this.process = process;
    this.handle = handle;
    this.spare = spare;
    this.reaper = new Thread(this::kill, "kata-grading-jvm-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** A spare grading JVM, started earlier by another command and waiting for a request. */
  static GradingJvm attach(ProcessHandle handle, Spares.Announcement spare) {
    return new GradingJvm(null, handle, spare);
  }

  boolean isSpare() {
    return spare != null;
  }

  static GradingJvm start(List<Path> classpath, Path log, boolean fullJit) {
    Workspace.createDirectories(log.getParent());
    try {
      Process p = new ProcessBuilder(command(classpath, fullJit, List.of()))
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
          .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
          .start();
      return new GradingJvm(p, p.toHandle(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the grading JVM", e);
    }
  }

  /** The command line of a grading JVM with {@code properties} ({@code -Dname=value}). */
  static List<String> command(List<Path> classpath, boolean fullJit, List<String> properties) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:+UseSerialGC");
    if (!fullJit) {
      // Specs run briefly: on two cores C2's compiler threads cost more than they save. The learner's
      // code and the reference are compiled alike, so speed ratios stay fair.
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.add("-Xshare:auto");
    cmd.add("-Xmx" + System.getProperty("kata.child.xmx", "768m"));
    cmd.add("-Djava.security.manager=allow");
    cmd.add("-Dfile.encoding=UTF-8");
    cmd.addAll(properties);
    cmd.add("-cp");
    cmd.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    cmd.add("mlkata.grader.runner.KataRunner");
    return cmd;
  }

  boolean isAlive() {
    return handle.isAlive();
  }

  /**
   * Sends {@code request} and passes every result frame to {@code onFrame} until the JVM says it is
   * done, ends, or sends nothing for {@code silence}.
   */
  End run(JsonObject request, Duration silence, Consumer<JsonObject> onFrame) {
    if (spare != null) {
      return runSpare(request, silence, onFrame);
    }
    String token = Protocol.newToken();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      request.addProperty("port", server.getLocalPort());
      request.addProperty("token", token);
      try {
        OutputStream stdin = process.getOutputStream();
        stdin.write((request + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      } catch (IOException e) {
        return ended();
      }
      Connection connection = accept(server, token, silence);
      if (connection == null) {
        return process.isAlive() ? stop("the grading JVM did not connect within " + silence.toSeconds() + " s") : ended();
      }
      try (Socket socket = connection.socket()) {
        return frames(socket, connection.in(), silence, onFrame);
      }
    } catch (IOException e) {
      return process.isAlive() ? stop("the results channel broke: " + e.getMessage()) : ended();
    }
  }

  /**
   * A spare listens instead of connecting: connect to it, open with its token and the request, and
   * wait for it to accept. {@link #UNCLAIMED} when it does not (another command was first, or it died).
   */
  private End runSpare(JsonObject request, Duration silence, Consumer<JsonObject> onFrame) {
    try (Socket socket = new Socket()) {
      socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), spare.port()), 2_000);
      JsonObject hello = new JsonObject();
      hello.addProperty("token", spare.token());
      hello.add("request", request);
      java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
      Protocol.write(out, hello);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      // It may still be warming up (it announces itself first), but not for long.
      socket.setSoTimeout(20_000);
      JsonObject accepted = Protocol.read(in);
      if (accepted == null || !accepted.has("event") || !"accepted".equals(accepted.get("event").getAsString())) {
        kill();
        return new End(false, UNCLAIMED);
      }
      return frames(socket, in, silence, onFrame);
    } catch (IOException e) {
      kill();
      return new End(false, UNCLAIMED);
    }
  }

  private End frames(Socket socket, DataInputStream in, Duration silence, Consumer<JsonObject> onFrame)
      throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, silence.toMillis()));
    while (true) {
      JsonObject frame;
      try {
        frame = Protocol.read(in);
      } catch (SocketTimeoutException quiet) {
        return stop("no progress for " + silence.toSeconds() + " s: the grading JVM was stopped");
      }
      if (frame == null) {
        return ended();
      }
      onFrame.accept(frame);
      if ("done".equals(frame.has("event") ? frame.get("event").getAsString() : null)) {
        return new End(true, frame.has("crash") ? frame.get("crash").getAsString() : null);
      }
    }
  }

  private record Connection(Socket socket, DataInputStream in) {}

  /** Waits for the grading JVM to connect and prove it is ours; null when it never does. */
  private Connection accept(ServerSocket server, String token, Duration silence) throws IOException {
    server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, silence.toMillis()));
    while (true) {
      Socket s;
      try {
        s = server.accept();
      } catch (SocketTimeoutException e) {
        return null;
      }
      s.setSoTimeout(5_000);
      try {
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        JsonObject hello = Protocol.read(in);
        if (hello != null && hello.has("token") && token.equals(hello.get("token").getAsString())) {
          return new Connection(s, in);
        }
      } catch (IOException | RuntimeException e) {
        // not ours: drop it and keep listening
      }
      s.close();
    }
  }

  private End ended() {
    try {
      handle.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // still alive, or unknown
    }
    String code = process != null && !process.isAlive() ? " with exit code " + process.exitValue() : "";
    return new End(false, "the grading JVM ended" + code + " while this check ran (a crash: see the grading log)");
  }

  private End stop(String reason) {
    kill();
    return new End(false, reason);
  }

  private void kill() {
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it does the same
    }
  }
}

package mlkata.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import mlkata.grading.Background;
import mlkata.grading.Protocol;
import picocli.CommandLine;

/**
 * The kata command's resident process, for the check a learner runs fifty times a kata. Starting the
 * command's JVM and picocli costs half a second before any grading; this process has paid it once.
 *
 * <p>The {@code kata} script hands {@code kata check} to it through a small bash client
 * ({@code grader/src/main/sh/kata-client.bash}) whenever one has announced itself in {@code .kata/server}
 * (its port, a fresh token, its pid, start time and key). It runs the very same command code
 * ({@link Main#commandLine}), with the client's environment and terminal, one request at a time: the
 * grading itself still happens in a grading JVM used once (a spare, see {@code mlkata.grading.Spares}),
 * so nothing of one learner's code outlives its check. This process never loads the learner's classes.
 *
 * <p>It answers only what it would answer as the command would in its own process. It refuses (and the
 * script then runs the command itself) a client of another repository, another {@code java}, or another
 * value of a variable that changes how the process behaves ({@link #PROCESS_VARIABLES}); it refuses and
 * ends when the command's build changed since it started (its key). It ends when the client goes away
 * before the command ends (Ctrl-C), stopping its grading JVM as the command's own exit would, and after
 * {@link #IDLE} without a request.
 *
 * <p>The client's request is lines: {@code kata-server 1}, the token, the repository root, the java
 * launcher, {@code tty 0|1}, then {@code env NAME=VALUE} for each variable of {@link #PASSED_VARIABLES}
 * and {@link #PROCESS_VARIABLES} that is set, {@code arg A} for each argument, and {@code end}. The
 * answer is lines too, each led by one character: {@code a} alone first (accepted), then {@code o} a line
 * of standard output, {@code p} output without its line end yet, {@code e} and {@code f} the same for
 * standard error, and {@code x} with the exit code last; or {@code r} alone: refused.
 */
public final class CommandServer {
  /** How long the server waits for a request before it ends ({@code -Dkata.serverIdle} in ms overrides it). */
  static final Duration IDLE = Duration.ofMinutes(30);

  /** The variables the command reads for a check; the client passes them along. */
  static final List<String> PASSED_VARIABLES = List.of("QT_SEED", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE");

  /** Variables that change how this process or the grading JVMs it starts behave: a client must agree. */
  static final List<String> PROCESS_VARIABLES = List.of("KATA_DEBUG", "KATA_SPARE", "KATA_SPARE_WARMUPS");

  /** The only command served: the others are interactive, or not run often enough to matter. */
  static final String SERVED = "check";

  private final Path root;
  private final String launcher;
  private final String key;
  private final ServerSocket server;
  private final String token = Protocol.newToken();
  private final Path file;

  private CommandServer(Path root, String launcher, ServerSocket server) {
    this.root = root;
    this.launcher = launcher;
    this.key = key(root);
    this.server = server;
    this.file = announcement(root);
  }

  /** Where a server announces itself. */
  static Path announcement(Path root) {
    return root.resolve(".kata/server");
  }

  /**
   * What a server must have been started with to answer now: the command's build as the {@code kata}
   * script left it ({@code grader/target/kata-classpath.txt}, which it touches after every build), the
   * command's classes (the script packs them in a new jar when they are newer than its jar: the client
   * runs before it looks) and the files of this JVM's classpath (that jar, and the libraries).
   */
  static String key(Path root) {
    StringBuilder k = new StringBuilder();
    k.append(Background.newestModification(root.resolve("grader/target/kata-classpath.txt")));
    k.append('-').append(Long.toHexString(Background.newestModification(root.resolve("grader/target/classes"))));
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        k.append('-').append(Long.toHexString(Background.newestModification(Path.of(entry))));
      }
    }
    return Integer.toHexString(k.toString().hashCode()) + Long.toHexString(k.length());
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(System.getProperty("kata.root")).toAbsolutePath().normalize();
    ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    CommandServer s = new CommandServer(root, System.getProperty("kata.java", ""), socket);
    s.warmUp();
    s.announce();
    Runtime.getRuntime().addShutdownHook(new Thread(s::forget, "kata-server-forget"));
    s.serve();
  }

  /** Loads what every check needs before the first one arrives: picocli's model of it, the catalog. */
  private void warmUp() {
    try {
      Env env = new Env(root, Clock.systemDefaultZone(), new BufferedReader(new StringReader("")), null,
          Duration.ofMillis(200)).environment(Map.of()).terminal(false).coloursAsPicocliWould();
      CommandLine cl = Main.commandLine(env, new String[] {SERVED});
      cl.setOut(new PrintWriter(OutputStream.nullOutputStream()));
      cl.setErr(new PrintWriter(OutputStream.nullOutputStream()));
      cl.execute(SERVED, "--help");
      Catalog.load(env.repo());
    } catch (RuntimeException e) {
      // only a warm-up
    }
  }

  private void announce() throws IOException {
    long start = Background.startOfThisProcess();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // The token is for this user's commands only.
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, server.getLocalPort() + " " + token + " " + ProcessHandle.current().pid() + " " + start
        + " " + key + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the announcement if it is still this server's. */
  private void forget() {
    try {
      if (Files.readString(file, StandardCharsets.UTF_8).contains(token)) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | RuntimeException e) {
      // gone already, or another server's now
    }
  }

  private void serve() throws IOException {
    long idle = Long.getLong("kata.serverIdle", IDLE.toMillis());
    long lastRequest = System.nanoTime();
    // Every few seconds without a request, look whether this server is still the announced one (two
    // commands may each have left one) and still of the current build.
    server.setSoTimeout((int) Math.min(5_000, idle));
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (SocketTimeoutException unused) {
        if (System.nanoTime() - lastRequest > idle * 1_000_000 || !stillAnnounced() || !key.equals(key(root))) {
          forget();
          System.exit(0);
        }
        continue;
      }
      try (client) {
        answer(client);
      } catch (IOException | RuntimeException e) {
        // that client is gone; wait for the next
      }
      lastRequest = System.nanoTime();
    }
  }

  private boolean stillAnnounced() {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).contains(token);
    } catch (IOException e) {
      return false;
    }
  }

  /** One request from the client on {@code client}: the command's output and exit code, or a refusal. */
  private void answer(Socket client) throws IOException {
    client.setSoTimeout(5_000);
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    Frames frames = new Frames(new BufferedOutputStream(client.getOutputStream()));
    Request r = Request.read(in);
    if (r == null || !r.token.equals(token) || !r.root.equals(root.toString()) || !r.launcher.equals(launcher)
        || r.args.isEmpty() || !r.args.get(0).equals(SERVED) || !sameProcessVariables(r.environment)) {
      frames.refuse();
      return;
    }
    if (!key.equals(key(root))) {
      // The command was rebuilt since this server started: the script runs the new build itself.
      frames.refuse();
      forget();
      System.exit(0);
    }
    // A client that waited too long for this server (busy with another check) has given up and run the
    // command itself: its request, read from the queue, is dropped. It would have closed its connection.
    client.setSoTimeout(1);
    try {
      in.read();
      return;
    } catch (SocketTimeoutException stillWaiting) {
      client.setSoTimeout(0);
    }
    frames.accept();
    // The client sends nothing more; its stream ends when it is gone (Ctrl-C). Then this server ends as
    // the command's own process would, and its shutdown hooks stop the grading JVM.
    boolean[] done = {false};
    Thread watch = new Thread(() -> {
      try {
        while (in.read() >= 0) {
          // nothing more is sent
        }
      } catch (IOException e) {
        // closed
      }
      synchronized (done) {
        if (!done[0]) {
          System.exit(130);
        }
      }
    }, "kata-server-client-watch");
    watch.setDaemon(true);
    watch.start();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    PrintStream out = new PrintStream(frames.stream('o', 'p'), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(frames.stream('e', 'f'), true, StandardCharsets.UTF_8);
    int code;
    System.setOut(out);
    System.setErr(err);
    try {
      Env env = new Env(root, Clock.systemDefaultZone(), new BufferedReader(new StringReader("")), null,
          Duration.ofMillis(200)).environment(r.environment).terminal(r.terminal).coloursAsPicocliWould();
      String[] args = r.args.toArray(new String[0]);
      CommandLine cl = Main.commandLine(env, args);
      cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
      cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
      code = cl.execute(args);
      CheckCommand.debug("exit " + code);
      cl.getOut().flush();
      cl.getErr().flush();
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
    }
    synchronized (done) {
      done[0] = true;
    }
    frames.exit(code);
  }

  private static boolean sameProcessVariables(Map<String, String> client) {
    for (String name : PROCESS_VARIABLES) {
      if (!Objects.equals(client.get(name), System.getenv(name))) {
        return false;
      }
    }
    return true;
  }

  /** A client's request, as its lines said it. */
  private record Request(String token, String root, String launcher, boolean terminal, Map<String, String> environment,
      List<String> args) {
    /** The request on {@code in}, or null when it is not one. */
    static Request read(BufferedReader in) throws IOException {
      if (!"kata-server 1".equals(in.readLine())) {
        return null;
      }
      String token = in.readLine();
      String root = in.readLine();
      String launcher = in.readLine();
      String tty = in.readLine();
      if (token == null || root == null || launcher == null || tty == null || !tty.startsWith("tty ")) {
        return null;
      }
      Map<String, String> environment = new HashMap<>();
      List<String> args = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("end")) {
          return new Request(token, root, launcher, tty.equals("tty 1"), environment, args);
        } else if (line.startsWith("arg ")) {
          args.add(line.substring(4));
        } else if (line.startsWith("env ") && line.indexOf('=') > 4) {
          String name = line.substring(4, line.indexOf('='));
          if (PASSED_VARIABLES.contains(name) || PROCESS_VARIABLES.contains(name)) {
            environment.put(name, line.substring(line.indexOf('=') + 1));
          }
        } else {
          return null;
        }
      }
      return null;
    }
  }

  /** The answer's lines, written one at a time to the client. */
  private static final class Frames {
    private final OutputStream socket;

    Frames(OutputStream socket) {
      this.socket = socket;
    }

    /** A stream whose lines become frames led by {@code line}, and whose flushed rest by {@code partial}. */
    OutputStream stream(char line, char partial) {
      return new OutputStream() {
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        @Override
        public void write(int b) {
          synchronized (Frames.this) {
            if (b == '\n') {
              frame(line, pending.toByteArray());
              pending.reset();
            } else {
              pending.write(b);
            }
          }
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (Frames.this) {
            for (int i = off; i < off + len; i++) {
              write(b[i]);
            }
          }
        }

        @Override
        public void flush() {
          synchronized (Frames.this) {
            if (pending.size() > 0) {
              frame(partial, pending.toByteArray());
              pending.reset();
            }
            try {
              socket.flush();
            } catch (IOException e) {
              // the client is gone; its watch ends this process
            }
          }
        }
      };
    }

    private synchronized void frame(char kind, byte[] text) {
      try {
        socket.write(kind);
        socket.write(text);
        socket.write('\n');
      } catch (IOException e) {
        // the client is gone; its watch ends this process
      }
    }

    synchronized void exit(int code) throws IOException {
      frame('x', Integer.toString(code).getBytes(StandardCharsets.US_ASCII));
      socket.flush();
    }

    synchronized void accept() throws IOException {
      frame('a', new byte[0]);
      socket.flush();
    }

    synchronized void refuse() throws IOException {
      frame('r', new byte[0]);
      socket.flush();
    }
  }

  /**
   * Leaves a command server for the next {@code kata check} of the repository at {@code root}, unless one
   * of this build answers there already. It runs this JVM's own command line with this class as the main
   * class (so the same java, options and class-data archive), started as a spare grading JVM is
   * ({@link Background#start}). Only the {@code kata} script's command does this (it
   * names its java launcher in {@code -Dkata.java}), and only where its client can run: not on Windows,
   * nor without bash on the PATH.
   */
  static void leave(Path root) {
    if (System.getProperty("kata.java") == null || File.separatorChar != '/' || !new File("/bin/sh").canExecute()
        || "0".equals(System.getenv("KATA_SERVER")) || !onPath("bash")) {
      return;
    }
    Path file = announcement(root);
    String key = key(root);
    Optional<String[]> current = read(file);
    if (current.isPresent()) {
      Optional<ProcessHandle> h = handleOf(current.get());
      if (h.isPresent() && current.get()[4].equals(key)) {
        return;
      }
      h.ifPresent(ProcessHandle::destroy);
    }
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isEmpty() || info.arguments().isEmpty()) {
      return;
    }
    List<String> jvm = new ArrayList<>();
    for (String a : info.arguments().get()) {
      if (a.equals(Main.class.getName())) {
        break;
      }
      jvm.add(a);
    }
    List<String> cmd = new ArrayList<>(List.of(info.command().get()));
    cmd.addAll(jvm);
    cmd.add(CommandServer.class.getName());
    try {
      Background.start(cmd, root.resolve(".kata/logs/command-server.log"));
    } catch (RuntimeException e) {
      // no server: the next check starts its own process, as without one
    }
  }

  /** Whether {@code program} is on the PATH: without bash, the script never asks a server. */
  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** The announcement's fields: port, token, pid, start, key. */
  private static Optional<String[]> read(Path file) {
    try {
      String[] f = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
      return f.length == 5 ? Optional.of(f) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The announced server's process, if it still runs: the same pid and start time (pids are reused). */
  private static Optional<ProcessHandle> handleOf(String[] announced) {
    try {
      return Background.find(Long.parseLong(announced[2]), Long.parseLong(announced[3]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

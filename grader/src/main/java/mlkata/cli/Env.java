package mlkata.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the command depends on from the outside world, injected so tests can drive it: the repository
 * root, a clock, standard input (for confirmations), optionally the classpath of the grading JVM, and
 * (for tests) the environment variables.
 */
public final class Env {
  final Path root;
  final Clock clock;
  final BufferedReader in;
  /** The grader's classpath for the child JVM, or null to read it from the build output. */
  final List<Path> graderClasspath;
  /** How often loops (watch, drill) look at the clock and the files. */
  final Duration poll;
  /** The process environment ({@code BROWSER}, {@code DISPLAY}...): the real one unless a test set one. */
  private java.util.Map<String, String> environment;
  /** Whether standard output is a terminal (countdown in place, screen cleared); null: ask the JVM. */
  private Boolean terminal;
  /** Colours on or off, for a command server's client; null: picocli decides from this process's console. */
  private picocli.CommandLine.Help.Ansi ansi;

  public Env(Path root, Clock clock, BufferedReader in, List<Path> graderClasspath, Duration poll) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.in = Objects.requireNonNull(in, "in");
    this.graderClasspath = graderClasspath;
    this.poll = Objects.requireNonNull(poll, "poll");
  }

  /** The environment of a real run: the root from {@code -Dkata.root} or the working directory. */
  public static Env system() {
    String root = System.getProperty("kata.root", System.getProperty("user.dir"));
    return new Env(Path.of(root), Clock.systemDefaultZone(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), null,
        Duration.ofMillis(200));
  }

  /** True when the output is a terminal: {@code System.console()} unless a test said otherwise. */
  boolean terminal() {
    return terminal != null ? terminal : System.console() != null;
  }

  /** For tests: behave as if the output were (or were not) a terminal. */
  Env terminal(boolean isTerminal) {
    this.terminal = isTerminal;
    return this;
  }

  /** The environment variable {@code name}, or null: from the map a test gave, else the process's. */
  String getenv(String name) {
    return environment != null ? environment.get(name) : System.getenv(name);
  }

  /** For tests: read environment variables from {@code variables} instead of the process's environment. */
  Env environment(java.util.Map<String, String> variables) {
    this.environment = java.util.Map.copyOf(variables);
    return this;
  }

  /** Whether the output is coloured, or null when picocli decides (a command run in its own process). */
  picocli.CommandLine.Help.Ansi ansi() {
    return ansi;
  }

  /**
   * Sets the colours as picocli would choose them for a process whose environment is this one's and whose
   * output is a terminal when {@link #terminal()} says so (its rules on Linux and macOS): {@code NO_COLOR}
   * turns them off, {@code CLICOLOR_FORCE} other than 0 on, {@code CLICOLOR=0} off; otherwise a
   * terminal has them.
   */
  Env coloursAsPicocliWould() {
    String force = getenv("CLICOLOR_FORCE");
    boolean on = getenv("NO_COLOR") == null
        && (force != null && !force.equals("0") || !"0".equals(getenv("CLICOLOR")) && terminal());
    this.ansi = on ? picocli.CommandLine.Help.Ansi.ON : picocli.CommandLine.Help.Ansi.OFF;
    return this;
  }

  Repo repo() {
    return new Repo(root);
  }
}

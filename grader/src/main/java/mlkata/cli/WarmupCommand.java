package mlkata.cli;

import mlkata.grading.Kata;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Hidden: compiles the first kata's file into a temporary directory and throws the classes away. The
 * {@code kata} script runs it once after a build with class-data sharing recording, so the archive
 * holds javac's classes too.
 */
@Command(name = "warmup", hidden = true, mixinStandardHelpOptions = true, description = "Warm-up for the class-data archive.")
final class WarmupCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Session s = new Session(main, spec.commandLine());
    List<Kata> katas = s.catalog().all();
    s.state();
    if (katas.isEmpty()) {
      return 0;
    }
    Path tmp = Files.createTempDirectory("kata-warmup");
    try {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        File source = s.repo.file(katas.get(0).exercisePath()).toFile();
        javac.getTask(new StringWriter(), files, null, List.of("-d", tmp.toString(), "-proc:none", "-implicit:none",
            "-g", "-encoding", "UTF-8", "-Xlint:none", "--release", "17", "-nowarn"), null,
            files.getJavaFileObjects(source)).call();
      }
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    return 0;
  }
}

package mlkata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kata show} end to end on the fixture's {@code fake/echo}, whose picture is compiled into the
 * fixture: the learner's code runs in the grading JVM, under the sandbox, and every way it can go wrong
 * still gives a page with the reference's picture.
 */
@Timeout(180)
class ShowCommandTest {
  @TempDir
  Path dir;

  private Document page(FakeRepo repo) throws Exception {
    return Jsoup.parse(Files.readString(dir.resolve(".kata/show/fake/echo.html"), StandardCharsets.UTF_8));
  }

  @Test
  void a_stub_gets_the_reference_picture_and_not_started_in_words_then_a_right_answer_draws_both_lines()
      throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    FakeRepo.Run run = repo.run("show", "echo");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("fake/echo: 1 problem with your code")
        .contains("Page: " + dir.resolve(".kata/show/fake/echo.html").toUri());
    Document doc = page(repo);
    assertThat(doc.select("#errors").text()).contains("echo: not started (it still throws the stub's exception)");
    assertThat(doc.select("svg")).hasSize(1);
    assertThat(doc.select("svg").text()).contains("reference").doesNotContain("yours");
    assertThat(doc.select("script")).isEmpty();

    repo.learner("return x;");
    run = repo.run("show", "echo");
    assertThat(run.out()).as(run.toString()).contains("fake/echo: drawn, yours over the reference's.");
    doc = page(repo);
    assertThat(doc.select("#errors")).isEmpty();
    assertThat(doc.select("svg").text()).contains("reference").contains("yours");
  }

  @Test
  void code_that_throws_loops_is_refused_or_does_not_compile_is_named_on_the_page() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    repo.learner("if (x == 3) { throw new IllegalStateException(\"three is unlucky\"); } return x;");
    FakeRepo.Run run = repo.run("show", "echo");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(page(repo).select("#errors").text()).contains("IllegalStateException: three is unlucky");

    repo.learner("try { new java.io.FileInputStream(\"/etc/passwd\").close(); } catch (java.io.IOException e) { } return x;");
    run = repo.run("show", "echo");
    assertThat(page(repo).select("#errors").text()).as(run.toString()).contains("your code was not run")
        .contains("java.io.FileInputStream");

    repo.learner("return x");
    run = repo.run("show", "echo");
    assertThat(run.out()).contains("does not compile");
    assertThat(page(repo).select("#errors").text()).contains("javac").contains("';' expected");
    assertThat(page(repo).select("svg")).as("the reference is drawn all the same").hasSize(1);

    repo.learner("while (true) { }");
    run = repo.run("show", "echo", "--timeout", "1");
    assertThat(page(repo).select("#errors").text()).as(run.toString()).contains("did not finish");
  }

  @Test
  void a_kata_without_a_picture_is_refused_and_check_names_the_show_command_for_one_with_a_picture()
      throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    FakeRepo.Run run = repo.run("show", "twice");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("fake/twice has no picture; the katas with one: echo");
    repo.learner("return x + 1;");
    FakeRepo.Run check = repo.run("check", "echo");
    assertThat(check.out()).as(check.toString()).contains("See it: kata show echo");
    FakeRepo.Run stub = repo.run("check", "twice");
    assertThat(stub.out()).doesNotContain("kata show");
  }

  @Test
  void the_progress_report_links_a_drawn_picture() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    assertThat(repo.run("show", "echo").code()).isZero();
    repo.run("progress");
    Document doc = Jsoup.parse(Files.readString(dir.resolve(".kata/progress.html"), StandardCharsets.UTF_8));
    assertThat(doc.select("a[href=show/fake/echo.html]")).hasSize(1);
  }

  @Test
  void the_stub_page_renders_in_a_headless_browser() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    repo.run("show", "echo");
    HeadlessBrowser browser = HeadlessBrowser.find(dir);
    HeadlessBrowser.Visit visit = browser.visit(dir.resolve(".kata/show/fake/echo.html"), "show-echo-stub", 1100, 1000);
    visit.assertRenderedCleanly("the show page of a stub");
    HeadlessBrowser.keep(dir, "show-echo-stub");
  }

  @Test
  void a_wrong_answer_is_also_drawn_on_the_smallest_failing_input_the_grader_found_and_the_page_renders()
      throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    repo.addEchoProperty();
    // Right on the picture's fixed input (0..4), wrong from 7 up: only the grader's property finds it.
    repo.learner("return x >= 7 ? x + 1 : x;");
    FakeRepo.Run run = repo.run("show", "echo");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("fake/echo: drawn, yours over the reference's.")
        .containsPattern("fake/echo: also drawn on the smallest failing input the grader found \\(property 'echo\\(x\\) = x',"
            + " seed -?\\d+\\), under the first picture\\.");
    Document doc = page(repo);
    assertThat(doc.select("#failing h2").text()).startsWith("On the smallest failing input the grader found: property"
        + " 'echo(x) = x', seed ");
    assertThat(doc.select("#failing .input").text()).as("shrunk to the first failing value").isEqualTo("Input: x = 7");
    assertThat(doc.select("#failing .errors").text()).contains("echo(7) = 8 where the reference returns 7");
    assertThat(doc.select("#failing .errors li.said").text()).as("the check's own message")
        .startsWith("Property 'echo(x) = x' does not hold.").contains("Smallest failing input: 7");
    assertThat(doc.select("#failing svg")).hasSize(1);
    assertThat(doc.select("svg")).hasSize(2);
    assertThat(doc.select("#ok").text()).contains("one of the grader's properties fails on another");
    HeadlessBrowser browser = HeadlessBrowser.find(dir);
    HeadlessBrowser.Visit visit = browser.visit(dir.resolve(".kata/show/fake/echo.html"), "show-echo-failing", 1100, 1400);
    visit.assertRenderedCleanly("the show page with a failing input");
    HeadlessBrowser.keep(dir, "show-echo-failing");

    // The reference (and a right answer) fails no property: no second section.
    run = repo.run("show", "echo", "--reference");
    assertThat(run.out()).as(run.toString()).doesNotContain("smallest failing input");
    assertThat(page(repo).select("#failing")).isEmpty();
    repo.learner("return x;");
    run = repo.run("show", "echo");
    assertThat(run.out()).as(run.toString()).doesNotContain("smallest failing input");
    assertThat(page(repo).select("#failing")).isEmpty();
  }

  @Test
  void open_runs_the_command_in_BROWSER_with_the_page_and_without_a_desktop_or_BROWSER_says_so() throws Exception {
    FakeRepo repo = new FakeRepo(dir);
    repo.addEchoPicture();
    Path script = dir.resolve("fake-browser.sh");
    Path record = dir.resolve("browser-args.txt");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + record + ".tmp' && mv '" + record + ".tmp' '" + record + "'\n");
    assertThat(script.toFile().setExecutable(true)).isTrue();
    repo.environment = java.util.Map.of("BROWSER", script.toString());
    FakeRepo.Run run = repo.run("show", "echo", "--open");
    assertThat(run.out()).as(run.toString()).contains("Opened with " + script + " (from BROWSER).");
    Path page = dir.resolve(".kata/show/fake/echo.html");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(record) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readAllLines(record)).containsExactly(page.toString());

    repo.environment = java.util.Map.of();
    run = repo.run("show", "echo", "--open");
    assertThat(run.out()).as(run.toString()).contains("(--open: no desktop here (neither DISPLAY nor WAYLAND_DISPLAY is set,"
        + " nor BROWSER); open the address above in a browser)");
    assertThat(run.code()).isZero();
  }
}

package mlkata.grader.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the learner's code prints, caught per check. {@code System.out} and {@code System.err} are
 * replaced by streams that append to the buffer of the check running now, up to {@link #LIMIT} bytes
 * a check; the rest is counted and dropped. Printing can therefore never reach the results channel, and
 * a print without a newline, or megabytes of it, only ever shows up as that check's output.
 *
 * <p>Two passes may run at once (the efficiency checks run on a second thread): each thread that runs
 * checks names its lane, threads it starts inherit the lane, and each lane has its own current check.
 */
final class OutputCapture {
  /** Bytes kept per check. */
  static final int LIMIT = 1 << 20;

  private static final InheritableThreadLocal<String> LANE = new InheritableThreadLocal<>() {
    @Override
    protected String initialValue() {
      return "main";
    }
  };

  private final Map<String, String> current = new HashMap<>();
  private final Map<String, Buffer> buffers = new HashMap<>();

  private static final class Buffer {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long dropped;
  }

  /** Replaces the standard streams with this capture. */
  void install() {
    PrintStream capture = new PrintStream(new Sink(), true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
  }

  /** Names the lane of the calling thread and of the threads it starts from now on. */
  static void lane(String name) {
    LANE.set(name);
  }

  /** The check {@code id} starts on the calling thread's lane. */
  synchronized void start(String id) {
    current.put(LANE.get(), id);
    buffers.put(id, new Buffer());
  }

  /** What check {@code id} printed, with a note when some was dropped; empty when nothing. */
  synchronized String finish(String id) {
    current.values().remove(id);
    Buffer b = buffers.remove(id);
    if (b == null) {
      return "";
    }
    String text = b.bytes.toString(StandardCharsets.UTF_8);
    if (b.dropped > 0) {
      text += "\n[output cut: " + b.dropped + " more bytes after the first " + LIMIT + " were not kept]";
    }
    return text;
  }

  private synchronized void write(byte[] data, int off, int len) {
    String id = current.get(LANE.get());
    Buffer b = id == null ? null : buffers.get(id);
    if (b == null) {
      return; // printed between checks (a static initializer, a stray thread): no check to show it with
    }
    int room = (int) Math.max(0, LIMIT - b.bytes.size());
    int kept = Math.min(room, len);
    b.bytes.write(data, off, kept);
    b.dropped += len - kept;
  }

  private final class Sink extends OutputStream {
    @Override
    public void write(int b) {
      OutputCapture.this.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      OutputCapture.this.write(b, off, len);
    }
  }
}

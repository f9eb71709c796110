package mlkata.grading;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The results channel between the command and the grading JVM. Results never travel on the grading
 * JVM's standard output, which belongs to the learner's code: the command listens on a loopback socket,
 * tells the grading JVM its port and a fresh random token on standard input, and the grading JVM
 * connects back and opens with the token. Each frame is a 4-byte length and that many bytes of UTF-8
 * JSON. Learner code has no handle to the socket (the sandbox refuses {@code java.net} and friends),
 * and whatever it prints is captured per check and travels inside the frames, as data.
 */
public final class Protocol {
  /** The largest frame either side accepts: a check's captured output is capped well below it. */
  public static final int MAX_FRAME = 8 << 20;

  private static final Gson GSON = new Gson();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Protocol() {}

  /** A fresh token for one run. */
  public static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Writes one frame and flushes it. Callers serialize their writes. */
  public static void write(DataOutputStream out, JsonObject frame) throws IOException {
    byte[] bytes = GSON.toJson(frame).getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_FRAME) {
      throw new IOException("frame of " + bytes.length + " bytes is over the limit of " + MAX_FRAME);
    }
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  /** Reads one frame; null at the end of the stream. */
  public static JsonObject read(DataInputStream in) throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException end) {
      return null;
    }
    if (length < 0 || length > MAX_FRAME) {
      throw new IOException("frame length " + length + " is out of range: not a grading JVM speaking");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    JsonObject frame = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
    if (frame == null) {
      throw new IOException("empty frame");
    }
    return frame;
  }
}

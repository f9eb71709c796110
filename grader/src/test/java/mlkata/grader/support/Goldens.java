package mlkata.grader.support;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Golden cases computed by the real libraries (scikit-learn, PyTorch, torchvision, SciPy, XGBoost) and
 * committed as JSON under {@code grader/src/test/resources/goldens/<topic>/<kata>.json}. The generator
 * scripts live in {@code grader/tools/goldens/}; the specs only read their output.
 *
 * <p>A fixture is {@code {"library": "...", "cases": [{"name": ..., "input": {...}, "expected": {...}}]}}.
 * Python's json module writes {@code Infinity} and {@code NaN}, which the parser accepts.
 */
public final class Goldens {
  private Goldens() {}

  /** The cases of a fixture, such as {@code cases("metrics/roc-auc")}. */
  public static List<Case> cases(String fixture) {
    String resource = "/goldens/" + fixture + ".json";
    try (InputStream in = Goldens.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing golden fixture " + resource
            + " (regenerate with grader/tools/goldens/generate)");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
        String library = root.has("library") ? root.get("library").getAsString() : "?";
        List<Case> out = new ArrayList<>();
        for (JsonElement c : root.getAsJsonArray("cases")) {
          JsonObject o = c.getAsJsonObject();
          out.add(new Case(o.get("name").getAsString(), library,
              new Values(o.getAsJsonObject("input")), new Values(o.getAsJsonObject("expected"))));
        }
        if (out.isEmpty()) {
          throw new IllegalStateException("golden fixture " + resource + " has no cases");
        }
        // The simplest case first: when several goldens fail, the one a learner can check by hand leads.
        out.sort(Comparator.comparingInt(c -> c.input().toString().length()));
        return out;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One golden case: its inputs and what the library returned. */
  public record Case(String name, String library, Values input, Values expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Typed access to the fields of a case's {@code input} or {@code expected} object. */
  public static final class Values {
    private final JsonObject json;

    Values(JsonObject json) {
      this.json = Objects.requireNonNull(json, "json");
    }

    public boolean has(String key) {
      return json.has(key) && !json.get(key).isJsonNull();
    }

    public double number(String key) {
      return get(key).getAsDouble();
    }

    public long integer(String key) {
      return get(key).getAsLong();
    }

    public boolean bool(String key) {
      return get(key).getAsBoolean();
    }

    public String string(String key) {
      return get(key).getAsString();
    }

    public double[] doubles(String key) {
      return toDoubles(get(key).getAsJsonArray());
    }

    public int[] ints(String key) {
      JsonArray a = get(key).getAsJsonArray();
      int[] out = new int[a.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = a.get(k).getAsInt();
      }
      return out;
    }

    public boolean[] bools(String key) {
      JsonArray a = get(key).getAsJsonArray();
      boolean[] out = new boolean[a.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = a.get(k).getAsBoolean();
      }
      return out;
    }

    /** A rectangular 2-D array of numbers. */
    public double[][] matrix(String key) {
      JsonArray rows = get(key).getAsJsonArray();
      double[][] out = new double[rows.size()][];
      for (int r = 0; r < out.length; r++) {
        out[r] = toDoubles(rows.get(r).getAsJsonArray());
      }
      return out;
    }

    /** A rectangular 2-D array of integers. */
    public int[][] intMatrix(String key) {
      JsonArray rows = get(key).getAsJsonArray();
      int[][] out = new int[rows.size()][];
      for (int r = 0; r < out.length; r++) {
        JsonArray row = rows.get(r).getAsJsonArray();
        out[r] = new int[row.size()];
        for (int k = 0; k < out[r].length; k++) {
          out[r][k] = row.get(k).getAsInt();
        }
      }
      return out;
    }

    /** A 2-D array of booleans (a mask). */
    public boolean[][] boolMatrix(String key) {
      JsonArray rows = get(key).getAsJsonArray();
      boolean[][] out = new boolean[rows.size()][];
      for (int r = 0; r < out.length; r++) {
        JsonArray row = rows.get(r).getAsJsonArray();
        out[r] = new boolean[row.size()];
        for (int k = 0; k < out[r].length; k++) {
          out[r][k] = row.get(k).getAsBoolean();
        }
      }
      return out;
    }

    /** A 3-D array of numbers, such as {@code [N][C][S]} activations or per-member probability rows. */
    public double[][][] cube(String key) {
      JsonArray outer = get(key).getAsJsonArray();
      double[][][] out = new double[outer.size()][][];
      for (int i = 0; i < out.length; i++) {
        JsonArray rows = outer.get(i).getAsJsonArray();
        out[i] = new double[rows.size()][];
        for (int r = 0; r < out[i].length; r++) {
          out[i][r] = toDoubles(rows.get(r).getAsJsonArray());
        }
      }
      return out;
    }

    /** A nested object, for structured inputs or outputs. */
    public Values object(String key) {
      return new Values(get(key).getAsJsonObject());
    }

    /** A list of nested objects. */
    public List<Values> objects(String key) {
      List<Values> out = new ArrayList<>();
      for (JsonElement e : get(key).getAsJsonArray()) {
        out.add(new Values(e.getAsJsonObject()));
      }
      return out;
    }

    /** The raw JSON, for shapes the accessors above do not cover. */
    public JsonElement raw(String key) {
      return get(key);
    }

    private JsonElement get(String key) {
      JsonElement e = json.get(key);
      if (e == null) {
        throw new IllegalStateException("golden case has no field '" + key + "': " + json.keySet());
      }
      return e;
    }

    private static double[] toDoubles(JsonArray a) {
      double[] out = new double[a.size()];
      for (int k = 0; k < out.length; k++) {
        out[k] = a.get(k).getAsDouble();
      }
      return out;
    }

    @Override
    public String toString() {
      return json.toString();
    }
  }
}

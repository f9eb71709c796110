package mlkata.grader.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import mlkata.grader.support.NotStarted;

/**
 * The data of one kata's picture ({@code kata show}), computed in the grading JVM and sent to the command
 * as JSON; the command draws it. A figure has panels; a panel has lines (learner, reference or a guide),
 * a grid of cells, or boxes. The learner's code runs only through {@link #learner}, which turns a
 * throw, a stub, a refusal by the sandbox or an endless loop into words on the page.
 */
public final class Figure {
  /** The learner's code gets this long per call before the page says it did not finish ({@code kata show --timeout}). */
  static volatile long learnerMillis = 10_000;

  /** Whose data a line or grid is: the command draws each in its own style. */
  public static final String LEARNER = "learner";
  public static final String REFERENCE = "reference";
  public static final String GUIDE = "guide";
  /** Input data drawn for context (two samples' CDFs, say): solid, in colours of their own. */
  public static final String DATA = "data";

  private final JsonObject root = new JsonObject();
  private final JsonArray panels = new JsonArray();
  private final JsonArray errors = new JsonArray();
  /** Why the learner's code must not run at all (refused by the sandbox, did not compile), or null. */
  private String blocked;
  private boolean timedOut;
  /** Calls of the learner's code, and how many of them met a stub ("not started"). */
  private int learnerCalls;
  private int stubCalls;

  public Figure(String title, String input) {
    root.addProperty("title", title);
    root.addProperty("input", input);
    root.add("panels", panels);
    root.add("learnerErrors", errors);
    blocked = blockedForAll;
    if (blocked != null) {
      errors.add(blocked);
    }
  }

  /** Set by the picture runner before a picture is drawn: why no learner code may run, or null. */
  static volatile String blockedForAll;

  static void blockAll(String reason) {
    blockedForAll = reason;
  }

  boolean timedOut() {
    return timedOut;
  }

  /**
   * True when the learner's code ran on this figure: not blocked, not out of time, and not every call
   * a stub. Only then can the grader's checks find a failing input worth drawing.
   */
  boolean learnerRan() {
    return blocked == null && !timedOut && stubCalls < learnerCalls;
  }

  /** True when the learner's code may run. */
  public boolean learnerRuns() {
    return blocked == null && !timedOut;
  }

  /**
   * Runs the learner's code; null when it threw, is a stub, may not run, or did not finish in time (the
   * reason is recorded once per {@code what}, and shown on the page).
   */
  public <T> T learner(String what, Callable<T> call) {
    if (blocked != null || timedOut) {
      return null;
    }
    learnerCalls++;
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(call.call());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "picture-learner");
    t.setDaemon(true);
    t.start();
    try {
      t.join(learnerMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      timedOut = true;
      error(what + ": did not finish within " + learnerMillis / 1000.0 + " s (an endless loop?); the rest of your code"
          + " was not run");
      return null;
    }
    Throwable e = failure.get();
    if (e != null) {
      stubCalls += NotStarted.isStub(e) ? 1 : 0;
      error(what + ": " + (NotStarted.isStub(e) ? "not started (it still throws the stub's exception)"
          : KataRunner.describe(e)));
      return null;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result.get();
    if (value == null) {
      error(what + ": returned null");
    }
    return value;
  }

  /** A note on what the learner's code did wrong, shown above the pictures. */
  public void error(String message) {
    for (var e : errors) {
      if (e.getAsString().equals(message)) {
        return;
      }
    }
    errors.add(message);
  }

  /** A new panel of lines over numeric axes; {@code square}: both axes span [0, 1]. */
  public Panel xy(String title, String xLabel, String yLabel, boolean square) {
    Panel p = new Panel("xy", title);
    p.json.addProperty("xLabel", xLabel);
    p.json.addProperty("yLabel", yLabel);
    p.json.addProperty("square", square);
    p.json.add("lines", new JsonArray());
    panels.add(p.json);
    return p;
  }

  /** A new panel of grids (a heatmap each), drawn side by side; {@code lo}..{@code hi} is the colour scale. */
  public Panel grids(String title, String xLabel, String yLabel, double lo, double hi) {
    Panel p = new Panel("grids", title);
    p.json.addProperty("xLabel", xLabel);
    p.json.addProperty("yLabel", yLabel);
    p.json.addProperty("lo", lo);
    p.json.addProperty("hi", hi);
    p.json.add("grids", new JsonArray());
    panels.add(p.json);
    return p;
  }

  /** A new panel of boxes on a canvas {@code width} x {@code height} (y down, like an image). */
  public Panel boxes(String title, double width, double height) {
    Panel p = new Panel("boxes", title);
    p.json.addProperty("width", width);
    p.json.addProperty("height", height);
    p.json.add("sets", new JsonArray());
    panels.add(p.json);
    return p;
  }

  /** A new panel of bars: one group per category, one bar per series. */
  public Panel bars(String title, String valueLabel, String[] categories) {
    Panel p = new Panel("bars", title);
    p.json.addProperty("yLabel", valueLabel);
    p.json.add("categories", strings(categories));
    p.json.add("series", new JsonArray());
    panels.add(p.json);
    return p;
  }

  public JsonObject json() {
    return root;
  }

  static JsonArray numbers(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(Double.isFinite(v) ? new JsonPrimitive(v) : new JsonPrimitive(String.valueOf(v)));
    }
    return a;
  }

  static JsonArray strings(String[] values) {
    JsonArray a = new JsonArray();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  /** One panel of the figure. */
  public static final class Panel {
    final JsonObject json = new JsonObject();

    Panel(String kind, String title) {
      json.addProperty("kind", kind);
      json.addProperty("title", title);
    }

    /** Drawn half as wide, two to a row (a figure of many small panels). */
    public Panel half() {
      json.addProperty("half", true);
      return this;
    }

    /** A sentence under the panel: what to look for. */
    public Panel note(String text) {
      json.addProperty("note", text);
      return this;
    }

    /** A line through the points (x[i], y[i]); {@code who}: {@link #LEARNER}, {@link #REFERENCE} or {@link #GUIDE}. */
    public Panel line(String name, String who, double[] x, double[] y) {
      if (x == null || y == null) {
        return this;
      }
      JsonObject l = new JsonObject();
      l.addProperty("name", name);
      l.addProperty("who", who);
      l.add("x", numbers(x));
      l.add("y", numbers(y));
      json.getAsJsonArray("lines").add(l);
      return this;
    }

    /**
     * A grid of values ({@code values[row][col]}) with the cells where {@code marked} is true crossed out
     * (masked attention, say); null values draw nothing.
     */
    public Panel grid(String name, String who, double[][] values, boolean[][] marked) {
      if (values == null) {
        return this;
      }
      JsonObject g = new JsonObject();
      g.addProperty("name", name);
      g.addProperty("who", who);
      JsonArray rows = new JsonArray();
      for (double[] row : values) {
        rows.add(numbers(row));
      }
      g.add("values", rows);
      if (marked != null) {
        JsonArray m = new JsonArray();
        for (boolean[] row : marked) {
          JsonArray r = new JsonArray();
          for (boolean b : row) {
            r.add(b);
          }
          m.add(r);
        }
        g.add("marked", m);
      }
      json.getAsJsonArray("grids").add(g);
      return this;
    }

    /**
     * A set of boxes ({@code [x1, y1, x2, y2]}) drawn on one canvas; {@code state[i]}: kept, suppressed or
     * decayed; {@code score[i]} sets the opacity; {@code tip[i]}: the text shown on hover.
     */
    public Panel boxSet(String name, String who, double[][] boxes, double[] score, String[] state, String[] tip) {
      JsonObject s = new JsonObject();
      s.addProperty("name", name);
      s.addProperty("who", who);
      JsonArray list = new JsonArray();
      for (int i = 0; i < boxes.length; i++) {
        JsonObject b = new JsonObject();
        b.add("box", numbers(boxes[i]));
        b.addProperty("score", score[i]);
        b.addProperty("state", state[i]);
        b.addProperty("tip", tip[i]);
        list.add(b);
      }
      s.add("boxes", list);
      json.getAsJsonArray("sets").add(s);
      return this;
    }

    /** One series of bars. */
    public Panel series(String name, String who, double[] values) {
      if (values == null) {
        return this;
      }
      JsonObject s = new JsonObject();
      s.addProperty("name", name);
      s.addProperty("who", who);
      s.add("values", numbers(values));
      json.getAsJsonArray("series").add(s);
      return this;
    }
  }
}

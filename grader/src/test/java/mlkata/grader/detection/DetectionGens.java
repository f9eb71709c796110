package mlkata.grader.detection;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.List;
import mlkata.grader.support.Gens;
import org.quicktheories.core.Gen;

/**
 * Generators for the detection katas: boxes {@code {x1, y1, x2, y2}} and scored detections.
 *
 * <p>Most boxes have small integer corners (0..8), so identical boxes, shared edges, nested boxes,
 * zero-area boxes and IoU exactly equal to a round threshold all occur often; the rest are continuous.
 * Scores come from a coarse grid, so equal scores (the tie rule) are common too.
 */
final class DetectionGens {
  private DetectionGens() {}

  /** One box with a readable {@code toString}. */
  record Box(double x1, double y1, double x2, double y2) {
    double[] toArray() {
      return new double[] {x1, y1, x2, y2};
    }

    double area() {
      return (x2 - x1) * (y2 - y1);
    }

    @Override
    public String toString() {
      return "[" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]";
    }
  }

  /** Two boxes. */
  record BoxPair(Box a, Box b) {
    @Override
    public String toString() {
      return "box1=" + a + ", box2=" + b;
    }
  }

  /** Boxes, one score per box and an IoU threshold: one NMS problem. */
  record Detections(double[][] boxes, double[] scores, double threshold) {
    int size() {
      return scores.length;
    }

    @Override
    public String toString() {
      return "boxes=" + Arrays.deepToString(boxes) + ", scores=" + Arrays.toString(scores)
          + ", iouThreshold=" + threshold;
    }
  }

  /** A box, zero width or height allowed: integer corners in 0..8 mostly, sometimes continuous. */
  static Gen<Box> boxes() {
    return box(0);
  }

  /** A box of positive area. */
  static Gen<Box> positiveBoxes() {
    return box(1);
  }

  static Gen<BoxPair> boxPairs() {
    return boxes().zip(boxes(), BoxPair::new);
  }

  /** {@code minSize..maxSize} detections with tied scores and thresholds such as 0, 1/3, 0.5 and 1. */
  static Gen<Detections> detections(int minSize, int maxSize) {
    Gen<Double> score = doubles().between(-5, 5).mix(integers().between(0, 6).map(i -> i / 6.0), 60);
    Gen<Double> threshold = doubles().between(0, 1)
        .mix(integers().between(0, 5).map(i -> new double[] {0, 0.25, 1.0 / 3, 0.5, 0.7, 1}[i]), 60);
    Gen<List<Object[]>> rows = lists().of(boxes().zip(score, (b, s) -> new Object[] {b, s}))
        .ofSizeBetween(minSize, maxSize);
    return rows.zip(threshold, (list, t) -> {
      double[][] bs = new double[list.size()][];
      double[] ss = new double[list.size()];
      for (int k = 0; k < ss.length; k++) {
        bs[k] = ((Box) list.get(k)[0]).toArray();
        ss[k] = (Double) list.get(k)[1];
      }
      return new Detections(bs, ss, t);
    });
  }

  /** Soft-NMS input: boxes, non-negative scores and a configuration (method, thresholds, sigma). */
  record SoftDetections(double[][] boxes, double[] scores, String method, double iouThreshold, double sigma,
      double scoreThreshold) {
    @Override
    public String toString() {
      return "boxes=" + Arrays.deepToString(boxes) + ", scores=" + Arrays.toString(scores) + ", config=(" + method
          + ", iouThreshold=" + iouThreshold + ", sigma=" + sigma + ", scoreThreshold=" + scoreThreshold + ")";
    }
  }

  /**
   * {@code minSize..maxSize} Soft-NMS problems with continuous boxes in a small area (so most overlap)
   * and continuous scores in (0, 1]. Exact ties between scores, and IoUs exactly at a threshold, then
   * have probability zero: they are covered by hand-worked examples, where no rounding can decide them.
   */
  static Gen<SoftDetections> softDetections(int minSize, int maxSize) {
    Gen<Box> box = doubles().between(0, 20).zip(doubles().between(0, 20), doubles().between(0.5, 12),
        doubles().between(0.5, 12), (x, y, w, h) -> new Box(x, y, x + w, y + h));
    Gen<Double> score = doubles().between(1e-3, 1);
    Gen<List<Object[]>> rows = lists().of(box.zip(score, (b, s) -> new Object[] {b, s})).ofSizeBetween(minSize, maxSize);
    Gen<Object[]> config = integers().between(0, 1).zip(
        doubles().between(0, 1).mix(integers().between(0, 4).map(i -> new double[] {0.3, 0.5, 0.1, 0.7, 0.0}[i]), 70),
        doubles().between(0.05, 3).mix(integers().between(0, 3).map(i -> new double[] {0.5, 0.1, 1.0, 2.0}[i]), 70),
        doubles().between(0, 0.5).mix(integers().between(0, 3).map(i -> new double[] {0.001, 0.0, 0.1, 0.3}[i]), 70),
        (m, t, s, f) -> new Object[] {m == 0 ? "LINEAR" : "GAUSSIAN", t, s, f});
    return rows.zip(config, (list, c) -> {
      double[][] bs = new double[list.size()][];
      double[] ss = new double[list.size()];
      for (int k = 0; k < ss.length; k++) {
        bs[k] = ((Box) list.get(k)[0]).toArray();
        ss[k] = (Double) list.get(k)[1];
      }
      return new SoftDetections(bs, ss, (String) c[0], (Double) c[1], (Double) c[2], (Double) c[3]);
    });
  }

  /** A detection-evaluation problem: detections and objects over a few images and labels, and thresholds. */
  record Evaluation(MeanAveragePrecisionApi.Detection[] detections, MeanAveragePrecisionApi.Truth[] truths,
      double[] thresholds) {
    @Override
    public String toString() {
      return "detections=" + Arrays.toString(detections) + ", truths=" + Arrays.toString(truths) + ", iouThresholds="
          + Arrays.toString(thresholds);
    }
  }

  /**
   * Up to {@code maxObjects} objects and {@code maxDetections} detections on images 0..3 with labels
   * 0..2, at least one object. Boxes come from {@link #boxes()} (mostly integer corners, so equal IoUs
   * and IoUs exactly at 0.5 happen), scores from a grid of quarters (many ties), thresholds from 0, 0.3,
   * 0.5, 0.75 and 1, sometimes two of them.
   */
  static Gen<Evaluation> evaluations(int maxObjects, int maxDetections) {
    Gen<MeanAveragePrecisionApi.Truth> truth = integers().between(0, 3).zip(integers().between(0, 2), boxes(),
        (i, l, b) -> new MeanAveragePrecisionApi.Truth(i, l, b.toArray()));
    Gen<MeanAveragePrecisionApi.Detection> detection = integers().between(0, 3).zip(integers().between(0, 2),
        doubles().between(0, 1).mix(integers().between(0, 4).map(q -> q / 4.0), 80), boxes(),
        (i, l, s, b) -> new MeanAveragePrecisionApi.Detection(i, l, s, b.toArray()));
    Gen<Double> threshold = integers().between(0, 4).map(i -> new double[] {0.5, 0.3, 0.75, 0.0, 1.0}[i]);
    Gen<double[]> thresholds = threshold.zip(threshold, integers().between(0, 3),
        (a, b, two) -> two == 0 ? new double[] {a, b} : new double[] {a});
    return lists().of(truth).ofSizeBetween(1, maxObjects).zip(lists().of(detection).ofSizeBetween(0, maxDetections),
        thresholds, (ts, ds, t) -> new Evaluation(ds.toArray(new MeanAveragePrecisionApi.Detection[0]),
            ts.toArray(new MeanAveragePrecisionApi.Truth[0]), t));
  }

  private static Gen<Box> box(int minSide) {
    Gen<Box> grid = integers().between(0, 8).zip(integers().between(0, 8), integers().between(minSide, 5),
            integers().between(minSide, 5), (x, y, w, h) -> new Box(x, y, x + w, y + h));
    // Six decimals: continuous enough that IoUs do not land on a threshold, and shrinking goes towards 0.
    Gen<Box> continuous = Gens.decimals(-20, 20, 6).zip(Gens.decimals(-20, 20, 6), Gens.decimals(0.5, 15, 6),
        Gens.decimals(0.5, 15, 6), (x, y, w, h) -> new Box(x, y, x + w, y + h));
    return continuous.mix(grid, 70); // shrinks towards the integer grid
  }

}

package mlkata.grader.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import mlkata.grader.runner.Figure;
import mlkata.grader.runner.KataPicture;
import mlkata.grader.support.Target;

/**
 * {@code kata show mean-average-precision}: per class, the precision-recall points, their envelope read at
 * the 101 recall levels (whose mean is AP), the learner's AP against the reference's; then AP over the
 * COCO IoU thresholds 0.50..0.95 per class, the learner's over the reference's.
 */
public final class MeanAveragePrecisionPicture implements KataPicture {
  static final MeanAveragePrecisionApi.Truth[] TRUTHS = {
      truth(0, 1, 10, 10, 40, 40), truth(0, 1, 50, 10, 80, 40), truth(0, 2, 10, 50, 40, 90),
      truth(1, 1, 20, 20, 60, 60), truth(1, 2, 60, 60, 90, 95), truth(1, 2, 5, 60, 30, 90)};
  static final MeanAveragePrecisionApi.Detection[] DETECTIONS = {
      det(0, 1, 0.95, 11, 11, 41, 41), det(0, 1, 0.9, 52, 12, 82, 44), det(0, 1, 0.6, 12, 50, 40, 88),
      det(1, 1, 0.85, 24, 24, 62, 64), det(1, 1, 0.7, 20, 20, 60, 60), det(0, 2, 0.8, 10, 52, 42, 90),
      det(1, 2, 0.75, 62, 58, 92, 93), det(1, 2, 0.5, 40, 10, 70, 40), det(1, 2, 0.45, 6, 62, 28, 88)};

  static MeanAveragePrecisionApi.Truth truth(int image, int label, double... box) {
    return new MeanAveragePrecisionApi.Truth(image, label, box);
  }

  static MeanAveragePrecisionApi.Detection det(int image, int label, double score, double... box) {
    return new MeanAveragePrecisionApi.Detection(image, label, score, box);
  }

  @Override
  public Figure draw() {
    MeanAveragePrecisionApi kata = Target.pick(new MeanAveragePrecisionOfExercises(), new MeanAveragePrecisionOfSolutions());
    MeanAveragePrecisionApi ref = new MeanAveragePrecisionOfSolutions();
    Figure f = new Figure("Mean average precision (COCO)", "2 images, classes 1 and 2, 6 objects and 9 detections"
        + " (one duplicate of class 1, one class-2 detection on nothing); IoU threshold 0.5 for the curves");
    for (int label : new int[] {1, 2}) {
      double refAp = ref.averagePrecision(DETECTIONS, TRUTHS, label, 0.5);
      Double myAp = f.learner("averagePrecision", () -> kata.averagePrecision(DETECTIONS, TRUTHS, label, 0.5));
      double[][] curve = curve(label, 0.5);
      double[] levels = new double[101];
      double[] level = new double[101];
      for (int k = 0; k <= 100; k++) {
        levels[k] = k * 0.01;
        level[k] = levelPrecision(curve, levels[k]);
      }
      double mean = Arrays.stream(level).sum() / level.length;
      if (Math.abs(mean - refAp) > 1e-9) {
        // the grader's own drawing must agree with the reference it draws
        throw new IllegalStateException("the picture's 101 levels average " + mean + ", the reference's AP is " + refAp);
      }
      Figure.Panel p = f.xy("Class " + label + ": precision against recall at IoU 0.5", "recall", "precision", true).half();
      p.line("precision after each detection", Figure.DATA, curve[0], curve[1]);
      p.line(String.format("101 levels of the envelope, AP %.4f", refAp), Figure.REFERENCE, levels, level);
      if (myAp != null) {
        p.line(String.format("yours: AP %.4f (a flat line of that area)", myAp), Figure.LEARNER, new double[] {0, 1},
            new double[] {myAp, myAp});
        if (Math.abs(myAp - refAp) > 1e-9) {
          f.error(String.format("averagePrecision(class %d, IoU 0.5): %.6f where the reference gives %.6f", label, myAp,
              refAp));
        }
      }
      p.note("AP is the mean of the 101 level precisions: at recall r, the best precision reached at any recall >= r;"
          + " levels past the last recall reached count 0.");
    }
    double[] thresholds = new double[10];
    for (int i = 0; i < 10; i++) {
      thresholds[i] = 0.5 + 0.05 * i;
    }
    Figure.Panel q = f.xy("AP over the IoU thresholds 0.50 to 0.95, per class", "IoU threshold", "AP", false);
    for (int label : new int[] {1, 2}) {
      double[] r = new double[10];
      double[] m = new double[10];
      boolean ok = true;
      for (int i = 0; i < 10; i++) {
        double t = thresholds[i];
        r[i] = ref.averagePrecision(DETECTIONS, TRUTHS, label, t);
        if (ok) {
          Double v = f.learner("averagePrecision", () -> kata.averagePrecision(DETECTIONS, TRUTHS, label, t));
          ok = v != null;
          m[i] = ok ? v : Double.NaN;
          if (ok && Math.abs(v - r[i]) > 1e-9) {
            f.error(String.format("averagePrecision(class %d, IoU %.2f): %.6f where the reference gives %.6f", label, t,
                v, r[i]));
          }
        }
      }
      q.line("class " + label + ", reference", Figure.REFERENCE, thresholds, r);
      if (ok) {
        q.line("class " + label + ", yours", Figure.LEARNER, thresholds, m);
      }
    }
    double refMap = ref.meanAveragePrecision(DETECTIONS, TRUTHS, thresholds);
    Double myMap = f.learner("meanAveragePrecision", () -> kata.meanAveragePrecision(DETECTIONS, TRUTHS, thresholds));
    q.note(String.format("mAP@[.5:.95] is the mean of these twenty values: reference %.4f%s. A match needs IoU >= the"
        + " threshold: as it rises, loose boxes turn into false positives.", refMap,
        myMap == null ? "" : String.format(", yours %.4f", myMap)));
    if (myMap != null && Math.abs(myMap - refMap) > 1e-9) {
      f.error(String.format("meanAveragePrecision: %.6f where the reference gives %.6f", myMap, refMap));
    }
    return f;
  }

  /**
   * Draws the problem of a failing property or differential check ({@code Evaluation}): AP per class and
   * IoU threshold of the problem, as bars, the learner's beside the reference's, and mAP in the note.
   */
  @Override
  public Figure drawFailing(String property, Object input) {
    if (!(input instanceof DetectionGens.Evaluation e) || e.thresholds().length == 0) {
      return null;
    }
    MeanAveragePrecisionApi kata = Target.pick(new MeanAveragePrecisionOfExercises(), new MeanAveragePrecisionOfSolutions());
    MeanAveragePrecisionApi ref = new MeanAveragePrecisionOfSolutions();
    Figure f = new Figure("Mean average precision (COCO)", e.toString());
    java.util.TreeSet<Integer> labels = new java.util.TreeSet<>();
    for (MeanAveragePrecisionApi.Truth t : e.truths()) {
      labels.add(t.label());
    }
    for (MeanAveragePrecisionApi.Detection d : e.detections()) {
      labels.add(d.label());
    }
    List<String> categories = new ArrayList<>();
    List<Double> r = new ArrayList<>();
    List<Double> m = new ArrayList<>();
    boolean ok = true;
    for (int label : labels) {
      for (double t : e.thresholds()) {
        double rv;
        try {
          rv = ref.averagePrecision(e.detections(), e.truths(), label, t);
        } catch (RuntimeException ex) {
          continue; // a class the reference does not score (no object of it, say)
        }
        categories.add("class " + label + ", IoU " + t);
        r.add(rv);
        if (ok) {
          Double v = f.learner("averagePrecision", () -> kata.averagePrecision(e.detections().clone(), e.truths().clone(),
              label, t));
          ok = v != null;
          m.add(ok ? v : Double.NaN);
          if (ok && !(Math.abs(v - rv) <= 1e-9)) {
            f.error(String.format("averagePrecision(class %d, IoU %s): %.6f where the reference gives %.6f", label, t, v, rv));
          }
        }
      }
    }
    if (categories.isEmpty() || categories.size() > 40) {
      return null;
    }
    Figure.Panel p = f.bars("AP per class and IoU threshold", "AP", categories.toArray(new String[0]));
    p.series("reference", Figure.REFERENCE, r.stream().mapToDouble(Double::doubleValue).toArray());
    if (ok) {
      p.series("yours", Figure.LEARNER, m.stream().mapToDouble(Double::doubleValue).toArray());
    }
    double refMap = ref.meanAveragePrecision(e.detections(), e.truths(), e.thresholds());
    Double myMap = f.learner("meanAveragePrecision", () -> kata.meanAveragePrecision(e.detections().clone(),
        e.truths().clone(), e.thresholds().clone()));
    p.note(String.format("mAP, the mean over the classes with objects and the thresholds: reference %.4f%s.", refMap,
        myMap == null ? "" : String.format(", yours %.4f", myMap)));
    if (myMap != null && !(Math.abs(myMap - refMap) <= 1e-9)) {
      f.error(String.format("meanAveragePrecision: %.6f where the reference gives %.6f", myMap, refMap));
    }
    return f;
  }

  /** The recall and precision after each detection of {@code label}, matched as the kata describes. */
  static double[][] curve(int label, double threshold) {
    List<MeanAveragePrecisionApi.Detection> dets = new ArrayList<>();
    for (MeanAveragePrecisionApi.Detection d : DETECTIONS) {
      if (d.label() == label) {
        dets.add(d);
      }
    }
    int positives = 0;
    for (MeanAveragePrecisionApi.Truth t : TRUTHS) {
      positives += t.label() == label ? 1 : 0;
    }
    // Match image by image, detections by descending score (stable), to the best unmatched object.
    boolean[] tp = new boolean[DETECTIONS.length];
    boolean[] used = new boolean[TRUTHS.length];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < DETECTIONS.length; i++) {
      if (DETECTIONS[i].label() == label) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -DETECTIONS[i].score()));
    NonMaxSuppressionApi iou = new NonMaxSuppressionOfSolutions();
    for (int i : order) {
      int best = -1;
      double bestIou = Math.min(threshold, 1 - 1e-10);
      for (int j = 0; j < TRUTHS.length; j++) {
        if (used[j] || TRUTHS[j].label() != label || TRUTHS[j].image() != DETECTIONS[i].image()) {
          continue;
        }
        double v = iou.iou(DETECTIONS[i].box(), TRUTHS[j].box());
        if (v >= bestIou) {
          bestIou = v;
          best = j;
        }
      }
      if (best >= 0) {
        used[best] = true;
        tp[i] = true;
      }
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -DETECTIONS[i].score())
        .thenComparingInt(i -> DETECTIONS[i].image()));
    double[] recall = new double[order.size()];
    double[] precision = new double[order.size()];
    int hits = 0;
    for (int k = 0; k < order.size(); k++) {
      hits += tp[order.get(k)] ? 1 : 0;
      recall[k] = (double) hits / positives;
      precision[k] = (double) hits / (k + 1);
    }
    return new double[][] {recall, precision};
  }

  /** The envelope's precision at recall level {@code r}: 0 when no position reaches it. */
  static double levelPrecision(double[][] curve, double r) {
    for (int i = 0; i < curve[0].length; i++) {
      if (curve[0][i] >= r) {
        double best = 0;
        for (int j = i; j < curve[1].length; j++) {
          best = Math.max(best, curve[1][j]);
        }
        return best;
      }
    }
    return 0;
  }
}

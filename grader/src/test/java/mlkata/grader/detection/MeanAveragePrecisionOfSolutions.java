// Generated from MeanAveragePrecisionOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.detection;

import mlkata.solutions.detection.MeanAveragePrecision;

/** Binds {@link MeanAveragePrecisionSpec} to the learner's {@code MeanAveragePrecision}; the build writes the twin. */
final class MeanAveragePrecisionOfSolutions implements MeanAveragePrecisionApi {
  @Override
  public double averagePrecision(Detection[] detections, Truth[] truths, int label, double iouThreshold) {
    return MeanAveragePrecision.averagePrecision(detections(detections), truths(truths), label, iouThreshold);
  }

  @Override
  public double meanAveragePrecision(Detection[] detections, Truth[] truths, double[] iouThresholds) {
    return MeanAveragePrecision.meanAveragePrecision(detections(detections), truths(truths), iouThresholds);
  }

  private static MeanAveragePrecision.Detection[] detections(Detection[] in) {
    if (in == null) {
      return null;
    }
    MeanAveragePrecision.Detection[] out = new MeanAveragePrecision.Detection[in.length];
    for (int k = 0; k < in.length; k++) {
      out[k] = in[k] == null ? null
          : new MeanAveragePrecision.Detection(in[k].image(), in[k].label(), in[k].score(), in[k].box());
    }
    return out;
  }

  private static MeanAveragePrecision.Truth[] truths(Truth[] in) {
    if (in == null) {
      return null;
    }
    MeanAveragePrecision.Truth[] out = new MeanAveragePrecision.Truth[in.length];
    for (int k = 0; k < in.length; k++) {
      out[k] = in[k] == null ? null : new MeanAveragePrecision.Truth(in[k].image(), in[k].label(), in[k].box());
    }
    return out;
  }
}

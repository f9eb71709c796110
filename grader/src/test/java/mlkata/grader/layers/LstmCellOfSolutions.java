// Generated from LstmCellOfExercises.java by grader/tools/bindings: edit that file, then run the tool.
package mlkata.grader.layers;

import mlkata.solutions.layers.LstmCell;

/** Binds {@link LstmCellSpec} to the learner's {@code LstmCell}; the build writes the twin for the solution. */
final class LstmCellOfSolutions implements LstmCellApi {
  @Override
  public LstmState lstmForward(double[][] x, double[][] h, double[][] c, Weights weights) {
    LstmCell.LstmState s = LstmCell.lstmForward(x, h, c, toKata(weights));
    return s == null ? null : new LstmState(s.h(), s.c());
  }

  @Override
  public LstmGradients lstmBackward(double[][] x, double[][] h, double[][] c, Weights weights, double[][] dhNext,
      double[][] dcNext) {
    LstmCell.LstmGradients g = LstmCell.lstmBackward(x, h, c, toKata(weights), dhNext, dcNext);
    return g == null ? null : new LstmGradients(g.dx(), g.dh(), g.dc(), fromKata(g.dWeights()));
  }

  @Override
  public double[][] gruForward(double[][] x, double[][] h, Weights weights) {
    return LstmCell.gruForward(x, h, toKata(weights));
  }

  @Override
  public GruGradients gruBackward(double[][] x, double[][] h, Weights weights, double[][] dhNext) {
    LstmCell.GruGradients g = LstmCell.gruBackward(x, h, toKata(weights), dhNext);
    return g == null ? null : new GruGradients(g.dx(), g.dh(), fromKata(g.dWeights()));
  }

  private static LstmCell.Weights toKata(Weights w) {
    return w == null ? null : new LstmCell.Weights(w.weightIh(), w.weightHh(), w.biasIh(), w.biasHh());
  }

  private static Weights fromKata(LstmCell.Weights w) {
    return w == null ? null : new Weights(w.weightIh(), w.weightHh(), w.biasIh(), w.biasHh());
  }
}

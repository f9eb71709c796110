"""Golden cases for metrics/classification-metrics, from scikit-learn (confusion_matrix,
precision_recall_fscore_support, f1_score, fbeta_score) with labels=range(K).

zero_division "warn" (the default) is recorded as the kata's zeroDivision 0: scikit-learn 1.2 warns and
then substitutes 0. Every case is computed with the zero_division value sklearn was given."""
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import confusion_matrix, f1_score, fbeta_score, precision_recall_fscore_support

from common import write


def inputs():
    rng = np.random.default_rng(20261207)
    out = [
        ("statement example", [0, 1, 2, 2, 1], [0, 2, 2, 2, 1], 3, 1.0),
        ("binary", [1, 0, 1, 1, 0, 0, 1], [1, 1, 0, 1, 0, 0, 1], 2, 1.0),
        ("binary never predicts 1", [1, 0, 1, 0], [0, 0, 0, 0], 2, 1.0),
        ("binary no true 1", [0, 0, 0, 0], [0, 1, 0, 0], 2, 1.0),
        ("binary all zero", [0, 0, 0], [0, 0, 0], 2, 1.0),
        ("class 3 absent from both", [0, 1, 2, 0, 1, 2], [0, 2, 2, 0, 1, 1], 4, 1.0),
        ("a class never predicted", [0, 1, 2, 2, 2], [0, 1, 1, 1, 0], 3, 1.0),
        ("a class predicted but never true", [0, 0, 1, 1], [2, 0, 1, 2], 3, 1.0),
        ("all wrong", [0, 1, 2], [1, 2, 0], 3, 1.0),
        ("one class", [0, 0, 0], [0, 0, 0], 1, 1.0),
        ("beta 2", [0, 1, 2, 2, 1, 0, 0], [0, 2, 2, 1, 1, 0, 2], 3, 2.0),
        ("beta 0.5", [1, 0, 1, 1, 0, 0, 1], [1, 1, 0, 1, 0, 1, 1], 2, 0.5),
        ("beta 0 is precision", [0, 1, 2, 2, 1], [0, 2, 2, 2, 1], 3, 0.0),
    ]
    for n, k, beta in [(20, 3, 1.0), (50, 5, 1.0), (40, 6, 2.0), (100, 4, 0.5), (30, 8, 1.0), (60, 2, 1.0),
                       (25, 2, 3.0)]:
        y_true = rng.integers(0, k, size=n)
        # Mostly right, with mistakes; some classes may go missing in one array or both.
        y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, size=n))
        out.append(("random n=%d K=%d beta=%g" % (n, k, beta), y_true.tolist(), y_pred.tolist(), k, beta))
    return out


def main():
    library = "scikit-learn " + sklearn.__version__
    cases = []
    for name, y_true, y_pred, k, beta in inputs():
        labels = list(range(k))
        for zd in ["warn", 0, 1]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UndefinedMetricWarning)
                p, r, f, s = precision_recall_fscore_support(
                    y_true, y_pred, labels=labels, beta=beta, average=None, zero_division=zd)
                expected = {"confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels),
                            "precision": p, "recall": r, "f_score": f, "support": s}
                for average in ["macro", "micro", "weighted"] + (["binary"] if k == 2 else []):
                    ap, ar, af, _ = precision_recall_fscore_support(
                        y_true, y_pred, labels=labels, beta=beta, average=average, zero_division=zd)
                    # f1_score / fbeta_score are the same numbers through their own entry points.
                    other = (f1_score(y_true, y_pred, labels=labels, average=average, zero_division=zd)
                             if beta == 1 else
                             fbeta_score(y_true, y_pred, beta=beta, labels=labels, average=average,
                                         zero_division=zd))
                    assert abs(other - af) < 1e-15, (name, average, other, af)
                    expected[average] = {"precision": ap, "recall": ar, "f_score": af}
            cases.append({"name": "%s, zero_division=%s" % (name, zd),
                          "input": {"y_true": y_true, "y_pred": y_pred, "num_classes": k, "beta": beta,
                                    "zero_division": 0 if zd == "warn" else zd,
                                    "sklearn_zero_division": str(zd)},
                          "expected": expected})
    write("metrics/classification-metrics", library, cases)


if __name__ == "__main__":
    main()

"""Golden cases for metrics/roc-auc and metrics/average-precision, from scikit-learn."""
import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, roc_auc_score, roc_curve

from common import write


def inputs():
    rng = np.random.default_rng(20261125)
    out = [
        ("statement example", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]),
        ("study notes example", [0.1, 0.9, 0.8, 0.4, 0.6], [0, 1, 1, 0, 1]),
        ("all tied", [0.5] * 6, [0, 1, 0, 1, 1, 0]),
        ("two examples", [0.2, 0.7], [1, 0]),
        ("negative and huge scores", [-1e12, -3.5, 0.0, 2.25, 1e12, -3.5], [0, 1, 0, 1, 1, 0]),
    ]
    for k, n in enumerate([10, 25, 60, 200]):
        scores = np.round(rng.random(n) * 8) / 8  # coarse grid: many ties
        labels = (rng.random(n) < 0.4).astype(int)
        labels[0], labels[1] = 1, 0
        out.append(("tied grid n=%d" % n, scores.tolist(), labels.tolist()))
    for n in [15, 100, 500]:
        scores = rng.normal(size=n)
        labels = (rng.random(n) < 0.5).astype(int)
        labels[0], labels[1] = 1, 0
        out.append(("continuous n=%d" % n, scores.tolist(), labels.tolist()))
    scores = rng.normal(size=300)
    labels = (scores + rng.normal(scale=0.5, size=300) > 1.2).astype(int)
    out.append(("imbalanced informative n=300", scores.tolist(), labels.tolist()))
    return out


def main():
    library = "scikit-learn " + sklearn.__version__
    roc, ap = [], []
    for name, scores, labels in inputs():
        fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
        # scikit-learn < 1.3 puts max(score) + 1 first; the kata (like 1.3+) uses +inf.
        thresholds = thresholds.astype(float)
        thresholds[0] = float("inf")
        roc.append({"name": name, "input": {"scores": scores, "labels": labels},
                    "expected": {"fpr": fpr, "tpr": tpr, "thresholds": thresholds,
                                 "auc": roc_auc_score(labels, scores)}})
        ap.append({"name": name, "input": {"scores": scores, "labels": labels},
                   "expected": {"average_precision": average_precision_score(labels, scores)}})
    # Average precision is defined without negatives too.
    ap.append({"name": "only positives", "input": {"scores": [0.3, 0.1, 0.3], "labels": [1, 1, 1]},
               "expected": {"average_precision": average_precision_score([1, 1, 1], [0.3, 0.1, 0.3])}})
    write("metrics/roc-auc", library, roc)
    write("metrics/average-precision", library, ap)


if __name__ == "__main__":
    main()

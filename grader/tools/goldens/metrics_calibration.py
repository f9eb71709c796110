"""Golden cases for metrics/calibration, from scikit-learn: brier_score_loss, log_loss (eps="auto",
labels=[0, 1] so that a single class is accepted) and calibration_curve (uniform and quantile).

scikit-learn has no expected calibration error; it is recomputed here in numpy from calibration_curve's
own bins: sum over the non-empty bins of count_b / N * |prob_true_b - prob_pred_b|. The counts come from
the binning calibration_curve documents (searchsorted on the interior edges), and the script checks that
they reproduce calibration_curve's prob_pred before writing them."""
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

from common import write


def inputs():
    rng = np.random.default_rng(20261207)
    out = [
        ("statement example", [0.05, 0.1, 0.5, 0.95, 1.0], [0, 1, 1, 0, 1], [10, 5]),
        ("quantile rounding 4 points 3 bins", [0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], [3, 2]),
        ("exact quantiles 5 points 4 bins", [0.1, 0.2, 0.3, 0.4, 0.5], [0, 0, 1, 1, 1], [4, 2]),
        ("probabilities on edges", [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.2, 0.6], [0, 0, 1, 0, 1, 1, 1, 1], [5, 10, 3]),
        ("confident and wrong", [0.0, 1.0, 1.0, 0.0], [1, 0, 1, 0], [2, 4]),
        ("only negatives", [0.1, 0.3, 0.2, 0.0], [0, 0, 0, 0], [2, 5]),
        ("only positives", [0.9, 0.7, 1.0], [1, 1, 1], [2, 3]),
        ("one example", [0.3], [1], [1, 4]),
        ("all tied", [0.4] * 6, [0, 1, 0, 1, 1, 0], [1, 3, 5]),
        ("many ties", [0.2, 0.2, 0.2, 0.8, 0.8, 0.5, 0.2, 0.8], [0, 0, 1, 1, 1, 0, 0, 1], [4, 3]),
        ("tiny and near-one probabilities", [1e-20, 1e-17, 1 - 1e-16, 0.999999, 3e-300],
         [1, 1, 0, 0, 1], [2, 5]),
    ]
    for n, bins in [(20, [5, 4]), (50, [10, 7]), (200, [10, 15]), (500, [20, 8]), (37, [6, 9])]:
        logits = rng.normal(scale=2.0, size=n)
        p = 1 / (1 + np.exp(-logits))
        y = (rng.random(n) < 1 / (1 + np.exp(-1.4 * logits))).astype(int)  # miscalibrated on purpose
        out.append(("sigmoid n=%d" % n, p.tolist(), y.tolist(), bins))
    for n, bins in [(30, [10, 4]), (80, [8, 6])]:
        p = np.round(rng.random(n) * 20) / 20  # a grid: ties and values on uniform edges
        y = (rng.random(n) < p).astype(int)
        out.append(("grid n=%d" % n, p.tolist(), y.tolist(), bins))
    return out


def curve(y, p, n_bins, strategy):
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 1, n_bins + 1) * 100)
    else:
        edges = np.linspace(0.0, 1.0, n_bins + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(ids, minlength=n_bins)
    counts = total[total != 0]
    sums = np.bincount(ids, weights=p, minlength=n_bins)[total != 0]
    assert np.array_equal(sums / counts, prob_pred), (p, n_bins, strategy)
    ece = float(np.sum(counts / len(p) * np.abs(prob_true - prob_pred)))
    return {"fraction_positive": prob_true, "mean_predicted": prob_pred, "counts": counts, "ece": ece}


def main():
    library = "scikit-learn " + sklearn.__version__ + ", numpy " + np.__version__
    cases = []
    for name, p, y, bin_counts in inputs():
        p_arr = np.asarray(p, dtype=float)
        expected = {"brier": brier_score_loss(y, p_arr), "log_loss": log_loss(y, p_arr, labels=[0, 1])}
        for n_bins in bin_counts:
            for strategy in ["uniform", "quantile"]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    expected["%s_%d" % (strategy, n_bins)] = curve(y, p_arr, n_bins, strategy)
        cases.append({"name": name, "input": {"probs": p, "labels": y, "n_bins": bin_counts},
                      "expected": expected})
    write("metrics/calibration", library, cases)


if __name__ == "__main__":
    main()

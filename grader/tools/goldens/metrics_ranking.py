"""Golden cases for metrics/ranking-metrics: DCG@k and NDCG@k from scikit-learn's dcg_score and
ndcg_score (ignore_ties=False, the default: tied scores share their group's mean gain).

scikit-learn has no MRR, recall@k or hit rate; the spec checks those on hand-worked examples and
properties. scikit-learn needs rectangular input with at least two items per query, so every case is."""
import warnings

import numpy as np
import sklearn
from sklearn.metrics import dcg_score, ndcg_score

from common import write


def inputs():
    rng = np.random.default_rng(20261207)
    out = [
        ("statement example", [[3, 2, 0, 1]], [[0.9, 0.5, 0.5, 0.1]], [1, 2, 3, 4, 10]),
        ("no ties", [[0, 1, 2, 3, 0]], [[0.1, 0.2, 0.9, 0.4, 0.3]], [1, 3, 5]),
        ("all tied", [[3, 0, 1, 0, 2]], [[1.0] * 5], [1, 2, 5]),
        ("tie across the cut", [[1, 0, 3, 2]], [[0.7, 0.4, 0.4, 0.4]], [1, 2, 3]),
        ("no relevant item", [[0, 0, 0]], [[0.3, 0.2, 0.1]], [1, 3]),
        ("two queries, one without relevance", [[1, 0, 2], [0, 0, 0]], [[0.5, 0.5, 0.1], [1, 2, 3]], [1, 2, 3]),
        ("fractional relevance", [[0.5, 2.25, 0, 1.75]], [[-1.5, 3.0, 3.0, -1.5]], [1, 2, 4]),
        ("binary relevance, several queries", [[1, 0, 0, 1], [0, 1, 0, 0], [1, 1, 0, 0]],
         [[0.2, 0.9, 0.2, 0.4], [0.3, 0.3, 0.3, 0.1], [5, 4, 3, 2]], [1, 2, 3, 4]),
        ("minus zero and zero tie", [[2, 0, 1]], [[-0.0, 0.0, 1.0]], [1, 2, 3]),
    ]
    for queries, n, grid in [(1, 12, 4), (3, 20, 5), (5, 50, 10), (2, 200, 20), (4, 30, None)]:
        rel = rng.integers(0, 4, size=(queries, n)).astype(float)
        if grid is None:
            scores = rng.normal(size=(queries, n))
        else:
            scores = np.round(rng.random((queries, n)) * grid) / grid  # many ties
        ks = sorted({1, 3, 10, n})
        out.append(("random %dx%d%s" % (queries, n, "" if grid is None else " grid %d" % grid),
                    rel.tolist(), scores.tolist(), ks))
    return out


def main():
    library = "scikit-learn " + sklearn.__version__
    cases = []
    for name, rel, scores, ks in inputs():
        expected = {}
        for k in ks:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected["k%d" % k] = {"dcg": dcg_score(rel, scores, k=k), "ndcg": ndcg_score(rel, scores, k=k)}
        expected["all"] = {"dcg": dcg_score(rel, scores), "ndcg": ndcg_score(rel, scores)}
        cases.append({"name": name, "input": {"relevance": rel, "scores": scores, "k": ks}, "expected": expected})
    write("metrics/ranking-metrics", library, cases)


if __name__ == "__main__":
    main()

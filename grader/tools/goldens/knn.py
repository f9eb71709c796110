"""Golden cases for models/knn, from scikit-learn's KNeighborsClassifier and KNeighborsRegressor.

Every case fits algorithm="brute" with the given k, metric and weights and records kneighbors (indices
and distances, nearest first) and predict for each query.

The kata orders neighbours at equal distance by training index; scikit-learn's selection
(argpartition and a heap in its pairwise-distance reduction) does not promise any order. So a case is
kept only where the two cannot differ: the k-th and (k+1)-th distances of every query are far apart
(checked below), and equal distances inside the k nearest occur only between exact duplicates
(integer-valued data). Inside the k nearest scikit-learn may order such duplicates its own way; the
fixture stores its neighbours in the kata's order (see case()).

Random cases draw continuous coordinates; the "exact match" cases use small integers so that the
squared-distance expansion scikit-learn uses (|x|^2 - 2 x.y + |y|^2) gives exactly 0 for a query equal
to a training point, which is what triggers the distance-weighting rule "exact matches take all the
weight". With continuous data scikit-learn's distance to an identical point comes out near 1e-8
instead of 0.
"""
import numpy as np
import sklearn
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from common import write

GAP = 1e-6


def own_distances(train, q, metric):
    diff = train - q
    if metric == "euclidean":
        return np.sqrt((diff * diff).sum(axis=1))
    return np.abs(diff).sum(axis=1)


def check_no_boundary_tie(train, queries, k, metric):
    for q in queries:
        d = np.sort(own_distances(train, q, metric))
        if k < len(d) and d[k] - d[k - 1] < GAP:
            return False
    return True


def case(name, train, labels, targets, queries, k, metric, weights):
    train = np.asarray(train, float)
    queries = np.asarray(queries, float)
    assert check_no_boundary_tie(train, queries, k, metric), name
    clf = KNeighborsClassifier(n_neighbors=k, weights=weights, metric=metric, algorithm="brute").fit(train, labels)
    reg = KNeighborsRegressor(n_neighbors=k, weights=weights, metric=metric, algorithm="brute").fit(train, targets)
    dist, ind = clf.kneighbors(queries)
    # scikit-learn returns the same k neighbours as the kata, but equal distances inside them in an order
    # of its own (for the query (0, 0) below it returns [4, 0, 1]). The fixture stores scikit-learn's
    # neighbours in the kata's order, (distance, index), after checking that the sets agree.
    ind = ind.copy()
    for q in range(len(queries)):
        ours = sorted(range(len(train)), key=lambda i: (own_distances(train, queries[q], metric)[i], i))[:k]
        assert sorted(ind[q]) == sorted(ours), (name, q, list(ind[q]), ours)
        ind[q] = sorted(ind[q], key=lambda i: (dist[q][list(ind[q]).index(i)], i))
    return {"name": name,
            "input": {"train": train, "labels": list(labels), "targets": list(targets), "queries": queries,
                      "k": k, "metric": metric.upper(), "weighting": weights.upper()},
            "expected": {"indices": ind, "distances": dist, "classes": clf.predict(queries),
                         "values": reg.predict(queries)}}


def main():
    library = "scikit-learn " + sklearn.__version__
    rng = np.random.default_rng(20261207)
    cases = []
    # Small integer data with exact matches: duplicates of the query inside the k nearest.
    train = [[0, 0], [1, 0], [0, 1.5], [3, 3], [0, 0], [2, 2], [-2, 1]]
    labels = [0, 1, 1, 2, 2, 0, 1]
    targets = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    queries = [[0, 0], [2, 2], [1, 1.25], [1.25, 0.5]]
    for metric in ["euclidean", "manhattan"]:
        for weights in ["uniform", "distance"]:
            cases.append(case("exact matches, %s, %s" % (metric, weights), train, labels, targets, queries, 3,
                              metric, weights))
    for n, d, k, classes in [(8, 2, 1, 2), (12, 3, 3, 3), (30, 4, 5, 3), (60, 2, 7, 4), (120, 5, 10, 5)]:
        for metric in ["euclidean", "manhattan"]:
            for weights in ["uniform", "distance"]:
                while True:
                    train = rng.normal(size=(n, d)) * rng.choice([0.5, 2.0, 10.0])
                    queries = rng.normal(size=(6, d)) * np.std(train)
                    if check_no_boundary_tie(train, queries, k, metric):
                        break
                labels = rng.integers(0, classes, size=n)
                targets = np.round(rng.normal(size=n) * 5, 3)
                cases.append(case("random n=%d d=%d k=%d %s %s" % (n, d, k, metric, weights), train,
                                  labels.tolist(), targets.tolist(), queries, k, metric, weights))
    write("models/knn", library, cases)


if __name__ == "__main__":
    main()

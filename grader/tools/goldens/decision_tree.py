"""Golden cases for models/decision-tree, from scikit-learn's DecisionTreeClassifier and DecisionTreeRegressor.

Each case fits a tree (random_state=0, every feature considered) and records its nodes in scikit-learn's
preorder (children_left/right, feature, threshold, n_node_samples, impurity, value: class counts or the
mean) and predict on the training data and on new points. scikit-learn marks a leaf with feature and
children -2 (TREE_LEAF/TREE_UNDEFINED); the fixture writes -1 and a NaN threshold, as the kata does.

Ties. scikit-learn visits features in a random order and keeps the first strictly better split, so two
equally good splits are chosen at random; the kata pins the lowest feature, then the lowest threshold.
Every case is therefore checked against a brute-force float64 re-implementation of the kata below (every
threshold of every feature scored from scratch): at every split node the best decrease must beat every
other candidate by MARGIN, and the brute force must grow exactly scikit-learn's tree.

scikit-learn stores X as float32: features are multiples of 1/8 below 16, exact in float32, so its
thresholds (a/2 + b/2 in float64 of float32 values) are the kata's exactly.
"""
import math

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from common import write

MARGIN = 1e-6
EPS = np.finfo(float).eps


def impurity(y, criterion):
    y = np.asarray(y, float)
    if criterion == "squared_error":
        return float(np.mean((y - y.mean()) ** 2))
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    if criterion == "gini":
        return float(1 - np.sum(p * p))
    return float(-np.sum(p * np.log2(p)))


def candidates(x, y, criterion, min_leaf):
    """(decrease, feature, threshold) for every valid candidate, scored from scratch."""
    parent = impurity(y, criterion)
    n = len(y)
    out = []
    for f in range(x.shape[1]):
        values = np.unique(x[:, f])
        for a, b in zip(values[:-1], values[1:]):
            t = a / 2 + b / 2
            if t == b:
                t = a
            left = x[:, f] <= t
            nl = int(left.sum())
            if nl < min_leaf or n - nl < min_leaf:
                continue
            dec = parent - nl / n * impurity(y[left], criterion) - (n - nl) / n * impurity(y[~left], criterion)
            out.append((dec, f, t))
    return out


def brute_tree(x, y, criterion, max_depth, min_split, min_leaf, classes):
    """The kata's tree, grown from scratch; nodes as dicts in preorder. Fails on a near tie."""
    nodes = []

    def grow(idx, depth):
        ys = y[idx]
        imp = impurity(ys, criterion)
        if criterion == "squared_error":
            value = [float(np.mean(ys))]
        else:
            value = [float(np.sum(ys == c)) for c in range(classes)]
        at = len(nodes)
        nodes.append(None)
        best = None
        n = len(idx)
        if depth < max_depth and n >= min_split and n >= 2 * min_leaf and imp > EPS:
            cands = candidates(x[idx], ys, criterion, min_leaf)
            if cands:
                top = max(c[0] for c in cands)
                winners = [c for c in cands if c[0] >= top - MARGIN]
                assert len(winners) == 1, "near tie at a node: %s" % sorted(winners)
                best = winners[0]
        if best is None:
            nodes[at] = {"feature": -1, "threshold": math.nan, "left": -1, "right": -1, "samples": n,
                         "impurity": imp, "value": value}
            return at
        _, f, t = best
        left = idx[x[idx, f] <= t]
        right = idx[x[idx, f] > t]
        li = grow(left, depth + 1)
        ri = grow(right, depth + 1)
        nodes[at] = {"feature": f, "threshold": t, "left": li, "right": ri, "samples": n, "impurity": imp,
                     "value": value}
        return at

    grow(np.arange(len(y)), 0)
    return nodes


def sklearn_nodes(model, criterion):
    t = model.tree_
    out = []
    for i in range(t.node_count):
        leaf = t.children_left[i] == -1
        value = t.value[i][0]
        out.append({"feature": -1 if leaf else int(t.feature[i]),
                    "threshold": math.nan if leaf else float(t.threshold[i]),
                    "left": int(t.children_left[i]), "right": int(t.children_right[i]),
                    "samples": int(t.n_node_samples[i]), "impurity": float(t.impurity[i]),
                    "value": [float(v) for v in value]})
    return out


def same_tree(a, b):
    if len(a) != len(b):
        return False
    for p, q in zip(a, b):
        for key in ["feature", "left", "right", "samples"]:
            if p[key] != q[key]:
                return False
        if not (math.isnan(p["threshold"]) and math.isnan(q["threshold"])) and p["threshold"] != q["threshold"]:
            return False
        if abs(p["impurity"] - q["impurity"]) > 1e-9 * max(1, abs(q["impurity"])):
            return False
        if not np.allclose(p["value"], q["value"], rtol=1e-12, atol=1e-12):
            return False
    return True


def case(name, x, y, criterion, max_depth=None, min_split=2, min_leaf=1, new=None):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    assert np.all(x.astype(np.float32) == x), "features must be exact in float32"
    regression = criterion == "squared_error"
    kind = DecisionTreeRegressor if regression else DecisionTreeClassifier
    model = kind(criterion=criterion, max_depth=max_depth, min_samples_split=min_split, min_samples_leaf=min_leaf,
                 random_state=0).fit(x, y if regression else y.astype(int))
    classes = 1 if regression else int(y.max()) + 1
    if not regression:
        assert list(model.classes_) == list(range(classes)), "every class 0..K-1 must be present"
    nodes = sklearn_nodes(model, criterion)
    ours = brute_tree(x, y, criterion, max_depth or 10**9, min_split, min_leaf, classes)
    assert same_tree(nodes, ours), "%s: scikit-learn grew another tree\n%s\n%s" % (name, nodes, ours)
    new = x[:3] + 0.0625 if new is None else np.asarray(new, float)
    return {"name": name,
            "input": {"x": x, "y": y, "criterion": criterion.upper(), "max_depth": max_depth or 2147483647,
                      "min_samples_split": min_split, "min_samples_leaf": min_leaf, "new": new},
            "expected": {"nodes": nodes, "predict_train": model.predict(x).astype(float),
                         "predict_new": model.predict(new).astype(float)}}


def random_case(rng, name, n, d, criterion, **kw):
    for _ in range(1000):
        x = rng.integers(0, 64, size=(n, d)) / 8.0
        if criterion == "squared_error":
            y = np.round(np.sin(x[:, 0]) * 3 + x[:, -1] + rng.normal(size=n), 3)
        else:
            k = 3 if d > 1 else 2
            score = x[:, 0] - 0.5 * x[:, -1] + rng.normal(size=n) * 1.5
            y = np.digitize(score, np.quantile(score, np.linspace(0, 1, k + 1)[1:-1])).astype(float)
        try:
            return case(name, x, y, criterion, **kw)
        except AssertionError as e:
            if "near tie" not in str(e):
                raise
    raise RuntimeError("no tie-free data for " + name)


def main():
    library = "scikit-learn " + sklearn.__version__
    rng = np.random.default_rng(20261207)
    cases = [
        case("statement example", [[1], [2], [3], [4]], [0, 0, 1, 0], "gini", new=[[0], [2.5], [3.5], [9]]),
        case("clean cut on feature 0", [[1, 5], [2, 4], [3, 7], [4, 6], [5, 1]], [0, 0, 1, 1, 1], "gini",
             new=[[2.5, 0], [3, 9]]),
        case("entropy, clean cut on feature 0", [[1, 5], [2, 4], [3, 7], [4, 6], [5, 1]], [0, 0, 1, 1, 1], "entropy",
             new=[[2.5, 0], [3, 9]]),
        case("regression stump", [[1], [2], [3], [4], [6]], [1.0, 1.5, 4.0, 5.0, 5.5], "squared_error", max_depth=1,
             new=[[2.5], [2.25], [10]]),
    ]
    for criterion in ["gini", "entropy", "squared_error"]:
        cases.append(random_case(rng, "%s n=12 d=1 deep" % criterion, 12, 1, criterion))
        cases.append(random_case(rng, "%s n=20 d=2 depth 2" % criterion, 20, 2, criterion, max_depth=2))
        cases.append(random_case(rng, "%s n=30 d=3 min_samples_leaf 3" % criterion, 30, 3, criterion, min_leaf=3))
        cases.append(random_case(rng, "%s n=40 d=3 min_samples_split 8" % criterion, 40, 3, criterion, min_split=8))
        cases.append(random_case(rng, "%s n=60 d=4 depth 4 leaf 2" % criterion, 60, 4, criterion, max_depth=4,
                                 min_leaf=2))
    write("models/decision-tree", library, cases)


if __name__ == "__main__":
    main()

"""Golden cases for models/pca, from scikit-learn's PCA(svd_solver="full").

Records mean_, components_ (with the sign svd_flip gives them in scikit-learn 1.2: the largest
|entry| of each column of U, that is the sample with the largest |projection|, made positive),
explained_variance_, explained_variance_ratio_, the covariance (numpy, ddof=1), and transform of the
training data and of new points.

The data are random Gaussian clouds with chosen axis scales, rotated at random, so the covariance has
well-separated eigenvalues: every case checks that the ratio of consecutive eigenvalues among the
first k + 1 is at most MAX_RATIO, so power iteration (stop rule: no entry moves by more than 1e-12)
ends within about 130 steps and within 1e-11 of the eigenvector. Each case also checks that the
largest |projection| of every component beats the runner-up by a relative 1e-6, so that rounding
inside the SVD cannot choose another sample for the sign.
"""
import numpy as np
import sklearn
from sklearn.decomposition import PCA

from common import write

MAX_RATIO = 0.8


def rotation(rng, d):
    q, r = np.linalg.qr(rng.normal(size=(d, d)))
    return q * np.sign(np.diag(r))


def acceptable(x, k):
    cov = np.cov(x, rowvar=False, ddof=1)
    values = np.sort(np.linalg.eigvalsh(np.atleast_2d(cov)))[::-1]
    for m in range(min(k + 1, len(values)) - 1):
        if values[m + 1] > MAX_RATIO * values[m]:
            return False
    pca = PCA(n_components=k, svd_solver="full").fit(x)
    scores = np.abs(pca.transform(x))
    for m in range(k):
        top = np.sort(scores[:, m])[::-1]
        if len(top) > 1 and top[0] - top[1] < 1e-6 * top[0]:
            return False
    return True


def case(name, x, k, new):
    x = np.asarray(x, float)
    assert acceptable(x, k), name
    pca = PCA(n_components=k, svd_solver="full").fit(x)
    return {"name": name, "input": {"x": x, "k": k, "new": np.asarray(new, float)},
            "expected": {"mean": pca.mean_, "components": pca.components_,
                         "explained_variance": pca.explained_variance_,
                         "explained_variance_ratio": pca.explained_variance_ratio_,
                         "covariance": np.atleast_2d(np.cov(x, rowvar=False, ddof=1)),
                         "transform_train": pca.transform(x), "transform_new": pca.transform(np.asarray(new, float))}}


def main():
    library = "scikit-learn " + sklearn.__version__
    rng = np.random.default_rng(20261207)
    cases = [
        case("statement example: both signs flipped",
             [[-3, 0], [1, 0], [2, 0], [0, -2], [0, 1], [0, 1]], 2, [[1, 1], [0.5, -2]]),
        case("small 2-D example", [[2, 0], [0, 1], [-2, 0], [0, -1], [1, 1]], 2, [[1, 0], [0, 2]]),
        case("three points in 3-D, k=1", [[1, 2, 3], [2, 4, 1], [0, 0, 2]], 1, [[1, 1, 1]]),
    ]
    for n, d, k in [(6, 2, 1), (10, 3, 2), (25, 4, 3), (40, 5, 2), (80, 6, 4), (200, 8, 3)]:
        while True:
            scales = 3.0 * 0.55 ** np.arange(d)
            x = (rng.normal(size=(n, d)) * scales) @ rotation(rng, d).T + rng.normal(size=d) * 5
            if acceptable(x, k):
                break
        new = rng.normal(size=(3, d)) * 3
        cases.append(case("random n=%d d=%d k=%d" % (n, d, k), x, k, new))
    write("models/pca", library, cases)


if __name__ == "__main__":
    main()

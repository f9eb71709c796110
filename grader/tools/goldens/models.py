"""Golden cases for models/linear-regression, models/logistic-regression and models/k-means.

* linear-regression: the normal equation with a ridge penalty against scikit-learn's Ridge (alpha > 0)
  and LinearRegression (alpha = 0), cross-checked with numpy.linalg.lstsq on [X, 1]; the MSE loss and
  its gradient against torch autograd; the gradient-descent loop re-run in numpy, step by step.
* logistic-regression: probabilities, predictions, the penalised mean log loss and its gradient from
  torch (binary_cross_entropy_with_logits + autograd), the unpenalised loss cross-checked with
  scikit-learn's log_loss; the SGD loop re-run in torch with torch.optim.SGD.
* k-means: scikit-learn's KMeans(init=<array>, n_init=1, algorithm="lloyd", tol=0) final centroids,
  labels, inertia and n_iter, cross-checked with a plain numpy Lloyd loop (which also proves no cluster
  went empty, since the kata and scikit-learn differ there).

The training loops draw their batch order from java.util.Random, re-implemented here (JavaRandom) so
the Java kata and this script shuffle identically: each epoch starts from [0, 1, ..., n-1] and for
i = n-1 down to 1 swaps positions i and rng.nextInt(i + 1).
"""
import numpy as np
import sklearn
import torch
import torch.nn.functional as F
from sklearn.cluster import KMeans
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import log_loss, mean_squared_error

from common import write

torch.set_default_dtype(torch.float64)
MASK48 = (1 << 48) - 1


class JavaRandom:
    """java.util.Random: the 48-bit LCG, next(bits) and the legacy nextInt(bound)."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & MASK48

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & MASK48
        r = self.seed >> (48 - bits)
        if r >= 1 << 31:  # (int) cast in Java: only next(32) can be negative
            r -= 1 << 32
        return r

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < 1 << 31:
                return r
            u = self.next(31)

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53


def check_java_random():
    # Printed by java: new Random(42), nextInt(8), nextInt(15), ..., nextInt(85), nextInt(8), nextDouble().
    r = JavaRandom(42)
    got = [r.next_int(i * 7 + 1) for i in range(1, 13)] + [r.next_int(8)]
    assert got == [5, 3, 8, 15, 18, 4, 5, 47, 42, 47, 26, 12, 2], got
    assert r.next_double() == 0.3816430907807956


def epoch_order(rng, n):
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def batches(order, size):
    return [order[s:s + size] for s in range(0, len(order), size)]


# ---------------------------------------------------------------- linear regression

def linear_data(rng, n, d, noise=0.3):
    X = np.round(rng.normal(size=(n, d)) * 4) / 4 + rng.normal(size=(n, d)) * 0.01
    w = rng.normal(size=d) * 2
    y = X @ w + 1.5 + rng.normal(size=n) * noise
    return X, y


def normal_case(name, X, y, alpha):
    if alpha == 0:
        model = LinearRegression().fit(X, y)
        A = np.hstack([X, np.ones((len(X), 1))])
        sol = np.linalg.lstsq(A, y, rcond=None)[0]
        assert np.allclose(sol[:-1], model.coef_, atol=1e-9) and abs(sol[-1] - model.intercept_) < 1e-9
    else:
        model = Ridge(alpha=alpha, fit_intercept=True, solver="cholesky").fit(X, y)
        # The objective scikit-learn minimises: ||y - Xw - b||^2 + alpha ||w||^2, b not penalised.
        Xc, yc = X - X.mean(0), y - y.mean()
        w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
        assert np.allclose(w, model.coef_, atol=1e-9)
    pred = model.predict(X)
    return {"name": name, "input": {"x": X, "y": y, "alpha": alpha},
            "expected": {"weights": model.coef_, "intercept": float(model.intercept_), "predictions": pred,
                         "mse": mean_squared_error(y, pred)}}


def mse_case(name, X, y, w, b):
    tx, ty = torch.tensor(X), torch.tensor(y)
    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(float(b), requires_grad=True)
    loss = F.mse_loss(tx @ tw + tb, ty)
    loss.backward()
    return {"name": name, "input": {"x": X, "y": y, "weights": w, "intercept": b},
            "expected": {"loss": loss.item(), "grad_weights": tw.grad.numpy(), "grad_intercept": tb.grad.item()}}


def linear_gd(X, y, seed, batch, epochs, lr):
    rng = JavaRandom(seed)
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    losses = []
    for _ in range(epochs):
        for idx in batches(epoch_order(rng, n), batch):
            r = X[idx] @ w + b - y[idx]
            gw = 2 * X[idx].T @ r / len(idx)
            gb = 2 * r.mean()
            w, b = w - lr * gw, b - lr * gb
        losses.append(np.mean((X @ w + b - y) ** 2))
    return w, b, losses


def gd_case(name, X, y, seed, batch, epochs, lr):
    w, b, losses = linear_gd(X, y, seed, batch, epochs, lr)
    return {"name": name, "input": {"x": X, "y": y, "seed": seed, "batch_size": batch, "epochs": epochs,
                                    "learning_rate": lr},
            "expected": {"weights": w, "intercept": b, "losses": losses}}


def linear_cases():
    rng = np.random.default_rng(20261207)
    normal, mse, gd = [], [], []
    normal.append(normal_case("one feature, exact line", np.array([[0.0], [1.0], [2.0], [3.0]]),
                              np.array([1.0, 3.0, 5.0, 7.0]), 0.0))
    normal.append(normal_case("one feature, ridge 2", np.array([[0.0], [1.0], [2.0], [3.0]]),
                              np.array([1.0, 3.0, 5.0, 7.0]), 2.0))
    for n, d in [(6, 2), (20, 3), (50, 5), (200, 8)]:
        X, y = linear_data(rng, n, d)
        for alpha in [0.0, 0.5, 10.0]:
            normal.append(normal_case("n=%d d=%d alpha=%g" % (n, d, alpha), X, y, alpha))
    X, y = linear_data(rng, 4, 6)
    normal.append(normal_case("more features than samples, alpha=1", X, y, 1.0))
    X, y = linear_data(rng, 30, 3)
    X = X * np.array([100.0, 0.1, 1.0]) + np.array([500.0, -2.0, 0.0])
    for alpha in [0.0, 0.1]:
        normal.append(normal_case("badly scaled columns alpha=%g" % alpha, X, y, alpha))
    for n, d in [(3, 1), (10, 3), (40, 6)]:
        X, y = linear_data(rng, n, d)
        mse.append(mse_case("n=%d d=%d" % (n, d), X, y, rng.normal(size=d), float(rng.normal())))
    X = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0], [-2.0, 0.5], [1.5, 1.5]])
    y = np.array([3.0, -1.0, 4.5, -1.0, 3.0])
    gd.append(gd_case("five points, full batch", X, y, 7, 5, 20, 0.05))
    gd.append(gd_case("five points, batches of 2", X, y, 7, 2, 10, 0.05))
    gd.append(gd_case("five points, one at a time", X, y, 11, 1, 6, 0.02))
    for n, d, batch, epochs, lr, seed in [(12, 2, 4, 15, 0.05, 3), (30, 3, 7, 25, 0.02, 99), (64, 4, 64, 40, 0.1, 5)]:
        X, y = linear_data(rng, n, d)
        gd.append(gd_case("n=%d d=%d batch=%d epochs=%d" % (n, d, batch, epochs), X, y, seed, batch, epochs, lr))
    return normal, mse, gd


# ---------------------------------------------------------------- logistic regression

def logistic_data(rng, n, d, scale=1.0):
    X = rng.normal(size=(n, d)) * scale
    w = rng.normal(size=d)
    p = 1 / (1 + np.exp(-(X @ w - 0.3)))
    y = (rng.random(n) < p).astype(int)
    y[0], y[-1] = 1, 0
    return X, y


def torch_loss(X, y, w, b, lam):
    z = X @ w + b
    return F.binary_cross_entropy_with_logits(z, y.double(), reduction="mean") + lam / 2 * (w * w).sum()


def loss_case(name, X, y, w, b, lam):
    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(float(b), requires_grad=True)
    loss = torch_loss(torch.tensor(X), torch.tensor(y), tw, tb, lam)
    loss.backward()
    z = X @ w + b
    p = torch.sigmoid(torch.tensor(z)).numpy()
    unpenalised = log_loss(y, p, labels=[0, 1])
    if np.abs(z).max() < 10:  # beyond, log_loss's clipping and its 1 - p lose digits the logit form keeps
        assert abs(unpenalised + lam / 2 * w @ w - loss.item()) < 1e-10, name
    return {"name": name, "input": {"x": X, "y": y, "weights": w, "bias": b, "lambda": lam},
            "expected": {"loss": loss.item(), "grad_weights": tw.grad.numpy(), "grad_bias": tb.grad.item(),
                         "probabilities": p, "predictions": (z > 0).astype(int)}}


def train_case(name, X, y, lam, seed, batch, epochs, lr):
    rng = JavaRandom(seed)
    n, d = X.shape
    tx, ty = torch.tensor(X), torch.tensor(y)
    w = torch.zeros(d, requires_grad=True)
    b = torch.zeros((), requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    losses = []
    for _ in range(epochs):
        for idx in batches(epoch_order(rng, n), batch):
            opt.zero_grad()
            torch_loss(tx[idx], ty[idx], w, b, lam).backward()
            opt.step()
        with torch.no_grad():
            losses.append(torch_loss(tx, ty, w, b, lam).item())
    return {"name": name, "input": {"x": X, "y": y, "lambda": lam, "seed": seed, "batch_size": batch,
                                    "epochs": epochs, "learning_rate": lr},
            "expected": {"weights": w.detach().numpy(), "bias": b.item(), "losses": losses}}


def logistic_cases():
    rng = np.random.default_rng(20261208)
    loss, train = [], []
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0]])
    y = np.array([1, 0, 0])
    loss.append(loss_case("three points lambda=0", X, y, np.array([0.5, -0.25]), 0.1, 0.0))
    loss.append(loss_case("three points lambda=0.5", X, y, np.array([0.5, -0.25]), 0.1, 0.5))
    for n, d, lam, scale in [(8, 1, 0.0, 1), (20, 3, 0.1, 1), (50, 5, 0.01, 3), (200, 4, 1.0, 1)]:
        X, y = logistic_data(rng, n, d, scale)
        loss.append(loss_case("n=%d d=%d lambda=%g" % (n, d, lam), X, y, rng.normal(size=d),
                              float(rng.normal()), lam))
    X, y = logistic_data(rng, 10, 2)
    loss.append(loss_case("large logits up to about 30", X, y, np.array([12.0, -9.0]), 2.0, 0.05))
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0], [2.0, 1.0], [-0.5, -1.5], [1.5, -0.5]])
    y = np.array([1, 0, 0, 1, 0, 1])
    train.append(train_case("six points, full batch", X, y, 0.0, 7, 6, 10, 0.5))
    train.append(train_case("six points, batches of 4, lambda=0.1", X, y, 0.1, 7, 4, 8, 0.3))
    train.append(train_case("six points, one at a time, lambda=0.01", X, y, 0.01, 13, 1, 5, 0.1))
    for n, d, lam, batch, epochs, lr, seed in [(25, 3, 0.05, 8, 20, 0.2, 1), (80, 4, 0.001, 16, 30, 0.1, 2024)]:
        X, y = logistic_data(rng, n, d)
        train.append(train_case("n=%d d=%d batch=%d lambda=%g" % (n, d, batch, lam), X, y, lam, seed, batch,
                                epochs, lr))
    return loss, train


# ---------------------------------------------------------------- k-means

def numpy_lloyd(X, init, max_iter):
    c = init.copy()
    prev = None
    for it in range(1, max_iter + 1):
        d = ((X[:, None, :] - c[None, :, :]) ** 2).sum(2)
        labels = d.argmin(1)
        new = c.copy()
        for j in range(len(c)):
            assert (labels == j).any(), "cluster went empty"
            new[j] = X[labels == j].mean(0)
        moved = not np.array_equal(new, c)
        c = new
        if prev is not None and np.array_equal(labels, prev) or not moved:
            break
        prev = labels
    d = ((X[:, None, :] - c[None, :, :]) ** 2).sum(2)
    labels = d.argmin(1)
    return c, labels, d[np.arange(len(X)), labels].sum(), it


def kmeans_case(name, X, init, max_iter):
    km = KMeans(n_clusters=len(init), init=init, n_init=1, algorithm="lloyd", tol=0.0, max_iter=max_iter)
    km.fit(X)
    c, labels, inertia, n_iter = numpy_lloyd(X, init, max_iter)
    assert np.array_equal(labels, km.labels_), name
    assert n_iter == km.n_iter_, (name, n_iter, km.n_iter_)
    assert np.allclose(c, km.cluster_centers_, atol=1e-10), name
    assert abs(inertia - km.inertia_) < 1e-8 * max(1, inertia), name
    # No near-ties: the second-nearest centroid is clearly further for every point.
    d = np.sort(((X[:, None, :] - c[None, :, :]) ** 2).sum(2), axis=1)
    if len(init) > 1:
        assert (d[:, 1] - d[:, 0] > 1e-6).all(), name
    return {"name": name, "input": {"x": X, "init": init, "max_iter": max_iter},
            "expected": {"centroids": km.cluster_centers_, "labels": km.labels_, "inertia": km.inertia_,
                         "n_iter": km.n_iter_}}


def blobs(rng, n, k, d, spread):
    centres = rng.normal(size=(k, d)) * 5
    return centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d)) * spread


def kmeans_cases():
    rng = np.random.default_rng(20261209)
    out = []
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [10.0, 10.0], [11.0, 10.0], [10.0, 12.0]])
    out.append(kmeans_case("two clear blobs", X, X[[0, 1]], 100))
    X = np.array([[1.0], [2.0], [4.0], [7.0], [8.0], [20.0]])
    out.append(kmeans_case("one dimension, three clusters", X, X[[0, 1, 2]], 100))
    for n, k, d, spread, max_iter in [(30, 3, 2, 1.0, 100), (60, 4, 3, 2.0, 100), (200, 5, 2, 2.5, 300),
                                      (120, 3, 5, 3.0, 100), (100, 6, 2, 3.0, 2), (100, 6, 2, 3.0, 1)]:
        for attempt in range(50):
            X = blobs(rng, n, k, d, spread)
            init = X[rng.choice(n, size=k, replace=False)]
            try:
                out.append(kmeans_case("n=%d k=%d d=%d max_iter=%d" % (n, k, d, max_iter), X, init, max_iter))
                break
            except AssertionError:
                continue
        else:
            raise AssertionError("no usable k-means input for n=%d k=%d" % (n, k))
    X = blobs(rng, 40, 1, 3, 1.0)
    out.append(kmeans_case("k=1 is the mean", X, X[[5]], 100))
    return out


def main():
    check_java_random()
    normal, mse, gd = linear_cases()
    lib = "scikit-learn %s, torch %s, numpy %s" % (sklearn.__version__, torch.__version__, np.__version__)
    write("models/linear-regression", lib,
          [dict(c, name="normal equation: " + c["name"], kind="normal") for c in normal]
          + [dict(c, name="mse: " + c["name"], kind="mse") for c in mse]
          + [dict(c, name="gradient descent: " + c["name"], kind="gd") for c in gd])
    loss, train = logistic_cases()
    write("models/logistic-regression", lib,
          [dict(c, name="loss: " + c["name"], kind="loss") for c in loss]
          + [dict(c, name="sgd: " + c["name"], kind="sgd") for c in train])
    write("models/k-means", "scikit-learn %s" % sklearn.__version__, kmeans_cases())


if __name__ == "__main__":
    main()

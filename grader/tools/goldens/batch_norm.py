"""Golden cases for normalization/batch-norm, from PyTorch's F.batch_norm in float64.

Every case runs one training-mode forward (output and the running statistics it leaves behind), the
backward of loss = sum(dy * y) through autograd (dx, dgamma, dbeta), and one eval-mode forward that
uses the case's incoming running statistics. Inputs of shape (N, C) or (N, C, H, W) are written as
nested lists [N][C][S] with S = H * W (S = 1 for the 2-D case), the kata's layout.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, x, gamma, beta, running_mean, running_var, momentum, eps, dy):
    x = torch.tensor(x, dtype=torch.float64)
    n, c = x.shape[0], x.shape[1]
    gamma = torch.tensor(gamma, dtype=torch.float64)
    beta = torch.tensor(beta, dtype=torch.float64)
    rm0 = torch.tensor(running_mean, dtype=torch.float64)
    rv0 = torch.tensor(running_var, dtype=torch.float64)
    dy = torch.tensor(dy, dtype=torch.float64)
    assert dy.shape == x.shape

    xg = x.clone().requires_grad_(True)
    gg = gamma.clone().requires_grad_(True)
    bg = beta.clone().requires_grad_(True)
    rm = rm0.clone()
    rv = rv0.clone()
    y = F.batch_norm(xg, rm, rv, gg, bg, training=True, momentum=momentum, eps=eps)
    (y * dy).sum().backward()

    y_eval = F.batch_norm(x, rm0.clone(), rv0.clone(), gamma, beta, training=False, momentum=momentum, eps=eps)

    def nested(t):
        return t.detach().reshape(n, c, -1).numpy()

    return {
        "name": name,
        "input": {"shape": list(x.shape), "x": nested(x), "gamma": gamma.numpy(), "beta": beta.numpy(),
                  "running_mean": rm0.numpy(), "running_var": rv0.numpy(), "momentum": momentum, "eps": eps,
                  "dy": nested(dy)},
        "expected": {"y": nested(y), "running_mean": rm.numpy(), "running_var": rv.numpy(),
                     "dx": nested(xg.grad), "dgamma": gg.grad.numpy(), "dbeta": bg.grad.numpy(),
                     "y_eval": nested(y_eval)},
    }


def random_case(rng, name, shape, momentum=0.1, eps=1e-5, scales=None, offsets=None, gamma=None):
    c = shape[1]
    scales = rng.uniform(0.3, 3.0, size=c) if scales is None else np.asarray(scales, dtype=float)
    offsets = rng.uniform(-5, 5, size=c) if offsets is None else np.asarray(offsets, dtype=float)
    bshape = [1, c] + [1] * (len(shape) - 2)
    x = rng.normal(size=shape) * scales.reshape(bshape) + offsets.reshape(bshape)
    gamma = rng.uniform(0.5, 2.0, size=c) * rng.choice([-1, 1], size=c) if gamma is None else gamma
    beta = rng.normal(size=c)
    running_mean = rng.normal(size=c)
    running_var = rng.uniform(0.5, 2.0, size=c)
    dy = rng.normal(size=shape)
    return case(name, x.tolist(), list(gamma), beta.tolist(), running_mean.tolist(), running_var.tolist(),
                momentum, eps, dy.tolist())


def main():
    rng = np.random.default_rng(20261125)
    cases = [
        # The stub's worked example: one channel, values 0, 2, 4, 6; var 5, eps 4, so sqrt(var + eps) = 3.
        case("statement example", [[0.0], [2.0], [4.0], [6.0]], [2.0], [1.0], [0.0], [1.0], 0.25, 4.0,
             [[1.0], [0.0], [0.0], [0.0]]),
        random_case(rng, "2-D defaults N=8 C=3", (8, 3)),
        random_case(rng, "2-D smallest batch N=2 C=4", (2, 4)),
        random_case(rng, "2-D N=3 C=1 momentum 0.3", (3, 1), momentum=0.3),
        random_case(rng, "2-D N=32 C=6", (32, 6)),
        random_case(rng, "4-D N=2 C=3 H=2 W=3", (2, 3, 2, 3)),
        random_case(rng, "4-D batch of one N=1 C=2 H=3 W=3", (1, 2, 3, 3)),
        random_case(rng, "4-D N=4 C=5 H=4 W=4", (4, 5, 4, 4)),
        random_case(rng, "4-D 1x1 spatial N=5 C=2 H=1 W=1", (5, 2, 1, 1)),
        random_case(rng, "large eps 0.1 with small-variance channels", (6, 4), eps=0.1,
                    scales=[0.01, 0.05, 0.2, 0.5]),
        random_case(rng, "eps 1e-3 momentum 0.01 (Keras-like constants, torch meaning)", (10, 3),
                    momentum=0.01, eps=1e-3),
        random_case(rng, "momentum 1 replaces the running stats", (5, 3), momentum=1.0),
        random_case(rng, "momentum 0 keeps the running stats", (5, 3), momentum=0.0),
        random_case(rng, "gamma with a zero and a negative entry", (7, 3), gamma=[0.0, -1.5, 2.0]),
        random_case(rng, "large common offset 1e4 with spread 1", (16, 2), offsets=[1e4, -1e4],
                    scales=[1.0, 0.5]),
        random_case(rng, "spread 100 around zero", (9, 2), offsets=[0.0, 0.0], scales=[100.0, 40.0]),
    ]
    # A channel whose values are all equal: var = 0, so the output is beta and only eps keeps it finite.
    x = rng.normal(size=(4, 3))
    x[:, 1] = 2.5
    cases.append(case("constant channel", x.tolist(), [1.5, 2.0, -0.5], [0.1, -0.3, 0.7], [0.0, 0.0, 0.0],
                      [1.0, 1.0, 1.0], 0.1, 1e-5, rng.normal(size=(4, 3)).tolist()))
    write("normalization/batch-norm", "PyTorch " + torch.__version__ + " (torch.nn.functional.batch_norm, float64)",
          cases)


if __name__ == "__main__":
    main()

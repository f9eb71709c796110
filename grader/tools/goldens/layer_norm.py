"""Golden cases for normalization/layer-norm, from PyTorch's F.layer_norm and autograd (float64).

Input x is (N, D); the kata normalizes each row over its D entries (normalized_shape = (D,)). A random
upstream gradient dy is pushed back through autograd, which gives dx, dgamma and dbeta.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, x, gamma, beta, eps, dy):
    x = np.asarray(x, dtype=np.float64).reshape(len(x), -1) if len(x) else np.zeros((0, len(gamma)))
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    gt = torch.tensor(gamma, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(beta, dtype=torch.float64, requires_grad=True)
    y = F.layer_norm(xt, (len(gamma),), gt, bt, eps)
    dyt = torch.tensor(np.asarray(dy, dtype=np.float64).reshape(x.shape), dtype=torch.float64)
    y.backward(dyt)
    return {"name": name,
            "input": {"x": x, "gamma": list(gamma), "beta": list(beta), "eps": eps,
                      "dy": dyt.numpy()},
            "expected": {"y": y.detach().numpy(), "dx": xt.grad.numpy(),
                         "dgamma": gt.grad.numpy(), "dbeta": bt.grad.numpy()}}


def main():
    rng = np.random.default_rng(20261125)

    def rand(*shape, scale=1.0):
        return (rng.normal(size=shape) * scale).tolist()

    out = [
        case("statement example", [[1.0, 2.0, 3.0], [4.0, 4.0, 7.0]], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0],
             1e-5, [[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]]),
        case("D=1 single value", [[3.5]], [2.0], [0.25], 1e-5, [[1.5]]),
        case("D=1 batch of 4", [[-1.0], [0.0], [2.0], [100.0]], [-0.5], [1.0], 1e-5, rand(4, 1)),
        case("D=2", rand(3, 2, scale=2.0), rand(2), rand(2), 1e-5, rand(3, 2)),
        case("4x5 affine", rand(4, 5, scale=3.0), rand(5), rand(5), 1e-5, rand(4, 5)),
        case("8x16 identity affine", rand(8, 16), [1.0] * 16, [0.0] * 16, 1e-5, rand(8, 16)),
        case("3x64 transformer width", (np.array(rand(3, 64)) * 0.5 + 2.0).tolist(), rand(64), rand(64),
             1e-5, rand(3, 64)),
        case("single row of 7", rand(1, 7, scale=10.0), rand(7), rand(7), 1e-5, rand(1, 7)),
        case("eps 0.1 matters", rand(3, 4, scale=0.3), rand(4), rand(4), 0.1, rand(3, 4)),
        case("eps 1e-12", rand(2, 6), rand(6), rand(6), 1e-12, rand(2, 6)),
        case("constant rows", [[2.0, 2.0, 2.0, 2.0], [-7.5, -7.5, -7.5, -7.5], [0.0, 1.0, 0.0, 1.0]],
             rand(4), rand(4), 1e-5, rand(3, 4)),
        case("large mean, small variance", (1e4 + np.array(rand(3, 8)) * 1e-2).tolist(), rand(8), rand(8),
             1e-5, rand(3, 8)),
        case("large mean, variance near eps", (-3e3 + np.array(rand(2, 10)) * 3e-3).tolist(), rand(10),
             rand(10), 1e-5, rand(2, 10)),
        case("rows on very different scales", [list(np.array(rand(5)) * s) for s in (1e-3, 1.0, 1e3)],
             rand(5), rand(5), 1e-5, rand(3, 5)),
        case("ties within rows", [[1.0, 1.0, 2.0, 2.0, 2.0], [0.0, 0.0, 0.0, 0.0, 5.0]], rand(5), rand(5),
             1e-5, rand(2, 5)),
        case("empty batch", [], [1.5, -0.5, 2.0], [0.1, 0.2, 0.3], 1e-5, []),
    ]
    write("normalization/layer-norm", "PyTorch " + torch.__version__ + " (F.layer_norm, float64)", out)


if __name__ == "__main__":
    main()

"""Golden cases for layers/pooling, from PyTorch's F.max_pool2d and F.avg_pool2d with autograd in float64.

Each case pools one input with one geometry three ways: max pooling, average pooling with
count_include_pad=True and with False; for each it records the output and the input gradient of
loss = sum(dy * out) for a seeded dy. Inputs drawn from a small integer grid make ties common: torch
(CPU) gives a window's gradient to the first maximum of its row-major scan, which the fixtures record.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, x, kernel, stride, padding, dy=None, rng=None):
    k, s, p = tuple(kernel), (tuple(stride) if stride is not None else None), tuple(padding)
    expected = {}
    for label, fn in [("max", lambda t: F.max_pool2d(t, k, s, p)),
                      ("avg_include_pad", lambda t: F.avg_pool2d(t, k, s, p, count_include_pad=True)),
                      ("avg_exclude_pad", lambda t: F.avg_pool2d(t, k, s, p, count_include_pad=False))]:
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        out = fn(xt)
        if dy is None:
            dy = rng.normal(size=tuple(out.shape)).round(3).tolist()
        (out * torch.tensor(dy, dtype=torch.float64)).sum().backward()
        expected[label] = out.detach().numpy()
        expected[label + "_grad"] = xt.grad.numpy()
    return {"name": name,
            "input": {"input": x, "kernel": kernel, "stride": stride, "padding": padding, "dy": dy},
            "expected": expected}


def random_case(rng, name, shape, kernel, stride, padding, ties=False, negative=False):
    if ties:
        x = rng.integers(0, 3, size=shape).astype(float)
    else:
        x = rng.normal(size=shape)
    if negative:
        x = -np.abs(x) - 1
    return case(name, x.tolist(), list(kernel), list(stride) if stride is not None else None, list(padding), rng=rng)


def main():
    rng = np.random.default_rng(20261207)
    cases = [
        case("statement example (ties, overlapping)", [[[[1.0, 3, 3], [3, 2, 3], [0, 3, 1]]]], [2, 2], [1, 1],
             [0, 0], dy=[[[[1.0, 1], [1, 1]]]]),
        case("statement example, padding 1 kernel 3 stride 2", [[[[1.0, 3, 3], [3, 2, 3], [0, 3, 1]]]], [3, 3],
             [2, 2], [1, 1], dy=[[[[1.0, 1], [1, 1]]]]),
        case("all equal: the top-left of each window wins", [[[[5.0] * 4] * 4]], [2, 2], [1, 1], [0, 0],
             rng=rng),
        random_case(rng, "default stride = kernel 2x2", (2, 2, 4, 6), (2, 2), None, (0, 0)),
        random_case(rng, "odd size, stride = kernel drops the last row", (1, 2, 5, 5), (2, 2), None, (0, 0)),
        random_case(rng, "overlapping 3x3 stride 1", (1, 2, 5, 5), (3, 3), (1, 1), (0, 0)),
        random_case(rng, "overlapping 3x3 stride 2 padding 1", (2, 1, 6, 5), (3, 3), (2, 2), (1, 1)),
        random_case(rng, "ties on a 0..2 grid, overlapping 3x3 stride 1", (1, 2, 5, 6), (3, 3), (1, 1), (0, 0),
                    ties=True),
        random_case(rng, "ties on a 0..2 grid, 2x2 stride 1 padding 1", (2, 1, 4, 4), (2, 2), (1, 1), (1, 1),
                    ties=True),
        random_case(rng, "negative values with padding: -inf padding never wins", (1, 2, 4, 5), (3, 3), (1, 1),
                    (1, 1), negative=True),
        random_case(rng, "non-square kernel (2, 3) stride (1, 2) padding (1, 1)", (1, 2, 5, 7), (2, 3), (1, 2),
                    (1, 1)),
        random_case(rng, "stride 3 larger than kernel 2 skips inputs", (1, 1, 7, 8), (2, 2), (3, 3), (0, 0)),
        random_case(rng, "1x1 kernel", (1, 2, 3, 3), (1, 1), None, (0, 0)),
        random_case(rng, "kernel = whole input 4x5 with padding", (2, 2, 4, 5), (4, 5), (1, 1), (2, 2)),
    ]
    write("layers/pooling", "PyTorch " + torch.__version__
          + " (torch.nn.functional.max_pool2d, avg_pool2d, autograd; float64, CPU)", cases)


if __name__ == "__main__":
    main()

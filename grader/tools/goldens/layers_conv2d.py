"""Golden cases for layers/conv2d, from PyTorch's F.conv2d and autograd in float64.

Each case runs out = F.conv2d(input, weight, bias, stride, padding, dilation, groups) and the backward
of loss = sum(dy * out) for a seeded dy, recording d_input, d_weight and d_bias. Cases without a bias
run the forward with bias=None; their d_bias comes from a second run with a zero bias tensor (what a
bias would receive).
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, x, w, b, stride, padding, dilation, groups, dy=None, rng=None):
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b if b is not None else [0.0] * len(w), dtype=torch.float64, requires_grad=True)
    out = F.conv2d(xt, wt, bt if b is not None else None, tuple(stride), tuple(padding), tuple(dilation), groups)
    if dy is None:
        dy = rng.normal(size=tuple(out.shape)).tolist()
    dyt = torch.tensor(dy, dtype=torch.float64)
    (out * dyt).sum().backward()
    db = bt.grad
    if b is None:
        bt2 = torch.zeros(len(w), dtype=torch.float64, requires_grad=True)
        out2 = F.conv2d(xt.detach(), wt.detach(), bt2, tuple(stride), tuple(padding), tuple(dilation), groups)
        (out2 * dyt).sum().backward()
        db = bt2.grad
    return {
        "name": name,
        "input": {"input": x, "weight": w, "bias": b, "stride": stride, "padding": padding,
                  "dilation": dilation, "groups": groups, "dy": dy},
        "expected": {"output": out.detach().numpy(), "d_input": xt.grad.numpy(), "d_weight": wt.grad.numpy(),
                     "d_bias": db.numpy()},
    }


def random_case(rng, name, n, c_in, h, w, c_out, k, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1,
                bias=True):
    x = rng.normal(size=(n, c_in, h, w))
    weight = rng.normal(size=(c_out, c_in // groups, k[0], k[1]))
    b = rng.normal(size=c_out).tolist() if bias else None
    return case(name, x.tolist(), weight.tolist(), b, list(stride), list(padding), list(dilation), groups, rng=rng)


def main():
    rng = np.random.default_rng(20261207)
    cases = [
        case("statement example", [[[[1.0, 2, 3], [4, 5, 6], [7, 8, 9]]]], [[[[1.0, 0], [0, -1]]]], [10.0],
             [1, 1], [0, 0], [1, 1], 1, dy=[[[[1.0, 0], [0, 0]]]]),
        random_case(rng, "basic N=2 Cin=3 Cout=4 5x6 kernel 3x3", 2, 3, 5, 6, 4, (3, 3)),
        random_case(rng, "stride 2", 1, 2, 7, 7, 3, (3, 3), stride=(2, 2)),
        random_case(rng, "stride 2 drops the last row and column", 1, 1, 6, 6, 2, (3, 3), stride=(2, 2)),
        random_case(rng, "padding 1 (same size)", 2, 2, 4, 5, 3, (3, 3), padding=(1, 1)),
        random_case(rng, "per-axis stride (2, 1) and padding (0, 2)", 1, 2, 6, 4, 2, (3, 2), stride=(2, 1),
                    padding=(0, 2)),
        random_case(rng, "dilation 2", 1, 2, 7, 7, 2, (3, 3), dilation=(2, 2)),
        random_case(rng, "dilation (1, 2) with padding 2", 2, 1, 5, 6, 2, (2, 3), dilation=(1, 2), padding=(2, 2)),
        random_case(rng, "groups 2", 2, 4, 5, 5, 6, (3, 3), groups=2),
        random_case(rng, "depthwise groups = channels = 3", 1, 3, 5, 4, 3, (3, 3), groups=3, padding=(1, 1)),
        random_case(rng, "depthwise with multiplier 2 (Cin 2, Cout 4, groups 2)", 2, 2, 4, 4, 4, (2, 2), groups=2),
        random_case(rng, "no bias", 1, 2, 4, 4, 2, (2, 2), bias=False),
        random_case(rng, "1x1 kernel", 2, 3, 3, 3, 2, (1, 1)),
        random_case(rng, "kernel larger than input, padded", 1, 1, 2, 2, 2, (3, 3), padding=(1, 1)),
        random_case(rng, "stride 3 larger than kernel 2 skips inputs", 1, 2, 7, 8, 2, (2, 2), stride=(3, 3)),
        random_case(rng, "everything: stride 2, padding 1, dilation 2, groups 2", 2, 4, 7, 6, 4, (3, 2),
                    stride=(2, 2), padding=(1, 1), dilation=(2, 2), groups=2),
    ]
    write("layers/conv2d", "PyTorch " + torch.__version__ + " (torch.nn.functional.conv2d, autograd; float64)",
          cases)


if __name__ == "__main__":
    main()

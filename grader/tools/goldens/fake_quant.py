"""Golden cases for quantization/fake-quant, from PyTorch 1.13 (float64 tensors).

Forward cases call torch.fake_quantize_per_tensor_affine on a float64 tensor and push an upstream
gradient through autograd (the straight-through estimator). PyTorch keeps a scale in float32, so every
scale here is exactly representable in float32; then the kata's float64 division agrees with PyTorch.

Observer cases feed a sequence of batches to torch.ao.quantization.MinMaxObserver or
MovingAverageMinMaxObserver converted with .double() (float64 buffers, eps still 2^-23) and record the
range and calculate_qparams() after every batch, and once before the first.
"""
import warnings

import numpy as np
import torch
from torch.ao.quantization import MinMaxObserver, MovingAverageMinMaxObserver

from common import write


def f32(s):
    return float(np.float32(s))


def forward_case(name, x, scale, zero_point, quant_min, quant_max, dy):
    assert f32(scale) == scale, "scale must be exact in float32"
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = torch.fake_quantize_per_tensor_affine(xt, scale, zero_point, quant_min, quant_max)
    y.backward(torch.tensor(dy, dtype=torch.float64))
    return {"name": name,
            "input": {"kind": "forward", "x": x, "scale": scale, "zero_point": zero_point, "quant_min": quant_min,
                      "quant_max": quant_max, "dy": dy},
            "expected": {"y": y.detach().numpy(), "dx": xt.grad.numpy()}}


def observer_case(name, kind, dtype, qscheme, batches, averaging_constant=0.01):
    tdtype = {"QINT8": torch.qint8, "QUINT8": torch.quint8}[dtype]
    tscheme = {"PER_TENSOR_AFFINE": torch.per_tensor_affine, "PER_TENSOR_SYMMETRIC": torch.per_tensor_symmetric}[qscheme]
    if kind == "min_max":
        obs = MinMaxObserver(dtype=tdtype, qscheme=tscheme)
    else:
        obs = MovingAverageMinMaxObserver(averaging_constant=averaging_constant, dtype=tdtype, qscheme=tscheme)
    obs = obs.double()
    steps = []

    def record():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            scale, zp = obs.calculate_qparams()
        steps.append({"min": float(obs.min_val), "max": float(obs.max_val), "scale": float(scale),
                      "zero_point": int(zp)})

    record()
    for b in batches:
        obs(torch.tensor(b, dtype=torch.float64))
        record()
    return {"name": name,
            "input": {"kind": "observer", "observer": kind, "dtype": dtype, "qscheme": qscheme,
                      "averaging_constant": averaging_constant, "batches": batches},
            "expected": {"steps": steps}}


def main():
    rng = np.random.default_rng(20261207)

    def rand(n, s=1.0):
        return (rng.normal(size=n) * s).tolist()

    halves = [0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 126.5, 127.5, -128.5, -127.5, 3.5]
    out = [
        forward_case("statement example", [0.3, 0.75, 1.25, 1.6, 1.75, -2.2], 0.5, 0, -4, 3, [1.0] * 6),
        forward_case("exact halves, scale 1, int8 range", halves, 1.0, 0, -128, 127, [1.0] * len(halves)),
        forward_case("exact halves at scale 0.25 with zero point 3, uint8 range",
                     [h * 0.25 for h in halves] + [-0.875, -0.625, 63.125, 63.375], 0.25, 3, 0, 255,
                     rand(len(halves) + 4)),
        forward_case("the mask tests the rounded level: both ends inclusive",
                     [-4.6, -4.5, -4.4, 3.4, 3.5, 3.6, -4.0, 3.0], 1.0, 0, -4, 3, [2.0] * 8),
        forward_case("zero point at the top of the range", [-3.0, -0.1, 0.0, 0.1, 0.2, 0.26], 0.125, 255, 0, 255,
                     rand(6)),
        forward_case("4-bit unsigned grid", rand(40, 2.0), f32(0.2), 8, 0, 15, rand(40)),
        forward_case("int8 with a float32 scale", rand(60, 3.0), f32(0.0371), -5, -128, 127, rand(60)),
        forward_case("uint8 with zero point 128", rand(60, 1.0), f32(1 / 127.5), 128, 0, 255, rand(60)),
        forward_case("most values saturate", rand(30, 10.0), 0.0625, 0, -8, 7, rand(30)),
        forward_case("infinities saturate with zero gradient", [float("inf"), float("-inf"), 1.0], 0.5, 1, -3, 3,
                     [1.0, 1.0, 1.0]),
        forward_case("empty", [], 0.5, 0, -128, 127, []),
        observer_case("min-max, statement example", "min_max", "QUINT8", "PER_TENSOR_AFFINE", [[-1.0, 3.0]]),
        observer_case("min-max, uint8 affine over three batches", "min_max", "QUINT8", "PER_TENSOR_AFFINE",
                      [rand(8), rand(8, 3.0), rand(8, 0.5)]),
        observer_case("min-max, int8 symmetric", "min_max", "QINT8", "PER_TENSOR_SYMMETRIC",
                      [rand(10), rand(10, 2.0)]),
        observer_case("min-max, uint8 symmetric: zero point 128", "min_max", "QUINT8", "PER_TENSOR_SYMMETRIC",
                      [[1.0, 3.0], [-0.5, 2.0]]),
        observer_case("min-max, int8 affine, positive data only", "min_max", "QINT8", "PER_TENSOR_AFFINE",
                      [[2.0, 10.0], [3.0, 4.0]]),
        observer_case("min-max, a constant zero batch", "min_max", "QUINT8", "PER_TENSOR_AFFINE", [[0.0, 0.0]]),
        observer_case("min-max, an empty batch changes nothing", "min_max", "QINT8", "PER_TENSOR_AFFINE",
                      [[], [-2.0, 0.5], []]),
        observer_case("moving average, statement example", "moving_average", "QUINT8", "PER_TENSOR_AFFINE",
                      [[-1.0, 3.0], [-2.0, 1.0]]),
        observer_case("moving average, five batches", "moving_average", "QUINT8", "PER_TENSOR_AFFINE",
                      [rand(16, s) for s in (1.0, 2.0, 0.5, 4.0, 1.0)]),
        observer_case("moving average, int8 symmetric", "moving_average", "QINT8", "PER_TENSOR_SYMMETRIC",
                      [rand(12, s) for s in (1.0, 3.0, 0.2)]),
        observer_case("moving average with constant 0.5", "moving_average", "QINT8", "PER_TENSOR_AFFINE",
                      [rand(6), rand(6, 5.0), rand(6)], 0.5),
        observer_case("moving average with constant 1: the last batch wins", "moving_average", "QUINT8",
                      "PER_TENSOR_SYMMETRIC", [rand(6), rand(6, 5.0)], 1.0),
        observer_case("moving average, an empty first batch does not initialise", "moving_average", "QUINT8",
                      "PER_TENSOR_AFFINE", [[], [1.0, 2.0], [-1.0, 4.0]]),
    ]
    write("quantization/fake-quant", "PyTorch " + torch.__version__
          + " (fake_quantize_per_tensor_affine, MinMaxObserver, MovingAverageMinMaxObserver; float64)", out)


if __name__ == "__main__":
    main()

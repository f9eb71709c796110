"""Golden cases for quantization/int8-quantizer, from PyTorch's observers and quantize kernels.

Scale and zero point: torch.ao.quantization's own _calculate_qparams (the method MinMaxObserver and
PerChannelMinMaxObserver call), fed float64 min/max tensors so the arithmetic runs in float64 like the
kata. The public observer path (forward on a float32 tensor, calculate_qparams) is checked against it
to float32 precision below, so the private call is the same computation.

Quantize and dequantize: torch.quantize_per_tensor / quantize_per_channel, int_repr() and dequantize().
Those kernels only accept float32 input and multiply by the float32 reciprocal of the scale, while the
kata divides in float64. Every input value is therefore float32-representable, and values whose exact
quotient x / scale lies within TIE_MARGIN of a half-way point (where float32 and float64 may round
differently) are avoided, unless the scale is a power of two (then both are exact and a true tie is a
meaningful test of round-half-to-even). Every expected level is also checked against exact rational
arithmetic with half-to-even rounding. dequantize() returns float32: the spec compares it with a
relative tolerance.
"""
from fractions import Fraction
import math

import numpy as np
import torch
from torch.ao.quantization import MinMaxObserver, PerChannelMinMaxObserver

from common import write

TIE_MARGIN = Fraction(1, 1000)
DTYPES = {"INT8": (torch.qint8, -128, 127), "UINT8": (torch.quint8, 0, 255)}
SCHEMES = {"affine": (torch.per_tensor_affine, torch.per_channel_affine),
           "symmetric": (torch.per_tensor_symmetric, torch.per_channel_symmetric)}


def f32(values):
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def qparams(mins, maxs, dtype, scheme, per_channel=False, axis=0):
    tdtype = DTYPES[dtype][0]
    if per_channel:
        obs = PerChannelMinMaxObserver(ch_axis=axis, dtype=tdtype, qscheme=SCHEMES[scheme][1])
    else:
        obs = MinMaxObserver(dtype=tdtype, qscheme=SCHEMES[scheme][0])
    # 1-d tensors on purpose: a 0-d float64 tensor would be demoted to float32 by torch.max with the
    # observer's 1-d float32 eps buffer (type promotion favours dimensioned tensors).
    scale, zp = obs._calculate_qparams(torch.tensor(mins, dtype=torch.float64).reshape(-1),
                                       torch.tensor(maxs, dtype=torch.float64).reshape(-1))
    assert scale.dtype == torch.float64, scale.dtype
    return scale.reshape(-1).tolist(), [int(z) for z in zp.reshape(-1).tolist()]


def is_power_of_two(s):
    m, _ = math.frexp(s)
    return m == 0.5


def exact_level(x, scale, zp, qmin, qmax):
    """Half-to-even rounding of the exact quotient, then zero point and clamp; None if ambiguous."""
    t = Fraction(x) / Fraction(scale)
    lo = math.floor(t)
    frac = t - lo
    candidates = {min(max(lo + zp, qmin), qmax), min(max(lo + 1 + zp, qmin), qmax)}
    if len(candidates) > 1 and abs(frac - Fraction(1, 2)) < TIE_MARGIN:
        if not (frac == Fraction(1, 2) and is_power_of_two(scale)):
            return None
    r = lo if frac < Fraction(1, 2) or (frac == Fraction(1, 2) and lo % 2 == 0) else lo + 1
    return min(max(r + zp, qmin), qmax)


def torch_quantize(x, scale, zp, dtype):
    tdtype, qmin, qmax = DTYPES[dtype]
    qt = torch.quantize_per_tensor(torch.tensor(x, dtype=torch.float32), scale, zp, tdtype)
    q = qt.int_repr().to(torch.int64).tolist()
    for xi, qi in zip(x, q):
        assert exact_level(xi, scale, zp, qmin, qmax) == qi, (xi, scale, zp, qi)
    return q, qt.dequantize().to(torch.float64).tolist()


def safe(x, scales, zps, dtype, channel_of=None):
    qmin, qmax = DTYPES[dtype][1:]
    for k, xi in enumerate(x):
        c = 0 if channel_of is None else channel_of(k)
        if exact_level(xi, scales[c], zps[c], qmin, qmax) is None:
            return False
    return True


def check_public_observer(x, dtype, scheme, scale, zp):
    """The public float32 observer path agrees with the float64 qparams to float32 precision."""
    obs = MinMaxObserver(dtype=DTYPES[dtype][0], qscheme=SCHEMES[scheme][0])
    obs(torch.tensor(x, dtype=torch.float32))
    s32, z32 = obs.calculate_qparams()
    assert abs(float(s32) - scale) <= 1e-6 * scale, (float(s32), scale)
    assert abs(int(z32) - zp) <= 1, (int(z32), zp)


def params_cases():
    ranges = [(-1.0, 3.0), (2.0, 10.0), (-10.0, -2.0), (0.0, 0.0), (-1e-9, 1e-9), (1e-3, 1e-3),
              (-63.75, 63.75), (-62.75, 64.75), (-0.3, 0.7), (-5.5, 0.25), (-1000.0, 2500.0),
              (-127.5, 127.5), (-3.0, 1.0), (4e-8, 6e-6)]
    rng = np.random.default_rng(8)
    for _ in range(4):
        a, b = sorted(rng.normal(scale=5, size=2).tolist())
        ranges.append((a, b))
    out = []
    for lo, hi in ranges:
        for dtype in DTYPES:
            for scheme in SCHEMES:
                (scale,), (zp,) = qparams(lo, hi, dtype, scheme)
                out.append({"name": "%sParams(%r, %r, %s)" % (scheme, lo, hi, dtype),
                            "input": {"kind": "params", "min": lo, "max": hi, "dtype": dtype, "scheme": scheme},
                            "expected": {"scale": scale, "zero_point": zp}})
    return out


def quantize_cases():
    ties = [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5]
    given = [
        ("ties at scale 1", ties, 1.0, 0, "INT8"),
        ("ties at scale 0.5", [t / 2 for t in ties], 0.5, 0, "INT8"),
        ("ties with odd zero point", ties, 1.0, 3, "INT8"),
        ("ties uint8 zero point 128", ties + [127.5, -128.5], 1.0, 128, "UINT8"),
        ("ties at scale 0.25 uint8 zero point 7", [t / 4 for t in ties], 0.25, 7, "UINT8"),
        ("saturation int8", [-1000.0, -128.5, -127.0, 126.9, 127.4, 1000.0], 1.0, 0, "INT8"),
        # Not 1e30: torch casts the float quotient to int64 before clamping, which overflows (1e30 came
        # back as 0). The kata pins saturation for every value; the spec checks huge values by hand.
        ("saturation uint8", [-1000.0, -0.6, 0.0, 254.7, 300.0, 1e10, -1e10], 1.0, 0, "UINT8"),
        ("truncation would differ", [0.74, -0.74, 1.3, -1.3, 2.9, -2.9], 0.5, 0, "INT8"),
        ("empty", [], 0.1, 0, "INT8"),
    ]
    rng = np.random.default_rng(20261125)
    for k in range(6):
        dtype = "INT8" if k % 2 == 0 else "UINT8"
        qmin, qmax = DTYPES[dtype][1:]
        while True:
            scale = float(rng.uniform(0.01, 0.5))
            zp = int(rng.integers(qmin, qmax + 1))
            x = f32(rng.normal(scale=20 * scale, size=30)).tolist()
            if safe(x, [scale], [zp], dtype):
                break
        given.append(("random %s scale %.4f zero point %d" % (dtype, scale, zp), x, scale, zp, dtype))
    out = []
    for name, x, scale, zp, dtype in given:
        x = f32(x).tolist()
        assert safe(x, [scale], [zp], dtype), name
        q, deq = torch_quantize(x, scale, zp, dtype)
        out.append({"name": "quantize " + name,
                    "input": {"kind": "quantize", "x": x, "scale": scale, "zero_point": zp, "dtype": dtype},
                    "expected": {"q": q, "dequantized": deq}})
    return out


def observed_cases():
    rng = np.random.default_rng(31)
    draws = [
        ("normal", lambda: rng.normal(size=40)),
        ("relu outputs", lambda: np.maximum(rng.normal(size=40), 0)),
        ("all negative", lambda: -rng.uniform(1, 4, size=25)),
        ("skewed", lambda: rng.exponential(size=40) - 0.2),
        ("wide", lambda: rng.normal(scale=1e3, size=40)),
        ("tiny", lambda: rng.normal(scale=1e-6, size=20)),
    ]
    out = []
    for name, draw in draws:
        for dtype in DTYPES:
            for scheme in SCHEMES:
                while True:
                    x = f32(draw()).tolist()
                    (scale,), (zp,) = qparams(min(x), max(x), dtype, scheme)
                    if safe(x, [scale], [zp], dtype):
                        break
                check_public_observer(x, dtype, scheme, scale, zp)
                q, deq = torch_quantize(x, scale, zp, dtype)
                out.append({"name": "observe and quantize %s %s %s" % (name, dtype, scheme),
                            "input": {"kind": "observed", "x": x, "dtype": dtype, "scheme": scheme},
                            "expected": {"scale": scale, "zero_point": zp, "q": q, "dequantized": deq}})
    return out


def per_channel_cases():
    rng = np.random.default_rng(77)
    shapes = [(3, 5), (4, 2), (1, 6), (5, 1)]
    out = []
    k = 0
    for rows, cols in shapes:
        for axis in (0, 1):
            for dtype in DTYPES:
                for scheme in SCHEMES:
                    k += 1
                    while True:
                        x = rng.normal(size=(rows, cols)) * rng.uniform(0.01, 10, size=(rows, 1) if axis == 0 else (1, cols))
                        if k % 3 == 0:
                            # one channel of zeros and one of positives only
                            if axis == 0:
                                x[0, :] = 0.0
                                x[-1, :] = np.abs(x[-1, :]) + 0.1 if rows > 1 else x[-1, :]
                            else:
                                x[:, 0] = 0.0
                                x[:, -1] = np.abs(x[:, -1]) + 0.1 if cols > 1 else x[:, -1]
                        x = f32(x)
                        mins, maxs = x.min(axis=1 - axis), x.max(axis=1 - axis)
                        scales, zps = qparams(mins.tolist(), maxs.tolist(), dtype, scheme, True, axis)
                        flat = x.reshape(-1).tolist()
                        chan = (lambda i: i // cols) if axis == 0 else (lambda i: i % cols)
                        if safe(flat, scales, zps, dtype, chan):
                            break
                    tdtype, qmin, qmax = DTYPES[dtype]
                    qt = torch.quantize_per_channel(torch.tensor(x, dtype=torch.float32),
                                                    torch.tensor(scales, dtype=torch.float64),
                                                    torch.tensor(zps, dtype=torch.int64), axis, tdtype)
                    q = qt.int_repr().to(torch.int64).numpy()
                    for i, xi in enumerate(flat):
                        c = chan(i)
                        assert exact_level(xi, scales[c], zps[c], qmin, qmax) == q.reshape(-1)[i]
                    out.append({"name": "per channel %dx%d axis %d %s %s" % (rows, cols, axis, dtype, scheme),
                                "input": {"kind": "per_channel", "x": x, "axis": axis, "dtype": dtype,
                                          "scheme": scheme},
                                "expected": {"scales": scales, "zero_points": zps, "q": q,
                                             "dequantized": qt.dequantize().to(torch.float64).numpy()}})
    return out


def main():
    library = "PyTorch " + torch.__version__.split("a")[0] + " (Debian python3-torch)"
    cases = params_cases() + quantize_cases() + observed_cases() + per_channel_cases()
    write("quantization/int8-quantizer", library, cases)


if __name__ == "__main__":
    main()

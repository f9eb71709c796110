"""Golden cases for transformer/positional-encoding, re-computed in PyTorch (float64).

Neither table is a library function, so this generator writes the published formulations in torch:

* Sinusoidal: the table of "Attention Is All You Need" as the common PyTorch recipe builds it,
  frequencies exp(-ln(10000) * 2i / d), sines into the even columns and cosines into the odd ones.
  For an odd d the recipe's cosine assignment fails (one frequency too many); the kata pins that column c
  uses frequency index floor(c / 2), so the cosines take the first floor(d / 2) frequencies.
* RoPE, HALVES: Hugging Face LLaMA's formulation: inv_freq = 1 / base^(arange(0, d, 2) / d),
  emb = cat(freqs, freqs), x * cos(emb) + rotate_half(x) * sin(emb), rotate_half(x) = cat(-x2, x1).
* RoPE, INTERLEAVED: the RoFormer / Meta LLaMA formulation with complex numbers: consecutive pairs
  viewed as complex numbers and multiplied by exp(i * position * inv_freq).
* Backward: torch autograd of sum(grad_output * rope(x)) with respect to x.

The two pairings are cross-checked against each other through a column permutation.
"""
import math

import torch

from common import write

torch.set_default_dtype(torch.float64)


def sinusoidal(length, d):
    position = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * -(math.log(10000.0) / d))
    pe = torch.zeros(length, d)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d // 2])
    return pe


def inv_freq(d, base):
    return 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.float64) / d))


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def rope_halves(x, positions, base):
    freqs = torch.outer(positions.to(torch.float64), inv_freq(x.shape[-1], base))
    emb = torch.cat((freqs, freqs), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


def rope_interleaved(x, positions, base):
    freqs = torch.outer(positions.to(torch.float64), inv_freq(x.shape[-1], base))
    cis = torch.polar(torch.ones_like(freqs), freqs)
    xc = torch.view_as_complex(x.reshape(x.shape[0], -1, 2).contiguous())
    return torch.view_as_real(xc * cis).reshape(x.shape)


ROPE = {"INTERLEAVED": rope_interleaved, "HALVES": rope_halves}


def rope_case(name, g, rows, d, positions, base, pairing, scale=1.0):
    x = (torch.randn(rows, d, generator=g) * scale).requires_grad_(True)
    grad_out = torch.randn(rows, d, generator=g)
    pos = torch.tensor(positions, dtype=torch.int64)
    y = ROPE[pairing](x, pos, base)
    (grad_x,) = torch.autograd.grad((y * grad_out).sum(), x)
    # Cross-check: interleaved on x equals halves on x with its columns regrouped (evens first, odds after).
    perm = torch.cat((torch.arange(0, d, 2), torch.arange(1, d, 2)))
    other = "HALVES" if pairing == "INTERLEAVED" else "INTERLEAVED"
    if pairing == "INTERLEAVED":
        y2 = ROPE[other](x.detach()[:, perm], pos, base)
        assert torch.allclose(y2, y.detach()[:, perm], rtol=1e-12, atol=1e-12), name
    else:
        inv = torch.argsort(perm)
        y2 = ROPE[other](x.detach()[:, inv], pos, base)
        assert torch.allclose(y2, y.detach()[:, inv], rtol=1e-12, atol=1e-12), name
    return {"name": name,
            "input": {"op": "rope", "x": x.detach(), "positions": positions, "base": base, "pairing": pairing,
                      "grad_output": grad_out},
            "expected": {"y": y.detach(), "grad_x": grad_x}}


def main():
    g = torch.Generator().manual_seed(20261207)
    cases = []
    for length, d in [(1, 1), (3, 2), (4, 4), (6, 8), (50, 16), (5, 3), (7, 5), (2, 1), (12, 64)]:
        cases.append({"name": "sinusoidal length %d d %d" % (length, d), "input": {"op": "sinusoidal", "length": length, "d": d},
                      "expected": {"pe": sinusoidal(length, d)}})
    for pairing in ["INTERLEAVED", "HALVES"]:
        p = pairing.lower()
        cases.append(rope_case("rope %s d 2 positions 0..3" % p, g, 4, 2, [0, 1, 2, 3], 10000.0, pairing))
        cases.append(rope_case("rope %s d 4 positions 0..4" % p, g, 5, 4, [0, 1, 2, 3, 4], 10000.0, pairing))
        cases.append(rope_case("rope %s d 8 positions 0..5" % p, g, 6, 8, list(range(6)), 10000.0, pairing))
        cases.append(rope_case("rope %s d 16 scattered positions" % p, g, 5, 16, [7, 0, 129, 31, 2048], 10000.0, pairing))
        cases.append(rope_case("rope %s d 6 base 500000" % p, g, 4, 6, [3, 100, 1000, 12], 500000.0, pairing))
        cases.append(rope_case("rope %s d 10 base 10" % p, g, 3, 10, [1, 5, 9], 10.0, pairing, scale=3.0))
        cases.append(rope_case("rope %s d 32 long positions" % p, g, 3, 32, [4095, 8191, 100000], 10000.0, pairing))
    write("transformer/positional-encoding", "PyTorch " + torch.__version__ + " (float64), published formulations", cases)


if __name__ == "__main__":
    main()

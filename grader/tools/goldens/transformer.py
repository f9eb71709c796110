"""Golden cases for transformer/attention and transformer/multi-head-attention, from PyTorch (float64).

Attention: softmax(Q K^T * scale + mask) V written with torch ops, cross-checked against torch 1.13's
private torch.nn.functional._scaled_dot_product_attention (boolean mask, True = may attend; is_causal)
wherever that function applies (default scale, mask or causal but not both, no fully masked row).
A query row with no key left to attend to gives NaN in torch 1.13; the kata follows newer torch SDPA
(its "safe softmax") and returns zeros for such a row, so those rows are set to zero here.

Multi-head attention: torch.nn.MultiheadAttention(E, heads, batch_first=True) with random weights, one
sequence, need_weights=True, average_attn_weights=True. Its boolean attn_mask means True = ignore, so
the kata's mask (True = may attend) is inverted before calling it; causal is passed as the upper
triangular "ignore" mask.
"""
import math

import torch
import torch.nn.functional as F

from common import write

torch.set_default_dtype(torch.float64)


def reference_attention(q, k, v, mask, causal, scale):
    lq, lk = q.shape[0], k.shape[0]
    allowed = torch.ones(lq, lk, dtype=torch.bool)
    if mask is not None:
        allowed &= mask
    if causal:
        allowed &= torch.ones(lq, lk, dtype=torch.bool).tril(diagonal=0)
    scores = (q @ k.T) * scale
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    empty = ~allowed.any(dim=-1)
    weights[empty] = 0.0
    return weights @ v, weights, empty


def attention_cases():
    g = torch.Generator().manual_seed(20261125)

    def randn(*shape, s=1.0):
        return torch.randn(*shape, generator=g) * s

    def rmask(lq, lk, p=0.7):
        return torch.rand(lq, lk, generator=g) < p

    specs = [
        # name, lq, lk, d, dv, mask, causal, scale, magnitude
        ("one query one key", 1, 1, 1, 1, None, False, None, 1.0),
        ("square 4x4 d=3", 4, 4, 3, 2, None, False, None, 1.0),
        ("more keys than queries", 3, 7, 4, 3, None, False, None, 1.0),
        ("more queries than keys", 6, 2, 2, 4, None, False, None, 1.0),
        ("d=16 larger", 8, 10, 16, 5, None, False, None, 1.0),
        ("causal square", 5, 5, 3, 3, None, True, None, 1.0),
        ("causal more keys than queries", 3, 6, 2, 2, None, True, None, 1.0),
        ("causal more queries than keys", 6, 3, 2, 2, None, True, None, 1.0),
        ("random mask", 5, 6, 3, 2, "random", False, None, 1.0),
        ("random mask and causal", 6, 6, 4, 3, "random", True, None, 1.0),
        ("mask with a fully masked row", 4, 5, 3, 2, "empty row", False, None, 1.0),
        ("causal and mask leave a row empty", 4, 4, 2, 2, "first key off", True, None, 1.0),
        ("explicit scale 0.1", 4, 5, 3, 2, None, False, 0.1, 1.0),
        ("explicit scale 2.5 with mask", 4, 5, 3, 2, "random", False, 2.5, 1.0),
        ("large inputs, scores near 1e4", 4, 5, 4, 3, None, False, None, 100.0),
        ("large inputs causal", 5, 5, 4, 3, None, True, None, 100.0),
        ("tiny inputs, near uniform", 3, 4, 2, 2, None, False, None, 1e-6),
    ]
    cases = []
    for name, lq, lk, d, dv, mask_kind, causal, scale, mag in specs:
        q, k, v = randn(lq, d, s=mag), randn(lk, d, s=mag), randn(lk, dv)
        if mask_kind is None:
            mask = None
        elif mask_kind == "random":
            mask = rmask(lq, lk)
        elif mask_kind == "empty row":
            mask = rmask(lq, lk)
            mask[2, :] = False
        else:
            mask = torch.ones(lq, lk, dtype=torch.bool)
            mask[:, 0] = False
        eff = 1.0 / math.sqrt(d) if scale is None else scale
        out, w, empty = reference_attention(q, k, v, mask, causal, eff)
        assert torch.isfinite(out).all() and torch.isfinite(w).all(), name
        # Cross-check against torch's own SDPA where it applies.
        if scale is None and not (mask is not None and causal) and not bool(empty.any()):
            o2, w2 = F._scaled_dot_product_attention(q.unsqueeze(0), k.unsqueeze(0), v.unsqueeze(0),
                                                     None if mask is None else mask.unsqueeze(0), 0.0, True, causal)
            assert torch.allclose(o2[0], out, rtol=1e-12, atol=1e-12), name
            assert torch.allclose(w2[0], w, rtol=1e-12, atol=1e-12), name
        inp = {"q": q, "k": k, "v": v, "causal": causal}
        if mask is not None:
            inp["mask"] = mask
        if scale is not None:
            inp["scale"] = scale
        cases.append({"name": name, "input": inp, "expected": {"output": out, "weights": w}})
    return cases


def mha_cases():
    torch.manual_seed(20261125)
    specs = [
        # name, L, E, heads, mask kind, causal
        ("one token E=2 one head", 1, 2, 1, None, False),
        ("L=4 E=4 one head", 4, 4, 1, None, False),
        ("L=5 E=4 two heads", 5, 4, 2, None, False),
        ("L=3 E=6 three heads", 3, 6, 3, None, False),
        ("L=6 E=8 four heads", 6, 8, 4, None, False),
        ("L=4 E=6 six heads (head_dim 1)", 4, 6, 6, None, False),
        ("L=7 E=12 three heads", 7, 12, 3, None, False),
        ("causal L=5 E=6 two heads", 5, 6, 2, None, True),
        ("causal L=6 E=8 four heads", 6, 8, 4, None, True),
        ("mask L=5 E=6 three heads", 5, 6, 3, "random", False),
        ("mask and causal L=6 E=4 two heads", 6, 4, 2, "random", True),
    ]
    cases = []
    for name, length, e, heads, mask_kind, causal in specs:
        mha = torch.nn.MultiheadAttention(e, heads, batch_first=True)
        with torch.no_grad():
            # Non-zero biases everywhere (torch initialises them to zero).
            mha.in_proj_bias.normal_()
            mha.out_proj.bias.normal_()
            mha.in_proj_weight.mul_(2.0)
        x = torch.randn(length, e)
        kata_mask = None
        allowed = torch.ones(length, length, dtype=torch.bool)
        if mask_kind == "random":
            kata_mask = torch.rand(length, length) < 0.7
            kata_mask |= torch.eye(length, dtype=torch.bool)  # no fully masked row: torch 1.13 gives NaN
            allowed = kata_mask.clone()
        if causal:
            allowed &= torch.ones(length, length, dtype=torch.bool).tril()
        torch_mask = None if (mask_kind is None and not causal) else ~allowed  # torch: True = ignore
        mha.eval()
        with torch.no_grad():
            out, w = mha(x.unsqueeze(0), x.unsqueeze(0), x.unsqueeze(0), need_weights=True,
                         attn_mask=torch_mask, average_attn_weights=True)
        out, w = out[0], w[0]
        assert torch.isfinite(out).all() and torch.isfinite(w).all(), name
        inp = {"x": x, "num_heads": heads, "in_proj_weight": mha.in_proj_weight.detach(),
               "in_proj_bias": mha.in_proj_bias.detach(), "out_proj_weight": mha.out_proj.weight.detach(),
               "out_proj_bias": mha.out_proj.bias.detach(), "causal": causal}
        if kata_mask is not None:
            inp["mask"] = kata_mask
        cases.append({"name": name, "input": inp, "expected": {"output": out, "weights": w}})
    return cases


def main():
    library = "PyTorch " + torch.__version__ + " (float64)"
    write("transformer/attention", library, attention_cases())
    write("transformer/multi-head-attention", library, mha_cases())


if __name__ == "__main__":
    main()

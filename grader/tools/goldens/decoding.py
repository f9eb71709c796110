"""Golden cases for transformer/decoding: Hugging Face's logits warpers re-computed in PyTorch (float64).

transformers is not installed here (Debian does not package it), so this generator re-implements the
documented rules of transformers' TemperatureLogitsWarper, TopKLogitsWarper and TopPLogitsWarper
(src/transformers/generation/logits_process.py) with torch ops, line for line in meaning:

* temperature: scores / temperature.
* top-k: k = min(max(k, 1), V); remove scores < torch.topk(scores, k).values[-1]; filtered -> -inf.
* top-p: sort ascending, softmax of the sorted scores, cumsum; remove where cumsum <= 1 - top_p; the
  last (largest) position is always kept; filtered -> -inf. Torch's sort leaves ties unordered; the kata
  pins "higher id first among equal logits", so the sort here is on (logit, -id) with a stable sort.
* sampling: softmax, cumulative sum in id order, torch.searchsorted(cdf, u, right=True) (the first index
  whose cumulative sum exceeds u), clamped to the last token of positive probability.

Beam search has no golden cases: the kata's spec checks it by hand-worked examples and by exhaustive
enumeration on tiny vocabularies.
"""
import math

import torch

from common import write

torch.set_default_dtype(torch.float64)
NINF = float("-inf")


def hf_temperature(scores, t):
    return scores / t


def hf_top_k(scores, k):
    k = min(max(k, 1), scores.shape[-1])
    kth = torch.topk(scores, k)[0][..., -1, None]
    return scores.masked_fill(scores < kth, NINF)


def hf_top_p(scores, top_p):
    n = scores.shape[-1]
    ids = torch.arange(n)
    # Stable ascending sort on (logit, -id): sort by -id first, then stably by logit.
    by_id = torch.argsort(-ids.to(torch.float64), stable=True)
    order = by_id[torch.argsort(scores[by_id], stable=True)]
    sorted_logits = scores[order]
    cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    remove_sorted = cumulative <= (1 - top_p)
    remove_sorted[-1:] = False
    remove = torch.zeros(n, dtype=torch.bool)
    remove[order] = remove_sorted
    # Where there are no ties, torch's own sort gives the same answer.
    if len(set(scores.tolist())) == n:
        s2, i2 = torch.sort(scores, descending=False)
        c2 = s2.softmax(dim=-1).cumsum(dim=-1)
        r2 = c2 <= (1 - top_p)
        r2[-1:] = False
        assert torch.equal(r2.scatter(0, i2, r2), remove)
    return scores.masked_fill(remove, NINF)


def sample(scores, u):
    p = scores.softmax(dim=-1)
    cdf = p.cumsum(dim=-1)
    j = int(torch.searchsorted(cdf, torch.tensor([u]), right=True)[0])
    last = int(torch.nonzero(p > 0)[-1])
    return min(j, last)


def main():
    g = torch.Generator().manual_seed(20261207)
    cases = []

    def logits(v, scale=2.0):
        return torch.randn(v, generator=g) * scale

    def add(name, op, x, param, expected):
        cases.append({"name": name, "input": {"op": op, "logits": x, "param": param}, "expected": expected})

    for v, t in [(5, 0.7), (8, 1.0), (10, 2.5), (6, 0.05), (4, 30.0)]:
        x = logits(v)
        add("temperature %g on %d logits" % (t, v), "temperature", x, t, {"logits": hf_temperature(x, t)})
    x = logits(6)
    x[2] = NINF
    add("temperature with a removed token", "temperature", x, 0.5, {"logits": hf_temperature(x, 0.5)})

    for v, k in [(5, 1), (8, 3), (10, 5), (6, 6), (4, 9), (12, 2)]:
        x = logits(v)
        add("top-k %d of %d" % (k, v), "top_k", x, k, {"logits": hf_top_k(x, k)})
    tied = torch.tensor([0.5, 2.0, -1.0, 2.0, 1.0, 2.0, 0.5])
    for k in [1, 2, 3, 4, 5]:
        add("top-k %d with a three-way tie at the top" % k, "top_k", tied, k, {"logits": hf_top_k(tied, k)})
    x = logits(7)
    x[[1, 4]] = NINF
    add("top-k 6 of 7 with two removed tokens", "top_k", x, 6, {"logits": hf_top_k(x, 6)})

    for v, p in [(5, 0.9), (8, 0.5), (10, 0.95), (6, 0.1), (12, 0.75), (4, 1.0), (5, 0.0), (20, 0.8)]:
        x = logits(v)
        add("top-p %g of %d" % (p, v), "top_p", x, p, {"logits": hf_top_p(x, p)})
    add("top-p 0.9 peaked", "top_p", torch.tensor([8.0, 0.0, 1.0, -2.0, 0.5]), 0.9,
        {"logits": hf_top_p(torch.tensor([8.0, 0.0, 1.0, -2.0, 0.5]), 0.9)})
    flat = torch.tensor([0.3, -0.2, 0.3, 1.1, -0.2, 0.3])
    for p in [0.3, 0.5, 0.8]:
        add("top-p %g with tied logits" % p, "top_p", flat, p, {"logits": hf_top_p(flat, p)})
    x = logits(8)
    x[[0, 5]] = NINF
    add("top-p 0.7 with removed tokens", "top_p", x, 0.7, {"logits": hf_top_p(x, 0.7)})

    for v in [3, 6, 10]:
        x = logits(v)
        for u in [0.0, 0.123, 0.5, 0.87, 0.999999]:
            add("sample u=%g from %d logits" % (u, v), "sample", x, u, {"token": sample(x, u)})
    x = logits(6)
    x[[0, 3, 5]] = NINF
    for u in [0.0, 0.4, 0.9999]:
        add("sample u=%g with removed tokens" % u, "sample", x, u, {"token": sample(x, u)})
    # The HF pipeline order: temperature, then top-k, then top-p, then sampling.
    x = logits(12)
    filtered = hf_top_p(hf_top_k(hf_temperature(x, 0.8), 6), 0.9)
    add("pipeline temperature 0.8, top-k 6, top-p 0.9, sample u=0.42", "pipeline", x, [0.8, 6, 0.9, 0.42],
        {"logits": filtered, "token": sample(filtered, 0.42)})
    x = logits(15, 1.0)
    filtered = hf_top_p(hf_top_k(hf_temperature(x, 1.5), 10), 0.6)
    add("pipeline temperature 1.5, top-k 10, top-p 0.6, sample u=0.77", "pipeline", x, [1.5, 10, 0.6, 0.77],
        {"logits": filtered, "token": sample(filtered, 0.77)})
    write("transformer/decoding", "Hugging Face transformers' warper rules re-implemented in PyTorch "
          + torch.__version__ + " (float64)", cases)


if __name__ == "__main__":
    main()

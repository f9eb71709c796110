"""Golden cases for layers/embedding-bag, from torch.nn.functional.embedding_bag and autograd (float64).

1-D indices with offsets (include_last_offset=False). The dense gradient of the table from autograd is
turned into the kata's coalesced sparse form: the distinct looked-up row indices (padding excluded),
ascending, with their gradient rows. That is what weight.grad.coalesce() gives with sparse=True for sum
and mean (the generator checks it); max mode has no sparse gradient in PyTorch, so its dense gradient is
restricted to the same rows.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, weight, indices, offsets, mode, per_sample_weights=None, padding_idx=None, d_output=None, seed=0):
    w = torch.tensor(weight, dtype=torch.float64, requires_grad=True)
    idx = torch.tensor(indices, dtype=torch.long)
    off = torch.tensor(offsets, dtype=torch.long)
    psw = None if per_sample_weights is None else torch.tensor(per_sample_weights, dtype=torch.float64,
                                                                requires_grad=True)
    out = F.embedding_bag(idx, w, off, mode=mode, per_sample_weights=psw, padding_idx=padding_idx)
    if d_output is None:
        d_output = np.round(np.random.default_rng(seed).normal(size=tuple(out.shape)), 4).tolist()
    dout = torch.tensor(d_output, dtype=torch.float64).reshape(out.shape)
    out.backward(dout)
    rows = sorted(set(i for i in indices if i != padding_idx))
    grad = w.grad.numpy()
    if mode != "max":
        ws = torch.tensor(weight, dtype=torch.float64, requires_grad=True)
        psw2 = None if per_sample_weights is None else torch.tensor(per_sample_weights, dtype=torch.float64)
        F.embedding_bag(idx, ws, off, mode=mode, per_sample_weights=psw2, padding_idx=padding_idx,
                        sparse=True).backward(dout)
        if len(indices) > 0:
            sp = ws.grad.coalesce()
            assert sp.indices()[0].tolist() == rows, (name, sp.indices(), rows)
            assert np.allclose(sp.values().numpy(), grad[rows], rtol=0, atol=1e-12), name
    return {"name": name,
            "input": {"weight": weight, "indices": indices, "offsets": offsets, "mode": mode.upper(),
                      "per_sample_weights": per_sample_weights, "padding_idx": padding_idx, "d_output": dout.numpy()},
            "expected": {"output": out.detach().numpy(), "rows": rows, "values": grad[rows].reshape(len(rows), grad.shape[1]),
                         "d_per_sample_weights": None if psw is None else psw.grad.numpy()}}


def main():
    rng = np.random.default_rng(20261207)

    def table(n, dim, grid=False):
        if grid:
            return rng.integers(-3, 4, size=(n, dim)).astype(float).tolist()
        return np.round(rng.normal(size=(n, dim)), 4).tolist()

    def bags(n, length, count):
        idx = rng.integers(0, n, size=length).tolist()
        cuts = sorted(rng.integers(0, length + 1, size=count - 1).tolist())
        return idx, [0] + cuts

    small = [[1.0, 5.0], [1.0, 2.0], [3.0, 5.0], [0.0, 0.0]]
    stmt_idx, stmt_off = [0, 1, 2, 1, 3], [0, 2, 2, 5]
    stmt_dout = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]
    out = [case("statement example, " + m, small, stmt_idx, stmt_off, m, d_output=stmt_dout)
           for m in ("sum", "mean", "max")]
    for m in ("sum", "mean", "max"):
        i, o = bags(10, 20, 6)
        out.append(case("random 10 x 4 table, 6 bags, " + m, table(10, 4), i, o, m, seed=1))
        i, o = bags(6, 15, 4)
        out.append(case("grid values with ties, " + m, table(6, 3, grid=True), i, o, m, seed=2))
        out.append(case("a row repeated in one bag, " + m, table(5, 3), [2, 2, 4, 2, 0, 0], [0, 4], m, seed=3))
        out.append(case("padding index 1, " + m, small, [0, 1, 2, 1, 3, 1, 1], [0, 2, 2, 5], m, padding_idx=1,
                        seed=4))
        out.append(case("one bag of everything, " + m, table(8, 5), rng.integers(0, 8, size=12).tolist(), [0], m,
                        seed=5))
        out.append(case("no indices, two empty bags, " + m, table(3, 2), [], [0, 0], m, seed=6))
    out.append(case("per-sample weights", table(7, 3), [0, 3, 3, 6, 1, 2, 5], [0, 3, 3, 4], "sum",
                    per_sample_weights=np.round(rng.normal(size=7), 4).tolist(), seed=7))
    out.append(case("per-sample weights with padding 3", small, [0, 1, 2, 1, 3, 1, 1], [0, 2, 2, 5], "sum",
                    per_sample_weights=[0.5, 2.0, 1.0, -1.0, 3.0, 4.0, 5.0], padding_idx=3, seed=8))
    out.append(case("max of negative rows", [[-1.0, -5.0], [-2.0, -0.5], [-3.0, -4.0]], [0, 1, 2, 2], [0, 3], "max",
                    seed=9))
    write("layers/embedding-bag", "PyTorch " + torch.__version__ + " (F.embedding_bag, autograd; float64)", out)


if __name__ == "__main__":
    main()

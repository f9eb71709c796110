"""Golden cases for optimizers/adam, from torch.optim.Adam and torch.optim.AdamW in float64.

Each case starts from a fresh optimizer (zero moments, step 0), feeds one gradient vector per step and
records, after every step, the parameters and the optimizer state (exp_avg, exp_avg_sq, and
max_exp_avg_sq when amsgrad is on). foreach=False pins the single-tensor code path.
"""
import numpy as np
import torch

from common import write


def run(params, grads, lr, betas, eps, weight_decay, decoupled, amsgrad):
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    cls = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = cls([p], lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad, foreach=False)
    steps = []
    for g in grads:
        p.grad = torch.tensor(g, dtype=torch.float64)
        opt.step()
        state = opt.state[p]
        record = {"params": p.detach().numpy().copy(),
                  "m": state["exp_avg"].numpy().copy(),
                  "v": state["exp_avg_sq"].numpy().copy(),
                  "step": int(state["step"].item())}
        if amsgrad:
            record["vMax"] = state["max_exp_avg_sq"].numpy().copy()
        steps.append(record)
    return steps


def case(name, params, grads, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False,
         amsgrad=False):
    params = [float(x) for x in params]
    grads = [[float(x) for x in g] for g in grads]
    config = {"lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps, "weightDecay": weight_decay,
              "decoupled": decoupled, "amsgrad": amsgrad}
    return {"name": name,
            "input": {"params": params, "grads": grads, "config": config},
            "expected": {"steps": run(params, grads, lr, betas, eps, weight_decay, decoupled, amsgrad)}}


def varied_grads(rng, size, steps, zero_fraction=0.2, scale=1.0):
    out = []
    for _ in range(steps):
        g = rng.normal(scale=scale, size=size)
        g[rng.random(size) < zero_fraction] = 0.0
        out.append(g.tolist())
    return out


def shrinking_grads(rng, size, scales):
    return [(rng.normal(size=size) * s).tolist() for s in scales]


def main():
    rng = np.random.default_rng(20261125)
    p5 = rng.normal(size=5).tolist()
    cases = [
        case("defaults, 6 steps with some zero gradients", p5, varied_grads(rng, 5, 6)),
        case("lr 0.1, 8 steps", rng.normal(size=4).tolist(), varied_grads(rng, 4, 8), lr=0.1),
        case("one parameter, sign flips, 10 steps", [0.5],
             [[1.0], [-1.0], [2.0], [-0.5], [0.0], [0.25], [-3.0], [1.0], [0.0], [0.5]], lr=0.05),
        case("L2 weight decay 0.1 (Adam)", rng.normal(size=5).tolist(), varied_grads(rng, 5, 7),
             lr=0.05, weight_decay=0.1),
        case("L2 weight decay 0.5, lr 0.2 (Adam)", (3 * rng.normal(size=4)).tolist(), varied_grads(rng, 4, 6),
             lr=0.2, weight_decay=0.5),
        case("L2 weight decay on zero gradients (Adam)", [2.0, -1.0, 0.5], [[0.0, 0.0, 0.0]] * 5,
             lr=0.1, weight_decay=0.3),
        case("AdamW defaults", p5, varied_grads(rng, 5, 6), weight_decay=1e-2, decoupled=True),
        case("AdamW wd 0.5, lr 0.1", (3 * rng.normal(size=5)).tolist(), varied_grads(rng, 5, 8),
             lr=0.1, weight_decay=0.5, decoupled=True),
        case("AdamW on zero gradients", [2.0, -1.0, 0.5], [[0.0, 0.0, 0.0]] * 5,
             lr=0.1, weight_decay=0.3, decoupled=True),
        case("amsgrad, betas 0.9/0.9, shrinking gradients", rng.normal(size=5).tolist(),
             shrinking_grads(rng, 5, [3, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02]),
             lr=0.05, betas=(0.9, 0.9), amsgrad=True),
        case("amsgrad, default betas, large gradients then zeros", rng.normal(size=4).tolist(),
             shrinking_grads(rng, 4, [5, 4, 0, 0, 0.01, 0, 0]), lr=0.05, amsgrad=True),
        case("amsgrad with L2 weight decay 0.2", rng.normal(size=4).tolist(),
             shrinking_grads(rng, 4, [2, 1, 0.5, 0.1, 0.05, 0.01]), lr=0.1, betas=(0.8, 0.9),
             weight_decay=0.2, amsgrad=True),
        case("AdamW with amsgrad, wd 0.3", rng.normal(size=4).tolist(),
             shrinking_grads(rng, 4, [2, 1, 0.5, 0.1, 0.05, 0.01]), lr=0.1, betas=(0.8, 0.9),
             weight_decay=0.3, decoupled=True, amsgrad=True),
        case("large eps 0.1", rng.normal(size=5).tolist(), varied_grads(rng, 5, 6, scale=0.3), lr=0.05, eps=0.1),
        case("eps 1e-3 with small gradients", rng.normal(size=4).tolist(),
             varied_grads(rng, 4, 6, scale=1e-3), lr=0.01, eps=1e-3),
        case("eps 0 with nonzero gradients", rng.normal(size=3).tolist(),
             varied_grads(rng, 3, 5, zero_fraction=0.0), lr=0.01, eps=0.0),
        case("beta1 0 and beta2 0.5", rng.normal(size=4).tolist(), varied_grads(rng, 4, 6), lr=0.05,
             betas=(0.0, 0.5)),
        case("short memory betas 0.5/0.8, 10 steps", rng.normal(size=3).tolist(), varied_grads(rng, 3, 10),
             lr=0.05, betas=(0.5, 0.8)),
        case("gradients from 1e-6 to 1e3", [0.0, 1.0, -1.0, 5.0],
             [[1e-6, -1e3, 0.5, 20.0], [2e-6, -5e2, -0.5, 0.0], [-1e-6, 1e3, 0.25, 10.0],
              [0.0, -1e2, 0.5, -20.0], [1e-6, 1.0, 0.0, 0.0]], lr=0.01),
        case("lr 0 with L2 decay does not move", [1.0, -2.0], [[0.5, -0.5], [1.0, 0.0], [0.0, 2.0]],
             lr=0.0, weight_decay=0.1),
        case("AdamW, lr 0.01, wd 0.1, 10 steps", rng.normal(size=6).tolist(), varied_grads(rng, 6, 10, 0.3),
             lr=0.01, weight_decay=0.1, decoupled=True),
        case("every gradient zero, no decay", [1.5, -0.25, 0.0], [[0.0, 0.0, 0.0]] * 4),
    ]
    write("optimizers/adam", "torch " + torch.__version__ + " (torch.optim.Adam / AdamW, float64)",
          cases)


if __name__ == "__main__":
    main()

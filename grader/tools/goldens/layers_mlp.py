"""Golden cases for layers/mlp-backprop, from PyTorch autograd in float64.

Each case runs x -> F.linear(x, W1, b1) -> relu -> F.linear(., W2, b2) -> F.cross_entropy(., targets)
(mean over the batch) and records the loss, the intermediates and the gradients of the loss with
respect to W1, b1, W2, b2 and x. Some cases use small integers so that pre-activations of exactly 0
occur: there torch's relu passes no gradient.
"""
import numpy as np
import torch
import torch.nn.functional as F

from common import write


def case(name, x, targets, w1, b1, w2, b2):
    t = lambda a: torch.tensor(a, dtype=torch.float64, requires_grad=True)
    xg, w1g, b1g, w2g, b2g = t(x), t(w1), t(b1), t(w2), t(b2)
    tg = torch.tensor(targets, dtype=torch.long)
    z1 = F.linear(xg, w1g, b1g)
    z1.retain_grad()
    h = torch.relu(z1)
    logits = F.linear(h, w2g, b2g)
    loss = F.cross_entropy(logits, tg)
    loss.backward()
    zeros = int((z1.detach() == 0).sum())
    return {
        "name": name,
        "input": {"x": x, "targets": targets, "w1": w1, "b1": b1, "w2": w2, "b2": b2},
        "expected": {"loss": loss.item(), "pre_activation": z1.detach().numpy(), "hidden": h.detach().numpy(),
                     "logits": logits.detach().numpy(), "dW1": w1g.grad.numpy(), "db1": b1g.grad.numpy(),
                     "dW2": w2g.grad.numpy(), "db2": b2g.grad.numpy(), "dx": xg.grad.numpy(),
                     "exact_zero_pre_activations": zeros},
    }


def random_case(rng, name, n, d, h, c, scale2=1.0, integers=False):
    if integers:
        draw = lambda *shape: rng.integers(-2, 3, size=shape).astype(float)
    else:
        draw = lambda *shape: rng.normal(size=shape)
    x = draw(n, d)
    w1 = draw(h, d)
    b1 = draw(h)
    w2 = draw(c, h) * scale2
    b2 = draw(c)
    targets = rng.integers(0, c, size=n)
    return case(name, x.tolist(), targets.tolist(), w1.tolist(), b1.tolist(), w2.tolist(), b2.tolist())


def main():
    rng = np.random.default_rng(20261207)
    cases = [
        # The stub's worked example: z1 = [1, -1], logits = [2, 0], target 1.
        case("statement example", [[1.0, 2.0]], [1], [[1.0, 0.0], [1.0, -1.0]], [0.0, 0.0],
             [[2.0, 3.0], [0.0, 1.0]], [0.0, 0.0]),
        # z1 = 1 - 1 = 0 exactly: torch's relu passes no gradient there.
        case("pre-activation exactly zero", [[1.0, 2.0], [2.0, 0.0]], [0, 1], [[1.0, -0.5]], [0.0],
             [[1.0], [-1.0]], [0.0, 0.0]),
        random_case(rng, "N=4 D=3 H=5 C=3", 4, 3, 5, 3),
        random_case(rng, "single example N=1 D=2 H=3 C=4", 1, 2, 3, 4),
        random_case(rng, "single class C=1 (loss 0)", 3, 2, 2, 1),
        random_case(rng, "N=8 D=6 H=10 C=4", 8, 6, 10, 4),
        random_case(rng, "integer grid with exact zeros N=6 D=3 H=6 C=3", 6, 3, 6, 3, integers=True),
        random_case(rng, "integer grid with exact zeros N=5 D=4 H=8 C=2", 5, 4, 8, 2, integers=True),
        random_case(rng, "large logits (W2 times 400)", 5, 3, 4, 3, scale2=400.0),
        random_case(rng, "very large logits (W2 times 3000)", 4, 2, 6, 5, scale2=3000.0),
    ]
    for c in cases[6:8]:
        assert c["expected"]["exact_zero_pre_activations"] > 0, c["name"]
    write("layers/mlp-backprop", "PyTorch " + torch.__version__
          + " (F.linear, torch.relu, F.cross_entropy, autograd; float64)", cases)


if __name__ == "__main__":
    main()

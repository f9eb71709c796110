"""Golden cases for layers/lstm-cell, from torch.nn.LSTMCell and torch.nn.GRUCell with autograd (float64).

Each case seeds the weights (PyTorch's own uniform(-1/sqrt(H), 1/sqrt(H)) initialisation, or a wider
scale to saturate gates), runs one step on a batch-first input, and pushes random upstream gradients
dL/dh' (and dL/dc' for the LSTM) back to x, h, c and every parameter.
"""
import numpy as np
import torch

from common import write


def lstm_case(name, batch, inp, hidden, seed, scale=None, x_scale=1.0, dc_zero=False):
    torch.manual_seed(seed)
    cell = torch.nn.LSTMCell(inp, hidden).double()
    if scale is not None:
        with torch.no_grad():
            for p in cell.parameters():
                p.uniform_(-scale, scale)
    x = (torch.randn(batch, inp, dtype=torch.float64) * x_scale).requires_grad_()
    h = torch.randn(batch, hidden, dtype=torch.float64).requires_grad_()
    c = torch.randn(batch, hidden, dtype=torch.float64).requires_grad_()
    h2, c2 = cell(x, (h, c))
    dh = torch.randn(batch, hidden, dtype=torch.float64)
    dc = torch.zeros(batch, hidden, dtype=torch.float64) if dc_zero else torch.randn(batch, hidden, dtype=torch.float64)
    torch.autograd.backward([h2, c2], [dh, dc])
    return {"name": name,
            "input": {"cell": "lstm", "x": x.detach(), "h": h.detach(), "c": c.detach(),
                      "weight_ih": cell.weight_ih.detach(), "weight_hh": cell.weight_hh.detach(),
                      "bias_ih": cell.bias_ih.detach(), "bias_hh": cell.bias_hh.detach(),
                      "dh_next": dh, "dc_next": dc},
            "expected": {"h": h2.detach(), "c": c2.detach(), "dx": x.grad, "dh": h.grad, "dc": c.grad,
                         "dweight_ih": cell.weight_ih.grad, "dweight_hh": cell.weight_hh.grad,
                         "dbias_ih": cell.bias_ih.grad, "dbias_hh": cell.bias_hh.grad}}


def gru_case(name, batch, inp, hidden, seed, scale=None, x_scale=1.0):
    torch.manual_seed(seed)
    cell = torch.nn.GRUCell(inp, hidden).double()
    if scale is not None:
        with torch.no_grad():
            for p in cell.parameters():
                p.uniform_(-scale, scale)
    x = (torch.randn(batch, inp, dtype=torch.float64) * x_scale).requires_grad_()
    h = torch.randn(batch, hidden, dtype=torch.float64).requires_grad_()
    h2 = cell(x, h)
    dh = torch.randn(batch, hidden, dtype=torch.float64)
    h2.backward(dh)
    return {"name": name,
            "input": {"cell": "gru", "x": x.detach(), "h": h.detach(),
                      "weight_ih": cell.weight_ih.detach(), "weight_hh": cell.weight_hh.detach(),
                      "bias_ih": cell.bias_ih.detach(), "bias_hh": cell.bias_hh.detach(), "dh_next": dh},
            "expected": {"h": h2.detach(), "dx": x.grad, "dh": h.grad,
                         "dweight_ih": cell.weight_ih.grad, "dweight_hh": cell.weight_hh.grad,
                         "dbias_ih": cell.bias_ih.grad, "dbias_hh": cell.bias_hh.grad}}


def main():
    out = [
        lstm_case("lstm, one sample, I = H = 1", 1, 1, 1, 1),
        lstm_case("lstm, B = 3, I = 4, H = 2", 3, 4, 2, 2),
        lstm_case("lstm, B = 2, I = 2, H = 5", 2, 2, 5, 3),
        lstm_case("lstm, B = 4, I = 6, H = 3, wide weights", 4, 6, 3, 4, scale=2.0),
        lstm_case("lstm, saturated gates", 2, 3, 2, 5, scale=6.0, x_scale=3.0),
        lstm_case("lstm, dc' = 0 (only h' is used)", 2, 3, 3, 6, dc_zero=True),
        lstm_case("lstm, B = 1, I = 8, H = 4", 1, 8, 4, 7),
        gru_case("gru, one sample, I = H = 1", 1, 1, 1, 11),
        gru_case("gru, B = 3, I = 4, H = 2", 3, 4, 2, 12),
        gru_case("gru, B = 2, I = 2, H = 5", 2, 2, 5, 13),
        gru_case("gru, B = 4, I = 6, H = 3, wide weights", 4, 6, 3, 14, scale=2.0),
        gru_case("gru, saturated gates", 2, 3, 2, 15, scale=6.0, x_scale=3.0),
        gru_case("gru, B = 1, I = 8, H = 4", 1, 8, 4, 16),
    ]
    write("layers/lstm-cell", "PyTorch " + torch.__version__ + " (nn.LSTMCell, nn.GRUCell, autograd; float64)", out)


if __name__ == "__main__":
    main()

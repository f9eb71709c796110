"""Golden cases for detection/box-coder, from torchvision's own BoxCoder (float64).

torchvision.models.detection._utils.BoxCoder(weights, bbox_xform_clip=log(1000/16)) is called as the
detection models call it: encode_single(reference_boxes, proposals) and decode_single(rel_codes, boxes),
on float64 tensors. Every box has a positive width and height (the kata rejects the others).
"""
import math

import numpy as np
import torch
import torchvision
from torchvision.models.detection._utils import BoxCoder

from common import write


def random_boxes(rng, n, lo=0.0, hi=100.0, min_size=1.0, max_size=40.0):
    x1 = rng.uniform(lo, hi, size=n)
    y1 = rng.uniform(lo, hi, size=n)
    w = rng.uniform(min_size, max_size, size=n)
    h = rng.uniform(min_size, max_size, size=n)
    return np.stack([x1, y1, x1 + w, y1 + h], axis=1)


def encode_case(name, targets, proposals, weights):
    coder = BoxCoder(weights, bbox_xform_clip=math.log(1000.0 / 16))
    t = torch.tensor(targets, dtype=torch.float64).reshape(-1, 4)
    p = torch.tensor(proposals, dtype=torch.float64).reshape(-1, 4)
    deltas = coder.encode_single(t, p)
    return {"name": name, "input": {"op": "encode", "targets": t, "proposals": p, "weights": list(weights)},
            "expected": {"deltas": deltas}}


def decode_case(name, deltas, proposals, weights):
    coder = BoxCoder(weights, bbox_xform_clip=math.log(1000.0 / 16))
    d = torch.tensor(deltas, dtype=torch.float64).reshape(-1, 4)
    p = torch.tensor(proposals, dtype=torch.float64).reshape(-1, 4)
    boxes = coder.decode_single(d, p)
    return {"name": name, "input": {"op": "decode", "deltas": d, "proposals": p, "weights": list(weights)},
            "expected": {"boxes": boxes}}


def main():
    rng = np.random.default_rng(20261207)
    library = "torchvision " + torchvision.__version__ + " (torch " + torch.__version__ + "), float64"
    frcnn = (10.0, 10.0, 5.0, 5.0)
    rpn = (1.0, 1.0, 1.0, 1.0)
    cases = [
        encode_case("encode statement example", [[2, 4, 12, 24]], [[0, 0, 10, 10]], frcnn),
        encode_case("encode identical boxes give zeros", [[3, 5, 7, 9], [0.5, 0.25, 1.5, 2.25]],
                    [[3, 5, 7, 9], [0.5, 0.25, 1.5, 2.25]], frcnn),
        encode_case("encode unit weights (RPN)", random_boxes(rng, 6), random_boxes(rng, 6), rpn),
        encode_case("encode default weights random", random_boxes(rng, 10), random_boxes(rng, 10), frcnn),
        encode_case("encode uneven weights", random_boxes(rng, 8), random_boxes(rng, 8), (2.0, 3.0, 0.5, 7.0)),
        encode_case("encode tiny and huge boxes", random_boxes(rng, 5, min_size=1e-3, max_size=1e-2),
                    random_boxes(rng, 5, min_size=100, max_size=500), frcnn),
        encode_case("encode negative coordinates", random_boxes(rng, 6, lo=-200, hi=-50),
                    random_boxes(rng, 6, lo=-220, hi=-40), frcnn),
        decode_case("decode statement example", [[2, 9, 0, 5 * math.log(2)]], [[0, 0, 10, 10]], frcnn),
        decode_case("decode zeros give the proposals", np.zeros((3, 4)), random_boxes(rng, 3), frcnn),
        decode_case("decode unit weights (RPN)", rng.normal(scale=0.5, size=(6, 4)), random_boxes(rng, 6), rpn),
        decode_case("decode default weights random", rng.normal(scale=3, size=(10, 4)), random_boxes(rng, 10), frcnn),
        decode_case("decode uneven weights", rng.normal(scale=2, size=(8, 4)), random_boxes(rng, 8),
                    (2.0, 3.0, 0.5, 7.0)),
        decode_case("decode clamps large dw and dh", [[0, 0, 25, 30], [1, -1, 100, 3], [0, 0, -50, 21], [0, 0, 20.5, 20.5]],
                    [[0, 0, 10, 10], [5, 5, 9, 13], [0, 0, 1, 1], [10, 20, 30, 40]], frcnn),
        decode_case("decode clamp with unit weights", [[0.3, -0.2, 5, 4.2], [0, 0, 4.1, 7]],
                    [[0, 0, 16, 16], [2, 2, 4, 6]], rpn),
        decode_case("decode large negative dw shrinks without clamp", [[0, 0, -30, -60]], [[0, 0, 8, 8]], frcnn),
    ]
    # A round trip input that is exactly at the clamp ratio: 62.5 times the proposal.
    cases.append(encode_case("encode ratio 62.5 at the clamp", [[0, 0, 62.5, 62.5]], [[0, 0, 1, 1]], frcnn))
    write("detection/box-coder", library, cases)


if __name__ == "__main__":
    main()

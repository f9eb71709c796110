"""Golden cases for detection/non-max-suppression, from torchvision (box_iou and nms, float64)."""
import math

import numpy as np
import torch
import torchvision
from torchvision.ops import box_iou, nms

from common import write


def random_boxes(rng, n, grid):
    """n boxes around a few centres, so that many overlap; integer corners when grid is True."""
    centres = rng.uniform(10, 90, size=(max(1, n // 8), 2))
    out = []
    for _ in range(n):
        cx, cy = centres[rng.integers(len(centres))] + rng.normal(scale=3, size=2)
        w, h = rng.uniform(8, 30, size=2)
        box = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]
        if grid:
            box = [float(round(v)) for v in box]
        out.append(box)
    return out


def iou_case(name, a, b):
    iou = box_iou(torch.tensor(a, dtype=torch.float64).reshape(-1, 4),
                  torch.tensor(b, dtype=torch.float64).reshape(-1, 4)).tolist()
    # torchvision divides 0 by 0 for two zero-area boxes (NaN); the kata pins 0 for an empty union.
    iou = [[0.0 if math.isnan(v) else v for v in row] for row in iou]
    return {"name": name, "input": {"boxes1": a, "boxes2": b}, "expected": {"iou": iou}}


def nms_case(name, boxes, scores, threshold):
    assert len(set(scores)) == len(scores), "golden NMS inputs avoid tied scores (torchvision's order is unspecified)"
    keep = nms(torch.tensor(boxes, dtype=torch.float64).reshape(-1, 4),
               torch.tensor(scores, dtype=torch.float64), threshold)
    return {"name": name, "input": {"boxes": boxes, "scores": scores, "iou_threshold": threshold},
            "expected": {"keep": keep.tolist()}}


def main():
    rng = np.random.default_rng(20261125)
    library = "torchvision " + torchvision.__version__ + " (torch " + torch.__version__ + ")"
    cases = [
        iou_case("iou hand boxes",
                 [[0, 0, 2, 2], [1, 1, 3, 3], [0, 0, 1, 1], [5, 5, 6, 8]],
                 [[0, 0, 2, 2], [2, 0, 4, 2], [0.5, 0.5, 1.5, 1.5], [0, 0, 10, 10], [2, 2, 2, 5]]),
        iou_case("iou with degenerate boxes",
                 [[1, 1, 1, 1], [0, 0, 0, 2], [0, 0, 2, 2]],
                 [[1, 1, 1, 1], [0, 0, 0, 2], [0, 0, 2, 2], [-1, -1, 3, 3]]),
        iou_case("iou negative and large coordinates",
                 [[-1e6, -1e6, 1e6, 1e6], [-3.5, -2.25, 0.5, 4.0]],
                 [[-5e5, -5e5, 5e5, 5e5], [-3.0, -2.0, 1.0, 4.5], [1e5, 1e5, 3e5, 2e5]]),
    ]
    for n, m in [(6, 5), (20, 15)]:
        cases.append(iou_case("iou random %dx%d" % (n, m), random_boxes(rng, n, False), random_boxes(rng, m, False)))
    cases.append(iou_case("iou integer grid 12x12", random_boxes(rng, 12, True), random_boxes(rng, 12, True)))

    cases.append(nms_case("nms statement example",
                          [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 9]],
                          [0.9, 0.8, 0.7, 0.95], 0.5))
    # IoU of [0,0,2,1] and [1,0,2,1] is exactly 1/2: kept at threshold 0.5 (strict), suppressed below.
    cases.append(nms_case("nms iou equal to the threshold is kept", [[0, 0, 2, 1], [1, 0, 2, 1]], [0.9, 0.8], 0.5))
    cases.append(nms_case("nms iou just above the threshold", [[0, 0, 2, 1], [1, 0, 2, 1]], [0.9, 0.8], 0.49))
    cases.append(nms_case("nms chain: suppressed boxes do not suppress",
                          [[0, 0, 10, 10], [5, 0, 15, 10], [10, 0, 20, 10]], [0.9, 0.8, 0.7], 0.3))
    for k, (n, threshold) in enumerate([(10, 0.5), (30, 0.3), (60, 0.5), (60, 0.7), (100, 0.45), (40, 0.0), (25, 1.0)]):
        boxes = random_boxes(rng, n, False)
        scores = rng.permutation(n).astype(float) / n + rng.uniform(0, 1e-3, size=n)
        cases.append(nms_case("nms random n=%d threshold=%g" % (n, threshold), boxes, scores.tolist(), threshold))
    for n, threshold in [(30, 0.5), (50, 1.0 / 3), (50, 0.25)]:
        boxes = random_boxes(rng, n, True)
        scores = (rng.permutation(n) / n).tolist()
        cases.append(nms_case("nms integer grid n=%d threshold=%.4g" % (n, threshold), boxes, scores, threshold))
    write("detection/non-max-suppression", library, cases)


if __name__ == "__main__":
    main()

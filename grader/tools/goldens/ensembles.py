"""Golden cases for ensembles/split-gain, from XGBoost's exact tree method (one depth-1 tree).

Every case trains xgboost.train(..., num_boost_round=1) with tree_method='exact', max_depth=1, eta=1 on
one feature and reads the root split (threshold, gain = loss_chg) from the JSON dump and the two leaf
values from predict(output_margin=True) minus the base margin.

Two kinds of case:
  * "split": gradients and hessians given directly through a custom objective (base_score 0);
  * "objective": reg:squarederror or binary:logistic with a per-sample base_margin; the expected g and
    h are computed here in float64 with XGBoost's formulas (the library computes them in float32).

Inputs are multiples of 1/8 (or 1/64) of modest size, exact in float32, so XGBoost's float32 storage of
features, thresholds and gradient pairs loses nothing on the inputs. A random case is kept only when
its best gain beats the runner-up by a relative 1e-3, so float32 rounding inside XGBoost cannot flip
the argmax. This file also checks each case against a float64 re-implementation.
"""
import json
import math

import numpy as np
import xgboost as xgb

from common import write

RT_EPS = 1e-6


def soft(g, alpha):
    return g - alpha if g > alpha else g + alpha if g < -alpha else 0.0


def score(g, h, p):
    return 0.0 if h <= 0 else soft(g, p["alpha"]) ** 2 / (h + p["lambda"])


def weight(g, h, p):
    return 0.0 if h <= 0 else -soft(g, p["alpha"]) / (h + p["lambda"])


def candidates(x, g, h, p):
    """All valid candidates (threshold, gain, GL, HL, GR, HR), float64, largest threshold first."""
    order = np.argsort(x, kind="stable")
    xs, gs, hs = x[order], g[order], h[order]
    G, H = gs.sum(), hs.sum()
    out = []
    gl = hl = 0.0
    for k in range(len(xs) - 1):
        gl += gs[k]
        hl += hs[k]
        if xs[k] == xs[k + 1]:
            continue
        gr, hr = G - gl, H - hl
        if hl < p["mcw"] or hr < p["mcw"]:
            continue
        gain = score(gl, hl, p) + score(gr, hr, p) - score(G, H, p)
        out.append(((xs[k] + xs[k + 1]) / 2, gain, gl, hl, gr, hr))
    out.reverse()
    return out, G, H


def mine(x, g, h, p):
    cands, G, H = candidates(x, g, h, p)
    best = None
    for c in cands:
        if best is None or c[1] > best[1]:
            best = c
    if best is None or not best[1] > RT_EPS or best[1] < p["gamma"]:
        w = weight(G, H, p)
        return {"found": False, "threshold": float("nan"), "gain": 0.0, "left_weight": w, "right_weight": w}, cands
    return {"found": True, "threshold": best[0], "gain": best[1], "left_weight": weight(best[2], best[3], p),
            "right_weight": weight(best[4], best[5], p)}, cands


def xgb_params(p, objective=None):
    out = {"tree_method": "exact", "max_depth": 1, "eta": 1.0, "reg_lambda": p["lambda"], "reg_alpha": p["alpha"],
           "gamma": p["gamma"], "min_child_weight": p["mcw"], "nthread": 1, "max_delta_step": 0.0}
    if objective:
        out["objective"] = objective
    return out


def read_tree(booster, x, base):
    """(found, threshold, gain, left leaf, right leaf) of the one depth-1 tree."""
    tree = json.loads(booster.get_dump(dump_format="json", with_stats=True)[0])
    probe = xgb.DMatrix(x.astype(np.float32).reshape(-1, 1))
    out = booster.predict(probe, output_margin=True).astype(np.float64) - base
    if "leaf" in tree:
        return False, float("nan"), 0.0, float(out[0]), float(out[0])
    t = float(np.float32(tree["split_condition"]))
    lo = probe_at(t, below=True)
    hi = probe_at(t, below=False)
    vals = booster.predict(xgb.DMatrix(np.array([[lo], [hi]], dtype=np.float32)), output_margin=True)
    base0 = base[0] if np.ndim(base) else base
    return True, t, float(tree["gain"]), float(vals[0]) - base0, float(vals[1]) - base0


def probe_at(t, below):
    return float(np.nextafter(np.float32(t), np.float32(-np.inf))) if below else t


def run_split(x, g, h, p):
    d = xgb.DMatrix(np.asarray(x, dtype=np.float32).reshape(-1, 1))
    gg = np.asarray(g, dtype=np.float64)
    hh = np.asarray(h, dtype=np.float64)
    booster = xgb.train(dict(xgb_params(p), base_score=0.0), d, num_boost_round=1,
                        obj=lambda predt, dtrain: (gg, hh))
    return read_tree(booster, np.asarray(x, dtype=np.float64), np.zeros(len(x)))


def check(name, lib, ours, cands):
    found, t, gain, lw, rw = lib
    assert found == ours["found"], (name, lib, ours)
    if found:
        assert t == ours["threshold"], (name, lib, ours)
        assert abs(gain - ours["gain"]) <= 1e-5 * max(1.0, abs(gain)), (name, lib, ours)
    for a, b in ((lw, ours["left_weight"]), (rw, ours["right_weight"])):
        assert abs(a - b) <= 1e-5 * max(1.0, abs(a)), (name, lib, ours)
    gains = sorted((c[1] for c in cands), reverse=True)
    return gains


def well_separated(gains):
    return len(gains) < 2 or gains[0] - gains[1] > 1e-3 * max(1.0, abs(gains[0]))


def params(lam=1.0, alpha=0.0, gamma=0.0, mcw=1.0):
    return {"lambda": lam, "alpha": alpha, "gamma": gamma, "mcw": mcw}


def split_case(name, x, g, h, p, need_gap=True):
    x, g, h = (np.asarray(v, dtype=np.float64) for v in (x, g, h))
    for v in (x, g, h):
        assert np.all(v.astype(np.float32).astype(np.float64) == v), name
    lib = run_split(x, g, h, p)
    ours, cands = mine(x, g, h, p)
    gains = check(name, lib, ours, cands)
    if need_gap and not well_separated(gains):
        return None
    found, t, gain, lw, rw = lib
    return {"name": name, "input": {"kind": "split", "feature": x, "grad": g, "hess": h,
                                    "lambda": p["lambda"], "alpha": p["alpha"], "gamma": p["gamma"],
                                    "min_child_weight": p["mcw"]},
            "expected": {"found": found, "threshold": t, "gain": gain, "left_weight": lw, "right_weight": rw}}


def objective_case(name, loss, x, margin, labels, p):
    x, margin, labels = (np.asarray(v, dtype=np.float64) for v in (x, margin, labels))
    if loss == "squared_error":
        g, h = margin - labels, np.ones_like(margin)
        objective = "reg:squarederror"
    else:
        prob = 1.0 / (1.0 + np.exp(-margin))
        g, h = prob - labels, np.maximum(prob * (1.0 - prob), 1e-16)
        objective = "binary:logistic"
    d = xgb.DMatrix(x.astype(np.float32).reshape(-1, 1), label=labels, base_margin=margin)
    booster = xgb.train(dict(xgb_params(p, objective), base_score=0.5), d, num_boost_round=1)
    tree = json.loads(booster.get_dump(dump_format="json", with_stats=True)[0])
    if "leaf" in tree:
        lib = (False, float("nan"), 0.0, float(tree["leaf"]), float(tree["leaf"]))
    else:
        kids = {c["nodeid"]: c["leaf"] for c in tree["children"]}
        lib = (True, float(np.float32(tree["split_condition"])), float(tree["gain"]),
               float(kids[tree["yes"]]), float(kids[tree["no"]]))
    ours, cands = mine(x, g, h, p)
    gains = check(name, lib, ours, cands)
    if not well_separated(gains):
        return None
    found, t, gain, lw, rw = lib
    return {"name": name, "input": {"kind": "objective", "loss": loss, "feature": x, "margin": margin,
                                    "labels": labels, "lambda": p["lambda"], "alpha": p["alpha"],
                                    "gamma": p["gamma"], "min_child_weight": p["mcw"]},
            "expected": {"grad": g, "hess": h, "found": found, "threshold": t, "gain": gain,
                         "left_weight": lw, "right_weight": rw}}


def main():
    rng = np.random.default_rng(20261125)
    cases = []
    ones4 = [1, 1, 1, 1]
    # Hand-made cases; gaps are not required where a tie or a boundary is the point.
    cases.append(split_case("statement example (tie goes to the largest threshold)", [1, 2, 3, 4],
                            [-2, 1, 1, -2], ones4, params(), need_gap=False))
    cases.append(split_case("exact tie, lambda 0, min_child_weight 0", [1, 2, 3, 4], [-1, 1, 1, -1], ones4,
                            params(lam=0.0, mcw=0.0), need_gap=False))
    cases.append(split_case("unsorted input with duplicates", [3, 1, 3, 2, 1, 3], [1, -2, 1.5, 0.5, -1, 2],
                            [1, 1, 1, 1, 1, 1], params()))
    cases.append(split_case("duplicates must stay together", [1, 1, 2, 2, 2], [-3, 3, -1, -1, -1],
                            [1, 1, 1, 1, 1], params(), need_gap=False))
    cases.append(split_case("min_child_weight forbids the best cut", [1, 2, 3, 4, 5, 6], [-4, 1, 1, 0.5, 0.5, 1],
                            [0.5] * 6, params(mcw=1.5)))
    cases.append(split_case("min_child_weight forbids every cut", [1, 2, 3, 4], [-4, 1, 1, 2],
                            [0.5] * 4, params(mcw=1.25), need_gap=False))
    cases.append(split_case("min_child_weight met with equality", [1, 2, 3, 4], [-4, 1, 1, 2],
                            [0.5] * 4, params(mcw=1.0), need_gap=False))
    cases.append(split_case("single distinct value", [2.5, 2.5, 2.5], [1, -2, 0.5], [1, 1, 1], params(),
                            need_gap=False))
    cases.append(split_case("alpha soft-thresholds the sums", [0.5, 1, 1.5, 2, 2.5, 3], [-3, -2.5, 1, 0.5, 2, 1.5],
                            [1, 0.5, 1, 0.5, 1, 0.5], params(lam=0.5, alpha=1.0)))
    cases.append(split_case("lambda 0", [0.5, 1, 1.5, 2, 2.5, 3], [-3, -2.5, 1, 0.5, 2, 1.5],
                            [1, 0.5, 1, 0.5, 1, 0.5], params(lam=0.0)))
    cases.append(split_case("large lambda", [0.5, 1, 1.5, 2, 2.5, 3], [-3, -2.5, 1, 0.5, 2, 1.5],
                            [1, 0.5, 1, 0.5, 1, 0.5], params(lam=8.0)))
    # gamma against a gain known exactly: g = [-1, -1, 1, 1], h = 1, lambda 0: 2^2/2 + 2^2/2 - 0 = 4.
    cases.append(split_case("gamma equal to the gain keeps the split", [1, 2, 3, 4], [-1, -1, 1, 1], ones4,
                            params(lam=0.0, gamma=4.0, mcw=0.0), need_gap=False))
    cases.append(split_case("gamma above the gain prunes the split", [1, 2, 3, 4], [-1, -1, 1, 1], ones4,
                            params(lam=0.0, gamma=4.0078125, mcw=0.0), need_gap=False))
    cases.append(split_case("zero gain is no split", [1, 2, 3, 4], [1, 1, 1, 1], ones4,
                            params(lam=0.0, mcw=0.0), need_gap=False))
    cases.append(split_case("negative feature values", [-3, -1.5, -0.25, 0, 0.75], [2, 1.5, -1, -2, 0.5],
                            [1, 1, 1, 1, 1], params()))
    k = 0
    while k < 6:
        n = [8, 20, 50, 120, 300, 600][k]
        x = np.round(rng.normal(size=n) * 4) / 8  # coarse grid: duplicates
        g = np.round(rng.normal(size=n) * 16) / 16
        h = np.round(rng.uniform(0.125, 2.0, size=n) * 64) / 64
        p = params(lam=float(rng.choice([0.0, 0.5, 1.0, 4.0])), alpha=float(rng.choice([0.0, 0.0, 0.5])),
                   mcw=float(rng.choice([0.0, 1.0, 3.0])))
        c = split_case("random n=%d lambda=%g alpha=%g mcw=%g" % (n, p["lambda"], p["alpha"], p["mcw"]), x, g, h, p)
        if c is not None:
            cases.append(c)
            k += 1
    k = 0
    while k < 6:
        n = [10, 40, 150, 10, 40, 150][k]
        loss = "squared_error" if k < 3 else "logistic"
        x = np.round(rng.uniform(-4, 4, size=n) * 8) / 8
        margin = np.round(rng.normal(size=n) * 8) / 8
        if loss == "squared_error":
            labels = np.round((x > 0.5) * 2.0 + rng.normal(size=n) * 8) / 8
        else:
            labels = (rng.random(size=n) < 1 / (1 + np.exp(-(2 * x - 1)))).astype(float)
        p = params(lam=float(rng.choice([0.0, 1.0, 2.0])), mcw=float(rng.choice([0.0, 1.0])))
        c = objective_case("%s n=%d lambda=%g mcw=%g" % (loss, n, p["lambda"], p["mcw"]), loss, x, margin, labels, p)
        if c is not None:
            cases.append(c)
            k += 1
    cases = [c for c in cases if c is not None]
    write("ensembles/split-gain", "xgboost " + xgb.__version__ + " (tree_method=exact)", cases)


if __name__ == "__main__":
    main()

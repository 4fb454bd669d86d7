#!/usr/bin/env python3
"""benchmarks/relevance_eval.py on a hand-computed example (trec_eval's definitions).

Two queries. q1 has relevant {a, c, x}; the run ranks a, b, c (x is never retrieved):
  AP = (1/1 + 2/3) / 3 = 0.555556; P@10 = 2/10;
  DCG@10 = 1/log2(2) + 1/log2(4) = 1.5, ideal = 1 + 1/log2(3) + 1/log2(4) = 2.130930,
  nDCG@10 = 0.703918.
q2 has relevant {z} and no line in the run: AP, P@10 and nDCG@10 are 0.
A judgment of grade 0 is not relevant. Means: MAP 0.277778, P@10 0.1, nDCG@10 0.351959.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "benchmarks", "relevance_eval.py")

QRELS = "1 0 a 1\n1 0 c 1\n1 0 x 1\n1 0 b 0\n2 0 z 1\n"
# Lines out of rank order: the rank column decides.
RUN = "1 Q0 c 3 0.5 t\n1 Q0 a 1 2.0 t\n1 Q0 b 2 1.0 t\n"


def check_comparison():
    """Ten one-document queries: run A finds each at rank 1, run B at rank 2 (AP 1 against
    0.5 on every query): A is better on all ten, and the exact two-sided randomization
    p-value is 2 / 2^10 = 0.002. Run A against itself: no difference, p 1."""
    qrels = "".join(f"{q} 0 d{q} 1\n" for q in range(1, 11))
    run_a = "".join(f"{q} Q0 d{q} 1 2.0 a\n{q} Q0 x{q} 2 1.0 a\n" for q in range(1, 11))
    run_b = "".join(f"{q} Q0 x{q} 1 2.0 b\n{q} Q0 d{q} 2 1.0 b\n" for q in range(1, 11))
    with tempfile.TemporaryDirectory() as tmp:
        paths = {n: os.path.join(tmp, n) for n in ("qrels", "a", "b", "same", "out.json")}
        for name, text in (("qrels", qrels), ("a", run_a), ("b", run_b), ("same", run_a)):
            open(paths[name], "w").write(text)
        subprocess.run([sys.executable, SCRIPT, paths["qrels"], paths["a"], paths["b"],
                        paths["same"], "--json", paths["out.json"]], check=True,
                       capture_output=True, text=True)
        got = json.load(open(paths["out.json"]))
    b, same = got[paths["b"]]["vs_first"], got[paths["same"]]["vs_first"]
    failures = []
    if abs(b["map_difference"] - 0.5) > 1e-9 or b["first_higher"] != 10 or b["first_lower"] != 0:
        failures.append(f"A against B: {b}")
    if not 0.0005 < b["p_value"] < 0.005:
        failures.append(f"A against B: p {b['p_value']}, expected about 0.002")
    if same["map_difference"] != 0 or same["p_value"] != 1:
        failures.append(f"A against itself: {same}")
    if "vs_first" in got[paths["a"]]:
        failures.append("the first run is compared with itself")
    return failures


def main():
    with tempfile.TemporaryDirectory() as tmp:
        qrels, run, out = (os.path.join(tmp, n) for n in ("qrels", "run", "out.json"))
        open(qrels, "w").write(QRELS)
        open(run, "w").write(RUN)
        table = subprocess.run([sys.executable, SCRIPT, qrels, run, "--json", out], check=True,
                               capture_output=True, text=True).stdout
        got = json.load(open(out))[run]
    expected = {"queries": 2, "map": 0.277778, "p10": 0.1, "ndcg10": 0.351959}
    failures = [f"{k}: got {got[k]}, expected {v}" for k, v in expected.items()
                if abs(got[k] - v) > 1e-6]
    if "| 2 | 0.278 | 0.100 | 0.352 |" not in table:
        failures.append("markdown row missing or wrong:\n" + table)
    failures += check_comparison()
    if failures:
        sys.exit("\n".join(failures))
    print("relevance_eval: MAP, P@10, nDCG@10 and the paired comparison match the hand-computed values")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How well could any scoring of the same evidence rank the candidates? (no dependencies)

Fits a naive-Bayes log-likelihood-ratio model (Fellegi-Sunter style: name score, expected chance
namesakes, date-of-birth relation, nationality, identifier, each binned) on the dump of one synthetic
seed and ranks the dump of another seed with it, next to the engine's own score. Prints the recall
reachable at 0.5, 1, 2, 5 and 10 false candidates per 200 people screened.

    dotnet run -c Release --project bench/Vigil.Bench.Screening -- dump --seed 5 --registry 50000 --roster 100000 --share 0.01 --threshold 0.2 --out fit.csv
    dotnet run -c Release --project bench/Vigil.Bench.Screening -- dump --seed 11 --registry 50000 --roster 100000 --share 0.01 --threshold 0.2 --out test.csv
    python3 bench/Vigil.Bench.Screening/ceiling.py fit.csv test.csv 100000 1000
"""
import collections
import csv
import math
import sys


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def features(row):
    namesakes = float(row["people"]) * math.exp(-float(row["information"]))
    log_namesakes = min(8, max(-4, int(math.floor(math.log(namesakes + 1e-9, 2)))))
    name = min(19, int(float(row["name"]) * 20))
    birth = row["birth"] + ("F" if row["full_dates"] == "1" else "")
    return [("name", name), ("namesakes", log_namesakes), ("birth", birth), ("nationality", row["nationality"]), ("identifier", row["identifier"]), ("identifier_differs", row.get("identifier_differs", ""))]


def main():
    fit, test = load(sys.argv[1]), load(sys.argv[2])
    roster, truth = int(sys.argv[3]), int(sys.argv[4])
    counts = {0: collections.Counter(), 1: collections.Counter()}
    totals = {0: 0, 1: 0}
    for row in fit:
        label = int(row["label"])
        totals[label] += 1
        for feature in features(row):
            counts[label][feature] += 1

    def llr(row):
        return sum(math.log((counts[1][f] + 0.5) / (totals[1] + 1)) - math.log((counts[0][f] + 0.5) / (totals[0] + 1)) for f in features(row))

    def curve(rows, key, label):
        rows = sorted(rows, key=key, reverse=True)
        found = false = 0
        best = {}
        limits = (0.5, 1, 2, 5, 10)
        for row in rows:
            if row["label"] == "1":
                found += 1
            else:
                false += 1
            for limit in limits:
                if false <= limit * roster / 200:
                    best[limit] = found / truth
        print(label, " ".join(f"{limit}/200: {best.get(limit, 0):.3f}" for limit in limits))

    for name, rows in (("fit seed", fit), ("held-out seed", test)):
        curve(rows, lambda r: float(r["score"]), f"{name}, engine score:  ")
        curve(rows, llr, f"{name}, naive-Bayes LLR:")


if __name__ == "__main__":
    main()

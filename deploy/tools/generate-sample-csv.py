#!/usr/bin/env python3
"""Writes the synthetic attack CSVs under docs/samples/ (format: docs/import-format.md).

Deterministic (fixed seeds): running it again gives byte-identical files, so the copies committed in
docs/samples/ and node/src/test/resources/import/ can be checked against it. Everything is invented:
no real person, and no place below the first-level subdivision ("Municipio ficticio N").

Usage: python3 deploy/tools/generate-sample-csv.py [output-dir]   (default: docs/samples)
"""
import csv
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "node/src/main/resources/vocabulary/v1.json"
HEADER = [
    "occurred_on", "country", "subdivision", "municipality", "target_kind", "relationship",
    "defenders", "aggression_types", "perpetrators", "rights_defended", "gender_elements",
    "sources", "verification_status", "narrative",
]
# Roughly the weight of each network in the regional registry.
COUNTRIES = [("HN", 30), ("MX", 30), ("GT", 20), ("SV", 10), ("NI", 10)]
# Contexts of a defender's work, neutral enough to fit any type of aggression.
SCENES = [
    "after a community assembly", "after a march", "after a radio interview", "after a court hearing",
    "during a land dispute", "after publishing a report", "after a press conference",
    "during a search for a disappeared relative", "after a protest against a mining project",
    "after a workshop on reproductive rights",
]


def active(vocab, scheme):
    return [t for t in vocab["schemes"][scheme]["terms"] if not t.get("retired")]


def codes(vocab, scheme):
    return [t["code"] for t in active(vocab, scheme)]


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def occurred_on(rng):
    year = rng.randint(2019, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    precision = weighted(rng, [("day", 80), ("month", 15), ("year", 5)])
    if precision == "year":
        return f"{year:04d}"
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def row(rng, vocab, number, types_by_group):
    country = weighted(rng, COUNTRIES)
    subdivisions = [t["code"] for t in active(vocab, "subdivision") if t["group"] == country]
    subdivision = rng.choice(subdivisions) if rng.random() < 0.9 else ""
    municipality = f"Municipio ficticio {rng.randint(1, 40)}" if subdivision and rng.random() < 0.6 else ""
    target = weighted(rng, [("defender", 60), ("collective", 15), ("organization", 15), ("close-person", 10)])
    relationship = rng.choice(codes(vocab, "relationship")) if target == "close-person" else ""

    # Cycle through every aggression type so that any 28 consecutive rows cover all groups and types.
    all_types = [t for group in types_by_group.values() for t in group]
    primary = all_types[(number - 1) % len(all_types)]
    types = {primary}
    types.update(rng.sample(all_types, rng.randint(0, 2)))

    perpetrators = {}
    for p in rng.sample(codes(vocab, "perpetrator"), rng.randint(1, 2)):
        perpetrators[p] = weighted(rng, [("direct", 70), ("acquiescence", 15), ("failure-to-protect", 15)])
    rights = rng.sample(codes(vocab, "right-defended"), rng.randint(1, 2))
    gender = set(rng.sample(codes(vocab, "gender-element"), rng.randint(0, 2)))
    private = {t["code"] for t in active(vocab, "perpetrator") if t["group"] == "private"}
    if private & perpetrators.keys():
        gender.add("private-sphere-perpetrator")
    sources = {}
    for kind in rng.sample(codes(vocab, "source-kind"), rng.randint(1, 2)):
        sources[kind] = rng.choice(codes(vocab, "source-reliability"))
    status = weighted(rng, [("verified", 50), ("in-verification", 25), ("unverified", 20), ("dismissed", 5)])

    narrative = f"Synthetic case {number:04d}: {primary.replace('-', ' ')} {rng.choice(SCENES)}."
    if number % 97 == 0:
        # Commas and quotes, as spreadsheets export them, to exercise RFC 4180 quoting.
        narrative += ' Posts called her "a liar, a troublemaker".'
    return [
        occurred_on(rng), country, subdivision, municipality, target, relationship, "",
        "|".join(sorted(types)),
        "|".join(f"{p}:{i}" for p, i in sorted(perpetrators.items())),
        "|".join(sorted(rights)),
        "|".join(sorted(gender)),
        "|".join(f"{k}:{r}" for k, r in sorted(sources.items())),
        status,
        narrative,
    ]


def write(path, rows, seed, multiline_at=()):
    vocab = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    types_by_group = {}
    for t in active(vocab, "aggression-type"):
        types_by_group.setdefault(t["group"], []).append(t["code"])
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            r = row(rng, vocab, number, types_by_group)
            if number in multiline_at:
                # A narrative with a line break inside quotes: line numbers must stay physical.
                r[-1] += "\nFollow-up note on a second line."
            writer.writerow(r)


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/samples"
    out.mkdir(parents=True, exist_ok=True)
    write(out / "attacks-1000.csv", 1000, seed=20240601, multiline_at=(7, 250))
    write(out / "attacks-sample.csv", 10, seed=22)


if __name__ == "__main__":
    main()

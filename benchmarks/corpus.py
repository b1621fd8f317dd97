"""The benchmark corpus: bundled examples and test articles, recombined so no two texts are equal.

Each document takes six to eighteen paragraphs from a pool (paragraphs of the examples and test
articles, runs of gold event sentences, gold attribution paragraphs), swaps country names and
numbers, and about one in five is wrapped in an HTML page with boilerplate, so extraction runs
on HTML as it does in real ingests. The same seed gives the same corpus.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from newsgraph.errors import NewsgraphError
from newsgraph.extract import extract
from newsgraph.model import RawDocument

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_GLOBS = ("examples/seed/article.txt", "examples/articles/*", "tests/resources/**/*")
ARTICLE_SUFFIXES = {".txt": "text/plain", ".md": "text/plain", ".html": "text/html"}
GOLD_FILES = ("tests/events/gold_sentences.jsonl", "tests/attribution/gold_paragraphs.jsonl")
HTML_SHARE = 0.2

# fmt: off
COUNTRIES = ("Russia", "Iran", "Ukraine", "China", "Turkey", "Israel", "Syria", "France", "Germany", "India",
             "Pakistan", "Egypt", "Qatar", "Sweden", "Poland", "Japan", "Brazil", "Nigeria", "Canada", "Mexico")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: on
_COUNTRY_RE = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_NUMBER_RE = re.compile(r"\b(?!19\d\d\b|20\d\d\b)\d{2,}\b")

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Wire</title>
<meta name="author" content="Bench Reporter {n}">
<meta property="og:site_name" content="Bench Wire">
<meta property="article:published_time" content="2023-{month:02d}-{day:02d}T08:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/opinion">Opinion</a></nav></header>
<article><h1>{title}</h1>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets slide</a></li><li><a href="/b">Weather</a></li></ul></aside>
<footer><p>© Bench Wire. All rights reserved.</p><p>Please enter your comment!</p></footer>
</body></html>
"""


def paragraph_pool(root: Path = ROOT) -> list[str]:
    """Every usable paragraph of the source material, in a fixed order."""
    pool: list[str] = []
    for pattern in ARTICLE_GLOBS:
        for path in sorted(root.glob(pattern)):
            media_type = ARTICLE_SUFFIXES.get(path.suffix)
            if path.is_file() and media_type:
                pool.extend(_paragraphs_of(path, media_type))
    for name in GOLD_FILES:
        texts = [json.loads(line)["text"] for line in (root / name).read_text(encoding="utf-8").splitlines() if line]
        if "sentences" in name:  # one sentence each: group them into paragraphs of three
            texts = [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]
        pool.extend(texts)
    return [p for p in pool if len(p.split()) >= 5]


def _paragraphs_of(path: Path, media_type: str) -> list[str]:
    raw = RawDocument(source=str(path), data=path.read_bytes(), media_type=media_type)
    try:
        text = extract(raw).text
    except NewsgraphError:  # a test page that is deliberately not an article
        return []
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def build_corpus(n: int, *, seed: int = 1, pool: list[str] | None = None) -> Iterator[RawDocument]:
    """``n`` distinct documents (by text), generated lazily and reproducibly."""
    rng = random.Random(seed)
    pool = pool if pool is not None else paragraph_pool()
    seen: set[str] = set()
    i = 0
    while i < n:
        paragraphs = [_vary(p, rng) for p in rng.sample(pool, rng.randint(6, 18))]
        digest = hashlib.sha256("\n\n".join(paragraphs).encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        yield _document(i, paragraphs, rng)
        i += 1


def _vary(paragraph: str, rng: random.Random) -> str:
    countries = list(COUNTRIES)
    rng.shuffle(countries)
    swap = dict(zip(COUNTRIES, countries, strict=True))
    text = _COUNTRY_RE.sub(lambda m: swap[m.group(1)], paragraph)
    text = _WEEKDAY_RE.sub(lambda m: rng.choice(WEEKDAYS), text)
    return _NUMBER_RE.sub(lambda m: str(rng.randint(10 ** (len(m.group()) - 1), 10 ** len(m.group()) - 1)), text)


def _document(i: int, paragraphs: list[str], rng: random.Random) -> RawDocument:
    title = " ".join(paragraphs[0].split()[:8]).rstrip(".,;:")
    if rng.random() < HTML_SHARE:
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        page = _PAGE.format(title=html.escape(title), n=i % 50, month=rng.randint(1, 12), day=rng.randint(1, 28),
                            paragraphs=body)  # fmt: skip
        return RawDocument(source=f"bench-{i:06d}.html", data=page.encode("utf-8"), media_type="text/html")
    text = "\n\n".join(paragraphs) + "\n"
    return RawDocument(source=f"bench-{i:06d}.txt", data=text.encode("utf-8"), media_type="text/plain")


def write_corpus(raws: Iterator[RawDocument] | list[RawDocument], folder: Path) -> int:
    """Write documents as files named by their source (for `newsgraph ingest FOLDER`); how many."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for raw in raws:
        (folder / raw.source).write_bytes(raw.data)
        n += 1
    return n

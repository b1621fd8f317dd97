"""Fuzzing extraction and analysis with hypothesis: bounded example counts, so the suite stays fast.

Only newsgraph's own errors may escape extraction, a batch always yields one outcome per input,
and every offset points inside the text it belongs to. Longer runs: scripts/soak.sh (FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import ExtractionError, InputError
from newsgraph.extract import extract
from newsgraph.model import Analysis, RawDocument, Rejection

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

# Pieces that steer random bytes towards the parsers' edge cases.
_HTML_PIECES = [
    b"<html>", b"<body>", b"</body>", b"<p>", b"</p>", b"<div>", b"</div>", b"<article>", b"<title>",
    b"</title>", b"<meta charset='utf-16'>", b"<meta charset=x-bogus>", b'<meta name="author" content="',
    b"<?xml version='1.0' encoding='utf-32'?>", b"<![CDATA[", b"<script>", b"<!--", b"&#xD800;", b"&#0;",
    b"&amp;", b"Russia agreed with Iran on Monday. ", b"By John Smith", b"[1]", b"(2)", b"\r\n", b"\n\n",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", "\u202e\u200b\u2066".encode(), "Россия 中国 إيران".encode(),
    b"<rss><channel><item>", b"# Title\n", b"**bold**", b"Photo: AFP", b"\"quoted,\" he said.",
]  # fmt: skip
_WORDS = [
    "Russia", "Iran", "agreed", "said", '"', "'", "according to", "the", "Washington Post", "on November 9",
    "400", "drones", ".", ",", "\n\n", "did not", "attacked", "Putin", "Tehran", "(1)", "[2]", "—", "“", "”",
    "last year", "in 2022", "Ukraine", "will", "\u200b", "Россия", "中国", "allegedly", "threatened to",
]  # fmt: skip

page_bytes = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=600).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(_HTML_PIECES), max_size=80).map(b"".join),
)
article_text = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(_WORDS), max_size=100).map(" ".join))


def _check_offsets(article: Any) -> None:
    n = len(article.text)
    assert all(0 <= a <= b <= n for a, b in article.paragraphs)
    assert all(0 <= c.start <= c.end <= n for c in article.citations)


@FUZZ
@given(data=page_bytes, media_type=st.sampled_from(["text/html", "text/plain", "text/markdown"]),
       declared=st.sampled_from([None, "utf-8", "latin-1", "utf-16", "bogus"]))  # fmt: skip
def test_hardening_fuzz_extract_raises_only_newsgraph_errors(data: bytes, media_type: str, declared: str | None) -> None:
    raw = RawDocument(source="fuzz", data=data, media_type=media_type, encoding=declared)
    try:
        article = extract(raw)
    except (ExtractionError, InputError) as exc:
        assert str(exc).strip()
        return
    assert article.text.strip()
    _check_offsets(article)


@FUZZ
@given(texts=st.lists(article_text, min_size=1, max_size=4))
def test_hardening_fuzz_analyze_many_yields_one_outcome_each(analyzer: Any, texts: list[str]) -> None:
    raws = [RawDocument(source=f"t{i}", data=t.encode("utf-8"), media_type="text/plain") for i, t in enumerate(texts)]
    outcomes = list(analyzer.analyze_many(raws))
    assert [o.source if isinstance(o, Rejection) else o.document.source for o in outcomes] == [r.source for r in raws]
    for outcome in outcomes:
        if isinstance(outcome, Rejection):
            assert outcome.code.startswith("NG") and outcome.reason.strip()
            continue
        assert isinstance(outcome, Analysis)
        text, n = outcome.document.text, len(outcome.document.text)
        _check_offsets(outcome.document)
        assert all(0 <= s.start <= s.end <= n for s in outcome.sentences)
        assert all(0 <= e.start <= e.end <= n for e in outcome.events)
        assert all(0 <= c.start <= c.end <= n for c in outcome.claims)
        for entity in outcome.entities:
            assert all(text[m.start:m.end] == m.text for m in entity.mentions)

"""Property: extract() on any text fails only with ExtractionError, and its offsets are in range."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import ExtractionError
from newsgraph.extract import extract
from newsgraph.model import RawDocument

_WORDS = st.sampled_from([
    "The Washington Post", "1", "2", "on", "said", ",", ".", "By", "Jane Doe", "Photo: Reuters", "\n",
    "\n\n", "Please enter your comment!", "Related articles", "The writer is a", "\u00a0", "\u200b",
    "Shahed 136", "Defence", "3", "#", "**", "(AFP Photo)", "Comments", "MOSCOW (Reuters) -", "Iran",
])  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=80).map(" ".join))


@given(text=_TEXTS, media_type=st.sampled_from(["text/plain", "text/markdown", "text/html"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extract_arbitrary_text_offsets_in_range(text: str, media_type: str) -> None:
    raw = RawDocument(source="prop", data=text.encode("utf-8", errors="surrogatepass"), media_type=media_type)
    try:
        article = extract(raw)
    except ExtractionError:
        return
    size = len(article.text)
    assert article.text.strip()
    for start, end in article.paragraphs:
        assert 0 <= start < end <= size
    for citation in article.citations:
        assert 0 <= citation.start < citation.end <= size
        assert article.text[citation.start:citation.end] == citation.outlet
    assert len(article.id) == 16

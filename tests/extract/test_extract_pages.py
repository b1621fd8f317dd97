"""The extract stage on whole pages of different shapes (text, Markdown, HTML)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import ExtractionError
from newsgraph.extract import document_id, extract
from newsgraph.model import RawDocument

RESOURCES = Path(__file__).parent.parent / "resources" / "extract"
SEED = Path(__file__).parents[2] / "examples" / "seed"


def _raw(name: str, media_type: str = "text/plain", **hints: object) -> RawDocument:
    path = RESOURCES / name
    return RawDocument(source=str(path), data=path.read_bytes(), media_type=media_type, **hints)  # type: ignore[arg-type]


def test_extract_seed_document_fields() -> None:
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))["document"]
    raw = RawDocument(source="article.txt", data=(SEED / "article.txt").read_bytes())
    article = extract(raw)
    assert article.title == gold["title"]
    assert list(article.authors) == gold["authors"]
    assert article.photo_captions[0].credit == "AFP"
    assert gold["photo_captions"][0]["text_contains"] in article.photo_captions[0].text
    assert gold["author_notes"][0]["text_contains"] in article.author_notes[0]
    for text in gold["body_must_not_contain"]:
        assert text not in article.text
    for text in gold["body_must_contain"]:
        assert text in article.text
    assert article.published.value is None and article.published.source == "none"
    assert "Please enter your comment!" in article.removed
    assert article.id == document_id(article.text)
    assert article.language == "en"


def test_extract_seed_citations() -> None:
    article = extract(RawDocument(source="article.txt", data=(SEED / "article.txt").read_bytes()))
    got = [(c.marker, c.outlet) for c in article.citations]
    assert got == [("1", "The Washington Post"), ("2", "The Jerusalem Post"), ("3", "Breaking Defence")]
    for citation in article.citations:
        assert article.text[citation.start:citation.end] == citation.outlet
    assert "The Washington Post on November 19" in article.text
    assert "The Jerusalem Post on November 12" in article.text
    assert "according to Breaking Defence, had" in article.text
    assert "Shahed 136, Fateh 110" in article.text


def test_extract_wire_report_dateline_and_trailer() -> None:
    article = extract(_raw("wire_reuters.txt"))
    assert article.title == "Russia says talks with Ukraine are off the table for now"
    assert article.outlet == "Reuters"
    assert article.text.startswith("MOSCOW (Reuters) - Russia's foreign ministry")
    assert "Reporting by" not in article.text
    assert any("Reporting by Guy Faulconbridge" in r for r in article.removed)


def test_extract_blog_drops_comment_section() -> None:
    article = extract(_raw("blog_comments.txt"))
    assert article.authors == ("Jane Doe",)
    assert "Great piece" not in article.text
    assert "Leave a Reply" not in article.text
    assert "Share this article" not in article.text
    assert "3 Comments" in article.removed
    assert article.author_notes == ("Jane Doe is a senior fellow at the Center for Food Policy.",)
    assert article.text.endswith("if the deal lapsed.")


def test_extract_related_list_and_furniture_removed() -> None:
    article = extract(_raw("related_list.txt"))
    assert article.authors == ("Amina Yusuf",)
    assert article.outlet == "The Daily Star"
    for furniture in ("Related articles", "death toll passes 600", "Advertisement", "Follow us on",
                      "All rights reserved", "cookies"):
        assert furniture not in article.text
    assert "Nigeria flood death toll passes 600" in article.removed
    assert len(article.paragraphs) == 2


def test_extract_captions_with_credits() -> None:
    article = extract(_raw("captions.txt"))
    captions = {c.credit: c.text for c in article.photo_captions}
    assert captions == {
        "AFP": "Demonstrators march in central Tehran on Saturday.",
        "Reuters": "Riot police stand guard outside the university gates.",
    }
    assert "Riot police" not in article.text and "(AFP Photo)" not in article.text


def test_extract_author_notes_for_two_authors() -> None:
    article = extract(_raw("author_note.txt"))
    assert article.authors == ("Peter Lang", "Maria Costa")
    assert article.author_notes and "senior fellow" in article.author_notes[0]
    assert "senior fellow" not in article.text


def test_extract_markdown_post() -> None:
    article = extract(_raw("post.md", "text/markdown"))
    assert article.title == "Drone strikes leave Kyiv without power"
    assert article.authors == ("Olena Marchenko",)
    assert (article.published.value, article.published.source) == ("2022-10-31", "metadata")
    assert article.photo_captions[0].credit == "Reuters"
    assert "**" not in article.text and "](" not in article.text and "#" not in article.text
    assert "leaving hundreds of thousands of homes without electricity" in article.text


def test_extract_html_article_with_meta_byline_and_jsonld_date() -> None:
    article = extract(_raw("article_meta.html", "text/html"))
    assert article.title == "Ceasefire talks resume in Doha"
    assert article.authors == ("Sara Haddad",)
    assert article.outlet == "The Gulf Herald"
    assert (article.published.value, article.published.source) == ("2023-11-19", "metadata")
    assert "Negotiators from both sides returned to Doha" in article.text
    assert "mark my words" not in article.text  # comments excluded
    assert "Home" not in article.text


def test_extract_html_without_article_text_raises() -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract(_raw("no_article.html", "text/html"))


@pytest.mark.parametrize("data", [b"", b"   \n\n  ", "\u200b\u00a0\n".encode()])
def test_extract_empty_text_raises(data: bytes) -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract(RawDocument(source="empty", data=data))


def test_extract_hints_win_over_guesses() -> None:
    raw = _raw("wire_reuters.txt", title="Kremlin rules out talks", outlet="Reuters UK", authors=("A. Writer",),
               published="2022-11-22T09:00:00Z")
    article = extract(raw)
    assert article.title == "Kremlin rules out talks"
    assert article.outlet == "Reuters UK"
    assert article.authors == ("A. Writer",)
    assert article.published.value == "2022-11-22"


def test_extract_paragraph_offsets_cover_text() -> None:
    article = extract(_raw("wire_reuters.txt"))
    assert len(article.paragraphs) == 3
    pieces = [article.text[a:b] for a, b in article.paragraphs]
    assert "\n\n".join(pieces) == article.text
    assert all(p and p == p.strip() and "\n" not in p for p in pieces)


def test_extract_language_not_english() -> None:
    text = ("Президент России заявил в пятницу, что переговоры с Украиной возможны только после "
            "признания новых территориальных реалий, сообщили российские агентства.")
    article = extract(RawDocument(source="ru", data=text.encode("utf-8")))
    assert article.language == "ru"


def test_extract_html_date_from_url_is_labelled_url() -> None:
    body = "<p>" + "The council approved the new budget on Tuesday after a long debate, officials said. " * 4 + "</p>"
    html = f"<html><head><title>Budget</title></head><body><article>{body}</article></body></html>"
    raw = RawDocument(source="b", data=html.encode(), media_type="text/html", url="https://n.example/2020/01/02/budget")
    published = extract(raw).published
    assert (published.value, published.source) == ("2020-01-02", "url")


def test_extract_html_labelled_text_without_tags_read_as_text() -> None:
    text = "A plain feed item labelled as HTML. " * 10
    article = extract(RawDocument(source="feed#item4", data=text.encode(), media_type="text/html"))
    assert article.text == text.strip()

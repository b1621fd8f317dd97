"""Temporal expressions in an article: found, resolved to intervals, and the latest past one.

One pass of the grammar's compiled scanner over the text finds candidates; words that are only
sometimes dates (a bare year, "May", "Sunday", "spring") must be preceded by a cue word ("in",
"since", "last") or lie inside a spaCy DATE entity, and never inside a name. spaCy's DATE
entities the scanner did not cover are read with the same grammar, so both sources share one
meaning. The governing verb's tense decides whether a year-less month lies behind or ahead of
the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from spacy.tokens import Doc

from newsgraph.language import Parsed
from newsgraph.model import TimeExpression
from newsgraph.resolve.timegrammar import (
    CLOSED,
    OPEN,
    Grammar,
    Resolved,
    grammar,
    interpret,
    interpret_core,
    parse_date,
    resolve_expression,
)

__all__ = ["latest_past_date", "resolve_expression", "resolve_times"]

# Entities inside which a month, weekday or year is part of a name ("Sunday Times", "Theresa May").
NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "NORP", "GPE"})
# Rules whose words are dates only with a cue word before them or inside a DATE entity.
CUED_RULES = frozenset({"year", "weekday", "season"})
_WORD_BEFORE = re.compile(r"(\w+)\W{0,3}$")
_NUMERIC_ONLY = re.compile(r"^[\d\s/.\-]+$")
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
# A day of the month written in digits: a date dateparser may read must show one besides its year.
_DAY_NUMBER = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?!\d)")


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else ""


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def tense_at(doc: Doc, start: int, end: int, future_verbs: frozenset[str] = frozenset()) -> str | None:
    """The tense of the verb governing the characters start..end: past, present, future or None.

    A present perfect ("has deployed ... since August") counts as past: it reports what happened.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head is token:
            return None
        token = token.head
    else:
        return None
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes):
        return "future"
    if token.dep_ == "ccomp" and any(a.lower_ in ("would", "'d") for a in auxes) and \
            not any(a.lemma_ == "have" for a in auxes):
        return "future"  # "said he would travel on Tuesday": the future of the saying
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    if token.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        head = token.head
        if head is not token and (head.lemma_.lower() in future_verbs
                                  or any(c.lower_ in ("will", "shall") for c in head.children)):
            return "future"
        if head is not token and head.tag_ == "VBD":
            return "past"
    return "present"


def _is_count(doc: Doc, start: int, end: int) -> bool:
    """A number counting a plural noun ("1999 tanks"), not a year."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "nummod" and t.head.tag_ == "NNS" for t in span)


def _is_modifier(doc: Doc, start: int, end: int) -> bool:
    """A word modifying a noun ("winter markets", "Sunday papers"), not a time."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span[-1].dep_ in ("compound", "amod", "nmod") and span[-1].head.i > span[-1].i


def _acceptable(rule: str, m: re.Match[str], core_start: int, text: str, *, cued: bool,
                in_date_ent: bool, names: Sequence[tuple[int, int]], doc: Doc, gram: Grammar) -> bool:
    """Whether a candidate is a date here and not a name, a modal verb, or a noun."""
    words = gram.words
    gd = m.groupdict()
    if _inside(names, core_start, core_start + len(m.group(0))) and not gd.get("day"):
        return False
    if gd.get("month"):
        word = gd["month"]
        key = word.lower().rstrip(".")
        if not word[0].isupper():
            return False
        ambiguous = key in words.ambiguous_months or key not in words.full_months
        if rule == "month" and ambiguous and not cued:
            return False
        if key in words.ambiguous_months and rule == "month":
            span = doc.char_span(core_start + m.start("month"), core_start + m.end("month"),
                                 alignment_mode="expand")
            if span is not None and any(t.tag_ == "MD" or t.pos_ == "VERB" for t in span):
                return False
    if rule == "year" and _is_count(doc, core_start, core_start + len(m.group(0))):
        return False
    if gd.get("weekday") and not gd["weekday"][0].isupper():
        return False
    if rule == "quarter_q" and not m.group(0).startswith("Q"):
        return False
    if rule == "season":
        season = gd["season"]
        after = text[core_start + len(m.group(0)):core_start + len(m.group(0)) + 4]
        if not gd.get("year") and re.match(r"\s+of\b", after):
            return False  # "the fall of Kabul"
        if season[0].isupper() and re.search(r"[A-Z]\w*\s+$", text[max(0, core_start - 20):core_start]):
            return False  # "the Arab Spring"
        if gd.get("rel") or gd.get("year"):
            return True
        if _is_modifier(doc, core_start, core_start + len(m.group(0))):
            return False
    if rule == "weekday" and not gd.get("rel") and _is_modifier(doc, core_start, core_start + len(m.group(0))):
        return False
    if rule == "weekday" and (gd.get("rel") or re.match(r"['’]s\b", text[core_start + len(m.group(0)):])):
        return True
    return rule not in CUED_RULES or cued or in_date_ent


def _dateparser_day(text: str, published: date | None, cache: dict[tuple[str, date | None], str | None]
                    ) -> str | None:
    """A full date dateparser reads from ``text``, only when the text itself gives day, month and year."""
    if not _DAY_NUMBER.search(_HAS_YEAR.sub(" ", text)):
        return None  # "February 2022", "2020": no day to read (dateparser takes a millisecond to agree)
    key = (text, published)
    if key not in cache:
        import dateparser  # slow to import; needed only for the odd DATE entity the grammar misses

        settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": True,
                                       "REQUIRE_PARTS": ["day", "month", "year"]}
        if published is not None:
            settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
        # dateparser fills what the text lacks from the clock; keep only what the text itself says
        said = parsed is not None and str(parsed.year) in text and str(parsed.day) in text
        cache[key] = parsed.date().isoformat() if parsed and said else None
    return cache[key]


def resolve_times(parsed: Parsed, published: str | None) -> tuple[TimeExpression, ...]:
    """Every temporal expression in the article text, resolved, in text order."""
    gram = grammar()
    text = parsed.article.text
    doc = parsed.doc
    pub = parse_date(published)
    date_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in NAME_LABELS]
    found: list[tuple[int, int, Resolved]] = []
    rules = dict(gram.rules)

    parser_cache: dict[tuple[str, date | None], str | None] = {}  # per call: no state between documents
    seen: list[tuple[int, int]] = []  # every scanner match, kept or refused: the grammar has spoken there
    for m in gram.scan(text):
        seen.append(m.span())
        rule = next(name for name in rules if m.group(name) is not None)
        core_start = m.start(rule)
        core = rules[rule].fullmatch(m.group(rule))
        if core is None:
            continue
        prefix = m.group("prefix")
        cued = bool(prefix) or _word_before(text, core_start) in gram.words.cue_words
        if not _acceptable(rule, core, core_start, text, cued=cued,
                           in_date_ent=_overlaps(date_ents, core_start, m.end()), names=names, doc=doc,
                           gram=gram):
            continue
        tense = tense_at(doc, m.start(), m.end(), gram.words.future_verbs)
        resolved = interpret_core(rule, core, pub, prefix=prefix, tense=tense, words=gram.words)
        if resolved is not None:
            found.append((m.start(), m.end(), resolved))

    for start, end in date_ents:
        ent_text = text[start:end]
        if _overlaps(seen, start, end):
            # "November the 9th, 2022": the grammar saw a month and a year; dateparser may see a day.
            inner = [f for f in found if start <= f[0] and f[1] <= end]
            if (inner and all(f[2].granularity in ("month", "year") for f in inner)
                    and not _overlaps([(f[0], f[1]) for f in found if f not in inner], start, end)
                    and _HAS_YEAR.search(ent_text)
                    and (day := _dateparser_day(ent_text, pub, parser_cache))):
                found = [f for f in found if f not in inner] + [(start, end, Resolved(day, day, "day"))]
            continue
        tense = tense_at(doc, start, end, gram.words.future_verbs)
        result = interpret(ent_text, pub, tense=tense)
        if result is not None:
            rule, resolved = result
            if (rule == "year" and _is_count(doc, start, end)) or _inside(names, start, end):
                continue
            found.append((start, end, resolved))
        elif _HAS_YEAR.search(ent_text) and not _NUMERIC_ONLY.match(ent_text):
            day = _dateparser_day(ent_text, pub, parser_cache)
            if day:
                found.append((start, end, Resolved(day, day, "day")))

    found.sort(key=lambda item: (item[0], -item[1]))
    kept: list[tuple[int, int, Resolved]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            kept.append(item)
            last_end = item[1]
    out: list[TimeExpression] = []
    for start, end, resolved in _join_ranges(text, kept, pub):
        out.append(TimeExpression(text=text[start:end], start=resolved.start, end=resolved.end,
                                  granularity=resolved.granularity, span=(start, end)))
    return tuple(out)


_RANGE_GAP = re.compile(r"\s*(?:to|until|till|through|and|-|–)\s*", re.IGNORECASE)


def _join_ranges(text: str, items: list[tuple[int, int, Resolved]], pub: date | None
                 ) -> list[tuple[int, int, Resolved]]:
    """Join "from 2014" + "to 2016" and "between 2014" + "and 2016" into one interval."""
    out: list[tuple[int, int, Resolved]] = []
    i = 0
    while i < len(items):
        start, end, resolved = items[i]
        if i + 1 < len(items):
            nxt = items[i + 1]
            opener = text[start:end].lower().startswith("from ") or _word_before(text, start) == "between"
            if opener and _RANGE_GAP.fullmatch(text[end:nxt[0]]):
                lead = re.search(r"between\s+$", text[max(0, start - 20):start], re.IGNORECASE)
                begin = start - len(lead.group(0)) if lead and not text[start:end].lower().startswith("from ") \
                    else start
                found = interpret(text[begin:nxt[1]], pub)
                if found is not None and found[0] == "range":
                    out.append((begin, nxt[1], found[1]))
                    i += 2
                    continue
        out.append((start, end, resolved))
        i += 1
    return out


def _month_day_key(value: str) -> str:
    return value[-5:]


def latest_past_date(times: Sequence[TimeExpression], published: str | None) -> str | None:
    """The latest date the text mentions as past: a lower bound for when it was written.

    Closed intervals give their end (capped at publication when they hold it), open ones
    ("since August") their start; future expressions and bounds ("until March") give nothing.
    Year-less dates compare by month and day; when the text gives full dates, the latest full
    date is returned rather than guessing the year of a year-less one.
    """
    pub = parse_date(published)
    dated: list[str] = []
    yearless: list[str] = []
    for te in times:
        if te.granularity == "relative":
            continue  # counted from the publication date, so it says nothing about it
        result = interpret(te.text, pub)
        kind = result[1].kind if result else CLOSED
        if kind == CLOSED:
            value = te.end or te.start
            if te.start and te.end and te.start.startswith("--") and te.end < te.start:
                value = te.start  # a year-less span over New Year ("winter")
        elif kind == OPEN:
            value = te.start
        else:
            continue
        if value is None:
            continue
        if pub is not None and not value.startswith("--") and value > pub.isoformat():
            if te.start and te.start <= pub.isoformat():
                value = pub.isoformat()
            else:
                continue
        (yearless if value.startswith("--") else dated).append(value)
    if dated:
        return max(dated)
    if yearless:
        return max(yearless, key=_month_day_key)
    return None

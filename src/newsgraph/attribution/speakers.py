"""Speakers: the subject of a reporting verb or the object of "according to", as a phrase.

The phrase is the subject's subtree without what only describes it (relative clauses,
appositions, dates, footnote numbers), so "officials who spoke on condition of anonymity"
gives "officials" and "The Jerusalem Post 2 on November 12" gives "The Jerusalem Post".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.attribution.context import Context

SUBJECT_DEPS = ("nsubj",)
CLIMB_DEPS = ("xcomp", "conj", "advcl", "ccomp", "acl")
DROP_CHILD_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "dep"})
TIME_ENTS = frozenset({"DATE", "TIME"})


def is_reporting_verb(token: Token, ctx: Context) -> bool:
    """A verb of saying, by lemma; "said" in "is said to" is a hedge, not a cue."""
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in ctx.cues.reporting_verbs:
        return False
    return not any(c.dep_ == "auxpass" for c in token.children)


def according_to_at(tokens: Span, ctx: Context) -> list[tuple[Token, Token]]:
    """Each "according to"-like phrase in ``tokens``: its first token and its source object."""
    found = []
    words = ctx.lowers[tokens.start:tokens.end]
    for form in ctx.cues.according_to:
        n = len(form)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == form:
                last = tokens[i + n - 1]
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None:
                    obj = next((t for t in tokens[i + n :] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
                if obj is not None:
                    found.append((tokens[i], obj))
    return sorted(found, key=lambda pair: pair[0].i)


def subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, climbing from "continues to inform" or "adding" to the head."""
    token = verb
    for _ in range(4):
        subj = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            return subj
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            return None
        token = token.head
    return None


def cue_text(verb: Token, ctx: Context) -> tuple[str, tuple[int, int]]:
    """The cue words: the verb, with the verb it hangs from when joined by "to" (continues to inform)."""
    start = verb
    if verb.dep_ == "xcomp" and verb.head.i < verb.i:
        start = verb.head
    end_char = verb.idx + len(verb.text)
    return ctx.text[start.idx : end_char], (start.idx, end_char)


def phrase_of(head: Token) -> tuple[int, int]:
    """Token range of the speaker phrase around ``head``: its subtree without descriptive parts."""
    dropped: set[int] = set()
    for token in head.subtree:
        if token is head:
            continue
        if token.dep_ in DROP_CHILD_DEPS or _is_time_prep(token) or _is_marker(token):
            dropped.update(t.i for t in token.subtree)
        if token.is_space or token.text in (",", ";", "(", ")", "—", "–", ":") or token.lower_ == "whose":
            dropped.add(token.i)
    start = end = head.i
    while start - 1 >= head.left_edge.i and start - 1 not in dropped:
        start -= 1
    while end + 1 <= head.right_edge.i and end + 1 not in dropped:
        end += 1
    doc = head.doc
    while end > start and doc[end].is_punct:
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    return start, end + 1


def _is_time_prep(token: Token) -> bool:
    if token.dep_ != "prep":
        return False
    return any(t.ent_type_ in TIME_ENTS for t in token.subtree)


def _is_marker(token: Token) -> bool:
    """A footnote number glued to a name: "The Jerusalem Post 2"."""
    return token.like_num and token.dep_ in ("nummod", "npadvmod", "appos") and token.i > token.head.i


def speaker_from_cue(verb: Token, ctx: Context) -> Token | None:
    """The speaker head for a reporting verb; a participle without a subject ("saying that")
    takes the source named before it in its sentence (an according-to object, a cited outlet)."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is not None:
        return subj
    if verb.tag_ == "VBG" or verb.dep_ in ("advcl", "acl"):
        before = verb.doc[verb.sent.start : verb.i]
        sources = according_to_at(before, ctx)
        if sources:
            return sources[-1][1]
        named = _named_source_before(before, ctx)
        if named is not None:
            return named
    reporter = joined_reporter(verb, ctx)
    return subject_of(reporter if reporter is not None else verb)


def joined_reporter(verb: Token, ctx: Context) -> Token | None:
    """"X said the law was '...' and urged Y": the parser may join "urged" to "was", inside what X
    said; a reporting verb joined so is X's second verb, and this returns "said"."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    if not is_reporting_verb(verb, ctx) or not is_reporting_verb(head.head, ctx) or head.head.i > verb.i:
        return None
    return head.head


def _named_source_before(tokens: Span, ctx: Context) -> Token | None:
    """The last cited outlet (a citation or an outlet entity) within ``tokens``."""
    best: Token | None = None
    spans = [(c.start, c.end) for c in ctx.citations]
    spans += [(m.start, m.end) for e in ctx.entities if e.kind == "outlet" for m in e.mentions]
    for start, end in spans:
        if tokens.start_char <= start and end <= tokens.end_char:
            token = ctx.token_at(end - 1)
            if best is None or token.i > best.i:
                best = token
    return best

"""The corroborate stage through its public API, on the hand-built corpus of ``helpers``."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from newsgraph.corroborate import CorroborationSettings, Corroborator, EventCluster, ProvenanceNode

from . import helpers as h


def _story_cluster(corroborator: Corroborator) -> EventCluster:
    cluster = corroborator.cluster_of(h.key(h.wire()))
    assert cluster is not None
    return cluster


def _partition(corroborator: Corroborator) -> set[frozenset[str]]:
    return {frozenset(c.events) for c in corroborator.clusters()}


def _walk(node: ProvenanceNode) -> list[ProvenanceNode]:
    return [node, *(n for child in node.children for n in _walk(child))]


def test_corroborate_syndicated_copy_joins_wire_family() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.copy(), h.opinion(), h.other_actors()])
    families = corroborator.families()
    assert len(families) == 1
    assert families[0].original == h.wire().document.id
    assert set(families[0].members) == {h.wire().document.id, h.copy().document.id}


def test_corroborate_original_is_earliest_published_even_when_seen_later() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.copy(), h.wire()])
    (family,) = corroborator.families()
    assert family.original == h.wire().document.id
    assert family.members[0] == h.copy().document.id


def test_corroborate_unrelated_texts_are_not_copies() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.opinion(), h.rebuttal(), h.independent()])
    assert corroborator.families() == []
    assert len(corroborator.families(include_single=True)) == 4


def test_corroborate_same_event_cluster_and_distractors() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many(h.corpus())
    story = _story_cluster(corroborator)
    expected = {h.key(a) for a in (h.wire(), h.copy(), h.opinion(), h.rebuttal(), h.independent())}
    assert set(story.events) == expected
    for distractor in (h.later(), h.other_actors(), h.assault()):
        cluster = corroborator.cluster_of(h.key(distractor))
        assert cluster is not None and cluster.events == (h.key(distractor),)
    assert len(corroborator.clusters()) == 4
    assert story.type == "AGREE"
    assert story.date == {"start": "2024-11-05", "end": "2024-11-05"}
    assert story.location is not None and story.location["entity"] == "place:tehran"
    assert set(story.documents) == {
        h.key(a).split(":")[0] for a in (h.wire(), h.copy(), h.opinion(), h.rebuttal(), h.independent())
    }
    assert "group:rus-mil" in story.source and "country:RUS" in story.source


def test_corroborate_cluster_id_is_hash_of_first_member() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many(h.corpus())
    first = h.key(h.wire())
    assert _story_cluster(corroborator).id == "k" + hashlib.sha256(first.encode()).hexdigest()[:12]


def test_corroborate_wire_copy_and_citing_piece_are_one_source() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.copy(), h.opinion()])
    story = _story_cluster(corroborator)
    assert len(story.events) == 3
    assert story.origins == (h.WIRE_OUTLET,)
    assert story.independent_sources == 1


def test_corroborate_independent_report_makes_two_sources() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.copy(), h.opinion(), h.rebuttal()])
    assert _story_cluster(corroborator).independent_sources == 1
    update = corroborator.add(h.independent())
    story = _story_cluster(corroborator)
    assert story.id in update.changed_clusters
    assert story.independent_sources == 2
    assert set(story.origins) == {h.WIRE_OUTLET, "outlet:the-kyiv-independent"}  # the gazetteer id


def test_corroborate_denial_is_a_contradiction_not_a_source() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.copy(), h.opinion(), h.rebuttal()])
    story = _story_cluster(corroborator)
    (contradiction,) = story.contradictions
    assert contradiction.event == h.key(h.rebuttal())
    assert contradiction.modality == "denied"
    assert contradiction.origin == "person:iran-foreign-ministry-spokesman"
    assert story.modalities == {"asserted": 2, "reported": 1, "denied": 1}
    assert story.independent_sources == 1


def test_corroborate_cited_outlet_without_document_is_external_origin() -> None:
    corroborator = Corroborator.new()
    corroborator.add(h.opinion())
    cluster = corroborator.cluster_of(h.key(h.opinion()))
    assert cluster is not None
    assert cluster.origins == (h.WIRE_OUTLET,)
    assert cluster.date == {"start": "--11-05", "end": "--11-05"}  # year-less stays year-less


def test_corroborate_citing_document_folds_into_cited_report_of_a_copy() -> None:
    # The wire's own report is unknown; a Global Wire "copy" of another outlet's story is known.
    herald_first = h.make_analysis(
        h.WIRE_TEXT, outlet="Daily Herald", published="2024-11-06",
        events=[h.make_event("e1", "AGREE", [h.RUS], [h.IRN], date=("2024-11-05", "2024-11-05"))],
    )  # fmt: skip
    wire_copy = h.make_analysis(
        h.COPY_TEXT, outlet="Global Wire", published="2024-11-07",
        events=[h.make_event("e1", "AGREE", [h.RUS], [h.IRN], date=("2024-11-05", "2024-11-05"))],
    )  # fmt: skip
    corroborator = Corroborator.new()
    corroborator.add_many([herald_first, wire_copy, h.opinion()])
    cluster = corroborator.cluster_of(h.key(h.opinion()))
    assert cluster is not None and cluster.origins == ("outlet:daily-herald",)


def test_corroborate_yearless_date_needs_close_publication_dates() -> None:
    far = h.make_analysis(
        "Russia and Iran agreed on November 5 to build drones, a columnist wrote two years on.",
        outlet="Late Review", published="2026-11-12",
        events=[h.make_event("e1", "AGREE", [h.RUS], [h.IRN], date=("--11-05", "--11-05"))],
    )  # fmt: skip
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), far, h.opinion()])
    assert corroborator.cluster_of(h.key(far)) != corroborator.cluster_of(h.key(h.wire()))
    assert h.key(h.opinion()) in _story_cluster(corroborator).events


def test_corroborate_country_suffix_actor_disabled() -> None:
    corroborator = Corroborator.new(CorroborationSettings(country_actors=False))
    corroborator.add_many([h.wire(), h.independent()])
    # Without country folding, "group:rus-fsb" and "country:RUS" are different actors.
    only_rus = h.make_analysis(
        "The Russian security service signed a contract on November 5, documents show.",
        outlet="Meduza", published="2024-11-09",
        events=[h.make_event("e1", "AGREE", ["group:rus-fsb"], [], date=("2024-11-05", "2024-11-05"))],
    )  # fmt: skip
    corroborator.add(only_rus)
    assert corroborator.cluster_of(h.key(only_rus)).events == (h.key(only_rus),)  # type: ignore[union-attr]
    folded = Corroborator.new()
    folded.add_many([h.wire(), only_rus])
    assert h.key(only_rus) in _story_cluster(folded).events


def test_corroborate_same_order_gives_identical_state() -> None:
    a, b = Corroborator.new(), Corroborator.new()
    a.add_many(h.corpus())
    b.add_many(h.corpus())
    assert a.to_dict() == b.to_dict()
    assert a.clusters() == b.clusters()


@pytest.mark.parametrize("seed", range(8))
def test_corroborate_shuffled_order_gives_same_clusters(seed: int) -> None:
    reference = Corroborator.new()
    reference.add_many(h.corpus())
    docs = h.corpus()
    random.Random(seed).shuffle(docs)
    shuffled = Corroborator.new()
    shuffled.add_many(docs)
    assert _partition(shuffled) == _partition(reference)
    assert _story_cluster(shuffled).independent_sources == 2
    assert {f.original for f in shuffled.families()} == {h.wire().document.id}
    assert len(_story_cluster(shuffled).contradictions) == 1


def test_corroborate_duplicate_document_is_a_no_op() -> None:
    corroborator = Corroborator.new()
    corroborator.add(h.wire())
    before = corroborator.to_dict()
    update = corroborator.add(h.wire())
    assert update.duplicate and update.new_clusters == ()
    assert corroborator.to_dict() == before


def test_corroborate_update_reports_new_and_changed() -> None:
    corroborator = Corroborator.new()
    first = corroborator.add(h.wire())
    assert len(first.new_clusters) == 1 and first.changed_clusters == ()
    second = corroborator.add(h.copy())
    assert second.new_clusters == () and second.changed_clusters == first.new_clusters
    assert len(second.new_families) == 1
    third = corroborator.add(h.later())
    assert len(third.new_clusters) == 1 and third.new_clusters != first.new_clusters


def test_corroborate_round_trip_through_json() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many(h.corpus()[:5])
    data = json.loads(json.dumps(corroborator.to_dict()))
    restored = Corroborator.from_dict(data)
    assert restored.to_dict() == corroborator.to_dict()
    assert restored.clusters() == corroborator.clusters()
    assert restored.families() == corroborator.families()
    # Going on after a restore gives what going on without one gives (the LSH was rebuilt).
    rest = h.corpus()[5:] + [
        h.make_analysis(h.COPY_TEXT + " Updated.", outlet="Echo", published="2024-11-08")
    ]
    corroborator.add_many(rest)
    restored.add_many(rest)
    assert restored.to_dict() == corroborator.to_dict()
    assert len(restored.families()[0].members) == 3


def test_corroborate_incremental_add_equals_batch() -> None:
    batch = Corroborator.new()
    batch.add_many(h.corpus())
    incremental = Corroborator.new()
    for analysis in h.corpus():
        incremental = Corroborator.from_dict(json.loads(json.dumps(incremental.to_dict())))
        incremental.add(analysis)
    assert incremental.to_dict() == batch.to_dict()
    assert incremental.clusters() == batch.clusters()


def test_corroborate_provenance_follows_citation_to_original() -> None:
    corroborator = Corroborator.new()
    corroborator.add_many([h.wire(), h.copy(), h.opinion(), h.rebuttal()])
    tree = corroborator.provenance(h.key(h.opinion()))
    assert tree.kind == "event"
    kinds = [(n.kind, n.id) for n in _walk(tree)]
    assert ("claim", f"{h.opinion().document.id}:c1") in kinds
    assert ("speaker", h.WIRE_OUTLET) in kinds
    assert ("outlet", h.WIRE_OUTLET) in kinds
    assert ("document", h.wire().document.id) in kinds
    assert ("event", h.key(h.wire())) in kinds
    assert tree.children[-1] == ProvenanceNode("origin", h.WIRE_OUTLET, "")
    copy_tree = corroborator.provenance(h.key(h.copy()))
    assert ("original", h.wire().document.id) in [(n.kind, n.id) for n in _walk(copy_tree)]
    cluster_tree = corroborator.provenance(_story_cluster(corroborator).id)
    assert cluster_tree.kind == "cluster" and len(cluster_tree.children) == 4
    json.dumps(cluster_tree.to_dict())


def test_corroborate_provenance_unknown_key() -> None:
    with pytest.raises(KeyError):
        Corroborator.new().provenance("nope:e1")


def test_corroborate_settings_from_mapping() -> None:
    settings = CorroborationSettings.from_mapping(
        {"copy_threshold": 0.8, "compatible_types": [["AGREE", "CONSULT"]], "unknown": 1}
    )
    assert settings.copy_threshold == 0.8
    assert settings.compatible_types == (("AGREE", "CONSULT"),)

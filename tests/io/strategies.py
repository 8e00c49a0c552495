"""Hypothesis strategies for raw maps as the format describes them (not as the code does), in format 2
(what journeymapper writes) and in format 1 (files that exist and must keep opening).

Unique ids in one id space (items too, in format 2), references that resolve, text with any character
the format allows, numbers of every kind, timestamps in any RFC 3339 form with any offset and
fractional seconds, optional keys sometimes left out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st

from .helpers import CHANNELS

ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-"
# Every character the format allows: no lone surrogates, no C0 controls other than tab, LF, CR.
_FORBIDDEN_C0 = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
CHAR = st.characters(exclude_categories=("Cs",), exclude_characters=_FORBIDDEN_C0)
TRICKY = st.sampled_from(
    [
        "\t",
        "\n",
        "\r",
        "\r\n",
        '"',
        "\\",
        "/",
        "\x7f",
        "\x85",
        "\u2028",
        "\u2029",
        "\ufeff",
        "\u200b",
        "é",
        "e\u0301",
        "🎂",
        "<b>",
        "&amp;",
        "\U0010ffff",
        "\ufffd",
        " ",
    ]
)


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Text of the format's length rules (counted in characters), with tricky pieces mixed in."""
    plain = st.text(CHAR, min_size=min_size, max_size=min(max_size, 40))
    mixed = (
        st.lists(st.one_of(TRICKY, st.text(CHAR, max_size=5)), max_size=6)
        .map("".join)
        .filter(lambda s: min_size <= len(s) <= max_size)
    )
    exact = st.just("x" * max_size)  # the limit itself is allowed
    return st.one_of(plain, plain, mixed, exact)


NUMBER = st.one_of(
    st.none(),
    st.integers(-(2**53), 2**53),
    st.integers(-(10**30), 10**30),  # whole numbers are kept exactly, even beyond double precision
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 0.1, 1e-300, 5e-324, 1.7976931348623157e308, -2.5, 1e16, 3.0]),
)
COLOR = st.text("0123456789abcdefABCDEF", min_size=6, max_size=6).map(lambda h: "#" + h)
LEVEL = st.sampled_from(["low", "medium", "high"])
EVIDENCE = st.sampled_from(["assumed", "anecdotal", "validated"])
_OFFSET = st.one_of(
    st.just("Z"),
    st.just("z"),
    st.just("+00:00"),
    st.just("-00:00"),
    st.just("+05:30"),
    st.just("-09:30"),
    st.builds(
        lambda m: f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}", st.integers(-1439, 1439)
    ),
)
_FRACTION = st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(lambda d: "." + d))


@st.composite
def timestamp(draw: st.DrawFn) -> str:
    """An RFC 3339 timestamp as a file may hold it (any offset, any fraction, T or t)."""
    moment = draw(st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)))
    sep = draw(st.sampled_from("Tt"))
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}{sep}"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{draw(_FRACTION)}{draw(_OFFSET)}"
    )


def maybe(draw: st.DrawFn, target: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Optional keys are sometimes left out (the reader fills the documented default)."""
    if draw(st.booleans()):
        target[key] = draw(strategy)


@st.composite
def raw_v1_maps(
    draw: st.DrawFn, max_personas: int = 3, max_stages: int = 4, max_cards: int = 10
) -> dict[str, Any]:
    """A valid map of format 1 (the `map` object of a v1 file)."""
    n_personas = draw(st.integers(0, max_personas))
    n_stages = draw(st.integers(0, max_stages))
    n_cards = draw(st.integers(0, max_cards)) if n_personas and n_stages else 0
    n_flows = draw(st.integers(0, 2 * n_cards)) if n_cards else 0
    ids = draw(
        st.lists(
            st.text(ID_ALPHABET, min_size=1, max_size=64),
            min_size=n_personas + n_stages + n_cards + n_flows,
            max_size=n_personas + n_stages + n_cards + n_flows,
            unique=True,
        )
    )
    persona_ids = ids[:n_personas]
    stage_ids = ids[n_personas : n_personas + n_stages]
    card_ids = ids[n_personas + n_stages : n_personas + n_stages + n_cards]
    flow_ids = ids[n_personas + n_stages + n_cards :]

    the_map: dict[str, Any] = {
        # the map's own id is outside the one id space: it may repeat an element's id
        "id": draw(st.one_of(st.text(ID_ALPHABET, min_size=1, max_size=64), st.sampled_from(ids or ["m"]))),
        "title": draw(text(200, 1)),
        "created": draw(timestamp()),
        "modified": draw(timestamp()),
    }
    maybe(draw, the_map, "description", text(10_000))
    maybe(draw, the_map, "owner", text(200))
    maybe(
        draw,
        the_map,
        "review_by",
        st.one_of(st.none(), st.dates(date(1900, 1, 1), date(9999, 12, 31)).map(date.isoformat)),
    )

    personas = []
    for pid in persona_ids:
        persona: dict[str, Any] = {"id": pid, "name": draw(text(200, 1))}
        maybe(draw, persona, "segment", text(200))
        maybe(draw, persona, "description", text(10_000))
        for key in ("goals", "needs", "frustrations"):
            maybe(draw, persona, key, st.lists(text(500), max_size=3))
        maybe(draw, persona, "color", COLOR)
        personas.append(persona)

    stages = []
    for sid in stage_ids:
        stage: dict[str, Any] = {"id": sid, "name": draw(text(200, 1))}
        maybe(draw, stage, "description", text(10_000))
        maybe(draw, stage, "goal", text(500))
        kpis = []
        for _ in range(draw(st.integers(0, 3))):
            kpi: dict[str, Any] = {"name": draw(text(200, 1))}
            maybe(draw, kpi, "value", NUMBER)
            maybe(draw, kpi, "target", NUMBER)
            maybe(draw, kpi, "unit", text(20))
            kpis.append(kpi)
        maybe(draw, stage, "kpis", st.just(kpis))
        stages.append(stage)

    cards = []
    for cid in card_ids:
        card: dict[str, Any] = {
            "id": cid,
            "persona": draw(st.sampled_from(persona_ids)),
            "stage": draw(st.sampled_from(stage_ids)),
            "title": draw(text(500, 1)),
        }
        maybe(draw, card, "channel", st.one_of(st.none(), st.sampled_from(CHANNELS)))
        maybe(draw, card, "action", text(2_000))
        maybe(draw, card, "thoughts", text(2_000))
        maybe(draw, card, "emotion", st.one_of(st.none(), st.integers(-2, 2)))
        maybe(
            draw,
            card,
            "pain_points",
            st.lists(st.fixed_dictionaries({"text": text(500, 1)}, optional={"severity": LEVEL}), max_size=3),
        )
        maybe(
            draw,
            card,
            "opportunities",
            st.lists(st.fixed_dictionaries({"text": text(500, 1)}, optional={"priority": LEVEL}), max_size=3),
        )
        maybe(draw, card, "owner", text(200))
        maybe(draw, card, "evidence", st.sampled_from(["assumed", "anecdotal", "validated"]))
        maybe(draw, card, "source", text(500))
        maybe(draw, card, "notes", text(10_000))
        cards.append(card)

    flows = []
    for fid in flow_ids:
        flow: dict[str, Any] = {
            "id": fid,
            "source": draw(st.sampled_from(card_ids)),
            "target": draw(st.sampled_from(card_ids)),  # self-loops and cycles are not load errors
        }
        maybe(draw, flow, "label", text(200))
        maybe(draw, flow, "kind", st.sampled_from(["next", "alternative", "loop"]))
        flows.append(flow)

    for key, items in (("personas", personas), ("stages", stages), ("touchpoints", cards), ("flows", flows)):
        if items or draw(st.booleans()):
            the_map[key] = items
    return the_map


DAY = st.dates(date(1900, 1, 1), date(9999, 12, 31)).map(date.isoformat)
LANGUAGE = st.sampled_from(["", "ja", "de", "en-GB", "pt-BR", "zh-Hant-TW", "gsw", "sr-Latn-RS", "EN-gb"])
READING_VALUE = NUMBER.filter(lambda value: value is not None)


def _ids(draw: st.DrawFn, count: int) -> list[str]:
    return draw(st.lists(st.text(ID_ALPHABET, min_size=1, max_size=64), min_size=count, max_size=count,
                         unique=True))


def _quotes(draw: st.DrawFn, ids: list[str]) -> list[dict[str, Any]]:
    quotes = []
    for qid in ids:
        said: dict[str, Any] = {"id": qid, "text": draw(text(1_000, 1))}
        maybe(draw, said, "who", text(200))
        maybe(draw, said, "date", st.one_of(st.none(), DAY))
        maybe(draw, said, "source", text(500))
        quotes.append(said)
    return quotes


@st.composite
def raw_v2_maps(
    draw: st.DrawFn, max_personas: int = 3, max_stages: int = 4, max_cards: int = 8
) -> dict[str, Any]:
    """A valid map of format 2: every element and every item (KPI, pain point, opportunity, quote) with an
    id of its own in the one id space; an opportunity addresses pain points on any card (or one deleted
    since: a dangling `addresses` entry is not an error)."""
    n_personas = draw(st.integers(0, max_personas))
    n_stages = draw(st.integers(0, max_stages))
    n_cards = draw(st.integers(0, max_cards)) if n_personas and n_stages else 0
    n_flows = draw(st.integers(0, 2 * n_cards)) if n_cards else 0
    persona_quotes = [draw(st.integers(0, 2)) for _ in range(n_personas)]
    kpis = [draw(st.integers(0, 3)) for _ in range(n_stages)]
    items = [tuple(draw(st.integers(0, 2)) for _ in range(3)) for _ in range(n_cards)]  # pains, chances, quotes
    counts = [n_personas, n_stages, n_cards, n_flows, sum(persona_quotes), sum(kpis), sum(map(sum, items))]
    pool = iter(_ids(draw, sum(counts)))
    persona_ids = [next(pool) for _ in range(n_personas)]
    stage_ids = [next(pool) for _ in range(n_stages)]
    card_ids = [next(pool) for _ in range(n_cards)]
    flow_ids = [next(pool) for _ in range(n_flows)]

    the_map: dict[str, Any] = {
        # the map's own id is outside the one id space: it may repeat an element's id
        "id": draw(st.one_of(st.text(ID_ALPHABET, min_size=1, max_size=64), st.sampled_from(persona_ids or ["m"]))),
        "title": draw(text(200, 1)),
        "created": draw(timestamp()),
        "modified": draw(timestamp()),
    }
    maybe(draw, the_map, "description", text(10_000))
    maybe(draw, the_map, "owner", text(200))
    maybe(draw, the_map, "language", LANGUAGE)
    maybe(draw, the_map, "state", st.sampled_from(["current", "future"]))
    based_on = st.fixed_dictionaries({"id": st.text(ID_ALPHABET, min_size=1, max_size=64), "title": text(200, 1),
                                      "modified": timestamp()})
    # (only a future-state map is based on another, and it may not say which)
    maybe(draw, the_map, "based_on", st.one_of(st.none(), based_on) if the_map.get("state") == "future"
          else st.none())
    maybe(draw, the_map, "review_by", st.one_of(st.none(), DAY))

    personas = []
    for pid, n_quotes in zip(persona_ids, persona_quotes):
        persona: dict[str, Any] = {"id": pid, "name": draw(text(200, 1))}
        maybe(draw, persona, "segment", text(200))
        maybe(draw, persona, "description", text(10_000))
        for key in ("goals", "needs", "frustrations"):
            maybe(draw, persona, key, st.lists(text(500), max_size=3))
        maybe(draw, persona, "color", COLOR)
        maybe(draw, persona, "evidence", EVIDENCE)
        maybe(draw, persona, "source", text(500))
        quotes = _quotes(draw, [next(pool) for _ in range(n_quotes)])
        if quotes or draw(st.booleans()):
            persona["quotes"] = quotes
        personas.append(persona)

    stages = []
    for sid, n_kpis in zip(stage_ids, kpis):
        stage: dict[str, Any] = {"id": sid, "name": draw(text(200, 1))}
        maybe(draw, stage, "description", text(10_000))
        maybe(draw, stage, "goal", text(500))
        stage_kpis = []
        for _ in range(n_kpis):
            kpi: dict[str, Any] = {"id": next(pool), "name": draw(text(200, 1))}
            maybe(draw, kpi, "unit", text(20))
            maybe(draw, kpi, "direction", st.sampled_from(["higher", "lower", "target"]))
            maybe(draw, kpi, "target", NUMBER)
            maybe(draw, kpi, "readings", st.lists(
                st.fixed_dictionaries({"date": DAY, "value": READING_VALUE}, optional={"note": text(500)}),
                max_size=3))
            stage_kpis.append(kpi)
        if stage_kpis or draw(st.booleans()):
            stage["kpis"] = stage_kpis
        stages.append(stage)

    cards = []
    pain_ids: list[str] = []
    for cid, (n_pains, n_chances, n_quotes) in zip(card_ids, items):
        card: dict[str, Any] = {
            "id": cid,
            "persona": draw(st.sampled_from(persona_ids)),
            "stage": draw(st.sampled_from(stage_ids)),
            "title": draw(text(500, 1)),
        }
        maybe(draw, card, "channel", st.one_of(st.none(), st.sampled_from(CHANNELS)))
        maybe(draw, card, "action", text(2_000))
        maybe(draw, card, "thoughts", text(2_000))
        maybe(draw, card, "emotion", st.one_of(st.none(), st.integers(-2, 2)))
        pains = []
        for _ in range(n_pains):
            pain: dict[str, Any] = {"id": next(pool), "text": draw(text(500, 1))}
            maybe(draw, pain, "severity", LEVEL)
            pains.append(pain)
            pain_ids.append(pain["id"])
        card["pain_points"] = pains
        card["opportunities"] = [{"id": next(pool), "text": draw(text(500, 1))} for _ in range(n_chances)]
        card["quotes"] = _quotes(draw, [next(pool) for _ in range(n_quotes)])
        maybe(draw, card, "owner", text(200))
        maybe(draw, card, "evidence", EVIDENCE)
        maybe(draw, card, "source", text(500))
        maybe(draw, card, "notes", text(10_000))
        cards.append(card)
    for card in cards:  # (pain points first: an opportunity may address one on a later card)
        for chance in card["opportunities"]:
            maybe(draw, chance, "priority", LEVEL)
            maybe(draw, chance, "status", st.sampled_from(["idea", "planned", "in_progress", "done", "dropped"]))
            maybe(draw, chance, "owner", text(200))
            maybe(draw, chance, "due", st.one_of(st.none(), DAY))
            maybe(draw, chance, "effort", st.one_of(st.none(), LEVEL))
            addressable = st.one_of(st.sampled_from(pain_ids), st.just("gone.p1")) if pain_ids else st.just("gone.p1")
            maybe(draw, chance, "addresses", st.lists(addressable, max_size=3))
        for key in ("pain_points", "opportunities", "quotes"):
            if not card[key] and draw(st.booleans()):
                del card[key]  # an empty list may be left out

    flows = []
    for fid in flow_ids:
        flow: dict[str, Any] = {
            "id": fid,
            "source": draw(st.sampled_from(card_ids)),
            "target": draw(st.sampled_from(card_ids)),  # self-loops and cycles are not load errors
        }
        maybe(draw, flow, "label", text(200))
        maybe(draw, flow, "kind", st.sampled_from(["next", "alternative", "loop"]))
        flows.append(flow)

    for key, found in (("personas", personas), ("stages", stages), ("touchpoints", cards), ("flows", flows)):
        if found or draw(st.booleans()):
            the_map[key] = found
    return the_map


def v1_envelope(raw_map: dict[str, Any]) -> dict[str, Any]:
    """A format 1 file's envelope around a raw v1 map."""
    return {"format": "journeymapper", "schema_version": 1, "app_version": "0.1.0", "map": raw_map, "view": {}}

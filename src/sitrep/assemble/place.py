"""Where an event happened: its own clauses' place, checked against what the story is about.

Real pages name many places that are not the event's: a ship's flag state, the country an
armed group comes from, a namesake town abroad, a continent in the navigation. A main event
placed in a country the story barely names goes back to the story's country; a country or a
province is refined to the town the story keeps coming back to (ACLED precision 2 when that
town is not in the event's own sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from sitrep.assemble.records import Draft, Findings
from sitrep.codebook import codebook, haversine_km
from sitrep.furniture import in_caption
from sitrep.geo.cues import dateline_spans, in_dateline, is_elsewhere, is_settlement
from sitrep.geo.districts import short_names
from sitrep.geo.gazetteer import normalise_name
from sitrep.geo.locate import NEAR_BEFORE, locate_event, sentence_bounds
from sitrep.geo.parts import BEARING_BEFORE, COUNTRY_PART, bearing_key
from sitrep.model import Actor, EventRole, GeoPrecision, Location, Span, Toponym
from sitrep.nlp import doc_text

WIDE = frozenset({"country", "admin1", "region", "continent", "admin2"})
DOMINANCE = 2  # a story's country has at least twice the place mentions of another
DISTRICT_KM = 40.0  # a town this far from a district's point is taken to be outside it


def event_location(findings: Findings, draft: Draft, role: EventRole) -> tuple[Location | None, Span | None]:
    """The event's place and the span that named it."""
    text = doc_text(findings.doc)
    datelines = dateline_spans(text)

    def scene(t: Toponym) -> bool:  # a dateline or a destination is a hint, never the scene
        return (
            t.location is not None and not in_dateline(t.span, datelines) and not is_elsewhere(t.span, text)
        )

    toponyms = [t for t in findings.toponyms if scene(t)]
    hints = [*findings.filed_toponyms, *(t for t in findings.toponyms if t.location and not scene(t))]
    own = _own_places(draft, scene)
    if own:
        districts = [t.location for t in own if t.location.feature == "admin2"]
        best = min(own, key=lambda t: _own_rank(t, districts))
        picked = locate_event([best], best.span, text)
    else:
        picked = locate_event(toponyms, draft.mentions[0].trigger, text)
    location, span = picked if picked is not None else (None, None)
    if role is not EventRole.MAIN:
        return location, span  # "last month's strike on Jordan" is where it says
    counts = story_countries(findings)
    story = max(counts, key=counts.get, default="")
    foreign = (
        location is not None
        and story
        and location.country != story
        and (counts[story] >= DOMINANCE * counts.get(location.country, 0))
        and not (own and location.feature not in WIDE and _solidarity(draft))
        and not (own and location.feature not in WIDE and _corroborated(location, span, toponyms, text))
    )
    if location is None or foreign or location.feature == "continent":
        fallback = (
            _story_place(toponyms, story, "")
            or _story_place(hints, story, "")
            or _story_place(findings.page_toponyms, story, "")
        )
        if fallback is None:  # the event's own place beats no place at all
            kept = location is not None and own
            return (None, None) if foreign and not kept else (location, span)
        if fallback.location.feature == "country":
            return _national(findings, draft, fallback.location, fallback.span, hints)
        return replace(fallback.location, geo_precision=_fallback_precision(fallback)), fallback.span
    if location.feature in WIDE:
        return _refined(findings, draft, (location, span), toponyms, hints)
    return location, span


_DEMONSTRATING = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    }
)


def _solidarity(draft: Draft) -> bool:
    """A demonstration in a town its own clauses name: marchers in Karachi or London for Gaza
    demonstrate where they march, however much the story speaks of the war they march about."""
    return any(m.sub_event_type in _DEMONSTRATING for m in draft.mentions)


_SIGNING = re.compile(
    r"\b(?:sign(?:ed|ing|s)?|talks|negotiat\w*|mediat\w*|summit|agreed|agrees?|accord|declaration|met|meeting|"
    r"struck an? (?:\w+ )?deal|(?:peace|ceasefire) (?:agreement|deal|treaty))\b",
    re.IGNORECASE,
)
# "the swap opens the deal signed in Istanbul": prisoners are exchanged where they are handed
# over, not where the exchange was agreed.
_EXCHANGE = re.compile(r"\b(?:swap|exchang|hand(?:ed|ing)? over|handover)", re.IGNORECASE)
_VENUE_BEFORE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+(?:[\w-]+\s+){0,2}(?:capital|city)(?:\s+of)?,?\s+)?$", re.IGNORECASE
)


def agreement_venue(
    findings: Findings, draft: Draft, located: tuple[Location | None, Span | None]
) -> tuple[Location | None, Span | None]:
    """Where an agreement was made: ACLED codes it there, not in the countries it concerns ("signed
    a ceasefire in Addis Ababa"). Called once the actors are chosen, since they belong to the
    parties' country, not the venue's (like :func:`interception_place`)."""
    location = located[0]
    if any(_EXCHANGE.search(m.trigger.text) for m in draft.mentions):
        return located
    wide = location is None or location.feature in WIDE or _national_level(findings, location)
    venue = _venue(findings, draft, doc_text(findings.doc), wide)
    if venue is None:
        return located
    return replace(venue.location, geo_precision=GeoPrecision.EXACT), venue.span


def _venue(findings: Findings, draft: Draft, text: str, wide: bool) -> Toponym | None:
    """A town named after "in" / "at" in a sentence that tells of signing or talks ("talks held
    ... in Kunming"); when the event has only a country or province, the town the report was
    filed from ("DOHA, July 19 (Xinhua) --")."""
    towns = sorted(
        (
            t
            for t in [*findings.toponyms, *findings.filed_toponyms]
            if t.location and t.location.feature not in WIDE
        ),
        key=lambda t: t.span.start,
    )
    for t in towns:
        start, end = sentence_bounds(text, t.span)
        if _VENUE_BEFORE.search(text[max(0, t.span.start - 40) : t.span.start]) and _SIGNING.search(
            text[start:end]
        ):
            return t
    if not wide:
        return None
    datelines = dateline_spans(text)
    return next((t for t in towns if t in findings.filed_toponyms or in_dateline(t.span, datelines)), None)


def _own_places(draft: Draft, scene) -> list[Toponym]:
    """The scene places of the event's clauses that agree with the first one named: a clause
    merged into the event that names another province ("... as in Gaza last year") does not
    outrank the report's own lead ("a West Bank village")."""
    places = [t for c in sorted(draft.clauses, key=lambda c: c.start) for t in c.toponyms if scene(t)]
    if not places:
        return []
    first = places[0].location
    if first.feature == "country":  # often an actor's ("a U.S. strike in Baghdad"): no test of the rest
        return places
    return [t for t in places if t.location.country == first.country and t.location.admin1 == first.admin1]


def _refined(
    findings: Findings,
    draft: Draft,
    located: tuple[Location, Span | None],
    toponyms: list[Toponym],
    hints: list[Toponym],
) -> tuple[Location, Span | None]:
    """A country or province becomes the town of it the story names, the one in the event's
    sentence first (a country with no town named becomes the province the story names); but a village the gazetteer lacks, named in the event's own sentence, keeps
    the event in the unit that contains it ("the town of Maga" is not Birnin Kebbi), and the
    evidence names that village."""
    location, span = located
    text = doc_text(findings.doc)
    village = _unknown_village(draft, text)
    if village is not None:
        town = _town_near_village(village, toponyms, location, text)
        if town is not None:
            return replace(town.location, geo_precision=GeoPrecision.NEAR), town.span
        return replace(location, geo_precision=_unit_precision(location)), village
    admin1 = location.admin1 if location.feature != "country" else ""
    if location.feature == "admin2":  # "Kasese" or "YALA:" beside "Bannang Sata district" names a unit
        toponyms, hints = _not_named_like(toponyms, location), _not_named_like(hints, location)
    inner = _near_place(toponyms, location, span, text) or _story_place(toponyms, location.country, admin1)
    if location.feature == "admin1" and inner is not None and _district_of(inner.location, location):
        return replace(inner.location, geo_precision=GeoPrecision.NEAR), inner.span
    if admin1 and (inner is None or inner.location.feature in WIDE):  # "KADUNA –" for a village in Kaduna
        inner = _story_place(hints, location.country, admin1) or inner
    if inner is not None and location.feature == "admin2" and not _in_district(inner.location, location):
        inner = None  # "Katsina State's Sabuwa LGA": Katsina, the city, is not in Sabuwa
    if inner is not None and inner.location.feature not in WIDE:
        return replace(inner.location, geo_precision=GeoPrecision.NEAR), inner.span
    if location.feature == "country" and (inner is None or inner.location.feature == "country"):
        return _national(findings, draft, location, span, hints)
    if location.feature == "country" and inner is not None and inner.location.feature in ("admin1", "admin2"):
        return replace(
            inner.location, geo_precision=_unit_precision(inner.location)
        ), inner.span  # its province
    return location, span


def _not_named_like(toponyms: list[Toponym], district: Location) -> list[Toponym]:
    """The places that can refine a district. A town named like its province stands for the
    province ("YALA:" over "Bannang Sata district"); a town named like the district is its seat,
    taken only when the story names no other town of it ("Kasese" in a story of "in Mpondwe, a
    town in Kasese district" is the district; "a market in Konduga Local Government Area" with
    "Konduga" alone is the town)."""
    kept = [t for t in toponyms if t.location is not None and not named_like_province(t.location)]
    others = [t for t in kept if not named_like(t.location, district)]
    inside = any(
        t.location.feature not in WIDE
        and t.location.admin1 == district.admin1
        and _in_district(t.location, district)
        for t in others
    )
    return others if inside else kept


def _district_of(place: Location, province: Location) -> bool:
    """Whether the story narrows a province event to a district of it, naming no town ("in
    Pakistan's Khyber Pakhtunkhwa province ... It happened in Tank district"): ACLED codes that
    district, precision 2, not the province's centre. A district named like its province ("Kaduna")
    says no more than the province."""
    return place.feature == "admin2" and normalise_name(place.name) != normalise_name(province.name)


def _national(
    findings: Findings, draft: Draft, location: Location, span: Span | None, hints: list[Toponym]
) -> tuple[Location, Span | None]:
    """An event the story places in no town or province of its country: the town the report was
    filed from ("BOGOTA, Jan 3 (Reuters) -"), else the town a photo caption shows ("Serb
    protesters outside the municipal office in the town of Zvecan", precision 2), else the
    capital, as analysts code a national protest or an opposition leader's arrest (precision 3;
    the capital with no province, so that fusion still takes it for the whole country). A part of
    the country the event's sentences name by a bearing ("in northern Benin") comes before all but
    a town inside it: its province, precision 3."""
    part = _country_part(findings, draft, location.country)

    def inside_part(t: Toponym | None) -> bool:
        return (
            t is not None
            and t.location.feature not in WIDE
            and (part is None or t.location.admin1 == part[0].admin1)
        )

    filed = _story_place(hints, location.country, "")
    if inside_part(filed):
        return replace(filed.location, geo_precision=GeoPrecision.REGION), filed.span
    text = doc_text(findings.doc)
    captioned = _story_place(
        [t for t in findings.page_toponyms if in_caption(text, t.span)], location.country, ""
    )
    if inside_part(captioned):
        return replace(captioned.location, geo_precision=GeoPrecision.NEAR), captioned.span
    if part is not None:
        return part
    capital = findings.capitals.get(location.country)
    if capital is not None:  # it stands for the country: no province is known
        return replace(capital, geo_precision=GeoPrecision.REGION, admin1=""), span
    return location, span


def _country_part(findings: Findings, draft: Draft, country: str) -> tuple[Location, Span] | None:
    """The province of the part of the country the event's sentences name by a bearing ("in
    northern Benin", "in the north of the country"): where ACLED codes an event that no town of the
    gazetteer places, rather than the capital."""
    text = doc_text(findings.doc)
    sentences = {sentence_bounds(text, c.mentions[0].trigger) for c in draft.clauses}
    for start, end in sorted(sentences):
        for t in findings.toponyms:
            if not start <= t.span.start < end or t.location is None or t.location.feature != "country":
                continue
            m = BEARING_BEFORE.search(text, max(start - 1, t.span.start - 30), t.span.start)
            part = m and findings.parts.get((country, bearing_key(m.group(1), m.group(2))))
            if part and t.location.country == country:
                return part, t.span
        m = COUNTRY_PART.search(text, start, end)
        part = m and findings.parts.get((country, bearing_key(m.group(1), m.group(2))))
        if part:
            return part, Span(m.start(), m.end(), m.group(0))
    return None


def _national_level(findings: Findings, location: Location) -> bool:
    """A country, or the capital standing for it (:func:`_national`)."""
    capital = findings.capitals.get(location.country)
    national = capital is not None and location.geonameid == capital.geonameid
    return location.feature == "country" or (national and location.geo_precision is GeoPrecision.REGION)


def _in_district(place: Location, district: Location) -> bool:
    """Whether a town can lie in the district: the gazetteer knows no district of a town, so near
    the district's point (the middle of its towns) is the test."""
    return haversine_km(place.latitude, place.longitude, district.latitude, district.longitude) <= DISTRICT_KM


def _own_rank(t: Toponym, districts: list[Location]) -> float:
    """Most specific first; a town named like its province (Katsina, Yala) counts as less specific
    than a district the clauses name beside it ("Katsina State's Sabuwa Local Government Area"), and
    a town named like a district the clauses name counts as that district ("ADF kill 40 in Kasese"
    over "in Mpondwe, a town in Kasese district": the headline's Kasese is the district)."""
    named_like_unit = named_like_province(t.location) or any(named_like(t.location, d) for d in districts)
    return codebook().place_rank(t.location.feature) + (1.5 if named_like_unit else 0.0)


def named_like(town: Location, unit: Location) -> bool:
    """A town that gives its name to a district or province ("Kasese", "Kasese District")."""
    return town.feature not in WIDE and normalise_name(town.name) in short_names(unit.name, normalise_name)


def named_like_province(location: Location) -> bool:
    """A town that gives its name to its province (Katsina, Kaduna, Arauca): the text may mean
    either, so a town of the province the event's clauses name beside it is the likelier scene."""
    return location.feature in ("city", "town") and normalise_name(location.name) == normalise_name(
        location.admin1
    )


def _unknown_village(draft: Draft, text: str) -> Span | None:
    """A place the event's own clauses call a town or village, that no gazetteer entry matched."""
    for clause in draft.clauses:
        for t in clause.toponyms:
            if t.location is None and is_settlement(t.span, text):
                return t.span
    return None


def _town_near_village(village: Span, toponyms: list[Toponym], unit: Location, text: str) -> Toponym | None:
    """The town the story puts the unknown village near ("Ranilluk lies near the city of Gjilan",
    "in Kuda village, 10 km north of Mubi"): ACLED codes such a village at that town, precision 2,
    where the unit around it may be a province or a whole country."""
    name = re.compile(rf"\b{re.escape(village.text)}\b")
    for t in toponyms:
        here = t.location
        if here.feature in WIDE or here.country != unit.country:
            continue
        if unit.feature == "admin1" and here.admin1 != unit.admin1:
            continue
        start, end = sentence_bounds(text, t.span)
        if name.search(text, start, end) and NEAR_BEFORE.search(
            text[max(0, t.span.start - 40) : t.span.start]
        ):
            return t
    return None


def _corroborated(location: Location, span: Span | None, toponyms: list[Toponym], text: str) -> bool:
    """Whether the event's sentence names the town's province or country beside it ("near Chwarta
    in the Kurdistan Region"): then the town is no namesake abroad, and a story full of Turkish
    actors does not send a strike in Iraq to Ankara."""
    if span is None:
        return False
    start, end = sentence_bounds(text, span)
    return any(
        start <= t.span.start < end
        and t.location.feature in WIDE
        and t.location.country == location.country
        and (t.location.feature in ("country", "region") or t.location.admin1 == location.admin1)
        for t in toponyms
    )


def _unit_precision(location: Location) -> GeoPrecision:
    """ACLED: a village inside a known district is precision 2; inside a province or country, 3."""
    return GeoPrecision.NEAR if location.feature in ("admin2", "region") else GeoPrecision.REGION


def _near_place(toponyms: list[Toponym], location: Location, span: Span | None, text: str) -> Toponym | None:
    """The most specific town inside ``location`` named in the same sentence as the event's place."""
    if span is None:
        return None
    start, end = sentence_bounds(text, span)
    rank = codebook().place_rank
    inside = [
        t
        for t in toponyms
        if start <= t.span.start < end
        and t.location.feature not in WIDE
        and t.location.country == location.country
        and (location.feature == "country" or t.location.admin1 == location.admin1)
    ]
    return min(inside, key=lambda t: (rank(t.location.feature), abs(t.span.start - span.start)), default=None)


def interception_place(
    findings: Findings,
    located: tuple[Location | None, Span | None],
    interceptor: Actor | None,
    launcher: Actor | None,
) -> tuple[Location | None, Span | None]:
    """Drones shot down fell where the defender is: "Ukraine downed 21 of the 22 drones Russia
    launched" happened in Ukraine, not in the launching state the sentence also names."""
    location, span = located
    if interceptor is None or launcher is None or location is None or not _national_level(findings, location):
        return located
    if launcher.type != "State forces" or location.country != launcher.country != interceptor.country:
        return located
    own = _story_place(findings.toponyms, interceptor.country, "")
    if own is None:
        return located
    return replace(own.location, geo_precision=_fallback_precision(own)), own.span


def country_counts(toponyms: list[Toponym]) -> dict[str, int]:
    """Place mentions per country: what the story is about."""
    return dict(Counter(t.location.country for t in toponyms if t.location is not None))


def story_countries(findings: Findings) -> dict[str, int]:
    """What the story is about: its place mentions per country, and its actors' countries
    ("the Malian army" says Mali where no Malian town is in the gazetteer)."""
    counts = Counter(country_counts([*findings.toponyms, *findings.filed_toponyms]))
    counts.update(m.actor.country for m in findings.actors if m.actor.country)
    return dict(counts) or country_counts(findings.page_toponyms)  # "World | Europe | Greece"


def _story_place(toponyms: list[Toponym], country: str, admin1: str) -> Toponym | None:
    """The most specific place of ``country`` (and ``admin1``) the story names most often."""
    places = [
        t for t in toponyms
        if t.location is not None and t.location.country == country and (not admin1 or t.location.admin1 == admin1)
    ]  # fmt: skip
    if not places:
        return None
    rank = codebook().place_rank
    names = Counter(normalise_name(t.location.name) for t in places)
    return min(
        places,
        key=lambda t: (rank(t.location.feature), -names[normalise_name(t.location.name)], t.span.start),
    )


def _fallback_precision(t: Toponym) -> GeoPrecision:
    return GeoPrecision.REGION if t.location.feature in WIDE else GeoPrecision.NEAR

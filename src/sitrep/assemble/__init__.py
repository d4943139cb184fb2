"""Merges the mentions of one article into coded ``Event`` records with evidence.

Each finding of the earlier stages (time expressions, toponyms, actors,
fatality counts, victims, claims) is attached to the nearest trigger of its
sentence in the dependency tree. Triggers close in the tree form a clause; the
clauses of an article merge into events when their dates, types and countries
agree. The article's main event is its lead; events dated clearly before it are
background ("last month's strike on Jordan").

One module per decision: ``clauses`` (what attaches to which trigger), ``merge`` (which
clauses are one event), ``roles`` (main or background), ``actor_vote`` (who did it to
whom), ``tolls`` (which count of the dead is the event's), ``confidence`` (the score, weights
in ``AssembleSettings``); this module builds the
``Event`` from them.
"""

from __future__ import annotations

import hashlib
import re

from sitrep.actors import as_ruled, with_country
from sitrep.assemble.actor_rank import EventFacts, load_ranker, rank_actors
from sitrep.assemble.actor_vote import acled_sides, default_actors, the_crowd_held, vote_actors
from sitrep.assemble.claimed import claimed_actor1
from sitrep.assemble.clauses import find_clauses
from sitrep.assemble.confidence import confidence
from sitrep.assemble.dates import event_day, lead_day, named_long_ago
from sitrep.assemble.frame import news_in_frame, story_frame
from sitrep.assemble.interstate import interceptor_first, interstate_actors, smugglers_not_state, without_host
from sitrep.assemble.merge import consolidate_main, draft_date, merge_clauses
from sitrep.assemble.perpetrator import with_perpetrator
from sitrep.assemble.place import agreement_venue, event_location, interception_place, story_countries
from sitrep.assemble.records import Draft, Findings, Tree
from sitrep.assemble.roles import assign_roles, attach_orphans, claims_by_draft
from sitrep.assemble.subtype_rank import EventEvidence, load_subtype_ranker, rank_sub_type
from sitrep.assemble.tolls import (
    NO_TOLLS,
    LeadTolls,
    bomber_alone,
    event_toll,
    lead_tolls,
    with_bomber,
    without_mishap_dead,
)
from sitrep.config import AssembleSettings
from sitrep.events import Lexicon, choose_sub_event_type
from sitrep.model import (
    Actor,
    Claim,
    Event,
    EventRole,
    Fatalities,
    Span,
)
from sitrep.nlp import doc_text

__all__ = ["Findings", "assemble_events"]


def assemble_events(
    findings: Findings, lexicon: Lexicon, settings: AssembleSettings | None = None
) -> list[Event]:
    """The coded events of one article, main event first."""
    settings = settings or AssembleSettings()
    tree = Tree(findings.doc)
    clauses = find_clauses(findings, tree)
    drafts = merge_clauses(clauses, lexicon, settings)
    if not drafts:
        return []
    roles = assign_roles(drafts, findings.article.published, lambda d: lead_day(findings, d))
    drafts, roles = consolidate_main(drafts, roles, lexicon, settings)
    published = findings.article.published
    if all(named_long_ago(d, published) for d, r in zip(drafts, roles, strict=True) if r is EventRole.MAIN):
        return []  # an anniversary, a memorial, a trial: "the 1995 Srebrenica massacre" is no news
    if (frame := story_frame(findings, lexicon)) is not None:
        kept = [
            (d, r)
            for d, r in zip(drafts, roles, strict=True)
            if r is not EventRole.MAIN or news_in_frame(d, frame, published, lexicon)
        ]
        if not any(r is EventRole.MAIN for _, r in kept):
            return []  # a verdict, a memorial, a film, an accident: no news of political violence
        drafts, roles = [d for d, _ in kept], [r for _, r in kept]
    attach_orphans(findings, drafts, roles)
    claims = claims_by_draft(findings, drafts, roles)
    recalled = frozenset(  # the sentences that tell a background event
        m.sentence.start
        for d, r in zip(drafts, roles, strict=True)
        if r is not EventRole.MAIN
        for m in d.mentions
    )
    lead = next((i for i, r in enumerate(roles) if r is EventRole.MAIN), -1)  # the first main event
    tolls = lead_tolls(findings, drafts, drafts[lead]) if lead >= 0 else NO_TOLLS
    events = [
        _build_event(
            findings,
            draft,
            role,
            claims[index],
            lexicon,
            index,
            settings,
            recalled,
            tolls if index == lead else NO_TOLLS,
        )
        for index, (draft, role) in enumerate(zip(drafts, roles, strict=True))
    ]
    return sorted(events, key=lambda e: e.role is not EventRole.MAIN)


def _build_event(
    findings: Findings,
    draft: Draft,
    role: EventRole,
    claims: tuple[Claim, ...],
    lexicon: Lexicon,
    index: int,
    settings: AssembleSettings,
    recalled: frozenset[int] = frozenset(),
    tolls: LeadTolls = NO_TOLLS,
) -> Event:
    article = findings.article
    lead = draft.mentions[0]
    location, location_span = event_location(findings, draft, role)
    country = location.country if location else _article_country(findings)
    actor1, actor2, actor_spans = vote_actors(draft, country)
    fatalities = event_toll(doc_text(findings.doc), draft, lexicon, tolls)
    sub = choose_sub_event_type(
        draft.mentions,
        actor1,
        actor2,
        lexicon,
        deaths=fatalities.best if fatalities else 0,
        context=_around(findings, draft, role, recalled),
    )
    if settings.subtype_ranker:  # the fitted choice, within ACLED's hard rules
        sub = _ranked_sub(draft, sub, (actor1, actor2), fatalities, lexicon)
    codes = lexicon.codes_for(sub)
    if not codes.deaths:
        fatalities = None  # the dead a rally mourns or a truce follows are another event's
    elif sub == "Suicide bomb" and fatalities is not None:
        fatalities = with_bomber(doc_text(findings.doc), fatalities)
    elif sub == "Suicide bomb":
        fatalities = bomber_alone(doc_text(findings.doc), findings.fatalities)
    elif codes.event_type in ("Protests", "Riots"):
        fatalities = without_mishap_dead(doc_text(findings.doc), fatalities, lexicon)
    if role is EventRole.MAIN:  # "the bombings, which Daesh has claimed": the claimed group acted
        actor1, actor2, named = with_perpetrator(findings, codes.event_type, actor1, actor2, country)
        actor_spans = {**actor_spans, **named}
    cue_text = " ".join(dict.fromkeys(m.sentence.text for m in draft.mentions))
    actor1, actor2 = interstate_actors(findings, draft, codes.event_type, sub, (actor1, actor2), country)
    voted = (actor1, actor2)
    actor1, actor2 = default_actors(codes.event_type, sub, actor1, actor2, country, cue_text)
    actor_spans = _spans_follow(actor_spans, voted, (actor1, actor2))
    suspects = [  # the side that was hit is not who is blamed for hitting it
        m for m in findings.actors if actor2 is None or with_country(m.actor, country).name != actor2.name
    ]
    actor1, claimed = claimed_actor1(actor1, claims, suspects, country)  # who claimed it, who is blamed
    actor_spans = {**actor_spans, **claimed}
    if settings.actor_ranker:
        facts = EventFacts(codes.event_type, sub, country, (actor1, actor2), claims)
        actor1, actor2, actor_spans = _ranked(findings, draft, facts, actor_spans)
        ranked = (actor1, actor2)
        actor1, actor2 = acled_sides(codes.event_type, sub, actor1, actor2, country, cue_text)
        if actor2 is None:  # a side the check emptied: the other state the sentences name
            actor1, actor2 = interstate_actors(
                findings, draft, codes.event_type, sub, (actor1, actor2), country
            )
        actor_spans = _spans_follow(actor_spans, ranked, (actor1, actor2))
    actor2 = the_crowd_held(sub, actor2, country, cue_text, doc_text(findings.doc))  # arrested at the protest
    if sub == "Disrupted weapons use":
        location, location_span = interception_place(findings, (location, location_span), actor1, actor2)
        actor1, actor2 = interceptor_first(actor1, actor2, location, cue_text)
        actor1, actor2 = smugglers_not_state(actor1, actor2, doc_text(findings.doc), lexicon)
    if sub == "Agreement":  # where it was signed, once the parties' country has named the actors
        location, location_span = agreement_venue(findings, draft, (location, location_span))
        signed = (actor1, actor2)
        actor1, actor2 = without_host(signed, location, cue_text)  # the host or mediator is no party
        actor_spans = _spans_follow(actor_spans, signed, (actor1, actor2))
    when = event_day(findings, draft, role)
    event_date = draft_date(when, article.published)
    day = event_date.start.isoformat()
    ruled = (as_ruled(actor1, day, country), as_ruled(actor2, day, country))
    if ruled[0] != actor1:  # the Taliban since 2021 are Afghanistan's forces, who plant no bombs
        actor1, actor2 = default_actors(codes.event_type, sub, *ruled, country, cue_text)
        actor_spans = _spans_follow(actor_spans, ruled, (actor1, actor2))
    elif ruled[1] != actor2:
        actor2 = ruled[1]
    victims = tuple(dict.fromkeys(v.text for c in draft.clauses for v in c.victims))
    decisive = next((m for m in draft.mentions if m.sub_event_type == sub), lead)  # what named the type
    evidence = {"event_type": decisive.trigger, "sentence": decisive.sentence}
    if when is not None:
        evidence["event_date"] = when.span
    if location_span is not None:
        evidence["location"] = location_span
    evidence.update(actor_spans)
    if fatalities is not None and fatalities.span is not None:
        evidence["fatalities"] = fatalities.span
    event_id = hashlib.sha256(f"{article.id}|{index}|{sub}|{event_date.iso}".encode()).hexdigest()[:16]
    return Event(
        id=event_id,
        article_id=article.id,
        event_date=event_date,
        event_type=codes.event_type,
        sub_event_type=sub,
        plover=codes.plover,
        cameo=codes.cameo,
        role=role,
        actor1=actor1,
        actor2=actor2,
        location=location,
        fatalities=fatalities,
        victims=victims,
        claims=claims,
        evidence=evidence,
        confidence=confidence(
            draft,
            dated=when is not None,
            located=location is not None,
            actor1=actor1,
            actor2=actor2,
            settings=settings,
        ),
        trigger=decisive.trigger.text,
    )


def _ranked(
    findings: Findings, draft: Draft, facts: EventFacts, cascade_spans: dict[str, Span]
) -> tuple[Actor | None, Actor | None, dict[str, Span]]:
    """The fitted ranker's actors; where it agrees with the rules, their evidence stands."""
    actor1, actor2, spans = rank_actors(findings, draft, facts, load_ranker())
    kept = {}
    for role, chosen, ruled in (("actor1", actor1, facts.cascade[0]), ("actor2", actor2, facts.cascade[1])):
        same = chosen is not None and ruled is not None and chosen.name == ruled.name
        kept.update({k: v for k, v in cascade_spans.items() if same and k.startswith(role)})
        if not same and role in spans:
            kept[role] = spans[role]
    return actor1, actor2, kept


def _spans_follow(
    spans: dict[str, Span],
    before: tuple[Actor | None, Actor | None],
    after: tuple[Actor | None, Actor | None],
) -> dict[str, Span]:
    """An actor's evidence follows it to the side it was moved to; a side filled by a default
    has none."""
    moved = {}
    for role, actor in (("actor1", after[0]), ("actor2", after[1])):
        source = next(
            (
                old
                for old, was in (("actor1", before[0]), ("actor2", before[1]))
                if actor is not None and was == actor
            ),
            None,
        )
        if source is not None:
            moved.update({role + k[len(source) :]: v for k, v in spans.items() if k.startswith(source)})
    return {**{k: v for k, v in spans.items() if not k.startswith("actor")}, **moved}


def _ranked_sub(
    draft: Draft,
    rules: str,
    actors: tuple[Actor | None, Actor | None],
    dead: Fatalities | None,
    lexicon: Lexicon,
) -> str:
    """The fitted sub-type ranker's choice for one event, the rules' choice among its evidence."""
    deaths = dead.best if dead else 0
    victims = any(c.victims for c in draft.clauses)
    named = tuple(m.actor.type for c in draft.clauses for m, _, _ in c.actors)
    read = EventEvidence(tuple(draft.mentions), rules, actors[0], actors[1], deaths, victims, named)
    return rank_sub_type(read, lexicon, load_subtype_ranker())


LEAD_CHARS = 400  # a headline and its first sentence


def _around(findings: Findings, draft: Draft, role: EventRole, recalled: frozenset[int]) -> str:
    """The sentence after each of the event's sentences, unless it tells a recalled event
    ("recalls the day in 1990 when violent protests erupted"), and for the main event the
    lead: where a report says how its demonstration went."""
    text = doc_text(findings.doc)
    others = recalled - {m.sentence.start for m in draft.mentions}
    after = []
    for sentence in dict.fromkeys(m.sentence for m in draft.mentions):
        following = text[sentence.end : sentence.end + 300]
        gap = len(following) - len(following.lstrip())
        if sentence.end + gap in others:
            continue
        stop = _SENTENCE_END.search(following)
        after.append(following[: stop.end()] if stop else following)
    lead_end = min([LEAD_CHARS, *others])  # the lead ends where another event is told
    lead = text[:lead_end] if role is EventRole.MAIN else ""
    return " ".join([lead, *after])


_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def _article_country(findings: Findings) -> str:
    counts = story_countries(findings)
    return max(counts, key=counts.get, default="")

"""The three-way merge of two state files: git's merge driver for `state.toml`.

Pure functions over model values. Records are merged field by field against the common
base, generically over dicts of NamedTuples, so a record kind added later (own items,
links, saved postings) merges without new code: a tuple field merges as a set of
additions and removals, a date-time takes the later, text changed on both sides keeps both
texts between markers. Items add one rule: the status changed later wins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, TypeVar

from roadmap.model import (
    HISTORY_LIMIT,
    Change,
    ItemState,
    RoadmapState,
    Status,
    UserState,
    field_names,
)
from roadmap.model.state import ADVANCE

T = TypeVar("T", bound=tuple[Any, ...])

OURS_MARK = "<<<<<<< this machine"
SPLIT_MARK = "======="
THEIRS_MARK = ">>>>>>> other machine"
"""Git's conflict markers, labelled for a person: in a merge, OURS is the machine merging."""
THEIRS_LINE = "\\" + THEIRS_MARK
"""The closing marker on a line of its own in a note: notes are Markdown, which would read a
bare `>>>>>>>` as seven nested quotes; escaped, it shows as the marker itself."""

TEXT_FIELDS: dict[str, frozenset[str]] = {
    "items": frozenset({"note"}),
    "projects": frozenset({"title", "summary", "notes"}),
    "own": frozenset({"title", "summary"}),
    "postings": frozenset({"text"}),
}
"""Per record kind, the text fields whose two edits are both kept between markers. Any other
text field of a listed kind holds an id (a parent, say): one value is chosen and reported.
A kind not listed keeps both edits of every text field, so nothing is ever dropped."""

_MISSING: Any = object()
"""A field no base record had: any two different values for it are edits on both sides."""


class Conflict(NamedTuple):
    """A field both sides changed differently: both texts kept in markers, or one value chosen."""

    roadmap: str
    kind: str
    ident: str
    field: str
    markers: bool
    """True: both texts are in the field between markers, for the user to settle."""
    kept: str = ""
    """When a value was chosen (not markers): the one kept, and below the one dropped."""
    dropped: str = ""

    def describe(self) -> str:
        where = f"{self.roadmap}: " if self.roadmap else ""
        what = _FIELD_WORDS.get(self.field, self.field)
        if self.ident:
            what += f" of {_SINGULAR.get(self.kind, self.kind)} '{self.ident}'"
        if self.markers:
            return (f"{where}the {what} changed on both machines; both texts are kept between "
                    f"'{OURS_MARK}' and '{THEIRS_MARK}'")
        return (f"{where}the {what} changed on both machines; kept '{self.kept}', not "
                f"'{self.dropped}'")


_FIELD_WORDS = {"current": "roadmap in use"}
_SINGULAR = {"items": "item", "projects": "project", "own": "own item", "postings": "posting"}


class Merged(NamedTuple):
    """The merged state and every field that both sides changed differently."""

    state: UserState
    conflicts: tuple[Conflict, ...]

    @property
    def needs_markers(self) -> bool:
        return any(c.markers for c in self.conflicts)


@dataclass
class _Where:
    """Where a merge is, for conflict reports."""

    conflicts: list[Conflict]
    roadmap: str = ""
    kind: str = ""
    ident: str = ""


# --------------------------------------------------------------------------- values


LINE_FIELDS = frozenset({"title"})
"""Text fields that hold one line: both texts go on that line, between the same markers."""


def _text_both(name: str, ours: str, theirs: str) -> str:
    """Both texts, ours first, the markers on lines of their own (Markdown paragraphs), or
    on one line for a one-line field (a title must stay one line)."""
    if name in LINE_FIELDS:
        return f"{OURS_MARK} {ours} {SPLIT_MARK} {theirs} {THEIRS_MARK}"
    return f"{OURS_MARK}\n\n{ours}\n\n{SPLIT_MARK}\n\n{theirs}\n\n{THEIRS_LINE}"


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def _sequence(base: Sequence[Any], ours: Sequence[Any], theirs: Sequence[Any]) -> tuple[Any, ...]:
    """A list both sides changed, merged as removals and additions: what the base had and
    neither side removed, in its order, then what either side added, in a fixed order (the
    same whichever side is which)."""
    mine, other = set(ours), set(theirs)
    kept = [v for v in base if v in mine and v in other]
    have = set(base)
    added = sorted({v for v in (*ours, *theirs) if v not in have}, key=_order)
    return tuple(dict.fromkeys([*kept, *added]))


def _order(value: object) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def _value(name: str, base: Any, ours: Any, theirs: Any, where: _Where, text: bool) -> Any:
    """One field that both sides changed differently."""
    if isinstance(ours, tuple) and isinstance(theirs, tuple):
        return _sequence(base if isinstance(base, tuple) else (), ours, theirs)
    if _empty(ours) != _empty(theirs):  # cleared on one side, edited on the other: the edit
        return theirs if _empty(ours) else ours
    if isinstance(ours, bool) and isinstance(theirs, bool):
        return ours or theirs  # a flag (a notice given) set on either side stays set
    if isinstance(ours, datetime) and isinstance(theirs, datetime):
        return max(ours, theirs, key=_instant)
    if type(ours) is date and type(theirs) is date:
        return max(ours, theirs)
    if isinstance(ours, str) and isinstance(theirs, str) and text:
        where.conflicts.append(Conflict(where.roadmap, where.kind, where.ident, name, True))
        return _text_both(name, ours, theirs)
    kept, dropped = sorted((ours, theirs), key=_order, reverse=True)
    where.conflicts.append(Conflict(where.roadmap, where.kind, where.ident, name, False,
                                    str(kept), str(dropped)))
    return kept


def _instant(stamp: datetime) -> datetime:
    """Stamps compare as instants; one without an offset is UTC, as the state file says."""
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp


def merge_fields(base: T | None, ours: T, theirs: T, where: _Where,
                 text: frozenset[str] | None = None,
                 decided: Mapping[str, Any] | None = None) -> T:
    """One record of a NamedTuple type, field by field against the base.

    A field changed on one side takes that side. Changed on both: see `_value`. `decided`
    holds fields a caller has already merged (an item's status). `text` None: every text
    field keeps both edits.
    """
    names: tuple[str, ...] = ours._fields  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for n, name in enumerate(names):
        if decided is not None and name in decided:
            out[name] = decided[name]
            continue
        b = base[n] if base is not None else _MISSING
        o, t = ours[n], theirs[n]
        if o == t:
            out[name] = o
        elif o == b:
            out[name] = t
        elif t == b:
            out[name] = o
        else:
            out[name] = _value(name, b, o, t, where, text is None or name in text)
    made: T = ours._replace(**out)  # type: ignore[attr-defined]
    return made


def merge_records(base: Mapping[str, T], ours: Mapping[str, T], theirs: Mapping[str, T],
                  where: _Where, *, empty: T | None = None,
                  merge_one: Callable[[T | None, T, T], T] | None = None) -> dict[str, T]:
    """Records by id: each side's change taken, both changes merged field by field.

    A record deleted on one side and edited on the other is kept (the edit). With `empty`,
    a missing record means that value (an item never touched) and a merge that comes out
    equal to it leaves no record. Order: ours, then what only theirs has.
    """
    text = TEXT_FIELDS.get(where.kind)
    out: dict[str, T] = {}
    for ident in dict.fromkeys([*ours, *theirs]):
        o, t = ours.get(ident), theirs.get(ident)
        if o is t or o == t:
            found = o
        else:
            b = base.get(ident)
            if o == b:
                found = t
            elif t == b:
                found = o
            elif empty is None and (o is None or t is None):
                found = o if t is None else t  # deleted on one side, edited on the other
            else:
                where.ident = ident
                mine = o if o is not None else empty
                other = t if t is not None else empty
                assert mine is not None and other is not None
                found = (merge_one(b, mine, other) if merge_one is not None
                         else merge_fields(b if b is not None else empty, mine, other, where,
                                           text))
        if found is not None and found != empty:
            out[ident] = found
    return out


# --------------------------------------------------------------------------- items, history


def _status_times(state: RoadmapState) -> dict[str, datetime]:
    """When each item's status last changed on one side: its newest history entry."""
    times: dict[str, datetime] = {}
    for change in state.history:
        at = _instant(change.at)
        if change.item not in times or times[change.item] < at:
            times[change.item] = at
    return times


_EPOCH = datetime.min.replace(tzinfo=UTC)


def _items(base: RoadmapState, ours: RoadmapState, theirs: RoadmapState,
           where: _Where) -> dict[str, ItemState]:
    """Items: the status changed later wins; every other field merges field by field."""
    times: list[dict[str, datetime]] = []  # built only if two statuses disagree

    def when(side: int, ident: str, record: ItemState) -> datetime:
        if not times:
            times.extend((_status_times(ours), _status_times(theirs)))
        found = times[side].get(ident)
        if found is None and record.changed is not None:
            found = _instant(record.changed)
        return found or _EPOCH

    def one(b: ItemState | None, o: ItemState, t: ItemState) -> ItemState:
        was = b.status if b is not None else Status.TODO
        if o.status is t.status or t.status is was:
            status = o.status
        elif o.status is was:
            status = t.status
        else:
            ident = where.ident
            status = max((o, t), key=lambda r: (when(r is t, ident, r), ADVANCE[r.status])
                         ).status
        return merge_fields(b or ItemState(), o, t, where, TEXT_FIELDS["items"],
                            {"status": status})

    where.kind = "items"
    return merge_records(base.items, ours.items, theirs.items, where, empty=ItemState(),
                         merge_one=one)


def _change_key(change: Change) -> tuple[datetime, str, str, str]:
    return (_instant(change.at), change.item, change.old.value, change.new.value)


def merge_history(ours: Sequence[Change], theirs: Sequence[Change]) -> list[Change]:
    """Both histories, each change once, in time order, the newest HISTORY_LIMIT kept.

    The two lists are merged like two sorted decks: each side's own order is kept (changes
    stamped within the same second stay in the order they were made), and between the two
    sides the earlier stamp goes first, then a fixed order, so the sides can swap.
    """
    out: list[Change] = []
    seen: set[Change] = set()
    i = j = 0
    while i < len(ours) or j < len(theirs):
        if j >= len(theirs) or (i < len(ours) and
                                _change_key(ours[i]) <= _change_key(theirs[j])):
            change = ours[i]
            i += 1
        else:
            change = theirs[j]
            j += 1
        if change not in seen:
            seen.add(change)
            out.append(change)
    return out[-HISTORY_LIMIT:]


# --------------------------------------------------------------------------- whole states


def _generic(name: str, base: Any, ours: Any, theirs: Any, where: _Where) -> Any:
    """A field of RoadmapState or UserState that has no rule of its own."""
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    if isinstance(ours, dict) and isinstance(theirs, dict):
        where.kind = name
        return merge_records(base if isinstance(base, dict) else {}, ours, theirs, where)
    if isinstance(ours, list) and isinstance(theirs, list):
        return list(_sequence(base if isinstance(base, list) else [], ours, theirs))
    where.kind, where.ident = name, ""
    return _value(name, base, ours, theirs, where, False)


def merge_roadmap(rid: str, base: RoadmapState, ours: RoadmapState, theirs: RoadmapState,
                  conflicts: list[Conflict]) -> RoadmapState:
    """One roadmap's records: items, history, and every dict of records field by field."""
    where = _Where(conflicts, rid)
    out: dict[str, Any] = {}
    for name in field_names(ours):  # every field the model has, new record kinds included
        b: Any = getattr(base, name, None)
        o: Any = getattr(ours, name)
        t: Any = getattr(theirs, name)
        if name == "items":
            out["items"] = _items(base, ours, theirs, where)
        elif name == "history":
            out["history"] = merge_history(o, t)
        else:
            out[name] = _generic(name, b, o, t, where)
    return type(ours)(**out)


def merge_states(base: UserState | None, ours: UserState, theirs: UserState) -> Merged:
    """Three-way merge of two whole states; `base` None when they share no ancestor.

    Merging a state with itself gives it back; a side equal to the base gives the other side;
    swapping the sides changes only the order of texts inside markers.
    """
    base = base if base is not None else UserState(current="")
    conflicts: list[Conflict] = []
    where = _Where(conflicts)
    out: dict[str, Any] = {}
    for name in field_names(ours):
        b: Any = getattr(base, name, None)
        o: Any = getattr(ours, name)
        t: Any = getattr(theirs, name)
        if name == "roadmaps":
            roadmaps: dict[str, RoadmapState] = {}
            for rid in dict.fromkeys([*o, *t]):
                mine, other = o.get(rid), t.get(rid)
                if mine is None or other is None or mine == other:
                    roadmaps[rid] = (mine or other or RoadmapState()).copy()
                else:
                    roadmaps[rid] = merge_roadmap(rid, (b or {}).get(rid) or RoadmapState(),
                                                  mine, other, conflicts)
            out["roadmaps"] = roadmaps
        else:
            out[name] = _generic(name, b, o, t, where)
    return Merged(type(ours)(**out), tuple(conflicts))


__all__ = ["LINE_FIELDS", "OURS_MARK", "SPLIT_MARK", "TEXT_FIELDS", "THEIRS_LINE", "THEIRS_MARK",
           "Conflict",
           "Merged", "merge_fields", "merge_history", "merge_records", "merge_roadmap",
           "merge_states"]

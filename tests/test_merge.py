"""The three-way merge of two states (what git's merge driver does to state.toml), as values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from roadmap.insights.changes import changes, total, wording
from roadmap.insights.merge import (
    OURS_MARK,
    SPLIT_MARK,
    THEIRS_LINE,
    THEIRS_MARK,
    Conflict,
    _Where,
    merge_records,
    merge_states,
)
from roadmap.model import (
    HISTORY_LIMIT,
    Change,
    ItemState,
    Link,
    OwnItem,
    Posting,
    Project,
    RoadmapState,
    Status,
    UserState,
    mark,
    put_project,
    remove_project,
    set_note,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
R = "ml-engineer"


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def state(rs: RoadmapState | None = None) -> UserState:
    return UserState(R, {R: rs if rs is not None else RoadmapState()})


def copy(s: UserState) -> UserState:
    return s.copy()


def test_a_status_changed_on_one_side_takes_that_side_and_its_history() -> None:
    base = state()
    ours, theirs = copy(base), copy(base)
    mark(ours.of(R), "python", Status.DONE, at(5))
    mark(theirs.of(R), "sql", Status.IN_PROGRESS, at(6))
    merged = merge_states(base, ours, theirs)
    rs = merged.state.of(R)
    assert {i: s.status for i, s in rs.items.items()} == {"python": Status.DONE,
                                                          "sql": Status.IN_PROGRESS}
    assert rs.history == [Change("python", Status.TODO, Status.DONE, at(5)),
                          Change("sql", Status.TODO, Status.IN_PROGRESS, at(6))]
    assert merged.conflicts == ()


def test_the_status_changed_later_wins_by_the_history() -> None:
    base = state()
    mark(base.of(R), "python", Status.IN_PROGRESS, at(0))
    ours, theirs = copy(base), copy(base)
    mark(ours.of(R), "python", Status.DONE, at(30))       # later
    mark(theirs.of(R), "python", Status.SKIPPED, at(10))
    for a, b in ((ours, theirs), (theirs, ours)):
        rs = merge_states(base, a, b).state.of(R)
        assert rs.items["python"] == ItemState(Status.DONE, at(30))
        assert [c.new for c in rs.history] == [Status.IN_PROGRESS, Status.SKIPPED, Status.DONE]


def test_the_later_status_wins_even_when_it_goes_back_to_todo() -> None:
    base = state()
    mark(base.of(R), "python", Status.IN_PROGRESS, at(0))
    ours, theirs = copy(base), copy(base)
    mark(ours.of(R), "python", Status.DONE, at(10))
    mark(theirs.of(R), "python", Status.TODO, at(20))   # unticked later, on the other machine
    assert merge_states(base, ours, theirs).state.of(R).status("python") is Status.TODO


def test_without_history_the_changed_stamp_decides() -> None:
    base = state()
    ours = state(RoadmapState({"python": ItemState(Status.DONE, at(50))}))
    theirs = state(RoadmapState({"python": ItemState(Status.SKIPPED, at(40))}))
    assert merge_states(base, ours, theirs).state.of(R).status("python") is Status.DONE
    assert merge_states(base, theirs, ours).state.of(R).status("python") is Status.DONE


def test_a_note_changed_on_one_side_takes_that_side_even_if_the_other_ticked() -> None:
    base = state()
    set_note(base.of(R), "python", "first", at(0))
    ours, theirs = copy(base), copy(base)
    set_note(ours.of(R), "python", "rewritten here", at(10))
    mark(theirs.of(R), "python", Status.DONE, at(20))
    merged = merge_states(base, ours, theirs)
    assert merged.state.of(R).items["python"] == ItemState(Status.DONE, at(20), "rewritten here",
                                                          noted=at(10))
    assert merged.conflicts == () and not merged.needs_markers


def noted(mine: str, other: str) -> tuple[UserState, UserState, UserState]:
    """A note "first" on both machines, then rewritten on each."""
    base = state()
    set_note(base.of(R), "python", "first", at(0))
    ours, theirs = copy(base), copy(base)
    set_note(ours.of(R), "python", mine, at(10))
    set_note(theirs.of(R), "python", other, at(5))
    return base, ours, theirs


def test_a_note_changed_on_both_sides_keeps_both_texts_between_markers() -> None:
    base, ours, theirs = noted("mine\nwith two lines", "theirs")
    merged = merge_states(base, ours, theirs)
    assert merged.state.of(R).items["python"].note == (
        f"{OURS_MARK}\n\nmine\nwith two lines\n\n{SPLIT_MARK}\n\ntheirs\n\n{THEIRS_LINE}")
    assert merged.conflicts == (Conflict(R, "items", "python", "note", True),)
    assert merged.needs_markers
    assert merged.conflicts[0].describe() == (
        "ml-engineer: the note of item 'python' changed on both machines; both texts are kept "
        "between '<<<<<<< this machine' and '>>>>>>> other machine'")
    swapped = merge_states(base, theirs, ours).state.of(R).items["python"].note
    assert swapped == (
        f"{OURS_MARK}\n\ntheirs\n\n{SPLIT_MARK}\n\nmine\nwith two lines\n\n{THEIRS_LINE}")


def test_a_note_cleared_on_one_side_and_edited_on_the_other_keeps_the_edit() -> None:
    merged = merge_states(*noted("", "better"))
    assert merged.state.of(R).items["python"].note == "better"
    assert merged.conflicts == ()


def test_a_note_cleared_on_one_side_only_is_cleared_and_leaves_no_record() -> None:
    base = state()
    set_note(base.of(R), "python", "first", at(0))
    ours, theirs = copy(base), copy(base)
    set_note(ours.of(R), "python", "", at(10))
    assert merge_states(base, ours, theirs).state.of(R).items == {}


def test_history_is_the_union_in_time_order_without_duplicates_within_the_limit() -> None:
    shared = [Change(f"i{n}", Status.TODO, Status.DONE, at(n)) for n in range(HISTORY_LIMIT - 2)]
    ours = state(RoadmapState(history=[*shared, Change("a", Status.TODO, Status.DONE,
                                                         at(HISTORY_LIMIT + 5))]))
    theirs = state(RoadmapState(history=[*shared, Change("b", Status.TODO, Status.DONE,
                                                           at(HISTORY_LIMIT + 1)),
                                          Change("c", Status.TODO, Status.DONE,
                                                 at(HISTORY_LIMIT + 9))]))
    history = merge_states(state(RoadmapState(history=list(shared))), ours,
                           theirs).state.of(R).history
    assert len(history) == HISTORY_LIMIT
    assert history[0] == shared[1]  # the oldest fell off
    assert [c.item for c in history[-3:]] == ["b", "a", "c"]
    assert len(set(history)) == HISTORY_LIMIT


def _project(pid: str, **fields: object) -> Project:
    return Project(pid, fields.pop("title", pid.title()), **fields)  # type: ignore[arg-type]


def test_projects_merge_field_by_field_against_the_base() -> None:
    base = state()
    put_project(base.of(R), _project("house", urls=("https://a.example/",), skills=("python",),
                                     summary="Prices."), at(0))
    ours, theirs = copy(base), copy(base)
    put_project(ours.of(R), base.of(R).projects["house"]._replace(
        title="House prices", skills=("python", "pandas")), at(1))
    put_project(theirs.of(R), base.of(R).projects["house"]._replace(
        finished=date(2026, 3, 2), skills=("python", "sql"), urls=()), at(2))
    merged = merge_states(base, ours, theirs)
    assert merged.state.of(R).projects == {"house": Project(
        "house", "House prices", (), "Prices.", "", ("python", "pandas", "sql"), (), None,
        date(2026, 3, 2))}
    assert merged.conflicts == ()


def test_a_project_deleted_on_one_side_and_edited_on_the_other_is_kept() -> None:
    base = state()
    put_project(base.of(R), _project("house"), at(0))
    put_project(base.of(R), _project("spam"), at(0))
    ours, theirs = copy(base), copy(base)
    remove_project(ours.of(R), "house", at(1))
    remove_project(ours.of(R), "spam", at(1))
    put_project(theirs.of(R), _project("house", summary="Now with a summary"), at(2))
    for a, b in ((ours, theirs), (theirs, ours)):
        projects = merge_states(base, a, b).state.of(R).projects
        assert projects == {"house": _project("house", summary="Now with a summary")}


def test_projects_added_on_both_sides_are_all_kept_and_a_shared_id_merges() -> None:
    ours, theirs = state(), state()
    put_project(ours.of(R), _project("mine"), at(1))
    put_project(theirs.of(R), _project("yours"), at(1))
    put_project(ours.of(R), _project("same", title="Here", skills=("a",)), at(1))
    put_project(theirs.of(R), _project("same", title="There", skills=("b",)), at(1))
    merged = merge_states(None, ours, theirs)
    projects = merged.state.of(R).projects
    assert set(projects) == {"mine", "yours", "same"}
    assert projects["same"].title == f"{OURS_MARK} Here {SPLIT_MARK} There {THEIRS_MARK}"
    assert projects["same"].skills == ("a", "b")
    assert merged.conflicts == (Conflict(R, "projects", "same", "title", True),)


def test_with_no_common_ancestor_both_machines_progress_is_kept() -> None:
    """A second machine joining: what each had is merged, nothing lost."""
    ours, theirs = state(), state()
    mark(ours.of(R), "python", Status.DONE, at(1))
    set_note(ours.of(R), "sql", "joins", at(2))
    mark(theirs.of(R), "sql", Status.DONE, at(3))
    mark(theirs.of(R), "python", Status.IN_PROGRESS, at(0))
    rs = merge_states(None, ours, theirs).state.of(R)
    assert rs.items == {"python": ItemState(Status.DONE, at(1)),
                        "sql": ItemState(Status.DONE, at(3), "joins", noted=at(2))}
    assert len(rs.history) == 3


def test_the_roadmap_in_use_changed_on_both_sides_is_chosen_and_reported() -> None:
    base = state()
    ours, theirs = copy(base), copy(base)
    ours.current, theirs.current = "data-engineer", "mlops"
    merged = merge_states(base, ours, theirs)
    assert merged.state.current == "mlops" == merge_states(base, theirs, ours).state.current
    assert merged.conflicts[0].describe() == (
        "the roadmap in use changed on both machines; kept 'mlops', not 'data-engineer'")
    assert not merged.needs_markers


def test_roadmaps_only_one_side_has_are_kept() -> None:
    ours = state()
    theirs = UserState(R, {"other": RoadmapState({"x": ItemState(Status.DONE, at(1))})})
    merged = merge_states(None, ours, theirs).state
    assert merged.roadmaps["other"].items == {"x": ItemState(Status.DONE, at(1))}


class Clipping(NamedTuple):
    """A record kind the merge has never heard of (a kind a later version may add)."""

    id: str
    parent: str
    text: str = ""
    tags: tuple[str, ...] = ()
    added: datetime | None = None


def test_any_dict_of_namedtuples_merges_field_by_field() -> None:
    base = {"p": Clipping("p", "group-a", "body", ("x",), at(0)), "gone": Clipping("gone", "g")}
    ours = {"p": Clipping("p", "group-b", "my body", ("x", "y"), at(3))}
    theirs = {"p": Clipping("p", "group-c", "their body", ("z",), at(2)),
              "gone": Clipping("gone", "g"), "new": Clipping("new", "g")}
    conflicts: list[Conflict] = []
    merged = merge_records(base, ours, theirs, _Where(conflicts, R, "clippings"))
    def both(a: str, b: str) -> str:
        return f"{OURS_MARK}\n\n{a}\n\n{SPLIT_MARK}\n\n{b}\n\n{THEIRS_LINE}"

    # a kind not in TEXT_FIELDS keeps both edits of every text field: nothing is dropped
    assert merged == {"p": Clipping("p", both("group-b", "group-c"), both("my body", "their body"),
                                   ("y", "z"), at(3)),
                      "new": Clipping("new", "g")}
    assert [(c.field, c.markers) for c in conflicts] == [("parent", True), ("text", True)]


def test_a_listed_kind_chooses_an_id_field_and_reports_it() -> None:
    class Own(NamedTuple):
        id: str
        parent: str
        title: str

    conflicts: list[Conflict] = []
    merged = merge_records({"o": Own("o", "a", "T")}, {"o": Own("o", "b", "T")},
                           {"o": Own("o", "c", "T")}, _Where(conflicts, R, "own"))
    assert merged == {"o": Own("o", "c", "T")}
    assert conflicts[0].describe() == ("ml-engineer: the parent of own item 'o' changed on both "
                                       "machines; kept 'c', not 'b'")


def test_changes_are_worded_the_way_a_person_says_them() -> None:
    before = state()
    mark(before.of(R), "a", Status.DONE, at(0))
    after = copy(before)
    for item in ("b", "c", "d"):
        mark(after.of(R), item, Status.DONE, at(1))
    mark(after.of(R), "a", Status.TODO, at(1))
    set_note(after.of(R), "b", "why", at(2))
    put_project(after.of(R), _project("house"), at(3))
    put_project(after.of(R), _project("car"), at(3))
    tally = changes(before, after)
    assert wording(tally) == "3 done, 1 to do, 1 note, 2 projects"
    assert total(tally) == 7
    assert wording(changes(after, after)) == "" and total(changes(after, after)) == 0


def test_own_items_merge_field_by_field_and_links_as_additions() -> None:
    docker = OwnItem("docker", "mlops", "Docker", skills=("linux",), added=at(0))
    base = state(RoadmapState({"python": ItemState(Status.DONE, at(0), links=(
        Link("https://a.example/"),))}, own={"docker": docker}))
    ours, theirs = copy(base), copy(base)
    ours.of(R).own.update(docker=docker._replace(title="Docker & Compose",
                                                 skills=("linux", "yaml")),
                          k8s=OwnItem("k8s", "mlops", "Kubernetes"))
    ours.of(R).items["python"] = ItemState(Status.DONE, at(0), links=(
        Link("https://a.example/"), Link("https://b.example/", "B")))
    theirs.of(R).own["docker"] = docker._replace(parent="deploy", summary="Containers",
                                                 aliases=("containers",), clash_reported=True)
    theirs.of(R).items["python"] = ItemState(Status.DONE, at(0), links=(
        Link("https://c.example/"),))
    merged = merge_states(base, ours, theirs)
    rs = merged.state.of(R)
    assert rs.own == {
        "docker": OwnItem("docker", "deploy", "Docker & Compose", "Containers",
                          ("linux", "yaml"), ("containers",), at(0), clash_reported=True),
        "k8s": OwnItem("k8s", "mlops", "Kubernetes")}
    assert rs.items["python"].links == (Link("https://b.example/", "B"),
                                        Link("https://c.example/"))
    assert merged.conflicts == ()
    assert wording(changes(base, merged.state)) == "3 links, 2 own items"


def test_an_own_item_moved_to_two_groups_keeps_one_and_says_which() -> None:
    base = state(RoadmapState(own={"x": OwnItem("x", "a", "X")}))
    ours, theirs = copy(base), copy(base)
    ours.of(R).own["x"] = OwnItem("x", "b", "X")
    theirs.of(R).own["x"] = OwnItem("x", "c", "X", removed=at(3))
    merged = merge_states(base, ours, theirs)
    assert merged.state.of(R).own == {"x": OwnItem("x", "c", "X", removed=at(3))}
    assert [c.describe() for c in merged.conflicts] == [
        "ml-engineer: the parent of own item 'x' changed on both machines; kept 'c', not 'b'"]


def test_job_postings_saved_on_either_machine_are_all_kept() -> None:
    """Saved postings belong to no roadmap: a top-level table each, merged by name."""
    base = state()
    base.postings["acme"] = Posting("acme", "Python and SQL", date(2026, 11, 1))
    ours, theirs = copy(base), copy(base)
    ours.postings["initech"] = Posting("initech", "PyTorch", date(2026, 11, 2))
    theirs.postings["globex"] = Posting("globex", "Spark", date(2026, 11, 3))
    theirs.postings["acme"] = Posting("acme", "Python, SQL and Docker", date(2026, 11, 3))
    merged = merge_states(base, ours, theirs)
    assert merged.state.postings == {
        "acme": Posting("acme", "Python, SQL and Docker", date(2026, 11, 3)),
        "initech": Posting("initech", "PyTorch", date(2026, 11, 2)),
        "globex": Posting("globex", "Spark", date(2026, 11, 3)),
    }
    assert merged.conflicts == ()
    base.postings["old"] = Posting("old", "Java", date(2026, 10, 1))
    ours, theirs = copy(base), copy(base)
    del ours.postings["old"]  # forgotten here, untouched there: forgotten in the merge
    del ours.postings["acme"]  # forgotten here, edited there: kept, nothing lost
    theirs.postings["acme"] = Posting("acme", "Python, SQL and Docker", date(2026, 11, 3))
    assert merge_states(base, ours, theirs).state.postings == {
        "acme": Posting("acme", "Python, SQL and Docker", date(2026, 11, 3))}

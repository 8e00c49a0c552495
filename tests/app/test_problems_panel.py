"""The Problems panel keeps its rows in step with the findings, rewriting only the rows that changed,
and shows tens of thousands of them at no cost to an edit."""

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymapper.app.problems_panel import ProblemsPanel
from journeymapper.check.problem import Problem

problem = st.builds(
    Problem,
    code=st.sampled_from(["JM001", "JM005", "JM016"]),
    severity=st.sampled_from(["error", "warning", "info"]),
    message=st.sampled_from(["A flow goes back", "No path leads to <b>x</b>", "Hand  over"]),
    elements=st.lists(st.sampled_from(["a", "b", "f1"]), min_size=1, max_size=3).map(tuple),
)


def rows(panel: ProblemsPanel) -> list[tuple[str, str, str, list[str], str]]:
    return [(panel.row_text(i, 0), panel.row_text(i, 1), panel.row_text(i, 2), panel.row_elements(i),
             panel.row_tooltip(i)) for i in range(panel.row_count())]


def expected(problems: list[Problem]) -> list[tuple[str, str, str, list[str], str]]:
    return [(p.code, " ".join(p.message.split()), ", ".join(p.elements), list(p.elements), p.severity)
            for p in problems]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(problem, max_size=8), min_size=1, max_size=6))
def test_rows_follow_every_change_of_the_findings(qapp, sequence):
    panel = ProblemsPanel()
    for problems in sequence:
        panel.set_problems(problems)
        assert rows(panel) == expected(problems)
    panel.deleteLater()


def test_tens_of_thousands_of_findings_are_shown_at_once(qapp):
    """A map at the limits can have 80,000 findings: the panel shows them without making a row each."""
    import time

    many = [Problem(code="JM006", severity="warning", message=f"Dead end {n}", elements=(f"t{n}",))
            for n in range(80_000)]
    panel = ProblemsPanel()
    start = time.perf_counter()
    panel.set_problems(many)
    panel.set_problems(many[1:])
    assert time.perf_counter() - start < 1.0  # (a row each took seconds)
    assert panel.row_count() == 79_999 and panel.row_text(0, 1) == "Dead end 1"
    panel.deleteLater()

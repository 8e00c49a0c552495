"""The Problems panel keeps its rows in step with the findings, rewriting only the rows that changed."""

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
    out = []
    for i in range(panel.topLevelItemCount()):
        row = panel.topLevelItem(i)
        out.append((row.text(0), row.text(1), row.text(2), row.data(0, 256), row.toolTip(0)))
    return out


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

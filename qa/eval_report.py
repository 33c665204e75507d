"""The readable `qa eval` report: a metrics table and the worst misses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from qa.evaluation import Outcome


def print_report(
    metrics: dict[str, float | None], outcomes: Sequence[Outcome], qa_file: Path, *, misses: int = 5
) -> None:
    """Prints the metrics table, then the misses the bot was most confident about."""
    console = Console()
    # its own line, not the table's title: a title wraps within the table's width, cutting a long path in two
    console.print(f"qa eval {qa_file}", style="italic", soft_wrap=True, highlight=False, markup=False)
    table = Table()
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        table.add_row(name, "n/a" if value is None else f"{value:g}")
    console.print(table)
    wrong = [
        o
        for o in outcomes
        if (o.example.answerable and not o.scores.get("answer_hit@1"))
        or (not o.example.answerable and not o.reply.abstained)
    ]
    wrong.sort(key=lambda o: -o.reply.confidence)
    if wrong:
        console.print(f"[bold]Worst misses[/bold] ({len(wrong)} in all, most confident first):", highlight=False)
    for o in wrong[:misses]:
        top = o.reply.answers[0] if o.reply.answers else None
        got = "abstained" if top is None else f"{top.text[:120]!r} ({top.citation.file})"
        gold = " | ".join(o.example.answers) or "(abstain)"
        console.print(
            f"- {o.example.id}: {o.example.question}\n    gold: {gold}\n    got:  {got} conf {o.reply.confidence:.2f}",
            highlight=False,
            markup=False,
            soft_wrap=True,  # the terminal wraps; piped to a file or a pager, a miss is not cut mid-quote at 80
        )

"""The `qa` command line: the edge where settings are built and errors become one line on stderr."""

from __future__ import annotations

import codecs
import errno
import json
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from qa.errors import INDEX_KEPT, NO_INDEX_WRITTEN, QAError
from qa.output import OutputFailed, emit
from qa.settings import DEFAULT_MODEL, MULTILINGUAL_CHOICES, Multilingual, Settings, default_corpus
from qa.text import as_unicode

if TYPE_CHECKING:
    from qa.api import Bot
    from qa.indexing import IndexReport

F = TypeVar("F", bound=Callable[..., Any])


class FolderPath(click.Path):
    """A folder option: as click.Path, but an empty value is refused instead of meaning the current folder (with
    `--index ""` that folder would have been replaced by an index)."""

    def __init__(self) -> None:
        super().__init__(file_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("the path is empty: pass a folder", param, ctx)
        return super().convert(value, param, ctx)


class EnvChoice(click.Choice):
    """A choice that may come from an environment variable: a bad value set there names the variable, since the
    user typed no option to look for."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            variable = param.envvar if param is not None and isinstance(param.envvar, str) else None
            if variable and os.environ.get(variable) == value:
                raise click.BadParameter(f"{exc.message} (it comes from ${variable})", ctx, param) from None
            raise


def common_options(f: F) -> F:
    """Adds --corpus, --index, --model, --multilingual and --quiet, shared by every command."""
    f = click.option(
        "--quiet", "-q", is_flag=True, default=None, help="No progress or status notes (qa index: warnings only)."
    )(f)
    f = click.option(
        "--multilingual",
        type=EnvChoice(MULTILINGUAL_CHOICES, case_sensitive=False),
        default=None,
        envvar="QA_MULTILINGUAL",
        help="Multilingual (USE) vectors: auto (when a document is not English), always, never. Env QA_MULTILINGUAL.",
    )(f)
    f = click.option(
        "--model",
        default=None,
        metavar="PATH",
        help="Local sentence-transformers model folder (default: bundled MiniLM).",
    )(f)
    f = click.option(
        "--index",
        "index_dir",
        type=FolderPath(),
        default=None,
        help="Folder the index lives in (default: a per-corpus folder under ~/.cache/qa).",
    )(f)
    f = click.option(
        "--corpus",
        type=FolderPath(),
        default=None,
        help="Folder of documents (default: seeds/).",
    )(f)
    return f


def _recorded_corpus(index_dir: Path) -> Path | None:
    """Returns the corpus an existing index was built from, so `--index` alone answers from the right folder."""
    from qa.index import read_manifest_at

    manifest = read_manifest_at(index_dir)
    if manifest is None or "corpus" not in manifest:
        return None
    recorded = manifest["corpus"]
    if not isinstance(recorded, str) or not recorded:
        fail(f"--index {index_dir}: its manifest does not say which corpus it was built from: pass --corpus FOLDER")
    if not Path(recorded).is_dir():
        # Falling back to the default corpus here once rebuilt the user's index from seeds/ without a word.
        fail(
            f"--index {index_dir}: it was built from {recorded}, which is no longer there: pass --corpus FOLDER "
            "(`qa index FOLDER --index ...` rebuilds it from there)"
        )
    return Path(recorded)


def _check_path(option: str, path: Path | None) -> None:
    """Refuses paths an index cannot record: the manifest is JSON, and FAISS and ONNX take only UTF-8 paths."""
    if path is None:
        return
    if as_unicode(str(path)) != str(path):
        fail(f"{option} {as_unicode(str(path))}: the path is not valid UTF-8: rename it, or pass a link named in UTF-8")


def stdin_lines() -> Iterator[str]:
    """Yields standard input a line at a time, as it arrives (a question answered before the next is typed),
    decoded as `read_stdin` does."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield from sys.stdin
        return
    warned = False
    for n, raw in enumerate(stream):
        text, bad = _decoded(raw.removeprefix(codecs.BOM_UTF8) if n == 0 else raw)
        if bad and not warned:
            _warn_not_utf8()
            warned = True
        yield text


def read_stdin() -> str:
    """Returns standard input as text, bytes that are not UTF-8 shown as U+FFFD: a pipe from a Latin-1 file must
    not end the run with a decoding traceback, but the user hears that the text was not read as written."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return sys.stdin.read()
    text, bad = _decoded(stream.read().removeprefix(codecs.BOM_UTF8))  # Windows tools start UTF-8 with a mark
    if bad:
        _warn_not_utf8()
    return text


def _decoded(raw: bytes) -> tuple[str, bool]:
    """Returns bytes decoded as UTF-8, undecodable ones as U+FFFD, and whether there were any."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), True


def _warn_not_utf8() -> None:
    click.echo("warning: stdin is not UTF-8: bytes that are not were read as \ufffd (convert it with iconv)", err=True)


def make_settings(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    model: str | None,
    quiet: bool | None,
    multilingual: str | None = None,
    **extra: Any,
) -> Settings:
    """Builds Settings from a command's options, falling back to the ones given before the command."""
    parent: dict[str, Any] = (ctx.parent.params if ctx.parent else {}) or {}
    index_dir = index_dir or parent.get("index_dir")
    for option, path in (("--corpus", corpus or parent.get("corpus")), ("--index", index_dir)):
        _check_path(option, path)
    model = model or parent.get("model")
    if model and model.startswith(("/", "./", "../", "~")) and not Path(model).expanduser().is_dir():
        # before any index is opened: a mistyped folder is not "an index built with another model"
        fail(f"--model {model}: no such folder; pass a local sentence-transformers model folder")
    corpus = corpus or parent.get("corpus") or (index_dir and _recorded_corpus(index_dir)) or default_corpus()
    return Settings(
        corpus=Path(corpus),
        index_dir=index_dir,
        model=model or DEFAULT_MODEL,
        multilingual=cast(Multilingual, multilingual or parent.get("multilingual") or "auto"),  # click checked it
        quiet=bool(quiet if quiet is not None else parent.get("quiet")),
        **extra,
    )


def given_corpus(ctx: click.Context, options: dict[str, Any]) -> Path | None:
    """Returns the --corpus given before the command or after it, or None when the user gave none."""
    given = options.get("corpus") or (ctx.parent.params.get("corpus") if ctx.parent else None)
    return Path(given) if given is not None else None


def asked_quiet(ctx: click.Context, options: dict[str, Any]) -> bool:
    """Tells whether -q was given, before the command or after it."""
    return bool(options.get("quiet") or (ctx.parent and ctx.parent.params.get("quiet")))


def progress_printer(settings: Settings) -> Callable[[str, int, int], None] | None:
    """Returns a progress callback drawing a tqdm bar on stderr, one line per step when stderr is no terminal, or
    None when quiet."""
    if settings.quiet:
        return None
    if not sys.stderr.isatty():
        return step_lines()
    from tqdm import tqdm  # deferred: only indexing shows progress

    bars: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if total <= 0:  # a step without a count: one status line, so seconds of loading are not silent
            click.echo(f"{stage}…", err=True)
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="text", file=sys.stderr, leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def counted(n: int, noun: str) -> str:
    """Returns `1 document`, `2 documents`."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def step_lines(parts: int = 10) -> Callable[[str, int, int], None]:
    """Returns a progress callback that names each step once, then how far a counted one got at each tenth: a
    log (or `2>file`) shows why a first question took seconds, and that a long embedding moves, without a bar's
    redraws."""
    shown: dict[str, int] = {}
    """Stage -> the last tenth reported."""

    def update(stage: str, done: int, total: int) -> None:
        if stage not in shown:
            shown[stage] = 0
            click.echo(f"{stage}…" if total <= 0 else f"{stage} ({total:,})…", err=True)
            return
        step = done * parts // total if total > 0 else 0
        if step > shown[stage]:
            shown[stage] = step
            click.echo(f"{stage}: {done:,} of {total:,}", err=True)

    return update


def fail(message: str) -> NoReturn:
    """Prints one line on stderr and exits 1; control characters in names it quotes are made harmless, and a
    line break inside a message (a library's own text, a value read from a file) does not start a second line."""
    from qa.render import safe

    raise click.ClickException(" ".join(safe(message).split("\n")))


class Terminated(KeyboardInterrupt):
    """SIGTERM (a `kill`, a service manager stopping qa), raised where the program is, so that what Ctrl-C cleans up
    is cleaned up (scratch folders of an index run, its lock) instead of Python's default: dying on the spot."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _stopped(exc: KeyboardInterrupt) -> str:
    """Says how the command was stopped."""
    return "terminated" if isinstance(exc, Terminated) else "interrupted"


def _stop_status(exc: KeyboardInterrupt) -> int:
    """Returns the exit status a shell expects of a program stopped by that signal: 128 + its number."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def say_interrupted(message: str) -> None:
    """Prints why the command stopped; on a terminal after a line break, since the `^C` it echoed ends no line."""
    click.echo(("\n" if sys.stderr.isatty() else "") + message, err=True)


@contextmanager
def user_errors(settings: Settings) -> Iterator[None]:
    """Turns what can go wrong at run time into one line on stderr: a QAError, a failed write, Ctrl-C (exit 130)."""
    try:
        yield
    except QAError as exc:
        fail(str(exc))
    except KeyboardInterrupt as exc:
        said = [f"; {note}" for note in getattr(exc, "__notes__", ()) if note in (INDEX_KEPT, NO_INDEX_WRITTEN)]
        say_interrupted(_stopped(exc) + "".join(said[-1:]))
        raise click.exceptions.Exit(_stop_status(exc)) from None
    except BrokenPipeError:  # the reader went away (`qa ask - | head`): stop quietly, as ripgrep does
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit flush cannot fail again
        raise click.exceptions.Exit(0) from None
    except OSError as exc:  # a full disk (ENOSPC), a read-only or vanished index folder
        where = exc.filename or settings.index_path
        fail(f"{where}: {exc.strerror or exc}; the index was left as it was ({_os_error_hint(exc)})")


def _os_error_hint(exc: OSError) -> str:
    """Returns what to do about a failed read or write, by its cause."""
    if exc.errno == errno.ENOSPC:
        return "free space, or pass --index elsewhere"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "pass --index to a folder you can write, or fix its permissions"
    return "check the path, or pass --index elsewhere"


class InterruptibleGroup(click.Group):
    """Ctrl-C anywhere in a command (its imports included, before `user_errors` is entered) is one line and exit
    130, as a shell expects of an interrupted program; click's own handling says `Aborted!` and exits 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            say_interrupted(_stopped(exc))
            raise click.exceptions.Exit(_stop_status(exc)) from None
        except click.UsageError as exc:  # a subcommand's own options
            raise one_line(exc) from None
        except OutputFailed as exc:  # a result printed after `user_errors` (the index summary)
            fail(str(exc))
        except OSError as exc:  # `qa ask --help > /dev/full`: click printed the help itself
            _output_error(exc)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:  # the options before the subcommand
            raise one_line(exc) from None
        except OSError as exc:  # `qa --help > /dev/full`, `qa --version > /dev/full`
            _output_error(exc)


def _output_error(exc: OSError) -> NoReturn:
    """Ends a command whose help or version could not be printed: quietly for a closed pipe, else in one line."""
    if isinstance(exc, BrokenPipeError):
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise click.exceptions.Exit(0) from None
    fail(f"cannot write to standard output: {exc.strerror or exc}")


class UsageLine(click.ClickException):
    """A usage error shown as one line: click prints the usage, a hint and a blank line before it."""

    exit_code = 2  # as click's own usage errors


def one_line(exc: click.UsageError) -> click.ClickException:
    """Returns a usage error as one `UsageLine`, naming the help to read."""
    where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
    return UsageLine(f"{exc.format_message()}{where}")


@click.group(
    cls=InterruptibleGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
)
@common_options
@click.version_option(package_name="qa")
@click.pass_context
def cli(ctx: click.Context, **options: Any) -> None:
    """Answers questions about a folder of documents with verbatim, cited text.

    With no command, opens the chat UI on the corpus (indexing it first if needed).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(chat)


@cli.command()
@common_options
@click.pass_context
def chat(ctx: click.Context, **options: Any) -> None:
    """Opens the chat UI."""
    settings = make_settings(ctx, **options)
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        fail("the chat needs a terminal; use `qa ask QUESTION` in scripts")
    from tui.app import run_app  # deferred: the only place qa reaches the UI

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the UI's event loop is not ours to raise into
    run_app(settings)


@cli.command("index")
@click.argument("directory", required=False, type=FolderPath())
@common_options
@click.option("--force", is_flag=True, help="Re-embed every file, not only changed ones.")
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=Settings.lock_timeout,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait while another `qa index` writes the same index.",
)
@click.pass_context
def index_command(ctx: click.Context, directory: Path | None, force: bool, wait: float, **options: Any) -> None:
    """Builds or updates the index of DIRECTORY (default: the corpus); only changed files are embedded."""
    from qa.api import build_index
    from qa.ingestion import READ_TYPES
    from qa.render import multilingual_note, safe

    if directory is not None:
        given = given_corpus(ctx, options)
        if given is not None and Path(given).resolve() != directory.resolve():
            raise UsageLine(f"qa index {directory} --corpus {given}: two folders; name the one to index once")
        options["corpus"] = directory
    silent = asked_quiet(ctx, options)
    settings = make_settings(ctx, lock_timeout=wait, **options)
    with user_errors(settings):
        report = build_index(settings, progress=progress_printer(settings), force=force)
    for skipped in report.skipped:
        click.echo(f"skipped {safe(skipped.path)}: {skipped.reason}", err=True)
    if report.other_types:
        click.echo(f"not read: {safe(report.other_types)}; qa reads {READ_TYPES} files", err=True)
    if silent:  # scripts asked for silence; skipped files above are warnings and still shown
        return
    if report.multilingual_cause:
        click.echo(multilingual_note(report), err=True)
    if report.written:
        multilingual = (
            f"; {report.multilingual_chunks} chunks embedded multilingually" if report.multilingual_chunks else ""
        )
        moved = f", {report.moved_files} moved or renamed" if report.moved_files else ""
        emit(
            f"indexed {counted(report.documents, 'document')} ({counted(report.chunks, 'chunk')}) into "
            f"{settings.index_path} in "
            f"{report.seconds:.1f}s: {report.embedded_files} embedded, {report.reused_files} unchanged, "
            f"{report.removed_files} removed{moved}{multilingual}"
        )
    else:
        emit(f"index at {settings.index_path} is up to date ({counted(report.documents, 'document')})")


@cli.command()
@click.argument("question")
@common_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question (schema: README.md).")
@click.option("-k", "top_k", type=click.IntRange(1, 100), default=5, show_default=True, help="Passages to retrieve.")
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool, top_k: int, **options: Any) -> None:
    """Answers QUESTION with cited text; QUESTION "-" reads one question a line from stdin."""
    from qa.api import ensure_bot
    from qa.render import render_reply, safe
    from qa.serialization import reply_json

    silent = asked_quiet(ctx, options)
    settings = make_settings(ctx, top_k=top_k, **options)
    questions = stdin_lines() if question == "-" else iter([question])
    with user_errors(settings):
        bot, report = ensure_bot(settings, progress=progress_printer(settings))
        tell_indexed(report, silent=silent)
        asked = 0
        for q in questions:
            if question == "-" and not q.strip():
                continue
            if question == "-" and not as_json:  # JSON carries its question; plain replies would run together
                emit(("\n" if asked else "") + f"Question: {safe(' '.join(q.split()))}")
            asked += 1
            if changed := bot.stale_files():  # a fact added to a file no answer would have cited
                bot = refreshed(settings, changed, silent=silent)
            reply = bot.ask(q)
            if not silent and len(reply.question) < len(" ".join(q.split())):
                kept = len(reply.question)
                click.echo(f"note: only the first {kept:,} characters of the question were asked", err=True)
            if changed := bot.changed_sources(reply):  # edited while it was being answered
                bot = refreshed(settings, changed, silent=silent)
                reply = bot.ask(q)
            if as_json:
                emit(json.dumps(reply_json(reply), ensure_ascii=False))
            else:
                emit(render_reply(reply, color=sys.stdout.isatty()))


def refreshed(settings: Settings, changed: list[str], *, silent: bool) -> Bot:
    """Returns a bot whose index was brought up to date with the `changed` files (only they are embedded again),
    saying so on stderr."""
    from qa.api import ensure_bot
    from qa.render import named

    if not silent:
        click.echo(f"{named(changed)} changed since indexing: updating the index", err=True)
    bot, report = ensure_bot(settings, progress=progress_printer(settings), refresh=True)
    tell_indexed(report, silent=silent)
    return bot


def tell_indexed(report: IndexReport | None, *, silent: bool) -> None:
    """Says what an index run `qa ask` made on its own changed that the user must hear of: files that left the
    index because they can no longer be read (warnings, as `qa index` words them, shown even with -q), and
    multilingual vectors turned on for every chunk."""
    from qa.render import multilingual_note, safe

    if report is None:
        return
    for skipped in report.dropped:
        click.echo(f"skipped {safe(skipped.path)}: {skipped.reason}", err=True)
    if report.multilingual_cause and not silent:
        click.echo(multilingual_note(report), err=True)


@cli.command("eval")
@click.argument("qa_file", type=click.Path(dir_okay=False, path_type=Path))
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write one JSON line per question.")
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="METRIC=VALUE",
    help="Exit 1 when METRIC falls short of VALUE (repeatable; false_abstain and the latencies are maxima).",
)
@click.pass_context
def eval_command(
    ctx: click.Context,
    qa_file: Path,
    as_json: bool,
    out: Path | None,
    minimums: tuple[str, ...],
    **options: Any,
) -> None:
    """Evaluates the bot on a question file (format: ../shared/eval/README.md); QA_FILE "-" reads it from stdin.

    Without --corpus, a `corpus/` folder beside the question file is used (the layout of ../shared/eval), else seeds/.
    """
    from qa.evaluation_run import BadArgument, check_out, parse_minimums, run_eval

    from_stdin = str(qa_file) == "-"
    if given_corpus(ctx, options) is None and not from_stdin and (qa_file.parent / "corpus").is_dir():
        options["corpus"] = qa_file.parent / "corpus"
    settings = make_settings(ctx, **options)
    try:  # command-line mistakes exit 2, as click's own, and before any question is asked
        bounds = parse_minimums(minimums)
        check_out(out, qa_file, settings.corpus)
    except BadArgument as exc:
        raise UsageLine(str(exc)) from None
    text = read_stdin() if from_stdin else None
    with user_errors(settings):
        run_eval(
            Path("stdin") if from_stdin else qa_file,
            settings,
            as_json=as_json,
            out=out,
            bounds=bounds,
            progress=progress_printer(settings),
            text=text,
        )


@cli.command("cite")
@click.argument("citation")
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (schema: README.md).")
@click.option(
    "-C", "--context", type=click.IntRange(0, 100), default=3, show_default=True, help="Lines shown around it."
)
@click.pass_context
def cite_command(ctx: click.Context, citation: str, as_json: bool, context: int, **options: Any) -> None:
    """Prints the text CITATION points to, with context.

    CITATION is FILE:L10, FILE:L10-L12, FILE#1234-1391 or a JSON citation object; "-" reads it from stdin
    (so `qa ask --json ... | qa cite -` shows the top answer in its place).
    """
    from qa.api import look_up_citation
    from qa.citations import NothingToCite, citation_specs
    from qa.lookup import cited_json
    from qa.render import render_cited, safe

    settings = make_settings(ctx, **options)
    specs = [citation]
    if citation == "-":
        text = read_stdin()
        if not text.strip():
            fail("nothing on stdin: pipe a citation or a `qa ask --json` reply, e.g. qa ask --json ... | qa cite -")
        specs = citation_specs(text)
    if not asked_quiet(ctx, options) and _no_index_yet(settings):
        click.echo(
            f"note: --index {settings.index_path} holds no index yet, so files are not checked for changes since "
            "indexing (`qa index` builds it)",
            err=True,
        )
    failed = shown = 0
    with user_errors(settings):
        for n, spec in enumerate(specs, 1):
            where = f"line {n}: " if len(specs) > 1 else ""
            try:
                cited = look_up_citation(settings, spec, context=context)
            except QAError as exc:
                if len(specs) == 1:
                    raise
                # One line of a stream: the others are still shown; an abstention is no failure.
                click.echo(f"{'' if isinstance(exc, NothingToCite) else 'Error: '}{where}{exc}", err=True)
                failed += not isinstance(exc, NothingToCite)
                continue
            if cited.unchecked:
                c = cited.citation
                click.echo(
                    f"note: {where}{safe(c.file)} changed since it was indexed; lines {c.line_start}-{c.line_end} "
                    "are shown as the file is now and may not hold the text first cited",
                    err=True,
                )
            shown += 1
            if as_json:
                emit(json.dumps(cited_json(cited), ensure_ascii=False))
            else:
                emit(("\n" if n > 1 else "") + render_cited(cited, color=sys.stdout.isatty()))
    if failed or not shown:  # as for one reply where the bot abstained: a stream of only those cites nothing
        raise click.exceptions.Exit(1)


def _no_index_yet(settings: Settings) -> bool:
    """Tells whether a given --index is a new or empty folder: `qa cite` then has nothing to check files against."""
    from qa.index import read_manifest_at

    path = settings.index_path
    if settings.index_dir is None or read_manifest_at(path) is not None:
        return False
    return not path.exists() or (path.is_dir() and next(path.iterdir(), None) is None)


@cli.command("quote")
@click.argument("text")
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (schema: README.md).")
@click.option("-n", "--limit", type=click.IntRange(1, 100), default=5, show_default=True, help="Matches shown.")
@click.pass_context
def quote_command(ctx: click.Context, text: str, as_json: bool, limit: int, **options: Any) -> None:
    """Finds where the quotation TEXT comes from, best match first; TEXT "-" reads it from stdin."""
    from qa.api import trace_quote
    from qa.lookup import stale_files
    from qa.quotes import quote_json, searched_chars
    from qa.render import render_quotes, safe

    silent = asked_quiet(ctx, options)
    settings = make_settings(ctx, **options)
    query = as_unicode(read_stdin() if text == "-" else text)
    if not query.strip():
        fail("the quotation is empty: give the words to look for, or pipe them with `qa quote -`")
    if not any(c.isalnum() for c in query):  # `...` alone: an ellipsis with nothing around it
        fail("the quotation has no words, only marks: give the words to look for")
    if not silent and (searched := searched_chars(query)) < len(query):
        click.echo(
            f"note: only the first {searched:,} of the quotation's {len(query):,} characters were searched for; "
            "a match is scored against all of them, the rest counting as not found",
            err=True,
        )

    def refreshing(changed: list[str]) -> None:
        if not silent:
            click.echo(f"{safe(stale_files(settings.corpus, changed))}: updating the index", err=True)

    with user_errors(settings):
        trace = trace_quote(settings, query, limit=limit, progress=progress_printer(settings), on_refresh=refreshing)
    matches = list(trace.matches)
    if as_json:
        emit(json.dumps(quote_json(query, matches, trace.not_found, trace.more, trace.reordered), ensure_ascii=False))
    else:
        shown = render_quotes(
            query,
            matches,
            color=sys.stdout.isatty(),
            not_found=trace.not_found,
            more=trace.more,
            reordered=trace.reordered,
        )
        emit(shown)


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="qa")

"""The `claims` command: a thin layer over the library.

Exit status: 0 all good; 1 some documents failed; 2 a usage or configuration error.
User errors (a broken rule pack, a bad option) print one line `claims: error: ...`
and exit 2. An input that cannot be read is reported the same way while the other
inputs are still processed, and the exit status is 2 at the end. Problems with
single documents (a record that does not parse, a document over its time budget)
are reported one line each and make the exit status 1 after every other document
has been processed; warnings (invalid UTF-8 replaced) do not. All are kept beside the
output in `<output name without extension>.errors.jsonl` (`out/claims.errors.jsonl` for
`out/claims.jsonl`) with the document, the stage and the message.

An output that cannot be written (a full disk, a file-size limit, no permission), or
an output that is also an input, is one `claims: error:` line and exit 2, the previous
output intact. SIGINT and SIGTERM remove the temporary output, print one line and exit
130 and 143.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TypeVar

from claims.claim.rulepack import RulePackError, RuleSet, load_ruleset
from claims.model import Claim, Document, DocumentError, Kind
from claims.output.write import plural

if TYPE_CHECKING:
    from claims.read import Decoding
    from claims.run.pipeline import Explanation

DEFAULT_OUTPUT = Path("out") / "claims.jsonl"
T = TypeVar("T")


class UserError(Exception):
    """A mistake in how the command was called; reported without a traceback."""


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that temporary files are cleaned up as
    for an interrupt (a BaseException, so no `except Exception` swallows it)."""


def _refuse_overwrite(output: str | Path | None, inputs: Iterable[str | Path | None]) -> None:
    """An output that is also an input would be read while it is replaced: refused."""
    if output is None or str(output) == "-":
        return
    for given in inputs:
        if given is None or str(given) in ("-", "<sample>"):
            continue
        try:
            same = os.path.samefile(output, given)
        except OSError:  # one of them does not exist (yet)
            continue
        if same:
            raise UserError(f"{output} is also an input ({given}); writing it would destroy "
                            "the input: choose another output")


def _ruleset(args: argparse.Namespace) -> RuleSet:
    """The rule packs, loaded once per command."""
    if getattr(args, "loaded_ruleset", None) is None:
        quiet = getattr(args, "quiet", False)
        args.loaded_ruleset = load_ruleset(args.rules or (),
                                           on_compile=None if quiet else _say_compiling)
    return args.loaded_ruleset


def _say_compiling(cache: Path | None) -> None:
    """One line while the packs compile (seconds, and silent otherwise): the first run
    after an install or a change of the packs, or every run with the cache off."""
    where = (f"once: later runs read them from {cache}" if cache is not None
             else "the cache is off, as CLAIMS_CACHE_DIR is empty")
    print(f"claims: compiling the rule packs, which takes some seconds ({where})",
          file=sys.stderr, flush=True)


class Reader(NamedTuple):
    """An input being read: its documents, and how far it has got (`seen.bytes_read` of
    `size`, which is None for stdin) for the progress bar."""

    source: str
    documents: Iterator[Document | DocumentError]
    seen: Decoding
    size: int | None


def _open_inputs(args: argparse.Namespace, failed: list[DocumentError]) -> list[Reader]:
    """A reader per input that can be opened (a missing file, a binary file or a CSV
    without the named column is reported and recorded in `failed` instead)."""
    from claims.read import Decoding, InputError, read_path, read_sample, sample_size

    readers: list[Reader] = []
    if args.sample:
        seen = Decoding()
        readers.append(Reader("<sample>", read_sample(seen), seen, sample_size()))
    options = _read_options(args)
    for path in _input_paths(args.inputs, failed):
        seen = Decoding()
        try:
            documents = read_path(path, args.input_format, options=options, decoding=seen)
        except InputError as exc:
            _fail_input(path, exc, failed)
        else:
            readers.append(Reader(path, documents, seen, _file_size(path)))
    return readers


def _file_size(path: str) -> int | None:
    """A regular file's size; None for stdin, a FIFO or a device."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size if stat.S_ISREG(found.st_mode) else None


def _input_paths(inputs: list[str], failed: list[DocumentError]) -> Iterator[str]:
    """The files named, directories walked and patterns expanded; a pattern that
    matches nothing is reported and the other inputs are still read."""
    from claims.read import InputError, expand_inputs

    for given in inputs:
        try:
            yield from expand_inputs([given])
        except InputError as exc:
            _fail_input(str(given), exc, failed)


def _read_options(args: argparse.Namespace):
    from claims.read import ReadOptions

    categories = [c.strip() for given in args.category or () for c in given.split(",")]
    return ReadOptions(id_col=args.id_col, id_prefix=args.id_prefix,
                       text_cols=args.text_cols.split(",") if args.text_cols else None,
                       categories=tuple(c for c in categories if c),
                       since=args.since, until=args.until, time_budget=args.time_budget)


def _documents(readers: list[Reader], failed: list[DocumentError]
               ) -> Iterator[Document | DocumentError]:
    """Documents of every reader; one that breaks midway (bad bytes after the start) is
    reported and the other inputs are still read."""
    from claims.read import InputError

    for reader in readers:
        try:
            yield from reader.documents
        except InputError as exc:
            _fail_input(reader.source, exc, failed)
        reader.seen.bytes_read = reader.size or 0  # read whole, whatever its format


def _fail_input(source: str, exc: Exception, failed: list[DocumentError]) -> None:
    print(f"claims: error: {exc}", file=sys.stderr)
    failed.append(DocumentError(source=source, message=str(exc)))


def _claims(items: Iterable[Document | DocumentError], ruleset: RuleSet,
            errors: list[DocumentError], limits: argparse.Namespace,
            readers: Sequence[Reader] = ()) -> Iterator[Claim]:
    """Claims of every document, over `--jobs` processes, in input order; a document
    that fails becomes an error, not a crash. A progress bar shows on a terminal, with
    the time left when the `readers` of the items tell their size."""
    from claims.run.parallel import outcomes

    found = outcomes(items, ruleset, getattr(limits, "jobs", 1), limits.time_budget,
                     limits.max_chars)
    with _Progress(limits, readers) as progress:
        for outcome in found:
            if isinstance(outcome, DocumentError):
                _report(outcome, errors)
            else:
                yield from outcome
            progress.done(outcome)
            _stop_if_requested()


class _Progress:
    """Progress on stderr when it is a terminal and not --quiet: bytes of the inputs read
    out of their size, with the rate and the time left, when every input's size is known
    (files; not stdin), else documents/s; documents and claims found either way."""

    def __init__(self, args: argparse.Namespace, readers: Sequence[Reader] = ()) -> None:
        self.bar = None
        self.docs = self.claims = 0
        self.readers = readers
        sizes = [reader.size for reader in readers]
        self.total = sum(size or 0 for size in sizes) if sizes and None not in sizes else 0
        if sys.stderr.isatty() and not getattr(args, "quiet", False):
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
            sized = {"total": self.total, "unit": "B", "unit_scale": True,
                     "unit_divisor": 1024} if self.total else {"unit": " docs"}
            self.bar = tqdm(file=sys.stderr, dynamic_ncols=True, leave=False, **sized)

    def done(self, outcome: list[Claim] | DocumentError) -> None:
        if self.bar is None:
            return
        self.docs += 1
        self.claims += 0 if isinstance(outcome, DocumentError) else len(outcome)
        if self.total:
            self.bar.set_postfix_str(f"{plural(self.docs, 'doc')}, "
                                     f"{plural(self.claims, 'claim')}", refresh=False)
            read = sum(reader.seen.bytes_read for reader in self.readers)
            self.bar.update(min(read, self.total) - self.bar.n)
        else:
            self.bar.set_postfix_str(plural(self.claims, "claim"), refresh=False)
            self.bar.update()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *_) -> None:
        if self.bar is not None:
            self.bar.close()


def _report(error: DocumentError, errors: list[DocumentError]) -> None:
    errors.append(error)
    print(f"claims: {error.severity}: {error}", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract claims from the inputs (or the bundled sample) into a file."""
    from claims.output.write import errors_path, output_format, write_claims, write_errors

    if not args.inputs and not args.sample:
        raise UserError("no input: give one or more files, '-' for stdin, or --sample")
    if getattr(args, "dask", None):
        return _extract_on_dask(args)
    output = args.output or "-"
    try:  # before any input is read: a format the output cannot take is a usage error
        output_format(output, args.format)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    ruleset = _ruleset(args)
    errors: list[DocumentError] = []
    failed: list[DocumentError] = []
    readers = _open_inputs(args, failed)
    if not readers:
        return 2  # nothing could be read: an earlier output stays as it was
    if output != "-":
        sources = [reader.source for reader in readers]
        _refuse_overwrite(output, sources)
        _refuse_overwrite(errors_path(output), sources)
    count = write_claims(_claims(_documents(readers, failed), ruleset, errors, args, readers),
                         output, args.format, safe_cells=not args.raw_cells)
    errors = failed + errors
    failures = [e for e in errors if e.severity == "error"]
    if output != "-":
        target = errors_path(output)
        if errors:
            write_errors(errors, target)
        elif target.exists():
            target.unlink()  # an old run's errors must not be read as this run's
        warnings = len(errors) - len(failures)
        notes = [plural(len(failures), "error")] * bool(failures) + [
            plural(warnings, "warning")] * bool(warnings)
        if not args.quiet:
            print(f"claims: {plural(count, 'claim')} written to {output}"
                  + (f"; {' and '.join(notes)} in {target}" if notes else ""), file=sys.stderr)
    return 2 if failed else 1 if failures else 0


def _extract_on_dask(args: argparse.Namespace) -> int:
    """`--dask ADDRESS`: a task per input file on the cluster, claims to Parquet
    partitions in the output directory, errors to `errors.jsonl` there."""
    from claims.output.write import write_errors
    from claims.run.dask import Options, connect, extract_files, input_paths

    if not args.output or args.sample:
        raise UserError("--dask needs input files (or globs) and -o OUT_DIR")
    options = Options(tuple(str(r) for r in args.rules or ()), args.time_budget,
                      args.max_chars, args.input_format, _read_options(args))
    _ruleset(args)  # a broken rule pack is reported here, not on every worker
    with connect(args.dask) as client:
        count, errors = extract_files(input_paths(args.inputs), args.output, client, options)
    for error in errors:
        print(f"claims: {error.severity}: {error}", file=sys.stderr)
    target = Path(args.output) / "errors.jsonl"
    if errors:
        write_errors(errors, target)
    elif target.exists():
        target.unlink()
    if not args.quiet:
        print(f"claims: {plural(count, 'claim')} written to {args.output}/part-*.parquet",
              file=sys.stderr)
    return 1 if any(e.severity == "error" for e in errors) else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Extract the bundled sample corpus into out/claims.jsonl."""
    args.sample, args.inputs = True, []
    args.output = args.output or str(DEFAULT_OUTPUT)
    return cmd_extract(args)


def cmd_eval(args: argparse.Namespace) -> int:
    """Score predicted claims against gold: precision, recall and F1 per kind."""
    from claims.evaluate import evaluate, format_report, load_gold, load_predictions

    predictions = _loaded(load_predictions, args.predictions)
    gold = _loaded(load_gold, args.gold)
    try:
        report = evaluate(predictions, gold)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print(format_report(report, show_misses=args.show_misses))
    if args.min_f1 is not None and report.overall.f1 < args.min_f1:
        print(f"claims: overall F1 {report.overall.f1:.3f} is below --min-f1 {args.min_f1}",
              file=sys.stderr)
        return 1
    return 0


def _loaded(load: Callable[[str], T], path: str) -> T:
    """What `load` reads from `path`; a file that cannot be read, or holds something
    else, is a user error naming the file."""
    try:
        return load(path)
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UserError(str(exc) if path in str(exc) else f"{path}: {exc}") from None


def cmd_explain(args: argparse.Namespace) -> int:
    """Show how each claim in TEXT (or in the documents of --file) was found: the rule,
    the pieces of its match, the number and unit, where each context field came from;
    and the candidates that lost overlap resolution, with why."""
    from claims.claim.match import MatchTimeout
    from claims.run.parallel import document_failure
    from claims.run.pipeline import explain

    if (args.text is None) == (args.file is None):
        raise UserError("give either TEXT or --file PATH")
    if args.file is None:
        text = sys.stdin.read() if args.text == "-" else args.text
        docs: list[Document | DocumentError] = [Document(id="text", fields={"text": text})]
    else:
        args.inputs, args.sample = [args.file], False
        failed: list[DocumentError] = []
        docs = list(_documents(_open_inputs(args, failed), failed))
        if failed:
            return 2
    ruleset, errors = _ruleset(args), []
    for doc in docs:
        if isinstance(doc, DocumentError):
            _report(doc, errors)
            continue
        if args.file is not None:
            print(f"== {doc.id}" + (f": {doc.title}" if doc.title else ""))
        try:
            _print_explanation(explain(doc, ruleset, args.time_budget, args.max_chars),
                               several_fields=len(doc.fields) > 1)
        except MatchTimeout as exc:
            _report(document_failure(doc, "match", str(exc)), errors)
    return 1 if any(e.severity == "error" for e in errors) else 0


_UNIT_SOURCES = {"captured": "the unit the rule captured", "mark": "the mark on the number",
                 "rule": "the rule's unit", "quantity": "the quantity layer's unit lexicon"}


def _cell_text(claim: Claim) -> str:
    """Where a table claim's cell stands, and what the table says of it."""
    marks = [f"marked {claim.marker}"] if claim.marker else []
    if claim.uncertainty is not None:
        marks.append(f"± {claim.uncertainty:g}")
    return (f"{claim.table} row {claim.table_row} column {claim.table_column}"
            + "".join(f", {mark}" for mark in marks))


def _print_explanation(found: Explanation, several_fields: bool) -> None:
    def where(field: str, start: int, end: int) -> str:
        return f"[{field} {start}:{end}]" if several_fields else f"[{start}:{end}]"

    for explained in found.claims:
        claim = explained.claim
        value = _value_text(claim.value, claim.value_max)
        print(f"{claim.kind.value} {value} {claim.unit}  {claim.text!r} "
              f"{where(claim.field, claim.start, claim.end)}")
        print(f"    rule       {claim.rule}  (confidence: {claim.confidence})")
        if claim.table is not None:
            print(f"    cell       {_cell_text(claim)}")
        if claim.clause != claim.sentence:
            print(f"    clause     {claim.clause!r}")
        for i, piece in enumerate(explained.pieces):
            label = "pieces" if i == 0 else ""
            print(f"    {label:10} {piece.name} {piece.text!r} "
                  f"{where(claim.field, piece.start, piece.end)}")
        number = next((p.text for p in explained.pieces if p.name == "value"), None)
        if number is not None:
            print(f"    number     {number!r} -> {value}")
        elif claim.value is not None:
            print(f"    number     {value}  <- the rule's own value")
        if claim.unit:
            print(f"    unit       {claim.unit!r}  <- {_UNIT_SOURCES[explained.unit_from]}")
        for name in ("qualifier", "metric", "dataset", "hardware", "baseline", "subject"):
            if getattr(claim, name) is not None:
                print(f"    {name:10} {getattr(claim, name)!r}  <- "
                      f"{explained.sources.get(name, '')}")
    if not found.claims:
        print("no claims")
    if found.rejected:
        print(f"lost in overlap resolution ({len(found.rejected)}):")
    for lost in found.rejected:
        print(f"  {lost.rule}  {lost.kind.value} {lost.text!r} "
              f"{where(lost.field, lost.start, lost.end)}")
        print(f"      {lost.reason}")
    if found.left_out:
        print(f"numbers that became no claim ({len(found.left_out)}):")
    for left in found.left_out:
        print(f"  {left.text!r} {where(left.field, left.start, left.end)}  {left.reason}")


def cmd_quantities(args: argparse.Namespace) -> int:
    """Every quantity in the inputs (the quantity layer alone, no claims): value, range,
    unit, dimension, qualifier and offsets, one JSON line per quantity."""
    import dataclasses
    import json

    from claims.output.write import atomic_write
    from claims.quantity import quantities

    failed: list[DocumentError] = []
    errors: list[DocumentError] = []
    lines = []
    readers = _open_inputs(args, failed)
    if not readers:
        return 2  # nothing could be read: an earlier output stays as it was
    for doc in _documents(readers, failed):
        if isinstance(doc, DocumentError):
            _report(doc, errors)
            continue
        for field, text in doc.fields.items():
            for found in quantities(text):
                row = {"doc_id": doc.id, "field": field, **dataclasses.asdict(found)}
                for internal in ("span", "number_span"):
                    row.pop(internal)
                lines.append(json.dumps(row, ensure_ascii=False, allow_nan=False))
    output = "".join(line + "\n" for line in lines)
    if args.output in (None, "-"):
        sys.stdout.write(output)
    else:
        with atomic_write(args.output) as tmp:
            tmp.write_text(output, encoding="utf-8")
    return 2 if failed else 1 if any(e.severity == "error" for e in errors) else 0


def _value_text(value: float | None, value_max: float | None) -> str:
    text = "-" if value is None else f"{value:g}"
    return text if value_max is None else f"{text}-{value_max:g}"


def _claims_of(path: str, args: argparse.Namespace,
               papers: list[Document] | None = None,
               errors: list[DocumentError] | None = None) -> list[Claim]:
    """Claims from a claims file (JSONL/CSV/Parquet written by `extract`; JSON Lines on
    stdin), or extracted from a file of papers (whose documents are then added to
    `papers`, and the problems with them, reported, to `errors`)."""
    from claims.read import InputError, read_claims

    errors = [] if errors is None else errors
    if path == "-":
        return _stdin_claims(args, papers, errors)
    try:
        return read_claims(path)
    except ValueError:
        pass  # not a claims file: read it as papers
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _extracted(path, args, papers, errors)


def _extracted(path: str, args: argparse.Namespace, papers: list[Document] | None,
               errors: list[DocumentError]) -> list[Claim]:
    return list(_claims(_papers(path, args, papers), _ruleset(args), errors, args))


def _stdin_claims(args: argparse.Namespace, papers: list[Document] | None,
                  errors: list[DocumentError]) -> list[Claim]:
    """Claims piped in (`claims extract ... | claims table ...`), or papers: stdin is
    read whole to tell which, then given to the paper readers again if need be."""
    from claims.read import read_claims_text
    from claims.read.lines import STDIN_NAME, guard

    text = guard(sys.stdin.read, STDIN_NAME, 0).removeprefix("\ufeff")
    try:
        return read_claims_text(text, STDIN_NAME)
    except ValueError:
        pass  # papers
    saved, sys.stdin = sys.stdin, io.StringIO(text)
    try:
        return _extracted("-", args, papers, errors)
    finally:
        sys.stdin = saved


def _papers(path: str, args: argparse.Namespace, kept: list[Document] | None = None
            ) -> Iterator[Document | DocumentError]:
    """The documents of a file of papers, each also added to `kept` when given; an input
    that cannot be read raises InputError (one line, exit 2)."""
    from claims.read import expand_inputs, read_path

    options = _read_options(args)
    for name in expand_inputs([path]):
        for item in read_path(name, args.input_format, options=options):
            if kept is not None and isinstance(item, Document):
                kept.append(item)
            yield item


def _claims_of_inputs(paths: list[str], args: argparse.Namespace,
                      failed: list[DocumentError]) -> tuple[list[Claim], bool]:
    """The claims of every input (claims files or papers), in order, and whether any
    input could be read; one that cannot is reported and recorded in `failed`, and the
    others are still read, as `extract` does."""
    from claims.read import InputError

    found: list[Claim] = []
    read_any = False
    for path in paths:
        try:
            found.extend(_claims_of(path, args))
        except InputError as exc:
            _fail_input(path, exc, failed)
        else:
            read_any = True
    return found, read_any


def cmd_table(args: argparse.Namespace) -> int:
    """Build a table (a built-in name, a spec file, or 'all') from claims or papers."""
    from claims.output import tables
    from claims.output.export import table_format, write_tables

    try:  # a wrong table or output is said before any input is read
        spec = None if args.table == "all" else tables.load_spec(args.table)
        table_format(args.output, args.format, len(tables.builtin_specs()) if spec is None else 1)
    except (tables.TableSpecError, ValueError) as exc:
        raise UserError(str(exc)) from None
    failed: list[DocumentError] = []
    paths = list(_input_paths(args.inputs, failed))  # directories walked, patterns expanded
    _refuse_overwrite(args.output, [*paths, args.table])
    claims, read_any = _claims_of_inputs(paths, args, failed)
    if not read_any:
        return 2  # nothing could be read: an earlier output stays as it was
    try:
        built = (tables.build_all(claims) if spec is None
                 else {spec.name: tables.build(spec, claims)})
        written = write_tables(built, args.output, args.format,
                               safe_cells=not args.raw_cells)
    except (tables.TableSpecError, ValueError) as exc:
        raise UserError(str(exc)) from None
    rows = sum(len(t) for t in built.values())
    print(f"claims: {plural(len(built), 'table')}, {plural(rows, 'row')} written to "
          f"{', '.join(str(p) for p in written) or 'stdout'}", file=sys.stderr)
    return 2 if failed else 0


def cmd_review(args: argparse.Namespace) -> int:
    """Write one self-contained HTML page showing every document with each claim
    highlighted in place; with --gold, false positives and missed claims are marked and
    precision and recall shown per kind."""
    from claims.evaluate import load_gold
    from claims.output.review import review_page, write_review

    _refuse_overwrite(args.output, [args.input, args.docs, args.gold])
    papers: list[Document] = []
    errors: list[DocumentError] = []
    claims = _claims_of(args.input, args, papers, errors)
    if args.docs and papers:
        raise UserError(f"{args.input} holds papers already; --docs goes with a claims file")
    if args.docs:
        for item in _papers(args.docs, args, papers):
            if isinstance(item, DocumentError):
                _report(item, errors)
    gold = _loaded(load_gold, args.gold) if args.gold else None
    try:
        page = review_page(claims, papers or None, gold, title=f"Claims review: {args.input}")
    except ValueError as exc:
        raise UserError(str(exc)) from None
    write_review(args.output, page)
    print(f"claims: review of {plural(len(claims), 'claim')} written to {args.output}",
          file=sys.stderr)
    return 1 if any(e.severity == "error" for e in errors) else 0  # as extract


def cmd_cite(args: argparse.Namespace) -> int:
    """Print quotable sentences for claims as Markdown, each once with the numbers it
    holds, with title, BibTeX key (when the input has a bibkey column) and URL."""
    from claims.output.cite import markdown, quotes

    claims = _claims_of(args.input, args)
    chosen = [c for c in claims
              if (not args.kind or c.kind.value == args.kind)
              and (not args.subject or (c.subject or "").casefold() == args.subject.casefold())]
    for quote in quotes(chosen):
        print(markdown(quote))
    if not chosen:
        print("claims: no claim matches", file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON schema of a claim."""
    print(json.dumps(Claim.model_json_schema(), indent=2))
    return 0


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Validate the rule packs and run every example and negative."""
    from claims.run.rulecheck import cases, check

    ruleset = _ruleset(args)
    failures = check(ruleset)
    for case, problems in failures:
        for problem in problems:
            print(f"{case.source}: {case.rule_id or case.kind.value}: {case.text!r}: {problem}")
    total = sum(1 for _ in cases(ruleset))
    print(f"{plural(len(ruleset.rules), 'rule')} in {plural(len(ruleset.packs), 'pack')}; "
          f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    """List every rule with its kind, priority and pack."""
    for compiled in _ruleset(args).rules:
        rule = compiled.rule
        print(f"{compiled.kind.value:12} {rule.priority:3}  {rule.id:48} {compiled.source}")
    return 0


def _add_rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", action="append", type=Path, metavar="DIR",
                        help="a directory of extra rule packs (repeatable)")


def _add_extract_options(parser: argparse.ArgumentParser,
                         default_output: str = "JSON Lines on stdout") -> None:
    from claims.output.write import OUTPUT_FORMATS

    parser.add_argument("-o", "--output", help="output file (.jsonl, .csv, .parquet; '-' "
                        f"is stdout); default: {default_output}")
    parser.add_argument("--format", choices=OUTPUT_FORMATS, help="output format "
                        "(default: from the output's extension)")
    parser.add_argument("-j", "--jobs", type=_workers, default=1, metavar="N",
                        help="worker processes (0: one per core); the output is the same, "
                        "in input order (default 1)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no "
                        "summary line (the bar shows only when stderr is a terminal)")
    _add_raw_cells_option(parser)
    _add_input_options(parser)


def _add_raw_cells_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw-cells", action="store_true", help="write text cells as they "
                        "are: no leading ' on CSV cells that a spreadsheet would run as a "
                        "formula (=, +, -, @), no HTML escaping in Markdown")


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    from claims.read import FORMATS
    from claims.run.pipeline import MAX_CHARS, TIME_BUDGET

    parser.add_argument("--time-budget", type=_positive_seconds, default=TIME_BUDGET,
                        metavar="SECONDS",
                        help="time one document may take; over it, it is reported as an "
                        f"error (default {TIME_BUDGET:g})")
    parser.add_argument("--max-chars", type=_positive_int, default=MAX_CHARS, metavar="N",
                        help="longer text fields are handled in pieces cut at sentence "
                        f"ends (default {MAX_CHARS})")

    parser.add_argument("--input-format", choices=FORMATS, help="input format "
                        "(default: from the extension and content)")
    parser.add_argument("--id-col", default="id", help="id column of JSONL/CSV input")
    parser.add_argument("--text-cols", help="comma-separated text columns of JSONL/CSV input "
                        "(default: title, abstract, text where present)")
    parser.add_argument("--id-prefix", help="id prefix for documents of a scraped page "
                        "(default: the first word of the file name)")
    parser.add_argument("--category", action="append", metavar="CAT",
                        help="only records in this arXiv category (cs.LG) or archive (cs); "
                        "repeatable or comma-separated; arXiv metadata and Atom input")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                        help="only records first submitted on or after this date")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD",
                        help="only records first submitted on or before this date")
    _add_rules_option(parser)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _number(text: str, kind: type[int] | type[float]) -> int | float:
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None


def _workers(text: str) -> int:
    """--jobs: a pool needs at least one worker; 0 asks for one per core."""
    jobs = int(_number(text, int))
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, not {text}")
    return jobs


def _positive_int(text: str) -> int:
    number = int(_number(text, int))
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return number


def _positive_seconds(text: str) -> float:
    """--time-budget: no budget or a negative one would fail every document."""
    seconds = _number(text, float)
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text}")
    return seconds


def _fraction(text: str) -> float:
    """--min-f1: a score above 1 could never be reached, so the check would always fail."""
    value = _number(text, float)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


class _Parser(argparse.ArgumentParser):
    """Usage errors as one `claims: error:` line and exit 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"claims: error: {message} (see '{self.prog} --help')\n")


def _version() -> str:
    """The installed package's version, from its metadata."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claims")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claims", description="Extract quantitative claims "
                     "from ML papers into normalized, citable tables.")
    parser.add_argument("--version", action="version", version=f"claims {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help=cmd_extract.__doc__, description=cmd_extract.__doc__)
    extract.add_argument("inputs", nargs="*", help="input files, directories or glob "
                         "patterns; '-' reads stdin")
    extract.add_argument("--sample", action="store_true", help="also read the bundled sample")
    extract.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler "
                         "address (tcp://host:8786), or 'local[:N]' for N local worker "
                         "processes; inputs may be globs, -o is a directory of Parquet parts")
    _add_extract_options(extract)
    extract.set_defaults(func=cmd_extract)

    found = sub.add_parser("quantities", help=cmd_quantities.__doc__,
                           description=cmd_quantities.__doc__)
    found.add_argument("inputs", nargs="+", help="input files, directories or glob patterns; "
                       "'-' reads stdin")
    found.add_argument("-o", "--output", help="JSON Lines file (default: stdout)")
    found.add_argument("--sample", action="store_true", help=argparse.SUPPRESS)
    _add_input_options(found)
    found.set_defaults(func=cmd_quantities)

    demo = sub.add_parser("demo", help=cmd_demo.__doc__, description=cmd_demo.__doc__)
    _add_extract_options(demo, default_output=DEFAULT_OUTPUT.as_posix())
    demo.set_defaults(func=cmd_demo)

    ev = sub.add_parser("eval", help=cmd_eval.__doc__, description=cmd_eval.__doc__)
    ev.add_argument("predictions", help="predicted claims (.jsonl, .csv or .parquet)")
    ev.add_argument("--gold", required=True, help="gold claims (JSONL, guidelines' format)")
    ev.add_argument("--show-misses", action="store_true", help="list misses and false positives")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--min-f1", type=_fraction, metavar="F1",
                    help="exit 1 when overall F1 is below this (0 to 1)")
    ev.set_defaults(func=cmd_eval)

    explain = sub.add_parser("explain", help=cmd_explain.__doc__, description=cmd_explain.__doc__)
    explain.add_argument("text", nargs="?", help="the text to explain; '-' reads stdin")
    explain.add_argument("--file", metavar="PATH", help="explain every document of a file "
                         "(papers in any input format) instead of TEXT")
    _add_input_options(explain)
    explain.set_defaults(func=cmd_explain)

    table = sub.add_parser("table", help=cmd_table.__doc__, description=cmd_table.__doc__)
    table.add_argument("table", help="a built-in table (speedups, compression, scores, "
                       "hardware, model-sizes, efficiency-throughput, all-claims, survey, "
                       "leaderboard, results), a spec file, or 'all'")
    table.add_argument("inputs", nargs="+", metavar="input", help="claims written by "
                       "`claims extract`, or papers: files, directories or glob patterns; "
                       "'-' reads stdin")
    table.add_argument("-o", "--output", required=True, help="output file: .xlsx, .csv, "
                       ".parquet, .md, .tex, .jsonl or .html; '-' writes stdout (Markdown "
                       "unless --format names another text format)")
    table.add_argument("--format", help="output format (default: from the extension)")
    _add_raw_cells_option(table)
    _add_input_options(table)
    table.set_defaults(func=cmd_table)

    review = sub.add_parser("review", help="write an HTML page to review the claims in "
                            "place", description=cmd_review.__doc__)
    review.add_argument("input", help="claims written by `claims extract`, or papers")
    review.add_argument("-o", "--output", required=True, help="the page to write (.html)")
    review.add_argument("--gold", help="gold claims (JSONL, guidelines' format): mark false "
                        "positives and misses, show precision and recall")
    review.add_argument("--docs", metavar="PAPERS", help="the papers a claims file was "
                        "extracted from, to show their whole text (default: the sentences "
                        "that hold claims)")
    _add_input_options(review)
    review.set_defaults(func=cmd_review)

    cite = sub.add_parser("cite", help=cmd_cite.__doc__, description=cmd_cite.__doc__)
    cite.add_argument("input", help="claims written by `claims extract`, or papers")
    cite.add_argument("--kind", choices=[kind.value for kind in Kind], metavar="KIND",
                      help="only claims of this kind: "
                      f"{', '.join(kind.value for kind in Kind)}")
    cite.add_argument("--subject", help="only claims about this subject")
    _add_input_options(cite)
    cite.set_defaults(func=cmd_cite)

    schema = sub.add_parser("schema", help=cmd_schema.__doc__, description=cmd_schema.__doc__)
    schema.set_defaults(func=cmd_schema)

    rules = sub.add_parser("rules", help="check or list the rule packs",
                           description="Check or list the rule packs.")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    check = rules_sub.add_parser("check", help=cmd_rules_check.__doc__,
                                 description=cmd_rules_check.__doc__)
    _add_rules_option(check)
    check.set_defaults(func=cmd_rules_check)
    listing = rules_sub.add_parser("list", help=cmd_rules_list.__doc__,
                                   description=cmd_rules_list.__doc__)
    _add_rules_option(listing)
    listing.set_defaults(func=cmd_rules_list)
    return parser


def main(argv: list[str] | None = None) -> int:
    from claims.output.write import OutputError
    from claims.read import InputError

    args = build_parser().parse_args(argv)
    try:
        with _signals_handled():
            return args.func(args)
    except (UserError, RulePackError, InputError, OutputError) as exc:
        print(f"claims: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("claims: interrupted; no output was replaced by a partial one", file=sys.stderr)
        return 130
    except Terminated:
        print("claims: terminated; no output was replaced by a partial one", file=sys.stderr)
        return 143


@contextmanager
def _signals_handled() -> Iterator[None]:
    """SIGTERM raises `Terminated` (so temporary files go as on Ctrl-C), SIGINT
    `KeyboardInterrupt`, both also when a finalizer swallowed them, and SIGXFSZ is
    ignored (a file-size limit is then an OSError, reported, instead of a core dump);
    the previous handlers come back after. Only the main thread may set handlers."""
    saved = {}
    if threading.current_thread() is threading.main_thread():
        _stop_requested.clear()
        for signum in _STOPS:
            saved[signum] = signal.signal(signum, _stop)
        if hasattr(signal, "SIGXFSZ"):
            saved[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    hook, sys.unraisablehook = sys.unraisablehook, _quiet_dropped_stop
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for signum, handler in saved.items():
            signal.signal(signum, handler)


_STOPS: dict[int, type[BaseException]] = {signal.SIGTERM: Terminated,
                                           signal.SIGINT: KeyboardInterrupt}
_stop_requested: list[type[BaseException]] = []


def _stop(signum: int, frame: object) -> None:
    """Raise where the program is, and remember it: an exception raised while a finalizer
    (`__del__`) runs is dropped by Python, so each document's end checks again."""
    _stop_requested.append(_STOPS[signum])
    raise _STOPS[signum]


def _stop_if_requested() -> None:
    """Raise a stop that a finalizer swallowed (see `_stop`)."""
    if _stop_requested:
        raise _stop_requested[0]


def _quiet_dropped_stop(unraisable: object) -> None:
    """A stop dropped inside a finalizer is raised again at the next document: no
    traceback for it; anything else is reported as Python would."""
    if not isinstance(getattr(unraisable, "exc_value", None), tuple(_STOPS.values())):
        sys.__unraisablehook__(unraisable)


if __name__ == "__main__":
    sys.exit(main())

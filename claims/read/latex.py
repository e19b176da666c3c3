"""LaTeX sources (a `.tex` file, or an arXiv source archive) to documents.

The title, the abstract (its environment, or `\\abstract{...}` anywhere, the preamble
too), one field per `\\section` of the body, then one field per caption (`caption`,
`caption 2`, ...) and per footnote (`footnote`, ...), with comments, citations,
references, labels, floats (figures, tables, algorithms: their text never becomes
prose) and display math removed and formatting commands unwrapped
(`\\textbf{3x}` -> `3x`). Inline math stays as written (`$3.2\\times$`), which the
normalizer reads. Macros the paper defines without arguments
(`\\newcommand{\\method}{GPTQ}`) are expanded, as papers name their method that way.
`\\input` and `\\include` are followed inside the archive or beside the file, never
outside it, and each file is included once.

A source is hostile input: what reading one document may take is bounded (its size
with its inputs inlined and its macros expanded, the macro uses expanded, an archive's
members and their decompressed size, and its time budget); past a bound the document
is an error, never a crash of the batch.
"""

from __future__ import annotations

import gzip
import json
import lzma
import posixpath
import re
import tarfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read.latex_table import latex_tables
from claims.read.sections import add_section, close_up_punctuation, section_name
from claims.read.tables import table_text

#: A reference (`\\input{x}`) to the file it names and that file's text, or None when
#: there is none; raises RefusedReference for one outside the document's folder.
Resolver = Callable[[str], "tuple[str, str] | None"]

#: Archive members larger than this are not sources (figures, data).
_MAX_MEMBER = 20_000_000
#: Most characters of one document: its source with its `\\input` files inlined, and
#: again with its macros expanded (papers hold well under a million).
MAX_CHARS = 20_000_000
#: Most macro uses expanded in one document (papers use a few thousand).
MAX_EXPANSIONS = 200_000
#: Most members of an archive, and most bytes they decompress to together.
MAX_MEMBERS = 10_000
MAX_ARCHIVE_BYTES = 200_000_000
_MAX_INPUT_DEPTH = 10
#: arXiv's description of a source archive, naming its top-level file; read when small.
_README = "00README.json"
_MAX_README = 1_000_000
#: File names of templates and samples left in an archive beside the paper.
_TEMPLATE = re.compile(r"templat|sample|example|instruction|guideline|readme", re.IGNORECASE)
#: Passes of macro expansion: each expands the macros the previous one put in.
_EXPANSION_PASSES = 10
_COMMENT = re.compile(r"(?<!\\)%.*")
_DEFINITION = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\s*(\\[A-Za-z]+)\s*\}?(\[\d\])?\s*(?=\{)"
                         r"|\\def\s*(\\[A-Za-z]+)\s*(?=\{)")
_INPUT = re.compile(r"\\(?:input|include|subfile)\s*\{([^{}]+)\}")
_CONTROL_WORD = re.compile(r"\\[A-Za-z]+")
_BRACE = re.compile(r"(?<!\\)[{}]")
_SPACES = re.compile(r"\s*")
_DROPPED_ENVS = ("figure", "table", "algorithm", "algorithmic", "lstlisting", "verbatim",
                 "tabular", "tabularx", "tabulary", "longtable", "tblr", "NiceTabular",
                 "threeparttable", "subfigure", "subtable", "wraptable", "sidewaysfigure",
                 "thebibliography", "comment", "tikzpicture", "wrapfigure",
                 "equation", "align", "eqnarray", "gather", "multline", "displaymath",
                 "minted", "sidewaystable")
_BEGIN_DROPPED = re.compile(r"\\begin\{(" + "|".join(_DROPPED_ENVS) + r")(\*?)\}")
#: Display math, opened and closed by these, is dropped.
_DISPLAY_DELIMITERS = (("$$", "$$"), ("\\[", "\\]"))
_INLINE_MATH = re.compile(r"(?<!\\)\$(?:\\.|[^$\\])+?(?<!\\)\$|\\\((.*?)\\\)", re.DOTALL)
#: Commands dropped with their arguments: they carry no prose.
_DROPPED_COMMANDS = (r"cite[a-zA-Z]*|[cC]ref|[aA]utoref|eqref|ref|pageref|label|footnote"
                     r"|footnotemark|footnotetext|(?:sub)?caption|captionof|captionsetup|thanks|bibliography|bibliographystyle"
                     r"|vspace|hspace|[hv]?phantom|includegraphics|maketitle|newpage|clearpage|centering"
                     r"|noindent|appendix|tableofcontents|author|date|affiliation|email"
                     r"|keywords|usepackage|documentclass|input|include|setlength"
                     r"|addbibresource|pagestyle|thispagestyle|icmltitle|icmltitlerunning"
                     r"|icmlauthor|icmlaffiliation|icmlcorrespondingauthor|printAffiliations"
                     r"AndNotice|icmlEqualContribution|definecolor|xspace|smallskip|medskip"
                     r"|bigskip|linewidth|textwidth|small|footnotesize|large|Large|normalsize")
_OPTIONAL = r"(?:\s*\[[^\]]*\])*"
_ARG = r"(?:\s*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})"
_DROPPED_COMMAND = re.compile(rf"\\(?:{_DROPPED_COMMANDS})\*?{_OPTIONAL}{_ARG}*(?![A-Za-z])")
_HREF = re.compile(rf"\\href\s*\{{[^{{}}]*\}}\s*({_ARG})")
_UNWRAP = re.compile(rf"\\[A-Za-z]+\*?{_OPTIONAL}\s*\{{((?:[^{{}}]|\{{[^{{}}]*\}})*)\}}")
_BARE_COMMAND = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\s?")
_SECTION = re.compile(rf"\\section\*?{_OPTIONAL}\s*\{{((?:[^{{}}]|\{{[^{{}}]*\}})*)\}}")
#: Captions (`\\caption[short]{long}`, `\\captionof{figure}{...}`) and footnotes: the
#: braced argument that follows is their text.
_CAPTION = re.compile(rf"\\(?:sub)?caption(?:of\s*\{{[^{{}}]*\}})?\*?{_OPTIONAL}\s*(?=\{{)")
_FOOTNOTE = re.compile(rf"\\footnote(?:text)?\*?{_OPTIONAL}\s*(?=\{{)")
_SUBHEADING = re.compile(r"\\(?:sub)*(?:section|paragraph)\*?" + _OPTIONAL
                         + r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_ESCAPES = {r"\%": "%", r"\&": "&", r"\_": "_", r"\#": "#", r"\$": "＄", "~": " ",
            r"\\": " ", r"\,": " ", r"\;": " ", r"\:": " ", r"\>": " ",
            r"\!": "", r"\ ": " ", r"\/": "", "``": '"', "''": '"',
            "---": "—", "--": "–"}
_ESCAPE = re.compile("|".join(re.escape(k) for k in sorted(_ESCAPES, key=len, reverse=True)))


class LatexLimit(Exception):
    """A source past one of the bounds on what reading a document may take."""


class RefusedReference(Exception):
    """An `\\input` naming a file outside the document's folder (or archive)."""


@dataclass
class Reading:
    """What reading one document has taken so far, against its bounds; and the
    warnings it gives (references refused or repeated)."""

    deadline: float | None = None
    warnings: list[str] = field(default_factory=list)
    included: set[str] = field(default_factory=set)
    size: int = 0
    expansions: int = 0

    def check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise LatexLimit("the document's time budget ran out while reading it")

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def add(self, size: int) -> None:
        """Count characters the document gains; past `MAX_CHARS` it is refused."""
        self.size += size
        if self.size > MAX_CHARS:
            raise LatexLimit(f"the source with its \\input files inlined holds more than "
                             f"{MAX_CHARS:,} characters")


def read_latex(source: str, name: str, stem: str, resolve: Resolver | None = None,
               reading: Reading | None = None) -> Document | DocumentError:
    """The paper in a LaTeX source; one with neither abstract nor sections, or past a
    bound on its size or time, is an error."""
    reading = reading or Reading()
    try:
        reading.add(len(source))
        tex = _inline_inputs(_strip_comments(source), resolve or (lambda _: None), 0,
                             reading)
        return _document(_expand_macros(tex, reading), name, stem, reading)
    except LatexLimit as exc:
        return DocumentError(source=name, doc_id=stem, message=str(exc))


def latex_items(document: Document | DocumentError, reading: Reading, name: str,
                stem: str) -> Iterator[Document | DocumentError]:
    """The document read, then its warnings (references not followed)."""
    yield document
    for warning in reading.warnings:
        yield DocumentError(source=name, doc_id=stem, severity="warning", message=warning)


def _document(tex: str, name: str, stem: str, reading: Reading) -> Document | DocumentError:
    fields: dict[str, str] = {}
    title = _command_argument(tex, "title") or _command_argument(tex, "icmltitle")
    if title:
        fields["title"] = _prose(title)
    body = _between(tex, r"\begin{document}", r"\end{document}") or tex
    abstract = _between(body, r"\begin{abstract}", r"\end{abstract}")
    if abstract is None:  # `\abstract{...}`, in the body or (some templates) the preamble
        abstract = _command_argument(body, "abstract") or _command_argument(tex, "abstract")
    if abstract:
        fields["abstract"] = _prose(abstract)
        body = body.replace(abstract, "", 1)
    counts: dict[str, int] = {}
    for heading, text in _split_sections(body):
        reading.check_time()
        add_section(fields, section_name(_prose(heading)), _prose(text), counts)
    if set(fields) <= {"title"}:
        return DocumentError(source=name, doc_id=stem,
                             message="no abstract or section text found in the LaTeX source")
    notes = (abstract or "") + body
    for note, pattern in (("caption", _CAPTION), ("footnote", _FOOTNOTE)):
        for text in _arguments(notes, pattern):
            add_section(fields, note, _prose(text), counts)
    tables = latex_tables(body, name, _prose, taken=fields)
    fields.update((table.field, table_text(table)) for table in tables)
    return Document(id=stem, fields=fields, source=name, tables=tables)


def _arguments(tex: str, command: re.Pattern) -> list[str]:
    """The braced argument of each use of `command` (captions, footnotes), in order;
    the braces are matched in one pass, so many uses stay linear."""
    closing: dict[int, int] | None = None
    found = []
    for use in command.finditer(tex):
        closing = _brace_pairs(tex) if closing is None else closing
        end = closing.get(use.end())
        if end is not None:
            found.append(tex[use.end() + 1:end])
    return found


def read_latex_archive(path: str | Path, name: str, stem: str,
                       reading: Reading | None = None) -> Document | DocumentError:
    """The paper in an arXiv source archive (tar, maybe compressed) or a gzipped .tex."""
    reading = reading or Reading()
    try:
        sources, readme = _archive_sources(path, reading)
    except (tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        return DocumentError(source=name, doc_id=stem, message=f"not a readable archive: {exc}")
    except LatexLimit as exc:
        return DocumentError(source=name, doc_id=stem, message=str(exc))
    if not sources:
        return DocumentError(source=name, doc_id=stem, message="no .tex file in the archive")
    toplevel = _toplevel(readme, name, reading)
    supplements = [] if toplevel else _supplements(sources)
    main = _main_file({file: text for file, text in sources.items()
                       if file not in supplements} or sources, toplevel, reading)
    reading.included.add(main)
    supplements = [file for file in supplements if file != main]
    reading.included.update(supplements)
    return read_latex(_with_supplements(sources[main], [sources[f] for f in supplements]),
                      f"{name}:{main}", stem,
                      _archive_resolver(sources, posixpath.dirname(main)), reading)


#: What names a document the paper's supplementary material: its file's name
#: (`supplement.tex`, `main_supp.tex`, `appendix.tex`) or its title (`Supplementary
#: materials for: ...`).
_SUPPLEMENT_FILE = re.compile(r"(?:^|[_\-.])(?:supp(?:l|lement(?:ary|al)?)?|appendix|appendices)"
                              r"(?:[_\-.]|$)", re.IGNORECASE)
_SUPPLEMENT_TITLE = re.compile(r"\b(?:supplement(?:ary|al)?|appendix|appendices)\b",
                               re.IGNORECASE)


def _supplements(sources: dict[str, str]) -> list[str]:
    """The archive's documents of the paper's supplementary material: files with a
    `\\begin{document}` of their own that no file inputs, named or titled a supplement
    (compiled apart from the paper, their tables are the paper's too)."""
    included = set().union(*(_inputs_of(file, text, sources)
                             for file, text in sources.items()))
    return sorted(file for file, text in sources.items()
                  if file not in included and "\\begin{document}" in text
                  and (_SUPPLEMENT_FILE.search(posixpath.splitext(posixpath.basename(file))[0])
                       or _SUPPLEMENT_TITLE.search(_command_argument(text, "title") or "")))


def _with_supplements(main: str, supplements: list[str]) -> str:
    """The main file with the body of each supplement (and the macros its preamble
    defines) read after the paper's own, as an appendix is."""
    if not supplements:
        return main
    added = []
    for text in supplements:
        body = _between(text, r"\begin{document}", r"\end{document}") or ""
        preamble = text[:text.find("\\begin{document}")]
        added.extend([*_definitions(_strip_comments(preamble)), body])
    end = main.rfind("\\end{document}")
    end = len(main) if end < 0 else end
    return main[:end] + "\n" + "\n".join(added) + "\n" + main[end:]


def _definitions(tex: str) -> list[str]:
    """The macro definitions a preamble makes (`\\newcommand{\\x}[1]{...}`), whole."""
    found = []
    for definition in _DEFINITION.finditer(tex):
        end = _closing_brace(tex, definition.end())
        if end is not None:
            found.append(tex[definition.start():end + 1])
    return found


def _archive_resolver(sources: dict[str, str], folder: str) -> Resolver:
    """References resolved from the main file's folder, else from a folder above it
    (a project compiled from its root with the main file in a subfolder, as Overleaf
    does: `latex/main.tex` inputs `latex/sections/results`), inside the archive only."""
    def resolve(reference: str) -> tuple[str, str] | None:
        for base in _folders_up(folder):
            for candidate in (reference, f"{reference}.tex"):
                key = posixpath.normpath(posixpath.join(base, candidate))
                if (key.startswith("/") or key.split("/")[0] == "..") and base == folder:
                    raise RefusedReference(f"\\input{{{reference}}} points outside the "
                                           "archive; not read")
                if key in sources:
                    return key, sources[key]
        return None

    return resolve


def _folders_up(folder: str) -> list[str]:
    """A folder of the archive and each folder above it, up to the archive's top.

    >>> _folders_up("paper/latex"), _folders_up("")
    (['paper/latex', 'paper', ''], [''])
    """
    folders = [folder]
    while folders[-1]:
        folders.append(posixpath.dirname(folders[-1]))
    return folders


def _archive_sources(path: str | Path, reading: Reading
                     ) -> tuple[dict[str, str], str | None]:
    """`.tex` members of a tar archive by name (a lone gzipped file counts as one), and
    the text of arXiv's `00README.json` when the archive has one at its top.

    Members are counted, and their sizes summed, before the archive is read on to the
    next one, so that a bomb is refused before it is decompressed.
    """
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed below)
    except tarfile.ReadError:
        with gzip.open(path, "rb") as stream:
            text = _decode(stream.read(_MAX_MEMBER))
        return ({"main.tex": text} if "\\begin{" in text or "\\section" in text else {}), None
    sources: dict[str, str] = {}
    readme = None
    with archive:
        members, unpacked, tex = 0, 0, 0
        for member in archive:  # not archive.next(): on Python 3.10 it fails past the end
            members, unpacked = members + 1, unpacked + member.size
            _check_archive(members, unpacked)
            reading.check_time()
            if (member.isfile() and member.size <= _MAX_MEMBER
                    and member.name.lower().endswith(".tex")):
                tex += member.size
                if tex > MAX_CHARS:
                    raise LatexLimit(f"the archive's .tex files hold more than {MAX_CHARS:,} "
                                     "bytes")
                name = posixpath.normpath(member.name.removeprefix("./"))
                sources[name] = _decode(archive.extractfile(member).read())
            elif (member.isfile() and member.size <= _MAX_README
                  and posixpath.normpath(member.name.removeprefix("./")) == _README):
                readme = _decode(archive.extractfile(member).read())
    return sources, readme


def _check_archive(members: int, unpacked: int) -> None:
    if members > MAX_MEMBERS:
        raise LatexLimit(f"the archive holds more than {MAX_MEMBERS:,} members")
    if unpacked > MAX_ARCHIVE_BYTES:
        raise LatexLimit(f"the archive decompresses to more than {MAX_ARCHIVE_BYTES:,} bytes")


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _toplevel(readme: str | None, name: str, reading: Reading) -> list[str]:
    """The files arXiv's `00README.json` names as top-level (`"usage": "toplevel"`),
    in its order; a README that cannot be read is warned of and ignored."""
    if readme is None:
        return []
    try:
        sources = json.loads(readme).get("sources") or []
        return [posixpath.normpath(str(entry["filename"])) for entry in sources
                if isinstance(entry, dict) and entry.get("usage") == "toplevel"
                and entry.get("filename")]
    except (ValueError, AttributeError, TypeError) as exc:
        reading.warn(f"{_README} in {name} is not valid ({exc}); the main file is guessed")
        return []


def _main_file(sources: dict[str, str], toplevel: list[str], reading: Reading) -> str:
    """The archive's main file: the first top-level file its `00README.json` names;
    else, of the files with `\\begin{document}` (else of all), one no other file
    `\\input`s, then the one that `\\input`s most of the others, then one not named like
    a template, then the largest. When the first two of these leave two files, the
    choice is warned of."""
    named = [file for file in toplevel if file in sources]
    if named:
        return named[0]
    inputs = {file: _inputs_of(file, text, sources) for file, text in sources.items()}
    included = set().union(*inputs.values())

    def rank(file: str) -> tuple:
        text = sources[file]
        return (file in included, -len(inputs[file]), bool(_TEMPLATE.search(file)),
                "\\documentclass" not in text, -len(text), file.count("/"), file)

    candidates = ([file for file, text in sources.items() if "\\begin{document}" in text]
                  or list(sources))
    first, *others = sorted(candidates, key=rank)
    if others and rank(first)[:2] == rank(others[0])[:2]:
        reading.warn(f"{first} and {others[0]} could each be the main file; read {first} "
                     f"(a {_README} naming the top-level file settles it)")
    return first


def _inputs_of(file: str, text: str, sources: dict[str, str]) -> set[str]:
    """The other files of the archive that `file` `\\input`s or `\\include`s."""
    found = set()
    for reference in _INPUT.finditer(_strip_comments(text)):
        name = reference.group(1).strip()
        keys = (posixpath.normpath(posixpath.join(base, candidate))
                for base in _folders_up(posixpath.dirname(file))
                for candidate in (name, f"{name}.tex"))
        key = next((key for key in keys if key in sources), None)
        if key is not None and key != file:
            found.add(key)
    return found


def _strip_comments(tex: str) -> str:
    """Comments removed; a line that was only a comment goes entirely."""
    kept = []
    for line in tex.splitlines():
        bare = _COMMENT.sub("", line)
        if bare.strip() or not line.strip():
            kept.append(bare)
    return "\n".join(kept)


def _inline_inputs(tex: str, resolve: Resolver, depth: int, reading: Reading) -> str:
    """`\\input` files put in place, each once: a repeated one (`\\input{b}` in b.tex)
    would multiply the document, one outside the folder is refused with a warning."""
    if depth >= _MAX_INPUT_DEPTH:
        return tex

    def inline(found: re.Match) -> str:
        reading.check_time()
        reference = found.group(1).strip()
        try:
            resolved = resolve(reference)
        except RefusedReference as exc:
            reading.warn(str(exc))
            return ""
        if resolved is None:
            return ""
        file, text = resolved
        if file in reading.included:
            reading.warn(f"\\input{{{reference}}} names a file already included; left out "
                         "(each file is included once)")
            return ""
        reading.included.add(file)
        reading.add(len(text))
        return _inline_inputs(_subfile_body(_strip_comments(text)), resolve, depth + 1,
                              reading)

    return _INPUT.sub(inline, tex)


def _subfile_body(tex: str) -> str:
    """What an included file adds: a `subfiles` file (its own `\\documentclass` and
    `\\begin{document}`, to compile alone) adds its body only, not its `\\end{document}`,
    which would end the paper there."""
    body = _between(tex, r"\begin{document}", r"\end{document}")
    return tex if body is None else body


def _expand_macros(tex: str, reading: Reading) -> str:
    """Definitions removed and expanded where used, arguments (`#1`) filled in; the
    document may not grow past `MAX_CHARS` nor expand more than `MAX_EXPANSIONS` uses."""
    macros: dict[str, tuple[int, str]] = {}
    pieces = []
    position = 0
    closing = _brace_pairs(tex)
    for found in _DEFINITION.finditer(tex):
        if found.start() < position:
            continue
        body_end = closing.get(found.end())
        if body_end is None:
            continue
        arity = int(found.group(2)[1:-1]) if found.group(2) else 0
        macros[found.group(1) or found.group(3)] = (arity, tex[found.end() + 1:body_end])
        pieces.append(tex[position:found.start()])
        position = body_end + 1
    pieces.append(tex[position:])
    tex = "".join(pieces)
    for _ in range(_EXPANSION_PASSES):  # macros defined through other macros
        reading.check_time()
        tex, expanded = _expand_once(tex, macros, reading)
        if not expanded:
            break
    return tex


def _expand_once(tex: str, macros: dict[str, tuple[int, str]], reading: Reading
                 ) -> tuple[str, int]:
    """Each use of a macro in `tex` replaced by its body with its arguments filled in
    (the macros a body holds are left for the next pass); and how many were."""
    pieces, position, size, expanded = [], 0, 0, 0
    closing: dict[int, int] | None = None
    for found in _CONTROL_WORD.finditer(tex):
        macro = macros.get(found.group())
        if macro is None or found.start() < position:
            continue
        arity, expansion = macro
        end = _after_use(tex, found.end())
        for number in range(1, arity + 1):
            start = _SPACES.match(tex, end).end()
            if closing is None:
                closing = _brace_pairs(tex)  # only when a macro takes arguments
            close = closing.get(start)
            if close is None:
                break
            expansion = expansion.replace(f"#{number}", tex[start + 1:close])
            end = close + 1
        pieces.append(tex[position:found.start()])
        pieces.append(expansion)
        size += found.start() - position + len(expansion)
        position = end
        expanded += 1
        _count_expansion(reading, size + len(tex) - position)
    pieces.append(tex[position:])
    return "".join(pieces), expanded


def _after_use(tex: str, end: int) -> int:
    """Where a macro's use ends: `{}` or `\\xspace` right after it belong to it."""
    for suffix in ("{}", "\\xspace"):
        if tex.startswith(suffix, end):
            return end + len(suffix)
    return end


def _count_expansion(reading: Reading, size: int) -> None:
    reading.expansions += 1
    if reading.expansions > MAX_EXPANSIONS:
        raise LatexLimit(f"more than {MAX_EXPANSIONS:,} macro uses to expand (a macro "
                         "bomb?)")
    if size > MAX_CHARS:
        raise LatexLimit(f"the source with its macros expanded holds more than "
                         f"{MAX_CHARS:,} characters (a macro bomb?)")
    if reading.expansions % 1000 == 0:
        reading.check_time()


def _brace_pairs(tex: str) -> dict[int, int]:
    """Where each brace of `tex` that is closed closes, found in one pass, so that
    looking up many (maybe never closed) arguments stays linear."""
    pairs, opened = {}, []
    for brace in _BRACE.finditer(tex):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            pairs[opened.pop()] = brace.start()
    return pairs


def _closing_brace(tex: str, start: int) -> int | None:
    """Index of the brace closing the one at `start`."""
    depth = 0
    for index in range(start, len(tex)):
        char = tex[index]
        if char == "{" and tex[index - 1] != "\\":
            depth += 1
        elif char == "}" and tex[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return None


def _command_argument(tex: str, command: str) -> str | None:
    """The braced argument of the first `\\command[...]{...}`."""
    found = re.search(rf"\\{command}\*?{_OPTIONAL}\s*(?=\{{)", tex)
    if not found:
        return None
    end = _closing_brace(tex, found.end())
    return None if end is None else tex[found.end() + 1:end]


def _between(tex: str, begin: str, end: str) -> str | None:
    start = tex.find(begin)
    if start < 0:
        return None
    stop = tex.find(end, start)
    return tex[start + len(begin):stop if stop >= 0 else len(tex)]


def _split_sections(body: str) -> list[tuple[str, str]]:
    r"""(heading, text) of each `\section`; text before the first is `body`.

    >>> _split_sections("intro \\section{A} a \\section{B} b")
    [('body', 'intro '), ('A', ' a '), ('B', ' b')]
    >>> _split_sections("no sections")
    [('body', 'no sections')]
    """
    found = list(_SECTION.finditer(body))
    bounds = [here.start() for here in found] + [len(body)]
    return [("body", body[:bounds[0]])] + [
        (here.group(1), body[here.end():bounds[number + 1]]) for number, here in enumerate(found)]


def _drop_environments(tex: str) -> str:
    """Floats, display math environments and verbatim removed. One never closed is
    left as it is, and its closing is not looked for again, so this stays linear."""
    pieces, position, unclosed = [], 0, set()
    for begin in _BEGIN_DROPPED.finditer(tex):
        end_tag = f"\\end{{{begin.group(1)}{begin.group(2)}}}"
        if begin.start() < position or end_tag in unclosed:
            continue
        stop = tex.find(end_tag, begin.end())
        if stop < 0:
            unclosed.add(end_tag)
            continue
        pieces.append(tex[position:begin.start()] + " ")
        position = stop + len(end_tag)
    pieces.append(tex[position:])
    return "".join(pieces)


def _drop_between(tex: str, opening: str, closing: str) -> str:
    """Each `opening ... closing` replaced by a space; an opening never closed stays.

    >>> _drop_between("a $$x$$ b $$ c", "$$", "$$")
    'a   b $$ c'
    """
    pieces, position = [], 0
    while (start := tex.find(opening, position)) >= 0:
        stop = tex.find(closing, start + len(opening))
        if stop < 0:
            break
        pieces.append(tex[position:start] + " ")
        position = stop + len(closing)
    pieces.append(tex[position:])
    return "".join(pieces)


def _prose(tex: str) -> str:
    """LaTeX to the text a reader sees, inline math kept as `$...$`."""
    tex = _drop_environments(tex)
    for opening, closing in _DISPLAY_DELIMITERS:
        tex = _drop_between(tex, opening, closing)
    tex = _SUBHEADING.sub(lambda m: f"\n{m.group(1)}.\n", tex)
    pieces, position = [], 0
    for math in _INLINE_MATH.finditer(tex):
        pieces.append(_text_mode(tex[position:math.start()]))
        inner = math.group(1)
        pieces.append(math.group() if inner is None else f"${inner}$")
        position = math.end()
    pieces.append(_text_mode(tex[position:]))
    paragraphs = re.split(r"\n\s*\n", "".join(pieces))
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _text_mode(tex: str) -> str:
    tex = _DROPPED_COMMAND.sub("", tex)
    tex = re.sub(r"\\begin\{[^}]*\}(?:\{[^}]*\})?|\\end\{[^}]*\}", " ", tex)
    tex = _HREF.sub(lambda m: m.group(1).strip()[1:-1], tex)
    for _ in range(3):  # nested formatting: \textbf{\emph{x}}
        tex = _UNWRAP.sub(lambda m: m.group(1), tex)
    tex = _ESCAPE.sub(lambda m: _ESCAPES[m.group()], tex)
    tex = _BARE_COMMAND.sub("", tex)
    tex = tex.replace("{", "").replace("}", "").replace("＄", "$")
    return close_up_punctuation(tex)

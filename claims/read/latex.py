"""LaTeX sources (a `.tex` file, or an arXiv source archive) to documents.

The title, the abstract environment and one field per `\\section` of the body, with
comments, citations, references, labels, footnotes, floats (figures, tables,
algorithms) and display math removed and formatting commands unwrapped
(`\\textbf{3x}` -> `3x`). Inline math stays as written (`$3.2\\times$`), which the
normalizer reads. Macros the paper defines without arguments
(`\\newcommand{\\method}{GPTQ}`) are expanded, as papers name their method that way.
`\\input` and `\\include` are followed inside the archive or beside the file.
"""

from __future__ import annotations

import gzip
import lzma
import re
import tarfile
import zlib
from collections.abc import Callable
from pathlib import Path

from claims.model import Document, DocumentError
from claims.read.sections import add_section, close_up_punctuation, section_name

Resolver = Callable[[str], "str | None"]

#: Archive members larger than this are not sources (figures, data).
_MAX_MEMBER = 20_000_000
_MAX_INPUT_DEPTH = 10
_COMMENT = re.compile(r"(?<!\\)%.*")
_DEFINITION = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\s*(\\[A-Za-z]+)\s*\}?(\[\d\])?\s*(?=\{)"
                         r"|\\def\s*(\\[A-Za-z]+)\s*(?=\{)")
_INPUT = re.compile(r"\\(?:input|include|subfile)\s*\{([^{}]+)\}")
_DROPPED_ENVS = ("figure", "table", "algorithm", "algorithmic", "lstlisting", "verbatim",
                 "tabular", "thebibliography", "comment", "tikzpicture", "wrapfigure",
                 "equation", "align", "eqnarray", "gather", "multline", "displaymath",
                 "minted", "sidewaystable")
_BEGIN_DROPPED = re.compile(r"\\begin\{(" + "|".join(_DROPPED_ENVS) + r")(\*?)\}")
#: Display math, opened and closed by these, is dropped.
_DISPLAY_DELIMITERS = (("$$", "$$"), ("\\[", "\\]"))
_INLINE_MATH = re.compile(r"(?<!\\)\$(?:\\.|[^$\\])+?(?<!\\)\$|\\\((.*?)\\\)", re.DOTALL)
#: Commands dropped with their arguments: they carry no prose.
_DROPPED_COMMANDS = (r"cite[a-zA-Z]*|[cC]ref|[aA]utoref|eqref|ref|pageref|label|footnote"
                     r"|footnotemark|footnotetext|thanks|bibliography|bibliographystyle"
                     r"|vspace|hspace|includegraphics|maketitle|newpage|clearpage|centering"
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
_SUBHEADING = re.compile(r"\\(?:sub)*(?:section|paragraph)\*?" + _OPTIONAL
                         + r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_ESCAPES = {r"\%": "%", r"\&": "&", r"\_": "_", r"\#": "#", r"\$": "＄", "~": " ",
            r"\\": " ", r"\,": " ", r"\ ": " ", r"\/": "", "``": '"', "''": '"',
            "---": "—", "--": "–"}
_ESCAPE = re.compile("|".join(re.escape(k) for k in sorted(_ESCAPES, key=len, reverse=True)))


def read_latex(source: str, name: str, stem: str,
               resolve: Resolver | None = None) -> Document | DocumentError:
    """The paper in a LaTeX source; one with neither abstract nor sections is an error."""
    tex = _inline_inputs(_strip_comments(source), resolve or (lambda _: None), 0)
    tex = _expand_macros(tex)
    fields: dict[str, str] = {}
    title = _command_argument(tex, "title")
    if title:
        fields["title"] = _prose(title)
    body = _between(tex, r"\begin{document}", r"\end{document}") or tex
    abstract = _between(body, r"\begin{abstract}", r"\end{abstract}")
    if abstract is None:
        abstract = _command_argument(body, "abstract")
    if abstract:
        fields["abstract"] = _prose(abstract)
        body = body.replace(abstract, "", 1)
    counts: dict[str, int] = {}
    for heading, text in _split_sections(body):
        add_section(fields, section_name(_prose(heading)), _prose(text), counts)
    if set(fields) <= {"title"}:
        return DocumentError(source=name, doc_id=stem,
                             message="no abstract or section text found in the LaTeX source")
    return Document(id=stem, fields=fields, source=name)


def read_latex_archive(path: str | Path, name: str, stem: str) -> Document | DocumentError:
    """The paper in an arXiv source archive (tar, maybe compressed) or a gzipped .tex."""
    try:
        sources = _archive_sources(path)
    except (tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        return DocumentError(source=name, doc_id=stem, message=f"not a readable archive: {exc}")
    if not sources:
        return DocumentError(source=name, doc_id=stem, message="no .tex file in the archive")
    main = _main_file(sources)
    folder = str(Path(main).parent)

    def resolve(relative: str) -> str | None:
        for candidate in (relative, f"{relative}.tex"):
            key = str(Path(folder, candidate)) if folder != "." else candidate
            if key in sources:
                return sources[key]
        return None

    return read_latex(sources[main], f"{name}:{main}", stem, resolve)


def _archive_sources(path: str | Path) -> dict[str, str]:
    """`.tex` members of a tar archive by name; a lone gzipped file counts as one."""
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed below)
    except tarfile.ReadError:
        with gzip.open(path, "rb") as stream:
            text = _decode(stream.read(_MAX_MEMBER))
        return {"main.tex": text} if "\\begin{" in text or "\\section" in text else {}
    with archive:
        return {member.name.removeprefix("./"): _decode(archive.extractfile(member).read())
                for member in archive.getmembers()
                if member.isfile() and member.size <= _MAX_MEMBER
                and member.name.lower().endswith(".tex")}


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _main_file(sources: dict[str, str]) -> str:
    """The file that holds `\\begin{document}` (else `\\documentclass`, else the
    largest), shortest path first."""
    def rank(item: tuple[str, str]) -> tuple:
        file, text = item
        return ("\\begin{document}" not in text, "\\documentclass" not in text,
                -len(text), file.count("/"), file)

    return min(sources.items(), key=rank)[0]


def _strip_comments(tex: str) -> str:
    """Comments removed; a line that was only a comment goes entirely."""
    kept = []
    for line in tex.splitlines():
        bare = _COMMENT.sub("", line)
        if bare.strip() or not line.strip():
            kept.append(bare)
    return "\n".join(kept)


def _inline_inputs(tex: str, resolve: Resolver, depth: int) -> str:
    if depth >= _MAX_INPUT_DEPTH:
        return tex

    def inline(found: re.Match) -> str:
        text = resolve(found.group(1).strip())
        return "" if text is None else _inline_inputs(_strip_comments(text), resolve, depth + 1)

    return _INPUT.sub(inline, tex)


def _expand_macros(tex: str) -> str:
    """Definitions removed and expanded where used, arguments (`#1`) filled in."""
    macros: dict[str, tuple[int, str]] = {}
    pieces = []
    position = 0
    for found in _DEFINITION.finditer(tex):
        if found.start() < position:
            continue
        body_end = _closing_brace(tex, found.end())
        if body_end is None:
            continue
        arity = int(found.group(2)[1:-1]) if found.group(2) else 0
        macros[found.group(1) or found.group(3)] = (arity, tex[found.end() + 1:body_end])
        pieces.append(tex[position:found.start()])
        position = body_end + 1
    pieces.append(tex[position:])
    tex = "".join(pieces)
    for _ in range(3):  # macros defined through other macros
        for name, (arity, body) in sorted(macros.items(), key=lambda item: -len(item[0])):
            tex = _apply_macro(tex, name, arity, body)
    return tex


def _apply_macro(tex: str, name: str, arity: int, body: str) -> str:
    """Each use of `name` replaced by its body with its arguments filled in."""
    use = re.compile(re.escape(name) + r"(?![A-Za-z])(?:\{\}|\\xspace)?")
    pieces, position = [], 0
    for found in use.finditer(tex):
        if found.start() < position:
            continue
        expansion, end = body, found.end()
        for number in range(1, arity + 1):
            start = end + len(tex[end:]) - len(tex[end:].lstrip())
            close = _closing_brace(tex, start) if tex[start:start + 1] == "{" else None
            if close is None:
                break
            expansion = expansion.replace(f"#{number}", tex[start + 1:close])
            end = close + 1
        pieces.append(tex[position:found.start()] + expansion)
        position = end
    pieces.append(tex[position:])
    return "".join(pieces)


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

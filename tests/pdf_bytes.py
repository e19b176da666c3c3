"""PDF files written byte by byte for tests: a few objects and their table of offsets."""

from __future__ import annotations


def pdf_bytes(objects: list[bytes], shift: int = 0) -> bytes:
    """A PDF of `objects` (object 1 the catalog), its table of objects pointing `shift`
    bytes beside each object (0: where they are)."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out) + shift)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)

"""The PDF/A checks that run here without veraPDF (its Java artifacts come only from Maven
Central, which this project's machines and CI cannot reach).

`pdfa_problems(pdf)` answers what keeps a PDF from being the PDF/A-3b file it claims to be,
as far as these checks see (an empty list: none found):
- poppler's `pdffonts` lists every font, each embedded, and every font dictionary in the
  file (the signature stamp's appearance included) has its font program;
- the XMP metadata claims PDF/A-3 level B (pdfaid:part 3, pdfaid:conformance B) and agrees
  with the document information dictionary (title, author, producer, creator tool, dates);
- an OutputIntent GTS_PDFA1 with its ICC profile; the file identifier in the trailer; the
  header with its binary comment;
- no encryption, no external content or active content: no JavaScript, no Launch, GoToR,
  ImportData, SubmitForm, Movie, Sound, Rendition actions, no URI to a local file, no
  additional actions (AA), no embedded files, no XFA, no LZW;
- annotations are printed (Print flag, not hidden) and have their appearance; blend modes
  are the standard ones and transparency has the output intent's colour space to work in.

veraPDF checks far more (the content streams' operators and colour spaces, glyph widths
against the font programs, XMP schema details); these checks are what a file that
passes them has been shown to keep.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

PDFFONTS = "pdffonts"
FORBIDDEN_ACTIONS = {
    "/Launch",
    "/JavaScript",
    "/GoToR",
    "/GoToE",
    "/ImportData",
    "/SubmitForm",
    "/ResetForm",
    "/Movie",
    "/Sound",
    "/Rendition",
    "/Hide",
    "/SetOCGState",
    "/Trans",
    "/GoTo3DView",
}
STANDARD_BLEND_MODES = {
    "/Normal",
    "/Compatible",
    "/Multiply",
    "/Screen",
    "/Overlay",
    "/Darken",
    "/Lighten",
    "/ColorDodge",
    "/ColorBurn",
    "/HardLight",
    "/SoftLight",
    "/Difference",
    "/Exclusion",
    "/Hue",
    "/Saturation",
    "/Color",
    "/Luminosity",
}
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
PRINT, HIDDEN, INVISIBLE, NO_VIEW = 4, 2, 1, 32
# (Info key, XMP property, how the XMP holds it)
INFO_XMP = (
    ("/Title", "dc:title", "alt"),
    ("/Author", "dc:creator", "seq"),
    ("/Subject", "dc:description", "alt"),
    ("/Keywords", "pdf:Keywords", "text"),
    ("/Creator", "xmp:CreatorTool", "text"),
    ("/Producer", "pdf:Producer", "text"),
    ("/CreationDate", "xmp:CreateDate", "date"),
    ("/ModDate", "xmp:ModifyDate", "date"),
)


class CheckerMissing(RuntimeError):
    """pdffonts is not installed (Debian's poppler-utils)."""


def pdfa_problems(pdf: bytes) -> list[str]:
    """Everything found that breaks PDF/A-3b; an empty list when every check passes."""
    problems: list[str] = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", pdf):
        problems.append("header: not %PDF-1.x followed by a binary comment")
    try:
        reader = PdfReader(BytesIO(pdf), strict=False)
    except Exception as error:  # a file pypdf cannot open fails every check
        return [*problems, f"unreadable PDF: {error}"]
    if reader.is_encrypted or "/Encrypt" in reader.trailer:
        return [*problems, "encrypted"]
    if "/ID" not in reader.trailer:
        problems.append("trailer: no file identifier (/ID)")
    problems += _pdffonts(pdf)
    catalog = reader.trailer["/Root"].get_object()
    xmp = _xmp(catalog, problems)
    if xmp is not None:
        problems += _claim(xmp)
        problems += _info_agrees(reader, xmp)
    problems += _output_intent(catalog)
    version = str(catalog.get("/Version", "/1.7"))
    if version > "/1.7":
        problems.append(f"catalog /Version {version}: PDF/A-3 is PDF 1.7")
    problems += _catalog_content(catalog)
    for obj in _objects(reader):
        problems += _object_problems(obj)
    return sorted(set(problems))


def _pdffonts(pdf: bytes) -> list[str]:
    if shutil.which(PDFFONTS) is None:
        raise CheckerMissing("pdffonts not found: install poppler-utils")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "check.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [PDFFONTS, str(path)], capture_output=True, text=True, timeout=60, check=False
        )
    if result.returncode != 0:
        return [f"pdffonts failed: {result.stderr.strip()}"]
    problems = []
    lines = result.stdout.splitlines()
    header = lines[0] if lines else ""
    emb = header.find(" emb ")
    for line in lines[2:]:
        # name, type and encoding may hold spaces: read the columns from the right
        columns = line[emb:].split() if emb > 0 else []
        if len(columns) < 4 or columns[0] != "yes":
            problems.append(f"font not embedded (pdffonts): {line.split()[0] if line else ''}")
    return problems


def _xmp(catalog: DictionaryObject, problems: list[str]) -> ET.Element | None:
    metadata = catalog.get("/Metadata")
    if metadata is None:
        problems.append("no XMP metadata stream")
        return None
    try:
        return ET.fromstring(metadata.get_object().get_data())
    except ET.ParseError as error:
        problems.append(f"XMP metadata not well-formed: {error}")
        return None


def _xmp_value(xmp: ET.Element, name: str) -> str | None:
    """The property `prefix:local` as text, from an attribute or an element (its first
    rdf:li for an array)."""
    prefix, local = name.split(":")
    qualified = f"{{{NS[prefix]}}}{local}"
    for description in xmp.iter(f"{{{NS['rdf']}}}Description"):
        if qualified in description.attrib:
            return description.attrib[qualified]
        element = description.find(qualified)
        if element is not None:
            item = element.find(f".//{{{NS['rdf']}}}li")
            return (item.text if item is not None else element.text) or ""
    return None


def _claim(xmp: ET.Element) -> list[str]:
    part, conformance = _xmp_value(xmp, "pdfaid:part"), _xmp_value(xmp, "pdfaid:conformance")
    if part != "3" or conformance != "B":
        return [f"XMP claims pdfaid part {part!r} conformance {conformance!r}, not 3 B"]
    return []


def _pdf_date(value: str) -> str:
    """'D:20261129000000Z' or "D:20261129000000+08'00'" -> '2026-11-29T00:00:00'+zone."""
    match = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?", value)
    if not match:
        return value
    zone = (match[7] or "Z").replace("'", "")
    zone = "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[3:]}"
    return "{}-{}-{}T{}:{}:{}".format(*match.groups()[:6]) + zone


def _xmp_date(value: str) -> str:
    value = value.replace("Z", "+00:00")
    return value if re.search(r"[+-]\d\d:\d\d$", value) else value + "+00:00"


def _info_agrees(reader: PdfReader, xmp: ET.Element) -> list[str]:
    """PDF/A: every document information entry has its XMP equivalent, with the same value."""
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    problems = []
    for key, name, kind in INFO_XMP:
        if key not in info:
            continue
        value, in_xmp = str(info[key]), _xmp_value(xmp, name)
        if kind == "date" and in_xmp is not None:
            value, in_xmp = _pdf_date(value), _xmp_date(in_xmp)
        if in_xmp != value:
            problems.append(f"Info {key} {value!r} differs from XMP {name} {in_xmp!r}")
    return problems


def _output_intent(catalog: DictionaryObject) -> list[str]:
    for intent in catalog.get("/OutputIntents") or []:
        intent = intent.get_object()
        if intent.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent:
            return []
    return ["no GTS_PDFA1 OutputIntent with an ICC profile"]


def _catalog_content(catalog: DictionaryObject) -> list[str]:
    problems = []
    names = catalog.get("/Names")
    names = names.get_object() if names is not None else {}
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if key in names:
            problems.append(f"catalog names {key}")
    acroform = catalog.get("/AcroForm")
    acroform = acroform.get_object() if acroform is not None else {}
    if "/XFA" in acroform:
        problems.append("XFA form")
    if acroform.get("/NeedAppearances"):
        problems.append("AcroForm NeedAppearances true")
    if "/AA" in catalog:
        problems.append("catalog additional actions (AA)")
    return problems


def _objects(reader: PdfReader):
    """Every object of the file's latest revision."""
    numbers: set[tuple[int, int]] = set()
    for generation, entries in reader.xref.items():
        numbers.update((number, generation) for number in entries)
    numbers.update((number, 0) for number in reader.xref_objStm)
    for number, generation in sorted(numbers):
        try:
            obj = IndirectObject(number, generation, reader).get_object()
        except Exception:  # a free or broken entry: pdffonts and the rest read what exists
            continue
        if obj is not None:
            yield obj


def _object_problems(obj) -> list[str]:
    if not isinstance(obj, DictionaryObject):
        return []
    problems = []
    kind, subtype = obj.get("/Type"), obj.get("/Subtype")
    if "/S" in obj and obj["/S"] in FORBIDDEN_ACTIONS:
        problems.append(f"action {obj['/S']}")
    if obj.get("/S") == "/URI" and str(obj.get("/URI", "")).lower().startswith("file:"):
        problems.append(f"URI to a local file: {obj['/URI']}")
    if "/JS" in obj:
        problems.append("JavaScript (/JS)")
    if "/AA" in obj:
        problems.append("additional actions (AA)")
    if kind == "/Filespec" or kind == "/EmbeddedFile":
        problems.append("embedded file")
    if isinstance(obj, StreamObject):
        filters = obj.get("/Filter")
        filters = filters if isinstance(filters, ArrayObject) else [filters]
        if NameObject("/LZWDecode") in filters:
            problems.append("LZW-compressed stream")
    if kind == "/Annot" or (subtype in ("/Widget", "/Link") and "/Rect" in obj):
        problems += _annotation(obj)
    if kind == "/Font" or (subtype in {"/Type1", "/TrueType", "/Type0"} and "/BaseFont" in obj):
        problems += _font(obj)
    if kind == "/ExtGState":
        blend = obj.get("/BM")
        modes = blend if isinstance(blend, ArrayObject) else [blend]
        if blend is not None and not all(mode in STANDARD_BLEND_MODES for mode in modes):
            problems.append(f"non-standard blend mode {blend}")
        if "/TR" in obj or ("/TR2" in obj and obj["/TR2"] != "/Default"):
            problems.append("transfer function in ExtGState")
    return problems


def _annotation(annotation: DictionaryObject) -> list[str]:
    subtype = annotation.get("/Subtype")
    if subtype in ("/Popup", "/Link"):
        return []
    flags = int(annotation.get("/F", 0))
    problems = []
    if not flags & PRINT or flags & (HIDDEN | INVISIBLE | NO_VIEW):
        problems.append(f"annotation {subtype} not printed (flags {flags})")
    rect = [float(v) for v in annotation.get("/Rect", [0, 0, 0, 0])]
    visible = rect[2] - rect[0] > 0 and rect[3] - rect[1] > 0
    if visible and "/AP" not in annotation:
        problems.append(f"annotation {subtype} without an appearance")
    return problems


def _font(font: DictionaryObject) -> list[str]:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return []
    name = font.get("/BaseFont", "?")
    if subtype == "/Type0":
        descendants = font.get("/DescendantFonts")
        if not descendants:
            return [f"font {name}: Type0 without descendant font"]
        font = descendants.get_object()[0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
        return [f"font not embedded: {name}"]
    return []

"""Renderers of the step 1-3 documents: PDF (WeasyPrint) and DOCX, from the snapshot only."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from erkt.documents import docx as word
from erkt.documents.pdf import render_pdf
from erkt.org.templatetags.indonesian import nip

TEMPLATES = "rkt/documents/"


def _pdf(template: str, snapshot: dict) -> bytes:
    return render_pdf(TEMPLATES + template, {"kop": snapshot["kop"], "s": snapshot})


def disposisi_pdf(snapshot: dict) -> bytes:
    return _pdf("prep_disposisi.html", snapshot)


def rencana_pdf(snapshot: dict) -> bytes:
    return _pdf("prep_rencana.html", snapshot)


def undangan_pdf(snapshot: dict) -> bytes:
    return _pdf("prep_undangan.html", snapshot)


def daftar_hadir_pdf(snapshot: dict) -> bytes:
    return _pdf("prep_daftar_hadir.html", snapshot)


def notulen_pdf(snapshot: dict) -> bytes:
    return _pdf("prep_notulen.html", snapshot)


# --- DOCX ------------------------------------------------------------------------------------


def _text(document, text: str, *, bold=False, size=11, align=None, indent_cm=0.0):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent_cm:
        paragraph.paragraph_format.first_line_indent = Cm(indent_cm)
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph


def _fields(document, pairs: list[tuple[str, str]], *, size=11) -> None:
    """Label : value lines without borders (the "Hari/tanggal : ..." block of a letter)."""
    table = document.add_table(rows=0, cols=3)
    for label, value in pairs:
        cells = table.add_row().cells
        for cell, text in zip(cells, (label, ":", value), strict=True):
            cell.paragraphs[0].add_run(text).font.size = Pt(size)
    word.set_widths(table, (3.5, 0.5, 12))
    document.add_paragraph()


def _start(snapshot: dict, *title: str):
    document = word.new_document(landscape=False)
    word.add_kop(document, snapshot["kop"])
    if title:
        word.add_title(document, *title)
    return document


def disposisi_docx(s: dict) -> bytes:
    document = _start(s, "LEMBAR DISPOSISI")
    sifat = "   ".join(
        f"[{'X' if option['key'] == s['sifat'] else ' '}] {option['label']}"
        for option in s["sifat_options"]
    )
    kepada = "\n".join(
        part for part in (s["kepada"]["jabatan"], s["kepada"]["name"], _nip(s["kepada"])) if part
    )
    dari = "\n".join(part for part in (s["dari"]["jabatan"], s["dari"]["name"]) if part)
    rows = [
        ["Nomor Agenda", s["nomor_agenda"] or "-"],
        ["Tanggal", s["tanggal"]],
        ["Sifat", sifat],
        ["Perihal", s["perihal"]],
        ["Dari", dari],
        ["Diteruskan kepada Sdr.", kepada],
        ["Isi Disposisi", s["isi"]],
        ["Batas Waktu", s["batas_waktu"]],
    ]
    table = word.add_table(document, ["Uraian", "Keterangan"], rows, widths_cm=(4.5, 12), size=11)
    table.rows[7].height = Cm(5)
    word.add_signature(document, s["signature"])
    return word.to_bytes(document, title="Lembar Disposisi", snapshot=s)


def rencana_docx(s: dict) -> bytes:
    document = _start(
        s,
        "DOKUMEN PERENCANAAN DAN PROGRAM KERJA",
        f"PENYUSUNAN RENCANA KINERJA TAHUNAN (RKT) TAHUN {s['year']}",
    )
    pairs = [("SOP", s["sop"])]
    if s.get("dasar"):
        dasar = s["dasar"]
        nomor = f" Nomor Agenda {dasar['nomor_agenda']}" if dasar["nomor_agenda"] else ""
        pairs.append(
            (
                "Dasar",
                f"Lembar Disposisi Kepala Badan{nomor} tanggal {dasar['tanggal']}, "
                f"batas waktu {dasar['batas_waktu']}",
            )
        )
    pairs.append(("Waktu pelaksanaan", f"{s['mulai']} s.d. {s['selesai']}"))
    _fields(document, pairs)
    _text(document, "A. Tim Perencanaan", bold=True)
    rows = [
        [str(a["no"]), "\n".join(part for part in (a["name"], _nip(a)) if part), a["jabatan"]]
        for a in s["tim"]
    ]
    word.add_table(document, ["No", "Nama / NIP", "Jabatan"], rows, widths_cm=(1, 7, 9), size=10)
    document.add_paragraph()
    _text(document, "B. Program Kerja", bold=True)
    for paragraph in (s["program_kerja"] or "-").splitlines() or ["-"]:
        _text(document, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _text(document, "C. Jadwal Penyusunan", bold=True)
    rows = [
        [
            str(j["no"]),
            j["uraian"],
            j["pelaksana"],
            str(j["waktu_sop"]),
            str(j["waktu"]),
            j["mulai"],
            j["selesai"],
        ]
        for j in s["jadwal"]
    ]
    rows.append(
        [
            "",
            "Jumlah waktu rencana; rencana selesai",
            "",
            "",
            str(s["hari_kerja"]),
            "",
            s["selesai"],
        ]
    )
    word.add_table(
        document,
        ["No", "Uraian Prosedur", "Pelaksana", "Waktu SOP", "Waktu Rencana", "Mulai", "Selesai"],
        rows,
        widths_cm=(0.8, 5.0, 3.0, 1.4, 1.5, 2.3, 2.6),
        size=9,
    )
    word.add_signature(document, s["signature"])
    return word.to_bytes(document, title="Dokumen Perencanaan dan Program Kerja", snapshot=s)


def _nip(person: dict) -> str:
    return f"NIP. {nip(person['nip'])}" if person.get("nip") else ""


def undangan_docx(s: dict) -> bytes:
    document = _start(s)
    _text(document, s["signature"]["place_date"], align=WD_ALIGN_PARAGRAPH.RIGHT)
    _fields(
        document,
        [
            ("Nomor", s["nomor"] or "..................."),
            ("Sifat", "Penting"),
            ("Lampiran", "1 (satu) lembar"),
            ("Hal", "Undangan"),
        ],
    )
    _text(
        document, "Yth. Bapak/Ibu sebagaimana daftar terlampir\ndi \N{EN DASH}\n      " + s["city"]
    )
    _text(
        document,
        f"Dalam rangka penyusunan Rencana Kinerja Tahunan (RKT) {s['kop']['name']} Tahun "
        f"{s['year']}, dengan ini kami mengundang Bapak/Ibu untuk menghadiri rapat yang akan "
        "dilaksanakan pada:",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent_cm=1.2,
    )
    _fields(document, [*_acara(s), ("Acara", s["agenda"])])
    for line in (
        "Mengingat pentingnya acara tersebut, Bapak/Ibu diharapkan hadir tepat waktu dan tidak "
        "diwakilkan. Form RKT unit kerja masing-masing akan dibagikan dalam rapat ini.",
        "Demikian undangan ini disampaikan. Atas perhatian dan kehadiran Bapak/Ibu, kami "
        "ucapkan terima kasih.",
    ):
        _text(document, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_cm=1.2)
    # The date stands at the top of the letter already: the signature names no place/date.
    word.add_signature(document, {**s["signature"], "place_date": ""})
    document.add_page_break()
    _text(document, f"Lampiran Undangan Nomor {s['nomor'] or '-'} tanggal {s['tanggal_surat']}")
    word.add_title(document, "DAFTAR UNDANGAN", s["nama_rapat"])
    rows = [[str(p["no"]), p["jabatan"], p["unit"]] for p in s["penerima"]]
    word.add_table(
        document, ["No", "Jabatan", "Unit Kerja"], rows, widths_cm=(1.2, 7.5, 8), size=10
    )
    return word.to_bytes(document, title=f"Undangan {s['nama_rapat']}", snapshot=s)


def _acara(s: dict) -> list[tuple[str, str]]:
    return [
        ("Hari/tanggal", s["hari_tanggal"]),
        ("Waktu", f"Pukul {s['waktu']} s.d. selesai"),
        ("Tempat", s["tempat"]),
    ]


def daftar_hadir_docx(s: dict) -> bytes:
    document = _start(s, "DAFTAR HADIR", s["nama_rapat"].upper())
    _fields(document, _acara(s))
    rows = [
        [
            str(p["no"]),
            "\n".join(part for part in (p["name"], _nip(p)) if part),
            p["jabatan"] if p["unit"] == p["jabatan"] else f"{p['jabatan']}\n{p['unit']}",
            p["kehadiran"],
            f"{p['no']}. ............" if p["no"] % 2 else f"\t\t{p['no']}. ............",
        ]
        for p in s["peserta"]
    ]
    table = word.add_table(
        document,
        ["No", "Nama / NIP", "Jabatan / Unit Kerja", "Keterangan", "Tanda Tangan"],
        rows,
        widths_cm=(1, 5, 5.5, 2.5, 4),
        size=10,
    )
    for row in table.rows[1:]:
        row.height = Cm(1.3)
    word.add_signature(document, s["signature"])
    return word.to_bytes(document, title=f"Daftar Hadir {s['nama_rapat']}", snapshot=s)


def notulen_docx(s: dict) -> bytes:
    document = _start(s, "NOTULEN RAPAT", s["nama_rapat"].upper())
    _fields(
        document,
        [
            ("Nomor undangan", s["nomor"] or "-"),
            *_acara(s),
            ("Pengundang", s["pimpinan"]),
            ("Acara", s["agenda"]),
            (
                "Peserta",
                f"{s['jumlah_hadir']} dari {s['jumlah_undangan']} undangan hadir "
                "(daftar hadir terlampir)",
            ),
        ],
    )
    _text(document, "A. Peserta yang hadir", bold=True)
    rows = [[str(p["no"]), p["jabatan"], p["name"], p["keterangan"]] for p in s["hadir"]]
    word.add_table(
        document, ["No", "Jabatan", "Nama", "Keterangan"], rows, widths_cm=(1, 7, 5, 4), size=10
    )
    document.add_paragraph()
    _text(document, "B. Hasil rapat", bold=True)
    for paragraph in s["notulen"].splitlines() or [""]:
        _text(document, paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    notulis = s["signature"]
    # The notulis signs as "Notulis"; the jabatan follows the name, then pangkat and NIP.
    word.add_signature(
        document, {**notulis, "jabatan": "Notulis", "below_name": notulis["jabatan"]}
    )
    return word.to_bytes(document, title=f"Notulen {s['nama_rapat']}", snapshot=s)

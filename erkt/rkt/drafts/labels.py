"""The RKT page's labels (rkt/drafts/page.html's `t`), translated once per language.

A `{% translate %}` node costs some seventy Python calls on every render (the lookup of
the active translation through asgiref's locals, the literal's resolution, localisation);
the page had thirty-five of them. Here each label is translated as `{% translate %}`
wrote it (a literal of the template is safe: its translation is not escaped; no label
has a "%"), once per language, and the template reads `{{ t.name }}`.
"""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

PAGE = {
    "RKT": gettext_noop("RKT"),
    "versi": gettext_noop("versi"),
    "Versi": gettext_noop("Versi"),
    "Tahun": gettext_noop("Tahun"),
    "TAHUN": gettext_noop("TAHUN"),
    "judul": gettext_noop("Rencana Kinerja Tahunan (RKT)"),
    "Final": gettext_noop("Final"),
    "Draft": gettext_noop("Draft"),
    "ditetapkan": gettext_noop("ditetapkan"),
    "oleh": gettext_noop("oleh"),
    "Oleh": gettext_noop("Oleh"),
    "Dibuat": gettext_noop("Dibuat"),
    "unduh_rkt": gettext_noop("Unduh RKT"),
    "unduh_versi_ini": gettext_noop("Unduh versi ini"),
    "koreksi_versi_ini": gettext_noop("Koreksi versi ini"),
    "bandingkan_versi": gettext_noop("Bandingkan versi"),
    "versi_lama": gettext_noop("Anda melihat versi lama."),
    "lihat_versi_terkini": gettext_noop("Lihat versi terkini"),
    "sumber_tabel": gettext_noop(
        "Target IKU dan indikator program dari Renstra untuk tahun ini; indikator, target, "
        "dan anggaran kegiatan dan sub kegiatan dari Form RKT unit kerja."
    ),
    "riwayat_versi": gettext_noop("Riwayat versi"),
    "Status": gettext_noop("Status"),
    "Keterangan": gettext_noop("Keterangan"),
    "Koreksi": gettext_noop("Koreksi"),
    "Dokumen": gettext_noop("Dokumen"),
    "unduh_pdf_versi": gettext_noop("Unduh PDF versi"),
    "selisih_dengan_versi": gettext_noop("Selisih dengan versi"),
    "belum_dikompilasi": gettext_noop("Draft RKT belum dikompilasi."),
    "belum_dikompilasi_keterangan": gettext_noop(
        "Tim Perencanaan mengkompilasi Form RKT seluruh unit kerja menjadi Draft RKT versi 1 "
        "pada langkah 6."
    ),
}


def page_labels() -> dict[str, str]:
    """PAGE's labels in the active language, as `{% translate %}` wrote them."""
    return _translated(get_language())


@functools.lru_cache(maxsize=8)
def _translated(language: str) -> dict[str, str]:
    del language  # part of the key: gettext reads the active language
    return {name: mark_safe(gettext(text)) for name, text in PAGE.items()}


@receiver(setting_changed)
def _forget(**_kwargs) -> None:
    """Tests that change settings (languages, locale paths) get the labels anew."""
    _translated.cache_clear()

"""The RKT page's labels (erkt.rkt.drafts.page_html's `t`), translated once per language
(erkt.template_labels): its former template had thirty-five `{% translate %}` nodes."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from erkt.template_labels import TemplateLabels

page_labels = TemplateLabels(
    RKT=gettext_noop("RKT"),
    versi=gettext_noop("versi"),
    Versi=gettext_noop("Versi"),
    Tahun=gettext_noop("Tahun"),
    TAHUN=gettext_noop("TAHUN"),
    judul=gettext_noop("Rencana Kinerja Tahunan (RKT)"),
    Final=gettext_noop("Final"),
    Draft=gettext_noop("Draft"),
    ditetapkan=gettext_noop("ditetapkan"),
    oleh=gettext_noop("oleh"),
    Oleh=gettext_noop("Oleh"),
    Dibuat=gettext_noop("Dibuat"),
    unduh_rkt=gettext_noop("Unduh RKT"),
    unduh_versi_ini=gettext_noop("Unduh versi ini"),
    koreksi_versi_ini=gettext_noop("Koreksi versi ini"),
    bandingkan_versi=gettext_noop("Bandingkan versi"),
    versi_lama=gettext_noop("Anda melihat versi lama."),
    lihat_versi_terkini=gettext_noop("Lihat versi terkini"),
    sumber_tabel=gettext_noop(
        "Target IKU dan indikator program dari Renstra untuk tahun ini; indikator, target, "
        "dan anggaran kegiatan dan sub kegiatan dari Form RKT unit kerja."
    ),
    jumlah_anggaran_seluruh_program=gettext_noop("Jumlah anggaran seluruh program"),
    riwayat_versi=gettext_noop("Riwayat versi"),
    Status=gettext_noop("Status"),
    Keterangan=gettext_noop("Keterangan"),
    Koreksi=gettext_noop("Koreksi"),
    Dokumen=gettext_noop("Dokumen"),
    unduh_pdf_versi=gettext_noop("Unduh PDF versi"),
    selisih_dengan_versi=gettext_noop("Selisih dengan versi"),
    belum_dikompilasi=gettext_noop("Draft RKT belum dikompilasi."),
    belum_dikompilasi_keterangan=gettext_noop(
        "Tim Perencanaan mengkompilasi Form RKT seluruh unit kerja menjadi Draft RKT versi 1 "
        "pada langkah 6."
    ),
)

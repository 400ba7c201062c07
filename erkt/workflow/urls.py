from django.urls import path

from erkt.workflow.views import attachments, home, inbox, monitoring, processes, tasks

app_name = "workflow"
urlpatterns = [
    # The pages first, each pattern passed costs a few Python calls; no two patterns here
    # match the same address, so their order only sets how many are tried.
    path("tugas/", inbox.inbox, name="inbox"),
    path("proses/", processes.process_list, name="process_list"),
    path("pemantauan/", monitoring.monitoring, name="monitoring"),
    path("proses/<int:process_id>/", processes.process_detail, name="process"),
    path("tugas/<int:task_id>/", tasks.task_detail, name="task"),
    path("tugas/riwayat/", home.history, name="history"),
    path("tugas/<int:task_id>/selesai/", tasks.task_complete, name="task_complete"),
    path("tugas/<int:task_id>/lampiran/", tasks.task_upload, name="task_upload"),
    path("tugas/<int:task_id>/tarik-kembali/", tasks.task_withdraw, name="task_withdraw"),
    path("tugas/<int:task_id>/ambil/", tasks.task_claim, name="task_claim"),
    path("tugas/<int:task_id>/lepas/", tasks.task_unclaim, name="task_unclaim"),
    path("tugas/<int:task_id>/alihkan/", tasks.task_reassign, name="task_reassign"),
    path("proses/mulai/", processes.process_start, name="process_start"),
    path("proses/<int:process_id>/cetak/", processes.process_print, name="process_print"),
    path("proses/<int:process_id>/perubahan/", processes.process_revise, name="process_revise"),
    path("proses/<int:process_id>/batal/", processes.process_cancel, name="process_cancel"),
    path("proses/<int:process_id>/tangguhkan/", processes.process_suspend, name="process_suspend"),
    path("proses/<int:process_id>/lanjutkan/", processes.process_resume, name="process_resume"),
    path("lampiran/<int:attachment_id>/", attachments.attachment_download, name="attachment"),
]

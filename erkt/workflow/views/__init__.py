"""The workflow pages: inbox (Kotak Tugas), processes, tasks and attachment downloads.

Every state change calls one function of erkt.workflow.engine, as the API does.
"""

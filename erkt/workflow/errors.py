"""Errors the workflow engine raises; views and the API map `.status` to the HTTP answer.

Every message is in Bahasa Indonesia and meant to be shown to the user as is.
"""

from __future__ import annotations


class WorkflowError(Exception):
    """A refused transition. Nothing has changed when it is raised."""

    status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = str(message)

    def __str__(self) -> str:
        return self.message


class NotAllowed(WorkflowError):
    """The user may not perform this transition (HTTP 403)."""

    status = 403


class Conflict(WorkflowError):
    """The state changed under the request: already done, already running, claimed (HTTP 409)."""

    status = 409


class Invalid(WorkflowError):
    """The request is incomplete or wrong: missing output, reason or decision (HTTP 422)."""

    status = 422

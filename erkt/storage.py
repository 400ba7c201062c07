"""The S3-compatible object storage of uploaded and issued files (settings: ERKT_S3_*).

Everything the application stores or reads goes through Django's storage API
(`FieldFile.open()`/`.save()`, `storage.delete()`), never a local path, so a file saved
by one server is read by another.
"""

from __future__ import annotations

import posixpath

from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class ObjectStorage(S3Storage):
    """An S3-compatible bucket in which a saved file never replaces another.

    The local storage creates each file exclusively and picks another name when one is
    taken. A bucket cannot: two servers saving the same name at the same moment would both
    find it free and the second would overwrite the first (two uploads of `lampiran.pdf`
    to one task, or two first downloads freezing the same format, one of which then deletes
    "its" copy). Every saved name therefore gets a random suffix, as the local storage gives
    a taken name, so concurrent saves never meet.
    """

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        directory, filename = posixpath.split(clean_name(name))
        root, extension = posixpath.splitext(filename)
        unique = posixpath.join(directory, self.get_alternative_name(root, extension))
        return super().get_available_name(unique, max_length)

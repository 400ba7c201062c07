"""A page's fixed labels translated once per language, for `{{ t.name }}` in its template.

A `{% translate "..." %}` node costs some seventy Python calls on every render (the
active translation looked up through asgiref's locals, the literal resolved and
localised); a page with thirty of them pays that on every visit. `TemplateLabels` keeps,
per language, each label translated as `{% translate %}` writes it: a literal of a
template is safe, so its translation is not escaped (none of the labels has a "%",
which the tag would double and restore). The texts are marked with gettext_noop where
they are declared, so makemessages still finds them.
"""

from __future__ import annotations

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

_ALL: list[TemplateLabels] = []


class TemplateLabels:
    def __init__(self, **texts: str) -> None:
        if any("%" in text for text in texts.values()):
            raise ValueError("a label with % is written by {% translate %} differently")
        self.texts = texts
        self._by_language: dict[str | None, dict[str, SafeString]] = {}
        self._lock = threading.Lock()
        _ALL.append(self)

    def __call__(self) -> dict[str, SafeString]:
        """The labels in the active language."""
        language = get_language()
        labels = self._by_language.get(language)
        if labels is None:
            labels = {name: mark_safe(gettext(text)) for name, text in self.texts.items()}
            with self._lock:
                self._by_language[language] = labels
        return labels

    def forget(self) -> None:
        with self._lock:
            self._by_language.clear()


@receiver(setting_changed)
def _forget_all(**_kwargs) -> None:
    """Tests that change settings (languages, locale paths) get the labels anew."""
    for labels in _ALL:
        labels.forget()

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

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from erkt.per_language import per_language


class TemplateLabels:
    def __init__(self, **texts: str) -> None:
        if any("%" in text for text in texts.values()):
            raise ValueError("a label with % is written by {% translate %} differently")
        self.texts = texts
        self.translated = per_language(self.translate)

    def __call__(self) -> dict[str, SafeString]:
        """The labels in the active language."""
        return self.translated()

    def translate(self) -> dict[str, SafeString]:
        return {name: mark_safe(gettext(text)) for name, text in self.texts.items()}

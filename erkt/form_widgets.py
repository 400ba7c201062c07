"""Form fields written in Python where Django renders a template for each one.

Django's form renderer renders every widget through a template of its own form engine
(`django/forms/widgets/input.html`, which includes `attrs.html`): some 700 Python calls a
field, several times a page on the task and Form RKT pages. `PythonWidgets` is that
renderer (DjangoTemplates) with the plainest widgets' templates written out in Python:
the inputs (text, number, file, hidden ...) and the textarea, escaped as the templates
escape them; any other template (select, radio, a form's or an error list's) is left to
the template, so a form's HTML is byte for byte the same
(`erkt/tests/test_form_widgets.py` renders each widget both ways, `<script>` included).

`field_block(field)` is `workflow/_field.html` (label, widget, help text, errors) as a
function, for the forms the task and Form RKT pages show (`{% form_field %}`), and
`form_errors_block(form)` is `workflow/_form_errors.html` (`{% form_errors %}`), and
`fields_html(form)` a form's fields through field_block, kept for an unbound form.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import SafeData, SafeString, mark_safe

from erkt.html_rows import escaped
from erkt.per_language import Kept


def _value_text(value) -> str:
    """`{{ value|stringformat:'s' }}` under autoescape: "%s" % value (that is, str), escaped
    unless the value was already safe (stringformat is an is_safe filter)."""
    text = str(value)
    return text if isinstance(value, SafeData) else escaped(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {escaped(name)}")
        else:
            parts.append(f' {escaped(name)}="{_value_text(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (and the templates that only include it)."""
    value = widget["value"]
    shown = f' value="{_value_text(value)}"' if value is not None else ""
    return (
        f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html (its value localized as {{ }} does: a str as is)."""
    value = widget["value"]
    return (
        f'<textarea name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{escaped(value) if value else ''}</textarea>"
    )


def _clearable_file(widget: dict) -> str | None:
    """django/forms/widgets/clearable_file_input.html without a current file (None: with
    one, left to the template)."""
    if widget["is_initial"]:
        return None
    kind, name = escaped(widget["type"]), escaped(widget["name"])
    return f'<input type="{kind}" name="{name}"{_attrs(widget["attrs"])}>'


WRITTEN = {
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/url.html": _input,
    "django/forms/widgets/password.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/date.html": _input,
    "django/forms/widgets/file.html": _input,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/clearable_file_input.html": _clearable_file,
}


class PythonWidgets(DjangoTemplates):
    """Django's default form renderer, the WRITTEN widget templates in Python."""

    def render(self, template_name, context, request=None):
        write = WRITTEN.get(template_name)
        # The templates' output is stripped by the renderer; what is written here starts
        # with "<" and ends with ">", so there is nothing to strip.
        written = write(context["widget"]) if write is not None else None
        if written is None:
            return super().render(template_name, context, request=request)
        return written


PYTHON_WIDGETS = PythonWidgets()


def field_block(field) -> SafeString:
    """workflow/_field.html for a bound field, with the same bytes."""
    help_text = field.help_text
    help_html = f'<div class="form-text">{escaped(help_text)}</div>' if help_text else ""
    errors = "".join(
        f'<div class="invalid-feedback d-block">{escaped(error)}</div>' for error in field.errors
    )
    return mark_safe(
        f'\n<div class="mb-3">\n  <label class="form-label" for="{escaped(field.id_for_label)}">'
        f"{escaped(field.label)}</label>\n  {field}\n  {help_html}\n  {errors}\n</div>\n"
    )


def form_errors_block(form) -> SafeString:
    """workflow/_form_errors.html for a form (its errors not tied to a field), the same bytes."""
    errors = "".join(
        '<div class="alert alert-danger py-2" role="alert"><i class="bi bi-x-circle"></i> '
        f"{escaped(error)}</div>"
        for error in (form.non_field_errors() if form else ())
    )
    return mark_safe(f"{errors}\n")


_unbound_fields = Kept()


def fields_html(form, skip: str = "") -> str:
    """`{% for field in form %}{% form_field field %}{% endfor %}` (but the field `skip`).
    An unbound form without initial values writes the same fields for every reader: kept
    per language, form class and fields (some 400 calls a form through its widgets). A form
    whose fields' choices or attributes vary from one reader to another with the same field
    names (a select of the task's eligible employees) must not come here."""

    def written() -> str:
        return "".join(field_block(field) for field in form if field.name != skip)

    if form.is_bound or form.initial or any(f.initial is not None for f in form.fields.values()):
        return written()
    return _unbound_fields.get((type(form), tuple(form.fields), skip), written)

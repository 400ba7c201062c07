"""erkt.form_widgets writes the widgets and the field block that Django's templates write,
byte for byte, escaping included (values, attributes, labels, help texts and errors)."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import override

from erkt.form_widgets import PYTHON_WIDGETS, WRITTEN, field_block, form_errors_block
from erkt.org.models import Employee
from erkt.rkt.unit_forms.forms import SubmitForm, UploadForm
from erkt.workflow.forms import (
    AttachmentForm,
    CompleteTaskForm,
    ReassignForm,
    WithdrawTaskForm,
)

SCRIPT = "<script>alert(1)</script>"

ATTRS = {
    "class": "form-control",
    "placeholder": SCRIPT,
    "data-safe": mark_safe("<b>as is</b>"),
    "required": True,
    "disabled": False,
    "rows": 2,
}

WIDGETS = [
    forms.TextInput(ATTRS),
    forms.NumberInput(ATTRS),
    forms.EmailInput(ATTRS),
    forms.URLInput(ATTRS),
    forms.PasswordInput(ATTRS, render_value=True),
    forms.HiddenInput(ATTRS),
    forms.DateInput(ATTRS, format="%Y-%m-%d"),
    forms.FileInput(ATTRS),
    forms.ClearableFileInput(ATTRS),
    forms.Textarea(ATTRS),
    forms.Textarea(),
    forms.TextInput(),
]

VALUES = [None, "", "plain", SCRIPT, mark_safe("<i>safe</i>"), 0, 12, "baris satu\nbaris dua"]


def test_every_written_template_is_a_template_django_has():
    for name in WRITTEN:
        assert DjangoTemplates().get_template(name) is not None


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
def test_a_widget_renders_as_its_template_renders_it(widget):
    for value in VALUES:
        attrs = {"id": f"id_{SCRIPT}"}
        expected = widget.render("name<x>", value, attrs, renderer=DjangoTemplates())
        written = widget.render("name<x>", value, attrs, renderer=PYTHON_WIDGETS)
        assert written == expected, value
    assert "&lt;script&gt;" in written


def test_a_widget_it_does_not_write_is_left_to_its_template():
    select = forms.Select(choices=[("1", SCRIPT), ("2", "dua")])
    expected = select.render("pilih", "1", {"id": "x"}, renderer=DjangoTemplates())
    assert select.render("pilih", "1", {"id": "x"}, renderer=PYTHON_WIDGETS) == expected
    assert "&lt;script&gt;" in expected


def test_a_clearable_file_input_with_a_file_is_left_to_its_template():
    class File:
        url = "/media/x.pdf"

        def __str__(self):
            return SCRIPT

    widget = forms.ClearableFileInput()
    expected = widget.render("berkas", File(), {"id": "b"}, renderer=DjangoTemplates())
    assert widget.render("berkas", File(), {"id": "b"}, renderer=PYTHON_WIDGETS) == expected
    assert "&lt;script&gt;" in expected


FIELD_TEMPLATE = Template('{% include "workflow/_field.html" %}')


class Scripted(forms.Form):
    default_renderer = PYTHON_WIDGETS
    text = forms.CharField(label=SCRIPT, help_text=f"bantuan {SCRIPT}", required=False)
    area = forms.CharField(widget=forms.Textarea, label="Catatan & isi")
    number = forms.IntegerField(label="Angka", required=False)


def _forms():
    class Task:
        class step_run:
            class step:
                is_decision = True

    yield Scripted()
    yield Scripted(data={"text": SCRIPT, "area": "", "number": "x<y"})
    yield CompleteTaskForm(task=Task, acting_for_someone=True)
    yield CompleteTaskForm(data={"note": SCRIPT}, task=Task, acting_for_someone=True)
    yield AttachmentForm(acting_for_someone=True)
    yield WithdrawTaskForm(data={"reason": SCRIPT})
    yield ReassignForm(eligible=Employee.objects.none(), acting_for_someone=True)
    yield SubmitForm(acting_for_someone=True)
    yield UploadForm()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_field_block_is_the_field_template(language):
    with override(language):
        for form in _forms():
            if form.is_bound:
                form.is_valid()
                form.add_error(None, SCRIPT)
                first = next(iter(form.fields))
                form.add_error(first, f"salah {SCRIPT}")
            for field in form:
                if isinstance(form, ReassignForm) and field.name == "employee":
                    continue  # its choices are a queryset: another test's business
                expected = FIELD_TEMPLATE.render(Context({"field": field}))
                assert field_block(field) == expected, (type(form).__name__, field.name)


def test_the_field_block_escapes_what_users_and_labels_bring():
    form = Scripted(data={"text": SCRIPT, "area": ""})
    form.is_valid()
    form.add_error("text", SCRIPT)
    html = "".join(field_block(field) for field in form)
    assert SCRIPT not in html
    assert html.count("&lt;script&gt;") == 4  # label, help text, value, error


ERRORS_TEMPLATE = Template('{% include "workflow/_form_errors.html" with form=form %}')


def test_the_errors_block_is_the_errors_template():
    for form in [*_forms(), None]:
        if form is not None and form.is_bound:
            form.is_valid()
            form.add_error(None, SCRIPT)
            form.add_error(None, "kedua & terakhir")
        expected = ERRORS_TEMPLATE.render(Context({"form": form}))
        assert form_errors_block(form) == expected
    scripted = Scripted(data={})
    scripted.is_valid()
    scripted.add_error(None, SCRIPT)
    html = form_errors_block(scripted)
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html

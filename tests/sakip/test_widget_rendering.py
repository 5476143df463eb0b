"""The form renderer writes the grids' widgets out in Python: the same bytes as Django's own widget templates."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.forms import DecimalInput, PlannerDateInput
from sakip.widget_rendering import WidgetRenderer

PROPERTY = settings(database=None, deadline=None, max_examples=300)
TEMPLATES = DjangoTemplates()
WRITTEN_OUT = WidgetRenderer()


class Label:
    """A choice whose value and label are objects, as a model choice's are."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


def both(widget, name, value, attrs=None):
    """The widget through Django's templates and through the renderer the screens use."""
    expected = widget.render(name, value, attrs, renderer=TEMPLATES)
    actual = widget.render(name, value, attrs, renderer=WRITTEN_OUT)
    return expected, actual


def test_the_screens_use_the_renderer():
    assert isinstance(get_default_renderer(), WidgetRenderer)


def test_a_grid_row_s_widgets_load_no_template(monkeypatch):
    renderer = WidgetRenderer()

    def no_template(name):
        raise AssertionError(f"template loaded: {name}")

    monkeypatch.setattr(renderer, "get_template", no_template)
    for widget, value in (
        (DecimalInput(attrs={"readonly": True}), "1.715"),
        (forms.HiddenInput(), "abc"),
        (forms.Textarea(attrs={"rows": 2}), "analisis"),
        (forms.Select(choices=[("", "–"), ("BB", "BB")]), "BB"),
    ):
        assert widget.render("r1-x", value, renderer=renderer).startswith("<")


GRID_ATTRS = {
    "readonly": True,
    "data-locked": "true",
    "aria-label": 'Target "PK" 1.2 & <b>',
    "disabled": False,
}


@pytest.mark.parametrize(
    "value",
    [None, "", "1.715", "0,5", Decimal("0.5"), 3, 2.5, "<script>&'\"", mark_safe("<b>safe</b>"), "BB"],
)
@pytest.mark.parametrize(
    "widget",
    [
        DecimalInput(),
        DecimalInput(attrs={"size": 8}),
        forms.HiddenInput(),
        forms.TextInput(attrs={"placeholder": mark_safe("a &amp; b")}),
        forms.NumberInput(attrs={"step": Decimal("0.01")}),
        forms.EmailInput(),
        forms.PasswordInput(render_value=True),
        forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        forms.Textarea(),
    ],
)
def test_inputs_and_textareas_give_the_templates_bytes(widget, value):
    expected, actual = both(widget, "r12-value", value, GRID_ATTRS)
    assert actual == expected
    expected, actual = both(widget, "r12-value", value)
    assert actual == expected


@pytest.mark.parametrize("value", [None, "3 Januari 2022", datetime.date(2022, 1, 3)])
def test_date_inputs_with_translated_attributes(value):
    for language in ("id", "en"):
        with override(language):
            for widget in (PlannerDateInput(), forms.DateInput(), forms.DateTimeInput()):
                expected, actual = both(widget, "signed_on", value)
                assert actual == expected


@pytest.mark.parametrize("value", [True, False, None, "on"])
def test_checkboxes(value):
    expected, actual = both(forms.CheckboxInput(attrs={"class": "form-check-input"}), "done", value)
    assert actual == expected


def test_textarea_keeps_a_leading_newline_and_escapes():
    expected, actual = both(forms.Textarea(), "analysis", "\nline one\n<b>two</b> & 'three'\n")
    assert actual == expected
    assert "&lt;b&gt;two&lt;/b&gt; &amp; &#x27;three&#x27;" in actual


CHOICES = [
    ("", "---------"),
    ("AA", "AA"),
    ("BB", gettext_lazy("Baik")),
    ("Nilai", [(Decimal("0.5"), Decimal("0.5")), (1, 1), ("x<y", "a & b")]),
    (Label("7"), Label("Dinas <7>")),
]


@pytest.mark.parametrize("value", [None, "", "AA", "BB", "x<y", "1", ["AA", "BB"], "7"])
def test_selects_with_groups_translated_numeric_and_object_labels(value):
    for language in ("id", "en"):
        with override(language):
            for widget in (
                forms.Select(
                    choices=CHOICES, attrs={"class": "form-select form-select-sm", "disabled": True}
                ),
                forms.SelectMultiple(choices=CHOICES),
            ):
                expected, actual = both(widget, "r3-grade", value)
                assert actual == expected


@pytest.mark.parametrize("value", [None, True, False, "true", "2"])
def test_yes_no_select(value):
    expected, actual = both(forms.NullBooleanSelect(), "met", value)
    assert actual == expected


def test_a_number_label_is_shown_in_indonesian():
    with override("id"):
        expected, actual = both(forms.Select(choices=[(Decimal("0.5"), Decimal("0.5"))]), "s", None)
    assert actual == expected
    assert '<option value="0.5">0,5</option>' in actual


class OwnOption(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def test_a_select_with_another_option_template_goes_through_the_templates():
    widget = OwnOption(choices=[("a", "A")])
    expected, actual = both(widget, "s", "a")
    assert actual == expected


def test_other_templates_go_through_the_templates():
    widget = forms.RadioSelect(choices=[("a", "A"), ("b", "B")])
    expected, actual = both(widget, "choice", "a")
    assert actual == expected
    form = forms.Form()
    assert form.render(renderer=WRITTEN_OUT) == form.render(renderer=TEMPLATES)


attribute_names = st.from_regex(re.compile(r"[a-z][a-z-]{0,10}", re.ASCII), fullmatch=True)
attribute_values = st.one_of(
    st.booleans(),
    st.integers(),
    st.text(alphabet=st.sampled_from("ab <>&\"'=,.é\n"), max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


@PROPERTY
@given(
    attrs=st.dictionaries(attribute_names, attribute_values, max_size=5),
    value=st.one_of(st.none(), st.text(max_size=20), st.decimals(allow_nan=False, allow_infinity=False)),
)
def test_any_attributes_and_values(attrs, value):
    for widget in (DecimalInput(), forms.HiddenInput(), forms.Textarea()):
        expected, actual = both(widget, "r1-value", value, attrs)
        assert actual == expected


@PROPERTY
@given(
    choices=st.lists(
        st.tuples(st.text(alphabet='ab<&" 1', max_size=4), st.text(alphabet="xy<>&' ", max_size=6)),
        max_size=6,
    ),
    chosen=st.text(alphabet='ab<&" 1', max_size=4),
)
def test_any_choices(choices, chosen):
    widget = forms.Select(choices=choices, attrs={"class": "form-select"})
    expected, actual = both(widget, "grade", chosen)
    assert actual == expected


SCREEN_PATHS = [
    "{year}/realisasi/tw2/",
    "{year}/target/pk/",
    "{year}/target/triwulan/",
    "target/renstra/",
    "{year}/narasi/",
    "{year}/anggaran/",
]


def without_tokens(html: bytes) -> bytes:
    """The page less what changes on every response (the masked CSRF token, the CSP nonce)."""
    html = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)
    html = re.sub(rb'"X-CSRFToken": "[^"]+"', b"", html)
    return re.sub(rb'nonce="[^"]+"', b"", html)


@pytest.mark.parametrize("path", SCREEN_PATHS)
def test_the_editing_grids_are_the_same_bytes_as_through_django_s_templates(
    planner_client, demo_agency, settings, path
):
    url = f"/opd/{demo_agency.code}/" + path.format(year=2021)
    written_out = planner_client.get(url)
    assert written_out.status_code == 200
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    assert not isinstance(get_default_renderer(), WidgetRenderer)
    through_templates = planner_client.get(url)
    assert b"<input" in written_out.content
    assert without_tokens(written_out.content) == without_tokens(through_templates.content)

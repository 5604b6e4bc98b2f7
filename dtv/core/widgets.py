"""Form widgets that render what Django's render with less work."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class OneLoopSelect(forms.Select):
    """A single select whose options are written in one loop instead of a template render per option.

    Django's `Select` renders `select_option.html` once per option: for the ~250 countries that is
    15-21 ms on every work-queue page (format_html per option still 3 ms). The markup is Django's (the
    select's attributes, `selected` on the chosen option); a select with option groups falls back to
    Django's templates.
    """

    def render(self, name, value, attrs=None, renderer=None):
        """The select and its options as HTML; the chosen value (if any) marked `selected`."""
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        chosen = set(self.format_value(value))
        options, marked = [], False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            # Only the first match is selected, as in Django's single select.
            selected = not marked and option_value in chosen
            marked = marked or selected
            # html.escape(quote=True) is what django.utils.html.escape applies, without its per-call wrappers.
            text = label.__html__() if hasattr(label, "__html__") else escape(str(label))
            options.append(f'<option value="{escape(option_value)}"{" selected" if selected else ""}>{text}</option>')
        # Every value and label above is escaped; the select's attributes are escaped by flatatt.
        listed = mark_safe("\n".join(options))  # noqa: S308  # nosec B308 B703
        return format_html(
            "<select{}>\n{}\n</select>", flatatt({"name": name, **self.build_attrs(self.attrs, attrs)}), listed
        )

"""`{% url %}` that remembers what it reversed (a template builtin, settings.TEMPLATES).

Django's reverse() matches the pattern again on every call (~40 us): the navigation
alone has about twenty links, and a list page one or two per row. The URL of a view
name and its arguments never changes while the URLconf and the script prefix stay the
same, so the answer is kept, keyed by both, for plain int and str arguments (anything
else, such as a model instance whose str() may change, is reversed every time). A
failed reverse is not kept. Any settings change (tests) empties the cache.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

register = template.Library()

# A template's string literal ('pdf' in {% url ... 'pdf' %}) arrives as a SafeString: the
# same text, kept like a str (it equals and hashes as its str).
PLAIN = (int, str, SafeString)


@functools.lru_cache(maxsize=4096)
def cached_reverse(
    urlconf: str, prefix: str, view_name: str, args: tuple, kwargs: tuple, current_app
) -> str:
    del prefix  # part of the key only: reverse() reads the current one itself
    return reverse(
        view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app
    )


def current_key() -> tuple:
    """The URLconf (its name, or the identity of a module object) and script prefix that
    key a reversed URL: each read through asgiref's locals, some ten Python calls."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return (urlconf if isinstance(urlconf, str) else id(urlconf), get_script_prefix())


def reverse_remembered(
    view_name, args: list, kwargs: dict, current_app, key: tuple | None = None
) -> str:
    """reverse(), kept; `key` is current_key() when the caller has read it already."""
    values = [*args, *kwargs.values()]
    if not isinstance(view_name, str) or not all(type(v) in PLAIN for v in values):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    urlconf, prefix = key or current_key()
    return cached_reverse(
        urlconf, prefix, view_name, tuple(args), tuple(sorted(kwargs.items())), current_app
    )


def remembered(view_name: str, *args) -> str:
    """reverse(view_name, args=args), kept as the {% url %} tag keeps it (for views that
    build a link per row)."""
    return reverse_remembered(view_name, list(args), {}, None)


def remembered_for(view_name: str):
    """remembered(view_name, *args) for the rows of one table (int and str arguments): the
    URLconf and script prefix, read through asgiref's locals, are read once."""
    urlconf, prefix = current_key()
    return lambda *args: cached_reverse(urlconf, prefix, view_name, args, (), None)


class RememberedURLNode(URLNode):
    """Django's URLNode.render with reverse_remembered in place of reverse."""

    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        # The URLconf and prefix stay the same throughout a render: read once for its
        # every {% url %} (kept on the render's context, which lives as long as it).
        key = getattr(context, "_erkt_url_key", None)
        if key is None:
            key = context._erkt_url_key = current_key()
        url = ""
        try:
            url = reverse_remembered(view_name, args, kwargs, current_app, key)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def forget(**_kwargs) -> None:
    cached_reverse.cache_clear()


setting_changed.connect(forget, dispatch_uid="erkt.url_cache.forget")

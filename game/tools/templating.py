"""The Jinja2 set-up every HTML page the tools write shares.

Templates are real ``.html`` files in ``game/tools/templates/``; autoescaping is on for
HTML and SVG, so story, mod and record text never becomes markup, and an undefined name
in a template is an error rather than an empty string. Templates mark their words for
translation with ``{{ _("...") }}`` and ``ngettext``, translated as the page is rendered.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from game import i18n, paths

TEMPLATES = paths.TEMPLATES_DIR


def environment() -> Environment:
    """Jinja2 with autoescaping for HTML and SVG, and undefined names as errors."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "svg")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # _(), ngettext(), pgettext() and {% trans %} in templates, translated when a page is
    # rendered (the language of --lang); newstyle: the result is escaped like any value.
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["percent"] = lambda share: f"{round(100 * share)}%"
    return env

"""The Jinja2 set-up every HTML page the tools write shares.

Templates are real ``.html`` files in ``game/tools/templates/``; autoescaping is on for
HTML and SVG, so story, mod and record text never becomes markup, and an undefined name
in a template is an error rather than an empty string. Templates mark their words for
translation with ``{{ _("...") }}``, ``ngettext``, ``pgettext`` or ``{% trans %}``
(jinja2.ext.i18n bound to :mod:`game.i18n`), translated as the page is rendered, in the
language of ``--lang``; numbers through the ``number`` filter, dates through ``date``.
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
    # _(), ngettext(), pgettext() and {% trans %}, translated when a page is rendered.
    # newstyle: a translation counts as the template's own text (the project ships the
    # catalogues), and every value put into it, by {% trans %} or by .format(), is
    # escaped. (A literal '%' in a newstyle string is written '%%'.)
    env.add_extension("jinja2.ext.i18n")
    # {% trans %} blocks are taken with their line breaks and indents folded, as the
    # extraction reads them (translate extract: trimmed), so a block wrapped over lines
    # is one sentence to a translator and finds its translation.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n.gettext, ngettext=i18n.ngettext, newstyle=True, pgettext=i18n.pgettext
    )
    env.filters["thousands"] = i18n.format_number
    env.filters["number"] = i18n.format_number
    env.filters["money"] = i18n.format_money
    env.filters["date"] = i18n.format_date
    env.filters["percent"] = lambda share: i18n.gettext("{percent}%").format(
        percent=i18n.format_number(round(100 * share))
    )
    env.globals["lang"] = lambda: i18n.language().replace("_", "-")
    return env

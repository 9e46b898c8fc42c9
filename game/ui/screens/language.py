"""The language choice on first start: every installed language, each by its own name,
the system's language focused. Shown before anything else (and so before the content
notes) only when there is a real choice: more than one language besides the
pseudo-language (see game/play/language.py). Esc keeps the focused default.
"""

from __future__ import annotations

from functools import partial

from game.i18n import _, language_name
from game.ui.host import Host
from game.ui.screens.base import MenuScreen
from game.ui.widgets import Button


class LanguageScreen(MenuScreen):
    """Pick the language of the menus and the story; Settings can change it later."""

    name = "language"
    width = 560

    def __init__(self, app: Host, languages: list[str], default: str) -> None:
        self.languages = languages
        items = [Button(language_name(code), partial(self.pick, code)) for code in languages]
        super().__init__(
            app,
            _("Language"),
            items,
            on_back=lambda: self.pick(default),
            message=_("You can change it later in Settings."),
        )
        self.group.focus = languages.index(default) if default in languages else 0

    def pick(self, code: str) -> None:
        self.app.pop()
        self.app.set_language(code)

    def language_changed(self) -> None:
        self.title = _("Language")
        self.message = _("You can change it later in Settings.")

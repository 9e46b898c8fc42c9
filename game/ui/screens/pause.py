"""The pause menu (Esc during play): resume, save, load, settings, title, quit."""

from __future__ import annotations

from game.i18n import _
from game.ui.host import Host
from game.ui.screens.base import ConfirmScreen, MenuScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.widgets import Button


class PauseScreen(MenuScreen):
    name = "pause"

    def __init__(self, app: Host) -> None:
        super().__init__(app, _("Paused"), [])
        self.group.set_buttons(self._items())

    def _items(self) -> list[Button]:
        return [
            Button(_("Resume"), self.app.pop, key_hint=_("Esc")),
            Button(_("Save game"), self.open_save),
            Button(_("Load game"), self.open_load),
            Button(_("Settings"), self.open_settings),
            Button(_("Return to title"), self.to_title),
            Button(_("Quit"), self.quit),
        ]

    def language_changed(self) -> None:
        focus = self.group.focus
        self.title = _("Paused")
        self.group.set_buttons(self._items())
        self.group.focus = focus

    def open_save(self) -> None:
        self.app.push(SavesScreen(self.app, "save"))

    def open_load(self) -> None:
        self.app.push(SavesScreen(self.app, "load"))

    def open_settings(self) -> None:
        self.app.push(SettingsScreen(self.app))

    def to_title(self) -> None:
        self.app.push(
            ConfirmScreen(
                self.app,
                _("Return to the title?"),
                self.app.go_title,
                message=_("Your place is kept in the autosave."),
            )
        )

    def quit(self) -> None:
        self.app.push(
            ConfirmScreen(
                self.app,
                _("Quit the game?"),
                self.app.quit,
                message=_("Your place is kept in the autosave."),
            )
        )

"""The pause menu (Esc during play): resume, save, load, settings, title, quit."""

from __future__ import annotations

from game.ui.host import Host
from game.ui.screens.base import ConfirmScreen, MenuScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.widgets import Button


class PauseScreen(MenuScreen):
    name = "pause"

    def __init__(self, app: Host) -> None:
        super().__init__(
            app,
            "Paused",
            [
                Button("Resume", app.pop, key_hint="Esc"),
                Button("Save game", self.open_save),
                Button("Load game", self.open_load),
                Button("Settings", self.open_settings),
                Button("Return to title", self.to_title),
                Button("Quit", self.quit),
            ],
        )

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
                "Return to the title?",
                self.app.go_title,
                message="Your place is kept in the autosave.",
            )
        )

    def quit(self) -> None:
        self.app.push(
            ConfirmScreen(
                self.app,
                "Quit the game?",
                self.app.quit,
                message="Your place is kept in the autosave.",
            )
        )

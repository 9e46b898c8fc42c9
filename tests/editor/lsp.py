"""A small Language Server Protocol client over stdio, for driving a real language server
(yaml-language-server, what VS Code's YAML extension runs) from a test.

JSON-RPC messages framed by ``Content-Length`` headers; a reader thread collects the
server's answers and answers the few requests a server makes of its client
(``workspace/configuration`` with the settings given, capability registration).
Every wait is bounded: a server that hangs fails the test, it never stalls it.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any


class ServerError(Exception):
    """The server answered with an error, went away, or took too long."""


class LanguageServer:
    """One running language server, spoken to over its standard input and output."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._next_id = 0
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read_all, daemon=True)
        self._reader.start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                    "textDocument": {
                        "completion": {
                            "completionItem": {
                                "snippetSupport": True,
                                "documentationFormat": ["markdown", "plaintext"],
                            }
                        },
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                    },
                },
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- sending -----------------------------------------------------------------
    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise ServerError(f"the server went away: {self.stderr_text()}") from exc

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 20.0) -> Any:
        with self._lock:
            self._next_id += 1
            number = self._next_id
            answers: queue.Queue[dict[str, Any]] = queue.Queue()
            self._answers[number] = answers
        self._send({"id": number, "method": method, "params": params})
        try:
            answer = answers.get(timeout=timeout)
        except queue.Empty:
            raise ServerError(f"no answer to {method} in {timeout} s") from None
        if "error" in answer:
            raise ServerError(f"{method}: {answer['error']}")
        return answer.get("result")

    # -- receiving ---------------------------------------------------------------
    def _read_all(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            message = read_message(stdout)
            if message is None:
                for answers in self._answers.values():
                    answers.put({"error": "the server closed its output"})
                return
            if "id" in message and "method" in message:
                self._answer_request(message)
            elif "id" in message:
                waiting = self._answers.get(int(message["id"]))
                if waiting is not None:
                    waiting.put(message)
            else:
                self.notifications.put(message)

    def _answer_request(self, message: dict[str, Any]) -> None:
        """What a client says when the server asks: the settings, or plain consent."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            sections = [item.get("section", "") for item in message["params"]["items"]]
            result = [
                self.settings.get(section) if section else self.settings for section in sections
            ]
        self._send({"id": message["id"], "result": result})

    def diagnostics(self, uri: str, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The next diagnostics the server publishes for ``uri``."""
        while True:
            try:
                note = self.notifications.get(timeout=timeout)
            except queue.Empty:
                raise ServerError(f"no diagnostics for {uri} in {timeout} s") from None
            params = note.get("params") or {}
            if note.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                found: list[dict[str, Any]] = params.get("diagnostics", [])
                return found

    # -- documents ---------------------------------------------------------------
    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        return uri

    def complete(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        """The completion items offered at (``line``, ``character``), both 0-based."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if result is None:
            return []
        items: list[dict[str, Any]] = result["items"] if isinstance(result, dict) else result
        return items

    def stderr_text(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read().decode("utf-8", "replace")[-2000:]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5.0)
            self.notify("exit", None)
            self.process.wait(timeout=5.0)
        except (ServerError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=5.0)


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """One framed JSON-RPC message from ``stream``; None at its end."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii", "replace").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        return None
    body = stream.read(length)
    if len(body) < length:
        return None
    message: dict[str, Any] = json.loads(body.decode("utf-8"))
    return message

"""Explaining YAML syntax errors the way writers make them, on the line they are.

PyYAML notices a problem where its scanner gets stuck, which is often a line late
and always in YAML's own words ("could not find expected ':'", "found character
that cannot start any token"). Writers coming from Twine or Ren'Py make a handful
of mistakes again and again; this module recognises them from the source lines
around PyYAML's mark and says what is wrong and how the fixed line reads:

- E062: a key written without its colon (``goto home``), reported on its own line;
- E063: a text that starts with a character YAML reads specially (a quote that
  closes before the text ends, ``!``, ``@``, a backquote, ``%``, ``*``, ``&`` or
  ``- ``);
- E064: ``': '`` inside unquoted text (``text: Note: take the bus``);
- E067: a block that mixes ``- `` items and ``key:`` lines (``choices:`` written
  as a mapping, a choice without its ``- ``, a field dedented to the ``- ``);
- E068: the text under ``text: |`` (or ``>``) not indented further than its key.

Each returns a :class:`Trap` with the line, column, code and message (the fixed
line included, quoted the right way: :func:`quoted_line`); :func:`explain` gives
None when the problem is none of these, and the reader keeps PyYAML's message.
Pure functions over the text: nothing here parses YAML, so both readers agree by
construction (only the reference reader reports syntax errors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Trap", "explain", "explain_tag", "quoted_line", "quoted_value"]

#: A line holding ``key: value`` (or ``- key: value``): indent, dash, key, value.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*): *(?P<value>.*)$")
#: A line that looks like a key without its colon: ``goto home``, ``- text Hi``.
_NO_COLON = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[a-z_][a-z0-9_]*)(?:(?P<gap> +)(?P<rest>\S.*))?$"
)
#: First characters YAML reads as something other than the start of a text.
_SPECIAL_START = {
    '"': "a double quote",
    "'": "a single quote",
    "!": "'!' (YAML reads it as a tag)",
    "@": "'@' (reserved in YAML)",
    "`": "a backquote (reserved in YAML)",
    "%": "'%' (YAML reads it as a directive)",
    "*": "'*' (YAML reads it as a reference to an anchor)",
    "&": "'&' (YAML reads it as an anchor name)",
    "-": "'- ' (YAML reads it as a list item)",
}


@dataclass(frozen=True)
class Trap:
    """A recognised mistake: where it is, its code, and the message with the fix."""

    code: str
    line: int
    column: int
    message: str


def quoted_value(value: str) -> str | None:
    """``value`` quoted so that YAML reads it back unchanged, on one line, or None.

    Single quotes when the text has none (nothing inside them is special), else
    double quotes when it has no double quote or backslash; else None (then a
    ``>-`` block is the way, see :func:`quoted_line`).
    """
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return None


def quoted_line(prefix: str, value: str) -> str:
    """How to write the fixed line: ``prefix`` (``text: `` or ``- ``) and the quoted value.

    One line when quotes can hold the text, else the words for a ``>-`` block.
    """
    quoted = quoted_value(value)
    if quoted is not None:
        return f"write: {prefix}{quoted}"
    return (
        f"write '{prefix}>-' and the text on the next line, indented further (a block"
        " keeps every character as it is)"
    )


def explain(
    text: str, line: int, column: int, problem: str, context_line: int | None = None
) -> Trap | None:
    """A writer's explanation of PyYAML's ``problem`` at (``line``, ``column``), or None."""
    lines = text.split("\n")
    if not lines:
        return None
    candidates = [line]
    if context_line is not None and context_line != line:
        candidates.insert(0, context_line)
    for number in candidates:
        trap = _special_start(lines, number, column if number == line else 0, problem)
        if trap is not None:
            return trap
    if "mapping values are not allowed" in problem:
        trap = _colon_in_text(lines, line, column)
        if trap is not None:
            return trap
    return (
        _unindented_block(lines, line) or _mixed_block(lines, line) or _missing_colon(lines, line)
    )


def explain_tag(text: str, line: int, column: int) -> Trap | None:
    """E063 when a tag PyYAML accepted (``text: !Hello there``) was meant as text.

    Only a local tag followed by words: ``!!int``, ``!<...>`` and a lone ``!word``
    are real tags, left to E006.
    """
    lines = text.split("\n")
    source = _source_line(lines, line)
    if source is None or not re.match(r"![^!<\s]+\s+\S", source[column - 1 :]):
        return None
    return _special_start(lines, line, column, "tag")


def _source_line(lines: list[str], number: int) -> str | None:
    if 1 <= number <= len(lines):
        return lines[number - 1].rstrip("\r")
    return None


def _special_start(lines: list[str], number: int, column: int, problem: str) -> Trap | None:
    """E063: the value on line ``number`` starts with a character YAML reads specially."""
    source = _source_line(lines, number)
    if source is None:
        return None
    match = _KEY_LINE.match(source)
    if match is not None:
        value = match.group("value")
        start = match.start("value")
        lead = match.start("dash") if match.group("dash") else match.start("key")
        prefix = source[lead:start]
    else:
        item = re.match(r"^( *)(- +)(.*)$", source)
        if item is None:
            return None
        value, start = item.group(3), item.end(2)
        prefix = item.group(2)
    value = value.rstrip()
    if not value or value[0] not in _SPECIAL_START:
        return None
    if value[0] == "-" and not value.startswith("- "):
        return None
    if value[0] in "\"'" and _closes_at_end(value):
        return None  # a quoted text that is whole: the problem is elsewhere
    if column and column - 1 < start and "tag" not in problem:
        return None  # PyYAML stopped before this value: not its fault
    what = _SPECIAL_START[value[0]]
    fixed = quoted_line(prefix, value)
    if value[0] in "\"'" and value.count(value[0]) == 1:
        return Trap(
            "E063",
            number,
            start + 1,
            f"this text opens {what} that does not close on its line, so YAML reads on into"
            f" the lines below looking for it: close it at the end of the text; write:"
            f" {prefix}{value}{value[0]}",
        )
    if value[0] in "\"'":
        why = (
            f"this text starts with {what}, so YAML reads only the quoted part as the text"
            " and does not know what to do with the rest"
        )
    else:
        why = f"this text starts with {what}, so YAML does not read it as text"
    return Trap(
        "E063",
        number,
        start + 1,
        f"{why}: put the whole text in quotes; {fixed}",
    )


def _closes_at_end(value: str) -> bool:
    """Whether a value starting with a quote is one whole quoted scalar (a comment may follow)."""
    quote = value[0]
    if quote == "'":
        match = re.match(r"'(?:[^']|'')*'", value)
    else:
        match = re.match(r'"(?:[^"\\]|\\.)*"', value)
    if match is None:
        return False
    rest = value[match.end() :].strip()
    return not rest or rest.startswith("#")


def _colon_in_text(lines: list[str], number: int, column: int) -> Trap | None:
    """E064: ': ' inside an unquoted text on line ``number`` (PyYAML's colon at ``column``)."""
    source = _source_line(lines, number)
    if source is None:
        return None
    match = _KEY_LINE.match(source)
    if match is None or column - 1 <= match.end("key"):
        return None  # the colon PyYAML stopped at is the key's own: not this trap
    value = match.group("value").rstrip()
    if not value or value[0] in _SPECIAL_START or value[0] in "|>":
        return None
    lead = match.start("dash") if match.group("dash") else match.start("key")
    prefix = source[lead : match.start("value")]
    fixed = quoted_line(prefix, value)
    return Trap(
        "E064",
        number,
        column,
        "this text holds ': ' (a colon and a space), which YAML reads as the start of a"
        f" new key: put the whole text in quotes; {fixed}",
    )


def _missing_colon(lines: list[str], mark_line: int) -> Trap | None:
    """E062: the line before PyYAML's mark (or the mark's own) is a key without ':'."""
    before = _previous_content(lines, mark_line)
    for number in (before, mark_line):
        if number is None:
            continue
        source = _source_line(lines, number)
        if source is None:
            continue
        match = _NO_COLON.match(source)
        if match is None:
            continue
        column = match.start("key")
        if not _has_sibling_key(lines, number, column):
            continue
        key = match.group("key")
        rest = match.group("rest")
        start = source[: match.start("key")]
        fixed = f"{start}{key}:" + (f" {rest}" if rest else "")
        if _used_as_key(lines, key):
            message = (
                f"'{key}' has no ':' after it, so YAML reads this line as text running on"
                f" from the line above; write: {fixed.strip()} (or, if the line continues"
                " the text above, indent it further than that text's key)"
            )
        else:
            message = (
                "this line stands at the column of the keys but has no 'key:', so YAML"
                " reads it as more of the text above and stops later: if it continues"
                " that text, indent it further than the text's key (or use a '|'"
                f" block); if '{key}' is a field, write: {fixed.strip()}"
            )
        return Trap("E062", number, match.end("key") + 1, message)
    return None


def _used_as_key(lines: list[str], word: str) -> bool:
    """Whether ``word`` is written as a ``key:`` on some line of the file: then a line
    starting with it most likely lost its colon, else it more likely continues a text."""
    pattern = re.compile(rf"^ *(?:- +)?{re.escape(word)}:(?: |$)")
    return any(pattern.match(line) for line in lines)


def _previous_content(lines: list[str], number: int) -> int | None:
    """The nearest line before ``number`` that holds more than blanks or a comment."""
    for index in range(min(number - 1, len(lines)), 0, -1):
        stripped = lines[index - 1].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _has_sibling_key(lines: list[str], number: int, column: int) -> bool:
    """Whether a ``key:`` line at ``column`` stands in the same block as line ``number``."""
    for step in (-1, 1):
        index = number + step
        while 1 <= index <= len(lines):
            source = lines[index - 1].rstrip("\r")
            stripped = source.strip()
            index += step
            if not stripped or stripped.startswith("#"):
                continue
            match = _KEY_LINE.match(source)
            indent = len(source) - len(source.lstrip(" "))
            key_column = match.start("key") if match is not None else indent
            if key_column == column and match is not None:
                return True
            if indent < column and not (match is not None and match.start("key") >= column):
                break
    return False


def _indent(source: str) -> int:
    return len(source) - len(source.lstrip(" "))


def _content(lines: list[str], number: int) -> str | None:
    """Line ``number`` without its line end, or None if blank, a comment or absent."""
    source = _source_line(lines, number)
    if source is None or not source.strip() or source.strip().startswith("#"):
        return None
    return source


def _unindented_block(lines: list[str], mark_line: int) -> Trap | None:
    """E068: a ``key: |`` (or ``>``) line whose text below is not indented further."""
    number = _previous_content(lines, mark_line + 1)
    while number is not None and number >= max(1, mark_line - 3):
        header = _previous_content(lines, number)
        if header is None:
            return None
        source = _content(lines, header) or ""
        match = _KEY_LINE.match(source)
        body = _content(lines, number) or ""
        if (
            match is not None
            and re.fullmatch(r"[|>][-+]?(?: +#.*)?", match.group("value").strip())
            and _indent(body) <= match.start("key")
        ):
            key = match.group("key")
            fixed = _at_column(body.strip(), match.start("key") + 2)
            return Trap(
                "E068",
                number,
                _indent(body) + 1,
                f"the text of '{key}: {match.group('value').strip()}' (line {header}) must be"
                f" indented further than '{key}', or YAML reads it as a new key: {fixed}"
                " (and indent the lines after it the same)",
            )
        number = header
    return None


def _mixed_block(lines: list[str], mark_line: int) -> Trap | None:
    """E067: one block with both ``- `` items and ``key:`` lines at the same column."""
    source = _content(lines, mark_line)
    if source is None:
        return None
    column = _indent(source)
    is_item = source.lstrip(" ").startswith("- ")
    # Walk up the block (lines at this column or deeper) to see what it is made of.
    first_key: int | None = None
    first_item: int | None = None
    owner: int | None = None
    number = mark_line - 1
    while number >= 1:
        above = _content(lines, number)
        if above is not None:
            if _indent(above) < column:
                owner = number
                break
            if _indent(above) == column:
                if above.lstrip(" ").startswith("- "):
                    first_item = number
                elif _KEY_LINE.match(above):
                    first_key = number
        number -= 1
    if is_item and first_key is not None:
        return _mixed_item_trap(lines, first_key, mark_line)
    if is_item and first_key is None and owner is not None:
        # The list's first line is deeper than its '- ' items: its dash is missing.
        start = owner + 1
        while start < mark_line and _content(lines, start) is None:
            start += 1
        body = _content(lines, start)
        if (
            body is not None
            and _indent(body) > column
            and _KEY_LINE.match(body)
            and not body.lstrip(" ").startswith("- ")
        ):
            return _mixed_item_trap(lines, start, mark_line, column)
    if not is_item and first_item is not None and _KEY_LINE.match(source):
        item_line = _source_line(lines, first_item) or ""
        under = column + 2 + _indent(item_line[column + 2 :]) if item_line else column + 2
        fixed = _at_column(source.strip(), under)
        return Trap(
            "E067",
            mark_line,
            column + 1,
            f"this line stands at the column of the list's '- ' items (line {first_item}) but"
            f" has no '- ': a block is either a list or a mapping. If it belongs to the item"
            f" above, indent it under that item's first key: {fixed}",
        )
    return None


def _mixed_item_trap(
    lines: list[str], key_line: int, item_line: int, column: int | None = None
) -> Trap:
    source = _source_line(lines, key_line) or ""
    match = _KEY_LINE.match(source)
    at = _indent(source) if column is None else column
    value = match.group("value").strip() if match else ""
    if match is not None and value:
        how = _at_column(f"- {source.strip()}", at)
    else:
        key = match.group("key") if match else "this"
        how = (
            f"start each item with '- ' (an item cannot be named '{key}:'; a choice's name"
            " goes in its 'id:')"
        )
    return Trap(
        "E067",
        key_line,
        _indent(source) + 1,
        f"this block is a list (line {item_line} starts with '- ') but this line has no"
        f" '- ', so YAML reads it as a mapping and stops at the list item; {how}",
    )


def _at_column(content: str, indent: int) -> str:
    """How to write a fixed line: its content and the column where it starts."""
    return f"write '{content}' starting at column {indent + 1}"

"""Make the small fonts the window ships in assets/fonts/ (a developer's tool, not the game's).

The game draws Latin text with Noto Serif and Noto Sans, and Chinese with Noto Serif CJK
SC (story text) and Noto Sans CJK SC, regular and bold (the interface). The full fonts
are large, so this script keeps only the characters the game can show: for the Latin
fonts, Latin with the accents pinyin needs and punctuation; for the Chinese fonts, the
3,755 characters of GB2312 level 1 (the common characters a Chinese writer uses), the
GB2312 symbols, CJK punctuation and the full-width forms, plus every character of the
story files, the mods and the shipped translations (story/locales/*.po,
game/locales/*.po), so a translation or a mod written in Chinese renders.

It only reports unless told to write:

    pip install fonttools          # dev-only; the game itself does not need it
    apt-get install fonts-noto-core fonts-noto-cjk
    python -m devtools.subset_fonts            # what would change, font by font
    python -m devtools.subset_fonts --write    # write the fonts that change

A font is written only when the characters it would hold differ from the shipped file's;
the report says how many characters each font gains or loses, with a sample. A source
font that is not installed is skipped with a note.

All the fonts are under the SIL Open Font License 1.1 (assets/fonts/OFL.txt); the subset
fonts keep their original copyright and licence records in their name tables.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from game.paths import FONTS_DIR, MODS_DIR, PACKAGE_DIR, STORY_DIR
from game.textlayout import is_cjk

LATIN_SOURCES = {
    "NotoSerif-Regular.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "NotoSans-Regular.ttf": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf": "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
}
CJK_DIR = "/usr/share/fonts/opentype/noto"
#: Shipped Chinese font -> (source collection, family inside it).
CJK_SOURCES = {
    "NotoSerifCJKsc-Subset.otf": (f"{CJK_DIR}/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    "NotoSansCJKsc-Subset.otf": (f"{CJK_DIR}/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    "NotoSansCJKsc-Bold-Subset.otf": (f"{CJK_DIR}/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
}

# Code point ranges kept in the Latin fonts.
LATIN_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B (pinyin tones: ǎ ǐ ǒ ǔ)
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, primes, angle quotes
    (0x20AC, 0x20AC),  # euro
    (0x2190, 0x2193),  # arrows for key hints
    (0x2212, 0x2212),  # minus sign
    (0x00D7, 0x00D7),  # multiplication sign
)

# Code point ranges kept in the Chinese fonts besides the characters below.
CJK_RANGES = (
    (0x2010, 0x2027),  # dashes, quotes, ellipsis (full-width in a Chinese line)
    (0x2030, 0x203B),  # per mille, primes, reference mark
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF65),  # full-width ASCII forms and half-width CJK punctuation
    (0xFFE0, 0xFFE6),  # full-width signs (￥)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
)
# Characters the interface itself may show even if no story file uses them.
CJK_BASE = "归途列车春运户口留守儿童高考计件工资农民打工广州四川达州奶奶新年快乐红包元"
# Punctuation a Chinese line takes from the Chinese font (full-width there).
CJK_PUNCTUATION = "，。、：；！？（）「」『』《》〈〉【】·—…“”‘’～"
# Symbols the Latin fonts lack; the window draws them from the CJK font.
SYMBOLS = "\u2212\u2190\u2191\u2192\u2193\u25bc\u25b6\u2713"


def gb2312_level1() -> str:
    """The 3,755 hanzi of GB2312 level 1 (rows 16 to 55: bytes 0xB0A1 to 0xD7F9)."""
    found = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(found)


def gb2312_symbols() -> str:
    """GB2312's non-hanzi rows 1 to 9: punctuation, numbers, full-width forms, kana,
    Greek, Cyrillic, pinyin, bopomofo, box drawing."""
    found = []
    for row in range(0xA1, 0xAA):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(found)


def latin_codepoints() -> set[int]:
    return {code for low, high in LATIN_RANGES for code in range(low, high + 1)}


def text_sources(story_dir: Path) -> list[Path]:
    """The files whose characters the Chinese fonts must hold: the story, the mods and
    the translations (story and interface)."""
    files = sorted(story_dir.rglob("*.yaml")) + sorted(story_dir.rglob("*.po"))
    for folder in (MODS_DIR, PACKAGE_DIR / "locales"):
        if folder.is_dir():
            files += sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.po"))
    return files


def written_characters(files: list[Path]) -> set[str]:
    """Every character the files use that the Latin fonts do not hold (CJK and the
    rest), plus the CJK ones."""
    latin = latin_codepoints()
    found: set[str] = set()
    for path in files:
        found.update(
            ch
            for ch in path.read_text(encoding="utf-8")
            if is_cjk(ch) or (ord(ch) not in latin and ch.isprintable())
        )
    return found


def cjk_required(story_dir: Path) -> set[str]:
    """What the Chinese fonts must hold: GB2312 level 1 and its symbols, the base set,
    and every character written in the story, the mods and the translations."""
    wanted = (
        set(gb2312_level1()) | set(gb2312_symbols()) | written_characters(text_sources(story_dir))
    )
    return wanted | set(CJK_BASE) | set(CJK_PUNCTUATION) | set(SYMBOLS) | {" "}


def cjk_optional() -> set[str]:
    """The blocks the Chinese fonts hold as far as the source font has them."""
    return {chr(code) for low, high in CJK_RANGES for code in range(low, high + 1)}


@dataclass
class Plan:
    """One shipped font: what it would hold and how that differs from the file."""

    name: str
    source: str
    family: str | None  # the family inside a collection, None for a plain font
    codepoints: set[int]
    shipped: set[int]

    @property
    def added(self) -> list[int]:
        return sorted(self.codepoints - self.shipped)

    @property
    def removed(self) -> list[int]:
        return sorted(self.shipped - self.codepoints)

    @property
    def changed(self) -> bool:
        return self.codepoints != self.shipped


def _open(source: str, family: str | None):  # type: ignore[no-untyped-def]
    from fontTools.ttLib import TTCollection, TTFont

    if family is None:
        return TTFont(source)
    fonts = [f for f in TTCollection(source).fonts if f["name"].getDebugName(1) == family]
    if not fonts:
        raise SystemExit(f"{family} not found in {source}")
    return fonts[0]


def shipped_codepoints(path: Path) -> set[int]:
    from fontTools.ttLib import TTFont

    if not path.is_file():
        return set()
    return set(TTFont(str(path)).getBestCmap())


def plan_fonts(story_dir: Path, out: Path) -> tuple[list[Plan], list[str]]:
    """What each shipped font would hold, and notes on the sources not installed."""
    plans: list[Plan] = []
    notes: list[str] = []
    for name, source in LATIN_SOURCES.items():
        if not Path(source).is_file():
            notes.append(f"{name}: kept as it is ({source} is not installed)")
            continue
        have = set(_open(source, None).getBestCmap())
        plans.append(
            Plan(name, source, None, latin_codepoints() & have, shipped_codepoints(out / name))
        )
    required = {ord(ch) for ch in cjk_required(story_dir)}
    wanted = required | {ord(ch) for ch in cjk_optional()}
    for name, (source, family) in CJK_SOURCES.items():
        if not Path(source).is_file():
            notes.append(f"{name}: kept as it is ({source} is not installed)")
            continue
        have = set(_open(source, family).getBestCmap())
        missing = sorted(required - have - {ord(" ")})
        if missing:
            sample = "".join(chr(c) for c in missing[:20])
            notes.append(f"{name}: {len(missing)} wanted characters are not in {family}: {sample}")
        plans.append(Plan(name, source, family, wanted & have, shipped_codepoints(out / name)))
    return plans, notes


def subset(plan: Plan, target: Path) -> None:
    from fontTools import subset as fts

    font = _open(plan.source, plan.family)
    options = fts.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    if plan.family is None:
        options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
        options.hinting = True
    else:
        # Vertical forms and the rest of the layout features stay: small beside glyphs.
        options.layout_features = ["*"]
    subsetter = fts.Subsetter(options)
    subsetter.populate(unicodes=sorted(plan.codepoints))
    subsetter.subset(font)
    # The layout closure keeps a few glyphs for other characters (variants): they stay,
    # but the character map holds exactly the planned characters, so the next report
    # compares like with like.
    for table in font["cmap"].tables:
        table.cmap = {code: glyph for code, glyph in table.cmap.items() if code in plan.codepoints}
    font.save(str(target))


def describe(codepoints: list[int], limit: int = 30) -> str:
    """'3964 CJK characters (啊阿埃...) and 471 others (¤§¨...)': a count and a sample of each."""
    hanzi = [c for c in codepoints if is_cjk(chr(c)) and chr(c).isidentifier()]
    others = [c for c in codepoints if c not in set(hanzi)]
    parts = []
    for label, group in (("CJK characters", hanzi), ("others", others)):
        if group:
            sample = "".join(chr(c) for c in group[:limit])
            parts.append(f"{len(group)} {label} ({sample}{'...' if len(group) > limit else ''})")
    return " and ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--story", default=str(STORY_DIR), help="story folder to scan for text")
    parser.add_argument("--out", default=str(FONTS_DIR), help="where the fonts are")
    parser.add_argument(
        "--write", action="store_true", help="write the fonts that change (default: report only)"
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    plans, notes = plan_fonts(Path(args.story), out)
    for note in notes:
        print(note)
    changed = [plan for plan in plans if plan.changed]
    for plan in plans:
        if not plan.changed:
            print(f"{plan.name}: unchanged ({len(plan.codepoints)} characters)")
            continue
        verb = "writing" if args.write else "would write"
        print(f"{plan.name}: {verb} {len(plan.codepoints)} characters")
        if plan.added:
            print(f"  adds {describe(plan.added)}")
        if plan.removed:
            print(f"  drops {describe(plan.removed)}")
        if args.write:
            out.mkdir(parents=True, exist_ok=True)
            subset(plan, out / plan.name)
            size = (out / plan.name).stat().st_size
            print(f"  wrote {out / plan.name} ({size / 1e6:.2f} MB)")
    if changed and not args.write:
        print(f"{len(changed)} font(s) would change: run again with --write to write them")
    return 0


if __name__ == "__main__":
    sys.exit(main())

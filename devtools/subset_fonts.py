"""Make the small fonts the window ships in assets/fonts/ (a developer's tool, not the game's).

The game draws Latin text with Noto Serif and Noto Sans and the few Chinese characters
of the story (the film's title, glossary terms, context cards) with Noto Serif CJK SC.
The full fonts are large, so this script keeps only the characters the game can show:
Latin with the accents pinyin needs, punctuation, and every CJK character found in the
story files plus a small base set. Run it again after a writer adds a Chinese word:

    pip install fonttools          # dev-only; the game itself does not need it
    apt-get install fonts-noto-core fonts-noto-cjk
    python -m devtools.subset_fonts [--story story] [--out assets/fonts]

All the fonts are under the SIL Open Font License 1.1 (assets/fonts/OFL.txt); the subset
fonts keep their original copyright and licence records in their name tables.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.paths import FONTS_DIR, STORY_DIR
from game.ui.layout import is_cjk

LATIN_SOURCES = {
    "NotoSerif-Regular.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf": "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
    "NotoSans-Regular.ttf": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf": "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
}
CJK_SOURCE = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
CJK_FAMILY = "Noto Serif CJK SC"
CJK_OUTPUT = "NotoSerifCJKsc-Subset.otf"

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

# Characters the interface itself may show even if no story file uses them.
CJK_BASE = "归途列车春运户口留守儿童高考计件工资农民打工广州四川达州奶奶新年快乐红包元"
CJK_PUNCTUATION = "，。、：；！？（）「」《》·—"
# Symbols the Latin fonts lack; the window draws them from the CJK font.
SYMBOLS = "\u2212\u2190\u2191\u2192\u2193\u25bc\u25b6\u2713"


def story_cjk_characters(story_dir: Path) -> set[str]:
    """Every CJK character used in the story's YAML files."""
    found: set[str] = set()
    for path in sorted(story_dir.rglob("*.yaml")):
        found.update(ch for ch in path.read_text(encoding="utf-8") if is_cjk(ch))
    return found


def latin_codepoints() -> list[int]:
    return [code for low, high in LATIN_RANGES for code in range(low, high + 1)]


def subset_latin(source: str, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.hinting = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=latin_codepoints())
    subsetter.subset(font)
    font.save(str(target))


def subset_cjk(characters: set[str], target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(CJK_SOURCE)
    fonts = [f for f in collection.fonts if f["name"].getDebugName(1) == CJK_FAMILY]
    if not fonts:
        raise SystemExit(f"{CJK_FAMILY} not found in {CJK_SOURCE}")
    font = fonts[0]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    keep = characters | set(CJK_BASE) | set(CJK_PUNCTUATION) | set(SYMBOLS) | {" "}
    subsetter.populate(unicodes=sorted(ord(ch) for ch in keep))
    subsetter.subset(font)
    font.save(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default=str(STORY_DIR), help="story folder to scan for CJK text")
    parser.add_argument("--out", default=str(FONTS_DIR), help="where the fonts go")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, source in LATIN_SOURCES.items():
        subset_latin(source, out / name)
        print(f"wrote {out / name}")
    characters = story_cjk_characters(Path(args.story))
    subset_cjk(characters, out / CJK_OUTPUT)
    print(f"wrote {out / CJK_OUTPUT} ({len(characters)} characters from the story)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

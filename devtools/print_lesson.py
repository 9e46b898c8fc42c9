"""Print every page of a lesson pack with headless Chromium, at A4 and US Letter.

A developer's check, not part of CI: it needs ``chromium`` and ``pdftoppm``
(``apt-get install chromium poppler-utils``). For each page it writes
``OUT/<page>-a4.pdf`` and ``OUT/<page>-letter.pdf`` (the paper size is set the way a
print dialog sets it, by an ``@page { size: ... }`` rule added to a copy of the page),
PNG images of every printed page at 50 dpi to look at, and a table of page counts:

    python main.py lesson -o /tmp/pack
    python devtools/print_lesson.py /tmp/pack /tmp/pack-print
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

SIZES = {"a4": "A4", "letter": "letter"}


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    return int(match.group(1)) if match else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pack")
    parser.add_argument("out")
    parser.add_argument("--dpi", type=int, default=50)
    args = parser.parse_args(argv)
    pack, out = Path(args.pack), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("print_lesson: chromium is not installed", file=sys.stderr)
        return 1
    work = out / "pages"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(pack, work)
    for page in sorted(pack.glob("*.html")):
        counts = []
        for suffix, size in SIZES.items():
            copy = work / f"{page.stem}-{suffix}.html"
            text = page.read_text(encoding="utf-8")
            copy.write_text(
                text.replace("</head>", f"<style>@page {{ size: {size}; }}</style></head>", 1),
                encoding="utf-8",
            )
            pdf = out / f"{page.stem}-{suffix}.pdf"
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}",
                    copy.resolve().as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(out / pdf.stem)],
                check=True,
            )
            counts.append(f"{suffix} {pdf_pages(pdf)}")
        print(f"{page.name:16} {', '.join(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

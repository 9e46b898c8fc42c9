"""Seeded generator of synthetic stories in our format, for benchmarks and tests.

The shape is fixed so that figures compare across engines: N scenes, each with
three lines of 10-16 words; about 3% endings; every other scene has 2-3 choices to
random scenes; two integer variables, ``money`` (starts at 50) and ``trust``
(starts at 0); about 60% of choices change money and 40% change trust; about 35%
of the choices after the first carry a condition such as ``money > 120`` (and
then cost that money) or ``trust >= 2``.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "the",
    "train",
    "station",
    "ticket",
    "queue",
    "money",
    "factory",
    "jeans",
    "needle",
    "thread",
    "dormitory",
    "night",
    "cold",
    "rain",
    "village",
    "mother",
    "father",
    "daughter",
    "son",
    "grandmother",
    "letter",
    "phone",
    "call",
    "school",
    "fees",
    "winter",
    "bus",
    "ferry",
    "river",
    "road",
    "home",
    "work",
    "overtime",
    "wages",
    "rice",
    "noodles",
    "tea",
    "crowd",
    "platform",
    "window",
    "seat",
    "standing",
    "hours",
    "days",
    "snow",
    "ice",
    "waiting",
    "family",
]


def synthetic_story(scenes: int, seed: int = 1) -> tuple[str, str]:
    """Return (story.yaml text, chapter text) for a story of ``scenes`` scenes."""
    rng = random.Random(seed)
    story = (
        "format: 1\n"
        f"id: synthetic-{scenes}\n"
        f"title: Synthetic story of {scenes} scenes\n"
        "version: 1.0.0\n"
        "start: s0\n"
        "chapters: [chapter.yaml]\n"
        "variables:\n"
        "  money: {type: int, initial: 50, label: Money, hud: true}\n"
        "  trust: {type: int, initial: 0, label: Trust, hud: true}\n"
    )
    lines = ["chapter: 1", "title: Synthetic", "scenes:"]
    for index in range(scenes):
        lines.append(f"  s{index}:")
        lines.append("    text: |")
        for _ in range(3):
            count = rng.randint(10, 16)
            lines.append("      " + " ".join(rng.choice(WORDS) for _ in range(count)))
        if index > 0 and rng.random() < 0.03:
            lines.append("    ending:")
            lines.append(f"      title: Ending {index}")
            continue
        lines.append("    choices:")
        for number in range(rng.randint(2, 3)):
            lines.append(f"      - text: Choice {number + 1} of scene {index}")
            effects: list[str] = []
            if number > 0 and rng.random() < 0.35:
                if rng.random() < 0.5:
                    lines.append("        if: money > 120")
                    effects.append("money -= 120")
                else:
                    lines.append("        requires: trust >= 2")
            if rng.random() < 0.6:
                effects.append(f"money += {rng.randint(5, 60)}")
            if rng.random() < 0.4:
                effects.append(f"trust {'+' if rng.random() < 0.6 else '-'}= 1")
            if effects:
                lines.append("        effects:")
                lines.extend(f"          - {effect}" for effect in effects)
            lines.append(f"        goto: s{rng.randrange(scenes)}")
    return story, "\n".join(lines) + "\n"


def write_synthetic_story(folder: Path, scenes: int, seed: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    story, chapter = synthetic_story(scenes, seed)
    (folder / "story.yaml").write_text(story, encoding="utf-8")
    (folder / "chapter.yaml").write_text(chapter, encoding="utf-8")
    return folder

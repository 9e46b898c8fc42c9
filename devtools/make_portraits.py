"""Make the character portraits: one flat-SVG drawing per look and mood (a developer's tool).

Every portrait is built from the same parts, so the faces stay in one style: the
character's clothes and hair (kept from the first faceless drawings, with new looks
where the story changes them), and a face drawn from a few numbers (where the eyes,
brows, nose and mouth sit) and a mood (neutral, happy, sad, angry). Age shows in lines
and in the proportions, never in caricature.

    python -m devtools.make_portraits [--out assets/portraits] [--sheet PNG]

``--sheet`` also renders every file with pygame-ce's ``load_sized_svg`` (the renderer
the game uses) into one contact sheet. The SVG files use only what nanosvg draws: paths,
ellipses, rects, flat fills and ``fill-opacity``; no text, filters or CSS.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from game import paths

MOODS = ("neutral", "happy", "sad", "angry")
HEADER = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 640" width="480" height="640">\n'
LICENCE = "  <!-- Last Train Home art, CC BY 4.0 (see assets/LICENSE.md) -->\n"


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _shade(colour: str, factor: float) -> str:
    r, g, b = _rgb(colour)
    return _hex((r * factor, g * factor, b * factor))


def _lip(skin: str) -> str:
    r, g, b = _rgb(skin)
    return _hex((r * 0.74, g * 0.5, b * 0.48))


@dataclass(frozen=True)
class Face:
    """Where the features sit, in the head group's coordinates, and who they belong to."""

    skin: str
    shadow: str  # the skin's own shade (the drawings' darker tone)
    brow: str  # brow colour: the hair's, a little softer
    top: float  # top of the skull
    bottom: float  # chin
    width: float  # widest part of the face
    age: str = "adult"  # child, teen, young, adult, older, old
    eye_drop: float = 0.0  # move the eyes down (children's eyes sit lower)
    gaze: float = 0.0  # pupils moved sideways (a glance)
    cx: float = 240.0


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def face_svg(face: Face, mood: str) -> str:
    """The eyes, brows, nose, mouth and lines of ``face`` showing ``mood``."""
    h = face.bottom - face.top
    s = h / 190
    cx = face.cx
    ey = face.top + 0.535 * h + face.eye_drop
    dx = 0.205 * face.width
    by = ey - 0.115 * h
    ny = face.top + 0.715 * h + face.eye_drop * 0.5
    my = face.top + 0.83 * h + face.eye_drop * 0.3
    line = face.shadow
    lip = _lip(face.skin)
    dark = "#2a2224"
    mouth_dark = "#5e2b2b"
    older = face.age in ("adult", "older", "old")
    parts: list[str] = []

    def add(d: str, **attrs: str) -> None:
        extra = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
        parts.append(f'    <path d="{d}" {extra}/>')

    def stroke(d: str, colour: str, width: float, opacity: float = 1.0) -> None:
        attrs = {
            "fill": "none",
            "stroke": colour,
            "stroke_width": _f(width),
            "stroke_linecap": "round",
        }
        if opacity < 1:
            attrs["stroke_opacity"] = f"{opacity:.2f}"
        add(d, **attrs)

    # Cheeks: warm and soft; brighter when happy, for the young.
    blush = {"happy": 0.34, "angry": 0.26}.get(mood, 0.16)
    if face.age in ("child", "teen", "young"):
        blush += 0.06
    for side in (-1, 1):
        parts.append(
            f'    <ellipse cx="{_f(cx + side * (dx + 9 * s))}" cy="{_f(ny + 4 * s)}"'
            f' rx="{_f(17 * s)}" ry="{_f(10 * s)}" fill="#d9826f"'
            f' fill-opacity="{blush:.2f}"/>'
        )

    # Eyes: a dark almond with a catch-light, the lids shaped by the mood.
    rx, ry = 6.6 * s, 7.8 * s
    if face.age == "child":
        rx, ry = 7.2 * s, 8.6 * s
    if face.age == "old":
        rx, ry = 5.8 * s, 6.4 * s
    for side in (-1, 1):  # -1: the eye on the left of the picture
        ex = cx + side * dx
        look = ey + (1.6 * s if mood == "sad" else 0.0)
        gx = ex + face.gaze * s
        parts.append(
            f'    <ellipse cx="{_f(gx)}" cy="{_f(look)}" rx="{_f(rx)}" ry="{_f(ry)}"'
            f' fill="{dark}"/>'
        )
        parts.append(
            f'    <ellipse cx="{_f(gx + 2.2 * s)}" cy="{_f(look - 2.8 * s)}"'
            f' rx="{_f(1.9 * s)}" ry="{_f(1.9 * s)}" fill="#f3ede4"/>'
        )

        def pt(out: float, y: float, ex: float = ex, side: int = side) -> str:
            """A point ``out`` towards the outer corner of this eye (negative: inner)."""
            return f"{_f(ex + side * out * s)},{_f(ey + y * s)}"

        # The upper lid: skin above a curve, and the lash line along it.
        lids = {
            "neutral": (-3.0, -17.0, -3.0),  # outer corner y, middle control y, inner y
            "happy": (-2.0, -18.0, -2.0),
            "sad": (0.5, -13.0, -6.0),
            "angry": (-8.0, -9.0, -1.0),
        }
        outer_y, mid_y, inner_y = lids[mood]
        w = 11.5
        add(
            f"M{pt(w + 1, outer_y)}Q{pt(0, mid_y)} {pt(-w - 1, inner_y)}"
            f"L{pt(-w - 1, -16)}L{pt(w + 1, -16)}Z",
            fill=face.skin,
        )
        stroke(f"M{pt(w, outer_y)}Q{pt(0, mid_y)} {pt(-w, inner_y)}", dark, 2.6 * s)
        if mood == "happy":
            # Cheeks lift the lower lid: the eye becomes a smiling crescent.
            add(
                f"M{pt(w + 1, 7)}Q{pt(0, -2)} {pt(-w - 1, 7)}L{pt(-w - 1, 14)}L{pt(w + 1, 14)}Z",
                fill=face.skin,
            )
            stroke(f"M{pt(w - 2, 6)}Q{pt(0, -1)} {pt(-w + 2, 6)}", line, 2.0 * s, 0.7)
        else:
            # A soft lower lid.
            stroke(f"M{pt(w - 3, 9)}Q{pt(0, 12)} {pt(-w + 3, 9)}", line, 1.6 * s, 0.35)
        if older:
            # Lines under the eye and at its outer corner.
            stroke(f"M{pt(w - 2, 13)}Q{pt(0, 17)} {pt(-w + 4, 13)}", line, 1.6 * s, 0.4)
        if face.age in ("older", "old") or (older and mood == "happy"):
            stroke(f"M{pt(w + 4, -1)}L{pt(w + 10, -4)}", line, 1.6 * s, 0.45)
            stroke(f"M{pt(w + 4, 3)}L{pt(w + 10, 5)}", line, 1.6 * s, 0.45)

        # The brow: inner end, middle, outer end heights for the mood.
        brows = {
            "neutral": (1.0, -5.0, 2.0),
            "happy": (-3.0, -9.0, -1.0),
            "sad": (-9.0, -5.0, 4.0),
            "angry": (6.0, 1.0, -5.0),
        }
        inner, middle, outer = brows[mood]
        bw = (5.2 if mood != "angry" else 6.2) * s
        if face.age == "old":
            bw *= 0.8

        def bpt(out: float, y: float, ex: float = ex, side: int = side) -> str:
            return f"{_f(ex + side * out * s)},{_f(by + y * s)}"

        stroke(
            f"M{bpt(-11, inner)}Q{bpt(2, middle * 2 - (inner + outer) / 2)} {bpt(15, outer)}",
            face.brow,
            bw,
        )

    if mood == "angry":
        # A crease between the brows.
        stroke(
            f"M{_f(cx - 3 * s)},{_f(by + 2 * s)}L{_f(cx - 2 * s)},{_f(by + 12 * s)}",
            line,
            2.0 * s,
            0.55,
        )
        stroke(
            f"M{_f(cx + 3 * s)},{_f(by + 2 * s)}L{_f(cx + 2 * s)},{_f(by + 12 * s)}",
            line,
            2.0 * s,
            0.55,
        )
    if mood == "sad":
        stroke(
            f"M{_f(cx - 8 * s)},{_f(by - 8 * s)}Q{_f(cx)},{_f(by - 11 * s)}"
            f" {_f(cx + 8 * s)},{_f(by - 8 * s)}",
            line,
            1.8 * s,
            0.4,
        )
    if face.age in ("older", "old"):
        # Forehead lines.
        for k, lift in enumerate((26, 36)):
            half = 24 - k * 4
            stroke(
                f"M{_f(cx - half * s)},{_f(by - lift * s)}Q{_f(cx)},{_f(by - (lift + 4) * s)}"
                f" {_f(cx + half * s)},{_f(by - lift * s)}",
                line,
                1.7 * s,
                0.35,
            )

    # Nose: the shaded side of the bridge and the wings of the nostrils.
    stroke(
        f"M{_f(cx + 5 * s)},{_f(ey + 2 * s)}Q{_f(cx + 9 * s)},{_f(ny - 10 * s)}"
        f" {_f(cx + 8 * s)},{_f(ny - 1 * s)}",
        line,
        2.2 * s,
        0.45,
    )
    stroke(
        f"M{_f(cx - 10 * s)},{_f(ny - 2 * s)}Q{_f(cx - 11 * s)},{_f(ny + 5 * s)}"
        f" {_f(cx - 3 * s)},{_f(ny + 4 * s)}",
        line,
        2.6 * s,
        0.8,
    )
    stroke(
        f"M{_f(cx + 3 * s)},{_f(ny + 4 * s)}Q{_f(cx + 11 * s)},{_f(ny + 5 * s)}"
        f" {_f(cx + 10 * s)},{_f(ny - 2 * s)}",
        line,
        2.6 * s,
        0.8,
    )

    # Lines from nose to mouth: deeper with age and with a smile.
    fold = {"child": 0.0, "teen": 0.0, "young": 0.0, "adult": 0.3, "older": 0.45, "old": 0.55}[
        face.age
    ]
    if mood == "happy":
        fold += 0.25 if face.age not in ("child", "teen") else 0.0
    if fold > 0:
        for side in (-1, 1):
            stroke(
                f"M{_f(cx + side * 14 * s)},{_f(ny - 2 * s)}"
                f"Q{_f(cx + side * 25 * s)},{_f(my - 6 * s)} {_f(cx + side * 22 * s)},"
                f"{_f(my + 8 * s)}",
                line,
                2.0 * s,
                min(fold, 0.75),
            )

    # Mouth.
    if mood == "neutral":
        stroke(
            f"M{_f(cx - 14 * s)},{_f(my)}Q{_f(cx)},{_f(my + 3 * s)} {_f(cx + 14 * s)},{_f(my)}",
            lip,
            4.2 * s,
        )
        stroke(
            f"M{_f(cx - 7 * s)},{_f(my + 9 * s)}Q{_f(cx)},{_f(my + 11 * s)} {_f(cx + 7 * s)},"
            f"{_f(my + 9 * s)}",
            line,
            2.4 * s,
            0.35,
        )
    elif mood == "happy":
        wide = 21 * s
        add(
            f"M{_f(cx - wide)},{_f(my - 3 * s)}Q{_f(cx)},{_f(my + 22 * s)}"
            f" {_f(cx + wide)},{_f(my - 3 * s)}Q{_f(cx)},{_f(my + 3 * s)}"
            f" {_f(cx - wide)},{_f(my - 3 * s)}Z",
            fill=mouth_dark,
        )
        teeth = 15 * s
        add(
            f"M{_f(cx - teeth)},{_f(my + 0.2 * s)}Q{_f(cx)},{_f(my + 4 * s)}"
            f" {_f(cx + teeth)},{_f(my + 0.2 * s)}L{_f(cx + teeth - 2 * s)},{_f(my + 4 * s)}"
            f"Q{_f(cx)},{_f(my + 8.5 * s)} {_f(cx - teeth + 2 * s)},{_f(my + 4 * s)}Z",
            fill="#efe8dc",
        )
        stroke(
            f"M{_f(cx - wide)},{_f(my - 3 * s)}Q{_f(cx)},{_f(my + 3 * s)}"
            f" {_f(cx + wide)},{_f(my - 3 * s)}",
            lip,
            3.0 * s,
        )
        stroke(
            f"M{_f(cx - wide)},{_f(my - 3 * s)}Q{_f(cx)},{_f(my + 22 * s)}"
            f" {_f(cx + wide)},{_f(my - 3 * s)}",
            lip,
            2.4 * s,
        )
    elif mood == "sad":
        stroke(
            f"M{_f(cx - 14 * s)},{_f(my + 5 * s)}Q{_f(cx)},{_f(my - 4 * s)}"
            f" {_f(cx + 14 * s)},{_f(my + 5 * s)}",
            lip,
            4.0 * s,
        )
        stroke(
            f"M{_f(cx - 6 * s)},{_f(my + 11 * s)}Q{_f(cx)},{_f(my + 12 * s)}"
            f" {_f(cx + 6 * s)},{_f(my + 11 * s)}",
            line,
            2.2 * s,
            0.3,
        )
    else:  # angry: a word half out, the corners pulled down
        wide = 17 * s
        add(
            f"M{_f(cx - wide)},{_f(my + 5 * s)}Q{_f(cx)},{_f(my - 6 * s)}"
            f" {_f(cx + wide)},{_f(my + 5 * s)}Q{_f(cx)},{_f(my + 10 * s)}"
            f" {_f(cx - wide)},{_f(my + 5 * s)}Z",
            fill=mouth_dark,
        )
        add(
            f"M{_f(cx - 11 * s)},{_f(my + 1 * s)}Q{_f(cx)},{_f(my - 3.5 * s)}"
            f" {_f(cx + 11 * s)},{_f(my + 1 * s)}L{_f(cx + 10 * s)},{_f(my + 3 * s)}"
            f"Q{_f(cx)},{_f(my - 0.5 * s)} {_f(cx - 10 * s)},{_f(my + 3 * s)}Z",
            fill="#efe8dc",
        )
        stroke(
            f"M{_f(cx - wide)},{_f(my + 5 * s)}Q{_f(cx)},{_f(my - 6 * s)}"
            f" {_f(cx + wide)},{_f(my + 5 * s)}Q{_f(cx)},{_f(my + 10 * s)}"
            f" {_f(cx - wide)},{_f(my + 5 * s)}",
            lip,
            2.8 * s,
        )
    return "\n".join(parts) + "\n"


@dataclass(frozen=True)
class Look:
    """One way a character looks: everything but the face's expression."""

    file: str  # file name without .svg and without the mood
    comment: str
    face: Face
    behind: str = ""  # drawn first: hair or a bag behind the body
    body: str = ""  # neck and clothes
    head: str = ""  # ears, the face's shape and its shadow
    hair: str = ""  # hair over the head
    over: str = ""  # glasses, earphones: drawn last
    head_transform: str = "translate(0,0)"
    moods: tuple[str, ...] = MOODS
    also: dict[str, str] = field(default_factory=dict)  # mood -> extra art for that mood


def svg(look: Look, mood: str) -> str:
    """The whole SVG file for ``look`` with ``mood``."""
    what = look.comment + ("" if mood == "neutral" else f"; {mood}")
    return (
        HEADER
        + f"  <!-- {look.file}: {what} -->\n"
        + LICENCE
        + look.behind
        + look.body
        + f'  <g transform="{look.head_transform}">\n'
        + look.head
        + face_svg(look.face, mood)
        + look.hair
        + look.also.get(mood, "")
        + look.over
        + "  </g>\n"
        + "</svg>\n"
    )


def _head(skin: str, shadow: str, ear: str, face_path: str, shade_path: str, ears: str) -> str:
    return (
        ears.replace("EAR", ear)
        + f'    <path d="{face_path}" fill="{skin}"/>\n'
        + f'    <path d="{shade_path}" fill="{shadow}" fill-opacity="0.3"/>\n'
    )


# -- the people ----------------------------------------------------------------------

QIN_SKIN, QIN_SHADOW = "#d0a083", "#a67d65"
QIN_FACE_PATH = (
    "M172,254C172,204.3 202.5,164 240,164C277.5,164 308,204.3 308,254"
    "C306,303.5 267.2,344 240,344C212.8,344 174,303.5 172,254Z"
)
QIN_SHADE = "M263.8,173C304.6,200 309.4,285.5 260.4,342.2C291,290 294.4,218 263.8,173Z"
QIN_EARS = (
    '    <ellipse cx="176" cy="268" rx="12" ry="19" fill="EAR"/>\n'
    '    <ellipse cx="304" cy="268" rx="12" ry="19" fill="EAR"/>\n'
)
HAIR = "#231f22"
QIN_NECK = (
    f'  <rect x="215" y="299" width="50" height="151" fill="{QIN_SKIN}"/>\n'
    f'  <path d="M215,299h50v45q-25,18 -50,0Z" fill="{QIN_SHADOW}" fill-opacity="0.7"/>\n'
)
QIN_FACE = Face(QIN_SKIN, QIN_SHADOW, "#2e2729", 164, 344, 136, age="teen")


def qin_looks() -> list[Look]:
    head = _head(QIN_SKIN, QIN_SHADOW, "#c0917a", QIN_FACE_PATH, QIN_SHADE, QIN_EARS)
    teal_jacket = (
        '  <path d="M206,418C156,424 88,426 64,490L50,660H430L416,490C392,426 324,424 274,418Z"'
        ' fill="#4f7f86"/>\n'
        '  <path d="M206,414Q240,450 274,414L268,406Q240,436 212,406Z" fill="#eeeae2"/>\n'
        '  <path d="M204,414L160,430L200,520L232,450Z" fill="#426c72"/>\n'
        '  <path d="M276,414L320,430L280,520L248,450Z" fill="#426c72"/>\n'
        '  <path d="M206,414Q240,452 274,414L248,450H232Z" fill="#eeeae2"/>\n'
        '  <path d="M240,450V660" fill="none" stroke="#3a5e64" stroke-width="3"/>\n'
    )
    # Chapter 1, 16: the hair she came home with, short at the ears, a blunt fringe.
    ch1_behind = (
        f'  <path d="M162,262C150,180 190,158 240,158C292,158 334,182 318,262L322,330'
        f'Q300,344 286,330H194Q180,344 158,330Z" fill="{HAIR}"/>\n'
    )
    ch1_hair = (
        f'    <path d="M164,262C156,176 198,150 240,150C286,150 326,176 316,262'
        f"C312,236 306,222 300,216L298,238C286,220 272,214 258,214"
        f"C240,216 210,214 190,214C184,222 178,238 174,256L172,236"
        f'C168,244 166,252 164,262Z" fill="{HAIR}"/>\n'
        f'    <path d="M164,246L158,326Q170,338 182,328L186,290L178,250Z" fill="{HAIR}"/>\n'
        f'    <path d="M316,246L322,326Q310,338 298,328L294,290L302,250Z" fill="{HAIR}"/>\n'
    )
    earphone = (
        '    <path d="M174,286C166,340 190,380 182,440S210,520 220,560" fill="none"'
        ' stroke="#f2f0ea" stroke-width="3"/>\n'
        '    <ellipse cx="174" cy="284" rx="6" ry="6" fill="#f2f0ea"/>\n'
    )
    ch1 = Look(
        "qin",
        "the daughter at 16 (chapter 1): hair cut short at the ears with a blunt fringe,"
        " teal jacket, white earphones",
        QIN_FACE,
        behind=ch1_behind,
        body=QIN_NECK + teal_jacket,
        head=head,
        hair=ch1_hair,
        over=earphone,
    )
    # Chapter 2, 17: a sleek bob to the jaw, tucked behind one ear; the white jacket
    # from the city, her phone on a string round her neck.
    ch2_behind = (
        f'  <path d="M160,262C148,176 190,156 240,156C292,156 334,178 320,262L326,352'
        f'Q300,366 282,350H198Q180,366 154,352Z" fill="{HAIR}"/>\n'
    )
    white_jacket = (
        '  <path d="M206,418C156,424 88,426 64,490L50,660H430L416,490C392,426 324,424 274,418Z"'
        ' fill="#e2ded6"/>\n'
        '  <path d="M206,414Q240,446 274,414L264,408Q240,430 216,408Z" fill="#cfc9be"/>\n'
        '  <path d="M204,412L150,436L196,560L236,460Z" fill="#d2cdc3"/>\n'
        '  <path d="M276,412L330,436L284,560L244,460Z" fill="#d2cdc3"/>\n'
        '  <path d="M212,414Q240,450 268,414L246,462H234Z" fill="#c98a86"/>\n'
        '  <path d="M240,462V660" fill="none" stroke="#b9b3a8" stroke-width="3"/>\n'
        '  <path d="M64,520L70,660M416,520L410,660" fill="none" stroke="#cfc9be"'
        ' stroke-width="6"/>\n'
        # the phone on its string
        '  <path d="M216,420Q222,480 244,524M264,420Q262,480 250,524" fill="none"'
        ' stroke="#a23a32" stroke-width="2.5"/>\n'
        '  <path d="M236,522H258Q264,522 264,528V566Q264,572 258,572H236Q230,572 230,566'
        'V528Q230,522 236,522Z" fill="#3b4a6b"/>\n'
        '  <rect x="235" y="530" width="24" height="16" fill="#8d9ab3"/>\n'
    )
    ch2_hair = (
        f'    <path d="M166,266C156,178 196,150 246,150C294,150 326,182 316,262'
        f"C312,228 300,206 282,196C262,210 232,206 218,196C200,206 180,228 176,262"
        f'C172,262 168,264 166,266Z" fill="{HAIR}"/>\n'
        f'    <path d="M166,240L156,350Q178,360 196,346L188,300L180,246Z" fill="{HAIR}"/>\n'
        f'    <path d="M314,240L320,300Q322,320 316,334L304,330L300,250Z" fill="{HAIR}"/>\n'
        '    <path d="M218,196C210,198 202,204 196,212" fill="none" stroke="#3a3335"'
        ' stroke-width="2.5" stroke-linecap="round"/>\n'
    )
    ch2_ear = '    <ellipse cx="304" cy="268" rx="12" ry="19" fill="#c0917a"/>\n'
    ch2 = Look(
        "qin_ch2",
        "the daughter at 17 (chapter 2): hair cut to the jaw and tucked behind one ear,"
        " the white city jacket, a phone on a red string",
        replace(QIN_FACE, age="teen"),
        behind=ch2_behind,
        body=QIN_NECK + white_jacket,
        head=head + ch2_ear,
        hair=ch2_hair,
    )
    # Chapter 3, 18: the bob grown out and tied back low; the grey coat you have never seen.
    ch3_behind = (
        f'  <path d="M168,262C156,180 196,158 240,158C290,158 330,182 314,262L312,300'
        f'H170Z" fill="{HAIR}"/>\n'
        f'  <path d="M296,300C322,330 330,380 318,430Q304,440 296,424C304,384 298,344 282,318Z"'
        f' fill="{HAIR}"/>\n'
        # the tie holding it, low at the nape
        '  <path d="M290,322Q300,330 310,320" fill="none" stroke="#a23a32"'
        ' stroke-width="6" stroke-linecap="round"/>\n'
    )
    grey_coat = (
        '  <path d="M206,418C156,424 88,426 64,490L50,660H430L416,490C392,426 324,424 274,418Z"'
        ' fill="#7d7f7c"/>\n'
        '  <path d="M208,410Q240,440 272,410L266,400Q240,424 214,400Z" fill="#3f4a5e"/>\n'
        '  <path d="M210,412Q240,446 270,412L252,470H228Z" fill="#3f4a5e"/>\n'
        '  <path d="M204,408L150,428L206,580L232,470Z" fill="#6b6d6b"/>\n'
        '  <path d="M276,408L330,428L274,580L248,470Z" fill="#6b6d6b"/>\n'
        '  <path d="M232,470L248,470L258,660H222Z" fill="#3f4a5e"/>\n'
        '  <path d="M198,600a6,6 0 1 1 12,0a6,6 0 1 1 -12,0Z" fill="#4a4f5c"/>\n'
    )
    ch3_hair = (
        f'    <path d="M166,262C156,178 196,150 242,150C292,150 326,180 314,262'
        f"C310,230 298,208 276,198C256,206 236,208 222,200L236,186C214,190 188,210 180,250"
        f'L176,272C172,268 168,264 166,262Z" fill="{HAIR}"/>\n'
        f'    <path d="M178,236C170,262 172,290 180,306L188,300C182,282 182,262 186,244Z"'
        f' fill="{HAIR}"/>\n'
        '    <path d="M236,186C212,196 196,214 186,240" fill="none" stroke="#3a3335"'
        ' stroke-width="2.5" stroke-linecap="round"/>\n'
    )
    ch3 = Look(
        "qin_ch3",
        "the daughter at 18 (chapter 3): hair grown past the jaw and tied back low,"
        " a grey coat over a dark sweater",
        replace(QIN_FACE, age="young", top=162),
        behind=ch3_behind,
        body=QIN_NECK + grey_coat,
        head=head,
        hair=ch3_hair,
    )
    return [ch1, ch2, ch3]


def lei_look() -> Look:
    skin, shadow = "#c99474", "#a1755a"
    body = (
        f'  <rect x="216" y="328" width="48" height="142" fill="{skin}"/>\n'
        f'  <path d="M216,328h48v42q-24,18 -48,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M210,440C160,446 114,448 90,506L76,660H404L390,506C366,448 320,446 270,440Z"'
        ' fill="#3f5f8f"/>\n'
        '  <path d="M114,470C150,452 180,448 210,446L210,458C180,460 144,466 108,486Z'
        'M366,470C330,452 300,448 270,446L270,458C300,460 336,466 372,486Z" fill="#eeeae2"/>\n'
        '  <path d="M210,436Q240,456 270,436L270,452Q240,470 210,452Z" fill="#2f4a72"/>\n'
        '  <path d="M240,456V660" fill="none" stroke="#c8ccd4" stroke-width="4"/>\n'
        '  <path d="M200,440Q240,470 280,440L284,452Q240,486 196,452Z" fill="#b23a32"/>\n'
        '  <path d="M230,470L206,560L226,562L240,480Z" fill="#b23a32"/>\n'
        '  <path d="M250,470L270,556L252,560L240,480Z" fill="#a0332c"/>\n'
        '  <path d="M235,462H245Q252,462 252,469V475Q252,482 245,482H235Q228,482 228,475'
        'V469Q228,462 235,462Z" fill="#9a302a"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#b88769",
        "M168,286C168,239.6 200.3,202 240,202C279.7,202 312,239.6 312,286"
        "C309.8,332.2 279.6,370 240,370C200.4,370 170.2,332.2 168,286Z",
        "M265.2,210.4C308.4,235.6 313.4,315.4 261.6,368.3C294,319.6 297.6,252.4 265.2,210.4Z",
        '    <ellipse cx="170" cy="296" rx="15" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="310" cy="296" rx="15" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M166,270C160,200 200,192 240,192C284,192 320,200 314,270'
        'C310,244 300,236 280,232C250,228 220,228 200,232C180,236 170,244 166,270Z"'
        ' fill="#2b2829"/>\n'
        '    <path d="M170,262C176,246 186,240 198,236M282,236C294,240 304,246 310,262"'
        ' fill="none" stroke="#4a4446" stroke-width="2" stroke-opacity="0.6"/>\n'
    )
    return Look(
        "lei",
        "the son, 10-12: buzz-cut hair, round face, blue school tracksuit, red neckerchief",
        Face(skin, shadow, "#2b2829", 196, 370, 144, age="child", eye_drop=4),
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,20)",
    )


def nainai_looks() -> list[Look]:
    skin, shadow = "#b07c5e", "#8f634a"
    body = (
        f'  <rect x="214" y="313" width="52" height="149" fill="{skin}"/>\n'
        f'  <path d="M214,313h52v45q-26,18 -52,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M196,428C146,434 84,436 60,484L46,660H434L420,484C396,436 334,434 284,428Z"'
        ' fill="#2e3a52"/>\n'
        '  <path d="M194,430V404H286V430Q240,444 194,430Z" fill="#28324a"/>\n'
        '  <path d="M236,440C280,450 330,470 360,520" fill="none" stroke="#1e2638"'
        ' stroke-width="4"/>\n'
        '  <path d="M265,448a5,5 0 1 1 10,0a5,5 0 1 1 -10,0ZM309,470a5,5 0 1 1 10,0'
        'a5,5 0 1 1 -10,0ZM343,502a5,5 0 1 1 10,0a5,5 0 1 1 -10,0Z" fill="#8a8f98"/>\n'
        '  <path d="M90,600h80v6h-80ZM310,600h80v6h-80Z" fill="#28324a"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#a27156",
        "M172,268C172,220 202,178 240,178C278,178 308,220 308,268"
        "C306,316 268,356 240,356C212,356 174,316 172,268Z",
        "M264.5,187C306.5,214 311.4,299.5 261,356.2C292.5,304 296,232 264.5,187Z",
        '    <ellipse cx="176" cy="282" rx="13" ry="21" fill="EAR"/>\n'
        '    <ellipse cx="304" cy="282" rx="13" ry="21" fill="EAR"/>\n',
    )

    def hair(main: str, line: str) -> tuple[str, str]:
        behind = f'  <ellipse cx="240" cy="194" rx="32" ry="30" fill="{main}"/>\n'
        front = (
            f'    <path d="M168,272C156,184 200,168 240,168C284,168 326,184 312,272'
            f'C306,226 286,202 244,198L240,192L236,198C194,202 174,226 168,272Z" fill="{main}"/>\n'
            f'    <path d="M240,194C210,202 184,216 174,242M240,194C270,202 296,216 306,242"'
            f' fill="none" stroke="{line}" stroke-width="2"/>\n'
        )
        return behind, front

    grey_behind, grey_front = hair("#a8a6a2", "#8d8b88")
    white_behind, white_front = hair("#dcdad3", "#b9b7b0")
    face = Face(skin, shadow, "#7e7a76", 178, 356, 136, age="old")
    return [
        Look(
            "nainai",
            "the grandmother, about 68 (chapter 1): grey hair in a bun, dark blue padded"
            " jacket fastened at the side",
            face,
            behind=grey_behind.replace('cy="194"', 'cy="218"'),
            body=body,
            head=head,
            hair=grey_front,
            head_transform="translate(0,24)",
        ),
        Look(
            "nainai_ch2",
            "the grandmother a year on (chapter 2 and after): her hair white now, all of it",
            replace(face, brow="#9c9893"),
            behind=white_behind.replace('cy="194"', 'cy="218"'),
            body=body,
            head=head,
            hair=white_front,
            head_transform="translate(0,24)",
        ),
    ]


def guoping_look() -> Look:
    skin, shadow = "#b5805f", "#93664b"
    body = (
        f'  <rect x="209" y="296" width="62" height="154" fill="{skin}"/>\n'
        f'  <path d="M209,296h62v48q-31,18 -62,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M200,410C150,416 58,418 34,480L20,660H460L446,480C422,418 330,416 280,410Z"'
        ' fill="#2f3b52"/>\n'
        '  <path d="M196,404L240,470L284,404L270,396L240,440L210,396Z" fill="#b9b8b0"/>\n'
        '  <path d="M200,402L154,420L210,500L240,470Z" fill="#253047"/>\n'
        '  <path d="M280,402L326,420L270,500L240,470Z" fill="#253047"/>\n'
        '  <path d="M240,470V660" fill="none" stroke="#222c3e" stroke-width="3"/>\n'
        '  <path d="M90,560h60v8h-60Z" fill="#253047"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#a67556",
        "M166,248C166,195 199.2,152 240,152C280.8,152 314,195 314,248"
        "C311.8,300.8 277,344 240,344C203,344 168.2,300.8 166,248Z",
        "M265.9,161.6C310.3,190.4 315.5,281.6 262.2,342.1C295.5,286.4 299.2,209.6 265.9,161.6Z",
        '    <ellipse cx="170" cy="262" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="310" cy="262" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M162,232C156,150 200,140 240,140C286,140 324,150 318,232'
        'C310,200 302,188 290,182C260,176 220,176 190,182C178,188 170,200 162,232Z"'
        ' fill="#1e1d22"/>\n'
        # stubble shadow along the jaw
        '    <path d="M180,290C190,326 214,344 240,344C266,344 290,326 300,290'
        'C292,318 268,336 240,336C212,336 188,318 180,290Z" fill="#3a3030"'
        ' fill-opacity="0.18"/>\n'
    )
    return Look(
        "guoping",
        "the father, 39, a garment worker: cropped black hair, navy work jacket over a grey shirt",
        Face(skin, shadow, "#1e1d22", 140, 344, 148, age="adult"),
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,24)",
    )


def xiulan_look() -> Look:
    skin, shadow = "#c48e70", "#9d7057"
    body = (
        f'  <rect x="213" y="298" width="54" height="152" fill="{skin}"/>\n'
        f'  <path d="M213,298h54v46q-27,18 -54,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M204,414C154,420 80,422 56,486L42,660H438L424,486C400,422 326,420 276,414Z"'
        ' fill="#7e5160"/>\n'
        '  <path d="M200,410Q240,446 280,410L274,402Q240,430 206,402Z" fill="#e4dccb"/>\n'
        '  <path d="M200,410L230,660H250L280,410Q240,448 200,410Z" fill="#e4dccb"/>\n'
        '  <path d="M200,410L230,660M280,410L250,660" fill="none" stroke="#6a4250"'
        ' stroke-width="8"/>\n'
        '  <path d="M256,500a4,4 0 1 1 8,0a4,4 0 1 1 -8,0ZM256,560a4,4 0 1 1 8,0'
        'a4,4 0 1 1 -8,0ZM256,620a4,4 0 1 1 8,0a4,4 0 1 1 -8,0Z" fill="#d8c8b0"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#b38165",
        "M170,252C170,201.2 201.4,160 240,160C278.6,160 310,201.2 310,252"
        "C307.9,302.6 269.4,344 240,344C210.6,344 172.1,302.6 170,252Z",
        "M264.5,169.2C306.5,196.8 311.4,284.2 261,342.2C292.5,288.8 296,215.2 264.5,169.2Z",
        '    <ellipse cx="174" cy="266" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="306" cy="266" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M166,262C154,160 200,150 240,152C290,150 328,170 314,262'
        'C310,214 290,186 246,180L240,174L234,180C190,186 170,214 166,262Z" fill="#1e1d22"/>\n'
        '    <path d="M240,176C214,182 190,196 178,222" fill="none" stroke="#3a3638"'
        ' stroke-width="2" stroke-opacity="0.7"/>\n'
    )
    return Look(
        "xiulan",
        "the mother, 37: hair tied back in a low bun, a plum cardigan over a cream blouse",
        Face(skin, shadow, "#2a2426", 152, 344, 140, age="adult"),
        behind='  <ellipse cx="302" cy="244" rx="34" ry="34" fill="#1e1d22"/>\n',
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,22)",
    )


def supervisor_look() -> Look:
    skin, shadow = "#c8987a", "#a0785f"
    body = (
        f'  <rect x="208" y="294" width="64" height="156" fill="{skin}"/>\n'
        f'  <path d="M208,294h64v48q-32,18 -64,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M200,410C150,416 64,418 40,476L26,660H454L440,476C416,418 330,416 280,410Z"'
        ' fill="#9fb4c8"/>\n'
        '  <path d="M198,404L236,462L180,450L170,410Z" fill="#b6c7d6"/>\n'
        '  <path d="M282,404L244,462L300,450L310,410Z" fill="#b6c7d6"/>\n'
        f'  <path d="M204,404Q240,420 276,404L244,462H236Z" fill="{skin}"/>\n'
        '  <path d="M232,462h16V660h-16Z" fill="#93a8bc"/>\n'
        '  <path d="M236.5,500a3.5,3.5 0 1 1 7,0a3.5,3.5 0 1 1 -7,0ZM236.5,560a3.5,3.5 0 1 1 7,0'
        'a3.5,3.5 0 1 1 -7,0ZM236.5,620a3.5,3.5 0 1 1 7,0a3.5,3.5 0 1 1 -7,0Z" fill="#e8eef2"/>\n'
        '  <path d="M310,520h60v56h-60Z" fill="#93a8bc"/>\n'
        '  <rect x="350" y="500" width="6" height="34" fill="#2e3340"/>\n'
        '  <path d="M200,410L196,560M280,410L210,560" fill="none" stroke="#34507a"'
        ' stroke-width="5"/>\n'
        '  <path d="M176,556H224Q230,556 230,562V630Q230,636 224,636H176Q170,636 170,630'
        'V562Q170,556 176,556Z" fill="#f2f2ee"/>\n'
        '  <rect x="170" y="556" width="60" height="18" fill="#34507a"/>\n'
        '  <rect x="180" y="584" width="26" height="32" fill="#c9ccd0"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#b78a6e",
        "M162,246C162,193 196.9,150 240,150C283.1,150 318,193 318,246"
        "C315.7,298.8 280.6,342 240,342C199.4,342 164.3,298.8 162,246Z",
        "M267.3,159.6C314.1,188.4 319.6,279.6 263.4,340.1C298.5,284.4 302.4,207.6 267.3,159.6Z",
        '    <ellipse cx="166" cy="260" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="314" cy="260" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M160,236C150,150 200,132 246,132C300,132 334,156 320,236'
        'C316,200 306,180 280,172C240,168 200,176 188,192C178,204 168,216 160,236Z"'
        ' fill="#1e1d22"/>\n'
        '    <path d="M210,140Q200,160 188,192" fill="none" stroke="#3a3a40" stroke-width="3"/>\n'
    )
    return Look(
        "supervisor",
        "Supervisor Liu, the line supervisor, thirty, from Hunan: neat side-parted hair,"
        " pale blue shirt, a pen, a blank ID badge",
        Face(skin, shadow, "#1e1d22", 140, 342, 156, age="young"),
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,24)",
    )


def peng_look() -> Look:
    skin, shadow = "#a97658", "#8a5f46"
    body = (
        '  <g transform="rotate(-4 240 400)">\n'
        f'    <rect x="208" y="299" width="64" height="151" fill="{skin}"/>\n'
        f'    <path d="M208,299h64v47q-32,18 -64,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        "  </g>\n"
        '  <path d="M196,416C146,422 58,424 34,478L20,660H460L446,478C422,424 334,422 284,416Z"'
        ' fill="#5e6b4f"/>\n'
        '  <path d="M180,400C120,410 100,440 110,470C150,470 190,450 220,480L240,460L260,480'
        'C290,450 330,470 370,470C380,440 360,410 300,400Q240,430 180,400Z" fill="#8a6a4e"/>\n'
        '  <path d="M240,470V660" fill="none" stroke="#4a563e" stroke-width="4"/>\n'
        '  <path d="M250,520a6,6 0 1 1 12,0a6,6 0 1 1 -12,0ZM250,590a6,6 0 1 1 12,0'
        'a6,6 0 1 1 -12,0Z" fill="#c9b27a"/>\n'
        '  <path d="M80,540h70v40h-70Z" fill="#56634a"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#9c6c50",
        "M164,252C164,200.1 198,158 240,158C282,158 316,200.1 316,252"
        "C313.7,303.7 278,346 240,346C202,346 166.3,303.7 164,252Z",
        "M266.6,167.4C312.2,195.6 317.5,284.9 262.8,344.1C297,289.6 300.8,214.4 266.6,167.4Z",
        '    <ellipse cx="168" cy="266" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="312" cy="266" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M160,250C150,190 170,170 190,166C180,190 174,210 170,250Z'
        'M320,250C330,190 310,170 290,166C300,190 306,210 310,250Z" fill="#8d8a86"/>\n'
        '    <path d="M190,166C210,152 270,152 290,166C260,160 220,160 190,166Z" fill="#6e6b68"/>\n'
    )
    return Look(
        "peng",
        "Old Peng, a worker in his 50s and a joker: receding grey hair, army-green coat with"
        " a fur collar, head tilted",
        Face(skin, shadow, "#6e6b68", 158, 346, 152, age="older", gaze=1.5),
        body=body,
        head=head,
        hair=hair,
        head_transform="rotate(-4 240 400)",
    )


def teacher_look() -> Look:
    skin, shadow = "#cc9c80", "#a37a63"
    body = (
        f'  <rect x="214" y="296" width="52" height="154" fill="{skin}"/>\n'
        f'  <path d="M214,296h52v46q-26,18 -52,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M206,416C156,422 82,424 58,486L44,660H436L422,486C398,424 324,422 274,416Z"'
        ' fill="#7f7f52"/>\n'
        '  <path d="M204,412L234,660H246L276,412Q240,440 204,412Z" fill="#f0ede6"/>\n'
        '  <path d="M202,410L170,424L210,462L240,430ZM278,410L310,424L270,462L240,430Z"'
        ' fill="#f7f5f0"/>\n'
        '  <path d="M204,412L232,660M276,412L248,660" fill="none" stroke="#6a6a44"'
        ' stroke-width="8"/>\n'
        '  <path d="M210,520a4,4 0 1 1 8,0a4,4 0 1 1 -8,0ZM210,580a4,4 0 1 1 8,0'
        'a4,4 0 1 1 -8,0Z" fill="#c9b27a"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#ba8e74",
        "M170,250C170,199.2 201.4,158 240,158C278.6,158 310,199.2 310,250"
        "C307.9,300.6 269.4,342 240,342C210.6,342 172.1,300.6 170,250Z",
        "M264.5,167.2C306.5,194.8 311.4,282.2 261,340.2C292.5,286.8 296,213.2 264.5,167.2Z",
        '    <ellipse cx="174" cy="264" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="306" cy="264" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M168,244C162,188 198,150 244,150C290,150 318,186 312,244'
        'C304,212 290,196 268,190C240,198 208,194 186,204C176,216 170,230 168,244Z"'
        ' fill="#2b2624"/>\n'
    )
    # Thin glasses, sized to the eyes the face draws.
    face = Face(skin, shadow, "#2b2624", 150, 342, 140, age="young")
    h = face.bottom - face.top
    ey = face.top + 0.535 * h
    dx = 0.205 * face.width
    glasses = (
        f'    <path d="M{_f(240 - dx - 17)},{_f(ey - 12)}h34v24h-34Z'
        f'M{_f(240 + dx - 17)},{_f(ey - 12)}h34v24h-34Z" fill="none" stroke="#4a4440"'
        ' stroke-width="3" stroke-linejoin="round"/>\n'
        f'    <path d="M{_f(240 - dx + 17)},{_f(ey - 3)}q{_f(dx - 17)},-6 {_f(2 * dx - 34)},0"'
        ' fill="none" stroke="#4a4440" stroke-width="3"/>\n'
    )
    return Look(
        "teacher",
        "Teacher Ran, a young county-school teacher: short hair, thin glasses,"
        " olive cardigan over a white shirt",
        face,
        body=body,
        head=head,
        hair=hair,
        over=glasses,
        head_transform="translate(0,22)",
    )


def scalper_look() -> Look:
    skin, shadow = "#bd8a6a", "#986d53"
    body = (
        f'  <rect x="210" y="291" width="60" height="159" fill="{skin}"/>\n'
        f'  <path d="M210,291h60v47q-30,18 -60,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M190,400C140,406 52,408 28,460L14,660H466L452,460C428,408 340,406 290,400Z"'
        ' fill="#2b2a2e"/>\n'
        '  <path d="M25,480Q240,494 455,480M25,530Q240,544 455,530M25,580Q240,594 455,580'
        'M25,630Q240,644 455,630" fill="none" stroke="#3d3c42" stroke-width="4"/>\n'
        '  <path d="M232,452C200,446 174,430 174,400C174,384 180,372 188,366L206,372'
        "C200,400 210,420 232,430ZM248,452C280,446 306,430 306,400C306,384 300,372 292,366"
        'L274,372C280,400 270,420 248,430Z" fill="#3a393f"/>\n'
        '  <path d="M240,460V660" fill="none" stroke="#1e1d22" stroke-width="4"/>\n'
        '  <path d="M360,420L90,640" fill="none" stroke="#6a4a34" stroke-width="12"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#ad7e60",
        "M166,244C166,192.1 199.2,150 240,150C280.8,150 314,192.1 314,244"
        "C311.8,295.7 275.5,338 240,338C204.5,338 168.2,295.7 166,244Z",
        "M265.9,159.4C310.3,187.6 315.5,276.9 262.2,336.1C295.5,281.6 299.2,206.4 265.9,159.4Z",
        '    <ellipse cx="170" cy="258" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="310" cy="258" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M164,228C156,150 200,136 240,136C288,136 326,150 316,228'
        'C310,196 298,178 280,172C250,166 220,166 196,172C180,180 170,196 164,228Z"'
        ' fill="#2a2624"/>\n'
        '    <path d="M210,150Q240,140 270,150" fill="none" stroke="#4a4440" stroke-width="3"/>\n'
    )
    return Look(
        "scalper",
        "the man with the tickets: a quilted dark padded jacket, collar up, a bag strap"
        " across the chest; a sideways look",
        Face(skin, shadow, "#2a2624", 136, 338, 148, age="adult", gaze=-2.5),
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,26)",
        moods=("neutral",),
    )


def traveller_look() -> Look:
    skin, shadow = "#c08c6c", "#9a6f54"
    behind = (
        '  <path d="M350,330H462Q486,330 486,354V476Q486,500 462,500H350Q326,500 326,476'
        'V354Q326,330 350,330Z" fill="#b8b3a6"/>\n'
        '  <path d="M326,384h160v14h-160ZM326,430h160v10h-160Z" fill="#6f83a6"/>\n'
        '  <path d="M326,408h160v8h-160Z" fill="#a86a5f"/>\n'
    )
    body = (
        f'  <rect x="212" y="302" width="56" height="148" fill="{skin}"/>\n'
        f'  <path d="M212,302h56v46q-28,18 -56,0Z" fill="{shadow}" fill-opacity="0.7"/>\n'
        '  <path d="M196,412C146,418 68,420 44,476L30,660H450L436,476C412,420 334,418 284,412Z"'
        ' fill="#6b5a48"/>\n'
        '  <path d="M390,420L280,660" fill="none" stroke="#8a7f6a" stroke-width="14"/>\n'
        '  <path d="M170,390Q240,430 310,390L316,430Q240,476 164,430Z" fill="#5a6a88"/>\n'
        '  <path d="M260,440L280,560H314L296,430Z" fill="#4d5c78"/>\n'
        '  <path d="M170,404Q240,444 310,404" fill="none" stroke="#7a8aa6" stroke-width="4"/>\n'
    )
    head = _head(
        skin,
        shadow,
        "#b08062",
        "M168,256C168,205.2 200.3,164 240,164C279.7,164 312,205.2 312,256"
        "C309.8,306.6 272.4,348 240,348C207.6,348 170.2,306.6 168,256Z",
        "M265.2,173.2C308.4,200.8 313.4,288.2 261.6,346.2C294,292.8 297.6,219.2 265.2,173.2Z",
        '    <ellipse cx="172" cy="270" rx="14" ry="22" fill="EAR"/>\n'
        '    <ellipse cx="308" cy="270" rx="14" ry="22" fill="EAR"/>\n',
    )
    hair = (
        '    <path d="M160,220C156,120 210,112 240,112C270,112 324,120 320,220Z" fill="#9a6a44"/>\n'
        '    <path d="M170,196H310Q324,196 324,210V218Q324,232 310,232H170Q156,232 156,218'
        'V210Q156,196 170,196Z" fill="#86593a"/>\n'
        '    <path d="M170,200v28M184,200v28M198,200v28M212,200v28M226,200v28M240,200v28'
        'M254,200v28M268,200v28M282,200v28M296,200v28M310,200v28" fill="none" stroke="#7a5034"'
        ' stroke-width="3"/>\n'
    )
    return Look(
        "traveller",
        "a fellow traveller: knitted hat, thick scarf, brown padded coat, a striped woven bag",
        Face(skin, shadow, "#3a3030", 150, 348, 144, age="adult"),
        behind=behind,
        body=body,
        head=head,
        hair=hair,
        head_transform="translate(0,22)",
        moods=("neutral",),
    )


LOOKS: tuple[Callable[[], Look | list[Look]], ...] = (
    qin_looks,
    lei_look,
    nainai_looks,
    guoping_look,
    xiulan_look,
    supervisor_look,
    peng_look,
    teacher_look,
    scalper_look,
    traveller_look,
)


def all_looks() -> list[Look]:
    looks: list[Look] = []
    for make in LOOKS:
        made = make()
        looks.extend(made if isinstance(made, list) else [made])
    return looks


def file_name(look: Look, mood: str) -> str:
    return look.file if mood == "neutral" else f"{look.file}_{mood}"


def write_all(out: Path) -> list[Path]:
    """Write every look in every mood it has; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for look in all_looks():
        for mood in look.moods:
            path = out / f"{file_name(look, mood)}.svg"
            path.write_text(svg(look, mood), encoding="utf-8")
            written.append(path)
    return written


def contact_sheet(
    files: list[Path], target: Path, size: tuple[int, int] = (150, 200), per_row: int = 3
) -> None:
    """Render ``files`` with pygame-ce's nanosvg into one PNG: each look's moods side by
    side (neutral, happy, sad, angry), ``per_row`` looks to a row."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    pygame.init()
    looks: dict[str, dict[str, Path]] = {}
    for path in files:
        stem = path.stem
        mood = next((m for m in MOODS[1:] if stem.endswith("_" + m)), "neutral")
        base = stem if mood == "neutral" else stem[: -len(mood) - 1]
        looks.setdefault(base, {})[mood] = path
    pad, gap = 6, 22
    group_w = len(MOODS) * (size[0] + pad) - pad
    rows = -(-len(looks) // per_row)
    sheet = pygame.Surface((gap + per_row * (group_w + gap), gap + rows * (size[1] + gap)))
    sheet.fill((44, 50, 66))
    for index, moods in enumerate(looks.values()):
        gx = gap + (index % per_row) * (group_w + gap)
        gy = gap + (index // per_row) * (size[1] + gap)
        for column, mood in enumerate(MOODS):
            if mood not in moods:
                continue
            card = pygame.Surface(size)
            card.fill((206, 196, 180))
            card.blit(pygame.image.load_sized_svg(str(moods[mood]), size), (0, 0))
            sheet.blit(card, (gx + column * (size[0] + pad), gy))
    target.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=paths.ASSETS_DIR / "portraits")
    parser.add_argument("--sheet", type=Path, help="also write a contact sheet PNG here")
    args = parser.parse_args(argv)
    files = write_all(args.out)
    print(f"wrote {len(files)} portraits to {args.out}")
    if args.sheet:
        contact_sheet(files, args.sheet)
        print(f"contact sheet: {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A chart as plain shapes, painted into the documentation's files: a PNG for Word (Pillow) and
vector drawing for the PDF (fpdf2), both from the same list.

Coordinates are in the units of the web page's SVG (1600 wide, y downwards, a text's y is its
baseline), so a drawing reads like the SVG it is printed from. Text is drawn with the DejaVu
Sans shipped in ./fonts (æøå äö and the rest of Latin), never a font of the server's.
"""

import io
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parent / "fonts"
INK = "#1a1a1a"  # text and axes: near black, as the page's ink


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 2


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = 40
    bold: bool = False
    anchor: str = "start"  # "start", "middle" or "end", as SVG's text-anchor
    fill: str = INK


@dataclass
class Drawing:
    width: float
    height: float
    shapes: list = field(default_factory=list)

    def add(self, *shapes, dy=0):
        """Shapes placed `dy` lower (an SVG <g transform="translate(0 dy)">)."""
        for shape in shapes:
            self.shapes.append(_moved(shape, dy) if dy else shape)


def _moved(shape, dy):
    if isinstance(shape, Rect | Text):
        return replace(shape, y=shape.y + dy)
    if isinstance(shape, Circle):
        return replace(shape, cy=shape.cy + dy)
    return replace(shape, y1=shape.y1 + dy, y2=shape.y2 + dy)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


# --- PNG, for Word ------------------------------------------------------------------------------


@cache
def font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size=max(1, round(size)))


PIL_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # left, middle, right at the baseline


def png(drawing, *, scale=1.0):
    """The drawing as PNG bytes, `scale` pixels per unit (1600 pixels fill a page's width at
    about 230 dpi), on white. Text is smoothed by FreeType; the shapes' edges are not, which
    print hides at that density and which saves drawing it twice the size (a third of the
    time). A few flat colours: 64 of them halve the file."""
    size = (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale)))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        _paint_png(draw, shape, scale)
    buffer = io.BytesIO()
    image.quantize(colors=64).save(buffer, format="PNG")
    return buffer.getvalue()


def _paint_png(draw, shape, k):
    if isinstance(shape, Rect):
        box = [shape.x * k, shape.y * k, (shape.x + shape.w) * k, (shape.y + shape.h) * k]
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            return
        draw.rectangle(
            box,
            fill=shape.fill,
            outline=shape.stroke,
            width=max(1, round(shape.width * k)) if shape.stroke else 0,
        )
    elif isinstance(shape, Circle):
        box = [(shape.cx - shape.r) * k, (shape.cy - shape.r) * k]
        box += [(shape.cx + shape.r) * k, (shape.cy + shape.r) * k]
        draw.ellipse(
            box,
            fill=shape.fill,
            outline=shape.stroke,
            width=max(1, round(shape.width * k)) if shape.stroke else 0,
        )
    elif isinstance(shape, Line):
        points = [shape.x1 * k, shape.y1 * k, shape.x2 * k, shape.y2 * k]
        draw.line(points, fill=shape.stroke, width=max(1, round(shape.width * k)))
    else:
        draw.text(
            (shape.x * k, shape.y * k),
            shape.text,
            fill=shape.fill,
            font=font(shape.size * k, shape.bold),
            anchor=PIL_ANCHORS[shape.anchor],
        )


# --- Vector drawing, for the PDF -------------------------------------------------------------

PT_PER_MM = 72 / 25.4


def pdf(document, drawing, *, x, y, width, text=str):
    """Paint the drawing on an fpdf2 document, its top left at (x, y) mm, `width` mm wide.
    `text` makes a label printable in the document's fonts (the PDF's built-in Helvetica)."""
    k = width / drawing.width
    with document.local_context():
        for shape in drawing.shapes:
            _paint_pdf(document, shape, k, x, y, text)


def _style(document, fill, stroke, width, k):
    if fill:
        document.set_fill_color(*_rgb(fill))
    if stroke:
        document.set_draw_color(*_rgb(stroke))
        document.set_line_width(width * k)
    return ("F" if fill else "") + ("D" if stroke else "") or None


def _paint_pdf(document, shape, k, x0, y0, text):
    if isinstance(shape, Rect):
        style = _style(document, shape.fill, shape.stroke, shape.width, k)
        if style and shape.w > 0 and shape.h > 0:
            document.rect(x0 + shape.x * k, y0 + shape.y * k, shape.w * k, shape.h * k, style)
    elif isinstance(shape, Circle):
        style = _style(document, shape.fill, shape.stroke, shape.width, k)
        if style:
            document.circle(
                x=x0 + shape.cx * k, y=y0 + shape.cy * k, radius=shape.r * k, style=style
            )
    elif isinstance(shape, Line):
        _style(document, None, shape.stroke, shape.width, k)
        document.line(x0 + shape.x1 * k, y0 + shape.y1 * k, x0 + shape.x2 * k, y0 + shape.y2 * k)
    else:
        label = text(shape.text)
        document.set_font("Helvetica", "B" if shape.bold else "", shape.size * k * PT_PER_MM)
        document.set_text_color(*_rgb(shape.fill))
        left = x0 + shape.x * k
        if shape.anchor != "start":
            shift = document.get_string_width(label)
            left -= shift / 2 if shape.anchor == "middle" else shift
        document.text(left, y0 + shape.y * k, label)

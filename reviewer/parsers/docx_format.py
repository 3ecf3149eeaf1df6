"""Word run formatting that hides text: vanish, white-on-light colour and tiny font size, resolved through styles."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
MIN_VISIBLE_HALF_POINTS = 4    # w:sz is in half-points: text of 2 pt or less cannot be read
TRUE_VALUES = {"1", "true", "on"}


def toggle(el: etree._Element | None) -> bool | None:
    """A WordprocessingML on/off property: absent → None, <w:x/> → True, w:val="0|false|off" → False."""
    if el is None:
        return None
    val = el.get(W + "val")
    return True if val is None else val.lower() in TRUE_VALUES


def is_dark(hex_colour: str | None) -> bool:
    """Whether a background colour (RRGGBB, or a highlight name) is dark enough for white text to show."""
    if not hex_colour or hex_colour.lower() in ("auto", "none", "white", "ffffff"):
        return False
    if hex_colour.lower() in ("black", "darkblue", "darkcyan", "darkgreen", "darkmagenta",
                              "darkred", "darkgray", "blue", "red", "green", "magenta"):
        return True
    try:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return 0.299 * r + 0.587 * g + 0.114 * b < 160


@dataclass(slots=True)
class RunProps:
    """The few run properties that decide whether text is seen; None means "not set here"."""

    vanish: bool | None = None
    colour: str | None = None
    size: int | None = None
    background: str | None = None

    def over(self, base: "RunProps") -> "RunProps":
        """These properties, falling back to `base` where unset."""
        return RunProps(self.vanish if self.vanish is not None else base.vanish,
                        self.colour if self.colour is not None else base.colour,
                        self.size if self.size is not None else base.size,
                        self.background if self.background is not None else base.background)


def read_rpr(rpr: etree._Element | None) -> RunProps:
    if rpr is None:
        return RunProps()
    vanish = toggle(rpr.find(W + "vanish"))
    spec = toggle(rpr.find(W + "specVanish"))
    if spec:
        vanish = True
    colour = None
    c = rpr.find(W + "color")
    if c is not None:
        colour = c.get(W + "val")
    size = None
    sz = rpr.find(W + "sz")
    if sz is not None:
        try:
            size = int(float(sz.get(W + "val", "")))
        except ValueError:
            size = None
    background = None
    shd = rpr.find(W + "shd")
    if shd is not None and shd.get(W + "fill") not in (None, "auto"):
        background = shd.get(W + "fill")
    hl = rpr.find(W + "highlight")
    if hl is not None and hl.get(W + "val") not in (None, "none"):
        background = hl.get(W + "val")
    return RunProps(vanish, colour, size, background)


class Styles:
    """Paragraph and character styles of word/styles.xml, reduced to the properties in RunProps."""

    def __init__(self, root: etree._Element | None):
        self._raw: dict[str, tuple[str | None, RunProps]] = {}
        self._resolved: dict[str, RunProps] = {}
        self.defaults = RunProps()
        self.default_paragraph: str | None = None
        if root is None:
            return
        rpr_default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = read_rpr(rpr_default)
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            based = st.find(W + "basedOn")
            self._raw[sid] = (based.get(W + "val") if based is not None else None,
                              read_rpr(st.find(W + "rPr")))
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid

    def props(self, style_id: str | None) -> RunProps:
        """A style's run properties with its basedOn chain applied (cycles cut)."""
        if not style_id or style_id not in self._raw:
            return RunProps()
        if style_id in self._resolved:
            return self._resolved[style_id]
        chain: list[RunProps] = []
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid in self._raw and sid not in seen and len(seen) < 50:
            seen.add(sid)
            based, own = self._raw[sid]
            chain.append(own)
            sid = based
        result = RunProps()
        for own in reversed(chain):
            result = own.over(result)
        self._resolved[style_id] = result
        return result

    def paragraph_props(self, ppr: etree._Element | None, background: str | None = None) -> RunProps:
        """Run properties a paragraph's style gives its runs, plus the shading behind it (its own or the cell's)."""
        sid = self.default_paragraph
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                sid = ps.get(W + "val")
            shd = ppr.find(W + "shd")
            if shd is not None and shd.get(W + "fill") not in (None, "auto"):
                background = shd.get(W + "fill")
        return RunProps(background=background).over(self.props(sid).over(self.defaults))

    def run_props(self, rpr: etree._Element | None, paragraph: RunProps) -> RunProps:
        own = read_rpr(rpr)
        if rpr is not None:
            rs = rpr.find(W + "rStyle")
            if rs is not None:
                own = own.over(self.props(rs.get(W + "val")))
        return own.over(paragraph)


def concealment(props: RunProps) -> str | None:
    """"hidden_text" for vanished runs, "white_text" for white-on-light or ≤ 2 pt text, else None."""
    if props.vanish:
        return "hidden_text"
    if props.size is not None and props.size <= MIN_VISIBLE_HALF_POINTS:
        return "white_text"
    if props.colour and props.colour.upper() == "FFFFFF" and not is_dark(props.background):
        return "white_text"
    return None

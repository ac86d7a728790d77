"""Drawings of the theme lineage (:mod:`idmkg.lineage`) with matplotlib: SVG and PNG.

Dialogue years are columns, left to right. Each column has two lanes: on the left the
candidates put forward for that year (overarching themes on top, workshop topics below,
grouped by the workshop they became), on the right the year itself and, below it, the
year's intersessional workshops. Arrows are the transitions the notes record; a transition
between years (a theme proposed again, a theme that builds on an earlier one) runs in a
channel above the columns, labelled. The discussion notes are a strip at the bottom; a
legend explains the styles.

The layout is computed in inches from the measured size of every label (so boxes fit their
wrapped text), without randomness: the same lineage gives the same drawing. Text is drawn as
paths in SVG, and SVG/PNG carry no date, so outputs are byte-for-byte reproducible.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field

from .lineage import CANDIDATE_KINDS, OUTCOME_KINDS, PROPOSAL_KINDS, TAKE_UP_KINDS

FONT = "DejaVu Sans"
INK, MUTED, FAINT = "#263238", "#546e7a", "#90a4ae"
DPI = 110
RC = {"font.family": FONT, "svg.fonttype": "path", "svg.hashsalt": "idmkg-lineage", "path.simplify": False}

#: node state -> (face colour, edge colour, line width, line style, kicker word)
NODE_STYLE = {
    "selected": ("#dcedc8", "#33691e", 1.6, "solid", "selected"),
    "merged": ("#ede7f6", "#5e35b1", 1.3, "solid", "merged into a workshop"),
    "open": ("#fff3e0", "#e65100", 1.3, (0, (1.5, 1.5)), "open"),
    "not-selected": ("#f5f5f5", "#9e9e9e", 1.0, (0, (4, 2)), "proposed only"),
    "proposed": ("#f5f5f5", "#9e9e9e", 1.0, "solid", "proposed"),
    "held": ("#bbdefb", "#0d47a1", 1.6, "solid", "held"),
    "planned": ("#ffffff", "#0d47a1", 1.3, (0, (4, 2)), "planned"),
    "announced": ("#ffffff", "#0d47a1", 1.0, (0, (1.5, 1.5)), "announced"),
    "year": ("#37474f", "#263238", 1.0, "solid", "dialogue year"),
    "note": ("#ffffff", "#b0bec5", 0.9, "solid", "note"),
}
RENAMED_EDGE = "#c62828"
#: drawn edge style -> (colour, line width, line style, legend words)
EDGE_STYLE = {
    "selected": ("#33691e", 2.0, "solid", "selected as the year's overarching theme"),
    "not-selected": ("#9e9e9e", 1.3, (0, (5, 3)), "proposed, not selected"),
    "open": ("#e65100", 1.3, (0, (1.5, 2)), "proposed, still open"),
    "proposed": ("#b0bec5", 1.0, "solid", "proposed"),
    "taken-up": ("#0d47a1", 2.0, "solid", "topic taken up as the workshop"),
    "merged": ("#5e35b1", 1.5, "solid", "topic merged into the workshop"),
    "workshop-of": ("#78909c", 1.0, "solid", "workshop of the year"),
    "builds-on": ("#6d4c41", 1.5, (0, (6, 2, 1.5, 2)), "builds on an earlier theme"),
}
SIZE = {"kicker": 6.3, "label": 8.5, "extra": 7.0, "year": 11.0, "header": 16.0, "title": 15.0,
        "subtitle": 8.5, "edge": 7.2, "caption": 8.0, "legend": 7.5}
WRAP = {"label": 32, "extra": 42, "note": 26}
LINESPACING = 1.15
PAD_X, PAD_Y, LINE_GAP = 0.08, 0.065, 0.035
V_GAP, SECTION_GAP, LANE_GAP, COL_GAP = 0.16, 0.42, 0.55, 0.6
MARGIN, CHANNEL_STEP, SPINE = 0.35, 0.34, 0.16


@dataclass
class TextSpec:
    text: str
    size: float
    weight: str = "normal"
    style: str = "normal"
    color: str = INK
    w: float = 0.0
    h: float = 0.0


@dataclass
class Box:
    """A node's box: centre (x, y) in inches from the top-left, width, height, its texts."""
    node: str
    specs: list[TextSpec]
    w: float = 0.0
    h: float = 0.0
    x: float = 0.0
    y: float = 0.0
    lane: str = ""
    col: int = 0
    centered: bool = False

    @property
    def left(self):
        return self.x - self.w / 2

    @property
    def right(self):
        return self.x + self.w / 2

    @property
    def top(self):
        return self.y - self.h / 2

    @property
    def bottom(self):
        return self.y + self.h / 2


@dataclass
class Route:
    """A drawn arrow: the model edges it stands for, its style and its points (inches, from top)."""
    source: str
    target: str
    keys: list[str]
    style: str
    points: list[tuple[float, float]]
    label: str = ""
    label_at: tuple[float, float] | None = None


@dataclass
class Plan:
    width: float
    height: float
    boxes: dict[str, Box]
    routes: list[Route]
    columns: list[tuple[int, float, float]]        # year, left, right
    bands: tuple[float, float] = (0.0, 0.0)        # top, bottom of the column bands
    header_y: float = 0.0
    title: list[TextSpec] = field(default_factory=list)
    note_caption: tuple[float, float] | None = None
    legend_at: tuple[float, float] = (0.0, 0.0)
    legend_ncol: int = 4


class Measurer:
    """Sizes of texts in inches, measured with matplotlib's Agg renderer."""

    def __init__(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(dpi=72)
        FigureCanvasAgg(self.fig)
        self.renderer = self.fig.canvas.get_renderer()

    def measure(self, spec: TextSpec) -> TextSpec:
        t = self.fig.text(0, 0, spec.text, fontsize=spec.size, fontweight=spec.weight, fontstyle=spec.style,
                          fontfamily=FONT, linespacing=LINESPACING)
        bb = t.get_window_extent(self.renderer)
        t.remove()
        # a little room for the rounding of glyph positions at other resolutions
        spec.w, spec.h = bb.width / 72 * 1.03 + 0.02, bb.height / 72
        return spec

    def legend_size(self, ncol: int) -> tuple[float, float]:
        ax = self.fig.add_axes((0, 0, 1, 1))
        leg = ax.legend(*legend_entries(), ncol=ncol, fontsize=SIZE["legend"], frameon=False,
                        prop={"family": FONT, "size": SIZE["legend"]})
        bb = leg.get_window_extent(self.renderer)
        self.fig.delaxes(ax)
        return bb.width / 72, bb.height / 72


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)) or text


def _date(iso: str) -> str:
    import datetime

    try:
        d = datetime.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%b')} {d.year}"


def node_specs(G, n: str) -> list[TextSpec]:
    d = G.nodes[n]
    kind, state = d["kind"], d["state"]
    style = NODE_STYLE.get(state, NODE_STYLE["proposed"])
    if kind == "year":
        return [TextSpec(d["label"], SIZE["year"], "bold", color="#ffffff")]
    if kind == "note":
        when = _date(d.get("date", ""))
        kicker = (f"NOTE · ISSUED {when}" if d.get("date_basis") == "issued" else
                  f"NOTE · AFTER {when} CONSULTATIONS" if when else "NOTE")
        return [TextSpec(kicker.upper(), SIZE["kicker"], color=MUTED),
                TextSpec(_wrap(d.get("short") or d["label"], WRAP["note"]), SIZE["label"], "bold"),
                TextSpec(f"about IDM {d['year']}" if d["year"] else "", SIZE["extra"], color=MUTED)]
    if kind == "workshop":
        number = n.split(":")[-1]
        when = f", {_date(d['date'])}" if d.get("date") else ""
        specs = [TextSpec(f"WORKSHOP {number} · {style[4]}{when}".upper(), SIZE["kicker"], color=MUTED),
                 TextSpec(_wrap(d.get("held_title") or d["label"], WRAP["label"]), SIZE["label"])]
        if d.get("announced_title"):
            specs.append(TextSpec(_wrap(f"renamed: announced as “{d['announced_title']}”", WRAP["extra"]),
                                  SIZE["extra"], style="italic", color=RENAMED_EDGE))
        return specs
    what = "OVERARCHING THEME" if kind == "theme" else "WORKSHOP TOPIC"
    return [TextSpec(f"{what} · {style[4]}".upper(), SIZE["kicker"], color=MUTED),
            TextSpec(_wrap(d["label"], WRAP["label"]), SIZE["label"], "bold" if kind == "theme" else "normal")]


def _state_rank(state: str) -> int:
    return ["selected", "merged", "open", "proposed", "not-selected"].index(state) if state in (
        "selected", "merged", "open", "proposed", "not-selected") else 9


def _drawn_pairs(G) -> dict[tuple[str, str], list[str]]:
    """Model edges grouped into drawn arrows; left out: note-for (the notes are a strip),
    renamed (written in the workshop's box) and a topic's proposal and outcome edges to its
    year (the topic sits in its year's column and its colour gives the outcome)."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for u, v, k in G.edges(keys=True):
        if k in ("note-for", "renamed"):
            continue
        if k in PROPOSAL_KINDS + OUTCOME_KINDS and G.nodes[u]["kind"] == "topic":
            continue
        pairs.setdefault((u, v), []).append(k)
    return pairs


def _style_of(G, u, v, keys: list[str]) -> str:
    ks = set(keys)
    if "builds-on" in ks:
        return "builds-on"
    if "taken-up-as-workshop" in ks:
        return "taken-up"
    if "merged-into" in ks:
        return "merged"
    if "workshop-of" in ks:
        return "workshop-of"
    if "selected-as" in ks:
        return "selected"
    if "not-selected" in ks:
        return "not-selected"
    outcomes = {G.edges[u, v, k].get("outcome") for k in ks if k in PROPOSAL_KINDS}
    return "open" if "open" in outcomes else "proposed"


def short_label(G, n: str) -> str:
    """A title up to its colon: "Human Rights and Migration" for the 2009 theme."""
    label = G.nodes[n]["label"]
    head = label.split(":", 1)[0].strip()
    return head if len(head) >= 12 else label


def _route_label(G, u, v, keys: list[str]) -> str:
    ks = set(keys)
    if "builds-on" in ks:
        return f"{short_label(G, u)} builds on {short_label(G, v)}"
    words = []
    if "proposed-again" in ks:
        words.append(f"proposed again for {G.nodes[v]['label']}")
    elif "proposed-for" in ks:
        words.append(f"proposed for {G.nodes[v]['label']}")
    if "selected-as" in ks:
        words.append("selected")
    if "not-selected" in ks:
        words.append("not selected")
    return " · ".join(words) or ", ".join(keys)


def legend_entries():
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, labels = [], []
    for state, words in (("selected", "theme or topic selected"), ("merged", "topic merged into a workshop"),
                         ("not-selected", "proposed only (not selected)"), ("open", "proposed, open (no choice yet)"),
                         ("held", "workshop held"), ("planned", "workshop planned")):
        face, edge, lw, ls, _ = NODE_STYLE[state]
        handles.append(Patch(facecolor=face, edgecolor=edge, linewidth=lw, linestyle=ls))
        labels.append(words)
    handles.append(Patch(facecolor=NODE_STYLE["held"][0], edgecolor=RENAMED_EDGE, linewidth=2.0))
    labels.append("workshop renamed (held under a new title)")
    for style in ("selected", "not-selected", "open", "taken-up", "merged", "workshop-of", "builds-on"):
        color, lw, ls, words = EDGE_STYLE[style]
        handles.append(Line2D([0], [0], color=color, linewidth=lw, linestyle=ls))
        labels.append(words)
    return handles, labels


def plan_layout(G, title: str | None = None) -> Plan:
    """Where everything goes, in inches from the top-left corner."""
    m = Measurer()
    boxes: dict[str, Box] = {}
    for n in G.nodes:
        specs = [m.measure(s) for s in node_specs(G, n) if s.text]
        boxes[n] = Box(n, specs, centered=G.nodes[n]["kind"] == "year")
    lane_w = max([max(s.w for s in b.specs) for n, b in boxes.items()
                  if G.nodes[n]["kind"] in ("theme", "topic", "workshop")] or [1.6]) + 2 * PAD_X
    for n, b in boxes.items():
        kind = G.nodes[n]["kind"]
        inner = sum(s.h for s in b.specs) + LINE_GAP * (len(b.specs) - 1)
        b.h = inner + 2 * PAD_Y + (0.08 if kind == "year" else 0)
        b.w = lane_w if kind in ("theme", "topic", "workshop") else (
            max(s.w for s in b.specs) + 2 * PAD_X + (0.3 if kind == "year" else 0))

    nonnote = [n for n in G.nodes if G.nodes[n]["kind"] != "note"]
    years = sorted({G.nodes[n]["year"] for n in nonnote if G.nodes[n]["year"]}) or [0]
    col_of = {n: years.index(G.nodes[n]["year"]) if G.nodes[n]["year"] in years else 0 for n in nonnote}
    pairs = _drawn_pairs(G)

    # lanes per column
    lanes: dict[int, dict[str, list[str]]] = {i: {"P": [], "O": []} for i in range(len(years))}
    for n in nonnote:
        kind = G.nodes[n]["kind"]
        lanes[col_of[n]]["P" if kind in CANDIDATE_KINDS else "O"].append(n)

    def workshop_of_topic(t):
        ws = [v for (u, v), ks in pairs.items() if u == t and set(ks) & set(TAKE_UP_KINDS)]
        if not ws:
            return (1, 0, "", 0)
        w = min(ws, key=lambda w: G.nodes[w].get("ordinal", 0))
        ks = pairs[(t, w)]
        return (0, G.nodes[w].get("ordinal", 0), w, 0 if "taken-up-as-workshop" in ks else 1)

    # vertical placement, per column; x later
    title_specs = [m.measure(TextSpec(title or default_title(G), SIZE["title"], "bold")),
                   m.measure(TextSpec(_wrap(subtitle(G), 170), SIZE["subtitle"], color=MUTED))]
    header_y = MARGIN + sum(s.h for s in title_specs) + 0.25
    cross = [(u, v) for (u, v) in pairs if u in col_of and v in col_of and col_of[u] != col_of[v]]
    top = header_y + 0.45 + CHANNEL_STEP * len(cross) + 0.2
    for i, lane in lanes.items():
        themes = sorted((n for n in lane["P"] if G.nodes[n]["kind"] == "theme"),
                        key=lambda n: (_state_rank(G.nodes[n]["state"]), G.nodes[n]["label"]))
        topics = sorted((n for n in lane["P"] if G.nodes[n]["kind"] == "topic"),
                        key=lambda n: (workshop_of_topic(n), _state_rank(G.nodes[n]["state"]), G.nodes[n]["label"]))
        y = top
        for n in themes:
            boxes[n].y, y = y + boxes[n].h / 2, y + boxes[n].h + V_GAP
        theme_mid = (boxes[themes[0]].top + boxes[themes[-1]].bottom) / 2 if themes else None
        if themes and topics:
            y += SECTION_GAP - V_GAP
        for n in topics:
            boxes[n].y, y = y + boxes[n].h / 2, y + boxes[n].h + V_GAP
        lane["P"] = themes + topics
        yrs = [n for n in lane["O"] if G.nodes[n]["kind"] == "year"]
        ws = sorted((n for n in lane["O"] if G.nodes[n]["kind"] == "workshop"),
                    key=lambda n: (G.nodes[n].get("ordinal", 0), n))
        floor = top
        for n in yrs:
            b = boxes[n]
            b.y = max(theme_mid if theme_mid is not None else top + b.h / 2, top + b.h / 2)
            floor = b.bottom + V_GAP + 0.1
        wanted = {}
        for w in ws:
            feeders = [u for (u, v), ks in pairs.items() if v == w and u in boxes and col_of.get(u) == i
                       and G.nodes[u]["kind"] == "topic"]
            wanted[w] = (sum(boxes[u].y for u in feeders) / len(feeders)) if feeders else None
        for w in ws:  # in ordinal order, each below the previous one
            b = boxes[w]
            want = wanted[w] if wanted[w] is not None else floor + b.h / 2
            b.y = max(want, floor + b.h / 2)
            floor = b.bottom + V_GAP
        lane["O"] = yrs + ws

    # horizontal placement
    x = MARGIN + 0.15
    columns = []
    for i, year in enumerate(years):
        lane = lanes[i]
        p_w = lane_w if lane["P"] else 0.0
        o_w = max([boxes[n].w for n in lane["O"]] or [0.0])
        left = x
        for n in lane["P"]:
            boxes[n].x, boxes[n].lane, boxes[n].col = x + p_w / 2, "P", i
        ox = x + p_w + (LANE_GAP if p_w and o_w else 0)
        for n in lane["O"]:
            boxes[n].x, boxes[n].lane, boxes[n].col = ox + o_w / 2, "O", i
        right = ox + o_w + (SPINE + 0.05 if any(G.nodes[n]["kind"] == "workshop" for n in lane["O"]) else 0)
        columns.append((year, left - 0.2, right + 0.2))
        x = right + COL_GAP
    width = max(x - COL_GAP + MARGIN + 0.15, max(s.w for s in title_specs) + 2 * MARGIN)
    nodes_bottom = max([boxes[n].bottom for n in nonnote] or [top])

    routes = _routes(G, boxes, pairs, col_of, lanes, header_y + 0.45)

    # the notes strip
    notes = sorted((n for n in G.nodes if G.nodes[n]["kind"] == "note"),
                   key=lambda n: (G.nodes[n].get("date", ""), n))
    y = nodes_bottom + 0.55
    caption = None
    if notes:
        caption = (MARGIN, y)
        y += 0.3
        x, row_h = MARGIN, 0.0
        for n in notes:
            b = boxes[n]
            if x + b.w > width - MARGIN and x > MARGIN:
                x, y, row_h = MARGIN, y + row_h + V_GAP, 0.0
            b.x, b.y, b.lane = x + b.w / 2, y + b.h / 2, "N"
            x += b.w + 0.25
            row_h = max(row_h, b.h)
        y += row_h
    ncol = 5
    while ncol > 1 and m.legend_size(ncol)[0] > width - 2 * MARGIN:
        ncol -= 1
    leg_w, leg_h = m.legend_size(ncol)
    legend_at = (MARGIN, y + 0.3)
    height = legend_at[1] + leg_h + MARGIN
    return Plan(width, height, boxes, routes, columns, (header_y - 0.05, nodes_bottom + 0.3), header_y,
                title_specs, caption, legend_at, ncol)


def _routes(G, boxes, pairs, col_of, lanes, channel_top) -> list[Route]:
    routes: list[Route] = []
    incoming: dict[str, list[tuple[float, tuple]]] = {}
    local, cross, spine = [], [], []
    for (u, v), keys in pairs.items():
        if u not in boxes or v not in boxes:
            continue
        if col_of.get(u) != col_of.get(v):
            cross.append((u, v, keys))
        elif "workshop-of" in keys and len(keys) == 1:
            spine.append((u, v, keys))
        else:
            local.append((u, v, keys))
            incoming.setdefault(v, []).append((boxes[u].y, (u, v)))
    # left-to-right arrows within a column, spread along the target's left side
    entry = {}
    for v, items in incoming.items():
        items.sort()
        b = boxes[v]
        for i, (_, pair) in enumerate(items):
            entry[pair] = b.top + b.h * (i + 1) / (len(items) + 1)
    for u, v, keys in local:
        a, b = boxes[u], boxes[v]
        routes.append(Route(u, v, keys, _style_of(G, u, v, keys), [(a.right, a.y), (b.left, entry[(u, v)])]))
    # the year's workshops: a spine on the right of the year's lane
    for u, v, keys in spine:
        a, b = boxes[u], boxes[v]
        sx = b.right + SPINE
        routes.append(Route(u, v, keys, "workshop-of", [(a.right, a.y), (sx, a.y), (sx, b.y), (b.right, b.y)]))
    # between columns: through channels above the columns
    cross.sort(key=lambda c: (abs(boxes[c[0]].x - boxes[c[1]].x), c[0], c[1]))

    def lane_top(n):
        b = boxes[n]
        lane = lanes[b.col][b.lane]
        return lane and lane[0] == n

    for k, (u, v, keys) in enumerate(cross):
        a, b = boxes[u], boxes[v]
        cy = channel_top + CHANNEL_STEP * (len(cross) - k)
        off = 0.18 + 0.09 * k
        if lane_top(u):
            sx = a.x + (0.25 if b.x > a.x else -0.25)
            start = [(sx, a.top), (sx, cy)]
        else:
            start = [(a.left, a.y), (a.left - off, a.y), (a.left - off, cy)]
        if lane_top(v):
            tx = b.x + (-0.25 if b.x > a.x else 0.25)
            end = [(tx, cy), (tx, b.top)]
        else:
            end = [(b.left - off, cy), (b.left - off, b.y), (b.left, b.y)]
        label = _route_label(G, u, v, keys)
        routes.append(Route(u, v, keys, _style_of(G, u, v, keys), start + end, label, None))
    return routes


def default_title(G) -> str:
    focus = G.graph.get("focus")
    years = sorted({d["year"] for _, d in G.nodes(data=True) if d["kind"] == "year"})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    if focus and focus in G:
        return f"Lineage of “{G.nodes[focus]['label']}”" + (f", IDM {span}" if span else "")
    return f"Theme lineage of the IOM International Dialogue on Migration, {span}"


def subtitle(G) -> str:
    notes = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "note")
    return (f"Read from {notes} discussion note{'s' if notes != 1 else ''} through the idmkg knowledge graph. "
            "Columns are dialogue years; in each, the themes and workshop topics put forward for that year "
            "(left) and the year with its intersessional workshops (right). Workshop topics are listed under "
            "the year they were offered for, grouped by the workshop they became; colours give the outcome.")


@dataclass
class Drawing:
    """A drawn lineage: the figure, and its artists by role (for tests and the HTML page)."""
    fig: object
    plan: Plan
    boxes: dict = field(default_factory=dict)          # node -> FancyBboxPatch
    node_texts: dict = field(default_factory=dict)     # node -> [Text]
    edges: list = field(default_factory=list)          # (Route, FancyArrowPatch)
    labels: list = field(default_factory=list)         # free texts: title, headers, edge labels, captions
    legend: object = None

    def label_boxes(self, renderer=None) -> list[tuple[str, object]]:
        """Every element that carries words, with its extent in display units: node boxes
        (their texts are inside them), free texts and the legend."""
        renderer = renderer or self.fig.canvas.get_renderer()
        out = [(f"node {n}", p.get_window_extent(renderer)) for n, p in self.boxes.items()]
        out += [(f"text {t.get_text()[:40]!r}", t.get_window_extent(renderer)) for t in self.labels]
        if self.legend is not None:
            out.append(("legend", self.legend.get_window_extent(renderer)))
        return out


def draw(G, title: str | None = None, ids: bool = False) -> Drawing:
    """Draw the lineage on a new matplotlib Figure (Agg canvas; no pyplot). With ``ids``,
    artists get SVG ids: ``lin-node-N`` (box and its texts ``lin-node-N-tK``) and
    ``lin-edge-N`` in the order of ``Drawing.plan``."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle
    from matplotlib.path import Path as MPath

    with matplotlib.rc_context(RC):
        plan = plan_layout(G, title)
        W, H = plan.width, plan.height
        fig = Figure(figsize=(W, H), dpi=DPI, facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, W)
        ax.set_ylim(0, H)
        ax.set_axis_off()
        drawing = Drawing(fig, plan)

        def Y(y):
            return H - y

        def text(x, y, s, spec_or_size, **kw):
            if isinstance(spec_or_size, TextSpec):
                kw.setdefault("color", spec_or_size.color)
                kw.setdefault("fontweight", spec_or_size.weight)
                kw.setdefault("fontstyle", spec_or_size.style)
                size = spec_or_size.size
            else:
                size = spec_or_size
            return ax.text(x, Y(y), s, fontsize=size, fontfamily=FONT, **kw)

        # title
        y = MARGIN
        for spec in plan.title:
            drawing.labels.append(text(MARGIN, y, spec.text, spec, va="top", ha="left"))
            y += spec.h + 0.06
        # column bands and headers
        top, bottom = plan.bands
        for i, (year, left, right) in enumerate(plan.columns):
            ax.add_patch(Rectangle((left, Y(bottom)), right - left, bottom - top, facecolor="#f4f6f7" if i % 2 == 0
                                   else "#fbfcfc", edgecolor="none", zorder=0))
            drawing.labels.append(text((left + right) / 2, plan.header_y, str(year) if year else "",
                                       SIZE["header"], ha="center", va="top", color=FAINT, fontweight="bold"))
        # edges
        for i, route in enumerate(plan.routes):
            color, lw, ls, _ = EDGE_STYLE[route.style]
            pts = [(x, Y(y)) for x, y in route.points]
            codes = [MPath.MOVETO] + [MPath.LINETO] * (len(pts) - 1)
            arrow = FancyArrowPatch(path=MPath(pts, codes), arrowstyle="-|>", mutation_scale=9, color=color,
                                    linewidth=lw, linestyle=ls, shrinkA=0, shrinkB=1.5, zorder=2,
                                    joinstyle="miter", capstyle="butt")
            if ids:
                arrow.set_gid(f"lin-edge-{i}")
            ax.add_patch(arrow)
            drawing.edges.append((route, arrow))
        # nodes
        index = {n: i for i, n in enumerate(G.nodes)}
        for n, b in plan.boxes.items():
            kind = G.nodes[n]["kind"]
            face, edge, lw, ls, _ = NODE_STYLE.get(G.nodes[n]["state"], NODE_STYLE["proposed"])
            if G.nodes[n].get("announced_title"):
                edge, lw = RENAMED_EDGE, 2.0
            patch = FancyBboxPatch((b.left, Y(b.bottom)), b.w, b.h, boxstyle="round,pad=0,rounding_size=0.06",
                                   facecolor=face, edgecolor=edge, linewidth=lw, linestyle=ls, zorder=3)
            if ids:
                patch.set_gid(f"lin-node-{index[n]}")
            ax.add_patch(patch)
            drawing.boxes[n] = patch
            texts = []
            y = b.top + PAD_Y + (0.04 if kind == "year" else 0)
            for k, spec in enumerate(b.specs):
                if b.centered:
                    t = text(b.x, y, spec.text, spec, ha="center", va="top", zorder=4, linespacing=LINESPACING)
                else:
                    t = text(b.left + PAD_X, y, spec.text, spec, ha="left", va="top", zorder=4, linespacing=LINESPACING)
                if ids:
                    t.set_gid(f"lin-node-{index[n]}-t{k}")
                texts.append(t)
                y += spec.h + LINE_GAP
            drawing.node_texts[n] = texts
        # labels of the arrows between years, where no other arrow crosses
        _place_route_labels(plan, drawing, ax, text)
        if plan.note_caption:
            drawing.labels.append(text(plan.note_caption[0], plan.note_caption[1],
                                       "Discussion notes the transitions are read from, oldest first",
                                       SIZE["caption"], va="top", ha="left", color=MUTED, fontweight="bold"))
        handles, words = legend_entries()
        lx, ly = plan.legend_at
        drawing.legend = ax.legend(handles, words, ncol=plan.legend_ncol, loc="upper left",
                                   bbox_to_anchor=(lx, Y(ly)), bbox_transform=ax.transData, frameon=False,
                                   prop={"family": FONT, "size": SIZE["legend"]}, borderaxespad=0, borderpad=0)
    return drawing


def _place_route_labels(plan: Plan, drawing: Drawing, ax, text) -> None:
    m = Measurer()
    verticals = []
    for r in plan.routes:
        for (x1, y1), (x2, y2) in zip(r.points, r.points[1:]):
            if abs(x1 - x2) < 1e-9:
                verticals.append((x1, min(y1, y2), max(y1, y2)))
    for i, (route, _) in enumerate(drawing.edges):
        if not route.label:
            continue
        horiz = [(p, q) for p, q in zip(route.points, route.points[1:]) if abs(p[1] - q[1]) < 1e-9]
        if not horiz:
            continue
        (x1, y), (x2, _) = max(horiz, key=lambda pq: abs(pq[0][0] - pq[1][0]))
        lo, hi = min(x1, x2), max(x1, x2)
        spec = m.measure(TextSpec(route.label, SIZE["edge"], style="italic"))
        crossing = [vx for vx, vy1, vy2 in verticals if vy1 - 0.2 <= y <= vy2 + 0.01 and lo < vx < hi]
        best, best_gap = (lo + hi) / 2, -1.0
        steps = 40
        for s in range(steps + 1):
            cx = lo + spec.w / 2 + 0.15 + (hi - lo - spec.w - 0.3) * s / steps
            gap = min([abs(cx - vx) - spec.w / 2 for vx in crossing] + [10.0])
            if gap > best_gap + 1e-6:
                best, best_gap = cx, gap
        route.label_at = (best, y - 0.04)
        t = text(best, y - 0.04, route.label, TextSpec(route.label, SIZE["edge"], style="italic",
                                                          color=EDGE_STYLE[route.style][0]), ha="center", va="bottom",
                 zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9})
        drawing.labels.append(t)


def to_image(G, fmt: str, title: str | None = None) -> str | bytes:
    """The drawing as SVG text or PNG bytes, without dates or other varying metadata."""
    import matplotlib

    drawing = draw(G, title)
    buf = io.BytesIO()
    with matplotlib.rc_context(RC):
        if fmt == "svg":
            drawing.fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "idmkg"})
            return buf.getvalue().decode("utf-8")
        drawing.fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": "idmkg"})
    return buf.getvalue()

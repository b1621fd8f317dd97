"""The actor graph: actors as nodes, events as typed directed edges weighted by count.

The layout is a few hundred steps of Fruchterman-Reingold (vectorised with numpy) from a circle, so the
same filter always draws the same picture; panning and zooming are left to ``static/app.js``. The
links come counted from the store (``newsgraph.store.aggregates``), not as event rows.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import numpy as np
from markupsafe import Markup, escape

from newsgraph.store.aggregates import ActorLinks
from newsgraph.web.palette import kind_of_id, quad_of

WIDTH, HEIGHT, MARGIN = 960, 640, 60
MAX_NODES = 60


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    x: float
    y: float
    r: float
    degree: int
    href: str


@dataclass(frozen=True)
class Edge:
    path: str
    quad: str
    width: float
    title: str
    href: str
    type: str
    count: int

    @property
    def svg(self) -> Markup:
        """The edge as the page draws it, escaped here: one object for the template to output."""
        return Markup(
            f'<a href="{escape(self.href)}"><path class="edge q-{escape(self.quad)}" d="{escape(self.path)}" '
            f'stroke-width="{escape(self.width)}" marker-end="url(#arrow-{escape(self.quad)})">'
            f"<title>{escape(self.title)}</title></path></a>"
        )


@dataclass(frozen=True)
class Graph:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    dropped: int


def build_graph(links: ActorLinks, iterations: int = 250) -> Graph:
    """The graph of actor links counted per (source, target, event type) (``newsgraph.store.aggregates``)."""
    names = dict(links.names)
    weights: Counter[tuple[str, str, str]] = Counter(links.weights)
    degree: Counter[str] = Counter()
    for (s, t, _), n in weights.items():
        degree[s] += n
        degree[t] += n
    for actor in names:
        degree.setdefault(actor, 0)
    keep = {a for a, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NODES]}
    weights = Counter({k: n for k, n in weights.items() if k[0] in keep and k[1] in keep})
    ids = sorted(keep)
    pos = _layout(ids, [(s, t) for s, t, _ in weights], iterations)
    nodes = [
        Node(i, names.get(i, i), kind_of_id(i), *pos[i], 9 + 2.6 * math.sqrt(degree[i]), degree[i],
             "/actors/" + quote(i, safe=":"))
        for i in ids
    ]
    radius = {n.id: n.r for n in nodes}
    return Graph(WIDTH, HEIGHT, nodes, _edges(weights, pos, radius, names), len(names) - len(keep))


def _layout(ids: list[str], pairs: list[tuple[str, str]], iterations: int) -> dict[str, tuple[float, float]]:
    n = len(ids)
    if n == 0:
        return {}
    cx, cy = WIDTH / 2, HEIGHT / 2
    if n == 1:
        return {ids[0]: (cx, cy)}
    angles = 2 * np.pi * np.arange(n) / n
    pos = np.column_stack((cx + 250 * np.cos(angles), cy + 200 * np.sin(angles)))
    area = (WIDTH - 2 * MARGIN) * (HEIGHT - 2 * MARGIN)
    k = math.sqrt(area / n) * 0.9
    temp = WIDTH / 8
    index = {a: i for i, a in enumerate(ids)}
    links = sorted(set(pairs))
    la = np.array([index[a] for a, _ in links], dtype=np.intp)
    lb = np.array([index[b] for _, b in links], dtype=np.intp)
    centre = np.array([cx, cy])
    pull = 0.05 * k / 50
    for _ in range(iterations):
        # Repulsion between every pair (each actor pushed along the line from the other).
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 0.01)
        disp = (delta * (k * k / (dist * dist))[..., None]).sum(axis=1)
        # Attraction along the links.
        if len(links):
            d = pos[la] - pos[lb]
            dl = np.maximum(np.hypot(d[:, 0], d[:, 1]), 0.01)
            f = d * (dl / k)[:, None]
            np.subtract.at(disp, la, f)
            np.add.at(disp, lb, f)
        disp += (centre - pos) * pull  # a weak pull to the centre keeps unlinked actors on the canvas
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.97, 1.0)
    return _fit({a: [float(pos[i, 0]), float(pos[i, 1])] for i, a in enumerate(ids)})


def _fit(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    w, h = max(max(xs) - min(xs), 1), max(max(ys) - min(ys), 1)
    s = min((WIDTH - 2 * MARGIN) / w, (HEIGHT - 2 * MARGIN) / h)
    ox = (WIDTH - w * s) / 2 - min(xs) * s
    oy = (HEIGHT - h * s) / 2 - min(ys) * s
    return {a: (round(p[0] * s + ox, 1), round(p[1] * s + oy, 1)) for a, p in pos.items()}


def _edges(weights: Counter[tuple[str, str, str]], pos: dict[str, tuple[float, float]],
           radius: dict[str, float], names: dict[str, str]) -> list[Edge]:
    per_pair: Counter[frozenset[str]] = Counter()
    hrefs: dict[tuple[str, str], str] = {}  # one per (source, type): a big graph has thousands of edges
    edges = []
    for (s, t, kind), n in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        slot = per_pair[frozenset((s, t))]
        per_pair[frozenset((s, t))] += 1
        (x1, y1), (x2, y2) = pos[s], pos[t]
        dx, dy = x2 - x1, y2 - y1
        d = max(math.hypot(dx, dy), 0.01)
        bend = 18 + 16 * slot  # curve each edge of a pair apart; A->B and B->A bend to opposite sides
        mx, my = (x1 + x2) / 2 - dy / d * bend, (y1 + y2) / 2 + dx / d * bend
        sx, sy = _towards(x1, y1, mx, my, radius[s] + 1)
        ex, ey = _towards(x2, y2, mx, my, radius[t] + 6)
        title = f"{names.get(s, s)} → {names.get(t, t)}: {kind} × {n}"
        href = hrefs.get((s, kind)) or hrefs.setdefault(
            (s, kind), "/events?" + urlencode({"actor": s, "role": "source", "type": kind})
        )
        edges.append(Edge(f"M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}", quad_of(kind),
                          round(1.2 + 1.6 * math.log2(n + 1), 1), title, href, kind, n))
    return edges


def _towards(x: float, y: float, tx: float, ty: float, dist: float) -> tuple[float, float]:
    dx, dy = tx - x, ty - y
    d = max(math.hypot(dx, dy), 0.01)
    return x + dx / d * dist, y + dy / d * dist

"""The page of the HTML story map: markup, styles and script in one self-contained file.

:func:`game.tools.graph.to_html` puts the story's title and its laid-out map (JSON)
in place of ``__TITLE__`` and ``__DATA__``. The page fetches nothing: no network, no
CDN, no fonts. The script draws the map as SVG and writes every piece of story text
with ``textContent``, never as markup, so nothing in a story or a mod can run in it.
"""

from __future__ import annotations

PAGE = r"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__: story map</title>
<style>
:root {
  --ink: #263238; --muted: #607d8b; --paper: #fbfaf6; --band: #f2eee3; --band-edge: #d6ccb4;
  --next: #9e9e9e; --choice: #37474f; --if: #1e6bb8; --requires: #c62828; --outcome: #7b4fb0;
  --ending: #f6e0c8; --ending-edge: #a0522d; --start: #d9eed9; --start-edge: #2e7d32;
  --lost: #ffecec;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); }
body { display: flex; flex-direction: column; background: var(--paper); }
header {
  display: flex; align-items: center; gap: 10px; padding: 8px 14px; flex-wrap: wrap;
  border-bottom: 1px solid var(--band-edge); background: #fff;
}
header h1 { font-size: 17px; margin: 0 8px 0 0; }
header .counts { color: var(--muted); }
header input[type=search] { width: 240px; padding: 4px 8px; font: inherit; }
header button { font: inherit; padding: 3px 10px; cursor: pointer; }
header label { color: var(--muted); user-select: none; }
main { position: relative; flex: 1; overflow: hidden; }
svg#map { width: 100%; height: 100%; display: block; cursor: grab; touch-action: none; }
svg#map.dragging { cursor: grabbing; }
.band rect { fill: var(--band); stroke: var(--band-edge); }
.band text { font-size: 22px; font-weight: 600; fill: #7a6a48; }
.node { cursor: pointer; }
.node rect { fill: #fff; stroke: var(--muted); stroke-width: 1.2; }
.node text { font-size: 13px; fill: var(--ink); pointer-events: none; }
.node text.sub { font-size: 11px; fill: var(--muted); }
.node.start rect { fill: var(--start); stroke: var(--start-edge); stroke-width: 2.5; }
.node.ending rect { fill: var(--ending); stroke: var(--ending-edge); stroke-width: 2; }
.node.unreachable rect { fill: var(--lost); stroke: var(--requires); stroke-dasharray: 6 4;
  stroke-width: 2; }
.node.unreachable text.sub { fill: var(--requires); font-weight: 600; }
.node.match rect { stroke: #f9a825; stroke-width: 4; }
.node.selected rect { stroke: #000; stroke-width: 3.5; }
.edge path { fill: none; stroke-width: 1.4; }
.edge.next path { stroke: var(--next); stroke-width: 3; }
.edge.choice path { stroke: var(--choice); }
.edge.if path { stroke: var(--if); stroke-dasharray: 7 4; }
.edge.requires path { stroke: var(--requires); stroke-dasharray: 2 3; stroke-width: 1.8; }
.edge.outcome path { stroke: var(--outcome); }
.caption { font-size: 11px; pointer-events: none; display: none; paint-order: stroke;
  stroke: var(--paper); stroke-width: 4px; stroke-linejoin: round; }
.edge.if .caption { fill: var(--if); }
.edge.requires .caption { fill: var(--requires); }
.edge.outcome .caption { fill: var(--outcome); }
svg.near .caption, .edge.lit .caption { display: block; }
svg.focus .edge { opacity: 0.15; }
svg.focus .edge.lit { opacity: 1; }
svg.focus .edge:not(.lit) .caption { display: none; }
.edge.lit path { stroke-width: 3; }
aside#panel {
  position: absolute; top: 0; right: 0; bottom: 0; width: min(440px, 92vw); overflow-y: auto;
  background: #fff; border-left: 1px solid var(--band-edge); padding: 14px 18px 40px;
  box-shadow: -4px 0 16px rgba(0, 0, 0, 0.08);
}
aside#panel[hidden] { display: none; }
aside h2 { margin: 0 28px 2px 0; font-size: 18px; word-break: break-all; }
aside h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em;
  color: var(--muted); margin: 16px 0 4px; }
aside .meta { color: var(--muted); font-size: 12px; }
aside .badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 1px 6px;
  border-radius: 4px; margin-right: 4px; }
.badge.start { background: var(--start); color: var(--start-edge); }
.badge.ending { background: var(--ending); color: var(--ending-edge); }
.badge.unreachable { background: var(--lost); color: var(--requires); }
aside p { margin: 6px 0; white-space: pre-wrap; }
aside p.cond { color: var(--if); }
aside ol { padding-left: 20px; }
aside li { margin-bottom: 10px; }
aside .line { font-size: 12px; color: var(--muted); }
aside .line.if { color: var(--if); }
aside .line.requires { color: var(--requires); }
aside .line code, aside code { font-size: 12px; background: #f3f3f3; padding: 0 3px; }
aside button.go { font: inherit; font-size: 12px; border: 1px solid var(--muted); background: #fff;
  border-radius: 4px; padding: 0 6px; margin: 2px 4px 0 0; cursor: pointer; }
aside button.close { position: absolute; top: 8px; right: 10px; font-size: 18px; border: 0;
  background: none; cursor: pointer; }
#legend {
  position: absolute; left: 10px; bottom: 10px; background: rgba(255, 255, 255, 0.94);
  border: 1px solid var(--band-edge); border-radius: 6px; padding: 6px 10px; font-size: 12px;
}
#legend div { display: flex; align-items: center; gap: 6px; }
#legend summary { cursor: pointer; color: var(--muted); }
#help { color: var(--muted); font-size: 12px; margin-left: auto; }
</style>
</head>
<body>
<header>
  <h1>__TITLE__</h1>
  <span class="counts" id="counts"></span>
  <button id="lost" type="button" hidden title="Show the next unreachable scene"></button>
  <form id="find" role="search">
    <input id="search" type="search" list="scene-ids" placeholder="Find a scene id"
      autocomplete="off" aria-label="Find a scene id">
    <datalist id="scene-ids"></datalist>
  </form>
  <button id="zoom-in" type="button" title="Zoom in (+)">+</button>
  <button id="zoom-out" type="button" title="Zoom out (-)">&minus;</button>
  <button id="fit" type="button" title="Show the whole map (0)">Fit</button>
  <label><input id="labels" type="checkbox"> all labels</label>
  <span id="help">drag to pan, wheel to zoom, click a scene to read it, / to search</span>
</header>
<main>
  <svg id="map" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Story map">
    <defs id="markers"></defs>
    <g id="view"><g id="bands"></g><g id="edges"></g><g id="nodes"></g></g>
  </svg>
  <details id="legend" open><summary>Legend</summary></details>
  <aside id="panel" hidden aria-live="polite"></aside>
</main>
<script id="story-data" type="application/json">__DATA__</script>
<script>
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("story-data").textContent);
  const NS = "http://www.w3.org/2000/svg";
  const W = data.size.node_w, H = data.size.node_h;
  const svg = document.getElementById("map");
  const view = document.getElementById("view");
  const panel = document.getElementById("panel");
  const search = document.getElementById("search");
  const labels = document.getElementById("labels");
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const shapes = new Map();
  const incoming = new Map(), outgoing = new Map();
  const COLOURS = { next: "#9e9e9e", choice: "#37474f", if: "#1e6bb8",
    requires: "#c62828", outcome: "#7b4fb0" };
  let scale = 1, tx = 0, ty = 0, selected = null;

  function make(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const key in attrs) e.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function html(name, text, parent, cls) {
    const e = document.createElement(name);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }
  function clip(text, n) { return text.length <= n ? text : text.slice(0, n - 1) + "\u2026"; }

  // -- markers: one arrowhead per kind of edge ------------------------------------------
  const defs = document.getElementById("markers");
  for (const kind in COLOURS) {
    const m = make("marker", { id: "arrow-" + kind, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse" }, defs);
    if (kind === "requires") {
      make("circle", { cx: 5, cy: 5, r: 3.6, fill: "#fff", stroke: COLOURS[kind],
        "stroke-width": 1.6 }, m);
    } else if (kind === "outcome") {
      make("path", { d: "M0,0 L10,5 L0,10 z", fill: "#fff", stroke: COLOURS[kind],
        "stroke-width": 1.4 }, m);
    } else {
      make("path", { d: "M0,0 L10,5 L0,10 z", fill: COLOURS[kind] }, m);
    }
  }

  // -- chapters -------------------------------------------------------------------------
  const bandLayer = document.getElementById("bands");
  for (const band of data.bands) {
    const g = make("g", { class: "band" }, bandLayer);
    make("rect", { x: band.x, y: band.y, width: band.width, height: band.height, rx: 14 }, g);
    const count = data.nodes.filter((n) => n.chapter === band.chapter).length;
    make("text", { x: band.x + 20, y: band.y + 34 }, g).textContent =
      "Chapter " + band.chapter + ": " + band.title + "  \u00b7  " + count + " scenes";
  }

  // -- edges ----------------------------------------------------------------------------
  function route(a, b, spread) {
    let p0, p1, p2, p3;
    if (b.y >= a.y + H) {
      p0 = [a.x + W / 2, a.y + H]; p3 = [b.x + W / 2, b.y];
      const dy = Math.max(30, (p3[1] - p0[1]) / 2);
      p1 = [p0[0], p0[1] + dy]; p2 = [p3[0], p3[1] - dy];
    } else if (a.chapter !== b.chapter) {
      p0 = [a.x + W / 2, a.y + H]; p3 = [b.x + W / 2, b.y];
      p1 = [p0[0], p0[1] + 220]; p2 = [p3[0], p3[1] - 220];
    } else if (Math.abs(b.y - a.y) < H) {
      p0 = [a.x + W / 2, a.y + H]; p3 = [b.x + W / 2, b.y + H];
      p1 = [p0[0], p0[1] + 36]; p2 = [p3[0], p3[1] + 36];
    } else {
      const right = b.x >= a.x;
      p0 = [right ? a.x + W : a.x, a.y + H / 2]; p3 = [right ? b.x + W : b.x, b.y + H / 2];
      const d = (40 + (a.y - b.y) / 8) * (right ? 1 : -1);
      p1 = [p0[0] + d, p0[1]]; p2 = [p3[0] + d, p3[1]];
    }
    // Parallel edges (several choices to the same scene) bow apart from one another.
    if (spread) { p1 = [p1[0] + spread, p1[1]]; p2 = [p2[0] + spread, p2[1]]; }
    // The caption stands two thirds of the way along, where a fan of choices has spread.
    const t = 0.68, u = 1 - t;
    const mid = [0, 1].map((i) => u * u * u * p0[i] + 3 * u * u * t * p1[i] +
      3 * u * t * t * p2[i] + t * t * t * p3[i]);
    return { d: "M" + p0 + " C" + p1 + " " + p2 + " " + p3, mid: mid };
  }
  const edgeLayer = document.getElementById("edges");
  const pairs = new Map();
  for (const edge of data.edges) {
    const key = edge.source + " " + edge.target;
    pairs.set(key, (pairs.get(key) || 0) + 1);
  }
  const drawn = new Map();
  data.edges.forEach((edge) => {
    const a = nodes.get(edge.source), b = nodes.get(edge.target);
    if (!a || !b) return;
    const key = edge.source + " " + edge.target;
    const count = pairs.get(key), index = drawn.get(key) || 0;
    drawn.set(key, index + 1);
    const g = make("g", { class: "edge " + edge.style }, edgeLayer);
    const r = route(a, b, (index - (count - 1) / 2) * 36);
    make("path", { d: r.d, "marker-end": "url(#arrow-" + edge.style + ")" }, g);
    if (edge.caption) {
      // Captions of parallel edges stand side by side, a caption's width apart.
      const x = r.mid[0] + (index - (count - 1) / 2) * 180;
      const t = make("text", { class: "caption", x: x, y: r.mid[1],
        "text-anchor": "middle" }, g);
      edge.caption.split("\n").forEach((line, i) => {
        make("tspan", { x: x, dy: i === 0 ? "-0.2em" : "1.15em" }, t).textContent = line;
      });
    }
    const title = make("title", {}, g);
    title.textContent = edge.source + " \u2192 " + edge.target +
      (edge.caption ? "\n" + edge.caption : "");
    edge.shape = g;
    if (!outgoing.has(edge.source)) outgoing.set(edge.source, []);
    if (!incoming.has(edge.target)) incoming.set(edge.target, []);
    outgoing.get(edge.source).push(edge);
    incoming.get(edge.target).push(edge);
  });

  // -- scenes ---------------------------------------------------------------------------
  const nodeLayer = document.getElementById("nodes");
  for (const n of data.nodes) {
    const cls = ["node", n.start ? "start" : "", n.ending !== null ? "ending" : "",
      n.reachable ? "" : "unreachable"].join(" ").trim();
    const g = make("g", { class: cls, transform: "translate(" + n.x + "," + n.y + ")",
      tabindex: 0 }, nodeLayer);
    make("rect", { width: W, height: H, rx: n.ending !== null ? 2 : 9 }, g);
    make("text", { x: 10, y: 19 }, g).textContent = clip(n.id, 25);
    let sub = n.speaker ? n.speaker : "";
    if (n.ending !== null) sub = "END: " + n.ending;
    if (n.start) sub = "START" + (sub ? " \u00b7 " + sub : "");
    if (!n.reachable) sub = "UNREACHABLE" + (n.ending !== null ? " \u00b7 END" : "");
    make("text", { x: 10, y: 36, class: "sub" }, g).textContent = clip(sub, 30);
    shapes.set(n.id, g);
    g.addEventListener("click", (event) => { if (!moved) select(n.id); event.stopPropagation(); });
    g.addEventListener("keydown", (event) => { if (event.key === "Enter") select(n.id); });
  }

  // -- header ---------------------------------------------------------------------------
  const endings = data.nodes.filter((n) => n.ending !== null).length;
  const lost = data.nodes.filter((n) => !n.reachable);
  document.getElementById("counts").textContent = data.nodes.length + " scenes \u00b7 " +
    endings + " endings \u00b7 " + data.edges.length + " ways on";
  const lostButton = document.getElementById("lost");
  if (lost.length) {
    lostButton.hidden = false;
    lostButton.textContent = "\u26a0 " + lost.length + " unreachable";
    let next = 0;
    lostButton.addEventListener("click", () => {
      focus(lost[next].id);
      next = (next + 1) % lost.length;
    });
  }
  const list = document.getElementById("scene-ids");
  for (const id of [...nodes.keys()].sort()) html("option", null, list).value = id;

  // -- legend ---------------------------------------------------------------------------
  const legend = document.getElementById("legend");
  const samples = [["next", "next (reads on)"], ["choice", "choice"],
    ["if", "choice shown only if\u2026"], ["requires", "locked unless\u2026"],
    ["outcome", "weighted outcome"]];
  for (const [kind, words] of samples) {
    const row = html("div", null, legend);
    const s = make("svg", { width: 46, height: 12, class: "edge " + kind }, row);
    make("path", { d: "M2,6 L40,6", "marker-end": "url(#arrow-" + kind + ")" }, s);
    html("span", words, row);
  }
  for (const [cls, words] of [["start", "start scene"], ["ending", "ending"],
    ["unreachable", "unreachable scene"]]) {
    const row = html("div", null, legend);
    const s = make("svg", { width: 46, height: 16, class: "node " + cls }, row);
    make("rect", { x: 4, y: 2, width: 36, height: 12, rx: 3 }, s);
    html("span", words, row);
  }

  // -- pan and zoom ---------------------------------------------------------------------
  function apply() {
    view.setAttribute("transform", "translate(" + tx + "," + ty + ") scale(" + scale + ")");
    svg.classList.toggle("near", scale >= 0.8 || labels.checked);
  }
  function zoomAt(factor, cx, cy) {
    const next = Math.min(4, Math.max(0.03, scale * factor));
    tx = cx - (cx - tx) * (next / scale);
    ty = cy - (cy - ty) * (next / scale);
    scale = next;
    apply();
  }
  function fit() {
    const box = svg.getBoundingClientRect();
    const right = Math.max(...data.bands.map((b) => b.x + b.width), W);
    const bottom = Math.max(...data.bands.map((b) => b.y + b.height), H);
    scale = Math.min((box.width - 20) / right, (box.height - 20) / bottom, 1.2);
    tx = (box.width - right * scale) / 2;
    ty = 10;
    apply();
  }
  function focus(id) {
    const n = nodes.get(id);
    if (!n) return false;
    const box = svg.getBoundingClientRect();
    const visible = panel.hidden ? box.width : box.width - panel.offsetWidth;
    scale = Math.max(scale, 0.9);
    tx = visible / 2 - (n.x + W / 2) * scale;
    ty = box.height / 2 - (n.y + H / 2) * scale;
    apply();
    select(id);
    return true;
  }
  let dragging = null, moved = false;
  svg.addEventListener("pointerdown", (event) => {
    dragging = { x: event.clientX, y: event.clientY, tx: tx, ty: ty };
    moved = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    const dx = event.clientX - dragging.x, dy = event.clientY - dragging.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!moved) {
      try { svg.setPointerCapture(event.pointerId); } catch (e) { /* a pen or a test */ }
      svg.classList.add("dragging");
    }
    moved = true;
    tx = dragging.tx + dx; ty = dragging.ty + dy;
    apply();
  });
  function stop() { dragging = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  svg.addEventListener("click", () => { if (!moved) unselect(); });
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });
  function zoomCentre(factor) {
    const box = svg.getBoundingClientRect();
    zoomAt(factor, box.width / 2, box.height / 2);
  }
  document.getElementById("zoom-in").addEventListener("click", () => zoomCentre(1.3));
  document.getElementById("zoom-out").addEventListener("click", () => zoomCentre(1 / 1.3));
  document.getElementById("fit").addEventListener("click", fit);
  labels.addEventListener("change", apply);
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement) {
      if (event.key === "Escape") search.blur();
      return;
    }
    if (event.key === "/") { event.preventDefault(); search.focus(); }
    else if (event.key === "+" || event.key === "=") zoomCentre(1.3);
    else if (event.key === "-") zoomCentre(1 / 1.3);
    else if (event.key === "0") fit();
    else if (event.key === "Escape") unselect();
  });
  window.addEventListener("resize", apply);

  // -- search ---------------------------------------------------------------------------
  function matches(query) {
    const q = query.trim().toLowerCase();
    return q ? data.nodes.filter((n) => n.id.includes(q)).map((n) => n.id) : [];
  }
  search.addEventListener("input", () => {
    const found = new Set(matches(search.value));
    for (const [id, g] of shapes) g.classList.toggle("match", found.has(id));
    if (nodes.has(search.value.trim())) focus(search.value.trim());
  });
  document.getElementById("find").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = search.value.trim().toLowerCase();
    const hit = nodes.has(q) ? q : matches(q)[0];
    if (hit) focus(hit);
  });

  // -- reading panel --------------------------------------------------------------------
  function goButton(id, parent, words) {
    const b = html("button", words || "\u2192 " + id, parent, "go");
    b.type = "button";
    b.addEventListener("click", () => focus(id));
    return b;
  }
  function line(parent, label, value, cls) {
    const p = html("div", null, parent, "line " + (cls || ""));
    html("span", label + " ", p);
    html("code", value, p);
  }
  function unselect() {
    if (selected) shapes.get(selected).classList.remove("selected");
    for (const e of data.edges) if (e.shape) e.shape.classList.remove("lit");
    svg.classList.remove("focus");
    selected = null;
    panel.hidden = true;
    if (location.hash) history.replaceState(null, "", " ");
  }
  function select(id) {
    const n = nodes.get(id);
    if (!n) return;
    if (selected) shapes.get(selected).classList.remove("selected");
    for (const e of data.edges) if (e.shape) e.shape.classList.remove("lit");
    selected = id;
    shapes.get(id).classList.add("selected");
    for (const e of (outgoing.get(id) || []).concat(incoming.get(id) || [])) {
      if (e.shape) e.shape.classList.add("lit");
    }
    svg.classList.add("focus");
    history.replaceState(null, "", "#" + id);
    panel.replaceChildren();
    const close = html("button", "\u00d7", panel, "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", unselect);
    html("h2", n.id, panel);
    const meta = [data.bands.filter((b) => b.chapter === n.chapter).map((b) =>
      "Chapter " + b.chapter + ": " + b.title)[0], n.file + ":" + n.line];
    if (n.date) meta.push(n.date);
    if (n.speaker) meta.push("speaker: " + n.speaker);
    if (n.background) meta.push("background: " + n.background);
    html("div", meta.join("  \u00b7  "), panel, "meta");
    const badges = html("div", null, panel);
    if (n.start) html("span", "START", badges, "badge start");
    if (n.ending !== null) html("span", "ENDING", badges, "badge ending");
    if (!n.reachable) html("span", "UNREACHABLE: no route leads here", badges, "badge unreachable");
    if (n.effects.length) {
      html("h3", "On entering", panel);
      for (const e of n.effects) line(panel, "", e);
    }
    html("h3", "Text", panel);
    for (const part of n.text) {
      const cls = part.startsWith("[if ") || part.startsWith("[else]") ? "cond" : "";
      for (const para of part.split(/\n\s*\n/)) {
        if (para.trim()) html("p", para.trim(), panel, cls);
      }
    }
    if (n.next) { html("h3", "Next", panel); goButton(n.next, panel); }
    if (n.choices.length) {
      html("h3", "Choices", panel);
      const ol = html("ol", null, panel);
      for (const c of n.choices) {
        const li = html("li", null, ol);
        html("strong", c.text, li);
        if (c.if) line(li, "shown only if", c.if, "if");
        if (c.requires) line(li, "locked unless", c.requires, "requires");
        if (c.locked) line(li, "locked reason:", c.locked, "requires");
        for (const e of c.effects) line(li, "effect", e);
        if (c.note) line(li, "note:", c.note);
        const go = html("div", null, li);
        if (c.goto) goButton(c.goto, go);
        for (const o of c.outcomes) {
          goButton(o.goto, go, "\u2192 " + o.goto + " (weight " + o.weight +
            (o.if ? ", if " + o.if : "") + ")");
        }
      }
    }
    const from = incoming.get(id) || [];
    html("h3", "Reached from", panel);
    if (!from.length) html("div", n.start ? "the start of the story" : "nowhere", panel, "line");
    const seen = new Set();
    for (const e of from) {
      if (seen.has(e.source)) continue;
      seen.add(e.source);
      goButton(e.source, panel, "\u2190 " + e.source);
    }
    if (n.discuss.length) {
      html("h3", "Discuss", panel);
      for (const d of n.discuss) html("p", d, panel);
    }
    if (n.cards.length) {
      html("h3", "Context cards", panel);
      for (const c of n.cards) html("p", c, panel);
    }
    panel.hidden = false;
  }

  fit();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && nodes.has(wanted)) focus(wanted);
})();
</script>
</body>
</html>
"""

// newsgraph UI: tooltips for marks, sentence highlighting, pan and zoom for the graph.
// Plain JavaScript served from /static (the CSP forbids inline script); every page works without it.
"use strict";

(function () {
  function setupTooltips() {
    var marks = document.querySelectorAll("[data-tip]");
    if (!marks.length) return;
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.id = "mark-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    document.body.appendChild(tip);
    var current = null;

    function show(el) {
      current = el;
      tip.textContent = el.getAttribute("data-tip"); // textContent: the tip is untrusted text
      tip.hidden = false;
      var r = el.getBoundingClientRect();
      var top = window.scrollY + r.bottom + 6;
      var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.top = top + "px";
      tip.style.left = Math.max(window.scrollX + 8, left) + "px";
      el.setAttribute("aria-describedby", "mark-tip");
      if (el.hasAttribute("title")) { // keep the native tooltip from doubling ours
        el.setAttribute("data-title", el.getAttribute("title"));
        el.removeAttribute("title");
      }
    }
    function hide(el) {
      if (el && el.hasAttribute("data-title")) {
        el.setAttribute("title", el.getAttribute("data-title"));
        el.removeAttribute("data-title");
      }
      if (el) el.removeAttribute("aria-describedby");
      if (current === el) { tip.hidden = true; current = null; }
    }
    function markOf(target) {
      return target && target.closest ? target.closest("[data-tip]") : null;
    }
    document.addEventListener("mouseover", function (e) { var m = markOf(e.target); if (m && m !== current) { hide(current); show(m); } });
    document.addEventListener("mouseout", function (e) { var m = markOf(e.target); if (m && !m.contains(e.relatedTarget)) hide(m); });
    document.addEventListener("focusin", function (e) { var m = markOf(e.target); if (m) { hide(current); show(m); } });
    document.addEventListener("focusout", function (e) { var m = markOf(e.target); if (m) hide(m); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(current); });
  }

  function highlightSentence() {
    document.querySelectorAll(".sent.hl").forEach(function (el) { el.classList.remove("hl"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^s\d+$/.test(id)) return;
    document.querySelectorAll('[data-group="' + id + '"]').forEach(function (el) { el.classList.add("hl"); });
  }

  function setupZoom(svg) {
    var base = svg.viewBox.baseVal;
    var home = { x: base.x, y: base.y, w: base.width, h: base.height };
    var view = { x: home.x, y: home.y, w: home.w, h: home.h };
    function apply() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
    function zoom(factor, cx, cy) {
      var w = Math.min(Math.max(view.w * factor, home.w / 8), home.w * 4);
      var f = w / view.w;
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      view.x = cx - (cx - view.x) * f;
      view.y = cy - (cy - view.y) * f;
      view.w = w;
      view.h = view.h * f;
      apply();
    }
    function toSvg(e) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (e.clientX - r.left) / r.width * view.w, y: view.y + (e.clientY - r.top) / r.height * view.h };
    }
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e);
      zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, { passive: false });

    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      moved = false;
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!moved) { moved = true; svg.classList.add("dragging"); svg.setPointerCapture(e.pointerId); }
      var r = svg.getBoundingClientRect();
      view.x = drag.vx - dx / r.width * view.w;
      view.y = drag.vy - dy / r.height * view.h;
      apply();
    });
    function end() { drag = null; svg.classList.remove("dragging"); }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
    svg.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);

    svg.addEventListener("keydown", function (e) {
      var step = view.w / 10;
      var keys = {
        "+": function () { zoom(1 / 1.25); }, "=": function () { zoom(1 / 1.25); },
        "-": function () { zoom(1.25); }, "_": function () { zoom(1.25); },
        "0": function () { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); },
        "ArrowLeft": function () { view.x -= step; apply(); }, "ArrowRight": function () { view.x += step; apply(); },
        "ArrowUp": function () { view.y -= step; apply(); }, "ArrowDown": function () { view.y += step; apply(); }
      };
      if (keys[e.key] && (e.target === svg || e.key.length === 1)) { e.preventDefault(); keys[e.key](); }
    });
    var card = svg.closest(".chart-card") || document;
    card.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-zoom");
        if (what === "in") zoom(1 / 1.25);
        else if (what === "out") zoom(1.25);
        else { view = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
      });
    });
  }

  function init() {
    setupTooltips();
    highlightSentence();
    window.addEventListener("hashchange", highlightSentence);
    document.querySelectorAll("svg[data-zoomable]").forEach(setupZoom);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

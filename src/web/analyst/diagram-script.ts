/**
 * /assets/diagram.js: zoom and pan for every `<div class="diagram" data-diagram>` holding an SVG, by changing the
 * SVG's viewBox (crisp text at any zoom). Buttons (拡大 / 縮小 / 全体), Ctrl+wheel or pinch to zoom, drag to pan,
 * arrow keys and +/- when the diagram has focus. It starts fitted to the width (never smaller than 60 % for
 * legibility, nor above 110 %) and centred on the state marked `data-current="true"` when there is one. Links keep working: a
 * drag suppresses only the click that ends it. Plain ES5, no library: the pages work without it.
 */
export const DIAGRAM_SCRIPT = `(function () {
  'use strict';
  function setup(box) {
    var svg = box.querySelector('svg');
    if (!svg || box.getAttribute('data-ready')) return;
    box.setAttribute('data-ready', 'true');
    var vb = (svg.getAttribute('viewBox') || '0 0 100 100').split(/[ ,]+/).map(Number);
    var full = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.style.width = '100%';
    svg.style.height = '100%';
    svg.style.display = 'block';
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    var view = { x: 0, y: 0, w: full.w, h: full.h };
    function ratio() { return box.clientHeight / Math.max(1, box.clientWidth); }
    function apply() {
      svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].map(function (v) { return Math.round(v * 10) / 10; }).join(' '));
      var zoom = box.clientWidth / view.w;
      box.setAttribute('data-zoom', zoom.toFixed(3));
      if (level) level.textContent = Math.round(zoom * 100) + '%';
    }
    function zoomTo(w, cx, cy) {
      var minW = full.w / 20, maxW = Math.max(full.w, full.h / ratio()) * 1.1;
      w = Math.min(maxW, Math.max(minW, w));
      var h = w * ratio();
      view = { x: cx - (cx - view.x) * (w / view.w), y: cy - (cy - view.y) * (h / view.h), w: w, h: h };
      apply();
    }
    // Fitted to the width, but never above 110 % (a narrow chart stays its size, centred) nor below 60 % (legible).
    function fit() {
      var z = Math.min(1.1, Math.max(0.6, box.clientWidth / full.w));
      var w = box.clientWidth / z;
      view = { x: w > full.w ? full.x - (w - full.w) / 2 : full.x, y: full.y, w: w, h: w * ratio() };
      apply();
    }
    function centreOn(el) {
      var b = el.getBBox();
      view.x = b.x + b.width / 2 - view.w / 2;
      view.y = b.y + b.height / 2 - view.h / 2;
      apply();
    }
    var bar = document.createElement('div');
    bar.className = 'diagram-tools';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', '図の拡大・縮小');
    var level = null;
    [['拡大', 'zoom-in', function () { zoomTo(view.w / 1.25, view.x + view.w / 2, view.y + view.h / 2); }],
     ['縮小', 'zoom-out', function () { zoomTo(view.w * 1.25, view.x + view.w / 2, view.y + view.h / 2); }],
     ['全体を表示', 'fit', function () { view = { x: full.x, y: full.y, w: Math.max(full.w, full.h / ratio()), h: Math.max(full.w, full.h / ratio()) * ratio() }; apply(); }],
     ['幅に合わせる', 'fit-width', fit]].forEach(function (b) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'secondary';
      btn.textContent = b[0];
      btn.setAttribute('data-action', b[1]);
      btn.addEventListener('click', b[2]);
      bar.appendChild(btn);
    });
    level = document.createElement('span');
    level.className = 'zoom-level';
    level.setAttribute('aria-live', 'polite');
    bar.appendChild(level);
    box.parentNode.insertBefore(bar, box);
    box.setAttribute('tabindex', '0');
    box.classList.add('zoomable');

    function toSvg(clientX, clientY) {
      var r = box.getBoundingClientRect();
      return { x: view.x + ((clientX - r.left) / r.width) * view.w, y: view.y + ((clientY - r.top) / r.height) * view.h };
    }
    box.addEventListener('wheel', function (e) {
      if (!e.ctrlKey && !e.metaKey) {
        // Plain wheel pans (the page scrolls once the diagram reaches an edge).
        var dy = e.deltaY * (view.w / box.clientWidth), dx = e.deltaX * (view.w / box.clientWidth);
        var ny = Math.min(full.h - view.h * 0.2, Math.max(-view.h * 0.8, view.y + dy));
        if (ny === view.y && dx === 0) return;
        view.y = ny; view.x += dx; apply(); e.preventDefault();
        return;
      }
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoomTo(view.w * (e.deltaY > 0 ? 1.15 : 1 / 1.15), p.x, p.y);
    }, { passive: false });
    var drag = null, moved = false;
    box.addEventListener('pointerdown', function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      moved = false;
    });
    window.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      moved = true;
      box.classList.add('dragging');
      var k = view.w / box.clientWidth;
      view.x = drag.vx - dx * k;
      view.y = drag.vy - dy * k;
      apply();
    });
    window.addEventListener('pointerup', function () { drag = null; box.classList.remove('dragging'); });
    box.addEventListener('click', function (e) { if (moved) { e.preventDefault(); e.stopPropagation(); moved = false; } }, true);
    box.addEventListener('keydown', function (e) {
      var step = view.w * 0.1;
      if (e.key === '+' || e.key === '=') zoomTo(view.w / 1.25, view.x + view.w / 2, view.y + view.h / 2);
      else if (e.key === '-') zoomTo(view.w * 1.25, view.x + view.w / 2, view.y + view.h / 2);
      else if (e.key === 'ArrowLeft') { view.x -= step; apply(); }
      else if (e.key === 'ArrowRight') { view.x += step; apply(); }
      else if (e.key === 'ArrowUp') { view.y -= step; apply(); }
      else if (e.key === 'ArrowDown') { view.y += step; apply(); }
      else return;
      e.preventDefault();
    });
    fit();
    var current = svg.querySelector('[data-current="true"]');
    if (current) centreOn(current);
    window.addEventListener('resize', function () { zoomTo(view.w, view.x + view.w / 2, view.y + view.h / 2); });
  }
  function all() { Array.prototype.forEach.call(document.querySelectorAll('div.diagram[data-diagram]'), setup); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', all); else all();
})();
`;

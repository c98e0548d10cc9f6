/**
 * The row editor's stylesheet and its small script (served as /assets/row-editor.js, so pages need no inline
 * script). The script only does in the page what the row buttons do on the server without it: add a row,
 * remove one, move one up or down, renumbering the inputs' names (`roster.3.name`), ids and row numbers.
 */
export const ROW_EDITOR_STYLE = `
.sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
.implicit-submit { position:absolute; left:-9999px; width:1px; height:1px; overflow:hidden; }
fieldset.rows { padding:.5rem .75rem; min-width:0; }
fieldset.rows > legend { font-weight:700; }
fieldset.rows.nested { border:0; padding:0; margin:0; }
fieldset.rows.nested > legend { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
.table-scroll { overflow-x:auto; max-width:100%; position:relative; }
table.row-editor { width:auto; min-width:100%; margin:.25rem 0; }
table.row-editor th, table.row-editor td { padding:.2rem .3rem; }
table.row-editor thead th { font-size:.85rem; white-space:nowrap; }
table.row-editor .req { display:block; font-weight:400; font-size:.75rem; color:var(--muted); }
table.row-editor .cell-label { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); margin:0; }
table.row-editor input[type=text], table.row-editor input[type=number], table.row-editor input[type=date], table.row-editor input[type=time], table.row-editor select, table.row-editor textarea { min-width:0; width:100%; }
table.row-editor td.cell-text { min-width:8rem; } table.row-editor td.cell-number { min-width:5.5rem; } table.row-editor td.cell-date { min-width:9.5rem; }
table.row-editor td.cell-select { min-width:8rem; } table.row-editor td.cell-textarea { min-width:14rem; } table.row-editor td.cell-time { min-width:6.5rem; }
table.row-editor td.nested-cell { min-width:24rem; padding:0; }
table.row-editor.nested { margin:0; font-size:.9rem; }
table.row-editor th.rowhead { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
table.row-editor td.ops { white-space:nowrap; }
table.row-editor button.op { padding:.1rem .45rem; margin:0 .1rem; background:#fff; color:var(--accent); border-width:1px; min-width:2rem; }
table.row-editor [aria-invalid=true] { border:2px solid var(--bad); background:#fef2f2; }
table.row-editor .field-error { font-size:.8rem; }
.row-tools { margin:.25rem 0; } fieldset.rows.nested .row-tools button { padding:.1rem .6rem; font-size:.85rem; }
ul.cell-errors { margin:.25rem 0; padding-left:1.25rem; } ul.cell-errors a { color:var(--bad); }
.sheet-tools { border-top:1px dashed var(--line); margin-top:.5rem; padding-top:.25rem; }
.sheet-tools input[type=file] { max-width:100%; }
@media (max-width: 700px) {
  table.row-editor, table.row-editor tbody, table.row-editor tr.row, table.row-editor td, table.row-editor th.rowhead { display:block; width:100%; min-width:0; }
  table.row-editor thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
  table.row-editor tr.row { border:1px solid var(--line); margin:0 0 .5rem; }
  table.row-editor th.rowhead { text-align:left; border:0; }
  table.row-editor th.rowhead::before { content:'No. '; }
  table.row-editor td { border:0; display:grid; grid-template-columns:minmax(6rem, 40%) minmax(0, 1fr); gap:.25rem; align-items:center; }
  table.row-editor td.cell-label-none { display:block; }
  table.row-editor .cell-label { position:static; width:auto; height:auto; clip:auto; overflow:visible; font-size:.85rem; }
  table.row-editor td .field-error { grid-column:1 / -1; }
  table.row-editor td.nested-cell, table.row-editor td.ops { display:block; min-width:0; }
  table.row-editor td.nested-cell::before { content:attr(data-label); font-weight:600; font-size:.85rem; }
  table.row-editor.nested tr.row { margin:.25rem 0; }
  table.row-editor td.ops { text-align:right; }
}
`;

export const ROW_EDITOR_SCRIPT = `(function () {
  'use strict';
  if (window.__rowEditor) return;
  window.__rowEditor = true;
  var ATTRS = ['name', 'id', 'for', 'aria-describedby', 'aria-labelledby', 'data-table', 'data-of', 'href'];
  var live = null;
  function say(text) {
    if (!live) {
      live = document.createElement('p');
      live.className = 'sr';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      document.body.appendChild(live);
    }
    live.textContent = text;
  }
  function dash(s) { return s.replace(/[^A-Za-z0-9_-]/g, '-'); }
  function rows(body) { return Array.prototype.filter.call(body.children, function (r) { return r.classList.contains('row'); }); }
  function rewrite(el, from, to) {
    (el.tagName === 'BUTTON' ? ATTRS.concat(['value']) : ATTRS).forEach(function (a) {
      var v = el.getAttribute(a);
      if (v === null) return;
      var n = v.split(from.dot).join(to.dot).split(from.dash).join(to.dash);
      if (n !== v) el.setAttribute(a, n);
    });
  }
  function rowText(row) {
    var h = row.querySelector('th.rowhead');
    var text = '';
    if (h) Array.prototype.forEach.call(h.childNodes, function (n) { if (!(n.classList && n.classList.contains('field-error'))) text += n.textContent; });
    return text.replace(/\\s+/g, ' ').trim();
  }
  function renumber(body) {
    var name = body.getAttribute('data-table');
    rows(body).forEach(function (row, i) {
      var old = row.getAttribute('data-i');
      if (old !== String(i)) {
        var from = { dot: name + '.' + old + '.', dash: dash(name) + '-' + old + '-' };
        var to = { dot: name + '.' + i + '.', dash: dash(name) + '-' + i + '-' };
        [row].concat(Array.prototype.slice.call(row.querySelectorAll('*'))).forEach(function (el) { rewrite(el, from, to); });
        row.setAttribute('data-i', String(i));
      }
      Array.prototype.forEach.call(row.querySelectorAll('.rn[data-of="' + name + '"]'), function (s) { s.textContent = String(i + 1); });
    });
    rows(body).forEach(function (row, i) {
      Array.prototype.forEach.call(row.querySelectorAll('button[data-op]'), function (b) {
        if (b.closest('tr.row') !== row) return;
        if (b.getAttribute('data-op') === 'add') {
          b.setAttribute('aria-label', rowText(row) + b.getAttribute('data-suffix'));
          return;
        }
        b.value = b.getAttribute('data-op') + ':' + name + '.' + i;
        var label = rowText(row) + b.getAttribute('data-suffix');
        b.setAttribute('aria-label', label);
        b.title = label;
      });
      Array.prototype.forEach.call(row.querySelectorAll('tbody[data-table]'), function (inner) { if (inner !== body) renumber(inner); });
    });
  }
  function clear(row) {
    Array.prototype.forEach.call(row.querySelectorAll('input, select, textarea'), function (el) {
      if (el.type === 'checkbox') el.checked = false;
      else if (el.tagName === 'SELECT') el.selectedIndex = 0;
      else el.value = '';
      el.removeAttribute('aria-invalid');
    });
    Array.prototype.forEach.call(row.querySelectorAll('.field-error'), function (e) { e.parentNode.removeChild(e); });
  }
  function bodyOf(button) {
    var name = button.getAttribute('data-table');
    var fs = button.closest('fieldset.rows');
    return fs && fs.querySelector('tbody[data-table="' + name + '"]');
  }
  function firstInput(row) { return row.querySelector('input:not([type=hidden]), select, textarea'); }
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('button[data-op]') : null;
    if (!b) return;
    var op = b.getAttribute('data-op');
    var body = op === 'add' ? bodyOf(b) : b.closest('tbody[data-table]');
    if (!body) return;
    e.preventDefault();
    var list = rows(body);
    var row = op === 'add' ? null : b.closest('tr.row');
    var max = Number(body.getAttribute('data-max') || Infinity);
    if (op === 'add') {
      if (list.length >= max) { say('これ以上行を追加できません（最大' + max + '行）'); return; }
      var last = list[list.length - 1];
      var copy = last.cloneNode(true);
      clear(copy);
      body.appendChild(copy);
      renumber(body);
      var f = firstInput(copy);
      if (f) f.focus();
      say(rowText(copy) + 'を追加しました');
    } else if (op === 'remove') {
      var text = rowText(row);
      if (list.length === 1) { clear(row); renumber(body); var g = firstInput(row); if (g) g.focus(); say(text + 'を空にしました'); return; }
      var next = row.nextElementSibling || row.previousElementSibling;
      body.removeChild(row);
      renumber(body);
      var nb = next && next.querySelector('button[data-op="remove"]');
      if (nb) nb.focus();
      say(text + 'を削除しました');
    } else if (op === 'up' || op === 'down') {
      var other = op === 'up' ? row.previousElementSibling : row.nextElementSibling;
      if (!other) { say(op === 'up' ? '先頭の行です' : '最後の行です'); return; }
      if (op === 'up') body.insertBefore(row, other); else body.insertBefore(other, row);
      renumber(body);
      b.focus();
      say(rowText(row) + 'に移動しました');
    }
  });
})();
`;

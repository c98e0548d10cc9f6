/**
 * One small stylesheet inline in every page. States are told by words and symbols too, never by colour alone.
 * It is rendered as escaped text inside <style>: no quotes, no > or & (they would arrive as entities).
 */
export const STYLE = `
:root { --fg:#1f2937; --muted:#4b5563; --line:#d1d5db; --accent:#1d4ed8; --bad:#b91c1c; --warn:#92400e; --ok:#166534; }
* { box-sizing: border-box; }
body { margin:0; font-family:Noto Sans CJK JP,Noto Sans JP,Hiragino Sans,Yu Gothic,system-ui,sans-serif; color:var(--fg); line-height:1.6; }
.skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px 8px; z-index:10; }
header.site { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; padding:.5rem 1rem; border-bottom:2px solid var(--fg); }
header.site .brand { font-weight:700; }
header.site nav ul { display:flex; gap:1rem; list-style:none; margin:0; padding:0; }
header.site .signout { margin-left:auto; display:flex; gap:.5rem; align-items:center; font-size:.9rem; }
main { padding:1rem; max-width:1200px; }
h1 { font-size:1.5rem; } h2 { font-size:1.25rem; margin-top:2rem; border-bottom:1px solid var(--line); }
a { color:var(--accent); }
:focus-visible { outline:3px solid #f59e0b; outline-offset:2px; }
table { border-collapse:collapse; width:100%; margin:.5rem 0; }
th, td { border:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
th { background:#f3f4f6; }
.num { text-align:right; font-variant-numeric:tabular-nums; }
.status-overdue { color:var(--bad); font-weight:700; }
.status-soon, .status-due-today { color:var(--warn); font-weight:700; }
.status-pending { color:var(--ok); }
.notice { border:2px solid var(--accent); padding:.5rem 1rem; background:#eff6ff; }
.error-summary { border:3px solid var(--bad); padding:.5rem 1rem; background:#fef2f2; }
.field-error { color:var(--bad); font-weight:700; display:block; }
form.event { border:1px solid var(--line); padding:.75rem 1rem; margin:1rem 0; }
fieldset { border:1px solid var(--line); margin:.5rem 0; }
label { display:block; font-weight:600; margin-top:.5rem; }
.hint { color:var(--muted); font-size:.9rem; display:block; }
input[type=text], input[type=date], input[type=time], input[type=number], input[type=email], select, textarea { font:inherit; padding:.3rem; border:1px solid #6b7280; min-width:16rem; max-width:100%; }
textarea { width:100%; min-height:5rem; }
textarea.json { font-family:monospace; min-height:10rem; }
button { font:inherit; padding:.4rem 1rem; border:2px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
button.secondary { background:#fff; color:var(--accent); }
.diagram { overflow:auto; border:1px solid var(--line); }
.diagram svg { width:100%; height:auto; }
ol.timeline { list-style:none; padding:0; border-left:3px solid var(--line); }
ol.timeline li { margin:0 0 .75rem 0; padding-left:1rem; }
.pager { display:flex; gap:1rem; }
dl.facts { display:grid; grid-template-columns:minmax(6rem, max-content) minmax(0, 1fr); gap:.25rem 1rem; } dl.facts dt { font-weight:600; } dl.facts dd { margin:0; overflow-wrap:anywhere; }\n@media (max-width: 600px) { dl.facts { grid-template-columns:minmax(0, 1fr); gap:0; } dl.facts dd { margin:0 0 .5rem 0; } }
.filters { display:flex; flex-wrap:wrap; gap:1rem; align-items:flex-end; } .filters label { margin:0; }
header.site .who { overflow-wrap:anywhere; }
.table-scroll { overflow-x:auto; max-width:100%; position:relative; }
.table-scroll table { min-width:36rem; }
code { overflow-wrap:anywhere; }
@media (max-width: 640px) {
  main { padding:.75rem; }
  h1 { font-size:1.3rem; overflow-wrap:anywhere; }
  header.site { gap:.25rem 1rem; padding:.5rem .75rem; }
  header.site nav ul { flex-wrap:wrap; gap:.25rem 1rem; }
  header.site .signout { margin-left:0; width:100%; flex-wrap:wrap; justify-content:space-between; font-size:.85rem; }
  input[type=text], input[type=date], input[type=time], input[type=number], input[type=email], select, textarea { min-width:0; width:100%; }
  .filters div { flex:1 1 100%; }
  form.event { padding:.5rem; }
  figure { margin:0; }
  /* Tables become cards: one box per row, each cell with the name of its column in front (data-label). */
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th[scope=row] { display:block; width:100%; }
  table.cards caption { display:block; text-align:left; }
  table.cards thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
  table.cards tr { border:1px solid var(--line); border-left:4px solid var(--accent); margin:0 0 .75rem; padding:.35rem .5rem; }
  table.cards td, table.cards th[scope=row] { border:0; padding:.15rem 0 .15rem 7.5rem; position:relative; min-height:1.6em; text-align:left; background:none; overflow-wrap:anywhere; }
  table.cards td::before, table.cards th[scope=row]::before { content:attr(data-label); position:absolute; left:0; width:7rem; font-weight:600; font-size:.85rem; color:var(--muted); overflow-wrap:anywhere; }
  /* The header of a row is the title of its card. */
  table.cards th[scope=row] { font-size:1.05rem; padding-left:0; }
  table.cards th[scope=row]::before { content:none; }
  /* A row with nothing in it (a day without deadlines) is one line. */
  table.cards tr.empty { display:flex; flex-wrap:wrap; gap:0 1rem; padding:.15rem .5rem; border-left-color:var(--line); }
  table.cards tr.empty th[scope=row], table.cards tr.empty td { width:auto; padding-left:0; font-size:.95rem; font-weight:400; }
  table.cards tr.empty td::before { content:none; }
  table.cards .num { text-align:left; }
}
`;

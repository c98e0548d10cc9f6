/** Styles of the work pages (inbox, dashboard, case, case list), kept apart from the base sheet (same rule: no quotes, no > or &). */
export const WORK_STYLE = `
nav.tabs { display:flex; flex-wrap:wrap; gap:.25rem; margin:.5rem 0 1rem; border-bottom:2px solid var(--line); }
nav.tabs a { padding:.4rem .9rem; border:1px solid var(--line); border-bottom:none; text-decoration:none; background:#f9fafb; }
nav.tabs a[aria-current=page] { background:#fff; border-color:var(--accent); border-top-width:4px; font-weight:700; color:var(--fg); }
.filters .search { flex:1 1 20rem; } .filters .search input { width:100%; }
.filters .check label { font-weight:400; display:flex; gap:.35rem; align-items:center; }
input[type=search] { font:inherit; padding:.3rem; border:1px solid #6b7280; min-width:16rem; max-width:100%; }
button.small { padding:.15rem .6rem; font-size:.9rem; }
form.assign button, div.assign button { white-space:nowrap; }
table.cards caption { text-align:left; }
form.assign, div.assign { display:flex; flex-wrap:wrap; gap:.35rem; align-items:center; margin:0; }
.assignee.mine { font-weight:700; color:var(--ok); } .assignee.none { color:var(--muted); }
.date-line { display:block; }
.date-line.received { color:var(--muted); font-size:.9rem; }
table.inbox td:first-child { min-width:9rem; }
.action-first { border:2px solid var(--accent); padding:.5rem 1rem; margin:1rem 0; background:#f8fafc; }
.action-first h2 { margin-top:.25rem; border:none; }
.action-first dl.facts { margin:.25rem 0; }
.deadline-passed { border:3px solid var(--bad); background:#fef2f2; padding:.5rem 1rem; margin:.5rem 0; }
.deadline-passed strong { color:var(--bad); }
.deadline-late { border:2px solid var(--warn); background:#fffbeb; padding:.5rem 1rem; margin:.5rem 0; }
.deadline-late ul { margin:.25rem 0; padding-left:1.25rem; }
section.actions details summary { cursor:pointer; font-weight:600; padding:.35rem .75rem; border:1px solid var(--accent); border-radius:4px; margin:.4rem 0; color:var(--accent); background:#fff; }
section.actions details[open] summary { background:#eff6ff; }
tr.phase-current { background:#eff6ff; font-weight:600; }
tr.phase-past { color:var(--muted); }
details.diagram-box summary { cursor:pointer; font-weight:600; padding:.35rem 0; }
.diagram { max-width:100%; overflow:auto; max-height:80vh; }
.case-list-summary { color:var(--muted); }
section.split { margin-top:1rem; }
@media (min-width: 641px) { table.case-list td.num, table.case-list td:nth-child(2), table.deadline-timeline td:first-child { white-space:nowrap; } }
@media (max-width: 640px) {
  table.inbox td:first-child { min-width:0; }
  nav.tabs a { flex:1 1 auto; text-align:center; }
  .action-first { padding:.5rem; }
  input[type=search] { min-width:0; width:100%; }
  .filters .check { flex:1 1 100%; }
}
`;

/** The statistics pages' own rules (escaped text inside <style>: no quotes, no > or &). */
export const STATISTICS_STYLE = `
.stat-notes { margin:.5rem 0 1rem; padding-left:1.25rem; }
.stat-exports { display:flex; flex-wrap:wrap; gap:.5rem 1.5rem; margin:.75rem 0; }
.stat-total { display:grid; grid-template-columns:repeat(auto-fill, minmax(11rem, 1fr)); gap:.5rem; margin:.5rem 0 1rem; padding:0; list-style:none; }
.stat-total li { border:1px solid var(--line); border-left:4px solid var(--accent); padding:.35rem .6rem; }
.stat-total .k { display:block; font-size:.85rem; color:var(--muted); }
.stat-total .v { display:block; font-size:1.35rem; font-weight:700; font-variant-numeric:tabular-nums; }
.stat-charts { display:grid; grid-template-columns:repeat(auto-fill, minmax(26rem, 1fr)); gap:1rem 2rem; }
.stat-charts figure { margin:0; min-width:0; }
.stat-charts figcaption { font-weight:700; margin:.25rem 0; }
.stat-by { display:flex; flex-wrap:wrap; gap:.25rem 1rem; margin:.5rem 0; }
.stat-by a[aria-current] { font-weight:700; text-decoration:none; color:var(--fg); }
@media (max-width: 640px) {
  .stat-charts { grid-template-columns:minmax(0, 1fr); }
  .stat-total { grid-template-columns:repeat(2, minmax(0, 1fr)); }
  /* The figures' names are long (学科試験不合格者数): a wider name column on the cards. */
  .table-scroll table.stat-table { min-width:0; }
  table.cards.stat-table td { padding-left:10.5rem; }
  table.cards.stat-table td::before { width:10rem; }
}
`;

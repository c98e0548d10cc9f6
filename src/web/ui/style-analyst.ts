/** Styles of the analyst pages and of every zoomable diagram (same rule: no quotes, no > or &). */
export const ANALYST_STYLE = `
main:has(.analyst-wide) { max-width:none; }
.diagram.zoomable { height:min(78vh, 900px); overflow:hidden; cursor:grab; touch-action:none; background:#fff; }
.diagram.zoomable.dragging { cursor:grabbing; }
.diagram-tools { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; margin:.25rem 0; }
.diagram-tools button { padding:.2rem .75rem; }
.diagram-tools .zoom-level { color:var(--muted); font-variant-numeric:tabular-nums; }
.diagram svg a:hover rect, .diagram svg a:focus rect { stroke-width:3; }
.diagram svg a:hover text { text-decoration:underline; }
.overlay-switch { display:flex; flex-wrap:wrap; gap:.25rem 1rem; border:1px solid var(--line); padding:.5rem .75rem; margin:.5rem 0; }
.overlay-switch legend { font-weight:700; }
.overlay-switch label { display:inline-flex; gap:.25rem; align-items:center; font-weight:400; margin:0; }
.overlay-switch [aria-current=true] { font-weight:700; }
ul.heat-legend { list-style:none; display:flex; flex-wrap:wrap; gap:.25rem 1rem; padding:0; margin:.25rem 0; }
ul.heat-legend li { display:inline-flex; align-items:center; gap:.35rem; }
ul.heat-legend .swatch { display:inline-block; width:1.5rem; height:1rem; border:1px solid #6b7280; }
.exports { display:flex; flex-wrap:wrap; gap:.25rem 1rem; }
.diagram svg a { cursor:pointer; }
.analyst-wide .lead { margin:.25rem 0 .5rem; }
.analyst-controls { display:flex; flex-wrap:wrap; gap:.5rem 1.5rem; align-items:flex-end; }
.analyst-filters { gap:.5rem 1rem; }
.analyst-filters select { min-width:11rem; }
.analyst-filters input[type=date] { min-width:0; }
.analyst-controls .overlay-switch { margin:0; }
h2.compact { margin-top:.75rem; }
.heat-key { display:flex; flex-wrap:wrap; gap:0 1.5rem; align-items:baseline; }
.heat-key details.notation summary { cursor:pointer; color:var(--accent); }
figure.diagram-figure { margin:0; }
figure.diagram-figure figcaption { font-size:.9rem; color:var(--muted); margin-top:.25rem; }
figure.diagram-figure .exports { display:inline-flex; margin-left:.5rem; }
.late-histograms { display:flex; flex-wrap:wrap; gap:1rem 2rem; }
figure.late-histogram-figure { margin:0; flex:1 1 20rem; max-width:32rem; }
figure.late-histogram-figure figcaption { font-weight:700; margin-bottom:.25rem; }
svg.late-histogram { width:100%; height:auto; display:block; background:#fff; }
`;

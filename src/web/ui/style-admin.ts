/** Styles of the admin pages, kept apart from the base sheet (same rule: no quotes, no > or &). */
export const ADMIN_STYLE = `
.sr-only { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
nav.crumbs { font-size:.9rem; margin:-.5rem 0 1rem; color:var(--muted); }
ul.admin-menu { list-style:none; padding:0; display:grid; grid-template-columns:repeat(auto-fill, minmax(18rem, 1fr)); gap:1rem; }
ul.admin-menu li { border:1px solid var(--line); border-left:4px solid var(--accent); padding:.75rem 1rem; }
ul.admin-menu a.entry { font-weight:700; font-size:1.1rem; }
ul.admin-menu .hint { margin-top:.25rem; }
section.admin-form, form.admin-form { max-width:42rem; }
section.admin-form { border:1px solid var(--line); padding:.25rem 1rem .5rem; margin:1rem 0 2rem; background:#f9fafb; }
section.admin-form h3 { margin:.5rem 0; font-size:1.05rem; }
.admin-form .field { margin:.25rem 0 .75rem; }
.admin-form .field label { margin-top:0; }
.admin-form .field input[type=text], .admin-form .field input[type=email], .admin-form .field select { width:100%; }
.req { color:var(--bad); font-weight:400; font-size:.85rem; margin-left:.25rem; }
label.check { display:flex; gap:.5rem; align-items:center; font-weight:400; }
label.check input { width:1.2rem; height:1.2rem; margin:0; flex:none; }
.error-summary ul { margin:.25rem 0; padding-left:1.25rem; }
form.inline { display:inline; margin:0; }
form.inline button { padding:.25rem .75rem; }
a.button-link { display:inline-block; padding:.4rem 1rem; border:2px solid var(--accent); text-decoration:none; font-weight:600; }
table.incidents th[scope=row] .hint { font-weight:400; }
code.error-text { display:block; font-size:.85rem; white-space:pre-wrap; overflow-wrap:anywhere; word-break:break-word; max-width:28rem; background:#fef2f2; padding:.15rem .35rem; }
th.email { overflow-wrap:anywhere; }
.error-meaning { display:block; margin-bottom:.25rem; }
table.incidents td.num, table.incidents form.inline button { white-space:nowrap; }
button.danger { background:var(--bad); border-color:var(--bad); }
form.admin-form button + a { margin-left:1rem; }
/* A fieldset is as wide as its widest content by default: a scrolling table in it (the settings page, linked from 管理) would widen the page at 390 px. */
fieldset:has(.table-scroll) { min-width:0; }
@media (max-width: 640px) {
  ul.admin-menu { grid-template-columns:minmax(0, 1fr); }
  section.admin-form { padding:.25rem .5rem .5rem; }
  code.error-text { max-width:none; }
}
`;

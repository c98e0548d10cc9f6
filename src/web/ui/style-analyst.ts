/** Styles of the analyst pages, kept apart from the base sheet (same rule: no quotes, no > or &). */
export const ANALYST_STYLE = `
`;

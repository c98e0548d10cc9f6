/** Styles of the work pages, kept apart from the base sheet (same rule: no quotes, no > or &). */
export const WORK_STYLE = `
`;

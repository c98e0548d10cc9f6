/** Styles of the admin pages, kept apart from the base sheet (same rule: no quotes, no > or &). */
export const ADMIN_STYLE = `
`;

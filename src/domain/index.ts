export * from './dates.js';
export * from './calendar.js';
export * from './submit-by.js';
export * from './fiscal-year.js';
export * from './wareki.js';
export * from './scoring.js';
export * from './eligibility.js';

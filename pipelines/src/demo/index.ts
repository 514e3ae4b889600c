export * from './courier.js';
export * from './demo-country.js';
export * from './demo-summary.js';
export * from './demo-values.js';
export * from './run-oise.js';

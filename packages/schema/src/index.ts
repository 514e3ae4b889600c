export * from './database.js';
export * from './journal-entry.js';
export { MIGRATIONS } from './migrations/index.js';

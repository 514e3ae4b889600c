export * from './database.js';
export { MIGRATIONS } from './migrations/index.js';

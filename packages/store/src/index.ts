export {
  type NodeDatabase,
  type OpenOptions,
  SCHEMA_VERSION,
  migrateToLatest,
  openDatabase,
} from './open-database.js';

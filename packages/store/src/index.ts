export {
  type NodeDatabase,
  type OpenOptions,
  SCHEMA_VERSION,
  migrateToLatest,
  openDatabase,
} from './open-database.js';
export {
  type DatabaseFileReport,
  backupDatabase,
  inspectDatabaseFile,
  settleDatabaseFile,
} from './database-file.js';
export {
  type SqliteDriverName,
  sqliteDriverAvailable,
  sqliteDriverName,
  sqliteEngine,
} from './sqlite-driver.js';

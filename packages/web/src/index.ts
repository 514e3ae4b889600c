export { PUBLIC_PATHS, createWebApp, listRoutes } from './app.js';
export { type WebServer, type WebServerOptions, startWebServer } from './server.js';
export { isLoopbackAddress, isLoopbackHostHeader } from './security/host-guard.js';
export {
  UPLOAD_FILE_MAX_BYTES,
  UPLOAD_MAX_FILES,
  UPLOAD_REQUEST_MAX_BYTES,
} from './uploads/receive-bundles.js';
export type { Viewer, WebDeps, WebEnv, WebMode } from './web-env.js';
export { JobRunner, yieldToServer } from './jobs/job-runner.js';
export type { JobOutcome, JobProgress, JobSpec, JobView } from './jobs/job-runner.js';
export { GRID_READY_MARK } from './assets/saisie-grid-js.js';
export { type FirstStartServer, startFirstStartServer } from './first-start-server.js';

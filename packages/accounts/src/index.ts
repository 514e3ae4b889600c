export * from './accounts.js';
export * from './login-throttle.js';
export * from './password-hash.js';
export * from './roles.js';
export * from './sessions.js';

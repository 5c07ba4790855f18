export { type DevKeys, ensureDevKeys } from './dev-keys.js';
export { type LocalServer, type LocalServerOptions, startLocalServer } from './server.js';

export { type DevKeys, type DevTls, ensureDevKeys, ensureDevTls } from './dev-keys.js';
export {
  type LocalServer,
  type LocalServerLimits,
  type LocalServerOptions,
  startLocalServer,
} from './server.js';
export type { WebhookRetry, WebhookTarget } from './webhooks.js';

/** git-storage-kit/server: Node helpers for the host backend. Never import this in a browser. */
export { algorithmForKey, type MintTokenOptions, mintToken, type RefPolicy } from './mint-token.js';
export {
  type AuthorizeResult,
  createTokenHandler,
  type TokenGrant,
  type TokenHandlerOptions,
} from './token-handler.js';
export {
  type SignatureCheck,
  signWebhook,
  validateWebhook,
  validateWebhookSignature,
  type WebhookCheck,
  type WebhookEvent,
  type WebhookPushEvent,
  type WebhookValidationOptions,
} from './webhook.js';

/**
 * Webhook validation (PROTOCOL.md §10): `X-Pierre-Signature: t=<unix>,sha256=<hex>` is an
 * HMAC-SHA256 of `<t>.<raw body>` keyed with your webhook secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookValidationOptions {
  /** Oldest accepted signature, in seconds (default 300); 0 turns the time checks off. */
  maxAgeSeconds?: number;
  /** The current time in Unix seconds (for tests). */
  now?: number;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; error: string };

const FUTURE_TOLERANCE_SECONDS = 60;

/**
 * The `X-Pierre-Signature` value for a body, as Code Storage sends it: `t=<unix>,sha256=<hex>`.
 * For senders (the local server) and for testing your own receiver.
 */
export function signWebhook(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  if (!secret) throw new Error('signWebhook: an empty secret is not allowed');
  const hex = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},sha256=${hex}`;
}

/** Checks a signature header against the raw body. Compare in constant time; no exceptions. */
export function validateWebhookSignature(
  payload: string | Uint8Array,
  signatureHeader: string,
  secret: string,
  options: WebhookValidationOptions = {},
): SignatureCheck {
  if (!secret) return { valid: false, error: 'Empty secret is not allowed' };
  const parts = new Map<string, string>();
  for (const item of signatureHeader.split(',')) {
    const eq = item.indexOf('=');
    if (eq > 0) parts.set(item.slice(0, eq).trim(), item.slice(eq + 1).trim());
  }
  const t = parts.get('t');
  const signature = parts.get('sha256');
  if (!t || !signature) return { valid: false, error: 'Invalid signature header format' };
  const timestamp = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(timestamp)) {
    return { valid: false, error: 'Invalid timestamp in signature' };
  }
  const maxAge = options.maxAgeSeconds ?? 300;
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge < 0) {
    // Only 0 turns the replay checks off; a negative or NaN age must not do so by accident.
    return {
      valid: false,
      error: `maxAgeSeconds must be 0 (no time check) or a positive number of seconds, not ${String(maxAge)}`,
    };
  }
  if (maxAge > 0) {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    if (now - timestamp > maxAge)
      return { valid: false, error: `Webhook timestamp too old (${now - timestamp} seconds)` };
    if (timestamp - now > FUTURE_TOLERANCE_SECONDS)
      return { valid: false, error: 'Webhook timestamp is in the future' };
  }
  const body = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(signature, 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return { valid: false, error: 'Invalid signature' };
  return { valid: true, timestamp };
}

export interface WebhookPushEvent {
  type: 'push';
  repository: { id: string; url: string };
  ref: string;
  before: string;
  after: string;
  customerId: string;
  pushedAt: Date;
  rawPushedAt: string;
}

export type WebhookEvent = WebhookPushEvent | { type: string; raw: unknown };

export type WebhookCheck =
  | { valid: true; eventType: string; timestamp: number; payload: WebhookEvent }
  | { valid: false; error: string };

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined | string[] {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  return (
    bag[name] ??
    bag[name.toLowerCase()] ??
    bag[name.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())]
  );
}

/** Validates headers and signature, then parses the event (`push` is mapped; others are passed raw). */
export function validateWebhook(
  payload: string | Uint8Array,
  headers: HeaderBag,
  secret: string,
  options: WebhookValidationOptions = {},
): WebhookCheck {
  const signature = header(headers, 'x-pierre-signature');
  if (typeof signature !== 'string' || !signature) {
    return { valid: false, error: 'Missing or invalid X-Pierre-Signature header' };
  }
  const eventType = header(headers, 'x-pierre-event');
  if (typeof eventType !== 'string' || !eventType) {
    return { valid: false, error: 'Missing or invalid X-Pierre-Event header' };
  }
  const check = validateWebhookSignature(payload, signature, secret, options);
  if (!check.valid) return check;
  let data: unknown;
  try {
    data = JSON.parse(
      typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'),
    );
  } catch {
    return { valid: false, error: 'Invalid JSON payload' };
  }
  if (eventType !== 'push')
    return {
      valid: true,
      eventType,
      timestamp: check.timestamp,
      payload: { type: eventType, raw: data },
    };
  const p = data as Record<string, unknown>;
  const repo = p.repository as Record<string, unknown> | undefined;
  const strings = [repo?.id, repo?.url, p.ref, p.before, p.after, p.customer_id, p.pushed_at];
  if (!strings.every((s) => typeof s === 'string'))
    return { valid: false, error: 'Invalid push payload' };
  return {
    valid: true,
    eventType,
    timestamp: check.timestamp,
    payload: {
      type: 'push',
      repository: { id: repo?.id as string, url: repo?.url as string },
      ref: p.ref as string,
      before: p.before as string,
      after: p.after as string,
      customerId: p.customer_id as string,
      pushedAt: new Date(p.pushed_at as string),
      rawPushedAt: p.pushed_at as string,
    },
  };
}

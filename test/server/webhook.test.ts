import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, validateWebhook, validateWebhookSignature } from '../../src/server/index.js';

const secret = 'whsec_test';
const body = JSON.stringify({
  repository: { id: 'repo_1', url: 'https://acme.code.storage/team/project.git' },
  ref: 'main',
  before: 'a'.repeat(40),
  after: 'b'.repeat(40),
  customer_id: 'cust_1',
  pushed_at: '2026-11-28T12:00:00Z',
});
const now = 1_800_000_000;

function sign(t: number, payload = body, key = secret): string {
  return `t=${t},sha256=${createHmac('sha256', key).update(`${t}.${payload}`).digest('hex')}`;
}

describe('validateWebhookSignature', () => {
  it('accepts a valid signature (and ignores unknown items)', () => {
    expect(validateWebhookSignature(body, `${sign(now)},v1=whatever`, secret, { now })).toEqual({
      valid: true,
      timestamp: now,
    });
  });
  it.each([
    [
      'a tampered body',
      () => validateWebhookSignature(`${body} `, sign(now), secret, { now }),
      'Invalid signature',
    ],
    [
      'another secret',
      () => validateWebhookSignature(body, sign(now, body, 'other'), secret, { now }),
      'Invalid signature',
    ],
    [
      'a signature too old',
      () => validateWebhookSignature(body, sign(now - 400), secret, { now }),
      'Webhook timestamp too old (400 seconds)',
    ],
    [
      'a signature from the future',
      () => validateWebhookSignature(body, sign(now + 120), secret, { now }),
      'Webhook timestamp is in the future',
    ],
    [
      'a malformed header',
      () => validateWebhookSignature(body, 'sha256=abc', secret, { now }),
      'Invalid signature header format',
    ],
    [
      'a bad timestamp',
      () => validateWebhookSignature(body, 't=soon,sha256=ab', secret, { now }),
      'Invalid timestamp in signature',
    ],
    [
      'an empty secret',
      () => validateWebhookSignature(body, sign(now), '', { now }),
      'Empty secret is not allowed',
    ],
  ])('refuses %s', (_name, check, error) => {
    expect(check()).toEqual({ valid: false, error });
  });
  it.each([-1, -300, Number.NaN])(
    'refuses maxAgeSeconds %s instead of skipping the time checks',
    (maxAgeSeconds) => {
      const check = validateWebhookSignature(body, sign(now - 10_000), secret, {
        now,
        maxAgeSeconds,
      });
      expect(check.valid).toBe(false);
      expect(check).toMatchObject({ error: expect.stringMatching(/maxAgeSeconds must be 0/) });
    },
  );
  it('skips the time checks with maxAgeSeconds: 0', () => {
    expect(
      validateWebhookSignature(body, sign(now - 10_000), secret, { now, maxAgeSeconds: 0 }).valid,
    ).toBe(true);
  });
});

describe('validateWebhook', () => {
  it('maps a push event', () => {
    const result = validateWebhook(
      body,
      new Headers({ 'X-Pierre-Signature': sign(now), 'X-Pierre-Event': 'push' }),
      secret,
      { now },
    );
    expect(result).toMatchObject({
      valid: true,
      eventType: 'push',
      payload: { type: 'push', ref: 'main', customerId: 'cust_1', repository: { id: 'repo_1' } },
    });
    if (result.valid && result.payload.type === 'push') {
      expect((result.payload as { pushedAt: Date }).pushedAt.toISOString()).toBe(
        '2026-11-28T12:00:00.000Z',
      );
    }
  });
  it('passes other events through raw and reads Node-style header objects', () => {
    const other = JSON.stringify({ hello: 1 });
    const result = validateWebhook(
      other,
      { 'x-pierre-signature': sign(now, other), 'x-pierre-event': 'ping' },
      secret,
      { now },
    );
    expect(result).toEqual({
      valid: true,
      eventType: 'ping',
      timestamp: now,
      payload: { type: 'ping', raw: { hello: 1 } },
    });
  });
  it.each([
    [{ 'x-pierre-event': 'push' }, 'Missing or invalid X-Pierre-Signature header'],
    [{ 'x-pierre-signature': sign(now) }, 'Missing or invalid X-Pierre-Event header'],
    [
      { 'x-pierre-signature': sign(now), 'x-pierre-event': ['push', 'push'] },
      'Missing or invalid X-Pierre-Event header',
    ],
  ])('refuses missing headers (%#)', (headers, error) => {
    expect(validateWebhook(body, headers, secret, { now })).toEqual({ valid: false, error });
  });
  it('refuses a push payload with missing fields, and bad JSON', () => {
    const thin = JSON.stringify({ ref: 'main' });
    expect(
      validateWebhook(
        thin,
        { 'x-pierre-signature': sign(now, thin), 'x-pierre-event': 'push' },
        secret,
        { now },
      ),
    ).toEqual({
      valid: false,
      error: 'Invalid push payload',
    });
    const bad = '{nope';
    expect(
      validateWebhook(
        bad,
        { 'x-pierre-signature': sign(now, bad), 'x-pierre-event': 'push' },
        secret,
        { now },
      ),
    ).toEqual({
      valid: false,
      error: 'Invalid JSON payload',
    });
  });
});

describe('signWebhook', () => {
  it('signs what validateWebhookSignature accepts, and only that body with that secret', () => {
    const body = '{"ref":"main"}';
    const header = signWebhook(body, 'whsec', 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,sha256=[0-9a-f]{64}$/);
    const options = { now: 1_700_000_010 };
    expect(validateWebhookSignature(body, header, 'whsec', options)).toEqual({
      valid: true,
      timestamp: 1_700_000_000,
    });
    expect(validateWebhookSignature(`${body} `, header, 'whsec', options).valid).toBe(false);
    expect(validateWebhookSignature(body, header, 'other', options).valid).toBe(false);
    expect(() => signWebhook(body, '')).toThrow(/empty secret/);
  });
});

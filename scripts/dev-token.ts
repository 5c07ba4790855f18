/**
 * `npm run token -- --repo demo/hello [--scopes git:read,git:write] [--ttl 3600]`: the same as the
 * installed bin's `git-storage-local token …`, run from this checkout.
 */
process.argv.splice(2, 0, 'token');
await import('../src/local-server/cli.js');

export {};

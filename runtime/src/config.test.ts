import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('hardening settings', () => {
  it('defaults: nothing private allowed, 64 KiB bodies, 5 redirects; ESL handshake 5 s, 2000 connections, 1 MiB frames', () => {
    expect(loadConfig({})).toMatchObject({
      httpRequests: { allow: [], maxBodyBytes: 65_536, maxRedirects: 5 },
      outbound: { limits: { handshakeTimeoutMs: 5000, maxConnections: 2000, maxFrameBytes: 1_048_576 } },
    });
  });

  it('takes the allowlist for the runtime environment, falling back to HTTP_REQUEST_ALLOW', () => {
    const env = { HTTP_REQUEST_ALLOW: '10.0.0.0/8', HTTP_REQUEST_ALLOW_STAGING: 'crm-test.internal:8080' };
    expect(loadConfig(env).httpRequests.allow).toEqual([{ kind: 'cidr', network: '10.0.0.0', prefix: 8, family: 'ipv4' }]);
    expect(loadConfig({ ...env, RUNTIME_ENVIRONMENT: 'staging' }).httpRequests.allow).toEqual([{ kind: 'host', host: 'crm-test.internal', port: 8080 }]);
  });

  it('reads the limits and rejects unusable values with the variable named', () => {
    const config = loadConfig({ ESL_HANDSHAKE_TIMEOUT_MS: '2000', ESL_MAX_CONNECTIONS: '50', ESL_MAX_FRAME_BYTES: '262144', HTTP_REQUEST_MAX_BODY_BYTES: '1024', HTTP_REQUEST_MAX_REDIRECTS: '0' });
    expect(config.outbound.limits).toEqual({ handshakeTimeoutMs: 2000, maxConnections: 50, maxFrameBytes: 262_144 });
    expect(config.httpRequests).toMatchObject({ maxBodyBytes: 1024, maxRedirects: 0 });
    expect(() => loadConfig({ HTTP_REQUEST_ALLOW: '10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_REQUEST_ALLOW_PRODUCTION: 'a b' })).toThrow(/^HTTP_REQUEST_ALLOW_PRODUCTION: "a b" is not/);
    expect(() => loadConfig({ ESL_MAX_FRAME_BYTES: '64MB' })).toThrow('ESL_MAX_FRAME_BYTES must be a whole number between 65536 and 67108864, got "64MB"');
    expect(() => loadConfig({ ESL_HANDSHAKE_TIMEOUT_MS: '0' })).toThrow(/ESL_HANDSHAKE_TIMEOUT_MS/);
  });
});

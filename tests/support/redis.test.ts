import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './app';
import { pingRedis, redisBin, redisCommand, redisPid, startRedis, type TestRedis } from './redis';

// CI installs redis-server (.ci/run); elsewhere this runs wherever Debian's redis-server is installed.
describe.runIf(redisBin() !== null || process.env.CI)('a throwaway Redis server', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(() => redis?.stop());

  it('answers PING, and a client can write and read', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await pingRedis(redis.port)).toBe(true);
    expect(await redisPid(redis.port)).toBe(redis.pid);
    expect(await redisCommand(redis.port, 'ECHO hello')).toBe('hello');
    expect(await redisCommand(redis.port, 'NOSUCHCOMMAND')).toMatch(/^-ERR/);
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      await client.set('ioc:test', 'Huế');
      expect(await client.get('ioc:test')).toBe('Huế');
      // Nothing reaches the disk: no RDB snapshots, no append-only file.
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
      expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    } finally {
      client.disconnect();
    }
  });

  it('says why when the port is taken', async () => {
    await expect(startRedis({ port: redis.port })).rejects.toThrow(/did not start[\s\S]*in use/i);
  });

  it('stop() ends the server and frees its port', async () => {
    const other = await startRedis();
    expect(other.port).not.toBe(redis.port);
    await other.stop();
    expect(() => process.kill(other.pid, 0)).toThrow();
    expect(await pingRedis(other.port, 300)).toBe(false);
    await other.stop(); // a second stop is harmless
  });
});

describe('asking a port where no Redis listens', () => {
  it('is no PING, no pid', async () => {
    const port = await freePort();
    expect(await pingRedis(port, 300)).toBe(false);
    expect(await redisPid(port, 300)).toBeNull();
  });
});

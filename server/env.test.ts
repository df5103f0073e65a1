import { describe, expect, it } from 'vitest';
import { hubOptionsFromEnv } from './env';

describe('hubOptionsFromEnv', () => {
  it('defaults to port 8080 on localhost with the simulator at seed 1', () => {
    const { options, errors } = hubOptionsFromEnv({});
    expect(errors).toEqual([]);
    expect(options).toMatchObject({ port: 8080, host: '127.0.0.1', sim: { seed: 1 } });
    expect(options.staticDir).toBeUndefined();
  });

  it('reads every setting', () => {
    const { options, errors } = hubOptionsFromEnv({
      PORT: '9000',
      HOST: '0.0.0.0',
      SIM_SEED: '7',
      SIM_LAMPS: '20000',
      SIM_SCALE: '60',
      LOG_SIZE: '5000',
      TICK_MS: '100',
      STATIC_DIR: 'build',
      DATA_DIR: '/var/lib/ioc',
    });
    expect(errors).toEqual([]);
    expect(options).toEqual({
      port: 9000,
      host: '0.0.0.0',
      logSize: 5000,
      tickMs: 100,
      sim: { seed: 7, lamps: 20000, timeScale: 60 },
      staticDir: 'build',
      storage: { dataDir: '/var/lib/ioc' },
    });
    expect(hubOptionsFromEnv({ SIM: 'off' }).options.sim).toBe(false);
  });

  it('keeps the city in ./data by default, in PostgreSQL by DATABASE_URL, nowhere with STORE=memory', () => {
    expect(hubOptionsFromEnv({}).options.storage).toEqual({ dataDir: 'data' });
    const url = 'postgres://ioc:secret@db:5432/ioc';
    expect(hubOptionsFromEnv({ DATABASE_URL: url }).options.storage).toEqual({ databaseUrl: url });
    expect(hubOptionsFromEnv({ STORE: 'memory', DATABASE_URL: url }).options.storage).toBe(false);
    expect(hubOptionsFromEnv({ DATABASE_URL: 'mysql://x' }).errors).toEqual([
      'DATABASE_URL: expected postgres://user:password@host:port/database',
    ]);
  });

  it('reports every bad value at once', () => {
    const { errors } = hubOptionsFromEnv({ PORT: 'http', SIM_LAMPS: '-3', SIM_SCALE: '0', LOG_SIZE: '1.5' });
    expect(errors.map((e) => e.split('=')[0])).toEqual(['PORT', 'LOG_SIZE', 'SIM_LAMPS', 'SIM_SCALE']);
  });

  it('reads the slow-client bound, which is at least 64 KiB', () => {
    expect(hubOptionsFromEnv({ MAX_CLIENT_BACKLOG_BYTES: '1048576' }).options.maxClientBacklogBytes).toBe(
      1048576,
    );
    expect(hubOptionsFromEnv({}).options.maxClientBacklogBytes).toBeUndefined();
    expect(hubOptionsFromEnv({ MAX_CLIENT_BACKLOG_BYTES: '1000' }).errors).toEqual([
      'MAX_CLIENT_BACKLOG_BYTES=1000: expected an integer from 65536 to 1099511627776',
    ]);
  });
});

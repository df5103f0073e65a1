import { describe, expect, it } from 'vitest';
import { isLocalUrl } from './page';

describe('isLocalUrl', () => {
  it('lets the wall talk to its own machine', () => {
    expect(isLocalUrl('http://127.0.0.1:8080/api/health')).toBe(true);
    expect(isLocalUrl('ws://localhost:5173/socket.io/?EIO=4')).toBe(true);
    expect(isLocalUrl('http://[::1]:8080/')).toBe(true);
    expect(isLocalUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isLocalUrl('blob:http://127.0.0.1:8080/1f2e')).toBe(true);
  });

  it('flags anything that would leave it', () => {
    expect(isLocalUrl('https://unpkg.com/@loaders.gl/worker.js')).toBe(false);
    expect(isLocalUrl('https://fonts.googleapis.com/css')).toBe(false);
    expect(isLocalUrl('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isLocalUrl('wss://tiles.example.org/')).toBe(false);
    expect(isLocalUrl('not a url')).toBe(false);
  });
});

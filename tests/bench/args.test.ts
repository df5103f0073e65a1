import { describe, expect, it } from 'vitest';
import { intOption, positiveOption } from './args';

describe('bench options', () => {
  it('reads integers and names the option it refuses', () => {
    expect(intOption('lamps', '50000')).toBe(50000);
    expect(intOption('pause', '0', 0)).toBe(0);
    expect(() => intOption('lamps', '2.5')).toThrow('--lamps must be a positive integer, got 2.5');
    expect(() => intOption('pause', '-1', 0)).toThrow('--pause must be a non-negative integer, got -1');
    expect(() => intOption('nodes', '1', 2)).toThrow('--nodes must be an integer >= 2, got 1');
    expect(() => intOption('rounds', undefined)).toThrow(
      '--rounds must be a positive integer, got undefined',
    );
  });

  it('reads positive numbers', () => {
    expect(positiveOption('minutes', '0.5')).toBe(0.5);
    expect(() => positiveOption('scale', '0')).toThrow('--scale must be a positive number, got 0');
    expect(() => positiveOption('scale', 'x')).toThrow('--scale must be a positive number, got x');
  });
});

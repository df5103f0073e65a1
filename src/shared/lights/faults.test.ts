import { describe, expect, it } from 'vitest';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../protocol/codes';
import {
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_NONE,
  FAULT_NOT_SWITCHED,
  FAULT_WRONG_LEVEL,
  classifyLamps,
  commandedSetting,
  faultKindOf,
  faultsPerCabinet,
  isDaylight,
  lampFault,
} from './faults';
import type { Setting } from './schedule';
import { HUE } from './sun';

const ON: Setting = { mode: 'on', level: 100 };
const OFF: Setting = { mode: 'off', level: 0 };
const DIM50: Setting = { mode: 'dim', level: 50 };
const status = (mode: 'auto' | 'on' | 'off' | 'dim', level: number, online = true) => ({
  mode,
  level,
  online,
  override: null,
});

describe('commandedSetting', () => {
  it('reads auto levels as the schedule set them', () => {
    expect(commandedSetting(status('auto', 100))).toEqual(ON);
    expect(commandedSetting(status('auto', 0))).toEqual(OFF);
    expect(commandedSetting(status('auto', 50))).toEqual(DIM50);
  });
  it("follows an operator's mode, whatever the level field says", () => {
    expect(commandedSetting(status('on', 0))).toEqual(ON);
    expect(commandedSetting(status('off', 100))).toEqual(OFF);
    expect(commandedSetting(status('dim', 100))).toEqual({ mode: 'dim', level: 100 });
  });
  it('judges nothing for an offline or uncontrolled cabinet', () => {
    expect(commandedSetting(status('auto', 100, false))).toBeNull();
    expect(commandedSetting(undefined)).toBeNull();
  });
});

describe('isDaylight in Huế (UTC+7)', () => {
  it('is day at local noon and night at 22:00 and 04:00', () => {
    expect(isDaylight(HUE, Date.parse('2026-11-23T05:00:00Z'))).toBe(true); // 12:00 local
    expect(isDaylight(HUE, Date.parse('2026-11-23T15:00:00Z'))).toBe(false); // 22:00 local
    expect(isDaylight(HUE, Date.parse('2026-11-22T21:00:00Z'))).toBe(false); // 04:00 local
  });
});

describe('lampFault', () => {
  it('a failed lamp is a lamp failure whatever the cabinet says', () => {
    expect(lampFault(LAMP_FAULT, 0, ON, false)).toBe(FAULT_LAMP);
    expect(lampFault(LAMP_FAULT, 0, null, true)).toBe(FAULT_LAMP);
  });
  it('a lamp lit after the cabinet switched off burns by day, or missed the switch at night', () => {
    expect(lampFault(LAMP_ON, 100, OFF, true)).toBe(FAULT_DAY_BURNING);
    expect(lampFault(LAMP_DIMMED, 30, OFF, true)).toBe(FAULT_DAY_BURNING);
    expect(lampFault(LAMP_ON, 100, OFF, false)).toBe(FAULT_NOT_SWITCHED);
    expect(lampFault(LAMP_OFF, 0, OFF, true)).toBe(FAULT_NONE);
  });
  it('a lamp that does not take its dim level', () => {
    expect(lampFault(LAMP_ON, 100, DIM50, false)).toBe(FAULT_WRONG_LEVEL);
    expect(lampFault(LAMP_DIMMED, 70, DIM50, false)).toBe(FAULT_WRONG_LEVEL);
    expect(lampFault(LAMP_DIMMED, 50, DIM50, false)).toBe(FAULT_NONE);
    expect(lampFault(LAMP_DIMMED, 50, ON, false)).toBe(FAULT_WRONG_LEVEL);
    expect(lampFault(LAMP_ON, 100, ON, false)).toBe(FAULT_NONE);
  });
  it('a dark lamp its cabinet commands lit', () => {
    expect(lampFault(LAMP_OFF, 0, ON, false)).toBe(FAULT_NOT_SWITCHED);
    expect(lampFault(LAMP_OFF, 0, DIM50, false)).toBe(FAULT_NOT_SWITCHED);
  });
  it('does not judge a working lamp of a cabinet it cannot hear', () => {
    expect(lampFault(LAMP_ON, 100, null, true)).toBe(FAULT_NONE);
  });
});

describe('classifyLamps', () => {
  // cabinet 0 dims to 50, cabinet 1 is off, cabinet 2 is offline
  const commands = [DIM50, OFF, null];
  const lamps = {
    count: 7,
    cabinet: [0, 0, 0, 1, 1, 2, 2],
    state: [LAMP_DIMMED, LAMP_ON, LAMP_FAULT, LAMP_OFF, LAMP_ON, LAMP_ON, LAMP_FAULT],
    level: [50, 100, 0, 0, 100, 100, 0],
  };

  it('codes every lamp, lists the faulty ones and counts by code', () => {
    const f = classifyLamps(lamps, commands, true);
    expect(Array.from(f.code)).toEqual([
      FAULT_NONE,
      FAULT_WRONG_LEVEL,
      FAULT_LAMP,
      FAULT_NONE,
      FAULT_DAY_BURNING,
      FAULT_NONE,
      FAULT_LAMP,
    ]);
    expect(Array.from(f.lamps)).toEqual([1, 2, 4, 6]);
    expect(f.byCode).toEqual([3, 2, 1, 1, 0]);
    expect(f.byCode.reduce((a, b) => a + b, 0)).toBe(lamps.count);
  });

  it('the same lamps at night: the lit lamp of the off cabinet missed the switch', () => {
    const f = classifyLamps(lamps, commands, false);
    expect(f.code[4]).toBe(FAULT_NOT_SWITCHED);
    expect(f.byCode[FAULT_DAY_BURNING]).toBe(0);
  });

  it('reuses the code array it is given when the size matches', () => {
    const first = classifyLamps(lamps, commands, true);
    const again = classifyLamps(lamps, commands, false, first.code);
    expect(again.code).toBe(first.code);
    expect(classifyLamps({ ...lamps, count: 3 }, commands, false, first.code).code).not.toBe(first.code);
  });

  it('counts faults per cabinet, and names the kinds', () => {
    const f = classifyLamps(lamps, commands, true);
    const per = faultsPerCabinet(f, lamps.cabinet, 3);
    expect(per[0 * FAULT_CODE_COUNT + FAULT_WRONG_LEVEL]).toBe(1);
    expect(per[0 * FAULT_CODE_COUNT + FAULT_LAMP]).toBe(1);
    expect(per[1 * FAULT_CODE_COUNT + FAULT_DAY_BURNING]).toBe(1);
    expect(per[2 * FAULT_CODE_COUNT + FAULT_LAMP]).toBe(1);
    expect(per.reduce((a, b) => a + b, 0)).toBe(f.lamps.length);
    expect(faultKindOf(FAULT_DAY_BURNING)).toBe('day-burning');
    expect(faultKindOf(FAULT_NONE)).toBeNull();
  });
});

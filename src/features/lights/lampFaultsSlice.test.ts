import { describe, expect, it } from 'vitest';
import {
  cabinetCommands,
  classifyLamps,
  FAULT_CODE_COUNT,
  FAULT_DAY_BURNING,
  FAULT_LAMP,
  FAULT_WRONG_LEVEL,
} from '../../shared/lighting/faults';
import { LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON } from '../../shared/protocol/codes';
import {
  FAULT_COLORS,
  faultMarkers,
  faultyLampCount,
  lampFaultsCounted,
  lampFaultsSlice,
  selectLampFaultCounts,
} from './lampFaultsSlice';

const on = { mode: 'auto', level: 100, online: true, override: null } as const;
const off = { mode: 'auto', level: 0, online: true, override: null } as const;

describe('fault markers', () => {
  // lamp i sits at (100 + i, 10 + i)
  const positions = Float32Array.from({ length: 10 }, (_, k) =>
    k % 2 === 0 ? 100 + k / 2 : 10 + (k - 1) / 2,
  );
  const lamps = {
    count: 5,
    cabinet: [0, 0, 1, 1, 1],
    state: [LAMP_ON, LAMP_DIMMED, LAMP_FAULT, LAMP_OFF, LAMP_ON],
    level: [100, 60, 0, 0, 100],
  };

  it("places a marker on each faulty lamp, coloured by its kind, from the cabinets' commands", () => {
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    const m = faultMarkers(positions, classifyLamps(lamps, commands, true));
    expect(m.count).toBe(3);
    expect(Array.from(m.lamps)).toEqual([1, 2, 4]);
    expect(Array.from(m.codes)).toEqual([FAULT_WRONG_LEVEL, FAULT_LAMP, FAULT_DAY_BURNING]);
    expect(Array.from(m.positions)).toEqual([101, 11, 102, 12, 104, 14]);
    expect(Array.from(m.colors.subarray(8, 12))).toEqual([...FAULT_COLORS[FAULT_DAY_BURNING]!]);
  });

  it('draws at most `limit` markers, and still knows how many lamps are faulty', () => {
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    const m = faultMarkers(positions, classifyLamps(lamps, commands, true), 2);
    expect(m.count).toBe(2);
    expect(m.total).toBe(3);
    expect(Array.from(m.lamps)).toEqual([1, 2]);
    expect(m.positions).toHaveLength(4);
  });

  it('has no markers for a city without faults', () => {
    const calm = { ...lamps, state: [LAMP_ON, LAMP_ON, LAMP_OFF, LAMP_OFF, LAMP_OFF] };
    const commands = cabinetCommands([{ status: on }, { status: off }]);
    expect(faultMarkers(positions, classifyLamps(calm, commands, true)).count).toBe(0);
  });
});

describe('lamp fault counts in the store', () => {
  it('holds the counts by code and sums the faulty lamps', () => {
    const counts = [40, 3, 2, 1, 0];
    expect(counts).toHaveLength(FAULT_CODE_COUNT);
    const s = lampFaultsSlice.reducer(undefined, lampFaultsCounted(counts));
    expect(selectLampFaultCounts({ lampFaults: s })).toEqual(counts);
    expect(faultyLampCount(counts)).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { faultLayerProps, lampLayerProps, pickedFault } from './lampLayers';

describe('lampLayerProps', () => {
  it('hands deck.gl the typed-array columns as binary attributes, positions unchanged between repaints', () => {
    const source = { count: 2, positions: new Float32Array(4), colors: new Uint8Array(8) };
    const a = lampLayerProps(source, source.colors.slice(), true);
    const b = lampLayerProps(source, source.colors.slice(), false);
    expect(a.data.length).toBe(2);
    expect(a.data.attributes.getPosition).toEqual({ value: source.positions, size: 2 });
    expect(a.data.attributes.getPosition.value).toBe(b.data.attributes.getPosition.value);
    // A repaint brings a new colour array: that identity change is what makes deck.gl upload it.
    expect(a.data.attributes.getFillColor.value).not.toBe(b.data.attributes.getFillColor.value);
    expect(a.data.attributes.getFillColor).toMatchObject({ size: 4, normalized: true });
    expect(b.visible).toBe(false);
  });
});

describe('pickedFault', () => {
  const markers = (lamps: number[], codes: number[]) => ({
    count: lamps.length,
    positions: new Float32Array(lamps.length * 2),
    colors: new Uint8Array(lamps.length * 4),
    lamps: Uint32Array.from(lamps),
    codes: Uint8Array.from(codes),
  });
  const layerOf = (props: { id: string; data: unknown }) => ({ id: props.id, props: { data: props.data } });

  it("reads the lamp from the picked layer's own data, whatever the page's faults are now", () => {
    // A click picked index 1 in the markers drawn from one fault list; the page has a newer list
    // since, where index 1 is another lamp. The click is about the marker that was under it.
    const drawn = layerOf(faultLayerProps(markers([10, 42, 77], [1, 3, 1]), true));
    const newer = layerOf(faultLayerProps(markers([10, 11, 42, 77], [1, 1, 3, 1]), true));
    expect(pickedFault({ index: 1, layer: drawn })).toEqual({ lamp: 42, code: 3 });
    expect(pickedFault({ index: 1, layer: newer })).toEqual({ lamp: 11, code: 1 });
  });

  it('gives nothing for another layer, no layer, or an index out of the markers', () => {
    const drawn = layerOf(faultLayerProps(markers([10, 42], [1, 3]), true));
    expect(pickedFault({ index: 0, layer: { id: 'cameras', props: { data: [] } } })).toBeNull();
    expect(pickedFault({ index: 0, layer: null })).toBeNull();
    expect(pickedFault(null)).toBeNull();
    expect(pickedFault({ index: 2, layer: drawn })).toBeNull();
    expect(pickedFault({ index: -1, layer: drawn })).toBeNull();
  });
});

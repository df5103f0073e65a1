import { ScatterplotLayer } from '@deck.gl/layers';
import { useEffect, useMemo } from 'react';
import { useAppSelector } from '../../app/hooks';
import { wardName } from '../../shared/city/wards';
import { mapDiagnostics } from '../../shared/diagnostics';
import { faultKindOf } from '../../shared/lights/faults';
import {
  mapCapability,
  memoLast,
  type MapCapability,
  type MapDetailProps,
} from '../../shared/map/capability';
import type { Cabinet } from '../../shared/protocol/events';
import { CabinetDetail } from './CabinetDetail';
import { selectCabinets } from './cabinetsSlice';
import { selectLampFaultsVersion, type FaultMarkers, type LampFaultWatch } from './lampFaults';
import { faultLayerProps, lampLayerProps, pickedFault } from './lampLayers';
import { LampPointLayer } from './LampPointLayer';
import type { LampColumns } from './lampColumns';
import { useLampsVersion } from './useLampsVersion';

interface LampsOnMap {
  /** the lamp columns' version, as the map repaints them */
  version: number;
  count: number;
  faults: FaultMarkers | null;
  cabinets: Cabinet[];
}

/**
 * The streetlights on the map: every lamp a dot coloured by its state and level (the columns as binary
 * attributes), and the faulty ones ringed by kind; a ring opens its cabinet. The columns and the fault
 * judgement live outside the store, so the capability is made for them.
 */
export function lampsOnMap(
  lamps: Pick<LampColumns, 'count' | 'positions' | 'colors' | 'state' | 'cabinet'>,
  faults: Pick<LampFaultWatch, 'judged'>,
): MapCapability {
  // A new colour array per repaint: deck.gl re-uploads a binary attribute only when its identity changes.
  const colorsAt = memoLast((_version: number, _count: number) => lamps.colors.slice());
  // Props kept between redraws while nothing of theirs changed, so that deck.gl's `data` stays put.
  const lampProps = memoLast((colors: Uint8Array, scale: number) =>
    lampLayerProps(lamps, colors, true, scale),
  );
  const faultProps = memoLast((markers: FaultMarkers, scale: number) =>
    faultLayerProps(markers, true, scale),
  );
  const Detail = (props: MapDetailProps) => <CabinetDetail {...props} lamps={lamps} faults={faults} />;

  return mapCapability<LampsOnMap>({
    id: 'lamps',
    useData() {
      const version = useLampsVersion();
      const count = useAppSelector((s) => s.lights.count);
      const faultsVersion = useAppSelector(selectLampFaultsVersion);
      const cabinets = useAppSelector(selectCabinets);
      const markers = useMemo(
        () => faults.judged?.markers ?? null,
        // The judgement changes with its version in the store.
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [faultsVersion],
      );
      useEffect(() => {
        mapDiagnostics.faults = markers && { lamps: markers.lamps, codes: markers.codes };
      }, [markers]);
      return useMemo(
        () => ({ version, count, faults: markers, cabinets }),
        [version, count, markers, cabinets],
      );
    },
    layers: (d, f) => [
      f.on.lamps && new LampPointLayer(lampProps(colorsAt(d.version, d.count), f.uiScale) as never),
      f.on.faults && d.faults && new ScatterplotLayer(faultProps(d.faults, f.uiScale) as never),
    ],
    tooltip(pick, d, t) {
      // Fault markers are binary attributes: deck.gl gives the index, the lamp is read from the layer.
      const fault = pickedFault(pick);
      if (!fault) return null;
      const cab = d.cabinets[lamps.cabinet[fault.lamp]!];
      const kind = faultKindOf(fault.code);
      return [
        kind ? t(`faults.kind.${kind}`) : '',
        t('map.faultLamp', { lamp: fault.lamp + 1, cabinet: cab?.id ?? '' }),
        wardName(cab?.ward) ?? '',
      ].filter(Boolean);
    },
    click(pick, d, repick) {
      if (pick.layer?.id !== 'lamp-faults') return null;
      // deck.gl hands a click the index it picked at the press, but the markers may have been redrawn
      // from a newer judgement since (about once a second), where that index is another lamp: the
      // marker is picked again, against the markers drawn now.
      const fault = pickedFault(repick('lamp-faults'));
      const cab = fault ? d.cabinets[lamps.cabinet[fault.lamp]!] : undefined;
      return cab ? { select: { kind: 'cabinet', id: cab.id } } : null;
    },
    Detail,
  });
}

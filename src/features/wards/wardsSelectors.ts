import { createSelector } from '@reduxjs/toolkit';
import { WARD_POPULATION } from '../../shared/city/wards';
import { selectOpenIncidents } from '../incidents';
import { wardMeasures } from './wardMeasures';

/**
 * Open incidents per ward and per 10,000 residents, for the map's raised wards and the wall's handling
 * panel alike: computed once per change of the incidents, whoever reads it.
 */
export const selectWardMeasures = createSelector([selectOpenIncidents], (open) =>
  wardMeasures(open, WARD_POPULATION),
);

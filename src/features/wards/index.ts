// The wards capability as other features may use it: the per-ward measures and the selector over the store.
export { selectWardMeasures } from './wardsSelectors';
export { worstWards, type WardMeasure } from './wardMeasures';

// What src/app and other features take from the upstream systems: the strip and the hub's judgement.
export { SystemsPanel } from './SystemsPanel';
export { selectSystemsReport } from './systemsSlice';

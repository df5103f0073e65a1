// What other features take from the indicators: the city's latest values as the stream brings them.
export { selectKpis } from './kpisSlice';

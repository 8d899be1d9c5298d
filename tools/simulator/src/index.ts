export * from './types';
export { simulate, DEFAULT_SIMULATION } from './simulate';
export { ORGANISATIONS, type Organisation, type OrgId } from './organisations';
export { CHINA_EUROPE_TRAIN_SIZE } from './china-europe';
export { Prng } from './prng';
export { asEdifact } from './edifact';

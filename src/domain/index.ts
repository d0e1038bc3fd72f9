/** The attendance domain core: pure functions over the compact register. No DOM, no I/O. */
export * from './codes';
export * from './register';
export * from './mark-by-date';
export * from './tally';
export * from './calendar';
export * from './standard-year';
export * from './metrics';
export * from './summary';
export * from './upn';
export * from './national';

export * from './database';
export * from './orders';
export type * from './types';

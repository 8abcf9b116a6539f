export * from './database';
export * from './orders';
export * from './payments';
export * from './payment-link';
export type * from './types';
export * from './shops';

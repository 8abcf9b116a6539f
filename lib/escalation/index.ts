export * from './clock';
export * from './clock-span';
export * from './ladder';
export * from './quiet-hours';
export * from './settings';
export * from './steps';
export * from './urgency';
export * from './window';

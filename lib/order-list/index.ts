/** The popup's order list, pure: groups, sorting, filter and search, the clock's bar, and the step due now as one action. */
export * from './bar';
export * from './list';
export * from './next-action';
export * from './partial-keys';

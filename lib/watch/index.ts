/**
 * Watching waiting orders (issue 13): while a paid order waits, its page is re-read in the background on a schedule
 * that starts close and spreads out, and a change is handled exactly like a visit. See README "Watching waiting orders".
 */
export * from './check';
export * from './dom';
export * from './fetch-page';
export * from './notify';
export * from './page';
export * from './run';
export * from './schedule';
export * from './settings';
export * from './store';
export { recipeFor, watchRequest, WATCH_SUPPORT } from './recipes';

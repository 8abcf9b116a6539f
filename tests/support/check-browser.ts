/** Run before the e2e tests: says how to get a browser when there is none, instead of failing with a stack trace. */
import { findBrowser, NoBrowserError } from './find-browser.ts';

try {
  console.log(`e2e browser: ${findBrowser()}`);
} catch (err) {
  if (!(err instanceof NoBrowserError)) throw err;
  console.error(`\n${err.message}\n`);
  process.exit(1);
}

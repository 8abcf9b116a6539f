/** Run before the e2e tests: says how to get a browser when there is none, instead of failing with a stack trace. */
import { findBrowser, findFirefox, NoBrowserError } from './find-browser.ts';

try {
  process.stdout.write(`e2e browsers: ${findBrowser()}, ${findFirefox()}\n`);
} catch (err) {
  if (!(err instanceof NoBrowserError)) throw err;
  console.error(`\n${err.message}\n`);
  process.exit(1);
}

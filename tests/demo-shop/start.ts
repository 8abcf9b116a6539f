/**
 * `npm start`: build the extension, start the demo shop and open a browser with KamiGuard loaded, on its onboarding
 * page with a link to a demo order page. Without a display (a server, CI) it keeps the demo shop running and says how
 * to load the extension by hand.
 */
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { launchWithExtension } from '../support/chromium.ts';
import { startDemoShop } from './server.ts';

const root = resolve(import.meta.dirname, '../..');
const extension = join(root, '.output/chrome-mv3');
execSync('npx wxt build', { cwd: root, stdio: 'inherit' });

const shop = await startDemoShop(Number(process.env.DEMO_PORT ?? 8080));
const first = [...shop.orders.values()][0]!;
const orderUrl = `${shop.origin}/detail-order-sn/${first.sn}`;
console.log(`\nDemo shop: ${shop.origin}/  (order page: ${orderUrl})`);

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log(`No display found, so no browser window was opened. Load the extension by hand:
  chrome://extensions → Developer mode → Load unpacked → ${extension}
then open ${orderUrl}. Press Ctrl+C to stop the demo shop.`);
} else {
  const { context, close, onboarding } = await launchWithExtension(extension, {
    headless: false,
    viewport: null,
    keepOnboarding: true,
  });
  // The onboarding page the install opened, told where the demo order page is: it offers the link.
  await onboarding!.goto(`${onboarding!.url().split('?')[0]}?demo=${encodeURIComponent(orderUrl)}`);
  await onboarding!.bringToFront();
  console.log('A browser with KamiGuard is open on its onboarding page, which links the demo order page.');
  console.log('Close it or press Ctrl+C to stop.');
  context.on('close', () => void Promise.all([close(), shop.close()]).then(() => process.exit(0)));
}

/**
 * Calls `onChange` when the page's URL changes without a load (history.pushState/replaceState in single-page shops,
 * or a hash change). Content scripts live in an isolated world and cannot hook the page's `history` methods, so the
 * URL is compared on popstate/hashchange and on a slow poll. Stops after `maxMs`.
 */
export function watchLocation(onChange: (url: string) => void, pollMs = 1000, maxMs = 30 * 60_000): () => void {
  let last = location.href;
  const check = (): void => {
    if (location.href === last) return;
    last = location.href;
    onChange(last);
  };
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  const timer = setInterval(check, pollMs);
  const stop = (): void => {
    clearInterval(timer);
    clearTimeout(deadline);
    removeEventListener('popstate', check);
    removeEventListener('hashchange', check);
  };
  const deadline = setTimeout(stop, maxMs);
  return stop;
}

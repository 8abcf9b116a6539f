/**
 * Calls `onChange` when the page's URL changes without a load (history.pushState/replaceState in single-page shops,
 * or a hash change). Content scripts live in an isolated world and cannot hook the page's `history` methods, so the
 * URL is compared on popstate/hashchange and on a slow poll (each second). Stops after half an hour.
 */
export function watchLocation(onChange: () => void): () => void {
  let last = location.href;
  const check = (): void => {
    if (location.href === last) return;
    last = location.href;
    onChange();
  };
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  const timer = setInterval(check, 1000);
  const stop = (): void => {
    clearInterval(timer);
    clearTimeout(deadline);
    removeEventListener('popstate', check);
    removeEventListener('hashchange', check);
  };
  const deadline = setTimeout(stop, 30 * 60_000);
  return stop;
}

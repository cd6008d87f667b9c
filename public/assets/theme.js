// @ts-check
// The theme switch: the only script every page needs. Loaded blocking in <head> so a remembered
// choice applies before the first paint; without JavaScript the system setting applies.
(() => {
  const KEY = 'almanac-theme';
  const root = document.documentElement;
  const dark = window.matchMedia('(prefers-color-scheme: dark)');

  /** @returns {string | null} */
  function remembered() {
    try {
      return window.localStorage.getItem(KEY);
    } catch {
      return null; // storage disabled: follow the system
    }
  }

  const saved = remembered();
  if (saved === 'light' || saved === 'dark') root.dataset.theme = saved;

  function isDark() {
    return root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const button = document.getElementById('theme-toggle');
    if (!button) return;
    const show = () => button.setAttribute('aria-pressed', String(isDark()));
    button.addEventListener('click', () => {
      const next = isDark() ? 'light' : 'dark';
      root.dataset.theme = next;
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // storage disabled: the choice lasts until the page is left
      }
      show();
    });
    dark.addEventListener('change', show);
    show();
    button.hidden = false;
  });
})();

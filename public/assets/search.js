// @ts-check
// Site search, on every page: `/` (when not typing) focuses the search box, the header's or the search
// page's. On the search page it runs the search box over the Pagefind index in pagefind/, imported only
// once someone searches: the index and its WebAssembly weigh more than every page's own scripts.
// Page text (ticket summaries among it) is never parsed as HTML: results are built from text nodes.
(() => {
  const script = document.currentScript;
  // This file is assets/search.js: the site root is one folder up, whatever the base path.
  const root = new URL('../', script instanceof HTMLScriptElement ? script.src : location.href);
  const PAGE_SIZE = 10;

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    // Typing `/` into a field is typing; on a radio button or a link it is the shortcut.
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest('textarea, select'))) return;
    if (target instanceof HTMLInputElement && !/^(radio|checkbox|button|submit|reset)$/.test(target.type)) return;
    const box = document.getElementById('search-q') ?? document.getElementById('site-search-q');
    event.preventDefault();
    if (box instanceof HTMLInputElement) {
      box.focus();
      box.select();
    } else {
      location.href = new URL('search/index.html', root).href;
    }
  });
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('site-search-q')?.setAttribute('aria-keyshortcuts', '/');
    const form = document.getElementById('search-form');
    if (form instanceof HTMLFormElement) searchPage(form);
  });

  /** @param {string} id */
  const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

  /** @param {HTMLFormElement} form */
  function searchPage(form) {
    const box = /** @type {HTMLInputElement} */ (byId('search-q'));
    const status = byId('search-status');
    const list = byId('search-results');
    const more = /** @type {HTMLButtonElement} */ (byId('search-more'));
    const radios = /** @type {HTMLInputElement[]} */ (Array.from(form.querySelectorAll('input[name="kind"]')));
    const labelOf = (/** @type {HTMLInputElement} */ radio) => radio.parentElement?.textContent?.trim() ?? radio.value;
    const kindLabels = new Map(radios.map((r) => [r.value, labelOf(r)]));
    byId('search-nojs').hidden = true;
    form.hidden = false;
    box.setAttribute('aria-keyshortcuts', '/');

    /** @type {Promise<any> | null} */
    let pagefind = null;
    const load = () =>
      (pagefind ??= import(new URL('pagefind/pagefind.js', root).href).then(async (pf) => {
        // Result URLs are site-root paths; the root's path makes them right under any base path.
        await pf.options({ baseUrl: root.pathname });
        const { kind = {} } = await pf.filters();
        for (const radio of radios) if (radio.value && !kind[radio.value] && radio.parentElement) radio.parentElement.hidden = true;
        return pf;
      }));

    let generation = 0; // a newer search makes an older one's late answers moot
    /** @type {any[]} */
    let results = [];
    let shown = 0;

    async function run() {
      const query = box.value.trim();
      const kind = radios.find((r) => r.checked)?.value ?? '';
      const url = new URL(location.href);
      query ? url.searchParams.set('q', query) : url.searchParams.delete('q');
      kind ? url.searchParams.set('kind', kind) : url.searchParams.delete('kind');
      history.replaceState(null, '', url);
      const mine = ++generation;
      if (query === '') return show(mine, [], '');
      status.textContent = 'Searching…';
      try {
        const pf = await load();
        const search = await pf.search(query, kind ? { filters: { kind } } : {});
        if (mine !== generation) return;
        counts(search.unfilteredResultCount, search.totalFilters?.kind ?? {});
        const n = search.results.length;
        const where = kind ? ` among ${kindLabels.get(kind)?.toLowerCase()}` : '';
        await show(mine, search.results, `${n === 0 ? 'No' : n} result${n === 1 ? '' : 's'} for “${query}”${where}.`);
      } catch (error) {
        if (mine !== generation) return;
        pagefind = null; // try again on the next search
        await show(mine, [], location.protocol === 'file:' ? 'Search needs the site served over HTTP; opened from disk, the browser will not load its index.' : 'The search index could not be loaded.');
        console.warn('search:', error);
      }
    }

    /** @param {number} mine @param {any[]} found @param {string} message */
    async function show(mine, found, message) {
      // The old results stay until the new ones are ready: no flash of an empty list while typing.
      const page = await Promise.all(found.slice(0, PAGE_SIZE).map((r) => r.data()));
      if (mine !== generation) return;
      results = found;
      shown = page.length;
      list.replaceChildren(...page.map(item));
      more.hidden = shown >= results.length;
      if (message === '') counts(null, {});
      status.textContent = message; // announced once the results are there to read
    }

    async function showMore() {
      const mine = generation;
      const first = shown;
      more.disabled = true; // one page at a time
      const page = await Promise.all(results.slice(first, first + PAGE_SIZE).map((r) => r.data())).finally(() => (more.disabled = false));
      if (mine !== generation) return;
      shown += page.length;
      list.append(...page.map(item));
      more.hidden = shown >= results.length;
      // Where the new results start, rather than on a button that may now be gone.
      list.querySelectorAll('a')[first]?.focus();
    }

    /** @param {number | null} all @param {Record<string, number>} byKind */
    function counts(all, byKind) {
      for (const radio of radios) {
        const count = radio.value ? byKind[radio.value] ?? 0 : all;
        const span = radio.parentElement?.querySelector('.kind-count');
        if (span) span.textContent = count === null ? '' : ` (${count})`;
      }
    }

    /** One result: its page title as a link, its kind, and the excerpt with the matches marked. @param {any} data */
    function item(data) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = data.url;
      a.textContent = data.meta?.title || data.url;
      const kind = document.createElement('span');
      kind.className = 'search-result-kind';
      kind.textContent = kindLabels.get(data.filters?.kind?.[0]) ?? '';
      const excerpt = document.createElement('p');
      excerpt.className = 'search-excerpt';
      // Pagefind escapes the page text's < and > (only those) and wraps matches in <mark>, so the
      // pieces between its tags alternate text, match, text…
      String(data.excerpt ?? '').split(/<mark>([\s\S]*?)<\/mark>/).forEach((piece, i) => {
        const text = piece.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
        if (i % 2 === 0) return excerpt.append(text);
        const mark = document.createElement('mark');
        mark.textContent = text;
        excerpt.append(mark);
      });
      li.append(a, kind, excerpt);
      return li;
    }

    let timer = 0;
    box.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(run, 150);
    });
    box.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || box.value === '') return;
      event.preventDefault();
      box.value = '';
      clearTimeout(timer);
      void run();
    });
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.name === 'kind') void run();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      void run();
    });
    more.addEventListener('click', () => void showMore());

    const params = new URLSearchParams(location.search);
    const wanted = radios.find((r) => r.value === (params.get('kind') ?? ''));
    if (wanted) wanted.checked = true;
    box.value = params.get('q') ?? '';
    if (box.value.trim() !== '') void run();
  }
})();

// @ts-check
// The dependencies page's what-if control: pick a release and a slip in days, see which releases
// downstream move and by how much. The page embeds, per release, each downstream release's path
// slack k; a slip of d days moves it by max(0, d − k), the rule of the impact table beside it.
(() => {
  /** @typedef {{ name: string, downstream: Array<{ name: string, href: string, pathSlack: number }> }} WhatIfRelease */

  /** @param {number} n */
  const days = (n) => `${n} ${n === 1 ? 'day' : 'days'}`;

  /**
   * @param {WhatIfRelease} release
   * @param {number} slip
   * @param {HTMLElement} summary
   * @param {HTMLElement} list
   */
  function show(release, slip, summary, list) {
    if (!Number.isInteger(slip) || slip < 0) {
      summary.textContent = 'Enter a whole number of days, zero or more.';
      list.replaceChildren();
      return;
    }
    const moves = release.downstream
      .map((d) => ({ ...d, move: Math.max(0, slip - d.pathSlack) }))
      .filter((d) => d.move > 0)
      .sort((a, b) => b.move - a.move || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const absorbed = release.downstream.length - moves.length;
    summary.textContent =
      moves.length === 0
        ? `If ${release.name} slips by ${days(slip)}, no release moves: the slack absorbs it.`
        : `If ${release.name} slips by ${days(slip)}, ${moves.length} of its ${release.downstream.length} downstream releases move` +
          `${absorbed > 0 ? ` (the slack absorbs it for ${absorbed})` : ''}:`;
    // Built node by node: release names are data and never become markup.
    list.replaceChildren(
      ...moves.map((d) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = d.href;
        link.textContent = d.name;
        item.append(link, ` moves ${days(d.move)} (path slack ${days(d.pathSlack)})`);
        return item;
      }),
    );
  }

  document.addEventListener('DOMContentLoaded', () => {
    const root = document.getElementById('what-if');
    const data = document.getElementById('what-if-data');
    const select = document.getElementById('what-if-release');
    const input = document.getElementById('what-if-days');
    const summary = document.getElementById('what-if-summary');
    const list = document.getElementById('what-if-moves');
    if (!root || !data || !(select instanceof HTMLSelectElement) || !(input instanceof HTMLInputElement) || !summary || !list) return;
    /** @type {WhatIfRelease[]} */
    const releases = JSON.parse(data.textContent ?? '[]');
    const update = () => {
      const release = releases[Number(select.value)];
      if (release) show(release, input.value.trim() === '' ? NaN : Number(input.value), summary, list);
    };
    select.addEventListener('change', update);
    input.addEventListener('input', update);
    root.hidden = false;
    update();
  });
})();

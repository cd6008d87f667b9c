// @ts-check
// Progressive enhancement of every `table[data-enhance]`: a sort button in each column header and,
// when the table has `data-filter`, a filter box above it. Without JavaScript the table is complete, only unsorted and unfiltered.
// A `data-capped` table holds only its first rows (its caption says so, the CSV has them all): the
// filter says it searches those, so that no match does not read as "no such row".
(() => {
  let tableCount = 0;
  /** @param {Element} cell */
  const key = (cell) => (cell instanceof HTMLElement && cell.dataset.sort !== undefined ? cell.dataset.sort : (cell.textContent ?? '').trim());
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

  /** @param {HTMLTableElement} table */
  function enhance(table) {
    const body = table.tBodies[0];
    const headers = Array.from(table.tHead?.rows[0]?.cells ?? []);
    if (!body) return;
    const tbody = body;
    const rows = Array.from(body.rows);
    headers.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => sort(column, th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending'));
    });

    /** @param {number} column @param {'ascending' | 'descending'} direction */
    function sort(column, direction) {
      const numeric = headers[column]?.classList.contains('num') ?? false;
      const sign = direction === 'ascending' ? 1 : -1;
      const sorted = rows.slice().sort((a, b) => {
        const x = key(a.cells[column] ?? a);
        const y = key(b.cells[column] ?? b);
        // Empty values (unknown) stay last in both directions.
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        return sign * (numeric ? Number(x) - Number(y) : collator.compare(x, y));
      });
      tbody.append(...sorted);
      headers.forEach((th, i) => (i === column ? th.setAttribute('aria-sort', direction) : th.removeAttribute('aria-sort')));
    }

    if (table.dataset.filter === undefined) return;
    const capped = table.dataset.capped !== undefined;
    const label = document.createElement('label');
    label.className = 'table-filter';
    label.textContent = capped ? `Filter the first ${rows.length} rows ` : 'Filter rows ';
    const input = document.createElement('input');
    input.type = 'search';
    input.setAttribute('aria-controls', table.id || (table.id = `table-${tableCount++}`));
    label.append(input);
    const status = document.createElement('p');
    status.className = 'table-status';
    status.setAttribute('role', 'status');
    input.addEventListener('input', () => {
      const query = input.value.trim().toLowerCase();
      let shown = 0;
      for (const row of rows) {
        const match = query === '' || (row.textContent ?? '').toLowerCase().includes(query);
        row.hidden = !match;
        if (match) shown++;
      }
      status.textContent = query === '' ? '' : `Showing ${shown} of ${capped ? 'the first ' : ''}${rows.length} rows`;
    });
    const anchor = table.closest('.table-scroll') ?? table;
    anchor.before(label, status);
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const table of document.querySelectorAll('table[data-enhance]')) {
      if (table instanceof HTMLTableElement) enhance(table);
    }
  });
})();

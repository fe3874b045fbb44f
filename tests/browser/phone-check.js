// Measures an open page for the phone gate (tests/common/gates.rs); a function of the call to
// action's address (or null), answering what it found.
(ctaUrl) => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '')
    + [...el.classList].map((c) => `.${c}`).join('');
  const scrollsSideways = (el) => el.scrollWidth > el.clientWidth + 1
    && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const scrollerOf = (el) => {
    for (let at = el; at && at !== document.body; at = at.parentElement) {
      if (scrollsSideways(at)) return at;
    }
    return null;
  };
  const labelled = (el) => el.getAttribute('role') === 'region'
    && Boolean((el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || '').trim())
    && el.getAttribute('tabindex') === '0';
  // Scrolled to its far end, every row's first cell must still be inside the scrolling box.
  const firstColumnStays = (table, scroller) => {
    scroller.scrollLeft = scroller.scrollWidth;
    const box = scroller.getBoundingClientRect();
    const stays = [...table.rows].every((row) => {
      const cell = row.cells[0];
      if (!cell) return true;
      const rect = cell.getBoundingClientRect();
      return rect.left >= box.left - 1 && rect.right <= box.right + 1;
    });
    scroller.scrollLeft = 0;
    return stays;
  };
  const tableProblems = [];
  document.querySelectorAll('table').forEach((table, index) => {
    const scroller = scrollerOf(table);
    const which = `table ${index + 1}`;
    if (!scroller) return;
    if (!labelled(scroller)) {
      tableProblems.push(`${which} scrolls inside ${name(scroller)}, which is not a labelled, focusable region (role="region", aria-label, tabindex="0")`);
    } else if (!firstColumnStays(table, scroller)) {
      tableProblems.push(`${which}: its first column scrolls out of sight`);
    }
  });
  const visible = (el) => {
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && rect.top < window.innerHeight;
  };
  const ctaOnFirstScreen = ctaUrl === null ? null
    : [...document.querySelectorAll('a[href]')]
      .some((a) => a.href === ctaUrl && !a.closest('footer') && visible(a));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    tableProblems,
    ctaOnFirstScreen,
  };
}

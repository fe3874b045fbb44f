// Live reload for `stepwise serve`, loaded by every page it serves (never by a built site).
// Listens to the server's events: reloads this page when a rebuild changed it, swaps the
// stylesheets when only they changed, and shows a rebuild's error over the page until it is
// fixed or dismissed.
(() => {
  'use strict';

  const OVERLAY_ID = 'stepwise-error';
  let overlay = null;

  /** Loads every stylesheet of this site again, without reloading the page. */
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('stepwise-reload', String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener('load', () => link.remove(), { once: true });
      link.after(fresh);
    }
  }

  /** Removes the error overlay, giving the focus back to the page. */
  function dismiss() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
  }

  /** Shows `text` (the terminal's message) in a dialog over the page. */
  function showError(text) {
    dismiss();
    overlay = document.createElement('div');
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', `${OVERLAY_ID}-title`);
    overlay.setAttribute('aria-describedby', `${OVERLAY_ID}-text`);
    Object.assign(overlay.style, {
      position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto',
      background: 'rgba(20, 20, 20, 0.94)', color: '#fff', padding: '2rem',
      font: '1rem/1.5 system-ui, sans-serif',
    });
    const title = document.createElement('h2');
    title.id = `${OVERLAY_ID}-title`;
    title.textContent = 'The site could not be rebuilt';
    const note = document.createElement('p');
    note.textContent = 'This page is the last good version. Fix the file and save: the page reloads by itself.';
    const message = document.createElement('pre');
    message.id = `${OVERLAY_ID}-text`;
    message.textContent = text;
    Object.assign(message.style, { whiteSpace: 'pre-wrap', font: '0.9rem/1.4 ui-monospace, monospace' });
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.addEventListener('click', dismiss);
    Object.assign(close.style, { font: 'inherit', padding: '0.4rem 1rem', cursor: 'pointer' });
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') dismiss();
    });
    overlay.append(title, note, message, close);
    document.body.append(overlay);
    close.focus();
  }

  /** Acts on one message of the server. */
  function receive(message) {
    if (message.type === 'error') {
      showError(message.text);
    } else if (message.type === 'hello') {
      if (message.error) showError(message.error);
    } else if (overlay || (message.type === 'reload' && (message.pages === 'all' || message.pages.includes(location.pathname)))) {
      location.reload();
    } else if (message.type === 'css') {
      swapStylesheets();
    }
  }

  // The server makes the pages open in a browser before it tells them to reload.
  const events = new EventSource(`/__stepwise/events?page=${encodeURIComponent(location.pathname)}`);
  events.addEventListener('message', (event) => receive(JSON.parse(event.data)));
})();

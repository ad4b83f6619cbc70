// Small helpers for the server-rendered pages (no framework, no inline script: the CSP allows 'self' only).
// Each is an enhancement: without it the page still works, less conveniently. Loaded once by App.razor; `prepare`
// runs again after each enhanced navigation (blazor.web.js swaps the page without reloading scripts).
(() => {
  const stored = (key) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  };

  // Clicks and changes are handled once, at the document, for whatever page is showing.
  document.addEventListener('click', async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('[data-print]')) {
      window.print();
      return;
    }
    const copy = target?.closest('[data-copy]');
    if (copy) {
      const input = document.getElementById(copy.getAttribute('data-copy'));
      if (!input) return;
      try {
        await navigator.clipboard.writeText(input.value);
        copy.textContent = 'Copied';
        setTimeout(() => (copy.textContent = 'Copy'), 2000);
      } catch {
        input.select();
      }
    }
  });
  document.addEventListener('change', (event) => {
    const field = event.target instanceof HTMLElement ? event.target : null;
    if (field instanceof HTMLSelectElement && field.closest('form[data-action-board]')) {
      field.closest('form').requestSubmit();
      return;
    }
    // Filter forms (GET) follow each change, as the first client did; their Filter button does the same by hand.
    if (field && field.getAttribute('type') !== 'search') field.closest('form[data-autosubmit]')?.requestSubmit();
  });
  // Typing in a search box waits for a pause before asking the server; the box keeps the focus across the reload.
  let typing = 0;
  document.addEventListener('input', (event) => {
    const field = event.target instanceof HTMLInputElement && event.target.type === 'search' ? event.target : null;
    const form = field?.closest('form[data-autosubmit]');
    if (!form) return;
    clearTimeout(typing);
    typing = setTimeout(() => {
      sessionStorage.setItem('pm:focus', field.id);
      form.requestSubmit();
    }, 400);
  });
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const name = form?.querySelector('input[data-last-name]');
    if (name) localStorage.setItem('pm:name', JSON.stringify(name.value.trim()));
  });

  function prepare() {
    const focus = sessionStorage.getItem('pm:focus');
    if (focus) {
      sessionStorage.removeItem('pm:focus');
      const field = document.getElementById(focus);
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.setSelectionRange(field.value.length, field.value.length);
      }
    }

    // A pre-read, write-up or sign-off link's read key is kept, as the board pages keep it (pm:readkey), so the
    // board's close phase and the incident log can link to the write-up later.
    const reader = /^\/b\/([^/]+)\/(read|writeup|signoff|replay)$/.exec(location.pathname);
    const key = new URLSearchParams(location.search).get('key');
    if (reader && key) {
      try {
        localStorage.setItem(`pm:readkey:${decodeURIComponent(reader[1])}`, JSON.stringify(key));
      } catch {
        // Storage unavailable: nothing is kept.
      }
    }

    // The create form's time zone starts as this browser's.
    for (const input of document.querySelectorAll('input[data-browser-zone]')) {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && (!input.value || input.value === 'UTC') && !input.dataset.touched) input.value = zone;
      input.dataset.touched = 'true';
    }

    // The create form offers the name this browser last used (pm:name, as the board pages keep it).
    for (const input of document.querySelectorAll('input[data-last-name]')) {
      const saved = stored('pm:name');
      if (!input.value && typeof saved === 'string') input.value = saved;
    }

    // Action status forms: only a browser holding the board access of the action's owner or of the facilitator
    // changes a status (the server checks which). The token goes in the form body, never in an address.
    for (const form of document.querySelectorAll('form[data-action-board]')) {
      const access = stored(`pm:access:${form.getAttribute('data-action-board')}`);
      if (!access || typeof access.token !== 'string') continue;
      form.querySelector('input[name="Post.Token"]').value = access.token;
      form.hidden = false;
      form.previousElementSibling?.setAttribute('hidden', '');
    }

    // The incident detail's write-up and sign-off links need the read key this browser keeps (pm:readkey).
    for (const link of document.querySelectorAll('a[data-readkey-board]')) {
      const key = stored(`pm:readkey:${link.getAttribute('data-readkey-board')}`);
      if (typeof key !== 'string') continue;
      link.href = `${link.getAttribute('data-path')}?key=${encodeURIComponent(key)}`;
      link.closest('[hidden]')?.removeAttribute('hidden');
    }
  }

  prepare();
  window.Blazor?.addEventListener?.('enhancedload', prepare);
})();

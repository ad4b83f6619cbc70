// Session replay (/b/{id}/replay): progressive enhancement of the GET form. Without this script the range and the Show
// button work as a form. With it, moving the range fetches that frame's server-rendered HTML and swaps it in (a newer
// position aborts the request for an older one), and Play steps through the entries at 1×, 10× or 60× of the meeting's
// own time. The server decides everything shown; this only fetches and swaps.
(() => {
  'use strict';

  // A long pause in the meeting (a break, the next day) is shortened to this at any speed, so Play never stalls.
  const LONGEST_WAIT_MS = 4000;

  const form = document.querySelector('form[data-replay-form]');
  const frame = document.getElementById('replay-frame');
  if (!form || !frame) return;
  const range = form.querySelector('input[data-replay-at]');
  const position = form.querySelector('[data-replay-position]');
  const playButton = form.querySelector('[data-replay-play]');
  const speed = form.querySelector('[data-replay-speed]');
  const roles = form.querySelector('input[name="roles"]');
  const times = (form.dataset.times || '').split(',').filter(Boolean).map(Number);
  const last = Number(range.max);

  let pending = null;
  let shown = Number(range.value);
  let timer = null;

  function query(at) {
    const params = new URLSearchParams();
    const key = form.querySelector('input[name="key"]')?.value;
    if (key) params.set('key', key);
    params.set('at', String(at));
    if (roles?.checked) params.set('roles', '1');
    return params.toString();
  }

  function label(at) {
    position.textContent = `Entry ${at} of ${last}`;
    range.setAttribute('aria-valuetext', `Entry ${at} of ${last}`);
  }

  // Fetches the frame at `at` and swaps it in; resolves true when shown. An older request still on its way is aborted.
  async function show(at) {
    label(at);
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      const response = await fetch(`${form.dataset.frameUrl}?${query(at)}`, {
        signal: controller.signal,
        headers: { Accept: 'text/html' },
      });
      if (!response.ok) return false;
      const html = await response.text();
      if (controller.signal.aborted) return false;
      frame.innerHTML = html;
      shown = at;
      history.replaceState(null, '', `${form.action}?${query(at)}`);
      return true;
    } catch (error) {
      if (error.name !== 'AbortError') label(shown);
      return false;
    } finally {
      if (pending === controller) pending = null;
    }
  }

  range.addEventListener('input', () => {
    stop();
    show(Number(range.value));
  });

  // Without a script the checkbox takes effect on Show; with it, at once.
  roles?.addEventListener('change', () => show(Number(range.value)));

  function waitBefore(at) {
    if (at < 2 || times.length < at) return 0;
    const meeting = times[at - 1] - times[at - 2];
    return Math.min(LONGEST_WAIT_MS, Math.max(0, meeting / Number(speed.value || 1)));
  }

  function stop() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  }

  function step() {
    const next = Number(range.value) + 1;
    if (next > last) {
      stop();
      return;
    }

    timer = setTimeout(async () => {
      range.value = String(next);
      // The next step is scheduled once this frame is in, so a slow answer never piles requests up.
      await show(next);
      if (timer !== null) step();
    }, waitBefore(next));
  }

  playButton.addEventListener('click', () => {
    if (timer !== null) {
      stop();
      return;
    }

    if (Number(range.value) >= last) range.value = range.min;
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    show(Number(range.value)).then(step);
  });

  form.querySelector('[data-replay-play-controls]')?.removeAttribute('hidden');
})();

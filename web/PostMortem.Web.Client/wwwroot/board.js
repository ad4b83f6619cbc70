// The board page's few browser facts: the network going away and coming back, the "time is up" sound, the clipboard.
// Loaded as a module by the board components; everything else is C#.

export function watchNetwork(dotnet) {
  const online = () => dotnet.invokeMethodAsync('NetworkChanged', true);
  const offline = () => dotnet.invokeMethodAsync('NetworkChanged', false);
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return {
    online: () => navigator.onLine,
    dispose: () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    },
  };
}

export function isOnline() {
  return navigator.onLine;
}

// Browsers only let audio start after a user gesture: the context is made (or resumed) on the first click or key.
let audio = null;

function context() {
  if (audio) return audio;
  const Ctor = window.AudioContext ?? window.webkitAudioContext;
  if (!Ctor) return null;
  audio = new Ctor();
  return audio;
}

export function unlockAudioOnGesture() {
  const unlock = () => {
    context()?.resume();
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

// Two soft tones: noticeable on a call, not alarming.
export function playTimeUp() {
  const ctx = context();
  if (!ctx) return;
  const start = ctx.currentTime + 0.02;
  [660, 880].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t = start + i * 0.35;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.32);
  });
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// The pointer's place over an element, as fractions of its size (scrolled content included), for live cursors.
export function trackPointer(element, dotnet) {
  let last = 0;
  const move = (e) => {
    const now = performance.now();
    if (now - last < 50) return;
    last = now;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    dotnet.invokeMethodAsync('PointerMoved', (e.clientX - box.left) / box.width, (e.clientY - box.top + element.scrollTop) / box.height);
  };
  element.addEventListener('pointermove', move);
  return { dispose: () => element.removeEventListener('pointermove', move) };
}

export function selectText(input) {
  input?.select();
}

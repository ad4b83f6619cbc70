// Enum values are camelCase on the wire (docs/PROTOCOL.md). A server build whose JSON writes enum
// member names as declared ("SetTheRoom") is read the same way, so a casing slip on either side cannot
// break the board. Only the known enum-valued properties are touched: user text never is.

// 'type' is also a discriminator (already camelCase, so untouched) and the incident log's incident type.
const ENUM_KEYS: ReadonlySet<string> = new Set([
  'phase', 'lockedPhases', 'role', 'kind', 'keyMoment', 'actionKind', 'status', 'incidentType',
  'agendaPreset', 'from', 'to', 'lane', 'mode', 'moment', 'preset', 'type',
]);
/** Dictionaries keyed by an enum. */
const ENUM_KEYED_MAPS: ReadonlySet<string> = new Set(['coachCounts']);
/** Properties whose content is user text or opaque: never walked. */
const OPAQUE_KEYS: ReadonlySet<string> = new Set(['text', 'symptom', 'question', 'answer', 'title', 'summary', 'impact', 'primeDirective', 'name', 'message', 'hint', 'match', 'suggestion', 'owner', 'trackerUrl', 'tallies']);

function lowerFirst(s: string): string {
  return s.length > 0 && s[0] !== s[0]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s;
}

export function normalizeWire<T>(value: T): T {
  return walk(value, null) as T;
}

function walk(value: unknown, key: string | null): unknown {
  if (typeof value === 'string') return key !== null && ENUM_KEYS.has(key) ? lowerFirst(value) : value;
  if (Array.isArray(value)) return value.map((v) => walk(v, key !== null && ENUM_KEYS.has(key) ? key : null));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (OPAQUE_KEYS.has(k)) out[k] = v;
    else if (ENUM_KEYED_MAPS.has(k) && v !== null && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([mk, mv]) => [lowerFirst(mk), mv]));
    } else out[k] = walk(v, k);
  }
  return out;
}

// The Prime Directive text is configurable; Core's default ends with its attribution ("… — Norm Kerth, …").
// Shown on a shared screen the quote and its source read better apart, and never twice.

export interface SplitQuote {
  quote: string;
  attribution: string | null;
}

/** Splits a trailing "— Author, Source" off a quote; a text without one has no attribution. */
export function splitAttribution(text: string): SplitQuote {
  // A quote ends its sentence (or its quotation marks) before the dash; the source starts with a capital.
  const m = /^([\s\S]*[.!?"”])\s+[—–]\s*(\p{Lu}[^—–\n]{2,160})$/u.exec(text.trim());
  if (!m) return { quote: text.trim(), attribution: null };
  return { quote: unquote(m[1]!), attribution: m[2]!.trim() };
}

function unquote(s: string): string {
  const t = s.trim();
  const pairs: [string, string][] = [['"', '"'], ['“', '”']];
  for (const [open, close] of pairs) if (t.startsWith(open) && t.endsWith(close) && t.length > 2) return t.slice(1, -1).trim();
  return t;
}

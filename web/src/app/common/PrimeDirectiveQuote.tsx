import { splitAttribution } from '../../lib/primeDirective';

/** The Prime Directive as a quote with its source underneath (when the text names one). */
export function PrimeDirectiveQuote({ text, large = false }: { text: string; large?: boolean }) {
  const { quote, attribution } = splitAttribution(text);
  return (
    <figure className={`prime-card ${large ? 'large' : ''}`}>
      <blockquote className="prime-directive">{quote}</blockquote>
      {attribution && <figcaption className="attribution">— {attribution}</figcaption>}
    </figure>
  );
}

// E-mail domains: one spelling (lower-case, no trailing dot) and one validity rule, shared by the
// operator's company route and by e-mail classification at sign-up.

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Trimmed, lower-cased, without the trailing dot of a fully qualified name. */
export function normaliseDomain(raw: string): string {
  return raw.trim().toLowerCase().replace(/\.$/, '');
}

/** A host name of at least two labels with an alphabetic top label, e.g. acme.example. */
export function isValidDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!TOP_LABEL.test(labels[labels.length - 1]!)) return false;
  return labels.every((label) => LABEL.test(label));
}

/**
 * The domain and each parent that still has two labels, most specific first:
 * "mail.eu.acme.example" → ["mail.eu.acme.example", "eu.acme.example", "acme.example"].
 * Whoever owns a domain owns its subdomains, so an address on any of them belongs to the owner.
 */
export function domainSuffixes(domain: string): string[] {
  const labels = domain.split('.');
  const suffixes: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) suffixes.push(labels.slice(i).join('.'));
  return suffixes;
}

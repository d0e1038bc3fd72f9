/**
 * The one Content-Security-Policy. index.html's meta tag and `npm start`'s header are both made from it
 * (vite.config.ts), so they cannot drift. The header matters beyond the page: a worker loaded from a URL
 * (import, scoring, demo, the service worker) runs under the policy its own response carries, not the page's
 * meta tag; a header also forbids framing (frame-ancestors), which a meta tag cannot.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' blob: data:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; manifest-src 'self'";

export const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

/** Headers for any server of the built app (`npm start`; the README gives them for other servers). */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP_HEADER,
  'Referrer-Policy': 'no-referrer',
};

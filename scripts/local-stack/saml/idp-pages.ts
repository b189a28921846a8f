/**
 * The local IdP's HTML: its sign-in form (clearly labelled as the local SAML IdP, the field
 * ids the browser test drives) and the HTTP-POST binding page that carries the signed
 * Response to the stand-in's ACS. Every value is HTML-escaped; the one script is fixed text
 * allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.stand-in{background:#e4f1ff;border:1px solid #6aa4e0;padding:.6rem .8rem;border-radius:6px}
.error{background:#fde8e8;border:1px solid #e08b8b;padding:.6rem .8rem;border-radius:6px}
label{display:block;font-weight:600;margin-top:.8rem}input{width:100%;box-sizing:border-box;padding:.45rem;font:inherit}
button{margin-top:1rem;padding:.45rem .9rem;font:inherit}p,code{overflow-wrap:anywhere}`;

/** Submits the POST binding form when scripts run; the button does it otherwise. */
const AUTO_SUBMIT = "document.getElementById('saml-post').submit();";
const AUTO_SUBMIT_HASH = `'sha256-${createHash('sha256').update(AUTO_SUBMIT).digest('base64')}'`;

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;

/**
 * Sends a page with the headers every stand-in page has. `script` (the POST binding page)
 * allows the auto-submit and a form target beyond 'self': browsers apply form-action to the
 * ACS's redirect to the app's callback too, and the apps live on http://<tenant>.localhost.
 */
export function sendPage(res: ServerResponse, status: number, html: string, script = false): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; script-src ${script ? AUTO_SUBMIT_HASH : "'none'"}; form-action 'self'${script ? ' http://*.localhost:*' : ''}; frame-ancestors 'none'; base-uri 'none'`,
  });
  res.end(html);
}

export interface IdpFormInput {
  readonly tenantId: string;
  readonly idpName: string;
  readonly action: string;
  readonly samlRequest: string;
  readonly relayState: string;
  readonly loginHint?: string;
  readonly error?: string;
}

/** The local IdP's sign-in form. */
export function idpFormPage(input: IdpFormInput): string {
  return page(
    `${input.idpName}: local SAML identity provider`,
    `<h1>${escapeHtml(input.idpName)}</h1>
<p class="stand-in" id="stand-in-notice"><strong>Local stand-in.</strong> This is the local SAML identity
provider of tenant <code>${escapeHtml(input.tenantId)}</code>, started by <code>pnpm start</code> with a key
made for this run. It signs a SAML assertion for a demo user (scripts/local-stack/demo-users.json) and posts it
to the managed-login stand-in, which validates it as Cognito would. Deployed, this page is your
organisation's IdP.</p>
${input.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="SAMLRequest" value="${escapeHtml(input.samlRequest)}">
<input type="hidden" name="RelayState" value="${escapeHtml(input.relayState)}">
<label for="username">Email</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(input.loginHint ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login" type="submit">Sign in</button>
</form>`,
  );
}

/** The HTTP-POST binding: the signed Response posted to the ACS. */
export function postBindingPage(acsUrl: string, samlResponse: string, relayState: string): string {
  return page(
    'Signing you in',
    `<p class="stand-in">Local SAML identity provider: posting the signed assertion to the sign-in service.</p>
<form id="saml-post" method="post" action="${escapeHtml(acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">
<button id="continue" type="submit">Continue</button>
</form><script>${AUTO_SUBMIT}</script>`,
  );
}

/** An error the IdP or the ACS shows (never redirected anywhere). */
export function samlErrorPage(title: string, detail: string, code?: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="error" id="login-error"${code ? ` data-reason="${escapeHtml(code)}"` : ''}>${escapeHtml(detail)}</p>
<p>Start again from the app. The local stack's logs (.local-stack/logs) name the check that failed.</p>`,
  );
}

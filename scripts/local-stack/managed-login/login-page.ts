/**
 * The stand-in's HTML: the password form that stands in for the tenant's SAML IdP, and
 * the error page. Every value is HTML-escaped; the pages carry no script.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.stand-in{background:#fff6d6;border:1px solid #e5c75a;padding:.6rem .8rem;border-radius:6px}
.error{background:#fde8e8;border:1px solid #e08b8b;padding:.6rem .8rem;border-radius:6px}
label{display:block;font-weight:600;margin-top:.8rem}input{width:100%;box-sizing:border-box;padding:.45rem;font:inherit}
button{margin-top:1rem;padding:.45rem .9rem;font:inherit}p,code{overflow-wrap:anywhere}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface LoginFormInput {
  readonly transaction: string;
  readonly idpName: string;
  readonly tenantId: string;
  readonly loginHint?: string;
  readonly error?: string;
}

/** The sign-in form, clearly labelled as the local stand-in for the IdP. */
export function loginFormPage(input: LoginFormInput): string {
  return page(
    `Sign in with ${input.idpName} (local stand-in)`,
    `<h1>Sign in with ${escapeHtml(input.idpName)}</h1>
<p class="stand-in" id="stand-in-notice"><strong>Local stand-in.</strong> This form stands in for
Cognito's managed login and the SAML identity provider <code>${escapeHtml(input.idpName)}</code> of tenant
<code>${escapeHtml(input.tenantId)}</code>: cognito-local has no hosted UI and no SAML, so the demo users
sign in with a password here. Deployed, Cognito sends you to your organisation's IdP instead.</p>
${input.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(input.error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="transaction" value="${escapeHtml(input.transaction)}">
<label for="username">Email</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(input.loginHint ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="login" type="submit">Sign in</button>
</form>`,
  );
}

/** An error the stand-in shows itself (never redirected to an unverified URI). */
export function errorPage(title: string, detail: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="error" id="login-error">${escapeHtml(detail)}</p>`,
  );
}

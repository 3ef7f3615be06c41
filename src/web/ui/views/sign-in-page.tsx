// The sign-in page: the company's OpenID Connect provider, and in demo mode the persona picker.
import { CsrfField } from './layout.js';

export interface PersonaChoice {
  key: string;
  role: string;
  login: string;
  name: string;
  title?: string;
}

export function SignInPage(p: {
  next: string;
  csrf: string;
  oidcLabel?: string;
  personas: PersonaChoice[];
  problem?: string;
}) {
  return (
    <>
      <h1>Sign in to Warden</h1>
      {p.problem && (
        <p role="alert" class="problem">
          {p.problem}
        </p>
      )}
      {p.oidcLabel && (
        <section aria-labelledby="oidc-h">
          <h2 id="oidc-h">Company sign-in</h2>
          <p>
            <a class="button" href={`/auth/oidc/start?next=${encodeURIComponent(p.next)}`}>
              Sign in with {p.oidcLabel}
            </a>
          </p>
        </section>
      )}
      {p.personas.length > 0 && (
        <section aria-labelledby="demo-h">
          <h2 id="demo-h">Demo personas</h2>
          <p>
            This Warden runs the Acme demo company, so you can sign in as one of its people. This picker does not exist
            on a real directory.
          </p>
          <form method="post" action="/auth/demo" class="personas">
            <CsrfField csrf={p.csrf} />
            <input type="hidden" name="next" value={p.next} />
            <fieldset>
              <legend>Sign in as</legend>
              {p.personas.map((x, i) => (
                <div class="radio">
                  <input type="radio" id={`persona-${x.key}`} name="persona" value={x.key} required checked={i === 0} />
                  <label for={`persona-${x.key}`}>
                    <strong>{x.role}</strong>: {x.name}
                    {x.title ? `, ${x.title}` : ''} <span class="muted">{x.login}</span>
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit">Sign in</button>
          </form>
        </section>
      )}
      {!p.oidcLabel && p.personas.length === 0 && (
        <p>
          No sign-in method is configured. Set <code>WARDEN_OIDC_ISSUER</code> and <code>WARDEN_OIDC_CLIENT_ID</code>{' '}
          (and <code>WARDEN_OIDC_CLIENT_SECRET</code> for a confidential client) to sign in with your identity provider.
        </p>
      )}
    </>
  );
}

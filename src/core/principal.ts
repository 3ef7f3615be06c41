// Who is calling: the client (agent, web app, CLI) and, when known, the person it acts for.

/** How the caller proved who it is. */
export type AuthMethod = 'api_key' | 'jwt' | 'stdio' | 'session' | 'cli' | 'system';

/** A person in the directory, as far as the caller's credentials say. */
export interface PersonRef {
  /** Directory user id (Okta `00u…` or the local id). */
  id: string;
  login: string;
  displayName?: string;
}

/**
 * Every call carries a principal. `kind: 'agent'` is an automated client (an LLM agent, the
 * helpdesk assistant): it may ask but never approve. `kind: 'person'` is a human signed in
 * directly (web inbox, REST API as a person, CLI operator). `kind: 'system'` is Warden itself
 * (executor, scheduled jobs).
 */
export interface Principal {
  kind: 'agent' | 'person' | 'system';
  /** Client id from the policy's `clients` section (e.g. `claude-desktop`, `helpdesk-assistant`). */
  clientId: string;
  /** The person the client acts for, or the person themselves when kind is 'person'. */
  person?: PersonRef;
  auth: AuthMethod;
}

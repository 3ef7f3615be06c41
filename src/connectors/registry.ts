// The connected apps: the connectors file (hot-reloaded; a bad edit keeps the last good set) plus the demo app, as SCIM clients.
import type { Logger } from 'pino';
import type { ConnectorDefinition, ConnectorWriter } from '../core/connectors.js';
import { watchFiles } from '../policies/watch-files.js';
import { formatConnectorErrors, loadConnectorsFile } from './connectors-file.js';
import { createScimClient, type ScimClient } from './scim/scim-client.js';
import type { ScimHttpOptions } from './scim/scim-http.js';

export interface Connector {
  def: ConnectorDefinition;
  client: ScimClient;
}

export interface ConnectorRegistryOptions {
  path?: string;
  /** Reads a connector's token from the variable it names (config.connectors.token). */
  token: (name: string) => string | undefined;
  log: Logger;
  watch?: boolean;
  /** Built-in apps (the demo's in-process "Jira"): definition plus the fetch that reaches it. */
  builtIn?: Array<{ def: ConnectorDefinition; fetch: (req: Request) => Promise<Response> }>;
  /** Retry tuning for tests and benches. */
  http?: Pick<ScimHttpOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'>;
  onReload?: (r: { ok: boolean; apps: string[]; error?: string }) => void;
}

export interface ConnectorRegistry {
  all(): Connector[];
  /** The connector for a directory app (by label or name, any case). */
  forApp(app: { label?: string; name?: string } | string): Connector | undefined;
  close(): void;
}

/** Loads the connectors file (throws with positioned errors when the first load fails) and watches it. */
export function createConnectorRegistry(o: ConnectorRegistryOptions): ConnectorRegistry {
  const build = (def: ConnectorDefinition, fetch?: (req: Request) => Promise<Response>): Connector => ({
    def,
    client: createScimClient({
      app: def.app,
      baseUrl: def.url.replace(/\/+$/, ''),
      token: def.tokenEnv ? o.token(def.tokenEnv) : undefined,
      fetch,
      ...o.http,
    }),
  });
  const builtIn = (o.builtIn ?? []).map((b) => build(b.def, b.fetch));
  const load = (): Connector[] => {
    if (!o.path) return [];
    const r = loadConnectorsFile(o.path);
    if (!r.ok) throw new Error(`invalid connectors file:\n${formatConnectorErrors(r.errors)}`);
    for (const d of r.connectors)
      if (d.tokenEnv && !o.token(d.tokenEnv))
        o.log.warn(
          { app: d.app, tokenEnv: d.tokenEnv },
          'connector token variable is not set; calls will be refused by the app',
        );
    return r.connectors.map((d) => build(d));
  };
  let fromFile = load();
  const stop =
    o.path && o.watch
      ? watchFiles([o.path], () => {
          try {
            fromFile = load();
            o.log.info({ apps: fromFile.map((c) => c.def.app) }, 'connectors file reloaded');
            o.onReload?.({ ok: true, apps: fromFile.map((c) => c.def.app) });
          } catch (err) {
            o.log.error(
              { error: (err as Error).message },
              'connectors file reload failed; keeping the last good connectors',
            );
            o.onReload?.({ ok: false, apps: fromFile.map((c) => c.def.app), error: (err as Error).message });
          }
        })
      : undefined;
  const all = () => [...builtIn, ...fromFile];
  return {
    all,
    forApp(app) {
      const names = (typeof app === 'string' ? [app] : [app.label, app.name])
        .filter(Boolean)
        .map((s) => s!.toLowerCase());
      return all().find((c) => names.includes(c.def.app.toLowerCase()));
    },
    close: () => stop?.(),
  };
}

/** A connector's writer is handed out only to the downstream step of the executor. */
export const writerOf = (c: Connector): ConnectorWriter => c.client;

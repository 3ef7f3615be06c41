// API keys and the meta key-value table on the shared SQL surface.
import { randomUUID } from 'node:crypto';
import type { ApiKeyRecord, Store } from '../../core/store.js';
import type { SqlExecutor } from './driver.js';
import { assignDefined, isoValue, textValue } from './values.js';

type KeyMetaOps = Pick<
  Store,
  'createApiKey' | 'findApiKeyByHash' | 'listApiKeys' | 'revokeApiKey' | 'getMeta' | 'setMeta'
>;

function keyFromRow(row: Record<string, unknown>): ApiKeyRecord {
  const out: ApiKeyRecord = {
    id: String(row.id),
    clientId: String(row.client_id),
    keyHash: String(row.key_hash),
    prefix: String(row.prefix),
    createdAt: isoValue(row.created_at) ?? '',
  };
  return assignDefined(out, {
    createdBy: textValue(row.created_by),
    personLogin: textValue(row.person_login),
    revokedAt: isoValue(row.revoked_at),
  });
}

export function keyMetaOps(db: SqlExecutor): KeyMetaOps {
  return {
    async createApiKey({ clientId, keyHash, prefix, createdBy, personLogin }) {
      const id = `key_${randomUUID()}`;
      await db.run(
        'INSERT INTO api_keys (id, client_id, key_hash, prefix, created_by, person_login, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [id, clientId, keyHash, prefix, createdBy ?? null, personLogin ?? null, new Date().toISOString()],
      );
      return keyFromRow((await db.get('SELECT * FROM api_keys WHERE id = ?', [id]))!);
    },
    async findApiKeyByHash(hash) {
      const row = await db.get('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL', [hash]);
      return row ? keyFromRow(row) : null;
    },
    async listApiKeys() {
      return (await db.all('SELECT * FROM api_keys ORDER BY created_at, id')).map(keyFromRow);
    },
    async revokeApiKey(id) {
      return (
        (await db.run('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
          new Date().toISOString(),
          id,
        ])) === 1
      );
    },
    async getMeta(key) {
      const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
      return row ? row.value : null;
    },
    async setMeta(key, value) {
      await db.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
  };
}

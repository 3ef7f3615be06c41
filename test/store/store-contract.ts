// The Store contract: one suite, run against every implementation through a harness factory.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewAccessRequest, Store } from '../../src/core/store.js';
import { MIGRATIONS } from '../../src/store/index.js';
import type { Harness, HarnessFactory } from './harness.js';

export const newRequest = (over: Partial<NewAccessRequest> = {}): NewAccessRequest => ({
  status: 'pending',
  tool: 'request_group_add',
  payload: { groupId: '00g1', userId: '00u1', nested: { list: [1, 'two', null] } },
  requesterClient: 'claude-desktop',
  requesterPerson: 'ann@acme.test',
  subject: '00u1',
  resource: 'group:00g1',
  reason: 'JIRA-123 needs access to deploy',
  policyHash: 'abc123',
  expiresAt: '2030-01-01T00:00:00.000Z',
  ...over,
});

export function storeContract(name: string, factory: HarnessFactory): void {
  describe(`Store contract: ${name}`, () => {
    let h: Harness;
    let store: Store;
    beforeEach(async () => {
      h = await factory();
      store = h.store;
    });
    afterEach(async () => h.dispose());

    describe('migrations', () => {
      it('records every migration once and re-running applies nothing', async () => {
        expect(await store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await store.migrate()).toEqual({ applied: [] });
        const other = await h.openAnother();
        expect(await other.migrate()).toEqual({ applied: [] });
        expect(await store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
      });
    });

    describe('api keys', () => {
      it('finds an active key by hash, lists keys, and stops finding it once revoked', async () => {
        const key = await store.createApiKey({
          clientId: 'cursor',
          keyHash: 'h1',
          prefix: 'wdn_ab12',
          createdBy: 'ops@acme.test',
        });
        await store.createApiKey({ clientId: 'other', keyHash: 'h2', prefix: 'wdn_cd34' });
        expect(key).toMatchObject({
          clientId: 'cursor',
          keyHash: 'h1',
          prefix: 'wdn_ab12',
          createdBy: 'ops@acme.test',
        });
        expect(key.revokedAt).toBeUndefined();
        expect(await store.findApiKeyByHash('h1')).toEqual(key);
        expect(await store.findApiKeyByHash('nope')).toBeNull();
        expect((await store.listApiKeys()).map((k) => k.clientId).sort()).toEqual(['cursor', 'other']);
        expect(await store.revokeApiKey(key.id)).toBe(true);
        expect(await store.revokeApiKey(key.id)).toBe(false);
        expect(await store.findApiKeyByHash('h1')).toBeNull();
        expect((await store.listApiKeys()).find((k) => k.id === key.id)?.revokedAt).toMatch(/^\d{4}-/);
      });
      it('rejects a second key with the same hash', async () => {
        await store.createApiKey({ clientId: 'a', keyHash: 'same', prefix: 'p' });
        await expect(store.createApiKey({ clientId: 'b', keyHash: 'same', prefix: 'p' })).rejects.toThrow();
      });
    });

    describe('meta', () => {
      it('stores, overwrites and reads values', async () => {
        expect(await store.getMeta('cursor')).toBeNull();
        await store.setMeta('cursor', '1');
        await store.setMeta('cursor', '2');
        expect(await store.getMeta('cursor')).toBe('2');
      });
    });

    describe('access requests', () => {
      it('round-trips every field', async () => {
        const decision = { effect: 'approval', steps: [{ id: 'mgr', count: 1 }] };
        const row = await store.insertRequest(
          newRequest({ id: 'req_1', decision, grantExpiresAt: '2030-02-01T00:00:00Z' }),
        );
        expect(row).toMatchObject({
          id: 'req_1',
          status: 'pending',
          version: 1,
          decision,
          grantExpiresAt: '2030-02-01T00:00:00.000Z',
        });
        expect(row.payload).toEqual(newRequest().payload);
        expect(await store.getRequest('req_1')).toEqual(row);
        expect(await store.getRequest('missing')).toBeNull();
      });

      it('updates only at the expected version and bumps it', async () => {
        const row = await store.insertRequest(newRequest());
        expect(await store.updateRequest(row.id, 1, { status: 'approved', failureReason: 'x' })).toBe(true);
        expect(await store.updateRequest(row.id, 1, { status: 'denied' })).toBe(false);
        const after = await store.getRequest(row.id);
        expect(after).toMatchObject({ status: 'approved', version: 2, failureReason: 'x' });
        expect(await store.updateRequest(row.id, 2, { failureReason: null })).toBe(true);
        expect((await store.getRequest(row.id))?.failureReason).toBeUndefined();
      });

      it('lists and counts with filters', async () => {
        await store.insertRequest(newRequest({ id: 'a', createdAt: '2025-01-01T00:00:00Z' }));
        await store.insertRequest(
          newRequest({
            id: 'b',
            status: 'applied',
            grantExpiresAt: '2025-01-02T00:00:00Z',
            createdAt: '2025-01-02T00:00:00Z',
          }),
        );
        await store.insertRequest(
          newRequest({ id: 'c', requesterClient: 'cursor', subject: '00u2', createdAt: '2025-01-03T00:00:00Z' }),
        );
        expect((await store.listRequests()).map((r) => r.id)).toEqual(['c', 'b', 'a']);
        expect((await store.listRequests({ order: 'asc', limit: 2 })).map((r) => r.id)).toEqual(['a', 'b']);
        expect((await store.listRequests({ status: 'pending' })).map((r) => r.id)).toEqual(['c', 'a']);
        expect((await store.listRequests({ status: ['applied', 'failed'] })).map((r) => r.id)).toEqual(['b']);
        expect((await store.listRequests({ subject: '00u2' })).map((r) => r.id)).toEqual(['c']);
        expect((await store.listRequests({ grantExpiresBefore: '2025-06-01T00:00:00Z' })).map((r) => r.id)).toEqual([
          'b',
        ]);
        expect(
          await store.countRequests({ requesterClient: 'claude-desktop', createdAfter: '2025-01-02T00:00:00Z' }),
        ).toBe(1);
      });

      it('records one decision per approver', async () => {
        const row = await store.insertRequest(newRequest());
        const at = '2025-05-05T10:00:00Z';
        expect(
          await store.insertApproval({
            requestId: row.id,
            approverLogin: 'bob',
            decision: 'approve',
            comment: 'ok',
            at,
          }),
        ).toBe(true);
        expect(await store.insertApproval({ requestId: row.id, approverLogin: 'bob', decision: 'deny', at })).toBe(
          false,
        );
        expect(await store.insertApproval({ requestId: row.id, approverLogin: 'carol', decision: 'deny', at })).toBe(
          true,
        );
        expect(await store.listApprovals(row.id)).toEqual([
          {
            requestId: row.id,
            approverLogin: 'bob',
            decision: 'approve',
            comment: 'ok',
            at: '2025-05-05T10:00:00.000Z',
          },
          { requestId: row.id, approverLogin: 'carol', decision: 'deny', at: '2025-05-05T10:00:00.000Z' },
        ]);
      });

      it('claims only approved requests, once', async () => {
        const row = await store.insertRequest(newRequest());
        expect(await store.claimRequestForExecution(row.id, 'w1')).toBeNull();
        await store.updateRequest(row.id, 1, { status: 'approved' });
        const claimed = await store.claimRequestForExecution(row.id, 'w1');
        expect(claimed).toMatchObject({ status: 'executing', claimedBy: 'w1', version: 3 });
        expect(await store.claimRequestForExecution(row.id, 'w2')).toBeNull();
      });

      it('lets exactly one of many concurrent claimers on two connections win', async () => {
        const other = await h.openAnother();
        for (let round = 0; round < 5; round++) {
          const row = await store.insertRequest(newRequest({ status: 'approved' }));
          const claims = await Promise.all(
            Array.from({ length: 16 }, (_, i) =>
              (i % 2 ? other : store).claimRequestForExecution(row.id, `worker-${i}`),
            ),
          );
          const winners = claims.filter((c) => c !== null);
          expect(winners).toHaveLength(1);
          expect((await store.getRequest(row.id))?.claimedBy).toBe(winners[0]!.claimedBy);
        }
      });
    });

    describe('transactions', () => {
      it('commits on success and rolls back on error', async () => {
        await store.withTransaction(async (tx) => {
          await tx.setMeta('k', 'committed');
          await tx.withTransaction(async (inner) => inner.insertRequest(newRequest({ id: 'in-tx' })));
        });
        await expect(
          store.withTransaction(async (tx) => {
            await tx.setMeta('k', 'rolled back');
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.getMeta('k')).toBe('committed');
        expect(await store.getRequest('in-tx')).not.toBeNull();
      });

      it('keeps concurrent plain calls out of an open transaction', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const tx = store.withTransaction(async (t) => {
          await t.setMeta('k', 'inside');
          await gate;
          throw new Error('abort');
        });
        const outside = store.setMeta('other', 'outside');
        release();
        await expect(tx).rejects.toThrow('abort');
        await outside;
        expect(await store.getMeta('k')).toBeNull();
        expect(await store.getMeta('other')).toBe('outside');
      });
    });
  });
}

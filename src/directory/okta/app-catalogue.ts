// A short-lived cache for the Okta app catalogue (apps, app↔group assignments): configuration only, never access state.
/**
 * What may be cached, and why. Warden's rule for the directory is "no stale cache for access state":
 * whether a person has an app (their AppUser), their group memberships and their status are always read
 * live, because those are what an access answer or an approval rests on. The app catalogue is different:
 * the list of apps (id, name, label, status) and which groups are assigned to which app are configuration
 * that admins change rarely, yet reading them costs one call per app (`/apps/{id}/groups`), and `/apps*`
 * has the smallest rate limit in Okta (100/min on most plans). So those reads are kept for a short TTL
 * (default 60 s; 0 disables) and dropped whenever Warden itself changes the directory.
 *
 * The trade-off: a change made in Okta's admin console to the app list or to an app's group assignments
 * can take up to the TTL to show in Warden's explanations (which group grants an app, which apps a group
 * grants, the app named in a question). It can never make Warden say someone has or lacks access they
 * don't: that comes from the live assignment read. A miss is never trusted (a lookup that finds nothing
 * in the catalogue asks Okta), and callers can ask for a fresh read when the cache cannot explain a live
 * answer (a GROUP-scoped assignment with no matching group).
 *
 * Group owners may be kept here too, but only when a caller asks for them as configuration (`listGroupOwners(id,
 * { catalogue: true })`: "who owns the group that would grant this", in tool explanations). Who may approve a
 * request is always decided on a live read of the owners.
 */
export class AppCatalogue {
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** False when the TTL is 0: every read goes to Okta. */
  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The cached value for `key`, or the result of `load` (kept for the TTL; failures are not kept). */
  get<T>(key: string, load: () => Promise<T>, opts: { fresh?: boolean } = {}): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const hit = this.entries.get(key);
    if (hit && !opts.fresh && hit.expires > this.now()) return hit.value as Promise<T>;
    const value = load();
    const entry = { expires: this.now() + this.ttlMs, value };
    this.entries.set(key, entry);
    // Forget a failed read, unless a newer read (or clear()) has replaced it already.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > 20_000) this.prune();
    return value;
  }

  /** Drops everything: called after each of Warden's own directory changes. */
  clear(): void {
    this.entries.clear();
  }

  private prune(): void {
    const t = this.now();
    for (const [k, e] of this.entries) if (e.expires <= t) this.entries.delete(k);
  }
}

/**
 * Persistent storage (R-MOB-1): ask the browser not to evict the app's IndexedDB under
 * storage pressure. The answer is shown on the outbox screen.
 */
export type PersistState = 'granted' | 'denied' | 'unsupported';

export async function persistedState(): Promise<PersistState> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'granted' : 'denied';
}

/** Asks once; a browser may decide by itself (installed app, engagement) without a prompt. */
export async function requestPersistence(): Promise<PersistState> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

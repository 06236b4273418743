/**
 * The workspace kept in the browser's Origin Private File System, so data survives reloads and
 * browser restarts without leaving the computer. The whole workspace is written as one snapshot
 * (the same file format as «Экспорт рабочей области») after each change: first to a temporary file,
 * then moved over the old one, so a tab closed mid-write leaves the previous snapshot intact.
 */
const FILE = 'workspace.orientir';
const TEMP = 'workspace.orientir.tmp';

async function root(): Promise<FileSystemDirectoryHandle | undefined> {
  if (!('storage' in navigator) || typeof navigator.storage.getDirectory !== 'function') return undefined;
  return navigator.storage.getDirectory();
}

/** The saved snapshot, or null when there is none (first start, or storage unavailable). */
export async function loadSnapshot(): Promise<Uint8Array | null> {
  const dir = await root();
  if (!dir) return null;
  try {
    const handle = await dir.getFileHandle(FILE);
    return new Uint8Array(await (await handle.getFile()).arrayBuffer());
  } catch (e) {
    if (e instanceof DOMException && e.name === 'NotFoundError') return null;
    throw e;
  }
}

/** Writes a snapshot atomically (temp file, then move). Throws when storage is unavailable or full. */
export async function saveSnapshot(bytes: Uint8Array): Promise<void> {
  const dir = await root();
  if (!dir) throw new Error('Хранилище браузера (OPFS) недоступно: данные останутся только до закрытия вкладки.');
  const temp = await dir.getFileHandle(TEMP, { create: true });
  const writable = await temp.createWritable();
  await writable.write(bytes as Uint8Array<ArrayBuffer>);
  await writable.close();
  const movable = temp as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
  if (typeof movable.move === 'function') {
    await movable.move(FILE);
  } else {
    const target = await (await dir.getFileHandle(FILE, { create: true })).createWritable();
    await target.write(bytes as Uint8Array<ArrayBuffer>);
    await target.close();
    await dir.removeEntry(TEMP);
  }
}

/**
 * Makes this tab the workspace owner with the Web Locks API. Returns false when another tab holds
 * it (this tab is then read-only) unless `takeOver` steals the lock from that tab; `onLost` is
 * called if another tab later takes it over from this one.
 */
export function claimWorkspace(takeOver = false, onLost: () => void = () => {}): Promise<boolean> {
  if (!('locks' in navigator)) return Promise.resolve(true);
  return new Promise((resolve) => {
    let granted = false;
    navigator.locks
      .request('orientir-workspace', takeOver ? { steal: true } : { ifAvailable: true }, (lock) => {
        granted = lock !== null;
        resolve(granted);
        // Held for the life of the tab.
        return lock ? new Promise<void>(() => {}) : undefined;
      })
      .catch(() => {
        // A stolen lock rejects the holder's request: the other tab owns the workspace now.
        if (granted) onLost();
        else resolve(false);
      });
  });
}

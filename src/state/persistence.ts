/**
 * The workspace kept in the browser's Origin Private File System, so data survives reloads and
 * browser restarts without leaving the computer. It is a split workspace (src/db/split-workspace.ts)
 * in the OPFS folder `workspace/`: a summary file, one file of student rows per import, and the
 * manifest naming them, written last (first to a temporary file, then moved over the old one), so
 * a tab closed mid-save leaves the previous state. Student files are handed to DuckDB as `File`s:
 * their bytes are read by the worker in slices, never copied into the page.
 */
import type { Engine } from '../db/engine.ts';
import type { FileStore } from '../db/split-workspace.ts';

const FOLDER = 'workspace';
/** The single-file snapshot earlier versions kept: read once and converted. */
const LEGACY_FILE = 'workspace.orientir';
const LEGACY_TEMP = 'workspace.orientir.tmp';

const UNAVAILABLE = 'Хранилище браузера (OPFS) недоступно: данные останутся только до закрытия вкладки.';

async function root(): Promise<FileSystemDirectoryHandle | undefined> {
  if (!('storage' in navigator) || typeof navigator.storage.getDirectory !== 'function') return undefined;
  return navigator.storage.getDirectory();
}

const notFound = (e: unknown) => e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

async function writeFile(dir: FileSystemDirectoryHandle, name: string, bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    if (bytes instanceof Uint8Array) await writable.write(bytes as Uint8Array<ArrayBuffer>);
    else for await (const part of bytes) await writable.write(part as Uint8Array<ArrayBuffer>);
    await writable.close();
  } catch (e) {
    await writable.abort().catch(() => undefined);
    throw e;
  }
}

/** Hands a file to DuckDB where it lies (the browser engine), or its bytes (any other engine). */
async function registerPart(engine: Engine, as: string, f: File): Promise<void> {
  if (engine.registerBlob) await engine.registerBlob(as, f);
  else await engine.registerFile(as, new Uint8Array(await f.arrayBuffer()));
}

/** The OPFS folder of the workspace as a FileStore; undefined when the browser has no OPFS. */
export async function opfsStore(): Promise<FileStore | undefined> {
  const top = await root().catch(() => undefined);
  if (!top) return undefined;
  const dir = await top.getDirectoryHandle(FOLDER, { create: true });
  const file = async (name: string) => {
    try {
      return await (await dir.getFileHandle(name)).getFile();
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  };
  return {
    async read(name) {
      const f = await file(name);
      return f ? new Uint8Array(await f.arrayBuffer()) : null;
    },
    write: (name, bytes) => writeFile(dir, name, bytes),
    async writeAtomic(name, bytes) {
      const temp = `${name}.tmp`;
      await writeFile(dir, temp, bytes);
      const movable = (await dir.getFileHandle(temp)) as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
      if (typeof movable.move === 'function') {
        await movable.move(name);
      } else {
        // Without move(), createWritable still commits on close() only: a reader sees old or new.
        await writeFile(dir, name, bytes);
        await dir.removeEntry(temp);
      }
    },
    async remove(name) {
      await dir.removeEntry(name).catch((e: unknown) => {
        if (!notFound(e)) throw e;
      });
    },
    async list() {
      const names: string[] = [];
      for await (const name of (dir as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return names;
    },
    async register(engine, name, as) {
      const f = await file(name);
      if (!f) throw new Error(`Сохранённая рабочая область повреждена: нет файла ${name}.`);
      await registerPart(engine, as, f);
    },
    async source(name) {
      const f = await file(name);
      if (!f) return null;
      return {
        size: f.size,
        read: async (start, end) => new Uint8Array(await f.slice(start, end).arrayBuffer()),
        // A slice of a File is a reference to the same bytes on disk, not a copy.
        register: (engine, as, start, end) => registerPart(engine, as, new File([f.slice(start, end)], as)),
      };
    },
  };
}

/** The FileStore of the workspace; throws a Russian message when the browser has no OPFS. */
export async function requireStore(): Promise<FileStore> {
  const store = await opfsStore();
  if (!store) throw new Error(UNAVAILABLE);
  return store;
}

/** The single-file snapshot of an earlier version, or null when there is none. */
export async function loadLegacySnapshot(): Promise<Uint8Array | null> {
  const dir = await root().catch(() => undefined);
  if (!dir) return null;
  try {
    return new Uint8Array(await (await (await dir.getFileHandle(LEGACY_FILE)).getFile()).arrayBuffer());
  } catch (e) {
    if (notFound(e)) return null;
    throw e;
  }
}

/** Deletes the earlier version's snapshot once it is converted. */
export async function removeLegacySnapshot(): Promise<void> {
  const dir = await root();
  if (!dir) return;
  for (const name of [LEGACY_FILE, LEGACY_TEMP]) await dir.removeEntry(name).catch(() => undefined);
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

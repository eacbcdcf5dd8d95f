export function getLoadablePath(): string;
export function load(db: { loadExtension(path: string): unknown }): void;

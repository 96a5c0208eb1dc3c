import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, EngineSettings } from './engine';
import { SEVERITIES, SeveritySetting } from './rules/types';

/** Turns whatever the client sent for `tlsLens` into valid engine settings (bad values fall back to defaults). */
export function normalizeSettings(raw: unknown): EngineSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const int = (v: unknown, d: number, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.floor(v) : d);
  const rules: Record<string, SeveritySetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && (SEVERITIES as readonly string[]).includes(sev)) rules[id] = sev as SeveritySetting;
    }
  }
  const y = (r.yaml && typeof r.yaml === 'object' ? r.yaml : {}) as Record<string, unknown>;
  const schemas: Record<string, string> = {};
  if (y.schemas && typeof y.schemas === 'object') {
    for (const [glob, target] of Object.entries(y.schemas as Record<string, unknown>)) if (typeof target === 'string') schemas[glob] = target;
  }
  const n = (r.nginx && typeof r.nginx === 'object' ? r.nginx : {}) as Record<string, unknown>;
  const nginx = {
    profile: n.profile === 'modern' ? ('modern' as const) : ('intermediate' as const),
    version: typeof n.version === 'string' && /^\d+(\.\d+){0,2}$/.test(n.version) ? n.version : DEFAULT_SETTINGS.nginx.version,
    prefix: typeof n.prefix === 'string' && n.prefix ? n.prefix : DEFAULT_SETTINGS.nginx.prefix,
    openssl: typeof n.openssl === 'string' && /^\d+(\.\d+){0,2}$/.test(n.openssl) ? n.openssl : DEFAULT_SETTINGS.nginx.openssl,
  };
  return {
    nginx,
    yaml: { schemaValidation: y.schemaValidation !== false, schemas },
    expiryWarningDays: int(r.expiryWarningDays, DEFAULT_SETTINGS.expiryWarningDays, 0),
    rules,
    maxFileSizeKB: int(r.maxFileSizeKB, DEFAULT_SETTINGS.maxFileSizeKB, 1),
  };
}

/** Settings pulled from the client with workspace/configuration, cached per resource until they change. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<EngineSettings>>();
  private pull = false;

  constructor(private readonly connection: Connection) {}

  setCanPull(v: boolean): void {
    this.pull = v;
  }

  get canPull(): boolean {
    return this.pull;
  }

  get(uri: string): Promise<EngineSettings> {
    if (!this.pull) return Promise.resolve(DEFAULT_SETTINGS);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'tlsLens' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}

/**
 * Setting defaults, written once: in the extension manifest (package.json,
 * `contributes.configuration`), which VS Code shows and the README's settings table is generated
 * from. The engine, the language server and the CLI read them from here.
 */
import manifest from '../../package.json';

type Properties = Record<string, { default?: unknown }>;
const properties = (manifest.contributes.configuration as unknown as { properties: Properties }).properties;

function defaultOf<T>(key: string, check: (v: unknown) => v is T): T {
  const v = properties[`tlsLens.${key}`]?.default;
  if (!check(v)) throw new Error(`package.json: tlsLens.${key} has no valid default`);
  return v;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

export const DEFAULTS = {
  expiryWarningDays: defaultOf('expiryWarningDays', isNumber),
  maxFileSizeKB: defaultOf('maxFileSizeKB', isNumber),
  analysisBudgetMs: defaultOf('analysisBudgetMs', isNumber),
  yamlSchemaValidation: defaultOf('yaml.schemaValidation', isBoolean),
  nginxProfile: defaultOf('nginx.profile', (v): v is 'intermediate' | 'modern' => v === 'intermediate' || v === 'modern'),
  nginxVersion: defaultOf('nginx.version', isString),
  nginxOpenssl: defaultOf('nginx.openssl', isString),
  nginxPrefix: defaultOf('nginx.prefix', isString),
  renderTimeoutSeconds: defaultOf('helm.timeoutSeconds', isNumber),
  helmPath: defaultOf('helm.path', isString),
  helmEnabled: defaultOf('helm.enabled', isBoolean),
  kubectlPath: defaultOf('kubectl.path', isString),
} as const;

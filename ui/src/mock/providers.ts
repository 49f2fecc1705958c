// The fake backend's translation providers (Settings → Translation) and its simulated
// machine-translation failures (?mtFail=quota|network|bad_key).
import type { ProviderConfig, ProvidersInfo } from "../api";
import { params, store } from "./data";

export function mtFail(): void {
  const f = params.get("mtFail");
  if (f === "quota") throw { code: "mt_quota", message: "provider 'deepl': the translation quota is used up (HTTP 456): wait for the next billing period, raise the limit in the provider's account, or use another provider" };
  if (f === "network") throw { code: "mt_network", message: "provider 'local-llm' cannot be reached at http://127.0.0.1:8080/v1: connection refused; check the network connection, or the URL with `quickreply providers list`" };
  if (f === "bad_key") throw { code: "mt_bad_key", message: "provider 'deepl' refused the API key (HTTP 403): check it and store it again with `quickreply providers key deepl`" };
}

export function list(): ProvidersInfo {
  return { providers: structuredClone(store.providers), default_provider: store.defaultProvider, cache_entries: 1284, billed_chars: 48210 };
}

export function save(a: { config: ProviderConfig; key: string | null }): ProviderConfig {
  const c = a.config;
  if (!c.name.trim() || /\s/.test(c.name)) throw { code: "invalid", message: `'${c.name}' is not a provider name: use one word, e.g. deepl or local-llm` };
  if (c.url && !/^https?:\/\//.test(c.url)) throw { code: "invalid", message: `'${c.url}' is not a URL: start it with http:// or https://` };
  const old = store.providers.find((p) => p.name === c.name);
  const saved = { ...c, has_key: (old?.has_key ?? false) || !!(a.key && String(a.key).trim()) };
  store.providers = old ? store.providers.map((p) => (p === old ? saved : p)) : [...store.providers, saved];
  return structuredClone(saved);
}

export function test(a: { name: string }): string {
  mtFail();
  const p = store.providers.find((x) => x.name === a.name);
  if (!p) throw { code: "invalid", message: `there is no provider '${a.name}'` };
  if (p.kind !== "openai" && !p.has_key)
    throw { code: "mt_no_key", message: `provider '${p.name}' needs an API key and none is set: run \`quickreply providers key ${p.name}\` and paste the key` };
  if (p.kind === "openai")
    throw { code: "mt_network", message: `provider '${p.name}' cannot be reached at ${p.url}: connection refused; check the network connection, or the URL with \`quickreply providers list\`` };
  return p.kind === "deepl" ? "DeepL API Free: 48 210 of 500 000 characters used this period" : "Google Cloud Translation: OK (133 languages)";
}

export function setDefault(a: { name: string | null }): null {
  if (a.name && !store.providers.some((p) => p.name === a.name)) throw { code: "invalid", message: `there is no provider '${a.name}'` };
  store.defaultProvider = a.name ?? null;
  return null;
}

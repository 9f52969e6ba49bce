// One-off: dumps every strings module's English or German object, with functions called on markers.
const lang = process.argv[2]!;
Object.defineProperty(globalThis, 'navigator', { value: { language: lang }, configurable: true });
const mods: [string, string, string][] = [
  ['common', '', 'tab/src/strings.ts'],
  ['personal', 'dashboard', 'tab/src/components/dashboardStrings.ts'],
  ['personal', 'goalForm', 'tab/src/components/goalFormStrings.ts'],
  ['personal', 'booking', 'tab/src/components/Booking/strings.ts'],
  ['personal', 'commitments', 'tab/src/components/Commitments/strings.ts'],
  ['personal', 'ledger', 'tab/src/components/Ledger/strings.ts'],
  ['shared', 'agendaForm', 'tab/src/components/AgendaItemForm/strings.ts'],
  ['shared', 'consent', 'tab/src/components/consent/strings.ts'],
  ['meeting', '', 'tab/src/pages/Meeting/strings.ts'],
  ['config', '', 'tab/src/pages/Config/strings.ts'],
  ['admin', '', 'tab/src/pages/Admin/strings.ts'],
  ['admin', 'rollout', 'tab/src/pages/Admin/rolloutStrings.ts'],
];
const suspicious: string[] = [];
const params: Record<string, string[]> = {};
function conv(v: unknown, path: string): unknown {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x, i) => conv(x, `${path}.${i}`));
  if (typeof v === 'function') {
    const src = v.toString();
    const m = /^\(?([^)=]*)\)?\s*=>/.exec(src);
    const names = m ? m[1]!.split(',').map((s) => s.trim().replace(/[?:].*$/, '')).filter(Boolean) : [];
    params[path] = names;
    const body = src.slice(m ? m[0].length : 0);
    if (/[?]|===|\.length|toLocale|Intl|\.join|\.map|if\s*\(|plural|select/.test(body)) suspicious.push(`${path}: ${src}`);
    try { return v(...names.map((n) => `{${n}}`)); } catch { suspicious.push(`THROWS ${path}: ${src}`); return `MANUAL ${src}`; }
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, conv(x, `${path}.${k}`)]));
  return v;
}
(async () => {
  const out: Record<string, Record<string, unknown>> = {};
  const { de } = await import('../../tab/src/strings.de');
  for (const [ns, section, file] of mods) {
    const mod = await import(`../../${file}`);
    let obj: unknown;
    if (file.endsWith('tab/src/strings.ts')) obj = lang === 'de' ? de : mod.en;
    else obj = Object.entries(mod).find(([k, v]) => !k.endsWith('En') && typeof v === 'object')![1];
    const c = conv(obj, `${ns}.${section}`) as Record<string, unknown>;
    out[ns] = { ...(out[ns] ?? {}), ...(section ? { [section]: c } : c) };
  }
  const fs = await import('node:fs');
  for (const [ns, v] of Object.entries(out)) {
    fs.mkdirSync(`tab/src/i18n/messages/${lang}`, { recursive: true });
    if (0) fs.writeFileSync(`tab/src/i18n/messages/${lang}/${ns}.json`, JSON.stringify(v, null, 2) + '\n');
  }
  fs.writeFileSync(`/tmp/params-${lang}.json`, JSON.stringify(params));
})();

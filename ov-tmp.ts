import { DPP_RULES } from './lib/checks/rule-table';
const by = new Map<string, string[]>();
for (const r of DPP_RULES) if (r.clauses.includes('DPP-ES-2') || r.clauses.includes('DPP-NP-1')) for (const t of r.resourceTypes) by.set(t + ' ' + (r.clauses.includes('DPP-ES-2') ? 'key' : 'public'), [...(by.get(t + ' ' + (r.clauses.includes('DPP-ES-2') ? 'key' : 'public')) ?? []), r.id]);
for (const [t, ids] of by) if (ids.length > 1) console.log(t, ids.join(','));
console.log(DPP_RULES.length, 'rules');

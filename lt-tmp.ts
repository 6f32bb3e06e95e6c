import { governedResourceTypes } from './test/checks/spec-coverage/governed-types';
import { judgedResourceTypes, OUT_OF_SCOPE } from './lib/checks/coverage';
const judged = new Set(judgedResourceTypes());
for (const g of governedResourceTypes()) {
  if (judged.has(g.type) || OUT_OF_SCOPE[g.type]) continue;
  const parts = [...g.concerns.entries()].map(([c, p]) => `${c.split(' ').slice(-1)[0]}=${p.filter(x=>x.split('.').length<=4).slice(0,5).join(',')}`);
  console.log(g.type, '::', parts.join(' | '));
}

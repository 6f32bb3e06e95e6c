import { governedResourceTypes, Concern } from './test/checks/spec-coverage/governed-types';
const want = process.argv.slice(2);
for (const g of governedResourceTypes()) {
  if (!want.some(w => g.type.startsWith(w))) continue;
  const parts = [...g.concerns.entries()].map(([c, p]) => `${c.split(' ').slice(-1)[0]}=${p.filter(x=>x.split('.').length<=3).slice(0,4).join(',')}`);
  console.log(g.type, '::', parts.join(' | '));
}

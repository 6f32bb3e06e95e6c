import { AssemblyContents, AssemblyResource, AssemblyStack } from './cloud-assembly';
import { FindingLocation } from './evidence-report';
import { compare } from './order';

/** The default child IDs CDK gives the CloudFormation resource of a higher-level construct. */
const DEFAULT_CHILDREN = ['Resource', 'Default'];

/** `Data.template.json:Open2F4367FD`: how a plugin that reads templates names a resource. */
const TEMPLATE_AND_LOGICAL_ID = /^(.+\.json):([A-Za-z0-9]+)$/;

/**
 * Finds the resource a check pack reported, from the path it gave: the construct path of a
 * CloudFormation resource; a construct above resources (an L2 such as `Data/Orders`, whose
 * default child `Resource` is taken, or the only resource below it); or `<template>:<logicalId>`,
 * as CloudFormation Guard names a resource it cannot tie to a construct. A path inside a stack
 * that names no single resource gives the stack and its template alone; any other path gives an
 * empty location.
 */
export function locateFinding(findingPath: string, contents: AssemblyContents): FindingLocation {
  const resource = resourceAt(findingPath, contents);
  const stack = resource
    ? contents.stacks.find((s) => s.name === resource.stack)
    : stackAt(findingPath, contents.stacks);
  if (!stack) return {};
  return {
    stack: stack.name,
    logicalId: resource?.logicalId,
    templateFile: stack.templateFile,
    templateLine: resource?.templateLine,
  };
}

function resourceAt(findingPath: string, contents: AssemblyContents): AssemblyResource | undefined {
  const exact = contents.resources.filter((r) => r.path === findingPath);
  if (exact.length === 1) return exact[0];
  const named = findingPath.match(TEMPLATE_AND_LOGICAL_ID);
  if (named) {
    const stack = onlyOne(contents.stacks.filter((s) => baseName(s.templateFile) === named[1]));
    return contents.resources.find((r) => r.stack === stack?.name && r.logicalId === named[2]);
  }
  const below = contents.resources.filter((r) => r.path.startsWith(`${findingPath}/`));
  if (below.length === 1) return below[0];
  return onlyOne(
    below.filter((r) => DEFAULT_CHILDREN.some((id) => r.path === `${findingPath}/${id}`)),
  );
}

/** The stack a path lies in: the template it names, or the deepest stack whose path holds it. */
function stackAt(findingPath: string, stacks: readonly AssemblyStack[]): AssemblyStack | undefined {
  const named = findingPath.match(TEMPLATE_AND_LOGICAL_ID);
  if (named) return onlyOne(stacks.filter((s) => baseName(s.templateFile) === named[1]));
  return stacks
    .filter((s) => findingPath === s.name || findingPath.startsWith(`${s.name}/`))
    .sort((a, b) => b.name.length - a.name.length || compare(a.name, b.name))[0];
}

function onlyOne<T>(items: readonly T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

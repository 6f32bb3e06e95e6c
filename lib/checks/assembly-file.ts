import * as fs from 'fs';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib';

/**
 * Writes one JSON file at the root of the app's cloud assembly. Every file the DPP pack leaves
 * beside the assembly goes through here.
 */
export function writeAssemblyFile(root: Stage, file: string, content: object): void {
  fs.mkdirSync(root.outdir, { recursive: true });
  fs.writeFileSync(path.join(root.outdir, file), JSON.stringify(content, undefined, 2) + '\n');
}

/** Removes a file the DPP pack left at the root of the app's cloud assembly by an earlier synth. */
export function removeAssemblyFile(root: Stage, file: string): void {
  fs.rmSync(path.join(root.outdir, file), { force: true });
}

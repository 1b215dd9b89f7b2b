/**
 * The Kubernetes manifest of docs/SCALING.md stays valid: every object is checked against the
 * Kubernetes API schema (kubernetes-models: validators generated from the official OpenAPI spec,
 * compiled with ajv), and against the same spec's TypeScript types, which also refuse unknown
 * fields (as `kubectl apply` does with strict field validation). The numbers that must agree
 * (shard count, workers and CPU limit, the image, the volume) are checked too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, type IJob } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim, type IPersistentVolumeClaim } from 'kubernetes-models/v1';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './helpers.js';

const doc = readFileSync(join(ROOT, 'docs/SCALING.md'), 'utf8');

/** The YAML block under `<!-- kubernetes-manifest -->`, as objects. */
function manifest(): Record<string, unknown>[] {
  const match = /<!-- kubernetes-manifest -->\n```yaml\n([\s\S]*?)\n```/.exec(doc);
  if (match === null) throw new Error('docs/SCALING.md has no ```yaml block under <!-- kubernetes-manifest -->');
  return parseAllDocuments(match[1]!).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as Record<string, unknown>;
  });
}

const MODELS = { 'v1/PersistentVolumeClaim': PersistentVolumeClaim, 'batch/v1/Job': Job } as const;
const TYPES = { 'v1/PersistentVolumeClaim': ['IPersistentVolumeClaim', 'kubernetes-models/v1'], 'batch/v1/Job': ['IJob', 'kubernetes-models/batch/v1'] } as const;
type Kind = keyof typeof MODELS;
const kindOf = (object: Record<string, unknown>) => `${String(object['apiVersion'])}/${String(object['kind'])}` as Kind;

/** Problems the API schema finds in an object (kubernetes-models' ajv validators); [] when valid. */
function schemaProblems(object: Record<string, unknown>): string[] {
  const Model = MODELS[kindOf(object)];
  if (Model === undefined) return [`no schema for ${kindOf(object)}`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** Type errors of the objects as typed literals of the API's types: unknown fields, wrong types. */
function typeProblems(objects: readonly Record<string, unknown>[]): string[] {
  const file = join(ROOT, 'tests/cli/__kubernetes-manifest__.ts');
  const source = objects
    .map((object, index) => {
      const [type, module] = TYPES[kindOf(object)];
      return `import type { ${type} as T${index} } from '${module}';\nexport const object${index}: T${index} = ${JSON.stringify(object, null, 2)};\n`;
    })
    .join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  host.readFile = (name) => (name === file ? source : readFile.call(host, name));
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('docs/SCALING.md, Kubernetes', () => {
  const objects = manifest();

  it('the manifest is a PersistentVolumeClaim and two Indexed / plain Jobs, each valid against the Kubernetes API schema', () => {
    expect(objects.map(kindOf)).toEqual(['v1/PersistentVolumeClaim', 'batch/v1/Job', 'batch/v1/Job']);
    for (const object of objects) expect(schemaProblems(object), kindOf(object)).toEqual([]);
  });

  it('has no unknown field and no field of the wrong type (the API types, as strict field validation)', () => {
    expect(typeProblems(objects)).toEqual([]);
  });

  it('the checks catch a broken manifest: a wrong type, a bad enum value, a misspelled field', () => {
    const job = objects[1] as unknown as IJob;
    const broken = (spec: Record<string, unknown>) => ({ ...job, spec: { ...job.spec, ...spec } }) as unknown as Record<string, unknown>;
    expect(schemaProblems(broken({ completions: 'thirty-two' }))).not.toEqual([]);
    expect(schemaProblems(broken({ completionMode: 'Numbered' }))).not.toEqual([]);
    expect(typeProblems([broken({ completionMod: 'Indexed' })]).join('\n')).toMatch(/completionMod.*does not exist in type 'IJobSpec'/);
    const claim = objects[0] as unknown as IPersistentVolumeClaim;
    expect(schemaProblems({ ...claim, spec: { ...claim.spec, accessModes: 'ReadWriteMany' } } as unknown as Record<string, unknown>)).not.toEqual([]);
  });

  it('agrees with itself: shards = completions, --workers = the CPU limit, one image and one volume, the tarball of this version', () => {
    const [claim, shards, merge] = objects as unknown as [IPersistentVolumeClaim, IJob, IJob];
    const container = shards.spec!.template.spec!.containers[0]!;
    const command = container.args!.join(' ');
    expect(command).toContain(`/${shards.spec!.completions}" `);
    expect(command).toContain(`--workers ${container.resources!.limits!['cpu']}`);
    expect(merge.spec!.template.spec!.containers[0]!.image).toBe(container.image);
    for (const job of [shards, merge])
      expect(job.spec!.template.spec!.volumes!.find((volume) => volume.name === 'results')!.persistentVolumeClaim!.claimName).toBe(claim.metadata!.name);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8')) as { version: string };
    expect(doc).toContain(`COPY concert-core-${version}.tgz /tmp/`);
    expect(container.image).toContain(`:${version}`);
  });
});

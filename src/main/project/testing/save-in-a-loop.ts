/**
 * Child process for the kill test: saves a project over and over, each generation a little
 * different and large enough that a kill often lands mid-write, and reports each finished save.
 * Usage: tsx save-in-a-loop.ts PROJECT.json FIRST_GENERATION
 */
import { randomBytes } from 'node:crypto';
import { writeProjectFile } from '../project-io';
import { sampleDocument } from './sample-project';

const [path, first] = process.argv.slice(2);
for (let generation = Number(first); ; generation++) {
  // Random bytes do not compress: about a megabyte of JSON per save.
  const doc = sampleDocument(new Uint8Array(randomBytes(320 * 2400)));
  doc.objects[0].name = `Generation ${generation}`;
  await writeProjectFile(path, doc, new Date().toISOString());
  process.stdout.write(`saved ${generation}\n`);
}

/**
 * Generates src/lib/api-schema.ts from ../docs/openapi.yaml (the REST
 * contract) with openapi-typescript, so the client's wire types and its
 * error-code union have one source.
 *
 *   node scripts/gen-types.mjs           write the file
 *   node scripts/gen-types.mjs --check   fail if the file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(web, '..', 'docs', 'openapi.yaml');
const target = join(web, 'src', 'lib', 'api-schema.ts');

const HEADER = `/**
 * generated, do not edit: \`npm run gen:types\` writes this file from
 * docs/openapi.yaml (openapi-typescript); \`npm run check:types\` fails
 * when it is stale. Use the names in ./types.ts.
 */

`;

const ast = await openapiTS(pathToFileURL(source), { alphabetize: true, enumValues: true });
const generated = HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== generated) {
    console.error('src/lib/api-schema.ts is stale: run `npm run gen:types` and commit it.');
    process.exit(1);
  }
  console.log('src/lib/api-schema.ts is up to date with docs/openapi.yaml.');
} else {
  writeFileSync(target, generated);
  console.log('wrote src/lib/api-schema.ts');
}

// Writes src/api/schema.ts from src/api/openapi.json, the server's OpenAPI document
// (checked against the server by crates/fito-server/tests/contract.rs). With --check it
// writes nothing and fails when the checked-in schema.ts is not what it would write.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';

const web = new URL('../../', import.meta.url);
const source = new URL('src/api/openapi.json', web);
const target = new URL('src/api/schema.ts', web);

const HEADER =
  '// Generated from src/api/openapi.json by `npm run api:types` (openapi-typescript).\n' +
  '// Do not edit: change the server, then see web/README.md, "The API contract".\n\n';

const document = JSON.parse(await readFile(source, 'utf8'));
// The server names operations after their handler functions, so `list`, `get`, `create`
// … repeat across resources; the types are keyed by path and method instead.
for (const item of Object.values(document.paths ?? {})) {
  for (const operation of Object.values(item)) {
    if (operation && typeof operation === 'object') delete operation.operationId;
  }
}
const ast = await openapiTS(document, {
  // `required` in the document, not `default`, says which fields may be left out.
  defaultNonNullable: false,
  // A JSON value the server does not describe further (GeoJSON, details) is `unknown`.
  emptyObjectsUnknown: true,
});
const text = HEADER + astToString(ast);

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(
      'src/api/schema.ts is stale: it is not what src/api/openapi.json generates.\n' +
        'Run `npm run api:types` in web/ and commit the result.',
    );
    process.exit(1);
  }
  console.log('src/api/schema.ts matches src/api/openapi.json');
} else {
  await writeFile(target, text);
  console.log('wrote src/api/schema.ts');
}

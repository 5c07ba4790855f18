/**
 * `npm run api:report`: the public API of every package entry as an API report (api-extractor),
 * checked in under etc/api/. `npm run api:check` (in .ci/run) fails when the built surface differs
 * from the checked-in reports, so every change of the public surface shows in review; run
 * `npm run api:report` to accept it. Needs `npm run build` first (it reads dist/types).
 */
import { join } from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

const ENTRIES: Record<string, string> = {
  core: 'core/index',
  review: 'core/review/index',
  react: 'react/index',
  components: 'components/index',
  server: 'server/index',
  'local-server': 'local-server/index',
};

const root = join(import.meta.dirname, '..');
const update = process.argv.includes('--update');
const changed: string[] = [];
for (const [name, entry] of Object.entries(ENTRIES)) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, 'dist', 'types', `${entry}.d.ts`),
      compiler: { tsconfigFilePath: join(root, 'tsconfig.build.json') },
      apiReport: {
        enabled: true,
        reportFolder: join(root, 'etc', 'api'),
        reportTempFolder: join(root, 'node_modules', '.cache', 'api-report'),
        reportFileName: `${name}.api.md`,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The report is the point; TSDoc style and forgotten exports are not checked here.
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.None },
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      },
    },
    configObjectFullPath: join(root, 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.apiReportChanged) changed.push(name);
  if (!result.succeeded && !result.apiReportChanged) {
    process.stderr.write(`api-extractor failed for ${name}\n`);
    process.exit(1);
  }
}
if (changed.length > 0 && !update) {
  process.stderr.write(
    `The public API changed (${changed.join(', ')}): see node_modules/.cache/api-report/, and run npm run api:report to accept it.\n`,
  );
  process.exit(1);
}
process.stdout.write(
  update
    ? `API reports written${changed.length ? `: ${changed.join(', ')}` : ''}\n`
    : 'API reports match\n',
);

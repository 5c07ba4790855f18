import type { Meta, StoryObj } from '@storybook/react-vite';
import { FilePreview } from '../src/components/index.js';
import {
  binaryFile,
  longTextFile,
  pngFile,
  sampleCode,
  svgFile,
  textFile,
  truncatedTextFile,
} from './support/fixtures.js';

const lastCommit = {
  sha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  message: 'Add the client example\n\nbody',
  authorName: 'Grace Hopper',
  date: new Date(Date.now() - 3 * 3_600_000),
};

const meta = {
  title: 'Presentational/FilePreview',
  component: FilePreview,
  args: {
    path: 'src/client.ts',
    content: textFile('src/client.ts', sampleCode),
    lastCommit,
    onDownload: () => {},
  },
  decorators: [
    (Story) => (
      <div style={{ height: 480 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof FilePreview>;

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default meta;
type Story = StoryObj<typeof meta>;

export const Text: Story = {};
/**
 * Made in `render`, once, not passed in args: args are serialised over Storybook's channel, and
 * 50,000 lines of them made this story the slowest to open.
 */
let largeFile: ReturnType<typeof longTextFile> | undefined;
function fiftyThousandLines(): ReturnType<typeof longTextFile> {
  largeFile ??= longTextFile(50_000);
  return largeFile;
}
export const Large50kLines: Story = {
  args: { path: 'logs/generated.ts' },
  render: (args) => <FilePreview {...args} content={fiftyThousandLines()} />,
};
export const Image: Story = { args: { path: 'assets/logo.png', content: pngFile() } };
export const Svg: Story = { args: { path: 'assets/icon.svg', content: svgFile() } };
export const Binary: Story = { args: { path: 'release/app.zip', content: binaryFile() } };
export const Truncated: Story = {
  args: { path: 'data/large.csv', content: truncatedTextFile(), onLoadAll: () => {} },
};
export const Markup: Story = {
  args: {
    path: 'docs/page.html',
    content: textFile(
      'docs/page.html',
      '<!doctype html>\n<h1 onclick="alert(1)">Shown as text</h1>\n',
    ),
  },
};
export const Loading: Story = { args: { content: undefined, loading: true } };
export const ErrorState: Story = {
  name: 'Error',
  args: { content: undefined, error: new Error('file "src/client.ts" not found at that ref') },
};
export const EmptyFile: Story = { args: { path: 'empty.txt', content: textFile('empty.txt', '') } };
export const NothingSelected: Story = { args: { path: null, content: undefined } };

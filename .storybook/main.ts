import type { StorybookConfig } from '@storybook/react-vite';

// Connected stories read `/gsk/config` and `/gsk/token` from the story backend
// (stories/support/backend.ts); `npm run storybook` starts it and sets GSK_STORY_BACKEND.
const backend = process.env.GSK_STORY_BACKEND;

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => {
    if (backend) {
      vite.server = { ...vite.server, proxy: { '/gsk': { target: backend, changeOrigin: true } } };
    }
    return vite;
  },
};

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default config;

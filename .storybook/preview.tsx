import type { Decorator, Preview } from '@storybook/react-vite';
import '../src/components/styles.css';

/** Every story in light or dark (toolbar), on the theme's own background. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div
      data-theme={theme}
      style={{
        background: 'var(--gsk-bg)',
        color: 'var(--gsk-fg)',
        padding: 16,
        minHeight: '100vh',
        boxSizing: 'border-box',
      }}
    >
      <Story />
    </div>
  );
};

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour theme',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: { layout: 'fullscreen' },
};

// biome-ignore lint/style/noDefaultExport: Storybook reads the default export.
export default preview;

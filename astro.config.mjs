import { defineConfig } from 'astro/config';
import { csvDownloads } from './src/publish/csv-downloads.ts';

export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // Writes the tables' and charts' CSV downloads beside their pages.
  integrations: [csvDownloads()],
});

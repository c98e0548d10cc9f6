import { defineConfig } from 'drizzle-kit';

// Generation only needs the schema; migrations are applied by src/db/migrate.ts on either driver.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema*.ts',
  out: './migrations',
});

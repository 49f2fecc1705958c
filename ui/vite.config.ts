import { defineConfig } from "vitest/config";

// Tauri loads the built files from ui/dist (frontendDist: "../ui/dist").
// `--mode mock` (npm run build:mock) builds a browser-viewable copy with a fake
// backend into ui/dist-mock; the production bundle never contains the mock.
export default defineConfig(({ mode }) => ({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: mode === "mock" ? "dist-mock" : "dist",
    emptyOutDir: true,
    target: "es2021",
    sourcemap: false,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts"],
  },
}));

import { build, buildReason } from '../../scripts/build';

/** Builds dist/ for production when it is missing or older than any of its sources. */
export async function ensureBuilt(): Promise<void> {
  const reason = buildReason();
  if (!reason) return;
  console.log(`[build] ${reason}: vite build`);
  await build();
}

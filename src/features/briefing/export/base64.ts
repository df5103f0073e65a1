/** Bytes as base64, for fonts embedded in a PDF or a picture. */
export function base64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list within the engine's limits.
  for (let i = 0; i < view.length; i += 0x8000)
    binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * What the parent process knows about execution providers without loading onnxruntime: whether the provider the
 * model runs on is a fallback from a GPU provider configured ahead of it, and the one command that fixes that.
 */

const FIXES: Record<string, string> = {
  cuda: '`npm run install-cuda` (needs the NVIDIA driver, CUDA 12 and cuDNN 9; run it again after every `npm ci`, which removes what it fetched)',
  tensorrt: '`npm run install-cuda` (needs the NVIDIA driver, CUDA 12, cuDNN 9 and TensorRT)',
  webgpu: "install a Vulkan driver (Linux: `apt-get install mesa-vulkan-drivers`, or the GPU vendor's driver)",
  dml: 'use the Windows build of onnxruntime-node with DirectML',
  coreml: 'run on macOS',
};

export interface ProviderFallback {
  /** The configured providers that were skipped (those listed before the one in use). */
  wanted: string[];
  used: string;
  /** One line for logs, /info and the health endpoint. */
  message: string;
}

/**
 * The fallback of the bot's own inference, for the log at load and the health report alike: none with Redis (the
 * workers choose their providers on their own machines) or before a model is loaded.
 */
export function inferenceFallback(
  config: { redis: { url?: string | undefined }; models: { executionProviders: readonly string[] } },
  info: { executionProvider: string } | undefined,
): ProviderFallback | undefined {
  return info && !config.redis.url
    ? providerFallback(config.models.executionProviders, info.executionProvider)
    : undefined;
}

/** The configured GPU providers that were passed over for `used`, or undefined when the first choice runs. */
export function providerFallback(
  configured: readonly string[],
  used: string | undefined,
): ProviderFallback | undefined {
  if (!used) return undefined;
  const at = configured.indexOf(used);
  const wanted = (at < 0 ? [...configured] : configured.slice(0, at)).filter((p) => p !== 'cpu');
  if (!wanted.length) return undefined;
  const first = wanted[0]!;
  return {
    wanted,
    used,
    message:
      `EXECUTION_PROVIDERS asks for ${wanted.join(', ')} first, but ${wanted.length > 1 ? 'they are' : 'it is'} not ` +
      `available on this machine, so images are made on ${used}${used === 'cpu' ? ' (much slower)' : ''}. ` +
      `Fix: ${FIXES[first] ?? `install the ${first} provider`}, then restart; or set EXECUTION_PROVIDERS=${used} to ` +
      'silence this warning on a machine without that GPU.',
  };
}

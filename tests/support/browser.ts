import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without these, Chromium keeps dialling Google's services, which this closed network refuses
// many times over, and QUIC probes add noise to every run.
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Software WebGL backends. Both give WebGL2 on this machine (Chromium 156): SwiftShader is the one
 * that works everywhere (tests); llvmpipe through ANGLE's GL-EGL backend renders 2-5x faster, so the
 * benchmark's figures are less dominated by rasterising.
 */
export type GlBackend = 'swiftshader' | 'llvmpipe';
const GL_ARGS: Record<GlBackend, string[]> = {
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  llvmpipe: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'],
};

export interface LaunchOptions {
  gl?: GlBackend;
  headless?: boolean;
  extraArgs?: string[];
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: [...QUIET_ARGS, ...GL_ARGS[opts.gl ?? 'swiftshader'], ...(opts.extraArgs ?? [])],
  });
}

export interface WebGlInfo {
  /** 'webgl2', 'webgl' or null when the canvas holds no WebGL context */
  context: 'webgl2' | 'webgl' | null;
  lost: boolean;
  renderer: string | null;
  vendor: string | null;
}

/**
 * Reads the WebGL context that already lives on `selector`'s canvas. getContext returns the existing
 * context when asked for the same kind, and null for the other kind, which is how the kind is told.
 */
export async function canvasWebGlInfo(page: Page, selector: string): Promise<WebGlInfo> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    if (!(canvas instanceof HTMLCanvasElement)) {
      return { context: null, lost: false, renderer: null, vendor: null };
    }
    const gl2 = canvas.getContext('webgl2');
    const gl: WebGLRenderingContext | WebGL2RenderingContext | null = gl2 ?? canvas.getContext('webgl');
    if (!gl) return { context: null, lost: false, renderer: null, vendor: null };
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    return {
      context: gl2 ? 'webgl2' : 'webgl',
      lost: gl.isContextLost(),
      renderer: String(dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)),
      vendor: String(dbg ? gl.getParameter(dbg.UNMASKED_VENDOR_WEBGL) : gl.getParameter(gl.VENDOR)),
    };
  }, selector);
}

/** The renderer string of a fresh WebGL2 context: what this browser's GPU process actually runs. */
export async function probeRenderer(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    const dbg = gl.getExtension('WEBGL_debug_renderer_info');
    return String(dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  });
}

/**
 * Chromium on the asked WebGL backend, or on SwiftShader when llvmpipe gives no WebGL2 here, with the
 * renderer string it reports.
 */
export async function launchWithWebGl(
  gl: GlBackend,
): Promise<{ browser: Browser; backend: GlBackend; renderer: string }> {
  for (const backend of gl === 'llvmpipe'
    ? (['llvmpipe', 'swiftshader'] as const)
    : (['swiftshader'] as const)) {
    const browser = await launchChromium({ gl: backend });
    const probe = await browser.newPage();
    const renderer = await probeRenderer(probe);
    await probe.close();
    if (renderer) return { browser, backend, renderer };
    console.warn(`[bench] ${backend} gave no WebGL2 context`);
    await browser.close();
  }
  throw new Error('no WebGL2 in this Chromium, neither on llvmpipe nor on SwiftShader');
}

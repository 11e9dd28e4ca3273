// Debian's chromium driven by playwright-core, launched with the flags of
// /work/shared/notes/browser-e2e.md (headless, offline-friendly, fake camera and microphone).
import { chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * The chromium command line flags.
 * @param {{loopbackPeerConnection?: boolean}} [options] loopbackPeerConnection: let WebRTC use
 *   127.0.0.1 host candidates; only for a network namespace that has nothing but `lo`.
 */
export function chromiumArgs({ loopbackPeerConnection = false } = {}) {
  const args = [
    "--no-sandbox", // we run as root
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    // without these, chromium's background connections get refused en masse offline
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-device-for-media-stream", // 640x480 test pattern camera + beeping microphone
    "--use-fake-ui-for-media-stream", // grant camera/microphone without a prompt
  ];
  if (loopbackPeerConnection) args.push("--allow-loopback-in-peer-connection");
  return args;
}

/**
 * Launches chromium. Playwright's own signal handling is off, so that the caller's cleanup
 * (servers, namespaces) runs first; close the browser in a finally block.
 * @param {{loopbackPeerConnection?: boolean, timeoutMs?: number}} [options]
 * @returns {Promise<import("playwright-core").Browser>}
 */
export function launchChromium({ loopbackPeerConnection = false, timeoutMs = 30_000 } = {}) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs({ loopbackPeerConnection }),
    timeout: timeoutMs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

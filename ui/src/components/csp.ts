// The style nonce of this page, for code that has to add a <style> element (CodeMirror's base
// theme, via style-mod). Tauri puts a fresh nonce on every <style> of index.html and adds it to
// the CSP's style-src; index.html carries an empty <style> for that reason. Browsers hide the
// attribute after load, so the `nonce` property is read. "" without a CSP (dev server, tests).
export function styleNonce(doc: Document = document): string {
  const el = doc.querySelector<HTMLStyleElement>("style[nonce], style#csp-nonce");
  const nonce = (el && (el.nonce || el.getAttribute("nonce"))) || "";
  return nonce === "__TAURI_STYLE_NONCE__" ? "" : nonce; // Tauri's placeholder, never replaced: no CSP nonce

}

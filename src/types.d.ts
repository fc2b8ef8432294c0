/** crxjs: importing a content script with `?script&iife` gives the built file's path, for chrome.scripting. */
declare module '*?script&iife' {
  const path: string;
  export default path;
}
declare const __SANDBOX__: boolean;

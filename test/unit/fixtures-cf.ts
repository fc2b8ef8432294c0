/** Cloudflare's encoding: a key byte, then each UTF-8 byte of the address XOR the key, in hex. */
export function cfEncode(email: string, key = 0x5a): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return hex(key) + [...new TextEncoder().encode(email)].map((b) => hex(b ^ key)).join('');
}

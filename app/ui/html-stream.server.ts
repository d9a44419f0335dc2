import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18's streaming renderer pads its output with zero bytes: when a text no longer fits the
 * 2,048-byte buffer it is filling, it sends the whole buffer, unused tail included
 * (`writeStringChunk` in react-dom/server 18.3.1; facebook/react#24985, #31134; fixed in React 19).
 * A Thai character is three bytes, so on a page with Thai text one or two NULs land wherever a
 * character did not fit: nothing shows in text, but in an attribute the browser turns each into
 * U+FFFD, and a form sent back with what the person typed (value="…") showed "สำนักงาน��เขต" — and
 * would have stored it on the next submit. The zeros are only padding (the character goes on in
 * the next buffer), so dropping them gives back what React meant to write. HTML has no use for any
 * other NUL: the data Remix inlines is JSON, which escapes it, and a browser drops one in text or
 * replaces it in an attribute.
 */
export function withoutZeroPadding(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (chunk.indexOf(0) === -1) return callback(null, chunk);
      callback(null, chunk.filter((byte) => byte !== 0));
    },
  });
}
